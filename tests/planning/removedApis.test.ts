import { strict as assert } from "assert";
import { FederationError } from "../../components/errors";
import { planFederation } from "../../components/manifests/plan";
import { Member } from "../../components/planning/members";
import { checkRemovedApiVersions, removedApiVersion } from "../../components/planning/removedApis";
import { planResource } from "../../components/planning/resourcePlan";
import { docs, federated, typeConfig } from "../manifests/helpers";

describe("planning/removedApis: API versions Kubernetes removed, from the generated tables", () => {
    const table: { apiVersion: string; kind: string; message?: string; replacement?: string }[] = [
        { apiVersion: "extensions/v1beta1", kind: "Ingress", message: "Ingress extensions/v1beta1 was removed in Kubernetes 1.22; use networking.k8s.io/v1" },
        { apiVersion: "networking.k8s.io/v1beta1", kind: "Ingress", message: "Ingress networking.k8s.io/v1beta1 was removed in Kubernetes 1.22; use networking.k8s.io/v1" },
        // The tables start at 1.16: what 1.16 no longer served was removed by then.
        { apiVersion: "extensions/v1beta1", kind: "Deployment", message: "Deployment extensions/v1beta1 was removed by Kubernetes 1.16; use apps/v1" },
        { apiVersion: "apps/v1beta1", kind: "Deployment", message: "Deployment apps/v1beta1 was removed by Kubernetes 1.16; use apps/v1" },
        { apiVersion: "apps/v1beta2", kind: "Deployment", message: "Deployment apps/v1beta2 was removed by Kubernetes 1.16; use apps/v1" },
        { apiVersion: "extensions/v1beta1", kind: "DaemonSet", replacement: "apps/v1" },
        { apiVersion: "extensions/v1beta1", kind: "NetworkPolicy", replacement: "networking.k8s.io/v1" },
        { apiVersion: "batch/v1beta1", kind: "CronJob", message: "CronJob batch/v1beta1 was removed in Kubernetes 1.25; use batch/v1" },
        // Its own group first, and its newest version there (v2 over v1).
        { apiVersion: "autoscaling/v2beta2", kind: "HorizontalPodAutoscaler", message: "HorizontalPodAutoscaler autoscaling/v2beta2 was removed in Kubernetes 1.26; use autoscaling/v2" },
        { apiVersion: "events.k8s.io/v1beta1", kind: "Event", replacement: "events.k8s.io/v1" },
        { apiVersion: "rbac.authorization.k8s.io/v1beta1", kind: "ClusterRole", replacement: "rbac.authorization.k8s.io/v1" },
        { apiVersion: "policy/v1beta1", kind: "PodSecurityPolicy", message: "PodSecurityPolicy policy/v1beta1 was removed in Kubernetes 1.25; Kubernetes 1.36 serves no version of PodSecurityPolicy" },
    ];
    for (const c of table) {
        it(`${c.kind} ${c.apiVersion}`, () => {
            const removed = removedApiVersion(c.apiVersion, c.kind);
            assert.ok(removed, "not reported");
            if (c.message) assert.equal(removed.message, c.message);
            if (c.replacement) assert.equal(removed.replacement, c.replacement);
        });
    }

    it("says nothing of what the newest release serves, or of kinds it does not know", () => {
        for (const [apiVersion, kind] of [["apps/v1", "Deployment"], ["networking.k8s.io/v1", "Ingress"], ["autoscaling/v1", "HorizontalPodAutoscaler"], ["v1", "ConfigMap"], ["example.com/v1beta1", "Widget"], ["extensions/v1beta1", "Widget"]]) {
            assert.equal(removedApiVersion(apiVersion, kind), undefined, `${kind} ${apiVersion}`);
        }
    });

    it("warns when a member from oldestKubernetes on may still serve it; refuses it when none can", () => {
        const ingress = { apiVersion: "extensions/v1beta1", kind: "Ingress" };
        const warning = "Ingress extensions/v1beta1 was removed in Kubernetes 1.22; use networking.k8s.io/v1 (a member running 1.22 or later refuses it)";
        assert.deepEqual(checkRemovedApiVersions(ingress, [], undefined, {}), [warning], "the default oldest release, 1.16, still served it");
        assert.deepEqual(checkRemovedApiVersions(ingress, [], 21, {}), [warning], "1.21 is the last release serving it");
        for (const oldest of [22, 30]) {
            assert.throws(
                () => checkRemovedApiVersions(ingress, [], oldest, { resource: 'FederatedResource "web"' }),
                (error: FederationError) =>
                    error instanceof FederationError && error.field === "apiVersion" &&
                    error.message === `FederatedResource "web", field apiVersion: Ingress extensions/v1beta1 was removed in Kubernetes 1.22; use networking.k8s.io/v1. No member can serve it: no Kubernetes release from the federation's oldestKubernetes (1.${oldest}) on does; if a member runs an older release, set oldestKubernetes to that release`,
            );
        }
        // Gone by 1.16: an error at the default oldest release, a warning only when older members are declared.
        assert.throws(() => checkRemovedApiVersions({ apiVersion: "apps/v1beta1", kind: "Deployment" }, [], undefined, {}), /Deployment apps\/v1beta1 was removed by Kubernetes 1\.16; use apps\/v1\. No member can serve it/);
        assert.deepEqual(checkRemovedApiVersions({ apiVersion: "apps/v1beta1", kind: "Deployment" }, [], 15, {}), ["Deployment apps/v1beta1 was removed by Kubernetes 1.16; use apps/v1 (a member running 1.16 or later refuses it)"]);
        assert.deepEqual(checkRemovedApiVersions({ apiVersion: "apps/v1", kind: "Deployment" }, [], 36, {}), []);
    });

    const members: Member[] = [{ name: "c1" }, { name: "c2" }, { name: "c3" }];
    const ingressSpec = { spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } } };

    it("planResource reports the template's version and a per-cluster override's, naming the clusters", () => {
        const base = { resource: 'FederatedResource "web"', name: "web", kind: "Ingress", clusterScoped: false, namespace: "shop", template: ingressSpec, placement: { clusterSelector: {} }, members };
        assert.deepEqual(planResource({ ...base, apiVersion: "extensions/v1beta1" }).warnings, [
            "Ingress extensions/v1beta1 was removed in Kubernetes 1.22; use networking.k8s.io/v1 (a member running 1.22 or later refuses it)",
        ]);
        const overridden = planResource({
            ...base,
            apiVersion: "networking.k8s.io/v1",
            overrides: [{ clusterName: "c2", clusterOverrides: [{ path: "/apiVersion", value: "networking.k8s.io/v1beta1" }] }, { clusterName: "c3", clusterOverrides: [{ path: "/apiVersion", value: "networking.k8s.io/v1beta1" }] }],
        });
        assert.deepEqual(overridden.warnings, ["on c2, c3: Ingress networking.k8s.io/v1beta1 was removed in Kubernetes 1.22; use networking.k8s.io/v1 (a member running 1.22 or later refuses it)"]);
        assert.equal(planResource({ ...base, apiVersion: "networking.k8s.io/v1" }).warnings, undefined, "nothing to say: no warnings field");
        assert.throws(
            () => planResource({ ...base, apiVersion: "networking.k8s.io/v1", oldestKubernetesMinor: 25, overrides: [{ clusterName: "c2", clusterOverrides: [{ path: "/metadata/labels", value: {} }, { path: "/apiVersion", value: "extensions/v1beta1" }] }] }),
            (error: FederationError) => error.cluster === "c2" && error.field === "overrides[0].clusterOverrides[1].value" && /No member can serve it: no Kubernetes release from the federation's oldestKubernetes \(1\.25\)/.test(error.message),
        );
    });

    it("planFederation lists them as warnings naming the document (KubeFed's own chart federates extensions/v1beta1 Ingresses)", () => {
        const documents = docs(
            "fleet.yaml",
            typeConfig("FederatedIngress", { group: "extensions", version: "v1beta1", kind: "Ingress", pluralName: "ingresses", scope: "Namespaced" }),
            federated("FederatedIngress", "web", "shop", { template: { spec: { backend: { serviceName: "web", servicePort: 80 } } }, placement: { clusters: [{ name: "c1" }] } }),
        );
        const plan = planFederation(documents, members);
        assert.deepEqual(plan.warnings, [
            "fleet.yaml document 1 (FederatedIngress shop/web): Ingress extensions/v1beta1 was removed in Kubernetes 1.22; use networking.k8s.io/v1 (a member running 1.22 or later refuses it)",
        ]);
        assert.deepEqual(planFederation(docs("fleet.yaml", federated("FederatedConfigMap", "c", "shop", { template: {}, placement: { clusters: [] } })), members).warnings, []);
        assert.throws(
            () => planFederation(documents, members, { oldestKubernetes: "1.24" }),
            (error: FederationError) => error.resource === "fleet.yaml document 1 (FederatedIngress shop/web)" && error.field === "kind" && /Ingress extensions\/v1beta1 was removed in Kubernetes 1\.22; use networking\.k8s\.io\/v1\. No member can serve it/.test(error.message),
        );
        assert.throws(() => planFederation(documents, members, { oldestKubernetes: "1.x" }), /options\.oldestKubernetes: must be a Kubernetes release as "1\.M"/);
    });
});

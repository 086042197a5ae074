/**
 * Karmada mode's mapping, checked the way that matters: for each scenario, the planner's
 * per-cluster objects (push mode) are computed, the PropagationPolicy and OverridePolicy are made
 * from them, and then Karmada's own rules are played on those policies (cluster affinity ANDed,
 * static weights divided as Karmada divides them, plaintext operations applied to the template).
 * Each member must end up with exactly push mode's object.
 */
import { strict as assert } from "assert";
import { FederationError } from "../../components/errors";
import { karmadaPropagation } from "../../components/karmada/propagationPolicy";
import { karmadaOverridePolicy } from "../../components/karmada/overridePolicy";
import { Member } from "../../components/planning/members";
import { ResourcePlanInput, planResource } from "../../components/planning/resourcePlan";
import { playKarmada } from "./playKarmada";
import { karmadaAdditions, karmadaTemplate } from "../../components/karmada/template";

const members: Member[] = [
    { name: "eu-1", labels: { region: "eu", tier: "prod" } },
    { name: "eu-2", labels: { region: "eu", tier: "prod" } },
    { name: "us-1", labels: { region: "us", tier: "prod" } },
    { name: "us-2", labels: { region: "us", tier: "edge" }, unavailable: true },
    { name: "ap-1", labels: { region: "ap", tier: "edge" } },
];

const deployment = {
    spec: {
        replicas: 1,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27", args: ["--port=80"] }] } },
    },
};

type Scenario = Partial<ResourcePlanInput> & { what: string };
const base = (): ResourcePlanInput => ({ resource: 'FederatedDeployment "web"', name: "web", apiVersion: "apps/v1", kind: "Deployment", clusterScoped: false, namespace: "shop", template: deployment, members, validateSchema: true });

const scenarios: Scenario[] = [
    { what: "a list of clusters, one unavailable", placement: { clusters: ["eu-1", "us-1", "us-2"] } },
    { what: "a selector over every member", placement: { clusterSelector: {} } },
    { what: "a selector by label, within a federated namespace's clusters", placement: { clusterSelector: { matchLabels: { tier: "prod" } } }, namespaceClusters: ["eu-1", "us-1", "ap-1"] },
    { what: "KubeFed JSON patch, a selector entry and a typed patch, in that order", placement: { clusterSelector: { matchExpressions: [{ key: "region", operator: "In", values: ["eu", "us"] }] } }, overrides: [
        { clusterName: "eu-1", clusterOverrides: [{ path: "/spec/template/spec/containers/0/image", value: "nginx:1.28" }, { op: "add", path: "/metadata/annotations", value: { canary: "true" } }] },
        { clusterSelector: { matchLabels: { region: "us" } }, clusterOverrides: [{ op: "remove", path: "/spec/template/spec/containers/0/args" }] },
        { clusterSelector: { matchLabels: { region: "eu" } }, patch: { metadata: { labels: { gdpr: "true" } } } },
    ] as any },
    { what: "Karmada-style overriders", placement: { clusters: ["eu-1", "ap-1"] }, overrides: [
        { clusterName: "ap-1", overriders: { imageOverrider: [{ component: "Registry", operator: "add", value: "mirror.ap.example" }], argsOverrider: [{ containerName: "web", operator: "add", value: ["--cache"] }] } },
    ] as any },
    { what: "KubeFed scheduling with weights and a maximum", placement: { clusterSelector: {} }, scheduling: { totalReplicas: 11, clusters: { "eu-1": { weight: 2, maxReplicas: 3 }, "*": { weight: 1 } } } as any },
    { what: "Karmada static weights by label", placement: { clusterSelector: {} }, scheduling: { totalReplicas: 9, staticWeights: [{ targetCluster: { labelSelector: { matchLabels: { region: "eu" } } }, weight: 2 }, { targetCluster: { clusterNames: ["ap-1"] }, weight: 1 }] } as any },
    { what: "scheduling with a replicas override for one cluster", placement: { clusters: ["eu-1", "eu-2"] }, scheduling: { totalReplicas: 4 } as any, overrides: [{ clusterName: "eu-2", clusterOverrides: [{ path: "/spec/template/spec/containers/0/image", value: "nginx:edge" }] }] as any },
];


describe("Karmada mode: the policies give each member push mode's object", () => {
    for (const scenario of scenarios) {
        it(scenario.what, () => {
            const { what, ...overrides } = scenario;
            void what;
            const input = { ...base(), ...overrides };
            const plan = planResource(input);
            const propagation = karmadaPropagation({
                resource: input.resource, apiVersion: input.apiVersion, kind: input.kind, name: input.name, namespace: input.namespace, clusterScoped: false,
                placement: input.placement, members, clusters: plan.clusters, namespaceClusters: input.namespaceClusters,
                scheduling: input.scheduling, replicas: plan.replicas?.plan,
            });
            const spec = propagation.policy!.spec as any;
            assert.equal(propagation.policy!.kind, "PropagationPolicy");
            assert.deepEqual(spec.resourceSelectors, [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop" }]);

            // The template on Karmada holds the total replicas when Karmada divides them.
            const template = { ...structuredClone(plan.template) } as Record<string, any>;
            const divided = spec.placement.replicaScheduling.replicaSchedulingType === "Divided";
            if (divided) template.spec.replicas = input.scheduling!.totalReplicas;
            const objects = plan.objects.map(({ cluster, object }) => ({ cluster, object }));
            // On Karmada the provider waits for the policy's claim, not for readiness; the first rule removes that again.
            const additions = karmadaAdditions("apps/v1", "Deployment", false);
            assert.deepEqual(additions, [{ map: "annotations", key: "pulumi.com/waitFor", value: "jsonpath={.metadata.labels['propagationpolicy.karmada.io/permanent-id']}" }]);
            const overridePolicy = karmadaOverridePolicy({ resource: input.resource, kind: "Deployment", name: "web", namespace: "shop", clusterScoped: false, template, additions, objects, karmadaOwned: divided ? ["/spec/replicas"] : [] });
            assert.deepEqual(overridePolicy!.spec.overrideRules[0], { overriders: { plaintext: [{ operator: "remove", path: "/metadata/annotations/pulumi.com~1waitFor" }] } });
            const karmada = playKarmada(members, karmadaTemplate(template, "apps/v1", "Deployment", false), spec, overridePolicy);
            assert.deepEqual([...karmada.keys()], plan.clusters, "Karmada places it on push mode's clusters");
            for (const { cluster, object } of plan.objects) assert.deepEqual(karmada.get(cluster), object, `${cluster}'s object`);
        });
    }
});

describe("Karmada mode: what the policies say", () => {
    const propagate = (extra: Partial<Parameters<typeof karmadaPropagation>[0]>) =>
        karmadaPropagation({ resource: 'FederatedConfigMap "c"', apiVersion: "v1", kind: "ConfigMap", name: "c", namespace: "shop", clusterScoped: false, members, clusters: ["eu-1"], ...extra });

    it("placed nowhere (KubeFed's clusters: []): no policy, never an empty clusterNames", () => {
        const result = propagate({ placement: { clusters: [] }, clusters: [] });
        assert.equal(result.policy, undefined);
        assert.match(result.notes[0], /an empty clusterNames would mean every cluster/);
    });

    it("a selector stays a selector (a joining cluster with the labels is selected), unavailable members excluded", () => {
        const result = propagate({ placement: { clusterSelector: { matchLabels: { tier: "edge" } } }, clusters: ["ap-1"] });
        assert.deepEqual((result.policy!.spec as any).placement.clusterAffinity, { labelSelector: { matchLabels: { tier: "edge" } }, exclude: ["us-2"] });
    });

    it("a list wins over a selector, as in KubeFed: only the list is emitted", () => {
        const result = propagate({ placement: { clusters: ["eu-1"], clusterSelector: { matchLabels: { region: "us" } } } });
        assert.deepEqual((result.policy!.spec as any).placement.clusterAffinity, { clusterNames: ["eu-1"] });
    });

    it("cluster-scoped kinds get a ClusterPropagationPolicy; orphan, propagateDeps and conflictResolution map", () => {
        const result = karmadaPropagation({ resource: 'FederatedClusterRole "r"', apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", name: "r", clusterScoped: true, members, clusters: ["eu-1"], placement: { clusters: ["eu-1"] }, orphan: true, propagateDeps: true, conflictResolution: "Overwrite" });
        assert.deepEqual(result.policy, {
            apiVersion: "policy.karmada.io/v1alpha1",
            kind: "ClusterPropagationPolicy",
            metadata: { name: "clusterrole.rbac.authorization.k8s.io-r" },
            spec: {
                resourceSelectors: [{ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", name: "r" }],
                placement: { clusterAffinity: { clusterNames: ["eu-1"] }, replicaScheduling: { replicaSchedulingType: "Duplicated" } },
                propagateDeps: true,
                conflictResolution: "Overwrite",
                preserveResourcesOnDeletion: true,
            },
        });
    });

    it("failover groups become ordered clusterAffinities; with spread constraints they are refused, naming the field", () => {
        const result = propagate({ placement: { failover: [{ clusters: ["us-1", "us-2"] }, { clusterSelector: { matchLabels: { region: "eu" } } }] }, clusters: ["us-1"] });
        assert.deepEqual((result.policy!.spec as any).placement.clusterAffinities, [
            { affinityName: "failover-0", clusterNames: ["us-1"] },
            { affinityName: "failover-1", labelSelector: { matchLabels: { region: "eu" } }, exclude: ["us-2"] },
        ]);
        assert.throws(
            () => propagate({ placement: { failover: [{ clusters: ["us-1"], spreadConstraints: [{ spreadByLabel: "region", minGroups: 1 }] }] } }),
            (error: FederationError) => error.resource === 'FederatedConfigMap "c"' && error.field === "placement.failover" && /no Karmada equivalent/.test(error.reason),
        );
    });

    it("a per-cluster apiVersion is refused, naming the cluster", () => {
        const template = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "h" } };
        assert.throws(
            () => karmadaOverridePolicy({ resource: 'FederatedResource "h"', kind: "HorizontalPodAutoscaler", name: "h", namespace: "shop", clusterScoped: false, template, objects: [{ cluster: "eu-1", object: { ...template, apiVersion: "autoscaling/v1" } }] }),
            (error: FederationError) => error.cluster === "eu-1" && /one resource template has one API version/.test(error.reason),
        );
    });

    it("no cluster differs from the template: no OverridePolicy", () => {
        const template = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } };
        assert.equal(karmadaOverridePolicy({ resource: "x", kind: "ConfigMap", name: "c", namespace: "shop", clusterScoped: false, template, objects: [{ cluster: "eu-1", object: structuredClone(template) }] }), undefined);
    });
});

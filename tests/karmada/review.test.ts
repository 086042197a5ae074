/**
 * Karmada mode's edges, one test per way the mapping could give members something else than push
 * mode does, or fail late: each found by review, each now refused, warned about or right.
 */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Federation, FederatedConfigMap, FederatedDeployment, FederatedResource, MemberClusterArgs } from "../../components";
import { clusterObjects } from "../../components/synth/objects";
import { CaptureOptions } from "../../components/synth/capture";
import { Run, runProgram } from "../harness";

const CLUSTER_TYPE = "kubernetes:cluster.karmada.io/v1alpha1:Cluster";
const members: MemberClusterArgs[] = [{ name: "m0", labels: { region: "eu" } }, { name: "m1", labels: { region: "us" } }, { name: "m2", labels: { region: "ap" } }];
const joined = (declared: MemberClusterArgs[]): CaptureOptions["liveState"] => ({ type, name }) => {
    if (type !== CLUSTER_TYPE) return undefined;
    const member = declared.find((candidate) => name.endsWith(`-karmada-${candidate.name}`))!;
    return { metadata: { name: member.name, labels: member.labels } };
};
const karmada = (declared = members, extra: Record<string, unknown> = {}) => new Federation("fleet", { clusters: declared, propagation: { karmada: { ...extra } } });
const review = (run: Run, cluster: string) => clusterObjects({ registrations: run.resources, warnings: [], infos: [] }).objects.filter((object) => object.cluster === cluster);
const policies = (run: Run, kind: string) => run.resources.filter((resource) => resource.type === `kubernetes:policy.karmada.io/v1alpha1:${kind}`);
const workload = { spec: { selector: { matchLabels: { app: "w" } }, template: { metadata: { labels: { app: "w" } }, spec: { containers: [{ name: "w", image: "nginx" }] } } } };

describe("Karmada mode's edges", () => {
    it("refuses two components of one object on the Karmada API server, even for disjoint clusters", async () => {
        const run = await runProgram(() => {
            const federation = karmada();
            new FederatedConfigMap("cfg-eu", { federation, namespace: "shop", placement: { clusters: ["m0"] }, template: { metadata: { name: "cfg" }, data: { a: "1" } } });
            new FederatedConfigMap("cfg-us", { federation, namespace: "shop", placement: { clusters: ["m1"] }, template: { metadata: { name: "cfg" }, data: { a: "2" } } });
        }, { liveState: joined(members) });
        assert.match(String(run.error), /FederatedConfigMap "cfg-us", field name: ConfigMap shop\/cfg on the Karmada API server \(one template for every member\) is already FederatedConfigMap "cfg-eu"'s/);
        assert.equal(run.resources.filter((resource) => resource.name === "cfg-us").length, 0, "the second component registers nothing");
    });

    it("names policies by kind and API group, and as DNS subdomains", async () => {
        const run = await runProgram(() => {
            const federation = karmada();
            new FederatedResource("svc", { federation, namespace: "shop", apiVersion: "v1", kind: "Service", placement: { clusterSelector: {} }, template: { metadata: { name: "web" }, spec: { ports: [{ port: 80 }] } } });
            new FederatedResource("ksvc", { federation, namespace: "shop", apiVersion: "serving.knative.dev/v1", kind: "Service", placement: { clusterSelector: {} }, template: { metadata: { name: "web" }, spec: {} } });
            new FederatedResource("reader", { federation, apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", placement: { clusterSelector: {} }, template: { metadata: { name: "acme:Reader" }, rules: [] } });
        }, { liveState: joined(members) });
        assert.equal(run.error, undefined, String(run.error));
        assert.deepEqual(policies(run, "PropagationPolicy").map((policy) => policy.inputs.metadata.name).sort(), ["service-web", "service.serving.knative.dev-web"]);
        assert.deepEqual(policies(run, "ClusterPropagationPolicy").map((policy) => policy.inputs.metadata.name), ["clusterrole.rbac.authorization.k8s.io-acme.reader"]);
        const long = await runProgram(() => new FederatedConfigMap("c", { federation: karmada(), namespace: "shop", placement: { clusterSelector: {} }, template: { metadata: { name: Array(4).fill("a".repeat(61)).join(".") }, data: {} } }), { liveState: joined(members) });
        assert.match(String(long.error), /FederatedConfigMap "c", field template\.metadata\.name: gives the Karmada policy name .* \(257 characters\), which is not a DNS subdomain of at most 253 characters/);
    });

    it("refuses namespaces Karmada does not propagate, and a namespace known only at deployment time", async () => {
        for (const [namespace, message] of [
            ["kube-system", /field namespace: is "kube-system": Karmada does not propagate objects of kube-\* namespaces/],
            ["karmada-system", /field namespace: is "karmada-system", one of Karmada's own namespaces/],
        ] as const) {
            const run = await runProgram(() => new FederatedConfigMap("c", { federation: karmada(), namespace, placement: { clusterSelector: {} }, template: { data: {} } }), { liveState: joined(members) });
            assert.match(String(run.error), message);
            assert.deepEqual(policies(run, "PropagationPolicy"), []);
        }
        const deferred = await runProgram(() => new FederatedConfigMap("c", {
            federation: karmada(), placement: { clusterSelector: {} }, template: { metadata: { namespace: pulumi.output("shop") }, data: {} },
        }), { liveState: joined(members) });
        assert.match(String(deferred.error), /field template\.metadata\.namespace: must be a plain string in Karmada mode/);
    });

    it("takes a default namespace for the Karmada API server as propagation.karmada.namespace", async () => {
        const run = await runProgram(() => new FederatedConfigMap("c", { federation: karmada(members, { namespace: "apps" }), placement: { clusterSelector: {} }, template: { data: {} } }), { liveState: joined(members) });
        assert.equal(run.error, undefined, String(run.error));
        assert.equal(run.ofType("pulumi:providers:kubernetes")[0].inputs.namespace, "apps");
        const wrong = await runProgram(() => karmada(members, { providerOptions: { namespace: "apps" } }));
        assert.match(String(wrong.error), /field propagation\.karmada\.providerOptions\.namespace: give namespace as propagation\.karmada's own field/);
    });

    it("treats propagation: { karmada: undefined } as Karmada mode with its defaults, whole", async () => {
        const run = await runProgram(() => {
            const federation = new Federation("fleet", { clusters: members, propagation: { karmada: undefined as never } });
            new FederatedConfigMap("c", { federation, namespace: "shop", placement: { clusterSelector: {} }, template: { data: {} } });
        }, { liveState: joined(members) });
        assert.equal(run.error, undefined, String(run.error));
        assert.equal(policies(run, "PropagationPolicy").length, 1);
    });

    it("never turns a failover group without usable clusters into Karmada's 'every cluster'", async () => {
        const declared: MemberClusterArgs[] = [{ name: "m0", labels: {}, unavailable: true }, { name: "m1", labels: {} }, { name: "m2", labels: {} }];
        const program = (viaKarmada: boolean) => () => {
            const federation = viaKarmada ? karmada(declared) : new Federation("fleet", { clusters: declared });
            new FederatedConfigMap("c", { federation, namespace: "shop", placement: { failover: [{ clusters: ["m0"] }, { clusters: ["m1"] }] }, template: { data: {} } });
        };
        const run = await runProgram(program(true), { liveState: joined(declared) });
        assert.equal(run.error, undefined, String(run.error));
        assert.deepEqual(policies(run, "PropagationPolicy")[0].inputs.spec.placement.clusterAffinities, [{ affinityName: "failover-1", clusterNames: ["m1"] }]);
        const push = await runProgram(program(false));
        for (const member of ["m0", "m1", "m2"]) assert.equal(review(run, member).length, review(push, member).length, member);
    });

    it("gives a 0-replica workload to every selected cluster, as push mode does", async () => {
        const program = (viaKarmada: boolean) => () => {
            const federation = viaKarmada ? karmada() : new Federation("fleet", { clusters: members });
            new FederatedDeployment("web", { federation, namespace: "shop", placement: { clusterSelector: {} }, scheduling: { totalReplicas: 0 }, template: workload });
        };
        const run = await runProgram(program(true), { liveState: joined(members) });
        assert.equal(run.error, undefined, String(run.error));
        assert.deepEqual(run.warnings, []);
        assert.deepEqual(policies(run, "PropagationPolicy")[0].inputs.spec.placement.replicaScheduling, { replicaSchedulingType: "Duplicated" });
        const push = await runProgram(program(false));
        for (const member of ["m0", "m1", "m2"]) assert.deepEqual(review(run, member).map((object) => object.object), review(push, member).map((object) => object.object), member);
    });

    it("with live division (Aggregated, dynamic weights), writes every selected cluster's rule and warns that replicas are an estimate", async () => {
        const run = await runProgram(() => new FederatedDeployment("web", {
            federation: karmada(), namespace: "shop", placement: { clusterSelector: {} },
            scheduling: { totalReplicas: 2, replicaSchedulingType: "Divided", replicaDivisionPreference: "Aggregated", capacity: { m0: 10, m1: 5, m2: 5 } },
            template: workload,
            overrides: [{ clusterSelector: { matchLabels: { region: "us" } }, clusterOverrides: [{ path: "/spec/template/spec/containers/0/image", value: "mirror.us/nginx" }] }],
        }), { liveState: joined(members) });
        assert.equal(run.error, undefined, String(run.error));
        const rules = policies(run, "OverridePolicy")[0].inputs.spec.overrideRules;
        assert.deepEqual(rules.filter((rule: any) => rule.targetCluster).map((rule: any) => rule.targetCluster.clusterNames), [["m1"]], "m1 has its rule though the estimate gives it nothing");
        assert.ok(run.warnings.some((warning) => /planner's estimate/.test(warning)), run.warnings.join("\n"));
    });

    it("carries two different deployment-time values at one path whole", async () => {
        const program = (viaKarmada: boolean) => () => new FederatedConfigMap("c", {
            federation: viaKarmada ? karmada() : new Federation("fleet", { clusters: members }), namespace: "shop", placement: { clusterSelector: {} },
            template: { data: { x: pulumi.output("a") } },
            overrides: [{ clusterName: "m0", clusterOverrides: [{ path: "/data/x", value: pulumi.output("b") as never }] }],
        });
        const run = await runProgram(program(true), { liveState: joined(members) });
        assert.equal(run.error, undefined, String(run.error));
        const push = await runProgram(program(false));
        for (const member of ["m0", "m1", "m2"]) assert.deepEqual(review(run, member).map((object) => object.object), review(push, member).map((object) => object.object), member);
        assert.deepEqual((review(run, "m0")[0].object as any).data, { x: "b" });
    });
});

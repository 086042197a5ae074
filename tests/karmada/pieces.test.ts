import { strict as assert } from "assert";
import { karmadaBindingName, karmadaBindingStatus } from "../../components/karmada/bindingStatus";
import { clusterLabelProblem } from "../../components/karmada/arguments";
import { opaqueLeaves } from "../../components/karmada/opaqueLeaves";
import { karmadaOverridePolicy } from "../../components/karmada/overridePolicy";
import { jsonDiff } from "../../components/karmada/jsonDiff";
import { karmadaAdditions, karmadaTemplate } from "../../components/karmada/template";

class Deferred {
    constructor(readonly label: string) {}
}

describe("Karmada mode's small pieces", () => {
    it("names bindings as Karmada does (name-kind, lower case, ':' as '.')", () => {
        for (const [kind, name, expected] of [
            ["Deployment", "web", "web-deployment"],
            ["ClusterRole", "system:Reader", "system.reader-clusterrole"],
            ["ConfigMap", "a.b", "a.b-configmap"],
        ]) assert.equal(karmadaBindingName(kind, name), expected);
    });

    it("checks a Karmada Cluster's labels against the declaration", () => {
        const member = { name: "eu-1", labels: { region: "eu" } };
        const table: Array<[unknown, RegExp | undefined]> = [
            [{ metadata: { name: "eu-1", labels: { region: "eu" } } }, undefined],
            [{ metadata: { name: "eu-1", labels: { region: "eu", "cluster.karmada.io/managed": "true" } } }, undefined],
            [{ metadata: { name: "eu-1", labels: { region: "us" } } }, /region is "eu" in the program but "us" on Karmada's Cluster/],
            [{ metadata: { name: "eu-1" } }, /region is "eu" in the program but missing on Karmada's Cluster/],
            [{ metadata: { name: "eu-1", labels: { region: "eu", tier: "prod" } } }, /tier="prod" is on Karmada's Cluster but not declared/],
            [{}, /has no Cluster object on the Karmada API server/],
            [{ metadata: undefined }, /join it with `karmadactl join eu-1`/],
        ];
        for (const [cluster, expected] of table) {
            const problem = clusterLabelProblem(member, cluster);
            if (expected === undefined) assert.equal(problem, undefined, JSON.stringify(cluster));
            else assert.match(problem ?? "", expected);
        }
    });

    it("stands in for deployment-time values by identity and puts them back", () => {
        const shared = new Deferred("shared");
        const leaves = opaqueLeaves();
        const template = leaves.stand({ data: { a: shared, b: "x" } }) as Record<string, unknown>;
        const object = leaves.stand({ data: { a: shared, b: new Deferred("other") } }) as Record<string, unknown>;
        const policy = karmadaOverridePolicy({ resource: "r", kind: "ConfigMap", name: "c", namespace: "n", clusterScoped: false, template, objects: [{ cluster: "one", object }] });
        const restored = leaves.restore(policy) as any;
        // The differing top-level field is replaced whole; the values are carried as themselves.
        const [step] = restored.spec.overrideRules[0].overriders.plaintext;
        assert.equal(step.path, "/data");
        assert.equal(step.value.a, shared);
        assert.ok(step.value.b instanceof Deferred && step.value.b.label === "other");
        // Two different deployment-time values at one path: the whole value, never a path into a stand-in.
        const first = new Deferred("first");
        const second = new Deferred("second");
        const more = opaqueLeaves();
        const spec = more.restore(karmadaOverridePolicy({
            resource: "r", kind: "ConfigMap", name: "c", clusterScoped: false,
            template: more.stand({ metadata: { labels: { x: first } } }) as Record<string, unknown>,
            objects: [{ cluster: "one", object: more.stand({ metadata: { labels: { x: second } } }) as Record<string, unknown> }],
        })) as any;
        assert.deepEqual(spec.spec.overrideRules[0].overriders.plaintext.map((operation: any) => operation.path), ["/metadata/labels/x"]);
        assert.equal(spec.spec.overrideRules[0].overriders.plaintext[0].value, second);
    });

    it("replaces a differing top-level field whole, so the member defaults it as push mode's member does", () => {
        const template = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "w" }, spec: { replicas: 4, strategy: { type: "RollingUpdate" }, template: { spec: { containers: [{ name: "a", image: "x" }] } } } };
        const object = { ...template, spec: { ...template.spec, replicas: 2, strategy: { type: "Recreate" } } };
        const divided = karmadaOverridePolicy({ resource: "r", kind: "Deployment", name: "w", namespace: "n", clusterScoped: false, template, objects: [{ cluster: "one", object }], karmadaOwned: ["/spec/replicas"] })!;
        // (Karmada's stored copy has strategy.rollingUpdate defaulted: a field-level replace of the type would keep it, and the member would refuse the object.)
        assert.deepEqual(divided.spec.overrideRules[0].overriders.plaintext, [{ operator: "replace", path: "/spec/strategy", value: { type: "Recreate" } }]);
        const service = { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { type: "LoadBalancer", ports: [{ port: 80 }] } };
        const clusterIp = { ...service, spec: { ...service.spec, type: "ClusterIP" } };
        const policy = karmadaOverridePolicy({ resource: "r", kind: "Service", name: "s", namespace: "n", clusterScoped: false, template: service, objects: [{ cluster: "one", object: clusterIp }] })!;
        assert.deepEqual(policy.spec.overrideRules[0].overriders.plaintext, [{ operator: "replace", path: "/spec", value: clusterIp.spec }]);
    });

    it("diffs lists index by index, or whole when their length changes, and escapes hostile keys", () => {
        const long = Array.from({ length: 50_000 }, (_, index) => ({ name: `e${index}`, value: String(index) }));
        const changed = long.map((entry, index) => (index === 25_000 ? { ...entry, value: "x" } : entry));
        assert.deepEqual(jsonDiff({ env: long }, { env: changed }), [{ op: "replace", path: "/env/25000/value", value: "x" }]);
        assert.deepEqual(jsonDiff({ env: long }, { env: long.slice(1) }), [{ op: "replace", path: "/env", value: long.slice(1) }]);
        const hostile = JSON.parse('{"__proto__": {"polluted": true}, "a/b~c": 1}');
        assert.deepEqual(jsonDiff({}, hostile), [{ op: "add", path: "/__proto__", value: { polluted: true } }, { op: "add", path: "/a~1b~0c", value: 1 }]);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
        assert.deepEqual(jsonDiff({ a: undefined, b: 1 }, { b: 1 }), [], "an undefined value is an absent key");
    });

    it("removes a whole labels map key by key, so Karmada's own labels survive", () => {
        const template = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { app: "a", "a/b": "x" } } };
        const object = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } };
        const policy = karmadaOverridePolicy({ resource: "r", kind: "ConfigMap", name: "c", clusterScoped: false, template, objects: [{ cluster: "one", object }] })!;
        assert.deepEqual(policy.spec.overrideRules[0].overriders.plaintext, [{ operator: "remove", path: "/metadata/labels/app" }, { operator: "remove", path: "/metadata/labels/a~1b" }]);
    });

    it("adds to the Karmada copy only what its first override rule removes again, and refuses a user's own copy of it", () => {
        assert.deepEqual(karmadaAdditions("v1", "Namespace", true).map((addition) => addition.key), ["namespace.karmada.io/skip-auto-propagation", "pulumi.com/waitFor"]);
        assert.match(karmadaAdditions("v1", "Namespace", true)[1].value, /\['clusterpropagationpolicy\.karmada\.io\/permanent-id'\]/);
        const template = { metadata: { name: "w", annotations: { keep: "me" } }, spec: {} };
        const copy = karmadaTemplate(template, "apps/v1", "Deployment", false);
        assert.deepEqual(Object.keys((copy.metadata as any).annotations), ["keep", "pulumi.com/waitFor"]);
        assert.deepEqual(template.metadata.annotations, { keep: "me" }, "the planner's template is not changed");
        assert.throws(() => karmadaTemplate({ metadata: { annotations: { "pulumi.com/waitFor": "condition=Ready" } } }, "apps/v1", "Deployment", false, { resource: "FederatedDeployment \"w\"" }),
            /field template\.metadata\.annotations\.pulumi\.com\/waitFor: is set by Karmada mode itself/);
    });

    it("reports status per cluster from a binding, not ready until applied and healthy", () => {
        const table: Array<[string, Record<string, unknown>, { spec?: unknown; status?: unknown }, string[], Record<string, { ready: boolean; applied: boolean; health: string }>]> = [
            ["ConfigMap", {}, { status: { aggregatedStatus: [{ clusterName: "a", applied: true, health: "Healthy" }] } }, ["a", "b"],
                { a: { ready: true, applied: true, health: "Healthy" }, b: { ready: false, applied: false, health: "Unknown" } }],
            ["ConfigMap", {}, { status: { aggregatedStatus: [{ clusterName: "a", applied: true, health: "Unhealthy" }] } }, ["a"], { a: { ready: false, applied: true, health: "Unhealthy" } }],
            ["ConfigMap", {}, {}, ["a"], { a: { ready: false, applied: false, health: "Unknown" } }],
        ];
        for (const [kind, template, binding, placed, expected] of table) {
            const status = karmadaBindingStatus(kind, template, binding, placed);
            assert.deepEqual(Object.fromEntries(Object.entries(status.clusters).map(([cluster, value]: [string, any]) => [cluster, { ready: value.ready, applied: value.applied, health: value.health }])), expected);
        }
        // Desired replicas come from Karmada's schedule where it divides them.
        const divided = karmadaBindingStatus("Deployment", { spec: { replicas: 5 } }, { spec: { clusters: [{ name: "a", replicas: 3 }] }, status: { aggregatedStatus: [{ clusterName: "a", applied: true, health: "Healthy", status: { readyReplicas: 3, updatedReplicas: 3 } }] } }, ["a"]);
        assert.equal(divided.clusters.a.replicas, 3);
        assert.equal(divided.clusters.a.ready, true);
    });
});

import { strict as assert } from "assert";
import { Member } from "../../components/planning/members";
import { ResourcePlan, ResourcePlanInput, planResource } from "../../components/planning/resourcePlan";
import { Box, Deferred, assertFederationError, deepFreeze, ExpectedError, fakeDefer } from "./helpers";

const RES = 'FederatedDeployment "web"';
const members: Member[] = [
    { name: "tokyo", labels: { region: "apac", tier: "gold" } },
    { name: "oslo", labels: { region: "emea", tier: "silver" } },
    { name: "lima", labels: { region: "latam", tier: "gold" } },
];

const template = (): any => ({ metadata: { labels: { app: "web" } }, spec: { replicas: 2, paused: false } });

/** A Deployment input placed everywhere; `over` replaces fields. */
const input = (over: Partial<ResourcePlanInput> = {}): ResourcePlanInput => ({
    resource: RES,
    name: "web",
    apiVersion: "apps/v1",
    kind: "Deployment",
    clusterScoped: false,
    namespace: "shop",
    template: template(),
    placement: { clusterSelector: {} },
    members,
    ...over,
});

/** The base object planned from `template()` for `input()`, edited by `edit`. */
const base = (edit: (o: any) => void = () => {}): Record<string, unknown> => {
    const o: any = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop", labels: { app: "web" } }, spec: { replicas: 2, paused: false } };
    edit(o);
    return o;
};

const plan = (...objects: [string, Record<string, unknown>, string[]][]): Omit<ResourcePlan, "template"> => ({
    clusters: objects.map(([cluster]) => cluster),
    objects: objects.map(([cluster, object, overridesApplied]) => ({ cluster, object, overridesApplied })),
    skippedUnavailable: [],
    failoverGroup: undefined,
    replicas: undefined,
});

describe("planning/resourcePlan: planResource plans", () => {
    const cases: { name: string; input: ResourcePlanInput; expected: Omit<ResourcePlan, "template"> }[] = [
        {
            name: "fills apiVersion, kind, metadata.name (component name) and namespace; same object everywhere",
            input: input(),
            expected: plan(["tokyo", base(), []], ["oslo", base(), []], ["lima", base(), []]),
        },
        {
            name: "keeps the template's own metadata.name",
            input: input({ template: { metadata: { name: "web-v2" }, spec: { replicas: 1 } }, placement: { clusters: ["oslo"] } }),
            expected: plan(["oslo", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web-v2", namespace: "shop" }, spec: { replicas: 1 } }, []]),
        },
        {
            name: "template apiVersion and kind that agree are fine",
            input: input({ template: { apiVersion: "apps/v1", kind: "Deployment", spec: {} }, placement: { clusters: ["lima"] } }),
            expected: plan(["lima", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop" }, spec: {} }, []]),
        },
        {
            name: "template namespace equal to the namespace argument is fine",
            input: input({ template: { metadata: { namespace: "shop" } }, placement: { clusters: ["lima"] } }),
            expected: plan(["lima", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop" } }, []]),
        },
        {
            name: "namespaced kind without a namespace argument keeps the template's namespace",
            input: input({ namespace: undefined, template: { metadata: { namespace: "tmpl-ns" } }, placement: { clusters: ["lima"] } }),
            expected: plan(["lima", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "tmpl-ns" } }, []]),
        },
        {
            name: "namespaced kind with no namespace anywhere gets no namespace key",
            input: input({ namespace: undefined, template: {}, placement: { clusters: ["lima"] } }),
            expected: plan(["lima", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } }, []]),
        },
        {
            name: "cluster-scoped kind never gets a namespace",
            input: input({
                resource: 'FederatedClusterRole "reader"',
                name: "reader",
                apiVersion: "rbac.authorization.k8s.io/v1",
                kind: "ClusterRole",
                clusterScoped: true,
                namespace: undefined,
                template: { rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] },
                placement: { clusters: ["tokyo"] },
            }),
            expected: plan([
                "tokyo",
                { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "reader" }, rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] },
                [],
            ]),
        },
        {
            name: "clusters and objects come in member order, not placement order",
            input: input({ placement: { clusters: ["lima", "tokyo"] } }),
            expected: plan(["tokyo", base(), []], ["lima", base(), []]),
        },
        { name: "no placement: no clusters, no objects", input: input({ placement: undefined }), expected: { clusters: [], objects: [], skippedUnavailable: [], failoverGroup: undefined, replicas: undefined } },
        { name: "placement by selector", input: input({ placement: { clusterSelector: { matchLabels: { tier: "gold" } } } }), expected: plan(["tokyo", base(), []], ["lima", base(), []]) },
        {
            name: "namespaceClusters restricts the placement (member order kept)",
            input: input({ namespaceClusters: ["lima", "oslo"] }),
            expected: plan(["oslo", base(), []], ["lima", base(), []]),
        },
        { name: "namespaceClusters [] places nowhere", input: input({ namespaceClusters: [] }), expected: { clusters: [], objects: [], skippedUnavailable: [], failoverGroup: undefined, replicas: undefined } },
        {
            name: "an override changes only its cluster's object, only where it says",
            input: input({ overrides: [{ clusterName: "oslo", clusterOverrides: [{ path: "/spec/replicas", value: 5 }] }] }),
            expected: plan(["tokyo", base(), []], ["oslo", base((o) => (o.spec.replicas = 5)), ["replace /spec/replicas"]], ["lima", base(), []]),
        },
        {
            name: "overridesApplied lists each operation with its op (default replace) and path, in order",
            input: input({
                placement: { clusters: ["lima"] },
                overrides: [
                    {
                        clusterName: "lima",
                        clusterOverrides: [
                            { op: "add", path: "/metadata/labels/canary", value: "true" },
                            { op: "remove", path: "/spec/paused" },
                            { path: "/metadata/labels/app", value: "web-lima" },
                        ],
                    },
                ],
            }),
            expected: plan([
                "lima",
                base((o) => {
                    o.metadata.labels = { app: "web-lima", canary: "true" };
                    delete o.spec.paused;
                }),
                ["add /metadata/labels/canary", "remove /spec/paused", "replace /metadata/labels/app"],
            ]),
        },
        {
            name: "within an entry the patch applies before clusterOverrides (replace of a field the patch added)",
            input: input({
                placement: { clusters: ["tokyo"] },
                overrides: [{ clusterName: "tokyo", clusterOverrides: [{ path: "/spec/strategy/type", value: "Recreate" }], patch: { spec: { strategy: { type: "RollingUpdate" }, replicas: 3 } } }],
            }),
            expected: plan(["tokyo", base((o) => Object.assign(o.spec, { replicas: 3, strategy: { type: "Recreate" } })), ["patch", "replace /spec/strategy/type"]]),
        },
        {
            name: "selector entries apply before the clusterName entry, which wins even when listed first",
            input: input({
                overrides: [
                    { clusterName: "tokyo", clusterOverrides: [{ path: "/spec/replicas", value: 9 }] },
                    { clusterSelector: { matchLabels: { tier: "gold" } }, patch: { spec: { replicas: 4 } } },
                ],
            }),
            expected: plan(
                ["tokyo", base((o) => (o.spec.replicas = 9)), ["patch", "replace /spec/replicas"]],
                ["oslo", base(), []],
                ["lima", base((o) => (o.spec.replicas = 4)), ["patch"]],
            ),
        },
        {
            name: "a clusterName patch overrides a selector patch on the same field",
            input: input({
                placement: { clusters: ["lima"] },
                overrides: [
                    { clusterName: "lima", patch: { metadata: { annotations: { owner: "lima-team" } } } },
                    { clusterSelector: {}, patch: { metadata: { annotations: { owner: "platform", tier: "any" } } } },
                ],
            }),
            expected: plan(["lima", base((o) => (o.metadata.annotations = { owner: "lima-team", tier: "any" })), ["patch", "patch"]]),
        },
        {
            name: "several selector entries apply in list order (the later one wins)",
            input: input({
                placement: { clusters: ["oslo"] },
                overrides: [
                    { clusterSelector: {}, clusterOverrides: [{ op: "add", path: "/metadata/labels/track", value: "stable" }] },
                    { clusterSelector: { matchLabels: { region: "emea" } }, clusterOverrides: [{ op: "add", path: "/metadata/labels/track", value: "eu" }] },
                ],
            }),
            expected: plan(["oslo", base((o) => (o.metadata.labels.track = "eu")), ["add /metadata/labels/track", "add /metadata/labels/track"]]),
        },
        {
            name: "an entry for a member that is not placed is fine and unused",
            input: input({
                placement: { clusters: ["tokyo"] },
                overrides: [{ clusterName: "oslo", clusterOverrides: [{ path: "/spec/does-not-exist", value: 1 }] }],
            }),
            expected: plan(["tokyo", base(), []]),
        },
        {
            name: "empty clusterOverrides are not listed; an empty patch is",
            input: input({ placement: { clusters: ["oslo"] }, overrides: [{ clusterName: "oslo", clusterOverrides: [], patch: {} }] }),
            expected: plan(["oslo", base(), ["patch"]]),
        },
        {
            name: "an empty federation plans nothing",
            input: input({ members: [], placement: { clusterSelector: {} } }),
            expected: { clusters: [], objects: [], skippedUnavailable: [], failoverGroup: undefined, replicas: undefined },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const frozenTemplate = deepFreeze(c.input.template);
            const copy = structuredClone(c.input.template);
            const result = planResource({ ...c.input, template: frozenTemplate, overrides: deepFreeze(c.input.overrides) });
            const { template, ...rest } = result;
            assert.deepStrictEqual(rest, c.expected);
            // The template is what a cluster without overrides or scheduling gets.
            const untouched = result.objects.find((object) => object.overridesApplied.length === 0);
            if (untouched) assert.deepStrictEqual(template, untouched.object);
            assert.deepStrictEqual(c.input.template, copy, "the template was changed");
        });
    }
});

describe("planning/resourcePlan: planResource objects and opaque values", () => {
    it("per-cluster objects share no plain parts with each other or the template", () => {
        const tmpl = template();
        const result = planResource(input({ template: tmpl }));
        const [a, b] = result.objects.map((o) => o.object as any);
        assert.notEqual(a, b);
        assert.notEqual(a.metadata, b.metadata);
        assert.notEqual(a.spec, b.spec);
        assert.notEqual(a.spec, tmpl.spec);
        assert.notEqual(a.metadata.labels, tmpl.metadata.labels);
    });

    it("an opaque template value reaches every object by reference", () => {
        const image = new Box("nginx:latest");
        const result = planResource(input({ template: { spec: { image } }, placement: { clusters: ["tokyo", "lima"] } }));
        assert.deepEqual(result.clusters, ["tokyo", "lima"]);
        for (const o of result.objects) assert.equal((o.object as any).spec.image, image);
    });

    it("an opaque metadata is given its identity through defer", () => {
        const metadata = new Box({ labels: { app: "web" } });
        const { defer, calls } = fakeDefer();
        const result = planResource(input({ template: { metadata }, placement: { clusters: ["oslo"] }, defer }));
        assert.equal(calls.length, 1);
        assert.equal(calls[0].value, metadata);
        assert.deepStrictEqual(result.objects[0].object, {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: new Deferred({ labels: { app: "web" }, name: "web", namespace: "shop" }),
        });
        assert.deepStrictEqual(metadata.v, { labels: { app: "web" } }, "the resolved metadata was changed");
    });

    it("a clusterOverride through an opaque value is deferred, for that cluster only", () => {
        const env = new Box({ LOG: "info" });
        const { defer, calls } = fakeDefer();
        const result = planResource(
            input({
                template: { spec: { env } },
                placement: { clusters: ["tokyo", "oslo"] },
                overrides: [{ clusterName: "oslo", clusterOverrides: [{ path: "/spec/env/LOG", value: "debug" }] }],
                defer,
            }),
        );
        assert.equal(calls.length, 1);
        assert.equal((result.objects[0].object as any).spec.env, env);
        assert.deepStrictEqual((result.objects[1].object as any).spec.env, new Deferred({ LOG: "debug" }));
        assert.deepStrictEqual(result.objects[1].overridesApplied, ["replace /spec/env/LOG"]);
    });
});

describe("planning/resourcePlan: planResource errors", () => {
    const cases: { name: string; input: ResourcePlanInput; error: ExpectedError }[] = [
        {
            name: "namespace argument for a cluster-scoped kind",
            input: input({ apiVersion: "v1", kind: "Namespace", clusterScoped: true, namespace: "shop", template: {} }),
            error: { resource: RES, field: "namespace", message: 'Namespace is cluster-scoped and cannot be put in namespace "shop"' },
        },
        {
            name: "template namespace for a cluster-scoped kind",
            input: input({ apiVersion: "storage.k8s.io/v1", kind: "StorageClass", clusterScoped: true, namespace: undefined, template: { metadata: { namespace: "x" } } }),
            error: { resource: RES, field: "template.metadata.namespace", message: "StorageClass is cluster-scoped and has no namespace" },
        },
        {
            name: "template apiVersion contradicting",
            input: input({ template: { apiVersion: "apps/v1beta2" } }),
            error: { resource: RES, field: "template.apiVersion", message: 'is "apps/v1beta2" but this federated resource is apps/v1 Deployment' },
        },
        {
            name: "template kind contradicting",
            input: input({ template: { kind: "StatefulSet" } }),
            error: { resource: RES, field: "template.kind", message: 'is "StatefulSet" but this federated resource is apps/v1 Deployment' },
        },
        {
            name: "template namespace contradicting the namespace argument",
            input: input({ template: { metadata: { namespace: "other" } } }),
            error: { resource: RES, field: "template.metadata.namespace", message: 'is "other" but the namespace argument is "shop"' },
        },
        {
            name: "generateName is not allowed",
            input: input({ template: { metadata: { generateName: "web-" } } }),
            error: { resource: RES, field: "template.metadata.generateName", message: "is not allowed: a federated resource has the same name in every cluster" },
        },
        {
            name: "empty template metadata.name",
            input: input({ template: { metadata: { name: "" } } }),
            error: { resource: RES, field: "template.metadata.name", message: 'must be a non-empty string, got string ""' },
        },
        {
            name: "template that is not an object",
            input: input({ template: [{ spec: {} }] }),
            error: { resource: RES, field: "template", message: "must be an object" },
        },
        {
            name: "template metadata that is not an object",
            input: input({ template: { metadata: "web" } }),
            error: { resource: RES, field: "template.metadata", message: 'must be an object, got string "web"' },
        },
        {
            name: "opaque template metadata without defer",
            input: input({ template: { metadata: new Box({}) } }),
            error: { resource: RES, field: "template.metadata", message: "is only known at deployment time" },
        },
        {
            name: "placement naming a non-member",
            input: input({ placement: { clusters: ["tokyo", "paris"] } }),
            error: { resource: RES, cluster: "paris", field: "placement.clusters[1]", message: "is not a member of the federation" },
        },
        {
            name: "bad placement selector",
            input: input({ placement: { clusterSelector: { matchExpressions: [{ key: "tier", operator: "Exists", values: ["gold"] }] } } }),
            error: { resource: RES, field: "placement.clusterSelector.matchExpressions[0].values", message: "operator Exists takes no values" },
        },
        {
            name: "override for a non-member fails even though nothing is placed",
            input: input({ placement: { clusters: [] }, overrides: [{ clusterName: "paris", patch: {} }] }),
            error: { resource: RES, cluster: "paris", field: "overrides[0].clusterName", message: "is not a member of the federation (members: tokyo, oslo, lima)" },
        },
        {
            name: "invalid operation for a member that is not placed still fails",
            input: input({ placement: { clusters: ["tokyo"] }, overrides: [{ clusterName: "oslo", clusterOverrides: [{ op: "copy" as "add", path: "/spec/x", value: 1 }] }] }),
            error: { resource: RES, cluster: "oslo", field: "overrides[0].clusterOverrides[0].op", message: '"copy" is not a supported operation' },
        },
        {
            name: "protected path in an override",
            input: input({ overrides: [{ clusterSelector: {}, clusterOverrides: [{ path: "/metadata/name", value: "web-2" }] }] }),
            error: { resource: RES, field: "overrides[0].clusterOverrides[0].path", message: "would change /metadata/name" },
        },
        {
            name: "patch changing the namespace",
            input: input({ overrides: [{ clusterName: "lima", patch: { metadata: { namespace: "elsewhere" } } }] }),
            error: { resource: RES, cluster: "lima", field: "overrides[0].patch.metadata.namespace", message: "cannot be patched" },
        },
        {
            name: "an operation that fails while applying names the cluster and the entry",
            input: input({ overrides: [{ clusterName: "tokyo" }, { clusterName: "oslo", clusterOverrides: [{ path: "/spec/strategy/type", value: "Recreate" }] }] }),
            error: { resource: RES, cluster: "oslo", field: "overrides[1].clusterOverrides[0]", message: 'cannot replace "/spec/strategy/type": /spec has no "strategy" (it has: replicas, paused)' },
        },
        {
            name: "a selector entry failing while applying names the first cluster it fails for",
            input: input({ overrides: [{ clusterSelector: { matchLabels: { tier: "silver" } }, clusterOverrides: [{ op: "remove", path: "/spec/strategy" }] }] }),
            error: { resource: RES, cluster: "oslo", field: "overrides[0].clusterOverrides[0]", message: 'cannot remove "/spec/strategy"' },
        },
        {
            name: "a patch through an opaque value without defer",
            input: input({ template: { spec: { env: new Box({}) } }, overrides: [{ clusterName: "lima", patch: { spec: { env: { A: "1" } } } }] }),
            error: { resource: RES, cluster: "lima", field: "overrides[0].patch", message: "only known at deployment time" },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            assertFederationError(() => planResource(c.input), c.error);
        });
    }
});

import { strict as assert } from "assert";
import * as path from "path";
import { FederationError } from "../../components/errors";
import { interpretManifests } from "../../components/manifests/kubefed";
import { loadFederationManifests, parseManifestText } from "../../components/manifests/load";
import { FederationPlan, manifestField, planFederation } from "../../components/manifests/plan";
import { Member } from "../../components/planning/members";
import { CORE, docs, expectFederationError, ExpectedError, federated, federatedNamespace, kubeFedCluster, SCHEDULING, typeConfig, TYPES } from "./helpers";

const FILE = "fleet.yaml";
const L = (index: number, what: string) => `${FILE} document ${index} (${what})`;

const MEMBERS: Member[] = [
    { name: "c1", labels: { region: "eu", tier: "gold" } },
    { name: "c2", labels: { region: "us", tier: "gold" } },
    { name: "c3", labels: { region: "eu", tier: "silver" } },
];

/** Plans `objects` as one file; members are MEMBERS unless given (an explicit undefined means none given). */
const plan = (objects: Record<string, unknown>[], ...members: [(readonly Member[] | undefined)?]): FederationPlan =>
    planFederation(docs(FILE, ...objects), members.length > 0 ? members[0] : MEMBERS);

/** The ConfigMap every cluster gets from `configMap()` below. */
const CM = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "shop" }, data: { mode: "fast" } };
const configMap = (placement?: unknown, extra: Record<string, unknown> = {}) =>
    federated("FederatedConfigMap", "settings", "shop", { template: { data: { mode: "fast" } }, ...(placement === undefined ? {} : { placement }), ...extra });

describe("manifests/plan: placement exactly as KubeFed", () => {
    const cases: { name: string; placement: unknown; expected: string[] }[] = [
        { name: "clusters: [{name}] picks those members, in member order", placement: { clusters: [{ name: "c3" }, { name: "c1" }] }, expected: ["c1", "c3"] },
        { name: "clusters naming a member twice places it once", placement: { clusters: [{ name: "c2" }, { name: "c2" }] }, expected: ["c2"] },
        { name: "clusters: [] places nowhere", placement: { clusters: [] }, expected: [] },
        { name: "clusters wins over clusterSelector", placement: { clusters: [{ name: "c2" }], clusterSelector: { matchLabels: { region: "eu" } } }, expected: ["c2"] },
        { name: "clusters: [] wins over clusterSelector: {}", placement: { clusters: [], clusterSelector: {} }, expected: [] },
        { name: "clusters: null leaves the selector in charge", placement: { clusters: null, clusterSelector: { matchLabels: { tier: "silver" } } }, expected: ["c3"] },
        { name: "clusterSelector: {} places everywhere", placement: { clusterSelector: {} }, expected: ["c1", "c2", "c3"] },
        { name: "clusterSelector matchLabels", placement: { clusterSelector: { matchLabels: { region: "eu" } } }, expected: ["c1", "c3"] },
        { name: "clusterSelector matchLabels, all must hold", placement: { clusterSelector: { matchLabels: { region: "eu", tier: "gold" } } }, expected: ["c1"] },
        { name: "clusterSelector matchLabels that no member has", placement: { clusterSelector: { matchLabels: { region: "apac" } } }, expected: [] },
        {
            name: "matchExpressions In",
            placement: { clusterSelector: { matchExpressions: [{ key: "region", operator: "In", values: ["us", "apac"] }] } },
            expected: ["c2"],
        },
        {
            name: "matchExpressions NotIn",
            placement: { clusterSelector: { matchExpressions: [{ key: "tier", operator: "NotIn", values: ["gold"] }] } },
            expected: ["c3"],
        },
        {
            name: "matchExpressions Exists / DoesNotExist",
            placement: { clusterSelector: { matchExpressions: [{ key: "region", operator: "Exists" }, { key: "gpu", operator: "DoesNotExist" }] } },
            expected: ["c1", "c2", "c3"],
        },
        {
            name: "matchLabels and matchExpressions together",
            placement: { clusterSelector: { matchLabels: { tier: "gold" }, matchExpressions: [{ key: "region", operator: "NotIn", values: ["us"] }] } },
            expected: ["c1"],
        },
        { name: "an empty placement places nowhere", placement: {}, expected: [] },
        { name: "placement: null places nowhere", placement: null, expected: [] },
        { name: "no placement places nowhere", placement: undefined, expected: [] },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const result = plan([configMap(c.placement)]);
            assert.deepStrictEqual(result.planned[0].clusters, c.expected);
            assert.deepStrictEqual(result.byCluster, {
                c1: c.expected.includes("c1") ? [CM] : [],
                c2: c.expected.includes("c2") ? [CM] : [],
                c3: c.expected.includes("c3") ? [CM] : [],
            });
        });
    }

    it("selects by the labels of KubeFedCluster documents when no members are given", () => {
        const result = plan(
            [
                kubeFedCluster("east", { zone: "a" }),
                kubeFedCluster("west", { zone: "b" }),
                kubeFedCluster("north"),
                configMap({ clusterSelector: { matchExpressions: [{ key: "zone", operator: "Exists" }] } }),
            ],
            undefined,
        );
        assert.deepStrictEqual(result.members, [
            { name: "east", labels: { zone: "a" } },
            { name: "west", labels: { zone: "b" } },
            { name: "north", labels: {} },
        ]);
        assert.deepStrictEqual(result.planned[0].clusters, ["east", "west"]);
        assert.deepStrictEqual(result.byCluster, { east: [CM], west: [CM], north: [] });
    });
});

describe("manifests/plan: overrides", () => {
    const deployment = (overrides: unknown, placement: unknown = { clusterSelector: {} }) =>
        federated("FederatedDeployment", "web", "shop", {
            template: {
                metadata: { labels: { app: "web", team: "blue" } },
                spec: { replicas: 1, template: { spec: { containers: [{ name: "web", image: "web:1" }] } } },
            },
            placement,
            overrides,
        });
    /** The Deployment every cluster gets without overrides, edited by `edit`. */
    const base = (edit: (o: any) => void = () => {}) => {
        const o: any = {
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { name: "web", namespace: "shop", labels: { app: "web", team: "blue" } },
            spec: { replicas: 1, template: { spec: { containers: [{ name: "web", image: "web:1" }] } } },
        };
        edit(o);
        return o;
    };

    const cases: { name: string; overrides: unknown; placement?: unknown; expected: Record<string, unknown[]>; applied?: Record<string, string[]> }[] = [
        {
            name: "op omitted means replace; other clusters unchanged",
            overrides: [{ clusterName: "c2", clusterOverrides: [{ path: "/spec/replicas", value: 5 }] }],
            expected: { c1: [base()], c2: [base((o) => (o.spec.replicas = 5))], c3: [base()] },
            applied: { c1: [], c2: ["replace /spec/replicas"], c3: [] },
        },
        {
            name: "explicit replace inside a list item",
            overrides: [{ clusterName: "c1", clusterOverrides: [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: "web:2" }] }],
            expected: { c1: [base((o) => (o.spec.template.spec.containers[0].image = "web:2"))], c2: [base()], c3: [base()] },
        },
        {
            name: "add creates a missing field, and appends to a list with -",
            overrides: [
                {
                    clusterName: "c3",
                    clusterOverrides: [
                        { op: "add", path: "/metadata/annotations", value: { "example.com/region": "eu-silver" } },
                        { op: "add", path: "/spec/template/spec/containers/-", value: { name: "proxy", image: "proxy:1" } },
                    ],
                },
            ],
            expected: {
                c1: [base()],
                c2: [base()],
                c3: [
                    base((o) => {
                        o.metadata.annotations = { "example.com/region": "eu-silver" };
                        o.spec.template.spec.containers.push({ name: "proxy", image: "proxy:1" });
                    }),
                ],
            },
            applied: { c1: [], c2: [], c3: ["add /metadata/annotations", "add /spec/template/spec/containers/-"] },
        },
        {
            name: "add at a list index inserts before it",
            overrides: [{ clusterName: "c1", clusterOverrides: [{ op: "add", path: "/spec/template/spec/containers/0", value: { name: "init", image: "init:1" } }] }],
            expected: {
                c1: [base((o) => o.spec.template.spec.containers.unshift({ name: "init", image: "init:1" }))],
                c2: [base()],
                c3: [base()],
            },
        },
        {
            name: "add on an existing field replaces it",
            overrides: [{ clusterName: "c2", clusterOverrides: [{ op: "add", path: "/metadata/labels/team", value: "red" }] }],
            expected: { c1: [base()], c2: [base((o) => (o.metadata.labels.team = "red"))], c3: [base()] },
        },
        {
            name: "remove deletes a field",
            overrides: [{ clusterName: "c1", clusterOverrides: [{ op: "remove", path: "/metadata/labels/team" }] }],
            expected: { c1: [base((o) => delete o.metadata.labels.team)], c2: [base()], c3: [base()] },
            applied: { c1: ["remove /metadata/labels/team"], c2: [], c3: [] },
        },
        {
            name: "one entry per cluster, each applied only to its own cluster, operations in order",
            overrides: [
                { clusterName: "c3", clusterOverrides: [{ path: "/spec/replicas", value: 0 }] },
                {
                    clusterName: "c1",
                    clusterOverrides: [
                        { op: "add", path: "/metadata/annotations", value: {} },
                        { op: "add", path: "/metadata/annotations/owner", value: "sre" },
                        { op: "remove", path: "/spec/template/spec/containers/0/image" },
                    ],
                },
            ],
            expected: {
                c1: [
                    base((o) => {
                        o.metadata.annotations = { owner: "sre" };
                        delete o.spec.template.spec.containers[0].image;
                    }),
                ],
                c2: [base()],
                c3: [base((o) => (o.spec.replicas = 0))],
            },
        },
        {
            name: "an override for a member the resource is not placed in has no effect",
            placement: { clusters: [{ name: "c1" }] },
            overrides: [{ clusterName: "c2", clusterOverrides: [{ path: "/spec/nothing/here", value: 1 }] }],
            expected: { c1: [base()], c2: [], c3: [] },
        },
        {
            name: "replace with a whole object and with null",
            overrides: [
                {
                    clusterName: "c2",
                    clusterOverrides: [
                        { path: "/spec/template/spec", value: { containers: [] } },
                        { path: "/metadata/labels/app", value: null },
                    ],
                },
            ],
            expected: {
                c1: [base()],
                c2: [
                    base((o) => {
                        o.spec.template.spec = { containers: [] };
                        o.metadata.labels.app = null;
                    }),
                ],
                c3: [base()],
            },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const result = plan([deployment(c.overrides, c.placement)]);
            assert.deepStrictEqual(result.byCluster, c.expected);
            if (c.applied) {
                assert.deepStrictEqual(Object.fromEntries(result.planned[0].objects.map((o) => [o.cluster, o.overridesApplied])), c.applied);
            }
        });
    }

    it("overrides do not leak into the template or between clusters", () => {
        const documents = docs(FILE, deployment([{ clusterName: "c1", clusterOverrides: [{ path: "/metadata/labels/app", value: "changed" }] }]));
        const result = planFederation(documents, MEMBERS);
        assert.deepStrictEqual((documents[0].object as any).spec.template.metadata.labels, { app: "web", team: "blue" });
        const [o1, o2, o3] = ["c1", "c2", "c3"].map((c) => result.byCluster[c][0] as any);
        assert.notStrictEqual(o2, o3);
        assert.notStrictEqual(o2.metadata, o3.metadata);
        o2.metadata.labels.app = "mutated";
        assert.equal(o3.metadata.labels.app, "web");
        assert.equal(o1.metadata.labels.app, "changed");
    });
});

describe("manifests/plan: namespace intersection", () => {
    const secret = (namespace: string, placement: unknown) => federated("FederatedSecret", "creds", namespace, { template: { stringData: { k: "v" } }, placement });
    const NS = (name: string) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
    const SECRET = (namespace: string) => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "creds", namespace }, stringData: { k: "v" } });

    const cases: { name: string; objects: Record<string, unknown>[]; expected: Record<string, unknown[]> }[] = [
        {
            name: "a resource goes only where both it and its FederatedNamespace are placed",
            objects: [federatedNamespace("shop", { clusters: [{ name: "c1" }, { name: "c2" }] }), secret("shop", { clusters: [{ name: "c2" }, { name: "c3" }] })],
            expected: { c1: [NS("shop")], c2: [NS("shop"), SECRET("shop")], c3: [] },
        },
        {
            name: "clusterSelector: {} on the resource is cut down to the namespace's clusters",
            objects: [federatedNamespace("shop", { clusterSelector: { matchLabels: { region: "eu" } } }), secret("shop", { clusterSelector: {} })],
            expected: { c1: [NS("shop"), SECRET("shop")], c2: [], c3: [NS("shop"), SECRET("shop")] },
        },
        {
            name: "a FederatedNamespace placed nowhere keeps its resources everywhere out",
            objects: [federatedNamespace("shop"), secret("shop", { clusterSelector: {} })],
            expected: { c1: [], c2: [], c3: [] },
        },
        {
            name: "a FederatedNamespace written after its resources still applies, and comes first per cluster",
            objects: [secret("shop", { clusterSelector: {} }), federatedNamespace("shop", { clusters: [{ name: "c3" }] })],
            expected: { c1: [], c2: [], c3: [NS("shop"), SECRET("shop")] },
        },
        {
            name: "a namespace without a FederatedNamespace: the resource's own placement only",
            objects: [federatedNamespace("shop", { clusters: [{ name: "c1" }] }), secret("other", { clusters: [{ name: "c2" }, { name: "c3" }] })],
            expected: { c1: [NS("shop")], c2: [SECRET("other")], c3: [SECRET("other")] },
        },
        {
            name: "each resource is cut by its own namespace",
            objects: [
                federatedNamespace("shop", { clusters: [{ name: "c1" }] }),
                federatedNamespace("ops", { clusters: [{ name: "c2" }] }),
                secret("shop", { clusterSelector: {} }),
                secret("ops", { clusterSelector: {} }),
            ],
            expected: { c1: [NS("shop"), SECRET("shop")], c2: [NS("ops"), SECRET("ops")], c3: [] },
        },
        {
            name: "a cluster-scoped resource ignores every FederatedNamespace",
            objects: [federatedNamespace("shop", { clusters: [{ name: "c1" }] }), federated("FederatedClusterRole", "shop", undefined, { template: { rules: [] }, placement: { clusterSelector: {} } })],
            expected: {
                c1: [NS("shop"), { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "shop" }, rules: [] }],
                c2: [{ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "shop" }, rules: [] }],
                c3: [{ apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "shop" }, rules: [] }],
            },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            assert.deepStrictEqual(plan(c.objects).byCluster, c.expected);
        });
    }
});

describe("manifests/plan: what each member receives", () => {
    it("byCluster: namespaces first, then resources in document order; names everywhere the same; namespace only on namespaced kinds", () => {
        const result = plan([
            federated("FederatedDeployment", "api", "shop", { template: { spec: { replicas: 2 } }, placement: { clusterSelector: {} } }),
            federated("FederatedClusterRole", "viewer", undefined, { template: { rules: [{ verbs: ["get"] }] }, placement: { clusters: [{ name: "c1" }, { name: "c2" }] } }),
            federatedNamespace("shop", { clusterSelector: {} }),
            federated("FederatedService", "api", "shop", { template: { spec: { ports: [{ port: 80 }] } }, placement: { clusters: [{ name: "c2" }] } }),
            federatedNamespace("ops", { clusters: [{ name: "c3" }] }),
            kubeFedCluster("c2"),
        ]);
        const NS = (name: string) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
        const deploy = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "api", namespace: "shop" }, spec: { replicas: 2 } };
        const role = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "viewer" }, rules: [{ verbs: ["get"] }] };
        const service = { apiVersion: "v1", kind: "Service", metadata: { name: "api", namespace: "shop" }, spec: { ports: [{ port: 80 }] } };
        assert.deepStrictEqual(result.byCluster, {
            c1: [NS("shop"), deploy, role],
            c2: [NS("shop"), deploy, role, service],
            c3: [NS("shop"), NS("ops"), deploy],
        });
        assert.deepStrictEqual(
            result.planned.map((p) => [p.resource.federatedKind, p.resource.name, p.clusters]),
            [
                ["FederatedNamespace", "shop", ["c1", "c2", "c3"]],
                ["FederatedNamespace", "ops", ["c3"]],
                ["FederatedDeployment", "api", ["c1", "c2", "c3"]],
                ["FederatedClusterRole", "viewer", ["c1", "c2"]],
                ["FederatedService", "api", ["c2"]],
            ],
        );
        assert.deepStrictEqual(result.members, MEMBERS);
        assert.notStrictEqual(result.members[0], MEMBERS[0]);
    });

    it("every member appears in byCluster, also one that gets nothing", () => {
        assert.deepStrictEqual(plan([configMap({ clusters: [{ name: "c2" }] })]).byCluster, { c1: [], c2: [CM], c3: [] });
    });

    it("no members and no KubeFedCluster documents: an empty plan", () => {
        const result = plan([configMap({ clusterSelector: {} })], undefined);
        assert.deepStrictEqual([result.members, result.byCluster, result.planned[0].clusters], [[], {}, []]);
    });

    it("template metadata (labels, annotations) is kept; the object gets the federated name and namespace", () => {
        const result = plan([
            federated("FederatedConfigMap", "settings", "shop", {
                template: { metadata: { labels: { app: "shop" }, annotations: { note: "x" } }, data: { a: "1" } },
                placement: { clusters: [{ name: "c1" }] },
            }),
        ]);
        assert.deepStrictEqual(result.byCluster.c1, [
            { apiVersion: "v1", kind: "ConfigMap", metadata: { labels: { app: "shop" }, annotations: { note: "x" }, name: "settings", namespace: "shop" }, data: { a: "1" } },
        ]);
    });

    it("a template repeating the right apiVersion, kind and namespace is fine", () => {
        const result = plan([
            federated("FederatedConfigMap", "settings", "shop", {
                template: { apiVersion: "v1", kind: "ConfigMap", metadata: { namespace: "shop" }, data: { mode: "fast" } },
                placement: { clusters: [{ name: "c3" }] },
            }),
        ]);
        assert.deepStrictEqual(result.byCluster.c3, [CM]);
    });

    it("a FederatedTypeConfig makes a cert-manager Certificate plannable with its apiVersion, and scope Cluster drops the namespace", () => {
        const result = plan([
            typeConfig("FederatedCertificate", { group: "cert-manager.io", version: "v1", kind: "Certificate", scope: "Namespaced" }),
            federated("FederatedCertificate", "tls", "shop", { template: { spec: { secretName: "tls", dnsNames: ["shop.example.com"] } }, placement: { clusters: [{ name: "c1" }] } }),
            federated("FederatedClusterIssuer", "acme", undefined, { template: { spec: { acme: { server: "https://acme.example" } } }, placement: { clusters: [{ name: "c1" }] } }),
            typeConfig("FederatedClusterIssuer", { group: "cert-manager.io", version: "v1", kind: "ClusterIssuer", scope: "Cluster" }),
        ]);
        assert.deepStrictEqual(result.byCluster.c1, [
            { apiVersion: "cert-manager.io/v1", kind: "Certificate", metadata: { name: "tls", namespace: "shop" }, spec: { secretName: "tls", dnsNames: ["shop.example.com"] } },
            { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name: "acme" }, spec: { acme: { server: "https://acme.example" } } },
        ]);
        assert.deepStrictEqual(
            result.ignored.map((i) => i.document.index).sort(),
            [0, 3],
        );
    });

    it("v1beta1 and v1alpha2 documents plan to the same objects", () => {
        const a = plan([federated("FederatedConfigMap", "settings", "shop", { template: { data: { mode: "fast" } }, placement: { clusterSelector: {} } }, "types.kubefed.io/v1beta1")]);
        const b = plan([federated("FederatedConfigMap", "settings", "shop", { template: { data: { mode: "fast" } }, placement: { clusterSelector: {} } }, "types.kubefed.io/v1alpha2")]);
        assert.deepStrictEqual(a.byCluster, { c1: [CM], c2: [CM], c3: [CM] });
        assert.deepStrictEqual(b.byCluster, a.byCluster);
    });

    it("a ReplicaSchedulingPreference without a target and KubeFedConfig are listed as ignored", () => {
        const result = plan([
            { apiVersion: CORE, kind: "KubeFedConfig", metadata: { name: "kubefed", namespace: "kube-federation-system" }, spec: { scope: "Cluster" } },
            { apiVersion: SCHEDULING, kind: "ReplicaSchedulingPreference", metadata: { name: "web", namespace: "shop" }, spec: { targetKind: "FederatedDeployment", totalReplicas: 6 } },
            configMap({ clusters: [{ name: "c1" }] }),
        ]);
        assert.deepStrictEqual(
            result.schedulingPreferences.map((p) => [p.name, p.namespace, p.spec, p.document.index]),
            [["web", "shop", { targetKind: "FederatedDeployment", totalReplicas: 6 }, 1]],
        );
        assert.deepStrictEqual(
            result.ignored.map((i) => [i.document.index, i.reason]),
            [
                [0, "controller settings: there is no controller here"],
                [1, "no FederatedDeployment shop/web in the manifests to schedule"],
            ],
        );
        assert.deepStrictEqual(result.byCluster, { c1: [CM], c2: [], c3: [] });
    });

    it("the kubefed-redis example plans to the walkthrough's objects", () => {
        const documents = loadFederationManifests([path.join(__dirname, "..", "..", "examples", "kubefed-redis")]);
        const result = planFederation(documents, [{ name: "cluster1" }, { name: "cluster2" }]);
        const namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: "federated-namespace" } };
        const redis = (replicas: number, annotations?: Record<string, string>) => ({
            apiVersion: "apps/v1",
            kind: "Deployment",
            metadata: { labels: { app: "redis" }, name: "redis", namespace: "federated-namespace", ...(annotations ? { annotations } : {}) },
            spec: {
                replicas,
                selector: { matchLabels: { app: "redis" } },
                template: {
                    metadata: { labels: { app: "redis" } },
                    spec: { containers: [{ name: "redis", image: "redis:alpine", ports: [{ containerPort: 6379 }] }] },
                },
            },
        });
        assert.deepStrictEqual(result.byCluster, {
            cluster1: [namespace, redis(1)],
            cluster2: [namespace, redis(2, { "federation.example.com/note": "scaled-up-in-cluster2" })],
        });
    });
});

describe("manifests/plan: members", () => {
    it("KubeFedCluster documents naming given members are fine; the given members (and their labels) are used", () => {
        const result = plan([kubeFedCluster("c2", { region: "elsewhere" }), configMap({ clusterSelector: { matchLabels: { region: "us" } } })]);
        assert.deepStrictEqual(result.members, MEMBERS);
        assert.deepStrictEqual(result.planned[0].clusters, ["c2"]);
    });

    const cases: { name: string; objects: Record<string, unknown>[]; members?: Member[]; error: ExpectedError }[] = [
        {
            name: "a KubeFedCluster that is not among the given members",
            objects: [kubeFedCluster("c1"), kubeFedCluster("c9")],
            members: MEMBERS,
            error: { resource: L(1, "KubeFedCluster c9"), cluster: "c9", field: "metadata.name", message: "is not a member of the federation (members: c1, c2, c3); join it first" },
        },
        {
            name: "a KubeFedCluster when the federation has no members",
            objects: [kubeFedCluster("c1")],
            members: [],
            error: { resource: L(0, "KubeFedCluster c1"), cluster: "c1", field: "metadata.name", message: "(members: none)" },
        },
        {
            name: "two KubeFedCluster documents with the same name",
            objects: [kubeFedCluster("c1"), configMap(), kubeFedCluster("c2"), kubeFedCluster("c1")],
            error: { resource: L(3, "KubeFedCluster c1"), cluster: "c1", field: "metadata.name", message: "duplicate member cluster name" },
        },
        {
            name: "a KubeFedCluster name that is not a DNS-1123 label",
            objects: [kubeFedCluster("ok"), kubeFedCluster("Prod_EU")],
            error: { resource: L(1, "KubeFedCluster Prod_EU"), field: "metadata.name", message: '"Prod_EU" is not a DNS-1123 label' },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            expectFederationError(() => plan(c.objects, c.members), c.error);
        });
    }

    // Was a bug: with no members given, a KubeFedCluster label value that is not a string (YAML `tier: 3`)
    // is reported on field `metadata.name` (plan.ts resolveMembers maps every validateMembers error
    // to metadata.name); it belongs to the labels.
    it("a non-string KubeFedCluster label value is reported on metadata.labels", () => {
        expectFederationError(() => plan([{ apiVersion: CORE, kind: "KubeFedCluster", metadata: { name: "c1", labels: { tier: 3 } } }], undefined), {
            resource: L(0, "KubeFedCluster c1"),
            cluster: "c1",
            field: 'metadata.labels["tier"]',
            message: "label values are strings, got number 3",
        });
    });
});

describe("manifests/plan: errors name file, document, kind/name, cluster and field", () => {
    const DEP = L(0, "FederatedDeployment shop/web");
    const deployment = (spec: Record<string, unknown>) =>
        federated("FederatedDeployment", "web", "shop", { template: { metadata: { labels: { app: "web" } }, spec: { replicas: 1 } }, placement: { clusterSelector: {} }, ...spec });

    const cases: { name: string; objects: Record<string, unknown>[]; members?: Member[]; error: ExpectedError }[] = [
        {
            name: "an unknown cluster in placement",
            objects: [deployment({ placement: { clusters: [{ name: "c1" }, { name: "c9" }] } })],
            error: { resource: DEP, cluster: "c9", field: "spec.placement.clusters[1].name", message: "is not a member of the federation (members: c1, c2, c3)" },
        },
        {
            name: "any cluster in placement when there are no members",
            objects: [deployment({ placement: { clusters: [{ name: "c1" }] } })],
            members: [],
            error: { resource: DEP, cluster: "c1", field: "spec.placement.clusters[0].name", message: "(members: none)" },
        },
        {
            name: "a bare string in placement.clusters",
            objects: [deployment({ placement: { clusters: ["c1"] } })],
            error: { resource: DEP, field: "spec.placement.clusters[0]", message: 'got the bare string "c1"' },
        },
        {
            name: "an unknown placement field",
            objects: [deployment({ placement: { clusterNames: ["c1"] } })],
            error: { resource: DEP, field: "spec.placement.clusterNames", message: "is not a placement field" },
        },
        {
            name: "a bad selector operator",
            objects: [deployment({ placement: { clusterSelector: { matchExpressions: [{ key: "region", operator: "Equals", values: ["eu"] }] } } })],
            error: { resource: DEP, field: "spec.placement.clusterSelector.matchExpressions[0].operator", message: '"Equals" is not a selector operator' },
        },
        {
            name: "a non-string matchLabels value",
            objects: [deployment({ placement: { clusterSelector: { matchLabels: { gpu: true } } } })],
            error: { resource: DEP, field: 'spec.placement.clusterSelector.matchLabels["gpu"]', message: "label values are strings, got boolean true" },
        },
        {
            name: "clusterSelector: null (YAML `clusterSelector:` with nothing after it)",
            objects: [deployment({ placement: { clusterSelector: null } })],
            error: { resource: DEP, field: "spec.placement.clusterSelector", message: "a label selector must be an object, got null" },
        },
        {
            name: "an unknown cluster in overrides",
            objects: [deployment({ overrides: [{ clusterName: "c2", clusterOverrides: [{ path: "/spec/replicas", value: 2 }] }, { clusterName: "c7", clusterOverrides: [] }] })],
            error: { resource: DEP, cluster: "c7", field: "spec.overrides[1].clusterName", message: "is not a member of the federation (members: c1, c2, c3)" },
        },
        {
            name: "an unknown cluster in overrides of a resource placed nowhere",
            objects: [deployment({ placement: { clusters: [] }, overrides: [{ clusterName: "c7", clusterOverrides: [] }] })],
            error: { resource: DEP, cluster: "c7", field: "spec.overrides[0].clusterName", message: "is not a member" },
        },
        {
            name: "two override entries for one cluster",
            objects: [deployment({ overrides: [{ clusterName: "c1", clusterOverrides: [] }, { clusterName: "c1", clusterOverrides: [] }] })],
            error: { resource: DEP, cluster: "c1", field: "spec.overrides[1].clusterName", message: "duplicate override entry for this cluster (also overrides[0])" },
        },
        {
            name: "replace under a path that does not exist (op omitted)",
            objects: [deployment({ overrides: [{ clusterName: "c2", clusterOverrides: [{ path: "/spec/strategy/type", value: "Recreate" }] }] })],
            error: { resource: DEP, cluster: "c2", field: "spec.overrides[0].clusterOverrides[0]", message: ['cannot replace "/spec/strategy/type"', '/spec has no "strategy"'] },
        },
        {
            name: "add under a parent that does not exist",
            objects: [deployment({ overrides: [{ clusterName: "c3", clusterOverrides: [{ op: "add", path: "/metadata/annotations/owner", value: "sre" }] }] })],
            error: { resource: DEP, cluster: "c3", field: "spec.overrides[0].clusterOverrides[0]", message: 'cannot add "/metadata/annotations/owner"' },
        },
        {
            name: "remove of a path that does not exist, in the second operation",
            objects: [deployment({ overrides: [{ clusterName: "c1", clusterOverrides: [{ path: "/spec/replicas", value: 3 }, { op: "remove", path: "/spec/strategy" }] }] })],
            error: { resource: DEP, cluster: "c1", field: "spec.overrides[0].clusterOverrides[1]", message: 'cannot remove "/spec/strategy"' },
        },
        {
            name: "a forbidden override path /metadata/name",
            objects: [deployment({ overrides: [{ clusterName: "c1", clusterOverrides: [{ path: "/metadata/name", value: "web-c1" }] }] })],
            error: { resource: DEP, cluster: "c1", field: "spec.overrides[0].clusterOverrides[0].path", message: '"/metadata/name" would change /metadata/name, which must be the same in every cluster' },
        },
        {
            name: "a forbidden override path /metadata/namespace",
            objects: [deployment({ overrides: [{ clusterName: "c2", clusterOverrides: [{ op: "remove", path: "/metadata/namespace" }] }] })],
            error: { resource: DEP, cluster: "c2", field: "spec.overrides[0].clusterOverrides[0].path", message: "would change /metadata/namespace" },
        },
        {
            name: "a forbidden override path above a protected one (/metadata)",
            objects: [deployment({ overrides: [{ clusterName: "c2", clusterOverrides: [{ path: "/metadata", value: {} }] }] })],
            error: { resource: DEP, cluster: "c2", field: "spec.overrides[0].clusterOverrides[0].path", message: '"/metadata" would change /metadata/name' },
        },
        {
            name: "an unsupported op",
            objects: [deployment({ overrides: [{ clusterName: "c1", clusterOverrides: [{ op: "move", path: "/spec/replicas", from: "/spec/x" }] }] })],
            error: { resource: DEP, cluster: "c1", field: "spec.overrides[0].clusterOverrides[0].op", message: '"move" is not a supported operation' },
        },
        {
            name: "replace without a value",
            objects: [deployment({ overrides: [{ clusterName: "c1", clusterOverrides: [{ path: "/spec/replicas" }] }] })],
            error: { resource: DEP, cluster: "c1", field: "spec.overrides[0].clusterOverrides[0].value", message: 'operation replace of "/spec/replicas" needs a value' },
        },
        {
            name: "overrides that are not a list",
            objects: [deployment({ overrides: { clusterName: "c1" } })],
            error: { resource: DEP, field: "spec.overrides", message: "must be a list of override entries" },
        },
        {
            name: "a template with another apiVersion",
            objects: [deployment({ template: { apiVersion: "apps/v1beta2", spec: {} } })],
            error: { resource: DEP, field: "spec.template.apiVersion", message: 'is "apps/v1beta2" but this federated resource is apps/v1 Deployment' },
        },
        {
            name: "a template whose namespace contradicts metadata.namespace",
            objects: [deployment({ template: { metadata: { namespace: "other" } } })],
            error: { resource: DEP, field: "spec.template.metadata.namespace", message: 'is "other", but the object is the FederatedDeployment\'s own namespace ("shop")' },
        },
        {
            name: "a cluster-scoped template with a namespace",
            objects: [federated("FederatedClusterRole", "viewer", undefined, { template: { metadata: { namespace: "shop" }, rules: [] }, placement: { clusterSelector: {} } })],
            error: { resource: L(0, "FederatedClusterRole viewer"), field: "spec.template.metadata.namespace", message: "ClusterRole is cluster-scoped and has no namespace" },
        },
        {
            name: "a template with generateName",
            objects: [deployment({ template: { metadata: { generateName: "web-" } } })],
            error: { resource: DEP, field: "spec.template.metadata.generateName", message: "is not allowed" },
        },
        {
            name: "a namespace on a cluster-scoped federated kind",
            objects: [federated("FederatedClusterRoleBinding", "viewers", "shop", { template: { roleRef: {} } })],
            error: { resource: L(0, "FederatedClusterRoleBinding shop/viewers"), field: "metadata.namespace", message: "ClusterRoleBinding is cluster-scoped, so FederatedClusterRoleBinding takes no namespace" },
        },
        {
            name: "a plain apps/v1 Deployment",
            objects: [federatedNamespace("shop"), { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop" }, spec: {} }],
            error: { resource: L(1, "Deployment shop/web"), field: "kind", message: ["not a KubeFed federated one; federate it first:", "pulumi-federation federate -f NEW_FILE", "kind: FederatedDeployment", "spec.template"] },
        },
        {
            name: "an unknown Federated<Kind>",
            objects: [federated("FederatedWidget", "w", "shop", { template: {} })],
            error: { resource: L(0, "FederatedWidget shop/w"), field: "kind", message: "FederatedWidget is not a known federated kind" },
        },
        {
            name: "missing spec.template",
            objects: [federated("FederatedService", "api", "shop", { placement: { clusterSelector: {} } })],
            error: { resource: L(0, "FederatedService shop/api"), field: "spec.template", message: "is missing" },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            expectFederationError(() => plan(c.objects, c.members ?? MEMBERS), c.error);
        });
    }

    const duplicates: { name: string; objects: Record<string, unknown>[]; error: ExpectedError }[] = [
        {
            name: "two documents for the same object",
            objects: [configMap({ clusterSelector: {} }), federatedNamespace("shop"), configMap({ clusters: [{ name: "c1" }] })],
            error: {
                resource: L(2, "FederatedConfigMap shop/settings"),
                field: "metadata.name",
                message: `the same ConfigMap is already federated by ${L(0, "FederatedConfigMap shop/settings")}`,
            },
        },
        {
            name: "the same object in v1beta1 and v1alpha2",
            objects: [
                federated("FederatedSecret", "s", "shop", { template: {} }, "types.kubefed.io/v1alpha2"),
                federated("FederatedSecret", "s", "shop", { template: {} }, TYPES),
            ],
            error: { resource: L(1, "FederatedSecret shop/s"), field: "metadata.name", message: `already federated by ${L(0, "FederatedSecret shop/s")}` },
        },
        {
            name: "two FederatedNamespaces for one namespace",
            objects: [federatedNamespace("shop"), { apiVersion: TYPES, kind: "FederatedNamespace", metadata: { name: "shop" }, spec: {} }],
            error: { resource: L(1, "FederatedNamespace shop"), field: "metadata.name", message: "the same Namespace is already federated" },
        },
        {
            name: "two cluster-scoped documents with the same name",
            objects: [
                federated("FederatedClusterRole", "viewer", undefined, { template: {} }),
                federated("FederatedClusterRole", "viewer", undefined, { template: { rules: [] } }),
            ],
            error: { resource: L(1, "FederatedClusterRole viewer"), field: "metadata.name", message: "the same ClusterRole is already federated" },
        },
    ];
    for (const c of duplicates) {
        it(c.name, () => {
            expectFederationError(() => plan(c.objects), c.error);
        });
    }

    it("the same name in other namespaces or of other kinds is not a duplicate", () => {
        const result = plan([
            configMap({ clusters: [{ name: "c1" }] }),
            federated("FederatedConfigMap", "settings", "ops", { template: {}, placement: { clusters: [{ name: "c1" }] } }),
            federated("FederatedSecret", "settings", "shop", { template: {}, placement: { clusters: [{ name: "c1" }] } }),
        ]);
        assert.deepStrictEqual(
            result.byCluster.c1.map((o: any) => [o.kind, o.metadata.namespace, o.metadata.name]),
            [
                ["ConfigMap", "shop", "settings"],
                ["ConfigMap", "ops", "settings"],
                ["Secret", "shop", "settings"],
            ],
        );
    });

    it("nothing is planned when one document is bad: the error is thrown, not returned", () => {
        assert.throws(() => plan([configMap({ clusterSelector: {} }), deployment({ placement: { clusters: [{ name: "nope" }] } })]), FederationError);
    });

    // Was a bug: KubeFed names every propagated object after the federated object (its sync controller sets
    // metadata.name from the FederatedX, whatever the template says), and ManifestResource.name is
    // documented as "metadata.name of the federated object (and of the object it propagates)". Here
    // the template's metadata.name wins: FederatedConfigMap "settings" with
    // spec.template.metadata.name "other" puts a ConfigMap "other" in every cluster.
    // Either KubeFed's name or an error on spec.template.metadata.name would be right.
    it("a template metadata.name never renames the propagated object", () => {
        const objects = [federated("FederatedConfigMap", "settings", "shop", { template: { metadata: { name: "other" }, data: { mode: "fast" } }, placement: { clusterSelector: {} } })];
        let result: FederationPlan | undefined;
        try {
            result = plan(objects);
        } catch (error) {
            assert.ok(error instanceof FederationError && error.field === "spec.template.metadata.name", String(error));
            return;
        }
        assert.deepStrictEqual(result.byCluster, { c1: [CM], c2: [CM], c3: [CM] });
    });

    // Was a bug: checkUnique keys on the federated metadata.name, but the object sent to each cluster is
    // named by spec.template.metadata.name when given, so two documents that federate the very same
    // ConfigMap pass, and every cluster gets two objects named shop/same.
    // Was a bug: templates could rename objects past checkUnique. Now a template name that differs
    // from the federated object's is itself an error, so two documents cannot federate one object.
    it("two documents whose templates name the same object are refused", () => {
        const objects = [
            federated("FederatedConfigMap", "a", "shop", { template: { metadata: { name: "same" } }, placement: { clusterSelector: {} } }),
            federated("FederatedConfigMap", "b", "shop", { template: { metadata: { name: "same" } }, placement: { clusterSelector: {} } }),
        ];
        assert.throws(
            () => plan(objects),
            (error: unknown) => error instanceof FederationError && error.resource === L(0, "FederatedConfigMap shop/a") && error.field === "spec.template.metadata.name",
        );
    });

    // Was a bug (components/planning/names.ts describeType): a missing value is described as
    // "undefined undefined", e.g. `..., field spec: must be a mapping, got undefined undefined`.
    it("a missing spec is described once, not as 'undefined undefined'", () => {
        const error = expectFederationError(() => plan([{ apiVersion: TYPES, kind: "FederatedSecret", metadata: { name: "s", namespace: "shop" } }]), {
            resource: L(0, "FederatedSecret shop/s"),
            field: "spec",
            message: "must be a mapping",
        });
        assert.ok(!error.message.includes("undefined undefined"), error.message);
    });
});

describe("manifests/plan: manifestField maps planner fields to manifest fields", () => {
    const cases: [input: string | undefined, expected: string | undefined][] = [
        [undefined, undefined],
        ["namespace", "metadata.namespace"],
        ["placement.clusters[0]", "spec.placement.clusters[0].name"],
        ["placement.clusters[12]", "spec.placement.clusters[12].name"],
        ["placement.clusters", "spec.placement.clusters"],
        ["placement", "spec.placement"],
        ["placement.clusterSelector.matchExpressions[1].values[0]", "spec.placement.clusterSelector.matchExpressions[1].values[0]"],
        ['placement.clusterSelector.matchLabels["a"]', 'spec.placement.clusterSelector.matchLabels["a"]'],
        ["overrides", "spec.overrides"],
        ["overrides[0].clusterName", "spec.overrides[0].clusterName"],
        ["overrides[2].clusterOverrides[1].path", "spec.overrides[2].clusterOverrides[1].path"],
        ["overrides[0].clusterSelector.matchLabels", "spec.overrides[0].clusterSelector.matchLabels"],
        ["overrides[0].patch", "spec.overrides[0].patch"],
        ["template", "spec.template"],
        ["template.apiVersion", "spec.template.apiVersion"],
        ["template.metadata.namespace", "spec.template.metadata.namespace"],
    ];
    for (const [input, expected] of cases) {
        it(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
            assert.equal(manifestField(input), expected);
        });
    }
});

// Keeps the interpreted and planned views consistent: what interpretManifests reads is what planFederation plans.
describe("manifests/plan: planned entries carry the interpreted resources", () => {
    it("planned[i].resource is what interpretManifests read, namespaces first", () => {
        const documents = docs(FILE, configMap({ clusterSelector: {} }), federatedNamespace("shop", { clusterSelector: {} }));
        const read = interpretManifests(documents);
        const result = planFederation(documents, MEMBERS);
        assert.deepStrictEqual(
            result.planned.map((p) => p.resource.label),
            [...read.namespaces, ...read.resources].map((r) => r.label),
        );
        assert.deepStrictEqual(
            result.planned.map((p) => p.objects.map((o) => o.cluster)),
            [
                ["c1", "c2", "c3"],
                ["c1", "c2", "c3"],
            ],
        );
    });
});

describe("manifests/plan: ReplicaSchedulingPreference placement (intersectWithClusterSelector)", () => {
    const documents = (intersect?: boolean) =>
        parseManifestText(
            [
                "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedDeployment\nmetadata: { name: web, namespace: shop }\nspec:\n  template: { spec: { replicas: 1 } }\n  placement: { clusters: [{ name: c1 }] }\n",
                `apiVersion: scheduling.kubefed.io/v1alpha1\nkind: ReplicaSchedulingPreference\nmetadata: { name: web, namespace: shop }\nspec: { targetKind: FederatedDeployment, totalReplicas: 6${intersect === undefined ? "" : `, intersectWithClusterSelector: ${intersect}`} }\n`,
            ].join("---\n"),
            "rsp.yaml",
        );
    const replicas = (intersect?: boolean) =>
        Object.fromEntries(planFederation(documents(intersect), [{ name: "c1" }, { name: "c2" }]).planned[0].objects.map((o) => [o.cluster, (o.object.spec as any).replicas]));
    it("by default schedules over every member, as KubeFed does", () => assert.deepStrictEqual(replicas(), { c1: 3, c2: 3 }));
    it("with intersectWithClusterSelector: true keeps the target's placement", () => assert.deepStrictEqual(replicas(true), { c1: 6 }));
});

import { strict as assert } from "assert";
import { documentLabel, interpretManifests, InterpretedManifests, ManifestResource, membersWithKubeFedClusters } from "../../components/manifests/kubefed";
import { ManifestDocument } from "../../components/manifests/load";
import { CORE, docs, expectFederationError, ExpectedError, federated, federatedNamespace, kubeFedCluster, SCHEDULING, typeConfig, TYPES } from "./helpers";

const FILE = "fleet/apps.yaml";

const doc = (object: Record<string, unknown>, index = 0, source = FILE): ManifestDocument => ({ source, index, line: 1, object });

/** What interpretManifests says about a resource, without the document it came from. */
const brief = (resource: ManifestResource) => ({
    label: resource.label,
    federatedKind: resource.federatedKind,
    name: resource.name,
    namespace: resource.namespace,
    target: resource.target,
    template: resource.template,
    placement: resource.placement,
    overrides: resource.overrides,
});

describe("manifests/kubefed: documentLabel", () => {
    const cases: { name: string; object: Record<string, unknown>; index: number; expected: string }[] = [
        {
            name: "namespaced: file, index, kind and namespace/name",
            object: federated("FederatedDeployment", "web", "shop", {}),
            index: 3,
            expected: `${FILE} document 3 (FederatedDeployment shop/web)`,
        },
        { name: "no namespace: kind and name", object: federated("FederatedClusterRole", "reader", undefined, {}), index: 0, expected: `${FILE} document 0 (FederatedClusterRole reader)` },
        { name: "no metadata", object: { apiVersion: TYPES, kind: "FederatedSecret" }, index: 1, expected: `${FILE} document 1 (FederatedSecret <no name>)` },
        { name: "metadata that is not a mapping", object: { kind: "FederatedSecret", metadata: "web" }, index: 1, expected: `${FILE} document 1 (FederatedSecret <no name>)` },
        { name: "a name that is not a string", object: { kind: "FederatedSecret", metadata: { name: 7, namespace: "ns" } }, index: 2, expected: `${FILE} document 2 (FederatedSecret ns/<no name>)` },
        { name: "no kind", object: { apiVersion: TYPES, metadata: { name: "x" } }, index: 4, expected: `${FILE} document 4 (<no kind> x)` },
    ];
    for (const c of cases) {
        it(c.name, () => {
            assert.equal(documentLabel(doc(c.object, c.index)), c.expected);
        });
    }
});

describe("manifests/kubefed: interpretManifests accepts every KubeFed kind", () => {
    it("FederatedNamespace: a namespace resource, cluster-scoped Namespace target, empty template by default", () => {
        const read = interpretManifests(docs(FILE, federatedNamespace("shop", { clusters: [{ name: "c1" }, { name: "c2" }] })));
        assert.deepStrictEqual(read.resources, []);
        assert.deepStrictEqual(read.namespaces.map(brief), [
            {
                label: `${FILE} document 0 (FederatedNamespace shop/shop)`,
                federatedKind: "FederatedNamespace",
                name: "shop",
                namespace: undefined,
                target: { apiVersion: "v1", kind: "Namespace", clusterScoped: true },
                template: {},
                placement: { clusters: ["c1", "c2"] },
                overrides: undefined,
            },
        ]);
    });

    it("FederatedNamespace: namespace may be left out, spec may be left out, template labels are kept", () => {
        const read = interpretManifests(
            docs(
                FILE,
                { apiVersion: TYPES, kind: "FederatedNamespace", metadata: { name: "bare" } },
                { apiVersion: TYPES, kind: "FederatedNamespace", metadata: { name: "team", namespace: "team" }, spec: { template: { metadata: { labels: { owner: "blue" } } } } },
            ),
        );
        assert.deepStrictEqual(
            read.namespaces.map((n) => [n.name, n.namespace, n.template, n.placement]),
            [
                ["bare", undefined, {}, undefined],
                ["team", undefined, { metadata: { labels: { owner: "blue" } } }, undefined],
            ],
        );
    });

    for (const apiVersion of ["types.kubefed.io/v1beta1", "types.kubefed.io/v1alpha2", "types.kubefed.io/v1alpha1"]) {
        it(`Federated<Kind> in ${apiVersion}`, () => {
            const template = { spec: { replicas: 2 } };
            const read = interpretManifests(docs(FILE, federated("FederatedDeployment", "web", "shop", { template, placement: { clusterSelector: {} } }, apiVersion)));
            assert.deepStrictEqual(read.resources.map(brief), [
                {
                    label: `${FILE} document 0 (FederatedDeployment shop/web)`,
                    federatedKind: "FederatedDeployment",
                    name: "web",
                    namespace: "shop",
                    target: { apiVersion: "apps/v1", kind: "Deployment", clusterScoped: false },
                    template,
                    placement: { clusterSelector: {} },
                    overrides: undefined,
                },
            ]);
        });
    }

    const builtIns: [federatedKind: string, apiVersion: string, clusterScoped: boolean][] = [
        ["FederatedConfigMap", "v1", false],
        ["FederatedSecret", "v1", false],
        ["FederatedService", "v1", false],
        ["FederatedServiceAccount", "v1", false],
        ["FederatedStatefulSet", "apps/v1", false],
        ["FederatedDaemonSet", "apps/v1", false],
        ["FederatedJob", "batch/v1", false],
        ["FederatedCronJob", "batch/v1", false],
        ["FederatedIngress", "networking.k8s.io/v1", false],
        ["FederatedHorizontalPodAutoscaler", "autoscaling/v2", false],
        ["FederatedRole", "rbac.authorization.k8s.io/v1", false],
        ["FederatedClusterRole", "rbac.authorization.k8s.io/v1", true],
        ["FederatedClusterRoleBinding", "rbac.authorization.k8s.io/v1", true],
        ["FederatedStorageClass", "storage.k8s.io/v1", true],
        ["FederatedCustomResourceDefinition", "apiextensions.k8s.io/v1", true],
    ];
    for (const [federatedKind, apiVersion, clusterScoped] of builtIns) {
        it(`${federatedKind} propagates ${apiVersion} ${federatedKind.slice(9)}${clusterScoped ? " (cluster-scoped)" : ""}`, () => {
            const read = interpretManifests(docs(FILE, federated(federatedKind, "x", clusterScoped ? undefined : "ns", { template: {} })));
            assert.deepStrictEqual(read.resources[0].target, { apiVersion, kind: federatedKind.slice("Federated".length), clusterScoped });
            assert.equal(read.resources[0].namespace, clusterScoped ? undefined : "ns");
        });
    }

    it("an unknown Federated<Kind> whose template gives apiVersion: namespaced when it has a namespace, else cluster-scoped", () => {
        const read = interpretManifests(
            docs(
                FILE,
                federated("FederatedWidget", "w", "ns", { template: { apiVersion: "widgets.example.com/v1" } }),
                federated("FederatedGadget", "g", undefined, { template: { apiVersion: "gadgets.example.com/v2" } }),
            ),
        );
        assert.deepStrictEqual(
            read.resources.map((r) => [r.target, r.namespace]),
            [
                [{ apiVersion: "widgets.example.com/v1", kind: "Widget", clusterScoped: false }, "ns"],
                [{ apiVersion: "gadgets.example.com/v2", kind: "Gadget", clusterScoped: true }, undefined],
            ],
        );
    });

    it("KubeFedCluster: a member with its name and labels (none = {})", () => {
        const read = interpretManifests(docs(FILE, kubeFedCluster("c1", { region: "eu", tier: "gold" }), kubeFedCluster("c2")));
        assert.deepStrictEqual(
            read.members.map((m) => ({ name: m.name, labels: m.labels, index: m.document.index })),
            [
                { name: "c1", labels: { region: "eu", tier: "gold" }, index: 0 },
                { name: "c2", labels: {}, index: 1 },
            ],
        );
        assert.deepStrictEqual([read.namespaces, read.resources, read.schedulingPreferences, read.ignored], [[], [], [], []]);
    });

    it("ReplicaSchedulingPreference: kept with name, namespace and spec as written", () => {
        const spec = { targetKind: "FederatedDeployment", totalReplicas: 9, rebalance: true, clusters: { c1: { weight: 2 }, c2: { weight: 1, maxReplicas: 4 } } };
        const read = interpretManifests(docs(FILE, { apiVersion: SCHEDULING, kind: "ReplicaSchedulingPreference", metadata: { name: "web", namespace: "shop" }, spec }));
        assert.deepStrictEqual(
            read.schedulingPreferences.map((p) => ({ name: p.name, namespace: p.namespace, spec: p.spec, index: p.document.index })),
            [{ name: "web", namespace: "shop", spec, index: 0 }],
        );
        assert.deepStrictEqual(read.resources, []);
    });

    it("ReplicaSchedulingPreference: totalReplicas 0 and FederatedReplicaSet are fine, targetKind may be left out", () => {
        const read = interpretManifests(
            docs(
                FILE,
                { apiVersion: SCHEDULING, kind: "ReplicaSchedulingPreference", metadata: { name: "a", namespace: "ns" }, spec: { targetKind: "FederatedReplicaSet", totalReplicas: 0 } },
                { apiVersion: SCHEDULING, kind: "ReplicaSchedulingPreference", metadata: { name: "b", namespace: "ns" }, spec: { totalReplicas: 3 } },
            ),
        );
        assert.deepStrictEqual(
            read.schedulingPreferences.map((p) => p.name),
            ["a", "b"],
        );
    });

    it("KubeFedConfig: ignored, with the reason", () => {
        const read = interpretManifests(docs(FILE, { apiVersion: CORE, kind: "KubeFedConfig", metadata: { name: "kubefed", namespace: "kube-federation-system" }, spec: { scope: "Cluster" } }));
        assert.deepStrictEqual(
            read.ignored.map((i) => [i.document.index, i.reason]),
            [[0, "controller settings: there is no controller here"]],
        );
        assert.deepStrictEqual([read.members, read.namespaces, read.resources, read.schedulingPreferences], [[], [], [], []]);
    });

    it("FederatedTypeConfig: teaches an unknown Federated<Kind> its target (namespaced), wherever it stands, and is listed as ignored", () => {
        const certificate = federated("FederatedCertificate", "tls", "shop", { template: { spec: { secretName: "tls" } }, placement: { clusterSelector: {} } });
        const config = typeConfig("FederatedCertificate", { group: "cert-manager.io", version: "v1", kind: "Certificate", pluralName: "certificates", scope: "Namespaced" });
        const read = interpretManifests(docs(FILE, certificate, config));
        assert.deepStrictEqual(
            read.resources.map((r) => [r.federatedKind, r.target, r.namespace]),
            [["FederatedCertificate", { apiVersion: "cert-manager.io/v1", kind: "Certificate", clusterScoped: false }, "shop"]],
        );
        assert.deepStrictEqual(
            read.ignored.map((i) => [i.document.index, i.reason]),
            [[1, "type configuration: FederatedCertificate propagates cert-manager.io/v1 Certificate"]],
        );
    });

    it("FederatedTypeConfig: scope Cluster makes the kind cluster-scoped", () => {
        const read = interpretManifests(
            docs(
                FILE,
                typeConfig("FederatedClusterIssuer", { group: "cert-manager.io", version: "v1", kind: "ClusterIssuer", scope: "Cluster" }),
                federated("FederatedClusterIssuer", "letsencrypt", undefined, { template: { spec: { acme: {} } } }),
            ),
        );
        assert.deepStrictEqual(
            read.resources.map((r) => [r.target, r.namespace]),
            [[{ apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", clusterScoped: true }, undefined]],
        );
    });

    it("FederatedTypeConfig: a core-group target (no group) gets apiVersion = version", () => {
        const read = interpretManifests(
            docs(FILE, typeConfig("FederatedEndpoints", { version: "v1", kind: "Endpoints", scope: "Namespaced" }), federated("FederatedEndpoints", "e", "ns", { template: {} })),
        );
        assert.deepStrictEqual(read.resources[0].target, { apiVersion: "v1", kind: "Endpoints", clusterScoped: false });
    });

    it("FederatedTypeConfig: the older form (v1alpha1: target + namespaced: false) is read too", () => {
        const config = {
            apiVersion: "core.kubefed.io/v1alpha1",
            kind: "FederatedTypeConfig",
            metadata: { name: "priorityclasses.scheduling.k8s.io" },
            spec: { federatedType: { kind: "FederatedPriorityClass" }, namespaced: false, target: { group: "scheduling.k8s.io", version: "v1beta1", kind: "PriorityClass" } },
        };
        const read = interpretManifests(docs(FILE, config, federated("FederatedPriorityClass", "high", undefined, { template: { value: 1000 } })));
        assert.deepStrictEqual(read.resources[0].target, { apiVersion: "scheduling.k8s.io/v1beta1", kind: "PriorityClass", clusterScoped: true });
    });

    it("FederatedTypeConfig: replaces the built-in target of a known kind", () => {
        const read = interpretManifests(
            docs(
                FILE,
                typeConfig("FederatedHorizontalPodAutoscaler", { group: "autoscaling", version: "v1", kind: "HorizontalPodAutoscaler", scope: "Namespaced" }),
                federated("FederatedHorizontalPodAutoscaler", "web", "shop", { template: {} }),
            ),
        );
        assert.deepStrictEqual(read.resources[0].target, { apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler", clusterScoped: false });
    });

    it("sorts a mixed file: members, namespaces, resources, preferences and ignored, each in document order", () => {
        const read: InterpretedManifests = interpretManifests(
            docs(
                FILE,
                federated("FederatedConfigMap", "cfg", "shop", { template: {} }),
                kubeFedCluster("c1"),
                federatedNamespace("shop"),
                { apiVersion: CORE, kind: "KubeFedConfig", metadata: { name: "kubefed" } },
                federated("FederatedSecret", "sec", "shop", { template: {} }),
                { apiVersion: SCHEDULING, kind: "ReplicaSchedulingPreference", metadata: { name: "cfg", namespace: "shop" }, spec: { totalReplicas: 1 } },
                kubeFedCluster("c2"),
                federatedNamespace("ops"),
            ),
        );
        assert.deepStrictEqual(
            read.members.map((m) => m.name),
            ["c1", "c2"],
        );
        assert.deepStrictEqual(
            read.namespaces.map((n) => n.document.index),
            [2, 7],
        );
        assert.deepStrictEqual(
            read.resources.map((r) => [r.document.index, r.federatedKind]),
            [
                [0, "FederatedConfigMap"],
                [4, "FederatedSecret"],
            ],
        );
        assert.deepStrictEqual(
            read.schedulingPreferences.map((p) => p.document.index),
            [5],
        );
        assert.deepStrictEqual(
            read.ignored.map((i) => i.document.index),
            [3, 5],
        );
    });
});

describe("manifests/kubefed: interpretManifests reads placement KubeFed's way", () => {
    const cases: { name: string; placement: unknown; expected: unknown }[] = [
        { name: "clusters: [{name}] becomes a list of names", placement: { clusters: [{ name: "c2" }, { name: "c1" }] }, expected: { clusters: ["c2", "c1"] } },
        { name: "clusters: [] stays empty (none)", placement: { clusters: [] }, expected: { clusters: [] } },
        {
            name: "clusterSelector is kept as written",
            placement: { clusterSelector: { matchLabels: { region: "eu" }, matchExpressions: [{ key: "tier", operator: "In", values: ["gold"] }] } },
            expected: { clusterSelector: { matchLabels: { region: "eu" }, matchExpressions: [{ key: "tier", operator: "In", values: ["gold"] }] } },
        },
        { name: "clusterSelector: {} is kept (all)", placement: { clusterSelector: {} }, expected: { clusterSelector: {} } },
        { name: "clusters and clusterSelector together are both kept", placement: { clusters: [{ name: "c1" }], clusterSelector: {} }, expected: { clusterSelector: {}, clusters: ["c1"] } },
        { name: "clusters: null is as if absent", placement: { clusters: null, clusterSelector: {} }, expected: { clusterSelector: {} } },
        { name: "an empty placement stays empty", placement: {}, expected: {} },
        { name: "placement: null is no placement", placement: null, expected: undefined },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const read = interpretManifests([doc(federated("FederatedConfigMap", "cfg", "ns", { template: {}, placement: c.placement }))]);
            assert.deepStrictEqual(read.resources[0].placement, c.expected);
        });
    }

    it("no placement at all is undefined", () => {
        const read = interpretManifests([doc(federated("FederatedConfigMap", "cfg", "ns", { template: {} }))]);
        assert.equal(read.resources[0].placement, undefined);
    });

    it("overrides are passed through as written", () => {
        const overrides = [{ clusterName: "c1", clusterOverrides: [{ path: "/data/k", value: "v" }, { op: "remove", path: "/data/x" }] }];
        const read = interpretManifests([doc(federated("FederatedConfigMap", "cfg", "ns", { template: {}, overrides }))]);
        assert.deepStrictEqual(read.resources[0].overrides, overrides);
    });
});

describe("manifests/kubefed: interpretManifests errors name file, document, kind/name and field", () => {
    const L = (index: number, what: string) => `${FILE} document ${index} (${what})`;
    const cases: { name: string; objects: Record<string, unknown>[]; error: ExpectedError }[] = [
        {
            name: "a plain apps/v1 Deployment beside federated objects: split the file, then pulumi-federation federate",
            objects: [federatedNamespace("shop"), { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop" }, spec: { replicas: 1 } }],
            error: {
                resource: L(1, "Deployment shop/web"),
                field: "kind",
                message: [
                    "apps/v1 Deployment is a plain Kubernetes object, not a KubeFed federated one; federate it first: ",
                    `move it out of ${FILE} (federate reads plain objects only) into a file of its own; pulumi-federation federate -f NEW_FILE then writes the FederatedDeployment to use in its place`,
                    "apiVersion: types.kubefed.io/v1beta1",
                    "kind: FederatedDeployment",
                    "spec.template",
                    "spec.placement",
                ],
            },
        },
        {
            name: "a plain core v1 ConfigMap alone in its file: pulumi-federation federate -f that file",
            objects: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: {} }],
            error: {
                resource: L(0, "ConfigMap cfg"),
                field: "kind",
                message: ["v1 ConfigMap is a plain Kubernetes object", `federate it first: pulumi-federation federate -f ${FILE} writes the FederatedConfigMap to use in its place`, "kind: FederatedConfigMap"],
            },
        },
        {
            name: "an unknown Federated<Kind> with no type config and no template apiVersion",
            objects: [federated("FederatedWidget", "w", "ns", { template: { spec: {} } })],
            error: { resource: L(0, "FederatedWidget ns/w"), field: "kind", message: ["FederatedWidget is not a known federated kind", "FederatedTypeConfig"] },
        },
        {
            name: "a type config for another kind does not help",
            objects: [typeConfig("FederatedGadget", { group: "example.com", version: "v1", kind: "Gadget", scope: "Namespaced" }), federated("FederatedWidget", "w", "ns", { template: {} })],
            error: { resource: L(1, "FederatedWidget ns/w"), field: "kind", message: "FederatedWidget is not a known federated kind" },
        },
        {
            name: "a types.kubefed.io kind without the Federated prefix",
            objects: [federated("Deployment", "web", "ns", { template: {} })],
            error: { resource: L(0, "Deployment ns/web"), field: "kind", message: "Deployment is not a federated kind" },
        },
        {
            name: "kind: Federated alone",
            objects: [federated("Federated", "x", "ns", { template: {} })],
            error: { resource: L(0, "Federated ns/x"), field: "kind", message: "Federated is not a federated kind" },
        },
        {
            name: "types.kubefed.io/v2",
            objects: [federated("FederatedDeployment", "web", "ns", { template: {} }, "types.kubefed.io/v2")],
            error: { resource: L(0, "FederatedDeployment ns/web"), field: "apiVersion", message: "types.kubefed.io/v2 is not a KubeFed types version (use types.kubefed.io/v1beta1)" },
        },
        {
            name: "types.kubefed.io/v1",
            objects: [kubeFedCluster("c1"), federated("FederatedConfigMap", "cfg", "ns", { template: {} }, "types.kubefed.io/v1")],
            error: { resource: L(1, "FederatedConfigMap ns/cfg"), field: "apiVersion", message: "types.kubefed.io/v1 is not a KubeFed types version" },
        },
        {
            name: "missing spec.template",
            objects: [federated("FederatedDeployment", "web", "shop", { placement: { clusterSelector: {} } })],
            error: { resource: L(0, "FederatedDeployment shop/web"), field: "spec.template", message: "is missing: a FederatedDeployment needs the Deployment every cluster gets, under spec.template" },
        },
        {
            name: "spec.template that is not a mapping",
            objects: [federated("FederatedConfigMap", "cfg", "shop", { template: ["a"] })],
            error: { resource: L(0, "FederatedConfigMap shop/cfg"), field: "spec.template", message: "must be a mapping, got an array" },
        },
        {
            name: "missing spec on a Federated<Kind>",
            objects: [{ apiVersion: TYPES, kind: "FederatedSecret", metadata: { name: "s", namespace: "ns" } }],
            error: { resource: L(0, "FederatedSecret ns/s"), field: "spec", message: "must be a mapping, got nothing" },
        },
        {
            name: "a FederatedNamespace whose namespace differs from its name",
            objects: [{ apiVersion: TYPES, kind: "FederatedNamespace", metadata: { name: "shop", namespace: "default" }, spec: {} }],
            error: { resource: L(0, "FederatedNamespace default/shop"), field: "metadata.namespace", message: 'name and namespace must both be "shop"' },
        },
        {
            name: "a namespace on a cluster-scoped federated kind",
            objects: [federated("FederatedClusterRole", "reader", "shop", { template: { rules: [] } })],
            error: { resource: L(0, "FederatedClusterRole shop/reader"), field: "metadata.namespace", message: "ClusterRole is cluster-scoped, so FederatedClusterRole takes no namespace" },
        },
        {
            name: "a namespace on a kind made cluster-scoped by a FederatedTypeConfig",
            objects: [
                typeConfig("FederatedClusterIssuer", { group: "cert-manager.io", version: "v1", kind: "ClusterIssuer", scope: "Cluster" }),
                federated("FederatedClusterIssuer", "le", "ns", { template: {} }),
            ],
            error: { resource: L(1, "FederatedClusterIssuer ns/le"), field: "metadata.namespace", message: "ClusterIssuer is cluster-scoped" },
        },
        {
            name: "missing apiVersion",
            objects: [{ kind: "FederatedConfigMap", metadata: { name: "cfg", namespace: "ns" }, spec: { template: {} } }],
            error: { resource: L(0, "FederatedConfigMap ns/cfg"), field: "apiVersion", message: "every manifest needs apiVersion and kind" },
        },
        {
            name: "missing kind",
            objects: [kubeFedCluster("c1"), { apiVersion: TYPES, metadata: { name: "cfg" }, spec: { template: {} } }],
            error: { resource: L(1, "<no kind> cfg"), field: "kind", message: "every manifest needs apiVersion and kind" },
        },
        {
            name: "a numeric apiVersion",
            objects: [{ apiVersion: 1, kind: "FederatedConfigMap", metadata: { name: "cfg" } }],
            error: { resource: L(0, "FederatedConfigMap cfg"), field: "apiVersion", message: "every manifest needs apiVersion and kind" },
        },
        {
            name: "missing metadata.name",
            objects: [{ apiVersion: TYPES, kind: "FederatedConfigMap", metadata: { namespace: "ns" }, spec: { template: {} } }],
            error: { resource: L(0, "FederatedConfigMap ns/<no name>"), field: "metadata.name", message: "every manifest needs a name" },
        },
        {
            name: "an empty metadata.name",
            objects: [{ apiVersion: TYPES, kind: "FederatedConfigMap", metadata: { name: "" }, spec: { template: {} } }],
            error: { resource: L(0, "FederatedConfigMap "), field: "metadata.name", message: "every manifest needs a name" },
        },
        {
            name: "missing metadata",
            objects: [{ apiVersion: TYPES, kind: "FederatedConfigMap", spec: { template: {} } }],
            error: { resource: L(0, "FederatedConfigMap <no name>"), field: "metadata", message: "must be a mapping with a name, got nothing" },
        },
        {
            name: "a KubeFedCluster without a name",
            objects: [{ apiVersion: CORE, kind: "KubeFedCluster", metadata: { labels: { a: "b" } } }],
            error: { resource: L(0, "KubeFedCluster <no name>"), field: "metadata.name", message: "every manifest needs a name" },
        },
        {
            name: "KubeFedCluster labels that are a list",
            objects: [{ apiVersion: CORE, kind: "KubeFedCluster", metadata: { name: "c1", labels: ["eu"] } }],
            error: { resource: L(0, "KubeFedCluster c1"), field: "metadata.labels", message: "must be a mapping, got an array" },
        },
        {
            name: "a numeric metadata.namespace",
            objects: [{ apiVersion: TYPES, kind: "FederatedConfigMap", metadata: { name: "cfg", namespace: 5 }, spec: { template: {} } }],
            error: { resource: L(0, "FederatedConfigMap cfg"), field: "metadata.namespace", message: "must be a string, got number 5" },
        },
        {
            name: "a bare string in placement.clusters",
            objects: [federated("FederatedConfigMap", "cfg", "ns", { template: {}, placement: { clusters: [{ name: "c1" }, "cluster2"] } })],
            error: { resource: L(0, "FederatedConfigMap ns/cfg"), field: "spec.placement.clusters[1]", message: 'must be { name: <cluster> }, got the bare string "cluster2"' },
        },
        {
            name: "a clusters entry without a name",
            objects: [federated("FederatedConfigMap", "cfg", "ns", { template: {}, placement: { clusters: [{ cluster: "c1" }] } })],
            error: { resource: L(0, "FederatedConfigMap ns/cfg"), field: "spec.placement.clusters[0]", message: "must be { name: <cluster> }, got an object" },
        },
        {
            name: "placement.clusters that is a mapping",
            objects: [federated("FederatedConfigMap", "cfg", "ns", { template: {}, placement: { clusters: { name: "c1" } } })],
            error: { resource: L(0, "FederatedConfigMap ns/cfg"), field: "spec.placement.clusters", message: "must be a list of { name: <cluster> }, got an object" },
        },
        {
            name: "placement that is a list",
            objects: [federated("FederatedConfigMap", "cfg", "ns", { template: {}, placement: [{ name: "c1" }] })],
            error: { resource: L(0, "FederatedConfigMap ns/cfg"), field: "spec.placement", message: "must be a mapping, got an array" },
        },
        {
            name: "a ReplicaSchedulingPreference with a fractional totalReplicas",
            objects: [{ apiVersion: SCHEDULING, kind: "ReplicaSchedulingPreference", metadata: { name: "web", namespace: "shop" }, spec: { targetKind: "FederatedDeployment", totalReplicas: 2.5 } }],
            error: { resource: L(0, "ReplicaSchedulingPreference shop/web"), field: "spec.totalReplicas", message: "must be a whole number of replicas, got number 2.5" },
        },
        {
            name: "a ReplicaSchedulingPreference with totalReplicas as a string",
            objects: [{ apiVersion: SCHEDULING, kind: "ReplicaSchedulingPreference", metadata: { name: "web", namespace: "shop" }, spec: { totalReplicas: "3" } }],
            error: { resource: L(0, "ReplicaSchedulingPreference shop/web"), field: "spec.totalReplicas", message: 'got string "3"' },
        },
        {
            name: "a ReplicaSchedulingPreference with negative totalReplicas",
            objects: [{ apiVersion: SCHEDULING, kind: "ReplicaSchedulingPreference", metadata: { name: "web", namespace: "shop" }, spec: { totalReplicas: -1 } }],
            error: { resource: L(0, "ReplicaSchedulingPreference shop/web"), field: "spec.totalReplicas", message: "got number -1" },
        },
        {
            name: "a ReplicaSchedulingPreference without totalReplicas",
            objects: [{ apiVersion: SCHEDULING, kind: "ReplicaSchedulingPreference", metadata: { name: "web", namespace: "shop" }, spec: { targetKind: "FederatedDeployment" } }],
            error: { resource: L(0, "ReplicaSchedulingPreference shop/web"), field: "spec.totalReplicas", message: "got nothing" },
        },
        {
            name: "a ReplicaSchedulingPreference for a FederatedStatefulSet",
            objects: [{ apiVersion: SCHEDULING, kind: "ReplicaSchedulingPreference", metadata: { name: "db", namespace: "shop" }, spec: { targetKind: "FederatedStatefulSet", totalReplicas: 3 } }],
            error: { resource: L(0, "ReplicaSchedulingPreference shop/db"), field: "spec.targetKind", message: "must be FederatedDeployment or FederatedReplicaSet" },
        },
        {
            name: "another scheduling.kubefed.io kind",
            objects: [{ apiVersion: SCHEDULING, kind: "SchedulingPolicy", metadata: { name: "p" } }],
            error: { resource: L(0, "SchedulingPolicy p"), field: "kind", message: "SchedulingPolicy is not a scheduling.kubefed.io kind this library reads" },
        },
        {
            name: "another core.kubefed.io kind",
            objects: [{ apiVersion: CORE, kind: "PropagatedVersion", metadata: { name: "p", namespace: "ns" } }],
            error: { resource: L(0, "PropagatedVersion ns/p"), field: "kind", message: "PropagatedVersion is not a core.kubefed.io kind this library reads" },
        },
        {
            name: "a FederatedTypeConfig without targetType",
            objects: [{ apiVersion: CORE, kind: "FederatedTypeConfig", metadata: { name: "widgets" }, spec: { federatedType: { kind: "FederatedWidget" } } }],
            error: { resource: L(0, "FederatedTypeConfig widgets"), field: "spec.targetType", message: "must be a mapping with group, version, kind, pluralName, scope, got nothing" },
        },
        {
            name: "a FederatedTypeConfig whose targetType has no version",
            objects: [kubeFedCluster("c1"), typeConfig("FederatedWidget", { group: "example.com", kind: "Widget" })],
            error: { resource: L(1, "FederatedTypeConfig kube-federation-system/widgets.example.com"), field: "spec.targetType.version", message: 'is required (a version such as "v1"' },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const documents = c.objects.map((object, index) => doc(object, index));
            expectFederationError(() => interpretManifests(documents), c.error);
        });
    }

    it("a plain object of YAML text (no file) names the command with FILE; a path a shell would split is quoted", () => {
        const plain = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: {} };
        expectFederationError(() => interpretManifests([doc(plain, 0, "<inline>")]), { resource: "<inline> document 0 (ConfigMap cfg)", field: "kind", message: "federate it first: pulumi-federation federate -f FILE writes" });
        expectFederationError(() => interpretManifests([doc(plain, 0, "my apps/cfg.yaml")]), { resource: "my apps/cfg.yaml document 0 (ConfigMap cfg)", field: "kind", message: "pulumi-federation federate -f 'my apps/cfg.yaml' writes" });
    });

    it("the first bad document wins, in document order", () => {
        const documents = docs(FILE, federated("FederatedConfigMap", "ok", "ns", { template: {} }), federated("FederatedConfigMap", "a", "ns", {}), { apiVersion: "v1", kind: "Secret", metadata: { name: "b" } });
        expectFederationError(() => interpretManifests(documents), { resource: L(1, "FederatedConfigMap ns/a"), field: "spec.template", message: "is missing" });
    });
});

describe("manifests/kubefed: membersWithKubeFedClusters", () => {
    const cases: { name: string; configured: { name: string; labels?: Record<string, string>; context?: string }[]; joined: { name: string; labels?: Record<string, string> }[]; expected: unknown[] }[] = [
        { name: "config only", configured: [{ name: "a", context: "ctx" }], joined: [], expected: [{ name: "a", context: "ctx", labels: {} }] },
        { name: "documents only", configured: [], joined: [{ name: "b", labels: { r: "x" } }], expected: [{ name: "b", labels: { r: "x" } }] },
        {
            name: "both: config labels win over the document's, config members first, then the rest in document order",
            configured: [{ name: "b", labels: { r: "config" }, context: "ctx-b" }],
            joined: [{ name: "a", labels: { r: "a" } }, { name: "b", labels: { r: "doc", tier: "prod" } }, { name: "c" }],
            expected: [{ name: "b", labels: { r: "config", tier: "prod" }, context: "ctx-b" }, { name: "a", labels: { r: "a" } }, { name: "c", labels: {} }],
        },
    ];
    for (const c of cases) it(c.name, () => assert.deepStrictEqual(membersWithKubeFedClusters(c.configured, c.joined), c.expected));
});

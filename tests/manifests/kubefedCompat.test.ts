/**
 * KubeFed's own semantics, rule by rule (docs/reference/compatibility.md): overrides
 * as json-patch v4 applies them, /apiVersion overrides, FederatedTypeConfig as KubeFed's webhook
 * validates it, propagation Disabled, retainReplicas, unknown fields with suggestions and line
 * numbers, and KubeFed's own sample manifests (read from ../shared/peer-data when present).
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { interpretManifests } from "../../components/manifests/kubefed";
import { loadFederationManifests, parseManifestText } from "../../components/manifests/load";
import { planFederation } from "../../components/manifests/plan";
import { applyOverrides } from "../../components/planning/overrides";
import { CORE, ExpectedError, docs, expectFederationError, federated, typeConfig } from "./helpers";

const members = [{ name: "c1", labels: {} }, { name: "c2", labels: {} }];
const FILE = "fleet/app.yaml";
const L = (index: number, what: string) => `${FILE} document ${index} (${what})`;

const deployment = (spec: Record<string, unknown> = {}) =>
    federated("FederatedDeployment", "web", "shop", {
        template: { spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } } },
        placement: { clusters: [{ name: "c1" }, { name: "c2" }] },
        ...spec,
    });
const plan = (...objects: unknown[]) => planFederation(docs(FILE, ...objects), members, { validateSchema: true });

describe("KubeFed: overrides as json-patch v4 applies them", () => {
    const cases: { name: string; object: unknown; ops: { op?: "add" | "remove" | "replace"; path: string; value?: unknown }[]; expected?: unknown; error?: string }[] = [
        { name: "replace of a key the object lacks sets it (KubeFed's e2e relies on it)", object: { metadata: { name: "a" } }, ops: [{ path: "/metadata/labels", value: { x: "1" } }], expected: { metadata: { name: "a", labels: { x: "1" } } } },
        { name: "replace under a missing parent is an error", object: { metadata: {} }, ops: [{ path: "/metadata/labels/x", value: "1" }], error: 'cannot replace "/metadata/labels/x"' },
        { name: "replace under a null parent is an error", object: { spec: null }, ops: [{ path: "/spec/x", value: 1 }], error: "/spec is null" },
        { name: "replace at a list index past the end is an error", object: { l: [1] }, ops: [{ path: "/l/1", value: 2 }], error: "with no index" },
        { name: "add overwrites an existing key", object: { a: { b: 1 } }, ops: [{ op: "add", path: "/a", value: { c: 2 } }], expected: { a: { c: 2 } } },
        { name: "remove of a missing key is an error", object: { a: {} }, ops: [{ op: "remove", path: "/a/b" }], error: 'cannot remove "/a/b"' },
    ];
    for (const c of cases) {
        it(c.name, () => {
            if (c.error) assert.throws(() => applyOverrides(c.object, c.ops), (error: Error) => error.message.includes(c.error!));
            else assert.deepEqual(applyOverrides(c.object, c.ops), c.expected);
        });
    }

    it("an /apiVersion override gives that cluster the object under the other version", () => {
        const result = plan(
            federated("FederatedIngress", "web", "shop", {
                template: { spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } } },
                placement: { clusters: [{ name: "c1" }, { name: "c2" }] },
                overrides: [{ clusterName: "c2", clusterOverrides: [{ path: "/apiVersion", value: "extensions/v1beta1" }] }],
            }),
        );
        assert.deepEqual(result.byCluster.c1[0].apiVersion, "networking.k8s.io/v1");
        assert.deepEqual(result.byCluster.c2[0].apiVersion, "extensions/v1beta1");
    });
});

describe("KubeFed: FederatedTypeConfig as its webhook validates it", () => {
    const target = { group: "example.com", version: "v1", kind: "Widget", pluralName: "widgets", scope: "Namespaced" };
    const config = (change: (c: any) => void) => {
        const c = typeConfig("FederatedWidget", target) as any;
        change(c);
        return c;
    };
    const cases: { name: string; document: unknown; field: string; message: string }[] = [
        { name: "scope missing", document: config((c) => delete c.spec.targetType.scope), field: "spec.targetType.scope", message: "is required (Cluster or Namespaced)" },
        { name: "scope in lower case", document: config((c) => (c.spec.targetType.scope = "namespaced")), field: "spec.targetType.scope", message: 'write "Namespaced"' },
        { name: "a group that is no DNS subdomain", document: config((c) => (c.spec.targetType.group = "Example_Com")), field: "spec.targetType.group", message: "must be an API group" },
        { name: "a version with capitals", document: config((c) => (c.spec.targetType.version = "V1")), field: "spec.targetType.version", message: 'must be a version such as "v1"' },
        { name: "a kind with a dot", document: config((c) => (c.spec.targetType.kind = "Wid.get")), field: "spec.targetType.kind", message: 'must be a kind such as "Deployment"' },
        { name: "pluralName missing (KubeFed validates before defaulting)", document: config((c) => delete c.spec.targetType.pluralName), field: "spec.targetType.pluralName", message: "is required" },
        { name: "a federatedType group without a dot", document: config((c) => (c.spec.federatedType.group = "types")), field: "spec.federatedType.group", message: "at least one dot" },
        { name: "propagation missing", document: config((c) => delete c.spec.propagation), field: "spec.propagation", message: "is required" },
        { name: "propagation misspelled", document: config((c) => (c.spec.propagation = "enabled")), field: "spec.propagation", message: 'write "Enabled"' },
        { name: "a name that is not <plural>.<group>", document: config((c) => (c.metadata.name = "widget")), field: "metadata.name", message: '"widgets.example.com"' },
        { name: "an unknown spec field", document: config((c) => (c.spec.targetTyp = {})), field: "spec.targetTyp", message: "did you mean targetType?" },
        { name: "v1alpha1's target in a v1beta1 document", document: config((c) => (c.spec.target = {})), field: "spec.target", message: "v1beta1 writes targetType with a scope" },
    ];
    for (const c of cases) {
        it(`refuses ${c.name}`, () => {
            const label = `${FILE} document 0 (FederatedTypeConfig kube-federation-system/${(c.document as any).metadata.name})`;
            expectFederationError(() => interpretManifests(docs(FILE, c.document)), { resource: label, field: c.field, message: c.message });
        });
    }

    it("accepts every FederatedTypeConfig KubeFed's Helm chart installs", function () {
        const chart = path.join(peerSamples(), "charts", "federatedtypeconfig.yaml");
        if (!peerSamples() || !fs.existsSync(chart)) this.skip();
        const read = interpretManifests(loadFederationManifests([chart]));
        assert.equal(read.ignored.length, 10);
    });

    it("propagation: Disabled leaves that type's objects unpropagated, with a warning naming the type", () => {
        const result = plan(typeConfig("FederatedWidget", target, "Disabled"), federated("FederatedWidget", "w", "shop", { template: { spec: {} }, placement: { clusters: [{ name: "c1" }] } }));
        assert.deepEqual(result.planned, []);
        const warning = result.ignored.find((entry) => entry.warning);
        assert.ok(warning, "a warning");
        assert.match(warning.reason, /not propagated: propagation of FederatedWidget is Disabled by fleet\/app\.yaml document 0 \(FederatedTypeConfig/);
    });
});

describe("KubeFed: retainReplicas", () => {
    it("is read from the federated object's spec and planned", () => {
        const result = plan(deployment({ retainReplicas: true }));
        assert.equal(result.planned[0].resource.retainReplicas, true);
    });
    const errors: { name: string; objects: unknown[]; error: ExpectedError }[] = [
        {
            name: "on a kind without replicas",
            objects: [federated("FederatedConfigMap", "cfg", "shop", { template: { data: {} }, placement: { clusters: [{ name: "c1" }] }, retainReplicas: true })],
            error: { resource: L(0, "FederatedConfigMap shop/cfg"), field: "spec.retainReplicas", message: "ConfigMap has no spec.replicas to retain" },
        },
        {
            name: "with a /spec/replicas override (KubeFed would apply it on every update; here only at creation)",
            objects: [deployment({ retainReplicas: true, overrides: [{ clusterName: "c2", clusterOverrides: [{ path: "/spec/replicas", value: 5 }] }] })],
            error: { resource: L(0, "FederatedDeployment shop/web"), cluster: "c2", field: "spec.overrides[0].clusterOverrides[0].path", message: "would only apply when the object is created" },
        },
        {
            name: "that is not a boolean",
            objects: [deployment({ retainReplicas: 1 })],
            error: { resource: L(0, "FederatedDeployment shop/web"), field: "spec.retainReplicas", message: "must be true or false, got number 1" },
        },
    ];
    for (const c of errors) it(`refuses retainReplicas ${c.name}`, () => expectFederationError(() => plan(...c.objects), c.error));
});

describe("KubeFed: unknown fields are errors with the closest valid name, at their line", () => {
    const cases: { name: string; yaml: string; error: ExpectedError }[] = [
        {
            name: "overides: instead of overrides:",
            yaml: "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: {name: cfg, namespace: shop}\nspec:\n  template: {data: {a: '1'}}\n  placement: {clusters: [{name: c1}]}\n  overides: []\n",
            error: { resource: "fleet/app.yaml document 0 (FederatedConfigMap shop/cfg)", field: "spec.overides", line: 7, column: 3, message: "did you mean overrides?" },
        },
        {
            name: "placement indented under template",
            yaml: "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: {name: cfg, namespace: shop}\nspec:\n  template:\n    data: {a: '1'}\n    placement: {clusters: [{name: c1}]}\n",
            error: { resource: "fleet/app.yaml document 0 (FederatedConfigMap shop/cfg)", field: "spec.template.placement", line: 7, column: 5, message: "placement belongs next to the template, not inside it (check its indentation)" },
        },
        {
            name: "placement at the top level",
            yaml: "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: {name: cfg, namespace: shop}\nspec:\n  template: {data: {a: '1'}}\nplacement: {clusters: [{name: c1}]}\n",
            error: { resource: "fleet/app.yaml document 0 (FederatedConfigMap shop/cfg)", field: "placement", line: 6, column: 1, message: "placement belongs under spec" },
        },
        {
            name: "imag: in a container of a built-in kind (the Kubernetes schema)",
            yaml: "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedDeployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    spec:\n      selector: {matchLabels: {app: web}}\n      template:\n        metadata: {labels: {app: web}}\n        spec:\n          containers:\n          - name: web\n            imag: nginx\n  placement: {clusters: [{name: c1}]}\n",
            error: { resource: "fleet/app.yaml document 0 (FederatedDeployment shop/web)", field: "spec.template.spec.template.spec.containers[0].imag", line: 13, column: 13, message: ['unknown field "imag"', "Container", "did you mean image?"] },
        },
        {
            name: "a misspelled field in an override entry",
            yaml: "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: {name: cfg, namespace: shop}\nspec:\n  template: {data: {a: '1'}}\n  placement: {clusters: [{name: c1}]}\n  overrides:\n  - clusterName: c1\n    clusterOverride: []\n",
            error: { resource: "fleet/app.yaml document 0 (FederatedConfigMap shop/cfg)", field: "spec.overrides[0].clusterOverride", line: 9, column: 5, message: "did you mean clusterOverrides?" },
        },
        {
            name: "a misspelled placement field",
            yaml: "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: {name: cfg, namespace: shop}\nspec:\n  template: {data: {a: '1'}}\n  placement:\n    clusterSelecter: {}\n",
            error: { resource: "fleet/app.yaml document 0 (FederatedConfigMap shop/cfg)", field: "spec.placement.clusterSelecter", line: 7, column: 5, message: "did you mean clusterSelector?" },
        },
        {
            name: "FederatedDeploymnet of apps/v1: a typo, not a new kind",
            yaml: "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedDeploymnet\nmetadata: {name: web, namespace: shop}\nspec:\n  template: {apiVersion: apps/v1, spec: {}}\n",
            error: { resource: "fleet/app.yaml document 0 (FederatedDeploymnet shop/web)", field: "kind", line: 2, column: 1, message: "did you mean FederatedDeployment?" },
        },
    ];
    for (const c of cases) it(c.name, () => expectFederationError(() => planFederation(parseManifestText(c.yaml, FILE), members, { validateSchema: true }), c.error));

    it('fieldValidation: "Ignore" lets unknown template fields through', () => {
        const text = cases[3].yaml;
        const result = planFederation(parseManifestText(text, FILE), members, { validateSchema: true, fieldValidation: "Ignore" });
        assert.equal((result.byCluster.c1[0] as any).spec.template.spec.containers[0].imag, "nginx");
    });
});

/**
 * KubeFed's own samples are read from the provided peer data (never copied into the repository):
 * $PEER_DATA, or a `shared/peer-data` folder beside the checkout or one of its parents.
 */
function peerSamples(): string {
    const candidates = [process.env.PEER_DATA && path.join(process.env.PEER_DATA, "kubefed-samples")];
    for (let dir = path.resolve(__dirname, "..", ".."); ; dir = path.dirname(dir)) {
        candidates.push(path.join(dir, "shared", "peer-data", "kubefed-samples"), path.join(dir, "..", "shared", "peer-data", "kubefed-samples"));
        if (path.dirname(dir) === dir) break;
    }
    candidates.push("/work/shared/peer-data/kubefed-samples");
    return candidates.find((candidate): candidate is string => typeof candidate === "string" && fs.existsSync(candidate)) ?? "";
}

describe("KubeFed: its own sample manifests plan", () => {
    const samples = peerSamples();
    it("sample1's federated objects, with the type configuration KubeFed's chart installs", function () {
        if (!fs.existsSync(samples)) this.skip();
        const federatedFiles = fs.readdirSync(path.join(samples, "sample1")).filter((file) => file.startsWith("federated")).map((file) => path.join(samples, "sample1", file));
        const result = planFederation(loadFederationManifests([path.join(samples, "charts"), ...federatedFiles]), [{ name: "cluster1", labels: {} }, { name: "cluster2", labels: {} }], { validateSchema: true });
        assert.equal(result.planned.length, federatedFiles.length);
        // federatedsecret.yaml replaces /data with { A: null } in cluster2: the API server stores an empty value.
        const secret = result.byCluster.cluster2.find((object) => object.kind === "Secret") as any;
        assert.deepEqual(secret.data, { A: "" });
    });
    it("the scheduling sample schedules sample1's FederatedDeployment, with KubeFed's numbers; the config sample is read", function () {
        if (!fs.existsSync(samples)) this.skip();
        const files = [path.join(samples, "sample1", "federateddeployment.yaml"), path.join(samples, "scheduling"), path.join(samples, "config")];
        const result = planFederation(loadFederationManifests(files), [{ name: "cluster1", labels: {} }, { name: "cluster2", labels: {} }], { validateSchema: true });
        assert.deepEqual(result.ignored.map((entry) => entry.document.object.kind), ["KubeFedConfig"]);
        // 10 replicas at weights 2:3 over every member (intersectWithClusterSelector is false).
        const replicas = Object.fromEntries(result.planned[0].objects.map((o) => [o.cluster, (o.object.spec as { replicas: number }).replicas]));
        assert.deepEqual(replicas, { cluster1: 4, cluster2: 6 });
    });
});

describe("KubeFed: a Secret data value of null", () => {
    it("plans as the API server stores it: the key with an empty value", () => {
        const result = plan(
            federated("FederatedSecret", "s", "shop", {
                template: { data: { A: "YWxh" }, type: "Opaque" },
                placement: { clusters: [{ name: "c1" }, { name: "c2" }] },
                overrides: [{ clusterName: "c2", clusterOverrides: [{ path: "/data", value: { A: null } }] }],
            }),
        );
        assert.deepEqual((result.byCluster.c1[0] as any).data, { A: "YWxh" });
        assert.deepEqual((result.byCluster.c2[0] as any).data, { A: "" });
    });
});

void CORE;

/**
 * Identity checked (issue 25, class 4): a FederatedResource's kind and apiVersion, labels and
 * selectors in templates, placement and overrides, and a metadata.name or metadata.namespace known
 * only at deployment time. Each is checked by the API server's rule: at plan time (a
 * FederationError naming resource, cluster and field, and nothing registered), or for a deferred
 * value once it resolves, before that cluster's object is applied. KubeFed YAML gets the same rules.
 */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as fed from "../../components";
import { FederationError } from "../../components";
import { apiVersionProblem, kindProblem } from "../../components/planning/names";
import { federateDocuments } from "../../components/manifests/federate";
import { planFederation } from "../../components/manifests/plan";
import { ExpectedError, docs, expectFederationError, federated, typeConfig } from "../manifests/helpers";
import { Run, runProgram } from "../harness";

const members: fed.MemberClusterArgs[] = [
    { name: "us-east", labels: { region: "us" } },
    { name: "eu-west", labels: { region: "eu" } },
];
const SETUP = new Set(["federation:index:Federation", "federation:index:MemberCluster", "pulumi:providers:kubernetes"]);

/** A Deployment template; `any`, as the mistakes below are what the types would not allow. */
const web = (labels: Record<string, unknown> = { app: "web" }, selector: unknown = { matchLabels: { app: "web" } }): any => ({
    metadata: { labels },
    spec: { replicas: 1, selector, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
});
const widget = (federation: fed.Federation, args: Record<string, unknown>) =>
    new fed.FederatedResource("gadget", { federation, apiVersion: "example.com/v1", kind: "Widget", template: {}, placement: { clusterSelector: {} }, ...args } as any);

describe("planning/names: the kind and apiVersion rules", () => {
    const kinds: [unknown, RegExp | undefined][] = [
        ["Deployment", undefined], ["HorizontalPodAutoscaler", undefined], ["deploy", undefined], ["My-Widget", undefined], ["V1", undefined], ["K".repeat(63), undefined],
        ["", /must not be empty/], ["My Kind", /is not a Kubernetes kind/], ["apps/Deployment", /is not a Kubernetes kind/], ["Widget.v1", /is not a Kubernetes kind/],
        ["1Widget", /is not a Kubernetes kind/], ["Widget-", /is not a Kubernetes kind/], ["My_Kind", /is not a Kubernetes kind/], ["K".repeat(64), /longer than 63 characters/], [42, /got number 42/],
    ];
    for (const [kind, problem] of kinds) {
        it(`kind ${JSON.stringify(kind)}: ${problem ? "refused" : "accepted"}`, () => {
            if (problem) assert.match(kindProblem(kind) ?? "(accepted)", problem);
            else assert.equal(kindProblem(kind), undefined);
        });
    }
    const apiVersions: [unknown, RegExp | undefined][] = [
        ["v1", undefined], ["apps/v1", undefined], ["example.com/v1beta1", undefined], ["cert-manager.io/v2alpha3", undefined], ["v2", undefined],
        ["", /must not be empty/], ["apps/v1/extra", /has 2 '\/'/], ["apps /v1", /the group "apps " is not a DNS-1123 subdomain/], ["Apps/v1", /the group "Apps"/],
        ["/v1", /the group ""/], ["apps/", /the version ""/], ["example.com/V1", /the version "V1" is not a DNS-1035 label/], ["apps/1", /the version "1"/],
        ["v1 beta", /the version "v1 beta"/], ["apps/v1-", /the version "v1-"/], [undefined, /got nothing/],
    ];
    for (const [apiVersion, problem] of apiVersions) {
        it(`apiVersion ${JSON.stringify(apiVersion)}: ${problem ? "refused" : "accepted"}`, () => {
            if (problem) assert.match(apiVersionProblem(apiVersion) ?? "(accepted)", problem);
            else assert.equal(apiVersionProblem(apiVersion), undefined);
        });
    }
});

/** The run failed with a FederationError at exactly this place, and registered nothing beyond the federation. */
function assertPlanTimeError(run: Run, expected: { resource: string; cluster?: string; field: string; message: RegExp }): void {
    assert.ok(run.error instanceof FederationError, `expected a FederationError, got ${String(run.error)}`);
    assert.equal(run.error.resource, expected.resource, run.error.message);
    assert.equal(run.error.cluster, expected.cluster, run.error.message);
    assert.equal(run.error.field, expected.field, run.error.message);
    assert.match(run.error.message, expected.message);
    assert.ok(run.error.message.startsWith(expected.resource), "the message starts with the resource");
    assert.deepEqual(run.resources.filter((r) => !SETUP.has(r.type)).map((r) => `${r.type} ${r.name}`), [], "nothing registered beyond the federation");
}

describe("identity checked at plan time: a FederationError naming resource, cluster and field, nothing registered", () => {
    const G = 'FederatedResource "gadget"';
    const D = 'FederatedDeployment "web"';
    const cases: { name: string; build: (federation: fed.Federation) => unknown; resource: string; cluster?: string; field: string; message: RegExp }[] = [
        { name: "a kind with a space", build: (f) => widget(f, { kind: "My Widget" }), resource: G, field: "kind", message: /"My Widget" is not a Kubernetes kind/ },
        { name: "a kind with a slash", build: (f) => widget(f, { kind: "example.com/Widget" }), resource: G, field: "kind", message: /"example\.com\/Widget" is not a Kubernetes kind/ },
        { name: "a kind starting with a digit", build: (f) => widget(f, { kind: "3Widget" }), resource: G, field: "kind", message: /is not a Kubernetes kind/ },
        { name: "a kind of 64 characters", build: (f) => widget(f, { kind: "W".repeat(64) }), resource: G, field: "kind", message: /longer than 63 characters, the limit for a kind/ },
        { name: "an apiVersion with two slashes", build: (f) => widget(f, { apiVersion: "example.com/v1/widgets" }), resource: G, field: "apiVersion", message: /has 2 '\/'/ },
        { name: "an apiVersion with a space", build: (f) => widget(f, { apiVersion: "example.com/v1 beta" }), resource: G, field: "apiVersion", message: /the version "v1 beta" is not a DNS-1035 label/ },
        { name: "an apiVersion with an upper-case group", build: (f) => widget(f, { apiVersion: "Example.com/v1" }), resource: G, field: "apiVersion", message: /the group "Example\.com" is not a DNS-1123 subdomain/ },
        { name: "an apiVersion without a group before its slash", build: (f) => widget(f, { apiVersion: "/v1" }), resource: G, field: "apiVersion", message: /the group ""/ },
        {
            name: "a template label key with a space (custom kind)", build: (f) => widget(f, { template: { metadata: { labels: { "my app": "x" } } } }),
            resource: G, field: 'template.metadata.labels["my app"]', message: /"my app" is not a valid label key/,
        },
        {
            name: "a template label value with '!'", build: (f) => new fed.FederatedConfigMap("cfg", { federation: f, template: { metadata: { labels: { app: "web!" } } }, placement: { clusterSelector: {} } }),
            resource: 'FederatedConfigMap "cfg"', field: 'template.metadata.labels["app"]', message: /"web!" is not a valid label value/,
        },
        {
            name: "a Deployment selector matchLabels key", build: (f) => new fed.FederatedDeployment("web", { federation: f, template: web({ app: "web" }, { matchLabels: { "app/": "web" } }), placement: { clusterSelector: {} } }),
            resource: D, field: 'template.spec.selector.matchLabels["app/"]', message: /the name part is empty/,
        },
        {
            name: "a Deployment selector operator", build: (f) => new fed.FederatedDeployment("web", { federation: f, template: web({ app: "web" }, { matchExpressions: [{ key: "app", operator: "Equal", values: ["web"] }] }), placement: { clusterSelector: {} } }),
            resource: D, field: "template.spec.selector.matchExpressions[0].operator", message: /"Equal" is not a selector operator/,
        },
        {
            name: "a pod template label value", build: (f) => new fed.FederatedDeployment("web", { federation: f, template: { ...web(), spec: { ...web().spec, template: { metadata: { labels: { app: "web app" } }, spec: web().spec.template.spec } } }, placement: { clusterSelector: {} } }),
            resource: D, field: 'template.spec.template.metadata.labels["app"]', message: /"web app" is not a valid label value/,
        },
        {
            name: "a Service selector key", build: (f) => new fed.FederatedService("api", { federation: f, template: { spec: { selector: { "app name": "api" }, ports: [{ port: 80 }] } }, placement: { clusterSelector: {} } }),
            resource: 'FederatedService "api"', field: 'template.spec.selector["app name"]', message: /"app name" is not a valid label key/,
        },
        {
            name: "a placement clusterSelector matchLabels key", build: (f) => widget(f, { placement: { clusterSelector: { matchLabels: { "cloud provider": "aws" } } } }),
            resource: G, field: 'placement.clusterSelector.matchLabels["cloud provider"]', message: /"cloud provider" is not a valid label key/,
        },
        {
            name: "a placement clusterSelector In value", build: (f) => widget(f, { placement: { clusterSelector: { matchExpressions: [{ key: "region", operator: "In", values: ["eu", "us east"] }] } } }),
            resource: G, field: "placement.clusterSelector.matchExpressions[0].values[1]", message: /"us east" is not a valid label value/,
        },
        {
            name: "an override entry's clusterSelector key", build: (f) => widget(f, { overrides: [{ clusterSelector: { matchExpressions: [{ key: "Region.io/x", operator: "Exists" }] }, clusterOverrides: [] }] }),
            resource: G, field: "overrides[0].clusterSelector.matchExpressions[0].key", message: /the prefix "Region\.io" must be a lower-case DNS subdomain/,
        },
        {
            name: "a label an override writes in one cluster", build: (f) => widget(f, { template: { metadata: { labels: { app: "x" } } }, overrides: [{ clusterName: "eu-west", clusterOverrides: [{ path: "/metadata/labels/app", value: "x y" }] }] }),
            resource: G, cluster: "eu-west", field: 'template.metadata.labels["app"]', message: /"x y" is not a valid label value: .*, as planned for this cluster after replace \/metadata\/labels\/app/,
        },
    ];
    for (const c of cases) {
        it(`refuses ${c.name}`, async () => {
            const run = await runProgram(() => c.build(new fed.Federation("fleet", { clusters: members })));
            assertPlanTimeError(run, c);
        });
    }

    it("keeps accepting what the API server accepts: a hyphenated kind, prefixed keys, empty values, deployment-time labels", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            widget(federation, { kind: "My-Widget", template: { metadata: { labels: { "app.kubernetes.io/name": "gadget", flag: "", version: pulumi.output("not checked here") } } } });
            new fed.FederatedDeployment("web", { federation, template: web({ "example.com/team": "a_b" }, { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "DoesNotExist" }] }), placement: { clusterSelector: { matchLabels: { region: "eu" } } } });
        });
        assert.equal(run.error, undefined);
        assert.equal(run.named("gadget-eu-west", "kubernetes:example.com/v1:My-Widget").inputs.metadata.labels["app.kubernetes.io/name"], "gadget");
    });
});

describe("identity known only at deployment time: checked when it resolves, before that cluster's object is applied", () => {
    const configMap = (federation: fed.Federation, metadata: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
        new fed.FederatedConfigMap("cfg", { federation, template: { metadata, data: { a: "1" } }, placement: { clusters: ["eu-west"] }, ...extra } as any);
    const cases: { name: string; build: (federation: fed.Federation) => unknown; field: string; message: RegExp; secret?: string }[] = [
        { name: "an Output name with an underscore", build: (f) => configMap(f, { name: pulumi.output("my_settings") }), field: "template.metadata.name", message: /"my_settings" is not a valid ConfigMap name .*known only at deployment time/ },
        { name: "a Promise name with capitals", build: (f) => configMap(f, { name: Promise.resolve("Settings") }), field: "template.metadata.name", message: /"Settings" is not a valid ConfigMap name/ },
        { name: "an Output Service name starting with a digit (the Service rule)", build: (f) => new fed.FederatedService("api", { federation: f, template: { metadata: { name: pulumi.output("1api") }, spec: { ports: [{ port: 80 }] } }, placement: { clusters: ["eu-west"] } }), field: "template.metadata.name", message: /"1api" is not a valid Service name/ },
        { name: "an Output namespace with a dot", build: (f) => configMap(f, { namespace: pulumi.output("shop.eu") }), field: "template.metadata.namespace", message: /namespace name "shop\.eu" is not a DNS-1123 label/ },
        { name: "a valid name given as a secret, never shown (a name cannot stay secret)", build: (f) => configMap(f, { name: pulumi.secret("settings-9f2c") }), field: "template.metadata.name", message: /is a secret, but an object's name is shown wherever the object is .* give a plain value \(the value is not shown\)/, secret: "settings-9f2c" },
        { name: "a valid namespace given as a secret", build: (f) => configMap(f, { namespace: pulumi.secret("tenant-7d1e") }), field: "template.metadata.namespace", message: /is a secret, but an object's namespace is shown/, secret: "tenant-7d1e" },
        { name: "a secret Output name, never shown", build: (f) => configMap(f, { name: pulumi.secret("Top_Secret") }), field: "template.metadata.name", message: /resolved to a secret value that is not a valid name for a ConfigMap \(the value is not shown\)/, secret: "Top_Secret" },
    ];
    for (const c of cases) {
        it(`refuses ${c.name}`, async () => {
            const run = await runProgram(() => c.build(new fed.Federation("fleet", { clusters: members })));
            const error = run.error as FederationError;
            assert.ok(error instanceof FederationError, `expected a FederationError, got ${String(run.error)}`);
            assert.match(error.resource ?? "", /^Federated(ConfigMap "cfg"|Service "api")$/);
            assert.equal(error.cluster, "eu-west", error.message);
            assert.equal(error.field, c.field, error.message);
            assert.match(error.message, c.message);
            if (c.secret) assert.ok(!error.message.includes(c.secret), "the secret is not in the message");
            // The component registered; its object did not (the bad value never reached the cluster).
            assert.deepEqual(run.resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.name), []);
        });
    }

    it("registers the object with the resolved value when it is valid", async () => {
        const run = await runProgram(() => configMap(new fed.Federation("fleet", { clusters: members }), { name: pulumi.output("settings"), namespace: pulumi.output("shop") }));
        assert.equal(run.error, undefined);
        const object = run.named("cfg-eu-west", "kubernetes:core/v1:ConfigMap");
        assert.deepEqual([object.inputs.metadata.name, object.inputs.metadata.namespace], ["settings", "shop"]);
    });

    it("leaves a value unknown during preview to the update", async () => {
        const unknown = pulumi.output("x").apply((value) => (pulumi.runtime.isDryRun() ? pulumi.output(pulumi.unknown as any) : value));
        const run = await runProgram(() => configMap(new fed.Federation("fleet", { clusters: members }), { name: unknown }), { preview: true });
        assert.equal(run.error, undefined);
    });
});

describe("KubeFed YAML gets the same rules", () => {
    const FILE = "fleet/app.yaml";
    const L = (index: number, what: string) => `${FILE} document ${index} (${what})`;
    const plainMembers: { name: string; labels: Record<string, string> }[] = [{ name: "c1", labels: { region: "eu" } }, { name: "c2", labels: {} }];
    const deployment = (template: unknown, extra: Record<string, unknown> = {}) => federated("FederatedDeployment", "web", "shop", { template, placement: { clusters: [{ name: "c1" }, { name: "c2" }] }, ...extra });
    const cases: { name: string; objects: unknown[]; error: ExpectedError }[] = [
        {
            name: "a template label key", objects: [deployment(web({ "my app": "web" }))],
            error: { resource: L(0, "FederatedDeployment shop/web"), field: 'spec.template.metadata.labels["my app"]', message: '"my app" is not a valid label key' },
        },
        {
            name: "a selector value", objects: [deployment(web({ app: "web" }, { matchLabels: { app: "web!" } }))],
            error: { resource: L(0, "FederatedDeployment shop/web"), field: 'spec.template.spec.selector.matchLabels["app"]', message: '"web!" is not a valid label value' },
        },
        {
            name: "a label one cluster's override writes", objects: [deployment(web(), { overrides: [{ clusterName: "c2", clusterOverrides: [{ op: "add", path: "/metadata/labels/tier", value: "edge tier" }] }] })],
            error: { resource: L(0, "FederatedDeployment shop/web"), cluster: "c2", field: 'spec.template.metadata.labels["tier"]', message: "as planned for this cluster after add /metadata/labels/tier" },
        },
        {
            name: "a placement selector key", objects: [deployment(web(), { placement: { clusterSelector: { matchLabels: { "re gion": "eu" } } } })],
            error: { resource: L(0, "FederatedDeployment shop/web"), field: 'spec.placement.clusterSelector.matchLabels["re gion"]', message: "is not a valid label key" },
        },
        {
            name: "a custom target's apiVersion given by the template", objects: [federated("FederatedWidget", "w", "shop", { template: { apiVersion: "example.com/v1/x" }, placement: { clusters: [{ name: "c1" }] } })],
            error: { resource: L(0, "FederatedWidget shop/w"), field: "spec.template.apiVersion", message: "has 2 '/'" },
        },
        {
            name: "a custom target's kind from the Federated<Kind> name", objects: [federated("FederatedWid_get", "w", "shop", { template: { apiVersion: "example.com/v1" }, placement: { clusters: [{ name: "c1" }] } })],
            error: { resource: L(0, "FederatedWid_get shop/w"), field: "kind", message: 'the target kind of FederatedWid_get: "Wid_get" is not a Kubernetes kind' },
        },
        {
            name: "a v1alpha1 FederatedTypeConfig's target kind", objects: [{ ...typeConfig("FederatedGadget", { group: "example.com", version: "v1", kind: "Gad get", scope: "Namespaced" }), apiVersion: "core.kubefed.io/v1alpha1", spec: { target: { group: "example.com", version: "v1", kind: "Gad get" }, namespaced: true, federatedType: { kind: "FederatedGadget" } } }],
            error: { resource: L(0, "FederatedTypeConfig kube-federation-system/gad gets.example.com"), field: "spec.target.kind", message: '"Gad get" is not a Kubernetes kind' },
        },
    ];
    for (const c of cases) it(`refuses ${c.name}`, () => expectFederationError(() => planFederation(docs(FILE, ...c.objects), plainMembers, { validateSchema: true }), c.error));

    it("federate refuses an object whose kind or apiVersion no API server serves", () => {
        expectFederationError(() => federateDocuments(docs("plain.yaml", { apiVersion: "v1", kind: "Config Map", metadata: { name: "a" } })), {
            resource: "plain.yaml document 0 (Config Map a)", field: "kind", message: '"Config Map" is not a Kubernetes kind',
        });
        expectFederationError(() => federateDocuments(docs("plain.yaml", { apiVersion: "apps/v1/x", kind: "Deployment", metadata: { name: "a" } })), {
            resource: "plain.yaml document 0 (Deployment a)", field: "apiVersion", message: "has 2 '/'",
        });
    });
});

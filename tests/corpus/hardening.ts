/**
 * The bad-input corpus, hardening round two (issue 10): names checked alike on every path,
 * connection fields type-checked, every public component and function answering a wrong argument
 * shape with a FederationError, and cyclic or absurdly deep values refused. Same rules as
 * programs.ts: a valid setup, then exactly one mistake.
 */
import * as fed from "../../components";
import { CorpusCase, EVERYWHERE, MEMBERS, SERVICE_REGISTERED, define, fleet, lbService, none, web } from "./programs";

const FEDERATION = 'Federation "fleet"';
const CONFIGMAP = 'FederatedConfigMap "settings"';

function configMap(federation: fed.Federation, name: string, template: any = { data: { mode: "fast" } }, extra: Record<string, unknown> = {}) {
    return new fed.FederatedConfigMap(name, { federation, namespace: "shop", template, placement: EVERYWHERE, ...extra } as any);
}

function member(extra: Record<string, unknown>): fed.MemberClusterArgs[] {
    return [MEMBERS[0], { ...MEMBERS[1], ...extra } as fed.MemberClusterArgs];
}

/** An object nested `depth` levels: { a: { a: ... } }. */
function nested(depth: number): Record<string, unknown> {
    const root: Record<string, unknown> = {};
    let current = root;
    for (let i = 0; i < depth; i++) {
        const next: Record<string, unknown> = {};
        current.a = next;
        current = next;
    }
    return root;
}

function cyclic(): Record<string, unknown> {
    const value: Record<string, unknown> = { mode: "fast" };
    value.again = value;
    return value;
}

const documents = () => fed.loadFederationManifests(`apiVersion: types.kubefed.io/v1beta1
kind: FederatedConfigMap
metadata: { name: settings, namespace: shop }
spec:
  template: { data: { mode: fast } }
  placement: { clusterSelector: {} }
`);

// ---------------------------------------------------------------------------------------------
// 1. Names: a typed program gets the checks KubeFed YAML gets, per kind.
// ---------------------------------------------------------------------------------------------
const nameCases: CorpusCase[] = [
    define({
        id: "name-component-capitals", description: "a component name with capitals becomes the object name",
        setup: () => fleet(), bad: (federation) => configMap(federation, "Settings"),
        expect: { resource: 'FederatedConfigMap "Settings"', field: "name", message: /"Settings" is not a valid ConfigMap name \(a DNS-1123 subdomain.*the component name is the object's name when the template gives none/ },
    }),
    define({
        id: "name-component-underscore", description: "a Deployment component named web_app",
        setup: () => fleet(), bad: (federation) => new fed.FederatedDeployment("web_app", { federation, namespace: "shop", template: web(), placement: EVERYWHERE }),
        expect: { resource: 'FederatedDeployment "web_app"', field: "name", message: /"web_app" is not a valid Deployment name/ },
    }),
    define({
        id: "name-component-empty", description: "an empty component name",
        setup: () => fleet(), bad: (federation) => configMap(federation, ""),
        expect: { resource: 'FederatedConfigMap ""', field: "name", message: /a component name must not be empty/ },
    }),
    define({
        id: "name-component-number", description: "a component name that is a number",
        setup: () => fleet(), bad: (federation) => configMap(federation, 42 as any),
        expect: { resource: "FederatedConfigMap", field: "name", message: /a component name must be a string, got number 42/ },
    }),
    define({
        id: "name-template-capitals", description: "template metadata.name with capitals",
        setup: () => fleet(), bad: (federation) => configMap(federation, "settings", { metadata: { name: "Settings" }, data: {} }),
        expect: { resource: CONFIGMAP, field: "template.metadata.name", message: /"Settings" is not a valid ConfigMap name/ },
    }),
    define({
        id: "name-template-too-long", description: "a 254-character object name",
        setup: () => fleet(), bad: (federation) => configMap(federation, "settings", { metadata: { name: "a".repeat(254) }, data: {} }),
        expect: { resource: CONFIGMAP, field: "template.metadata.name", message: /is longer than 253 characters/ },
    }),
    define({
        id: "name-template-trailing-dash", description: "an object name ending in '-'",
        setup: () => fleet(), bad: (federation) => configMap(federation, "settings", { metadata: { name: "settings-" }, data: {} }),
        expect: { resource: CONFIGMAP, field: "template.metadata.name", message: /"settings-" is not a valid ConfigMap name/ },
    }),
    define({
        id: "name-service-leading-digit", description: "a Service named 1web (Services need a DNS-1035 label)",
        setup: () => fleet(), bad: (federation) => new fed.FederatedService("1web", { federation, namespace: "shop", template: { spec: { ports: [{ port: 80 }] } }, placement: EVERYWHERE }),
        expect: { resource: 'FederatedService "1web"', field: "name", message: /"1web" is not a valid Service name \(a DNS-1035 label/ },
    }),
    define({
        id: "name-service-dot", description: "a Service named web.v1 in its template",
        setup: () => fleet(), bad: (federation) => new fed.FederatedService("web", { federation, namespace: "shop", template: { metadata: { name: "web.v1" }, spec: { ports: [{ port: 80 }] } }, placement: EVERYWHERE }),
        expect: { resource: 'FederatedService "web"', field: "template.metadata.name", message: /"web\.v1" is not a valid Service name/ },
    }),
    define({
        id: "name-cluster-role-slash", description: "a ClusterRole name with '/' (RBAC names are path segments)",
        setup: () => fleet(), bad: (federation) => new fed.FederatedClusterRole("readers", { federation, template: { metadata: { name: "team/readers" }, rules: [] }, placement: EVERYWHERE }),
        expect: { resource: 'FederatedClusterRole "readers"', field: "template.metadata.name", message: /"team\/readers" is not a valid ClusterRole name \(it may not contain '\/' or '%'\)/ },
    }),
    define({
        id: "name-custom-kind", description: "a custom kind's object name with capitals",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedResource("Gadget", { federation, apiVersion: "example.com/v1", kind: "Widget", namespace: "shop", template: { spec: {} }, placement: EVERYWHERE }),
        expect: { resource: 'FederatedResource "Gadget"', field: "name", message: /"Gadget" is not a valid Widget name/ },
    }),
    define({
        id: "name-template-namespace", description: "a template metadata.namespace that is not a DNS-1123 label",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedConfigMap("settings", { federation, template: { metadata: { namespace: "Shop_1" }, data: {} }, placement: EVERYWHERE }),
        expect: { resource: CONFIGMAP, field: "template.metadata.namespace", message: /namespace name "Shop_1" is not a DNS-1123 label/ },
    }),
    define({
        id: "name-namespace-component", description: "a FederatedNamespace named Shop",
        setup: () => fleet(), bad: (federation) => new fed.FederatedNamespace("Shop", { federation, placement: EVERYWHERE }),
        expect: { resource: 'FederatedNamespace "Shop"', field: "name", message: /namespace name "Shop" is not a DNS-1123 label/ },
    }),
    define({
        id: "name-federation-empty", description: "a Federation with an empty name",
        setup: none, bad: () => new fed.Federation("", { clusters: MEMBERS }),
        expect: { resource: 'Federation ""', field: "name", message: /a component name must not be empty/ },
    }),
    define({
        id: "name-manifests-empty", description: "a FederatedManifests with an empty name",
        setup: () => fleet(), bad: (federation) => new fed.FederatedManifests("", { federation, documents: documents() }),
        expect: { resource: 'FederatedManifests ""', field: "name", message: /a component name must not be empty/ },
    }),
    define({
        id: "name-dns-record-number", description: "a ServiceDNSRecord whose name is a number",
        setup: () => lbService(fleet()), bad: (service) => new fed.ServiceDNSRecord(7 as any, { service, domain: "example.com" }),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: "ServiceDNSRecord", field: "name", message: /a component name must be a string, got number 7/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// 1b. Connection fields of members and of the federation are type-checked (never echoed).
// ---------------------------------------------------------------------------------------------
const connectionCases: CorpusCase[] = [
    define({
        id: "connection-kubeconfig-number", description: "a member kubeconfig that is a number",
        setup: none, bad: () => fleet({}, member({ kubeconfig: 42 })),
        expect: { resource: FEDERATION, cluster: "eu-2", field: "clusters[1].kubeconfig", message: /must be kubeconfig contents or a path to a kubeconfig file \(a string or an Output\), got number/ },
    }),
    define({
        id: "connection-kubeconfig-empty", description: "an empty member kubeconfig",
        setup: none, bad: () => fleet({}, member({ kubeconfig: "  " })),
        expect: { resource: FEDERATION, cluster: "eu-2", field: "clusters[1].kubeconfig", message: /must not be empty \(leave it out for the default\)/ },
    }),
    define({
        id: "connection-kubeconfig-object", description: "a member kubeconfig given as a parsed object",
        setup: none, bad: () => fleet({}, member({ kubeconfig: { apiVersion: "v1", clusters: [] } })),
        expect: { resource: FEDERATION, cluster: "eu-2", field: "clusters[1].kubeconfig", message: /got an object/ },
    }),
    define({
        id: "connection-context-number", description: "a member context that is a number",
        setup: none, bad: () => fleet({}, member({ context: 1 })),
        expect: { resource: FEDERATION, cluster: "eu-2", field: "clusters[1].context", message: /must be the name of a kubeconfig context \(a string or an Output\), got number/ },
    }),
    define({
        id: "connection-context-empty", description: "an empty member context",
        setup: none, bad: () => fleet({}, member({ context: "" })),
        expect: { resource: FEDERATION, cluster: "eu-2", field: "clusters[1].context", message: /must not be empty/ },
    }),
    define({
        id: "connection-namespace-invalid", description: "a member default namespace with capitals",
        setup: none, bad: () => fleet({}, member({ namespace: "Shop" })),
        expect: { resource: FEDERATION, cluster: "eu-2", field: "clusters[1].namespace", message: /namespace name "Shop" is not a DNS-1123 label/ },
    }),
    define({
        id: "connection-namespace-number", description: "a member default namespace that is a number",
        setup: none, bad: () => fleet({}, member({ namespace: 5 })),
        expect: { resource: FEDERATION, cluster: "eu-2", field: "clusters[1].namespace", message: /namespace name must be a string, got number 5/ },
    }),
    define({
        id: "connection-cluster-identifier-boolean", description: "a clusterIdentifier that is a boolean",
        setup: none, bad: () => fleet({}, member({ clusterIdentifier: true })),
        expect: { resource: FEDERATION, cluster: "eu-2", field: "clusters[1].clusterIdentifier", message: /must be a string \(a string or an Output\), got boolean/ },
    }),
    define({
        id: "connection-provider-options-string", description: "member providerOptions given as a string",
        setup: none, bad: () => fleet({}, member({ providerOptions: "enableServerSideApply" })),
        expect: { resource: FEDERATION, cluster: "eu-2", field: "clusters[1].providerOptions", message: /must be an object of @pulumi\/kubernetes provider options, got a string of 21 characters/ },
    }),
    define({
        id: "connection-provider-options-list", description: "member providerOptions given as a list",
        setup: none, bad: () => fleet({}, member({ providerOptions: [{ enableServerSideApply: true }] })),
        expect: { resource: FEDERATION, cluster: "eu-2", field: "clusters[1].providerOptions", message: /got an array/ },
    }),
    define({
        id: "connection-provider-options-kubeconfig", description: "a kubeconfig inside member providerOptions",
        setup: none, bad: () => fleet({}, member({ providerOptions: { kubeconfig: "apiVersion: v1\nusers: [{ token: s3cr3t }]" } })),
        expect: { resource: FEDERATION, cluster: "eu-2", field: "clusters[1].providerOptions.kubeconfig", message: /^[^]*give kubeconfig as the member's own field, not as a provider option$/ },
    }),
    define({
        id: "connection-provider-options-context", description: "a context inside member providerOptions",
        setup: none, bad: () => fleet({}, member({ providerOptions: { context: "eu-2" } })),
        expect: { resource: FEDERATION, cluster: "eu-2", field: "clusters[1].providerOptions.context", message: /give context as the member's own field/ },
    }),
    define({
        id: "connection-federation-kubeconfig-number", description: "a federation-wide kubeconfig that is a number",
        setup: none, bad: () => fleet({ kubeconfig: 5 as any }),
        expect: { resource: FEDERATION, field: "kubeconfig", message: /must be kubeconfig contents or a path to a kubeconfig file/ },
    }),
    define({
        id: "connection-federation-provider-options-list", description: "federation-wide providerOptions given as a list",
        setup: none, bad: () => fleet({ providerOptions: [] as any }),
        expect: { resource: FEDERATION, field: "providerOptions", message: /must be an object of @pulumi\/kubernetes provider options, got an array/ },
    }),
    define({
        id: "connection-federation-provider-options-namespace", description: "a namespace inside federation-wide providerOptions",
        setup: none, bad: () => fleet({ providerOptions: { namespace: "shop" } as any }),
        expect: { resource: FEDERATION, field: "providerOptions.namespace", message: /give namespace as the federation's own field/ },
    }),
    define({
        id: "connection-federation-unknown-argument", description: "members instead of clusters beside clusters",
        setup: none, bad: () => fleet({ members: [] } as any),
        expect: { resource: FEDERATION, field: "members", message: /is not an argument of Federation \(expected clusters, kubeconfig, providerOptions, renderDirectory, policies, propagation, oldestKubernetes, health, rollout\)/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// 2. Wrong argument shapes of every public component and function.
// ---------------------------------------------------------------------------------------------
const shapeCases: CorpusCase[] = [
    define({
        id: "shape-dns-record-no-arguments", description: "a ServiceDNSRecord without arguments",
        setup: () => lbService(fleet()), bad: () => new (fed.ServiceDNSRecord as any)("web", undefined),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: 'ServiceDNSRecord "web"', message: /needs an arguments object \(.*service, domain.*\), got nothing/ },
    }),
    define({
        id: "shape-dns-record-misspelt-argument", description: "a ServiceDNSRecord with servcie for service",
        setup: () => lbService(fleet()), bad: (service) => new fed.ServiceDNSRecord("web", { servcie: service, domain: "example.com" } as any),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: 'ServiceDNSRecord "web"', field: "servcie", message: /is not an argument/ },
    }),
    define({
        id: "shape-ingress-record-not-object", description: "an IngressDNSRecord given a string as arguments",
        setup: () => fleet(), bad: () => new (fed.IngressDNSRecord as any)("web", "web"),
        expect: { resource: 'IngressDNSRecord "web"', message: /needs an arguments object \(.*ingress, hosts\), got string "web"/ },
    }),
    define({
        id: "shape-service-export-no-arguments", description: "a FederatedServiceExport without arguments",
        setup: () => lbService(fleet()), bad: () => new (fed.FederatedServiceExport as any)("web", undefined),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: 'FederatedServiceExport "web"', message: /needs an arguments object \(service\), got nothing/ },
    }),
    define({
        id: "shape-service-export-unknown-argument", description: "a FederatedServiceExport with an extra argument",
        setup: () => lbService(fleet()), bad: (service) => new fed.FederatedServiceExport("web", { service, port: 80 } as any),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: 'FederatedServiceExport "web"', field: "port", message: /is not an argument \(expected service\)/ },
    }),
    define({
        id: "shape-manifests-no-arguments", description: "a FederatedManifests without arguments",
        setup: () => fleet(), bad: () => new (fed.FederatedManifests as any)("kubefed", undefined),
        expect: { resource: 'FederatedManifests "kubefed"', message: /needs an arguments object \(federation, files, yaml, documents, fieldValidation\), got nothing/ },
    }),
    define({
        id: "shape-manifests-files-number", description: "FederatedManifests files given as a number",
        setup: () => fleet(), bad: (federation) => new fed.FederatedManifests("kubefed", { federation, files: 42 as any }),
        expect: { resource: 'FederatedManifests "kubefed"', field: "files", message: /must be YAML text, or a list of manifest files and folders, got number 42/ },
    }),
    define({
        id: "shape-manifests-files-item-number", description: "a number in FederatedManifests files",
        setup: () => fleet(), bad: (federation) => new fed.FederatedManifests("kubefed", { federation, files: ["examples/kubefed-redis/", 7 as any] }),
        expect: { resource: 'FederatedManifests "kubefed"', field: "files[1]", message: /must be the path of a manifest file or folder, got number 7/ },
    }),
    define({
        id: "shape-manifests-yaml-list", description: "FederatedManifests yaml given as a list",
        setup: () => fleet(), bad: (federation) => new fed.FederatedManifests("kubefed", { federation, yaml: ["kind: x"] as any }),
        expect: { resource: 'FederatedManifests "kubefed"', field: "yaml", message: /must be YAML text, got an array/ },
    }),
    define({
        id: "shape-manifests-documents-string", description: "FederatedManifests documents given as YAML text",
        setup: () => fleet(), bad: (federation) => new fed.FederatedManifests("kubefed", { federation, documents: "kind: x" as any }),
        expect: { resource: 'FederatedManifests "kubefed"', field: "documents", message: /must be a list of documents from loadFederationManifests, got string/ },
    }),
    define({
        id: "shape-manifests-documents-raw-objects", description: "FederatedManifests documents given as raw objects",
        setup: () => fleet(), bad: (federation) => new fed.FederatedManifests("kubefed", { federation, documents: [{ apiVersion: "v1", kind: "ConfigMap" }] as any }),
        expect: { resource: 'FederatedManifests "kubefed"', field: "documents[0].source", message: /must be a string, got nothing/ },
    }),
    define({
        id: "shape-manifests-unknown-argument", description: "FederatedManifests with file for files",
        setup: () => fleet(), bad: (federation) => new fed.FederatedManifests("kubefed", { federation, file: "a.yaml" } as any),
        expect: { resource: 'FederatedManifests "kubefed"', field: "file", message: /is not an argument \(expected federation, files, yaml, documents, fieldValidation\); did you mean files\?/ },
    }),
    define({
        id: "shape-load-number", description: "loadFederationManifests(42)",
        setup: none, bad: () => fed.loadFederationManifests(42 as any),
        expect: { resource: "loadFederationManifests", field: "paths", message: /must be YAML text, or a list of manifest files and folders, got number 42/ },
    }),
    define({
        id: "shape-load-empty-path", description: "an empty path among the manifest paths",
        setup: none, bad: () => fed.loadFederationManifests(["examples/kubefed-redis/", ""]),
        expect: { resource: "loadFederationManifests", field: "paths[1]", message: /must be the path of a manifest file or folder, got string ""/ },
    }),
    define({
        id: "shape-manifest-files-object", description: "manifestFiles given an object",
        setup: none, bad: () => fed.manifestFiles({ dir: "x" } as any),
        expect: { resource: "manifestFiles", field: "paths", message: /got an object/ },
    }),
    define({
        id: "shape-plan-documents-string", description: "planFederation given YAML text instead of documents",
        setup: none, bad: () => fed.planFederation("kind: x" as any),
        expect: { resource: "planFederation", field: "documents", message: /must be a list of documents from loadFederationManifests, got string/ },
    }),
    define({
        id: "shape-plan-members-map", description: "planFederation members given as a map",
        setup: none, bad: () => fed.planFederation(documents(), { "eu-1": {} } as any),
        expect: { resource: "planFederation", field: "members", message: /must be a list of member clusters, got an object/ },
    }),
    define({
        id: "shape-plan-members-duplicate", description: "planFederation with one member name twice",
        setup: none, bad: () => fed.planFederation(documents(), [{ name: "eu-1" }, { name: "eu-1" }]),
        expect: { resource: "planFederation", cluster: "eu-1", field: "members[1].name", message: /duplicate member cluster name \(also members\[0\]\.name\)/ },
    }),
    define({
        id: "shape-plan-members-invalid-name", description: "planFederation with a member name that is not a DNS label",
        setup: none, bad: () => fed.planFederation(documents(), [{ name: "EU 1" }]),
        expect: { resource: "planFederation", field: "members[0].name", message: /member cluster name "EU 1" is not a DNS-1123 label/ },
    }),
    define({
        id: "shape-plan-members-misspelt-field", description: "planFederation with lables for labels",
        setup: none, bad: () => fed.planFederation(documents(), [{ name: "eu-1", lables: { region: "eu" } } as any]),
        expect: { resource: "planFederation", cluster: "eu-1", field: "members[0].lables", message: /is not a member field/ },
    }),
    define({
        id: "shape-plan-options-number", description: "planFederation options given as a number",
        setup: none, bad: () => fed.planFederation(documents(), [{ name: "eu-1" }], 5 as any),
        expect: { resource: "planFederation", field: "options", message: /must be an object, got number 5/ },
    }),
    define({
        id: "shape-interpret-not-list", description: "interpretManifests given one document instead of a list",
        setup: none, bad: () => fed.interpretManifests(documents()[0] as any),
        expect: { resource: "interpretManifests", field: "documents", message: /must be a list of documents from loadFederationManifests, got an object/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// 3. Bounded recursion: cycles and absurd depth, from code.
// ---------------------------------------------------------------------------------------------
const boundedCases: CorpusCase[] = [
    define({
        id: "bounded-template-cycle", description: "a template that contains itself",
        setup: () => fleet(), bad: (federation) => configMap(federation, "settings", { data: cyclic() }),
        expect: { resource: CONFIGMAP, field: "template.data.again", message: /is a cycle in the template: it refers back to template\.data/ },
    }),
    define({
        id: "bounded-template-deep", description: "a template nested 150 levels deep",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedResource("gadget", { federation, apiVersion: "example.com/v1", kind: "Widget", namespace: "shop", template: { spec: nested(150) }, placement: EVERYWHERE }),
        expect: { resource: 'FederatedResource "gadget"', field: "template.spec.a.a.a.a.a.a.a...", message: /nests deeper than 100 levels \(in the template\)/ },
    }),
    define({
        id: "bounded-override-value-cycle", description: "a JSON-patch value that contains itself",
        setup: () => fleet(),
        bad: (federation) => configMap(federation, "settings", undefined, { overrides: [{ clusterName: "eu-1", clusterOverrides: [{ op: "add", path: "/data/extra", value: cyclic() }] }] }),
        expect: { resource: CONFIGMAP, field: "overrides[0].clusterOverrides[0].value.again", message: /is a cycle in the overrides: it refers back to overrides\[0\]\.clusterOverrides\[0\]\.value/ },
    }),
    define({
        id: "bounded-patch-cycle", description: "a typed patch that contains itself",
        setup: () => fleet(),
        bad: (federation) => configMap(federation, "settings", undefined, { overrides: [{ clusterName: "eu-2", patch: { data: cyclic() } }] }),
        expect: { resource: CONFIGMAP, field: "overrides[0].patch.data.again", message: /is a cycle in the overrides/ },
    }),
    define({
        id: "bounded-patch-deep", description: "a typed patch nested 200 levels deep",
        setup: () => fleet(),
        bad: (federation) => configMap(federation, "settings", undefined, { overrides: [{ clusterSelector: {}, patch: { metadata: nested(200) } }] }),
        expect: { resource: CONFIGMAP, field: "overrides[0].patch.metadata.a.a.a.a.a...", message: /nests deeper than 100 levels \(in the overrides\)/ },
    }),
    define({
        id: "bounded-documents-cycle", description: "a document object that contains itself, given to planFederation",
        setup: none,
        bad: () => {
            const [document] = documents();
            (document.object.spec as Record<string, unknown>).loop = document.object;
            return fed.planFederation([document], [{ name: "eu-1" }]);
        },
        expect: { resource: "planFederation", field: "documents[0].object.spec.loop", message: /is a cycle in the document: it refers back to documents\[0\]\.object/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// 9. DNS names are valid DNS: label values that become name labels, and the whole name's length.
// ---------------------------------------------------------------------------------------------
const DNS_MEMBERS = (region: string, zone = "a"): fed.MemberClusterArgs[] => [
    { name: "eu-1", labels: { region, zone }, host: true },
    { name: "us-1", labels: { region: "us-east", zone: "b" } },
];
const dnsNameCases: CorpusCase[] = [
    define({
        id: "dns-region-label-not-dns", description: "a member whose region label value is not a DNS label",
        setup: () => lbService(fleet({}, DNS_MEMBERS("EU_West"))),
        bad: (service) => new fed.ServiceDNSRecord("web", { service, domain: "example.com", regionLabel: "region", zoneLabel: "zone" }),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: 'ServiceDNSRecord "web"', cluster: "eu-1", field: 'labels["region"]', message: /member eu-1's region "EU_West" is not a DNS-1123 label .*, so it cannot be part of a DNS name/ },
    }),
    define({
        id: "dns-zone-label-not-dns", description: "a member whose zone label value has a dot",
        setup: () => lbService(fleet({}, DNS_MEMBERS("eu-west", "zone.a"))),
        bad: (service) => new fed.ServiceDNSRecord("web", { service, domain: "example.com", regionLabel: "region", zoneLabel: "zone" }),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: 'ServiceDNSRecord "web"', cluster: "eu-1", field: 'labels["zone"]', message: /member eu-1's zone "zone\.a" is not a DNS-1123 label/ },
    }),
    define({
        id: "dns-name-too-long", description: "a domain long enough that the composed names pass 253 characters",
        setup: () => lbService(fleet({}, DNS_MEMBERS("eu-west"))),
        bad: (service) => new fed.ServiceDNSRecord("web", { service, domain: `${"d".repeat(60)}.${"d".repeat(60)}.${"d".repeat(60)}.${"d".repeat(60)}.com`, regionLabel: "region", zoneLabel: "zone" }),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: 'ServiceDNSRecord "web"', message: /is 266 characters, more than DNS allows \(253\)/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// 7. Nothing registers before an error: names are reserved by the URN the engine will compute.
// ---------------------------------------------------------------------------------------------
const settingsIn = (namespace: string) => fed.loadFederationManifests(`apiVersion: types.kubefed.io/v1beta1
kind: FederatedConfigMap
metadata: { name: settings, namespace: ${namespace} }
spec:
  template: { data: { mode: fast } }
  placement: { clusters: [{ name: eu-1 }] }
`, `${namespace}.yaml`);
const urnCases: CorpusCase[] = [
    define({
        id: "urn-two-federations-same-component", description: "two federations in one stack, each with a FederatedConfigMap called settings",
        setup: () => {
            const first = fleet();
            configMap(first, "settings");
            return new fed.Federation("other", { clusters: [{ name: "ap-1" }] });
        },
        bad: (other) => configMap(other, "settings"),
        preRegistered: ["settings", "other"],
        // As under `pulumi up`, the program runs inside its Stack: names are reserved per stack.
        asStack: true,
        expect: { resource: CONFIGMAP, field: "name", message: /the name "settings" is declared twice: component names must be unique per kind/ },
    }),
    define({
        id: "urn-two-manifests-same-name", description: "two FederatedManifests each federating a ConfigMap called settings (other namespaces)",
        setup: () => {
            const federation = fleet();
            new fed.FederatedManifests("team-a", { federation, documents: settingsIn("team-a") });
            return federation;
        },
        bad: (federation) => new fed.FederatedManifests("team-b", { federation, documents: settingsIn("team-b") }),
        preRegistered: ["team-a", "settings"],
        expect: {
            resource: "team-b.yaml document 0 (FederatedConfigMap team-b/settings)", field: "name",
            message: /the name "settings" is already FederatedConfigMap "settings"'s; Pulumi needs unique names/,
        },
    }),
    define({
        id: "urn-second-document-clashes", description: "a second FederatedManifests whose second document takes a name the first one's child has (nothing of it registers)",
        setup: () => {
            const federation = fleet();
            new fed.FederatedManifests("team-a", { federation, documents: settingsIn("team-a") });
            return federation;
        },
        bad: (federation) => new fed.FederatedManifests("team-c", { federation, documents: fed.loadFederationManifests(`apiVersion: types.kubefed.io/v1beta1
kind: FederatedConfigMap
metadata: { name: other, namespace: team-c }
spec:
  template: { data: { mode: fast } }
  placement: { clusters: [{ name: eu-1 }] }
---
apiVersion: types.kubefed.io/v1beta1
kind: FederatedConfigMap
metadata: { name: settings, namespace: team-c }
spec:
  template: { data: { mode: slow } }
  placement: { clusters: [{ name: us-1 }] }
`, "team-c.yaml") }),
        preRegistered: ["team-a", "settings"],
        expect: {
            resource: "team-c.yaml document 1 (FederatedConfigMap team-c/settings)", field: "name",
            message: /the name "settings" is already FederatedConfigMap "settings"'s/,
        },
    }),
];

const moreCases: CorpusCase[] = [
    define({
        id: "shape-federation-no-arguments", description: "a Federation without arguments",
        setup: none, bad: () => new (fed.Federation as any)("fleet"),
        expect: { resource: FEDERATION, message: /needs arguments with a clusters list/ },
    }),
    define({
        id: "shape-federated-resource-no-arguments", description: "a FederatedResource without arguments",
        setup: () => fleet(), bad: () => new (fed.FederatedResource as any)("gadget"),
        expect: { resource: 'FederatedResource "gadget"', field: "apiVersion", message: /must be a non-empty string such as "apps\/v1"/ },
    }),
    define({
        id: "connection-kubeconfig-list", description: "a member kubeconfig given as a list of paths",
        setup: none, bad: () => fleet({}, member({ kubeconfig: ["~/.kube/a", "~/.kube/b"] })),
        expect: { resource: FEDERATION, cluster: "eu-2", field: "clusters[1].kubeconfig", message: /got an array/ },
    }),
    define({
        id: "name-ingress-record-empty", description: "an IngressDNSRecord with an empty name",
        setup: () => fleet(), bad: () => new (fed.IngressDNSRecord as any)("", {}),
        expect: { resource: 'IngressDNSRecord ""', field: "name", message: /a component name must not be empty/ },
    }),
    define({
        id: "name-template-name-number", description: "template metadata.name given as a number",
        setup: () => fleet(), bad: (federation) => configMap(federation, "settings", { metadata: { name: 42 }, data: {} }),
        expect: { resource: CONFIGMAP, field: "template.metadata.name", message: /must be a non-empty string, got number 42/ },
    }),
    define({
        id: "name-manifest-yaml-capitals", description: "a FederatedConfigMap named Settings in inline YAML",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedManifests("kubefed", { federation, yaml: "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: { name: Settings, namespace: shop }\nspec:\n  template: { data: {} }\n  placement: { clusterSelector: {} }\n" }),
        expect: { resource: 'FederatedManifests "kubefed" yaml document 0 (FederatedConfigMap shop/Settings)', field: "metadata.name", message: /"Settings" is not a valid ConfigMap name/ },
    }),
    define({
        id: "bounded-override-value-deep", description: "a JSON-patch value nested 150 levels deep",
        setup: () => fleet(),
        bad: (federation) => configMap(federation, "settings", undefined, { overrides: [{ clusterName: "eu-1", clusterOverrides: [{ op: "add", path: "/data/deep", value: nested(150) }] }] }),
        expect: { resource: CONFIGMAP, field: "overrides[0].clusterOverrides[0].value.a.a.a.a...", message: /nests deeper than 100 levels \(in the overrides\)/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// Identity (issue 25): kinds, apiVersions and labels by the API server's rules, at plan time.
// ---------------------------------------------------------------------------------------------
const GADGET = 'FederatedResource "gadget"';

function gadget(federation: fed.Federation, extra: Record<string, unknown>) {
    return new fed.FederatedResource("gadget", { federation, namespace: "shop", apiVersion: "example.com/v1", kind: "Gadget", template: {}, placement: EVERYWHERE, ...extra } as any);
}

const identityCases: CorpusCase[] = [
    define({
        id: "identity-kind-space", description: "a FederatedResource kind with a space",
        setup: () => fleet(), bad: (federation) => gadget(federation, { kind: "Gad get" }),
        expect: { resource: GADGET, field: "kind", message: /"Gad get" is not a Kubernetes kind/ },
    }),
    define({
        id: "identity-api-version-two-slashes", description: "an apiVersion with two slashes",
        setup: () => fleet(), bad: (federation) => gadget(federation, { apiVersion: "example.com/v1/gadgets" }),
        expect: { resource: GADGET, field: "apiVersion", message: /"example\.com\/v1\/gadgets" is not an apiVersion: it has 2 '\/'/ },
    }),
    define({
        id: "identity-template-label-key", description: "a template label key with a space",
        setup: () => fleet(), bad: (federation) => configMap(federation, "settings", { metadata: { labels: { "owner team": "shop" } }, data: {} }),
        expect: { resource: CONFIGMAP, field: 'template.metadata.labels["owner team"]', message: /"owner team" is not a valid label key/ },
    }),
    define({
        id: "identity-pod-label-value", description: "a pod template label value with a space",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedDeployment("web", { federation, namespace: "shop", template: { ...web(), spec: { ...web().spec, template: { ...web().spec.template, metadata: { labels: { app: "web shop" } } } } }, placement: EVERYWHERE }),
        expect: { resource: 'FederatedDeployment "web"', field: 'template.spec.template.metadata.labels["app"]', message: /"web shop" is not a valid label value/ },
    }),
    define({
        id: "identity-placement-selector-key", description: "a placement selector key with an upper-case prefix",
        setup: () => fleet(), bad: (federation) => configMap(federation, "settings", undefined, { placement: { clusterSelector: { matchLabels: { "Example.com/region": "eu-west" } } } }),
        expect: { resource: CONFIGMAP, field: 'placement.clusterSelector.matchLabels["Example.com/region"]', message: /the prefix "Example\.com" must be a lower-case DNS subdomain/ },
    }),
    define({
        id: "identity-spread-selector-value", description: "a topology spread constraint whose selector value has a space",
        setup: () => fleet(),
        bad: (federation) => {
            const template = web();
            template.spec.template.spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "web shop" } } }];
            return new fed.FederatedDeployment("web", { federation, namespace: "shop", template, placement: EVERYWHERE });
        },
        expect: { resource: 'FederatedDeployment "web"', field: 'template.spec.template.spec.topologySpreadConstraints[0].labelSelector.matchLabels["app"]', message: /"web shop" is not a valid label value/ },
    }),
    define({
        id: "identity-network-policy-peer-key", description: "a NetworkPolicy ingress peer whose namespace selector key has a space",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedResource("allow", {
            federation, apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", namespace: "shop", placement: EVERYWHERE,
            template: { spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { "team name": "shop" } } }] }] } },
        }),
        expect: { resource: 'FederatedResource "allow"', field: 'template.spec.ingress[0].from[0].namespaceSelector.matchLabels["team name"]', message: /"team name" is not a valid label key/ },
    }),
];

export const hardeningCases: CorpusCase[] = [...identityCases, ...moreCases, ...nameCases, ...connectionCases, ...shapeCases, ...boundedCases, ...dnsNameCases, ...urnCases];

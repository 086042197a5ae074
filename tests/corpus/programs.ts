/**
 * The bad-input corpus, programs half: each case builds a small valid federation (and, where the
 * mistake needs one, a valid component before it) and then makes exactly ONE mistake.
 * tests/corpus.test.ts runs every case under the mock monitor and checks that the error is a
 * FederationError naming the resource, the cluster (where there is one) and the field, and that
 * nothing beyond the valid setup was registered.
 *
 * A case is `setup` (what is valid, registered normally) then `bad` (the one mistake). The test
 * also runs `setup` alone and requires the bad program to register exactly the same resources.
 * Cases that find a library bug carry `skip: "BUG: ..."` and show as pending.
 */
import * as fed from "../../components";

export interface ExpectedCorpusError {
    /** `.resource`, exactly (string) or by pattern. */
    resource: string | RegExp;
    /** `.cluster`, exactly; left out when the error has none. */
    cluster?: string;
    /** `.field`, exactly; left out when the error has none. */
    field?: string;
    /** The message (location prefix included). */
    message: RegExp;
}

export interface CorpusCase {
    id: string;
    description: string;
    /** The valid part alone: what the bad program may register. */
    setup: () => void;
    /** Setup, then the one mistake. */
    program: () => void;
    expect: ExpectedCorpusError;
    /**
     * Names of the valid components in the setup that register before the mistake (beyond the
     * federation's Federation, MemberClusters and providers), e.g. the first of two colliding
     * components. Their own objects never do: the failed declaration cancels them too.
     */
    preRegistered?: string[];
    /** Set to "BUG: ..." for a case the library gets wrong; shown as pending. */
    skip?: string;
    /** Run as the stack's root (pulumi:pulumi:Stack), as `pulumi up` does. */
    asStack?: boolean;
}

interface CaseDefinition<S> {
    id: string;
    description: string;
    setup: () => S;
    bad: (state: S) => unknown;
    expect: ExpectedCorpusError;
    preRegistered?: string[];
    skip?: string;
    asStack?: boolean;
}

export function define<S>(definition: CaseDefinition<S>): CorpusCase {
    const { setup, bad, ...rest } = definition;
    return {
        ...rest,
        setup: () => {
            setup();
        },
        program: () => {
            bad(setup());
        },
    };
}

/** The members every case starts from: two regions of prod in the EU, one in the US, an edge cluster; eu-1 is the host. */
export const MEMBERS: fed.MemberClusterArgs[] = [
    { name: "eu-1", labels: { region: "eu-west", tier: "prod" }, host: true },
    { name: "eu-2", labels: { region: "eu-central", tier: "prod" } },
    { name: "us-1", labels: { region: "us-east", tier: "prod" } },
    { name: "ap-1", labels: { region: "ap-south", tier: "edge" } },
];
const MEMBER_LIST = /members: eu-1, eu-2, us-1, ap-1/;

export function fleet(overrides: Partial<fed.FederationArgs> = {}, members: fed.MemberClusterArgs[] = MEMBERS): fed.Federation {
    return new fed.Federation("fleet", { clusters: members.map((member) => ({ ...member, labels: { ...member.labels } })), ...overrides });
}

/** A valid Deployment template with one container. */
export function web(replicas = 2): any {
    return {
        metadata: { labels: { app: "web" } },
        spec: {
            replicas,
            selector: { matchLabels: { app: "web" } },
            template: {
                metadata: { labels: { app: "web" } },
                spec: { containers: [{ name: "web", image: "docker.io/example/web:1.4", args: ["--port=80"], ports: [{ containerPort: 80 }] }] },
            },
        },
    };
}

export const EVERYWHERE = { clusterSelector: {} };
const DEPLOYMENT = 'FederatedDeployment "web"';
const CONFIGMAP = 'FederatedConfigMap "settings"';
const FEDERATION = 'Federation "fleet"';

/** A deployment on every member with one override entry for `cluster`. */
function webWithOverrides(federation: fed.Federation, overrides: any[], extra: Record<string, unknown> = {}) {
    return new fed.FederatedDeployment("web", { federation, namespace: "shop", template: web(), placement: EVERYWHERE, overrides, ...extra });
}

/** A ConfigMap placed with `placement` (for placement and selector errors). */
function settings(federation: fed.Federation, placement: any) {
    return new fed.FederatedConfigMap("settings", { federation, namespace: "shop", template: { data: { mode: "fast" } }, placement });
}

export const none = () => undefined;

// ---------------------------------------------------------------------------------------------
// Member lists: the Federation itself is refused, so nothing at all registers.
// ---------------------------------------------------------------------------------------------
const memberCases: CorpusCase[] = [
    define({
        id: "member-name-capitals", description: "a member name with capitals",
        setup: none, bad: () => fleet({}, [MEMBERS[0], { name: "EU-2" }]),
        expect: { resource: FEDERATION, field: "clusters[1].name", message: /"EU-2" is not a DNS-1123 label/ },
    }),
    define({
        id: "member-name-underscore", description: "a member name with an underscore",
        setup: none, bad: () => fleet({}, [{ name: "eu_west" }]),
        expect: { resource: FEDERATION, field: "clusters[0].name", message: /"eu_west" is not a DNS-1123 label/ },
    }),
    define({
        id: "member-name-empty", description: "an empty member name",
        setup: none, bad: () => fleet({}, [MEMBERS[0], MEMBERS[1], { name: "" }]),
        expect: { resource: FEDERATION, field: "clusters[2].name", message: /member cluster name must not be empty/ },
    }),
    define({
        id: "member-name-missing", description: "a member without a name",
        setup: none, bad: () => fleet({}, [{ labels: { region: "eu" } } as any]),
        expect: { resource: FEDERATION, field: "clusters[0].name", message: /must be a string, got nothing/ },
    }),
    define({
        id: "member-name-too-long", description: "a 64-character member name",
        setup: none, bad: () => fleet({}, [{ name: "c".repeat(64) }]),
        expect: { resource: FEDERATION, field: "clusters[0].name", message: /longer than 63 characters/ },
    }),
    define({
        id: "member-name-duplicate", description: "the same member name twice",
        setup: none, bad: () => fleet({}, [...MEMBERS, { name: "eu-2" }]),
        expect: { resource: FEDERATION, cluster: "eu-2", field: "clusters[4].name", message: /duplicate member cluster name \(also clusters\[1\]\.name\)/ },
    }),
    define({
        id: "member-two-hosts", description: "two host clusters",
        setup: none, bad: () => fleet({}, MEMBERS.map((member) => (member.name === "us-1" ? { ...member, host: true } : member))),
        expect: { resource: FEDERATION, cluster: "us-1", field: "clusters[2].host", message: /only one member can be the host cluster, and "eu-1" already is/ },
    }),
    define({
        id: "member-host-not-boolean", description: "host: \"yes\" instead of true",
        setup: none, bad: () => fleet({}, [{ name: "eu-1", host: "yes" as any }]),
        expect: { resource: FEDERATION, cluster: "eu-1", field: "clusters[0].host", message: /must be true or false, got string "yes"/ },
    }),
    define({
        id: "member-label-number", description: "a member label value that is a number",
        setup: none, bad: () => fleet({}, [{ name: "eu-1", labels: { zone: 3 as any } }]),
        expect: { resource: FEDERATION, cluster: "eu-1", field: 'clusters[0].labels["zone"]', message: /label values are strings, got number 3/ },
    }),
    define({
        id: "member-not-object", description: "a member that is not an object",
        setup: none, bad: () => new fed.Federation("fleet", { clusters: [MEMBERS[0], "eu-2" as any] }),
        expect: { resource: FEDERATION, field: "clusters[1]", message: /must be an object with at least a name, got string "eu-2"/ },
    }),
    define({
        id: "members-not-list", description: "clusters given as a map instead of a list",
        setup: none, bad: () => new fed.Federation("fleet", { clusters: { "eu-1": {} } as any }),
        expect: { resource: FEDERATION, field: "clusters", message: /must be a list of member clusters, got an object/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// Policies: a bad rule is refused with the federation; a breached rule refuses the object.
// ---------------------------------------------------------------------------------------------
const policyCases: CorpusCase[] = [
    define({
        id: "policy-restricts-nothing", description: "a policy rule without allowedClusters, maxClusters or minClusters",
        setup: none, bad: () => fleet({ policies: [{ name: "pointless", match: { kinds: ["Deployment"] } }] }),
        expect: { resource: FEDERATION, field: "policies[0]", message: /rule "pointless" restricts nothing/ },
    }),
    define({
        id: "policy-min-above-max", description: "a policy rule needing more clusters than it allows",
        setup: none, bad: () => fleet({ policies: [{ name: "impossible", maxClusters: 1, minClusters: 2 }] }),
        expect: { resource: FEDERATION, field: "policies[0].minClusters", message: /needs at least 2 clusters but allows at most 1: nothing could keep it/ },
    }),
    define({
        id: "policy-bad-selector", description: "a policy rule whose allowedClusters uses an unknown operator",
        setup: none,
        bad: () => fleet({ policies: [{ name: "eu-only", allowedClusters: { matchExpressions: [{ key: "region", operator: "StartsWith" as any, values: ["eu"] }] } }] }),
        expect: { resource: FEDERATION, field: "policies[0].allowedClusters.matchExpressions[0].operator", message: /"StartsWith" is not a selector operator/ },
    }),
    define({
        id: "policy-duplicate-name", description: "two policy rules with one name",
        setup: none, bad: () => fleet({ policies: [{ name: "small", maxClusters: 2 }, { name: "small", maxClusters: 3 }] }),
        expect: { resource: FEDERATION, field: "policies[1].name", message: /another rule is also called "small"/ },
    }),
    define({
        id: "policy-allowed-clusters-breach", description: "a placement that breaks an allowedClusters rule",
        setup: () => fleet({ policies: [{ name: "eu-only", match: { namespaces: ["shop"] }, allowedClusters: { matchExpressions: [{ key: "region", operator: "In", values: ["eu-west", "eu-central"] }] } }] }),
        bad: (federation) => settings(federation, { clusters: ["eu-1", "us-1"] }),
        expect: { resource: CONFIGMAP, cluster: "us-1", field: "placement", message: /policy "eu-only" allows only members matching region In \(eu-west, eu-central\), and us-1 has region=us-east, tier=prod/ },
    }),
    define({
        id: "policy-max-clusters-breach", description: "a placement on more clusters than a maxClusters rule allows",
        setup: () => fleet({ policies: [{ name: "small-blast-radius", match: { kinds: ["Deployment"] }, maxClusters: 2 }] }),
        bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placement: { clusterSelector: { matchLabels: { tier: "prod" } } } }),
        expect: { resource: DEPLOYMENT, field: "placement", message: /policy "small-blast-radius" allows at most 2 clusters, and this is placed on 3 \(eu-1, eu-2, us-1\)/ },
    }),
    define({
        id: "policy-min-clusters-breach-outage", description: "an unavailable member bringing a workload below a minClusters rule",
        setup: () => fleet({ policies: [{ name: "redundant", minClusters: 2 }] }, MEMBERS.map((member) => (member.name === "eu-2" ? { ...member, unavailable: true } : member))),
        bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placement: { clusters: ["eu-1", "eu-2"] } }),
        expect: { resource: DEPLOYMENT, field: "placement", message: /policy "redundant" needs at least 2 clusters, and this is placed on 1 \(eu-1\); eu-2 is unavailable or draining/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// Placement and selectors.
// ---------------------------------------------------------------------------------------------
const placementCases: CorpusCase[] = [
    define({
        id: "placement-unknown-cluster", description: "an unknown cluster in placement.clusters",
        setup: () => fleet(), bad: (federation) => settings(federation, { clusters: ["eu-1", "eu-3"] }),
        expect: { resource: CONFIGMAP, cluster: "eu-3", field: "placement.clusters[1]", message: /is not a member of the federation \(members: eu-1, eu-2, us-1, ap-1\)/ },
    }),
    define({
        id: "placement-cluster-not-string", description: "a number in placement.clusters",
        setup: () => fleet(), bad: (federation) => settings(federation, { clusters: [1] }),
        expect: { resource: CONFIGMAP, field: "placement.clusters[0]", message: /must be a member cluster name, got number 1/ },
    }),
    define({
        id: "placement-unknown-field", description: "placement.cluster (singular) instead of clusters",
        setup: () => fleet(), bad: (federation) => settings(federation, { cluster: ["eu-1"] }),
        expect: { resource: CONFIGMAP, field: "placement.cluster", message: /is not a placement field/ },
    }),
    define({
        id: "selector-unknown-operator", description: "a selector operator that does not exist",
        setup: () => fleet(),
        bad: (federation) => settings(federation, { clusterSelector: { matchExpressions: [{ key: "region", operator: "Equals", values: ["eu-west"] }] } }),
        expect: { resource: CONFIGMAP, field: "placement.clusterSelector.matchExpressions[0].operator", message: /"Equals" is not a selector operator \(use one of In, NotIn, Exists, DoesNotExist\)/ },
    }),
    define({
        id: "selector-lower-case-operator", description: "a selector operator in lower case",
        setup: () => fleet(),
        bad: (federation) => settings(federation, { clusterSelector: { matchExpressions: [{ key: "tier", operator: "Exists" }, { key: "region", operator: "in", values: ["eu-west"] }] } }),
        expect: { resource: CONFIGMAP, field: "placement.clusterSelector.matchExpressions[1].operator", message: /"in" is not a selector operator/ },
    }),
    define({
        id: "selector-in-without-values", description: "operator In with no values",
        setup: () => fleet(), bad: (federation) => settings(federation, { clusterSelector: { matchExpressions: [{ key: "region", operator: "In" }] } }),
        expect: { resource: CONFIGMAP, field: "placement.clusterSelector.matchExpressions[0].values", message: /operator In needs a non-empty list of values/ },
    }),
    define({
        id: "selector-exists-with-values", description: "operator Exists with values",
        setup: () => fleet(), bad: (federation) => settings(federation, { clusterSelector: { matchExpressions: [{ key: "region", operator: "Exists", values: ["eu-west"] }] } }),
        expect: { resource: CONFIGMAP, field: "placement.clusterSelector.matchExpressions[0].values", message: /operator Exists takes no values/ },
    }),
    define({
        id: "selector-label-not-string", description: "a matchLabels value that is a boolean",
        setup: () => fleet(), bad: (federation) => settings(federation, { clusterSelector: { matchLabels: { edge: true } } }),
        expect: { resource: CONFIGMAP, field: 'placement.clusterSelector.matchLabels["edge"]', message: /label values are strings, got boolean true/ },
    }),
    define({
        id: "selector-in-value-not-string", description: "a number among the values of In",
        setup: () => fleet(), bad: (federation) => settings(federation, { clusterSelector: { matchExpressions: [{ key: "generation", operator: "In", values: ["2", 3] }] } }),
        expect: { resource: CONFIGMAP, field: "placement.clusterSelector.matchExpressions[0].values[1]", message: /label values are strings, got number 3/ },
    }),
    define({
        id: "selector-unknown-field", description: "matchLabel (singular) in a selector",
        setup: () => fleet(), bad: (federation) => settings(federation, { clusterSelector: { matchLabel: { tier: "prod" } } }),
        expect: { resource: CONFIGMAP, field: "placement.clusterSelector.matchLabel", message: /is not a label selector field/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// Spread constraints and failover groups.
// ---------------------------------------------------------------------------------------------
const spreadCases: CorpusCase[] = [
    define({
        id: "spread-min-groups-impossible", description: "a spread over more regions than the placement has",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placement: { clusterSelector: { matchLabels: { tier: "prod" } }, spreadConstraints: [{ spreadByLabel: "region", minGroups: 4 }] } }),
        expect: { resource: DEPLOYMENT, field: "placement.spreadConstraints[0]", message: /needs at least 4 distinct "region" values among the placed clusters, but found 3 \(eu-west, eu-central, us-east\)/ },
    }),
    define({
        id: "spread-min-above-max", description: "a spread constraint with minGroups above maxGroups",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placement: { clusterSelector: {}, spreadConstraints: [{ spreadByLabel: "region", minGroups: 3, maxGroups: 2 }] } }),
        expect: { resource: DEPLOYMENT, field: "placement.spreadConstraints[0].minGroups", message: /minGroups 3 is more than maxGroups 2/ },
    }),
    define({
        id: "failover-no-usable-group", description: "failover groups none of which yields a cluster",
        setup: () => fleet({}, MEMBERS.map((member) => (member.name === "ap-1" ? { ...member, unavailable: true } : member))),
        bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placement: { failover: [{ clusters: ["ap-1"] }, { clusterSelector: { matchLabels: { region: "mars" } } }] } }),
        expect: { resource: DEPLOYMENT, field: "placement.failover", message: /no failover group can be used \(failover\[0\]: ap-1 is unavailable or draining; failover\[1\]: selects no member\)/ },
    }),
    define({
        id: "failover-unknown-cluster", description: "an unknown cluster in a failover group",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placement: { failover: [{ clusters: ["eu-1"] }, { clusters: ["us-2"] }] } }),
        expect: { resource: DEPLOYMENT, cluster: "us-2", field: "placement.failover[1].clusters[0]", message: MEMBER_LIST },
    }),
    define({
        id: "failover-and-clusters", description: "failover groups beside placement.clusters",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placement: { clusters: ["eu-1"], failover: [{ clusters: ["eu-2"] }] } }),
        expect: { resource: DEPLOYMENT, field: "placement.failover", message: /give either failover groups or clusters \/ clusterSelector, not both/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// Override entries and JSON patch operations.
// ---------------------------------------------------------------------------------------------
const overrideCases: CorpusCase[] = [
    define({
        id: "override-unknown-cluster", description: "an override entry for a cluster that is not a member",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "us-2", clusterOverrides: [{ path: "/spec/replicas", value: 3 }] }]),
        expect: { resource: DEPLOYMENT, cluster: "us-2", field: "overrides[0].clusterName", message: MEMBER_LIST },
    }),
    define({
        id: "override-duplicate-entry", description: "two override entries for one cluster",
        setup: () => fleet(),
        bad: (federation) => webWithOverrides(federation, [
            { clusterName: "eu-2", clusterOverrides: [{ path: "/spec/replicas", value: 3 }] },
            { clusterName: "eu-2", clusterOverrides: [{ op: "add", path: "/metadata/annotations", value: { a: "b" } }] },
        ]),
        expect: { resource: DEPLOYMENT, cluster: "eu-2", field: "overrides[1].clusterName", message: /duplicate override entry for this cluster \(also overrides\[0\]\)/ },
    }),
    define({
        id: "override-name-and-selector", description: "an override entry with both clusterName and clusterSelector",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "eu-1", clusterSelector: { matchLabels: { tier: "prod" } }, clusterOverrides: [] }]),
        expect: { resource: DEPLOYMENT, field: "overrides[0]", message: /needs exactly one of clusterName and clusterSelector/ },
    }),
    define({
        id: "override-selector-bad-operator", description: "an override selector with an unknown operator",
        setup: () => fleet(),
        bad: (federation) => webWithOverrides(federation, [{ clusterSelector: { matchExpressions: [{ key: "tier", operator: "Is", values: ["edge"] }] }, clusterOverrides: [{ path: "/spec/replicas", value: 1 }] }]),
        expect: { resource: DEPLOYMENT, field: "overrides[0].clusterSelector.matchExpressions[0].operator", message: /"Is" is not a selector operator/ },
    }),
    define({
        id: "override-unknown-entry-field", description: "clusterOverride (singular) in an override entry",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "eu-1", clusterOverride: [{ path: "/spec/replicas", value: 3 }] }]),
        expect: { resource: DEPLOYMENT, field: "overrides[0].clusterOverride", message: /is not an override entry field/ },
    }),
    define({
        id: "override-not-a-list", description: "clusterOverrides given as one operation instead of a list",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "eu-1", clusterOverrides: { path: "/spec/replicas", value: 3 } }]),
        expect: { resource: DEPLOYMENT, cluster: "eu-1", field: "overrides[0].clusterOverrides", message: /must be a list of \{ op, path, value \} operations, got an object/ },
    }),
    define({
        id: "pointer-no-leading-slash", description: "a JSON pointer without its leading slash",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "us-1", clusterOverrides: [{ path: "spec/replicas", value: 3 }] }]),
        expect: { resource: DEPLOYMENT, cluster: "us-1", field: "overrides[0].clusterOverrides[0].path", message: /"spec\/replicas" is not a JSON pointer: it must start with "\/"/ },
    }),
    define({
        id: "pointer-bad-tilde", description: "a JSON pointer with a ~ that is not ~0 or ~1",
        setup: () => fleet(),
        bad: (federation) => webWithOverrides(federation, [{ clusterName: "us-1", clusterOverrides: [{ op: "add", path: "/metadata/annotations/example.com~2team", value: "x" }] }]),
        expect: { resource: DEPLOYMENT, cluster: "us-1", field: "overrides[0].clusterOverrides[0].path", message: /"~" must be written "~0" and "\/" inside a key "~1"/ },
    }),
    define({
        id: "pointer-empty", description: "an empty JSON pointer (the whole object)",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "us-1", clusterOverrides: [{ path: "", value: {} }] }]),
        expect: { resource: DEPLOYMENT, cluster: "us-1", field: "overrides[0].clusterOverrides[0].path", message: /"" points at the whole object/ },
    }),
    define({
        id: "override-op-move", description: "the RFC 6902 move operation, which KubeFed does not support",
        setup: () => fleet(),
        bad: (federation) => webWithOverrides(federation, [{ clusterName: "eu-2", clusterOverrides: [{ op: "move", path: "/metadata/labels/app", from: "/metadata/labels/tier" } as any] }]),
        expect: { resource: DEPLOYMENT, cluster: "eu-2", field: "overrides[0].clusterOverrides[0].op", message: /"move" is not a supported operation \(use add, remove or replace/ },
    }),
    define({
        id: "override-op-copy", description: "op copy",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "eu-2", clusterOverrides: [{ op: "copy", path: "/metadata/labels/app", value: "x" }] }]),
        expect: { resource: DEPLOYMENT, cluster: "eu-2", field: "overrides[0].clusterOverrides[0].op", message: /"copy" is not a supported operation \(use add, remove or replace; replace is the default\)/ },
    }),
    define({
        id: "override-missing-value", description: "a replace without a value",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "ap-1", clusterOverrides: [{ path: "/spec/replicas" }] }]),
        expect: { resource: DEPLOYMENT, cluster: "ap-1", field: "overrides[0].clusterOverrides[0].value", message: /operation replace of "\/spec\/replicas" needs a value/ },
    }),
    define({
        id: "override-value-on-remove", description: "a remove with a value",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "ap-1", clusterOverrides: [{ op: "remove", path: "/metadata/labels/app", value: "web" }] }]),
        expect: { resource: DEPLOYMENT, cluster: "ap-1", field: "overrides[0].clusterOverrides[0].value", message: /operation remove of "\/metadata\/labels\/app" takes no value/ },
    }),
    define({
        id: "override-duplicate-path", description: "the same path twice in one entry",
        setup: () => fleet(),
        bad: (federation) => webWithOverrides(federation, [{ clusterName: "eu-1", clusterOverrides: [{ path: "/spec/replicas", value: 3 }, { path: "/spec/template/spec/containers/0/image", value: "web:2" }, { path: "/spec/replicas", value: 4 }] }]),
        expect: { resource: DEPLOYMENT, cluster: "eu-1", field: "overrides[0].clusterOverrides[2].path", message: /duplicate path "\/spec\/replicas" \(also clusterOverrides\[0\]\.path\)/ },
    }),
    ...(
        [
            ["/metadata/name", "/metadata/name"],
            ["/metadata/namespace", "/metadata/namespace"],
            ["/kind", "/kind"],
            ["/metadata", "/metadata/name"],
        ] as const
    ).map(([path, guarded]) =>
        define({
            id: `override-forbidden-path${path.replace(/\//g, "-").toLowerCase()}`, description: `an override of ${path}`,
            setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "eu-2", clusterOverrides: [{ path, value: path === "/metadata" ? { name: "web-eu" } : "web-eu" }] }]),
            expect: {
                resource: DEPLOYMENT, cluster: "eu-2", field: "overrides[0].clusterOverrides[0].path",
                message: new RegExp(`"${path.replace(/\//g, "\\/")}" would change ${guarded.replace(/\//g, "\\/")}, which must be the same in every cluster`),
            },
        }),
    ),
    define({
        id: "override-apiversion-not-a-version", description: "an /apiVersion override (allowed, as in KubeFed) whose value is no apiVersion",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "eu-2", clusterOverrides: [{ path: "/apiVersion", value: "apps" }] }]),
        expect: { resource: DEPLOYMENT, cluster: "eu-2", field: "overrides[0].clusterOverrides[0].value", message: /must be an apiVersion such as "networking\.k8s\.io\/v1" or "v1", got string "apps"/ },
    }),
    define({
        id: "override-apiversion-remove", description: "a remove of /apiVersion",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "eu-2", clusterOverrides: [{ op: "remove", path: "/apiVersion" }] }]),
        expect: { resource: DEPLOYMENT, cluster: "eu-2", field: "overrides[0].clusterOverrides[0].op", message: /every object needs an apiVersion/ },
    }),
    define({
        id: "override-replace-missing-path", description: "a replace of a path the template does not have",
        setup: () => fleet(),
        bad: (federation) => webWithOverrides(federation, [{ clusterName: "eu-2", clusterOverrides: [{ path: "/spec/template/spec/containers/0/resources/limits", value: { cpu: "1" } }] }]),
        expect: {
            resource: DEPLOYMENT, cluster: "eu-2", field: "overrides[0].clusterOverrides[0]",
            message: /cannot replace "\/spec\/template\/spec\/containers\/0\/resources\/limits": \/spec\/template\/spec\/containers\/0 has no "resources" \(it has: name, image, args, ports\)/,
        },
    }),
    define({
        id: "override-add-past-end", description: "an add at an index past the end of a list",
        setup: () => fleet(),
        bad: (federation) => webWithOverrides(federation, [{ clusterName: "us-1", clusterOverrides: [{ op: "add", path: "/spec/template/spec/containers/0/args/5", value: "--debug" }] }]),
        expect: { resource: DEPLOYMENT, cluster: "us-1", field: "overrides[0].clusterOverrides[0]", message: /cannot add at "\/spec\/template\/spec\/containers\/0\/args\/5": \/spec\/template\/spec\/containers\/0\/args is a list of 1 items; use an index from 0 to 1, or "-" to append/ },
    }),
    define({
        id: "override-remove-missing-key", description: "a remove of an annotation the template does not have",
        setup: () => fleet(),
        bad: (federation) => webWithOverrides(federation, [{ clusterName: "us-1", clusterOverrides: [{ op: "remove", path: "/metadata/annotations/legacy" }] }]),
        expect: { resource: DEPLOYMENT, cluster: "us-1", field: "overrides[0].clusterOverrides[0]", message: /cannot remove "\/metadata\/annotations\/legacy": \/metadata has no "annotations"/ },
    }),
    define({
        id: "override-through-scalar", description: "a path that walks through a number",
        setup: () => fleet(),
        bad: (federation) => webWithOverrides(federation, [{ clusterName: "us-1", clusterOverrides: [{ op: "add", path: "/spec/replicas/max", value: 3 }] }]),
        expect: { resource: DEPLOYMENT, cluster: "us-1", field: "overrides[0].clusterOverrides[0]", message: /cannot add "\/spec\/replicas\/max": \/spec\/replicas is number, not an object or list/ },
    }),
    define({
        id: "override-selector-entry-fails-in-one-cluster", description: "a selector entry whose replace fails in the first matching cluster",
        setup: () => fleet(),
        bad: (federation) => webWithOverrides(federation, [{ clusterSelector: { matchLabels: { tier: "edge" } }, clusterOverrides: [{ path: "/spec/strategy/type", value: "Recreate" }] }]),
        expect: { resource: DEPLOYMENT, cluster: "ap-1", field: "overrides[0].clusterOverrides[0]", message: /cannot replace "\/spec\/strategy\/type": \/spec has no "strategy"/ },
    }),
    define({
        id: "patch-metadata-name", description: "a typed patch that renames the object in one cluster",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "us-1", patch: { metadata: { name: "web-us" } } }]),
        expect: { resource: DEPLOYMENT, cluster: "us-1", field: "overrides[0].patch.metadata.name", message: /metadata\.name must be the same in every cluster and cannot be patched/ },
    }),
    define({
        id: "patch-kind", description: "a typed patch that changes the kind",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterSelector: { matchLabels: { tier: "edge" } }, patch: { kind: "StatefulSet" } }]),
        expect: { resource: DEPLOYMENT, field: "overrides[0].patch.kind", message: /kind must be the same in every cluster and cannot be patched/ },
    }),
    define({
        id: "patch-metadata-null", description: "a typed patch that deletes metadata",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "eu-1", patch: { metadata: null } }]),
        expect: { resource: DEPLOYMENT, cluster: "eu-1", field: "overrides[0].patch.metadata", message: /metadata cannot be removed/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// Schema violations, in one cluster after its overrides or everywhere.
// ---------------------------------------------------------------------------------------------
const schemaCases: CorpusCase[] = [
    define({
        id: "schema-replicas-five", description: "an override that makes replicas the string \"five\" in one cluster",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "us-1", clusterOverrides: [{ path: "/spec/replicas", value: "five" }] }]),
        expect: { resource: DEPLOYMENT, cluster: "us-1", field: "template.spec.replicas", message: /must be integer by the apps\/v1 Deployment schema, as planned for this cluster after replace \/spec\/replicas/ },
    }),
    define({
        id: "schema-container-without-name", description: "a typed patch that leaves a container without a name in one cluster",
        setup: () => fleet(),
        bad: (federation) => webWithOverrides(federation, [{ clusterName: "ap-1", patch: { spec: { template: { spec: { containers: [{ image: "mirror.example.com/web:1.4" }] } } } } }]),
        expect: { resource: DEPLOYMENT, cluster: "ap-1", field: "template.spec.template.spec.containers[0].name", message: /is required by the apps\/v1 Deployment schema, as planned for this cluster after patch/ },
    }),
    define({
        id: "schema-port-string", description: "a Service port given as a name, in one cluster",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedService("api", {
            federation, namespace: "shop", template: { spec: { selector: { app: "api" }, ports: [{ port: 80 }] } }, placement: EVERYWHERE,
            overrides: [{ clusterName: "eu-2", clusterOverrides: [{ path: "/spec/ports/0/port", value: "http" }] }],
        }),
        expect: { resource: 'FederatedService "api"', cluster: "eu-2", field: "template.spec.ports[0].port", message: /must be integer by the v1 Service schema/ },
    }),
    define({
        id: "schema-template-everywhere", description: "a template with minReadySeconds \"soon\" (every cluster; the first is named)",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedDeployment("web", { federation, template: { ...web(), spec: { ...web().spec, minReadySeconds: "soon" } }, placement: { clusters: ["us-1", "eu-2"] } }),
        expect: { resource: DEPLOYMENT, cluster: "eu-2", field: "template.spec.minReadySeconds", message: /must be integer by the apps\/v1 Deployment schema$/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// Kinds, identity and templates.
// ---------------------------------------------------------------------------------------------
const kindCases: CorpusCase[] = [
    define({
        id: "cluster-scoped-with-namespace", description: "a ClusterRole given a namespace",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedResource("reader", { federation, apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", namespace: "shop", template: { rules: [] }, placement: EVERYWHERE }),
        expect: { resource: 'FederatedResource "reader"', field: "namespace", message: /ClusterRole is cluster-scoped and cannot be put in namespace "shop"/ },
    }),
    define({
        id: "cluster-scoped-template-namespace", description: "a FederatedClusterRole whose template has a namespace",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedClusterRole("reader", { federation, template: { metadata: { namespace: "shop" }, rules: [] }, placement: EVERYWHERE }),
        expect: { resource: 'FederatedClusterRole "reader"', field: "template.metadata.namespace", message: /ClusterRole is cluster-scoped and has no namespace/ },
    }),
    define({
        id: "cluster-scoped-false-for-builtin", description: "clusterScoped: false for the cluster-scoped StorageClass",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedResource("fast", { federation, apiVersion: "storage.k8s.io/v1", kind: "StorageClass", clusterScoped: false, template: { provisioner: "ebs.csi.aws.com" }, placement: EVERYWHERE }),
        expect: { resource: 'FederatedResource "fast"', field: "clusterScoped", message: /StorageClass is cluster-scoped in Kubernetes; leave clusterScoped out for built-in kinds/ },
    }),
    define({
        id: "template-other-kind", description: "a FederatedDeployment whose template says StatefulSet",
        setup: () => fleet(), bad: (federation) => new fed.FederatedDeployment("web", { federation, template: { ...web(), kind: "StatefulSet" }, placement: EVERYWHERE }),
        expect: { resource: DEPLOYMENT, field: "template.kind", message: /is "StatefulSet" but this federated resource is apps\/v1 Deployment/ },
    }),
    define({
        id: "template-other-api-version", description: "a FederatedDeployment whose template says extensions/v1beta1",
        setup: () => fleet(), bad: (federation) => new fed.FederatedDeployment("web", { federation, template: { ...web(), apiVersion: "extensions/v1beta1" }, placement: EVERYWHERE }),
        expect: { resource: DEPLOYMENT, field: "template.apiVersion", message: /is "extensions\/v1beta1" but this federated resource is apps\/v1 Deployment/ },
    }),
    define({
        id: "template-generate-name", description: "a template with metadata.generateName",
        setup: () => fleet(), bad: (federation) => new fed.FederatedJob("migrate", { federation, template: { metadata: { generateName: "migrate-" }, spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "m", image: "migrate:1" }] } } } }, placement: EVERYWHERE }),
        expect: { resource: 'FederatedJob "migrate"', field: "template.metadata.generateName", message: /is not allowed: a federated resource has the same name in every cluster/ },
    }),
    define({
        id: "template-empty-name", description: "a template with an empty metadata.name",
        setup: () => fleet(), bad: (federation) => new fed.FederatedConfigMap("settings", { federation, template: { metadata: { name: "" } }, placement: EVERYWHERE }),
        expect: { resource: CONFIGMAP, field: "template.metadata.name", message: /must be a non-empty string, got string ""/ },
    }),
    define({
        id: "template-namespace-contradicts", description: "a template namespace different from the namespace argument",
        setup: () => fleet(), bad: (federation) => new fed.FederatedConfigMap("settings", { federation, namespace: "shop", template: { metadata: { namespace: "billing" } }, placement: EVERYWHERE }),
        expect: { resource: CONFIGMAP, field: "template.metadata.namespace", message: /is "billing" but the namespace argument is "shop"; give it in one place/ },
    }),
    define({
        id: "template-not-object", description: "a template given as YAML text",
        setup: () => fleet(), bad: (federation) => new fed.FederatedConfigMap("settings", { federation, template: "data: {}" as any, placement: EVERYWHERE }),
        expect: { resource: CONFIGMAP, field: "template", message: /must be an object .*got string "data: \{\}"/ },
    }),
    define({
        id: "resource-without-kind", description: "a FederatedResource without a kind",
        setup: () => fleet(), bad: (federation) => new fed.FederatedResource("thing", { federation, apiVersion: "v1", kind: "", template: {}, placement: EVERYWHERE }),
        expect: { resource: 'FederatedResource "thing"', field: "kind", message: /must be a non-empty string such as "Deployment"/ },
    }),
    define({
        id: "federation-not-a-federation", description: "a federation argument that is the member list",
        setup: () => fleet(), bad: () => new fed.FederatedConfigMap("settings", { federation: MEMBERS as any, template: {}, placement: EVERYWHERE }),
        expect: { resource: CONFIGMAP, field: "federation", message: /must be a Federation, got an array/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// Scheduling.
// ---------------------------------------------------------------------------------------------
const schedulingCases: CorpusCase[] = [
    define({
        id: "scheduling-on-configmap", description: "scheduling on a ConfigMap",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedResource("settings", { federation, apiVersion: "v1", kind: "ConfigMap", template: { data: {} }, placement: EVERYWHERE, scheduling: { totalReplicas: 3 } }),
        expect: { resource: 'FederatedResource "settings"', field: "scheduling", message: /ConfigMap has no spec\.replicas to schedule/ },
    }),
    define({
        id: "scheduling-with-replicas-override", description: "scheduling together with a /spec/replicas override",
        setup: () => fleet(),
        bad: (federation) => webWithOverrides(federation, [{ clusterName: "eu-2", clusterOverrides: [{ path: "/spec/replicas", value: 5 }] }], { scheduling: { totalReplicas: 9 } }),
        expect: { resource: DEPLOYMENT, cluster: "eu-2", field: "overrides[0].clusterOverrides[0].path", message: /"\/spec\/replicas" would set the replicas that scheduling divides/ },
    }),
    define({
        id: "scheduling-with-replicas-patch", description: "scheduling together with a typed patch of spec.replicas",
        setup: () => fleet(),
        bad: (federation) => webWithOverrides(federation, [{ clusterName: "us-1", patch: { spec: { replicas: 1 } } }], { scheduling: { totalReplicas: 9 } }),
        expect: { resource: DEPLOYMENT, cluster: "us-1", field: "overrides[0].patch.spec.replicas", message: /would set the replicas that scheduling divides/ },
    }),
    define({
        id: "scheduling-min-above-max", description: "a cluster preference with minReplicas above maxReplicas",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placement: EVERYWHERE, scheduling: { totalReplicas: 9, clusters: { "eu-1": { weight: 1, minReplicas: 5, maxReplicas: 2 }, "*": { weight: 1 } } } }),
        expect: { resource: DEPLOYMENT, cluster: "eu-1", field: 'scheduling.clusters["eu-1"].minReplicas', message: /minReplicas 5 is more than maxReplicas 2/ },
    }),
    define({
        id: "scheduling-unknown-cluster", description: "a scheduling preference for a cluster that is not a member",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placement: EVERYWHERE, scheduling: { totalReplicas: 9, clusters: { "eu-3": { weight: 2 } } } }),
        expect: { resource: DEPLOYMENT, cluster: "eu-3", field: 'scheduling.clusters["eu-3"]', message: /is not a member of the federation/ },
    }),
    define({
        id: "scheduling-static-weight-unknown-cluster", description: "an unknown cluster in Karmada static weights",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedDeployment("web", {
            federation, template: web(), placement: EVERYWHERE,
            scheduling: { totalReplicas: 9, staticWeights: [{ targetCluster: { clusterNames: ["eu-1", "mars-1"] }, weight: 2 }, { targetCluster: { labelSelector: {} }, weight: 1 }] },
        }),
        expect: { resource: DEPLOYMENT, cluster: "mars-1", field: "scheduling.staticWeights[0].targetCluster.clusterNames[1]", message: /is not a member of the federation/ },
    }),
    define({
        id: "scheduling-static-weight-bad-selector", description: "a static weight selector with values for DoesNotExist",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedDeployment("web", {
            federation, template: web(), placement: EVERYWHERE,
            scheduling: { totalReplicas: 9, staticWeights: [{ targetCluster: { labelSelector: { matchExpressions: [{ key: "tier", operator: "DoesNotExist", values: ["edge"] }] } }, weight: 1 }] },
        }),
        expect: { resource: DEPLOYMENT, field: "scheduling.staticWeights[0].targetCluster.labelSelector.matchExpressions[0].values", message: /operator DoesNotExist takes no values/ },
    }),
    define({
        id: "scheduling-total-not-number", description: "totalReplicas \"twelve\"",
        setup: () => fleet(), bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placement: EVERYWHERE, scheduling: { totalReplicas: "twelve" as any } }),
        expect: { resource: DEPLOYMENT, field: "scheduling.totalReplicas", message: /must be a whole number of replicas \(0 or more\), got string "twelve"/ },
    }),
    define({
        id: "scheduling-both-forms", description: "KubeFed clusters and Karmada staticWeights together",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placement: EVERYWHERE, scheduling: { totalReplicas: 9, clusters: { "*": { weight: 1 } }, staticWeights: [{ targetCluster: { labelSelector: {} }, weight: 1 }] } }),
        expect: { resource: DEPLOYMENT, field: "scheduling.clusters", message: /is KubeFed's form; with Karmada's \(staticWeights\) use staticWeights or dynamicWeight instead/ },
    }),
    define({
        id: "scheduling-capacity-unknown-cluster", description: "a capacity for a cluster that is not a member",
        setup: () => fleet(),
        bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placement: EVERYWHERE, scheduling: { totalReplicas: 9, capacity: { "eu-1": 4, "us-2": 4 } } }),
        expect: { resource: DEPLOYMENT, cluster: "us-2", field: 'scheduling.capacity["us-2"]', message: /is not a member of the federation/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// Karmada-style overriders.
// ---------------------------------------------------------------------------------------------
const overriderCases: CorpusCase[] = [
    define({
        id: "overrider-unknown-component", description: "an image overrider for component \"Digest\"",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "ap-1", overriders: { imageOverrider: [{ component: "Digest", operator: "replace", value: "sha256:abc" }] } }]),
        expect: { resource: DEPLOYMENT, cluster: "ap-1", field: "overrides[0].overriders.imageOverrider[0].component", message: /"Digest" is not an image component \(use Registry, Repository or Tag\)/ },
    }),
    define({
        id: "overrider-repository-remove", description: "an image overrider that removes the repository",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "ap-1", overriders: { imageOverrider: [{ component: "Repository", operator: "remove" }] } }]),
        expect: { resource: DEPLOYMENT, cluster: "ap-1", field: "overrides[0].overriders.imageOverrider[0].operator", message: /remove does not apply to Repository: an image needs a repository/ },
    }),
    define({
        id: "overrider-unknown-container", description: "an args overrider for a container the pod does not have",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "ap-1", overriders: { argsOverrider: [{ containerName: "sidecar", operator: "add", value: ["--verbose"] }] } }]),
        expect: { resource: DEPLOYMENT, cluster: "ap-1", field: "overrides[0].overriders.argsOverrider[0].containerName", message: /has no container or initContainer named "sidecar"/ },
    }),
    define({
        id: "overrider-unknown-key", description: "imageOverriders (plural) in overriders",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterName: "ap-1", overriders: { imageOverriders: [] } }]),
        expect: { resource: DEPLOYMENT, cluster: "ap-1", field: "overrides[0].overriders.imageOverriders", message: /is not an overrider .*did you mean imageOverrider\?/ },
    }),
    define({
        id: "overrider-plaintext-replace-missing", description: "a plaintext overrider replacing a field the object does not have (Karmada's strict JSON patch)",
        setup: () => fleet(), bad: (federation) => webWithOverrides(federation, [{ clusterSelector: { matchLabels: { tier: "edge" } }, overriders: { plaintext: [{ path: "/spec/paused", operator: "replace", value: true }] } }]),
        expect: { resource: DEPLOYMENT, cluster: "ap-1", field: "overrides[0].overriders.plaintext[0]", message: /cannot replace "\/spec\/paused": \/spec has no "paused".*Karmada applies this as RFC 6902 JSON patch/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// Dependencies, ownership and names across components (a valid component comes first).
// ---------------------------------------------------------------------------------------------
function webUsing(federation: fed.Federation, placement: any) {
    const template = web();
    template.spec.template.spec.containers[0].envFrom = [{ configMapRef: { name: "settings" } }];
    return new fed.FederatedDeployment("web", { federation, namespace: "shop", template, placement });
}

const crossComponentCases: CorpusCase[] = [
    define({
        id: "dependency-not-placed-where-workload-runs", description: "a workload on clusters its ConfigMap is not placed on",
        setup: () => {
            const federation = fleet();
            settings(federation, { clusters: ["eu-1", "eu-2"] });
            return federation;
        },
        bad: (federation) => webUsing(federation, { clusterSelector: { matchLabels: { tier: "prod" } } }),
        preRegistered: ["settings"],
        expect: {
            resource: DEPLOYMENT, cluster: "us-1", field: "template.spec.template.spec.containers[0].envFrom[0].configMapRef.name",
            message: /refers to ConfigMap "settings", which FederatedConfigMap "settings" places only on eu-1, eu-2; place it on us-1 too, or set dependencies: "ignore"/,
        },
    }),
    define({
        id: "dependency-declared-after-workload", description: "a ConfigMap declared after its workload, on fewer clusters",
        setup: () => {
            const federation = fleet();
            webUsing(federation, { clusters: ["eu-1", "ap-1"] });
            return federation;
        },
        bad: (federation) => settings(federation, { clusters: ["eu-1"] }),
        preRegistered: ["web"],
        expect: { resource: CONFIGMAP, cluster: "ap-1", field: "placement", message: /FederatedDeployment "web" refers to this ConfigMap \(template\.spec\.template\.spec\.containers\[0\]\.envFrom\[0\]\.configMapRef\.name\) and runs on ap-1; place it there too/ },
    }),
    define({
        id: "two-owners-one-object", description: "two components owning one ConfigMap in one cluster",
        setup: () => {
            const federation = fleet();
            settings(federation, { clusters: ["eu-1", "us-1"] });
            return federation;
        },
        bad: (federation) => new fed.FederatedResource("settings-copy", { federation, apiVersion: "v1", kind: "ConfigMap", namespace: "shop", template: { metadata: { name: "settings" } }, placement: { clusters: ["us-1", "ap-1"] } }),
        preRegistered: ["settings"],
        expect: { resource: 'FederatedResource "settings-copy"', cluster: "us-1", field: "template.metadata.name", message: /FederatedConfigMap "settings" already places ConfigMap shop\/settings on us-1; one object in a cluster can have only one owner/ },
    }),
    define({
        id: "pulumi-name-collision", description: "api on member eu-west and api-eu on member west: one Pulumi name",
        setup: () => {
            const federation = fleet({}, [{ name: "eu-west" }, { name: "west" }]);
            new fed.FederatedConfigMap("api", { federation, template: {}, placement: { clusters: ["eu-west"] } });
            return federation;
        },
        bad: (federation) => new fed.FederatedConfigMap("api-eu", { federation, template: { metadata: { name: "api-settings" } }, placement: { clusters: ["west"] } }),
        preRegistered: ["api"],
        expect: { resource: 'FederatedConfigMap "api-eu"', cluster: "west", field: "name", message: /the per-cluster resource name "api-eu-west" \(ConfigMap on west\) is already FederatedConfigMap "api"'s; Pulumi needs unique names/ },
    }),
    define({
        id: "component-name-reused", description: "two components of one type with one name",
        setup: () => {
            const federation = fleet();
            settings(federation, { clusters: ["eu-1"] });
            return federation;
        },
        bad: (federation) => new fed.FederatedConfigMap("settings", { federation, namespace: "billing", template: {}, placement: { clusters: ["us-1"] } }),
        preRegistered: ["settings"],
        expect: { resource: CONFIGMAP, field: "name", message: /the name "settings" is declared twice: component names must be unique per kind/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// Namespaces.
// ---------------------------------------------------------------------------------------------
const namespaceCases: CorpusCase[] = [
    define({
        id: "namespace-not-dns-label", description: "a namespace name with capitals and an underscore",
        setup: () => fleet(), bad: (federation) => new fed.FederatedConfigMap("settings", { federation, namespace: "Shop_1", template: {}, placement: EVERYWHERE }),
        expect: { resource: CONFIGMAP, field: "namespace", message: /namespace name "Shop_1" is not a DNS-1123 label/ },
    }),
    define({
        id: "namespace-of-another-federation", description: "a FederatedNamespace of another federation",
        setup: () => {
            const federation = fleet();
            const other = new fed.Federation("other", { clusters: [{ name: "eu-1" }] });
            const shop = new fed.FederatedNamespace("shop", { federation: other, placement: EVERYWHERE });
            return { federation, shop };
        },
        bad: ({ federation, shop }) => new fed.FederatedConfigMap("settings", { federation, namespace: shop, template: {}, placement: EVERYWHERE }),
        preRegistered: ["other", "other-eu-1", "shop"],
        expect: { resource: CONFIGMAP, field: "namespace", message: /FederatedNamespace "shop" belongs to another federation/ },
    }),
    define({
        id: "federated-namespace-bad-name", description: "a FederatedNamespace whose name is not a DNS label",
        setup: () => fleet(), bad: (federation) => new fed.FederatedNamespace("Shop", { federation, placement: EVERYWHERE }),
        expect: { resource: 'FederatedNamespace "Shop"', field: "name", message: /namespace name "Shop" is not a DNS-1123 label/ },
    }),
    define({
        id: "federated-namespace-bad-template-name", description: "a FederatedNamespace whose template name is too long",
        setup: () => fleet(), bad: (federation) => new fed.FederatedNamespace("shop", { federation, template: { metadata: { name: "s".repeat(70) } }, placement: EVERYWHERE }),
        expect: { resource: 'FederatedNamespace "shop"', field: "template.metadata.name", message: /namespace name "s+" is longer than 63 characters/ },
    }),
    define({
        id: "namespace-not-a-namespace", description: "a FederatedConfigMap passed as the namespace",
        setup: () => {
            const federation = fleet();
            return { federation, cm: settings(federation, { clusters: ["eu-1"] }) };
        },
        bad: ({ federation, cm }) => new fed.FederatedDeployment("web", { federation, namespace: cm as any, template: web(), placement: EVERYWHERE }),
        preRegistered: ["settings"],
        expect: { resource: DEPLOYMENT, field: "namespace", message: /must be a namespace name or a FederatedNamespace/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// Cross-cluster discovery (a valid Service or Ingress comes first).
// ---------------------------------------------------------------------------------------------
export function lbService(federation: fed.Federation, type = "LoadBalancer") {
    return new fed.FederatedService("web", { federation, namespace: "shop", template: { spec: { type, selector: { app: "web" }, ports: [{ port: 80 }] } }, placement: { clusters: ["eu-1", "us-1"] } });
}
export const SERVICE_REGISTERED = ["web"];
const DNS = 'ServiceDNSRecord "web"';

const dnsCases: CorpusCase[] = [
    define({
        id: "dns-clusterip-without-address-source", description: "a ServiceDNSRecord for a ClusterIP service without addressSource",
        setup: () => lbService(fleet(), "ClusterIP"), bad: (service) => new fed.ServiceDNSRecord("web", { service, domain: "example.com" }),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: DNS, cluster: "eu-1", field: "addressSource", message: /web is of type ClusterIP there, which has no load balancer address/ },
    }),
    define({
        id: "dns-type-overridden-in-one-cluster", description: "a LoadBalancer service overridden to NodePort in one cluster",
        setup: () => new fed.FederatedService("web", {
            federation: fleet(), namespace: "shop", template: { spec: { type: "LoadBalancer", selector: { app: "web" }, ports: [{ port: 80 }] } }, placement: { clusters: ["eu-1", "us-1"] },
            overrides: [{ clusterName: "us-1", clusterOverrides: [{ path: "/spec/type", value: "NodePort" }] }],
        }),
        bad: (service) => new fed.ServiceDNSRecord("web", { service, domain: "example.com" }),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: DNS, cluster: "us-1", field: "addressSource", message: /web is of type NodePort there/ },
    }),
    define({
        id: "dns-bad-domain", description: "a domain that is not a DNS name",
        setup: () => lbService(fleet()), bad: (service) => new fed.ServiceDNSRecord("web", { service, domain: "Example_Zone" }),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: DNS, field: "domain", message: /"Example_Zone" is not a DNS domain such as example\.com/ },
    }),
    define({
        id: "dns-bad-prefix", description: "a prefix with a dot",
        setup: () => lbService(fleet()), bad: (service) => new fed.ServiceDNSRecord("web", { service, domain: "example.com", prefix: "shop.eu" }),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: DNS, field: "prefix", message: /DNS prefix "shop\.eu" is not a DNS-1123 label/ },
    }),
    define({
        id: "dns-endpoint-without-host", description: "a DNSEndpoint when the federation has no host cluster",
        setup: () => lbService(fleet({}, MEMBERS.map(({ host, ...member }) => member))),
        bad: (service) => new fed.ServiceDNSRecord("web", { service, domain: "example.com", dnsEndpoint: true }),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: DNS, field: "dnsEndpoint", message: /a DNSEndpoint goes to the host cluster, and the federation has none/ },
    }),
    define({
        id: "dns-endpoint-host-unavailable", description: "a DNSEndpoint when the host cluster is unavailable",
        setup: () => lbService(fleet({}, MEMBERS.map((member) => (member.host ? { ...member, unavailable: true } : member))), "LoadBalancer"),
        bad: (service) => new fed.ServiceDNSRecord("web", { service, domain: "example.com", dnsEndpoint: true }),
        preRegistered: ["web"],
        expect: { resource: DNS, cluster: "eu-1", field: "dnsEndpoint", message: /the host cluster is (marked )?unavailable; the DNSEndpoint cannot be written there/ },
    }),
    define({
        id: "dns-target-not-service", description: "a ServiceDNSRecord for a ConfigMap",
        setup: () => settings(fleet(), { clusters: ["eu-1"] }), bad: (service) => new fed.ServiceDNSRecord("web", { service, domain: "example.com" }),
        preRegistered: ["settings"],
        expect: { resource: DNS, field: "service", message: /must be a federated Service, got one of kind ConfigMap/ },
    }),
    define({
        id: "dns-bad-address-source", description: "addressSource \"nodePorts\"",
        setup: () => lbService(fleet()), bad: (service) => new fed.ServiceDNSRecord("web", { service, domain: "example.com", addressSource: "nodePorts" as any }),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: DNS, field: "addressSource", message: /must be "loadBalancer" or "externalIPs", got string "nodePorts"/ },
    }),
    define({
        id: "ingress-dns-bad-host", description: "an IngressDNSRecord host that is not a DNS name",
        setup: () => new fed.FederatedIngress("shop", { federation: fleet(), namespace: "shop", template: { spec: { rules: [{ host: "shop.example.com" }] } }, placement: { clusters: ["eu-1"] } }),
        bad: (ingress) => new fed.IngressDNSRecord("shop", { ingress, hosts: ["shop.example.com", "Shop_Example"] }),
        preRegistered: ["shop"],
        expect: { resource: 'IngressDNSRecord "shop"', field: "hosts[1]", message: /"Shop_Example" is not a DNS name/ },
    }),
    define({
        id: "ingress-dns-host-not-string", description: "an IngressDNSRecord host that is a number",
        setup: () => new fed.FederatedIngress("shop", { federation: fleet(), namespace: "shop", template: { spec: { rules: [{ host: "shop.example.com" }] } }, placement: { clusters: ["eu-1"] } }),
        bad: (ingress) => new fed.IngressDNSRecord("shop", { ingress, hosts: [443 as any] }),
        preRegistered: ["shop"],
        expect: { resource: 'IngressDNSRecord "shop"', field: "hosts[0]", message: /443 is not a DNS name/ },
    }),
];

// ---------------------------------------------------------------------------------------------
// Library bugs found by the corpus: the expected error is what the library should raise; each is
// pending until fixed (see the skip reason for what happens instead).
// ---------------------------------------------------------------------------------------------
const MANIFEST_MEMBERS: fed.MemberClusterArgs[] = [
    { name: "cluster1", labels: { region: "eu" }, host: true },
    { name: "cluster2", labels: { region: "us" } },
];
const POLICY_YAML = `apiVersion: types.kubefed.io/v1beta1
kind: FederatedNamespace
metadata: { name: shop, namespace: shop }
spec: { placement: { clusters: [{ name: cluster1 }] } }
---
apiVersion: types.kubefed.io/v1beta1
kind: FederatedConfigMap
metadata: { name: settings, namespace: shop }
spec:
  template: { data: { mode: fast } }
  placement: { clusterSelector: {} }
---
apiVersion: types.kubefed.io/v1beta1
kind: FederatedClusterRole
metadata: { name: reader }
spec:
  template: { rules: [] }
  placement: { clusterSelector: {} }
`;

const bugCases: CorpusCase[] = [
    define({
        id: "manifests-policy-breach", description: "KubeFed manifests on a federation whose policy the third document breaks",
        setup: () => fleet({ policies: [{ name: "eu-only", allowedClusters: { matchLabels: { region: "eu" } } }] }, MANIFEST_MEMBERS),
        bad: (federation) => new fed.FederatedManifests("m", { federation, yaml: POLICY_YAML }),
        expect: { resource: /yaml document 2 \(FederatedClusterRole reader\)$/, cluster: "cluster2", field: "spec.placement", message: /policy "eu-only" allows only members matching region=eu, and cluster2 has region=us/ },
    }),
    define({
        id: "manifests-without-federation", description: "FederatedManifests without a federation",
        setup: none, bad: () => new fed.FederatedManifests("m", { federation: undefined as any, yaml: POLICY_YAML }),
        expect: { resource: 'FederatedManifests "m"', field: "federation", message: /must be a Federation, got nothing/ },
    }),
    define({
        id: "dns-health-from-not-component", description: "a ServiceDNSRecord whose healthFrom is a name, not a federated workload",
        setup: () => lbService(fleet()), bad: (service) => new fed.ServiceDNSRecord("web", { service, domain: "example.com", healthFrom: "web" as any }),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: DNS, field: "healthFrom", message: /must be a federated/ },
    }),
    define({
        id: "dns-endpoint-namespace-invalid", description: "a dnsEndpointNamespace that is not a namespace name",
        setup: () => lbService(fleet()), bad: (service) => new fed.ServiceDNSRecord("web", { service, domain: "example.com", dnsEndpoint: true, dnsEndpointNamespace: "Not Valid" }),
        preRegistered: SERVICE_REGISTERED,
        expect: { resource: DNS, field: "dnsEndpointNamespace", message: /not a DNS-1123 label/ },
    }),
    define({
        id: "orphan-not-boolean", description: "orphan: \"yes\" on a component",
        setup: () => fleet(), bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placement: EVERYWHERE, orphan: "yes" as any }),
        expect: { resource: DEPLOYMENT, field: "orphan", message: /must be true or false/ },
    }),
    define({
        id: "dependencies-bad-value", description: "dependencies: \"skip\" (neither check nor ignore)",
        setup: () => fleet(), bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placement: EVERYWHERE, dependencies: "skip" as any }),
        expect: { resource: DEPLOYMENT, field: "dependencies", message: /must be "check" or "ignore"/ },
    }),
    define({
        id: "member-orphan-not-boolean", description: "orphan: \"true\" (a string) on a member",
        setup: none, bad: () => fleet({}, [{ name: "eu-1", orphan: "true" as any }]),
        expect: { resource: FEDERATION, cluster: "eu-1", field: "clusters[0].orphan", message: /must be true or false/ },
    }),
    define({
        id: "member-unknown-field", description: "lables (a typo) on a member",
        setup: none, bad: () => fleet({}, [{ name: "eu-1", lables: { region: "eu-west" } } as any]),
        expect: { resource: FEDERATION, cluster: "eu-1", field: "clusters[0].lables", message: /is not a member field/ },
    }),
    define({
        id: "component-unknown-argument", description: "placements (a typo) on a component",
        setup: () => fleet(), bad: (federation) => new fed.FederatedDeployment("web", { federation, template: web(), placements: EVERYWHERE } as any),
        expect: { resource: DEPLOYMENT, field: "placements", message: /is not an argument/ },
    }),
];

export const programCases: CorpusCase[] = [
    ...memberCases,
    ...policyCases,
    ...placementCases,
    ...spreadCases,
    ...overrideCases,
    ...schemaCases,
    ...kindCases,
    ...schedulingCases,
    ...overriderCases,
    ...crossComponentCases,
    ...namespaceCases,
    ...dnsCases,
    ...bugCases,
];

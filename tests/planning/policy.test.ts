/**
 * Placement policy (components/planning/policy.ts): which objects a rule governs, the first rule a
 * placement breaks (allowedClusters, then maxClusters, then minClusters, which an object placed
 * nowhere is not held to and whose error names the unavailable/draining clusters left out), how
 * selectors are described, and the validation of the rule list.
 */
import { strict as assert } from "assert";
import { FederationErrorLocation } from "../../components/errors";
import { Member } from "../../components/planning/members";
import { PlacementPolicy, PolicySubject, checkPolicies, describeSelector, policyApplies, validatePolicies } from "../../components/planning/policy";
import { LabelSelector } from "../../components/planning/selector";
import { assertFederationError, deepFreeze, ExpectedError } from "./helpers";

const deployment: PolicySubject = deepFreeze({ kind: "Deployment", namespace: "payments", labels: { tier: "critical", app: "ledger" } });
const clusterRole: PolicySubject = deepFreeze({ kind: "ClusterRole" });

describe("planning/policy: policyApplies", () => {
    const cases: { name: string; policy: Omit<PlacementPolicy, "name">; subject: PolicySubject; expected: boolean }[] = [
        { name: "no match: every object", policy: { maxClusters: 1 }, subject: deployment, expected: true },
        { name: "no match: cluster-scoped objects too", policy: { maxClusters: 1 }, subject: clusterRole, expected: true },
        { name: "an empty match: every object", policy: { match: {}, maxClusters: 1 }, subject: clusterRole, expected: true },
        { name: "namespace listed", policy: { match: { namespaces: ["shop", "payments"] }, maxClusters: 1 }, subject: deployment, expected: true },
        { name: "namespace not listed", policy: { match: { namespaces: ["shop"] }, maxClusters: 1 }, subject: deployment, expected: false },
        { name: "namespaces never match a cluster-scoped object", policy: { match: { namespaces: ["payments"] }, maxClusters: 1 }, subject: clusterRole, expected: false },
        { name: "an empty namespace list matches nothing", policy: { match: { namespaces: [] }, maxClusters: 1 }, subject: deployment, expected: false },
        { name: "kind listed", policy: { match: { kinds: ["Secret", "Deployment"] }, maxClusters: 1 }, subject: deployment, expected: true },
        { name: "kind not listed", policy: { match: { kinds: ["Secret"] }, maxClusters: 1 }, subject: deployment, expected: false },
        { name: "kinds are case-sensitive", policy: { match: { kinds: ["deployment"] }, maxClusters: 1 }, subject: deployment, expected: false },
        { name: "kinds match cluster-scoped objects", policy: { match: { kinds: ["ClusterRole"] }, maxClusters: 1 }, subject: clusterRole, expected: true },
        { name: "labels by matchLabels", policy: { match: { labels: { matchLabels: { tier: "critical" } } }, maxClusters: 1 }, subject: deployment, expected: true },
        { name: "labels by matchLabels, other value", policy: { match: { labels: { matchLabels: { tier: "batch" } } }, maxClusters: 1 }, subject: deployment, expected: false },
        {
            name: "labels by expression",
            policy: { match: { labels: { matchExpressions: [{ key: "app", operator: "In", values: ["ledger", "audit"] }] } }, maxClusters: 1 },
            subject: deployment, expected: true,
        },
        {
            name: "an object without labels and a DoesNotExist selector",
            policy: { match: { labels: { matchExpressions: [{ key: "tier", operator: "DoesNotExist" }] } }, maxClusters: 1 },
            subject: clusterRole, expected: true,
        },
        { name: "an object without labels and a matchLabels selector", policy: { match: { labels: { matchLabels: { tier: "critical" } } }, maxClusters: 1 }, subject: clusterRole, expected: false },
        { name: "labels: {} matches every object", policy: { match: { labels: {} }, maxClusters: 1 }, subject: clusterRole, expected: true },
        {
            name: "all parts hold",
            policy: { match: { namespaces: ["payments"], kinds: ["Deployment"], labels: { matchLabels: { app: "ledger" } } }, maxClusters: 1 },
            subject: deployment, expected: true,
        },
        {
            name: "namespace and labels hold, kind does not",
            policy: { match: { namespaces: ["payments"], kinds: ["StatefulSet"], labels: { matchLabels: { app: "ledger" } } }, maxClusters: 1 },
            subject: deployment, expected: false,
        },
        {
            name: "namespace and kind hold, labels do not",
            policy: { match: { namespaces: ["payments"], kinds: ["Deployment"], labels: { matchLabels: { app: "web" } } }, maxClusters: 1 },
            subject: deployment, expected: false,
        },
        {
            name: "kind and labels hold, namespace does not",
            policy: { match: { namespaces: ["shop"], kinds: ["Deployment"], labels: { matchLabels: { app: "ledger" } } }, maxClusters: 1 },
            subject: deployment, expected: false,
        },
    ];
    for (const c of cases) {
        it(c.name, () => assert.equal(policyApplies(deepFreeze({ name: "rule", ...c.policy }), c.subject), c.expected));
    }
});

describe("planning/policy: checkPolicies", () => {
    const members: Member[] = deepFreeze<Member[]>([
        { name: "eu-1", labels: { region: "eu-west", tier: "prod" } },
        { name: "eu-2", labels: { region: "eu-central" } },
        { name: "us-1", labels: { region: "us-east", tier: "prod" } },
        { name: "lab" },
    ]);
    const IN_EU: PlacementPolicy = {
        name: "payments-stay-in-eu",
        match: { namespaces: ["payments"] },
        allowedClusters: { matchExpressions: [{ key: "region", operator: "In", values: ["eu-west", "eu-central"] }] },
    };
    const SMALL: PlacementPolicy = { name: "small-blast-radius", match: { kinds: ["Deployment"] }, maxClusters: 2 };
    const REDUNDANT: PlacementPolicy = { name: "critical-is-redundant", match: { labels: { matchLabels: { tier: "critical" } } }, minClusters: 2 };
    const configMap: PolicySubject = { kind: "ConfigMap", namespace: "payments" };
    const R = 'FederatedConfigMap "ledger"';

    const cases: {
        name: string;
        policies: PlacementPolicy[];
        subject: PolicySubject;
        clusters: string[];
        location?: FederationErrorLocation;
        /** Clusters left out as unavailable or draining (named in minClusters errors only). */
        skipped?: string[];
        error?: ExpectedError;
    }[] = [
        { name: "no rules", policies: [], subject: deployment, clusters: ["eu-1", "eu-2", "us-1", "lab"] },
        { name: "allowed clusters only", policies: [IN_EU], subject: configMap, clusters: ["eu-1", "eu-2"] },
        {
            name: "a disallowed cluster: the error names the rule, the cluster and its labels",
            policies: [IN_EU], subject: configMap, clusters: ["eu-1", "us-1"], location: { resource: R },
            error: {
                resource: R, cluster: "us-1", field: "placement",
                message: 'policy "payments-stay-in-eu" allows only members matching region In (eu-west, eu-central), and us-1 has region=us-east, tier=prod',
            },
        },
        {
            name: "the first disallowed cluster in placement order is named; a member without labels",
            policies: [IN_EU], subject: configMap, clusters: ["lab", "us-1"],
            error: { cluster: "lab", field: "placement", message: 'policy "payments-stay-in-eu" allows only members matching region In (eu-west, eu-central), and lab has no labels' },
        },
        {
            name: "a cluster that is not a member has no labels",
            policies: [IN_EU], subject: configMap, clusters: ["eu-1", "ghost"],
            error: { cluster: "ghost", field: "placement", message: "and ghost has no labels" },
        },
        { name: "a rule that does not apply is not checked", policies: [IN_EU], subject: { kind: "ConfigMap", namespace: "shop" }, clusters: ["us-1", "lab"] },
        { name: "an object placed nowhere passes allowedClusters", policies: [IN_EU], subject: configMap, clusters: [] },
        {
            name: "maxClusters exceeded: no cluster named, the placement listed",
            policies: [SMALL], subject: deployment, clusters: ["eu-1", "eu-2", "us-1"], location: { resource: 'FederatedDeployment "ledger"' },
            error: { resource: 'FederatedDeployment "ledger"', field: "placement", message: 'policy "small-blast-radius" allows at most 2 clusters, and this is placed on 3 (eu-1, eu-2, us-1)' },
        },
        { name: "maxClusters reached exactly", policies: [SMALL], subject: deployment, clusters: ["eu-1", "us-1"] },
        {
            name: "maxClusters 1 is singular",
            policies: [{ name: "one", maxClusters: 1 }], subject: clusterRole, clusters: ["eu-1", "lab"],
            error: { field: "placement", message: 'policy "one" allows at most 1 cluster, and this is placed on 2 (eu-1, lab)' },
        },
        { name: "maxClusters 0 and placed nowhere", policies: [{ name: "nowhere", maxClusters: 0 }], subject: clusterRole, clusters: [] },
        {
            name: "maxClusters 0 and placed once",
            policies: [{ name: "nowhere", maxClusters: 0 }], subject: clusterRole, clusters: ["lab"],
            error: { field: "placement", message: 'policy "nowhere" allows at most 0 clusters, and this is placed on 1 (lab)' },
        },
        {
            name: "minClusters not reached",
            policies: [REDUNDANT], subject: deployment, clusters: ["eu-2"],
            error: { field: "placement", message: /: policy "critical-is-redundant" needs at least 2 clusters, and this is placed on 1 \(eu-2\)$/ },
        },
        {
            name: "minClusters not reached with one cluster skipped: it is named",
            policies: [REDUNDANT], subject: deployment, clusters: ["eu-2"], skipped: ["eu-1"],
            error: { field: "placement", message: /: policy "critical-is-redundant" needs at least 2 clusters, and this is placed on 1 \(eu-2\); eu-1 is unavailable or draining$/ },
        },
        {
            name: "minClusters not reached with two clusters skipped",
            policies: [REDUNDANT], subject: deployment, clusters: ["lab"], skipped: ["eu-1", "us-1"],
            error: { field: "placement", message: /: policy "critical-is-redundant" needs at least 2 clusters, and this is placed on 1 \(lab\); eu-1, us-1 are unavailable or draining$/ },
        },
        { name: "skipped clusters do not make minClusters apply to an object placed nowhere", policies: [REDUNDANT], subject: deployment, clusters: [], skipped: ["eu-1", "us-1"] },
        {
            name: "skipped clusters are not named in maxClusters errors",
            policies: [SMALL], subject: deployment, clusters: ["eu-1", "eu-2", "lab"], skipped: ["us-1"],
            error: { field: "placement", message: /: policy "small-blast-radius" allows at most 2 clusters, and this is placed on 3 \(eu-1, eu-2, lab\)$/ },
        },
        {
            name: "skipped clusters are not named in allowedClusters errors",
            policies: [IN_EU], subject: configMap, clusters: ["us-1"], skipped: ["eu-1"],
            error: { cluster: "us-1", field: "placement", message: /and us-1 has region=us-east, tier=prod$/ },
        },
        { name: "minClusters does not apply to an object placed nowhere", policies: [REDUNDANT], subject: deployment, clusters: [] },
        { name: "minClusters reached", policies: [REDUNDANT], subject: deployment, clusters: ["eu-2", "lab"] },
        { name: "minClusters of a rule that does not apply", policies: [REDUNDANT], subject: { kind: "Deployment", labels: { tier: "batch" } }, clusters: ["eu-1"] },
        {
            name: "the first breaking rule wins (maxClusters listed first)",
            policies: [SMALL, IN_EU], subject: deployment, clusters: ["eu-1", "eu-2", "us-1"],
            error: { field: "placement", message: 'policy "small-blast-radius" allows at most 2 clusters' },
        },
        {
            name: "the first breaking rule wins (allowedClusters listed first)",
            policies: [IN_EU, SMALL], subject: deployment, clusters: ["eu-1", "eu-2", "us-1"],
            error: { cluster: "us-1", field: "placement", message: 'policy "payments-stay-in-eu" allows only members' },
        },
        {
            name: "a rule that holds does not stop a later one",
            policies: [IN_EU, REDUNDANT], subject: deployment, clusters: ["eu-1"],
            error: { field: "placement", message: 'policy "critical-is-redundant" needs at least 2 clusters, and this is placed on 1 (eu-1)' },
        },
        {
            name: "within one rule, allowedClusters is checked before maxClusters",
            policies: [{ name: "both", allowedClusters: { matchLabels: { tier: "prod" } }, maxClusters: 1 }], subject: deployment, clusters: ["eu-1", "eu-2"],
            error: { cluster: "eu-2", field: "placement", message: 'policy "both" allows only members matching tier=prod, and eu-2 has region=eu-central' },
        },
        {
            name: "within one rule, maxClusters is checked before minClusters",
            policies: [{ name: "odd", maxClusters: 1, minClusters: 3 }], subject: deployment, clusters: ["eu-1", "eu-2"],
            error: { field: "placement", message: 'policy "odd" allows at most 1 cluster, and this is placed on 2 (eu-1, eu-2)' },
        },
        {
            name: "a field in the location replaces placement",
            policies: [SMALL], subject: deployment, clusters: ["eu-1", "eu-2", "lab"], location: { resource: "R", field: "spec.placement" },
            error: { resource: "R", field: "spec.placement", message: "allows at most 2 clusters" },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const run = () => checkPolicies(deepFreeze(c.policies), c.subject, deepFreeze([...c.clusters]), members, c.location, c.skipped && deepFreeze([...c.skipped]));
            if (c.error) assertFederationError(run, c.error);
            else assert.equal(run(), undefined);
        });
    }
});

describe("planning/policy: describeSelector", () => {
    const cases: { selector: LabelSelector; expected: string }[] = [
        { selector: {}, expected: "anything" },
        { selector: { matchLabels: {}, matchExpressions: [] }, expected: "anything" },
        { selector: { matchLabels: { region: "eu", tier: "prod" } }, expected: "region=eu, tier=prod" },
        { selector: { matchExpressions: [{ key: "region", operator: "In", values: ["eu", "us"] }] }, expected: "region In (eu, us)" },
        { selector: { matchExpressions: [{ key: "tier", operator: "NotIn", values: ["edge"] }] }, expected: "tier NotIn (edge)" },
        { selector: { matchExpressions: [{ key: "gpu", operator: "Exists" }] }, expected: "gpu Exists" },
        { selector: { matchExpressions: [{ key: "spot", operator: "DoesNotExist", values: [] }] }, expected: "spot DoesNotExist" },
        {
            selector: { matchExpressions: [{ key: "gpu", operator: "Exists" }, { key: "zone", operator: "In", values: ["a"] }], matchLabels: { cloud: "aws" } },
            expected: "cloud=aws, gpu Exists, zone In (a)",
        },
    ];
    for (const c of cases) it(`${JSON.stringify(c.selector)} -> ${c.expected}`, () => assert.equal(describeSelector(c.selector), c.expected));
});

describe("planning/policy: validatePolicies", () => {
    const OWNER = 'Federation "fleet"';
    it("accepts an empty list and complete rules", () => {
        validatePolicies([], OWNER);
        validatePolicies(
            deepFreeze([
                {
                    name: "eu",
                    match: { namespaces: ["payments"], kinds: ["Deployment"], labels: { matchLabels: { tier: "critical" } } },
                    allowedClusters: { matchExpressions: [{ key: "region", operator: "In", values: ["eu"] }] },
                    maxClusters: 3,
                    minClusters: 0,
                },
                { name: "none", maxClusters: 0 },
                { name: "min", minClusters: 2, match: {} },
            ]),
            OWNER,
        );
    });

    const cases: { name: string; policies: unknown; error: Omit<ExpectedError, "resource"> }[] = [
        { name: "not a list", policies: { name: "eu" }, error: { field: "policies", message: "must be a list of placement rules, got an object" } },
        { name: "a null rule", policies: [null], error: { field: "policies[0]", message: "must be a rule { name, match?, allowedClusters?, maxClusters?, minClusters? }, got null" } },
        { name: "a rule that is a string", policies: [{ name: "a", maxClusters: 1 }, "b"], error: { field: "policies[1]", message: 'got string "b"' } },
        {
            name: "an unknown rule key",
            policies: [{ name: "a", maxClusters: 1, matchLabels: {} }],
            error: { field: "policies[0].matchLabels", message: "is not a rule field (expected name, match, allowedClusters, maxClusters, minClusters)" },
        },
        { name: "no name", policies: [{ maxClusters: 1 }], error: { field: "policies[0].name", message: "every rule needs a name (errors name the rule)" } },
        { name: "an empty name", policies: [{ name: "", maxClusters: 1 }], error: { field: "policies[0].name", message: "every rule needs a name" } },
        { name: "a name that is not a string", policies: [{ name: 7, maxClusters: 1 }], error: { field: "policies[0].name", message: "every rule needs a name" } },
        {
            name: "a duplicate name is reported on the later rule",
            policies: [{ name: "a", maxClusters: 1 }, { name: "b", maxClusters: 1 }, { name: "a", minClusters: 1 }],
            error: { field: "policies[2].name", message: 'another rule is also called "a"' },
        },
        {
            name: "a rule that restricts nothing",
            policies: [{ name: "a", match: { kinds: ["Secret"] } }],
            error: { field: "policies[0]", message: 'rule "a" restricts nothing: give allowedClusters, maxClusters or minClusters' },
        },
        { name: "maxClusters negative", policies: [{ name: "a", maxClusters: -1 }], error: { field: "policies[0].maxClusters", message: "must be a whole number, got number -1" } },
        { name: "maxClusters a fraction", policies: [{ name: "a", maxClusters: 1.5 }], error: { field: "policies[0].maxClusters", message: "must be a whole number, got number 1.5" } },
        { name: "maxClusters null", policies: [{ name: "a", maxClusters: null }], error: { field: "policies[0].maxClusters", message: "must be a whole number, got null" } },
        { name: "minClusters a string", policies: [{ name: "a", minClusters: "2" }], error: { field: "policies[0].minClusters", message: 'must be a whole number, got string "2"' } },
        {
            name: "allowedClusters that is not an object",
            policies: [{ name: "a", allowedClusters: "eu" }],
            error: { field: "policies[0].allowedClusters", message: 'a label selector must be an object, got string "eu"' },
        },
        {
            name: "allowedClusters with an unknown key",
            policies: [{ name: "a", allowedClusters: { region: "eu" } }],
            error: { field: "policies[0].allowedClusters.region", message: "is not a label selector field" },
        },
        {
            name: "allowedClusters with a bad operator",
            policies: [{ name: "a", allowedClusters: { matchExpressions: [{ key: "region", operator: "Equals", values: ["eu"] }] } }],
            error: { field: "policies[0].allowedClusters.matchExpressions[0].operator", message: '"Equals" is not a selector operator' },
        },
        {
            name: "a match that is not an object",
            policies: [{ name: "a", maxClusters: 1, match: ["payments"] }],
            error: { field: "policies[0].match", message: "must be { namespaces?, kinds?, labels? }, got an array" },
        },
        {
            name: "an unknown match key",
            policies: [{ name: "a", maxClusters: 1, match: { namespace: "payments" } }],
            error: { field: "policies[0].match.namespace", message: "is not a match field (expected namespaces, kinds, labels)" },
        },
        {
            name: "match.namespaces that is a string",
            policies: [{ name: "a", maxClusters: 1, match: { namespaces: "payments" } }],
            error: { field: "policies[0].match.namespaces", message: 'must be a list of names, got string "payments"' },
        },
        {
            name: "match.kinds with a number",
            policies: [{ name: "a", maxClusters: 1, match: { kinds: ["Deployment", 3] } }],
            error: { field: "policies[0].match.kinds", message: "must be a list of names, got an array" },
        },
        {
            name: "match.labels with a non-string value",
            policies: [{ name: "a", maxClusters: 1, match: { labels: { matchLabels: { tier: 1 } } } }],
            error: { field: 'policies[0].match.labels.matchLabels["tier"]', message: "label values are strings, got number 1" },
        },
        {
            name: "the bad rule's index",
            policies: [{ name: "a", maxClusters: 1 }, { name: "b", minClusters: -3 }],
            error: { field: "policies[1].minClusters", message: "got number -3" },
        },
    ];
    for (const c of cases) {
        it(`rejects ${c.name}`, () => assertFederationError(() => validatePolicies(deepFreeze(c.policies), OWNER), { resource: OWNER, ...c.error }));
    }

    // Was a bug: validatePolicies accepts minClusters above maxClusters, a rule that every placed object
    // breaks (spread constraints and replica preferences both reject min > max). Input:
    // validatePolicies([{ name: "odd", maxClusters: 1, minClusters: 3 }], 'Federation "fleet"') returns.
    it("rejects minClusters above maxClusters", () => {
        assertFederationError(() => validatePolicies([{ name: "odd", maxClusters: 1, minClusters: 3 }], OWNER), {
            resource: OWNER,
            field: "policies[0].minClusters",
            message: ["3", "1"],
        });
    });
});

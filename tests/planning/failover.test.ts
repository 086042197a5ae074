/**
 * Failover groups (components/planning/placement.ts, resolvePlacement): groups in order of
 * preference, the first one that yields an available cluster (within the namespace's clusters,
 * meeting its spread constraints or the top-level ones) wins; none usable is an error on
 * placement.failover listing each group's reason. Plus failover's validation.
 */
import { strict as assert } from "assert";
import { Member } from "../../components/planning/members";
import { Placement, PlacementOptions, PlacementResult, computePlacement, resolvePlacement } from "../../components/planning/placement";
import { assertFederationError, deepFreeze, ExpectedError } from "./helpers";

const members: Member[] = deepFreeze<Member[]>([
    { name: "us-1", labels: { region: "us-east", tier: "prod" } },
    { name: "us-2", labels: { region: "us-east" }, draining: true },
    { name: "eu-1", labels: { region: "eu-west", tier: "prod" }, unavailable: true },
    { name: "eu-2", labels: { region: "eu-west" } },
    { name: "ap-1", labels: { region: "ap-south", tier: "prod" } },
    { name: "ap-2", labels: { region: "ap-south" } },
]);
const MEMBER_LIST = "us-1, us-2, eu-1, eu-2, ap-1, ap-2";
const EU_WEST = { matchLabels: { region: "eu-west" } };
const AP_SOUTH = { matchLabels: { region: "ap-south" } };

describe("planning/placement: resolvePlacement without failover", () => {
    const cases: { name: string; placement: Placement | undefined; options?: PlacementOptions; expected: PlacementResult }[] = [
        { name: "no placement", placement: undefined, expected: { clusters: [], skippedUnavailable: [] } },
        { name: "unavailable and draining members are skipped and reported", placement: { clusterSelector: {} }, expected: { clusters: ["us-1", "eu-2", "ap-1", "ap-2"], skippedUnavailable: ["us-2", "eu-1"] } },
        { name: "only a down member selected", placement: { clusters: ["eu-1"] }, expected: { clusters: [], skippedUnavailable: ["eu-1"] } },
        {
            name: "within intersects first: a down member outside it is not reported",
            placement: { clusterSelector: {} }, options: { within: ["eu-1", "ap-2"] },
            expected: { clusters: ["ap-2"], skippedUnavailable: ["eu-1"] },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            assert.deepEqual(resolvePlacement(c.placement && deepFreeze(c.placement), members, c.options), c.expected);
            assert.deepEqual(computePlacement(c.placement && deepFreeze(c.placement), members, c.options), c.expected.clusters);
        });
    }
});

describe("planning/placement: failover groups", () => {
    const cases: { name: string; placement: Placement; options?: PlacementOptions; expected?: PlacementResult; error?: ExpectedError }[] = [
        {
            name: "the first group is used when it has an available cluster",
            placement: { failover: [{ clusters: ["us-1"] }, { clusterSelector: EU_WEST }] },
            expected: { clusters: ["us-1"], skippedUnavailable: [], failoverGroup: 0 },
        },
        {
            name: "a group of only unavailable members is passed over",
            placement: { failover: [{ clusters: ["eu-1"] }, { clusters: ["ap-1"] }] },
            expected: { clusters: ["ap-1"], skippedUnavailable: [], failoverGroup: 1 },
        },
        {
            name: "a group of only draining members is passed over",
            placement: { failover: [{ clusters: ["us-2"] }, { clusterSelector: EU_WEST }] },
            expected: { clusters: ["eu-2"], skippedUnavailable: ["eu-1"], failoverGroup: 1 },
        },
        {
            name: "a partly available group is used and its down members are reported",
            placement: { failover: [{ clusterSelector: EU_WEST }, { clusters: ["us-1"] }] },
            expected: { clusters: ["eu-2"], skippedUnavailable: ["eu-1"], failoverGroup: 0 },
        },
        {
            name: "the winning group's clusters come in member order",
            placement: { failover: [{ clusters: ["ap-2", "eu-2", "us-1"] }] },
            expected: { clusters: ["us-1", "eu-2", "ap-2"], skippedUnavailable: [], failoverGroup: 0 },
        },
        {
            name: "a group that selects nothing is passed over",
            placement: { failover: [{}, { clusters: [] }, { clusterSelector: { matchLabels: { region: "mars" } } }, { clusters: ["ap-2"] }] },
            expected: { clusters: ["ap-2"], skippedUnavailable: [], failoverGroup: 3 },
        },
        {
            name: "within is applied before choosing: a group outside it is passed over",
            placement: { failover: [{ clusters: ["us-1"] }, { clusterSelector: AP_SOUTH }] },
            options: { within: ["eu-2", "ap-1", "ap-2"] },
            expected: { clusters: ["ap-1", "ap-2"], skippedUnavailable: [], failoverGroup: 1 },
        },
        {
            name: "within also narrows the winning group",
            placement: { failover: [{ clusterSelector: { matchLabels: { tier: "prod" } } }] },
            options: { within: ["eu-1", "ap-1", "ap-2"] },
            expected: { clusters: ["ap-1"], skippedUnavailable: ["eu-1"], failoverGroup: 0 },
        },
        {
            name: "top-level spreadConstraints apply to every group without its own",
            placement: {
                spreadConstraints: [{ spreadByLabel: "region", minGroups: 2 }],
                failover: [{ clusters: ["us-1", "eu-1"] }, { clusters: ["us-1", "ap-1", "ap-2"] }],
            },
            expected: { clusters: ["us-1", "ap-1", "ap-2"], skippedUnavailable: [], failoverGroup: 1 },
        },
        {
            name: "a group's own spreadConstraints override the top-level ones",
            placement: {
                spreadConstraints: [{ spreadByLabel: "region", minGroups: 2 }],
                failover: [{ clusters: ["us-1"], spreadConstraints: [{ spreadByLabel: "region", maxGroups: 1 }] }],
            },
            expected: { clusters: ["us-1"], skippedUnavailable: [], failoverGroup: 0 },
        },
        {
            name: "a group's own maxGroups trims its clusters (after removing down members)",
            placement: { failover: [{ clusterSelector: {}, spreadConstraints: [{ spreadByLabel: "region", maxGroups: 2 }] }] },
            expected: { clusters: ["us-1", "eu-2"], skippedUnavailable: ["us-2", "eu-1"], failoverGroup: 0 },
        },
        {
            name: "top-level constraints still apply to the later groups that have none",
            placement: {
                spreadConstraints: [{ spreadByLabel: "tier" }],
                failover: [{ clusters: ["eu-2"], spreadConstraints: [{ spreadByLabel: "region", minGroups: 2 }] }, { clusters: ["ap-2"] }, { clusterSelector: AP_SOUTH }],
            },
            expected: { clusters: ["ap-1"], skippedUnavailable: [], failoverGroup: 2 },
        },
        {
            name: "no usable group: the error lists every group's reason",
            placement: {
                failover: [
                    { clusters: ["eu-1", "us-2"] },
                    { clusterSelector: AP_SOUTH, spreadConstraints: [{ spreadByLabel: "region", minGroups: 2 }] },
                    { clusters: ["us-1"] },
                ],
            },
            options: { within: ["eu-1", "us-2", "ap-1", "ap-2"] },
            error: {
                field: "placement.failover",
                message:
                    "no failover group can be used (failover[0]: us-2, eu-1 are unavailable or draining; " +
                    'failover[1]: needs at least 2 distinct "region" values among the placed clusters, but found 1 (ap-south); ' +
                    "failover[2]: selects no cluster the namespace is placed in)",
            },
        },
        {
            name: "a single unusable group",
            placement: { failover: [{ clusters: [] }] },
            error: { field: "placement.failover", message: "no failover group can be used (failover[0]: selects no member)" },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const placement = deepFreeze(c.placement);
            if (c.error) {
                assertFederationError(() => resolvePlacement(placement, members, c.options), c.error);
                assertFederationError(() => computePlacement(placement, members, c.options), c.error);
            } else {
                assert.deepEqual(resolvePlacement(placement, members, c.options), c.expected);
                assert.deepEqual(computePlacement(placement, members, c.options), c.expected!.clusters);
            }
        });
    }
});

describe("planning/placement: failover validation", () => {
    const cases: { name: string; placement: unknown; error: ExpectedError }[] = [
        {
            name: "failover with clusters",
            placement: { clusters: ["us-1"], failover: [{ clusters: ["eu-2"] }] },
            error: { field: "placement.failover", message: "give either failover groups or clusters / clusterSelector, not both" },
        },
        {
            name: "failover with clusterSelector",
            placement: { clusterSelector: {}, failover: [{ clusters: ["eu-2"] }] },
            error: { field: "placement.failover", message: "give either failover groups or clusters / clusterSelector, not both" },
        },
        {
            name: "failover with clusters: []",
            placement: { clusters: [], failover: [{ clusters: ["eu-2"] }] },
            error: { field: "placement.failover", message: "not both" },
        },
        {
            name: "nested failover",
            placement: { failover: [{ clusters: ["us-1"] }, { failover: [{ clusters: ["eu-2"] }] }] },
            error: { field: "placement.failover[1].failover", message: "failover groups do not nest" },
        },
        {
            name: "an empty failover list",
            placement: { failover: [] },
            error: { field: "placement.failover", message: "must be a non-empty list of placements in order of preference, got an array" },
        },
        {
            name: "a failover that is not a list",
            placement: { failover: { clusters: ["us-1"] } },
            error: { field: "placement.failover", message: "must be a non-empty list of placements in order of preference, got an object" },
        },
        {
            name: "a group that is not an object",
            placement: { failover: ["us-1"] },
            error: { field: "placement.failover[0]", message: 'must be an object with clusters and/or clusterSelector, got string "us-1"' },
        },
        {
            name: "an unknown cluster in a later group (even though the first group is usable)",
            placement: { failover: [{ clusters: ["us-1"] }, { clusters: ["mars", "eu-2"] }] },
            error: { cluster: "mars", field: "placement.failover[1].clusters[0]", message: `is not a member of the federation (members: ${MEMBER_LIST})` },
        },
        {
            name: "a non-string cluster in a group",
            placement: { failover: [{ clusters: ["us-1", 3] }] },
            error: { field: "placement.failover[0].clusters[1]", message: "must be a member cluster name, got number 3" },
        },
        {
            name: "an unknown key in a group does not offer failover",
            placement: { failover: [{ clusters: ["us-1"], weight: 2 }] },
            error: { field: "placement.failover[0].weight", message: /is not a placement field \(expected clusters, clusterSelector, spreadConstraints\)$/ },
        },
        {
            name: "an unknown top-level key offers failover",
            placement: { failover: [{ clusters: ["us-1"] }], fallback: [] },
            error: { field: "placement.fallback", message: /is not a placement field \(expected clusters, clusterSelector, spreadConstraints, failover\)$/ },
        },
        {
            name: "a bad selector in a group",
            placement: { failover: [{ clusters: ["us-1"] }, { clusterSelector: { matchExpressions: [{ key: "region", operator: "In" }] } }] },
            error: { field: "placement.failover[1].clusterSelector.matchExpressions[0].values", message: "operator In needs a non-empty list of values" },
        },
        {
            name: "a bad spread constraint in a group",
            placement: { failover: [{ clusters: ["us-1"], spreadConstraints: [{ spreadByLabel: "region", maxGroups: 0 }] }] },
            error: { field: "placement.failover[0].spreadConstraints[0].maxGroups", message: "must be a whole number of at least 1, got number 0" },
        },
        {
            name: "a bad top-level spread constraint next to failover",
            placement: { spreadConstraints: [{ region: "x" }], failover: [{ clusters: ["us-1"] }] },
            error: { field: "placement.spreadConstraints[0].region", message: "is not a spread constraint field" },
        },
    ];
    for (const c of cases) {
        it(`rejects ${c.name}`, () => assertFederationError(() => resolvePlacement(deepFreeze(c.placement) as Placement, members), c.error));
    }
});

describe("planning/placement: spread constraints on an empty selection", () => {
    it("placing nowhere stays placing nowhere (no spread error), also when every selected member is down", () => {
        const fleet = [{ name: "a", labels: { region: "x" }, unavailable: true }, { name: "b", labels: { region: "y" } }];
        const spread = [{ spreadByLabel: "region", minGroups: 2 }];
        assert.deepEqual(resolvePlacement({ clusters: [], spreadConstraints: spread }, fleet), { clusters: [], skippedUnavailable: [] });
        assert.deepEqual(resolvePlacement({ clusters: ["a"], spreadConstraints: spread }, fleet), { clusters: [], skippedUnavailable: ["a"] });
    });
});

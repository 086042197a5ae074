/**
 * Spread constraints (components/planning/spread.ts): clusters grouped by a member label, groups
 * taken in the order of their first cluster in the list given, at most maxGroups of them, at least
 * minGroups (default 1) or a problem naming the constraint; clusters without the label are left
 * out; several constraints apply one after the other. Also how resolvePlacement reports them.
 */
import { strict as assert } from "assert";
import { Member } from "../../components/planning/members";
import { Placement, resolvePlacement } from "../../components/planning/placement";
import { SpreadConstraint, SpreadResult, applySpreadConstraints, validateSpreadConstraints } from "../../components/planning/spread";
import { assertFederationError, deepFreeze, ExpectedError } from "./helpers";

/** Member order is not alphabetical and the regions interleave, so "first appearance" is visible. */
const members: Member[] = deepFreeze<Member[]>([
    { name: "tokyo", labels: { region: "apac", zone: "a" } },
    { name: "oslo", labels: { region: "emea", zone: "b" } },
    { name: "lima", labels: { region: "latam" } },
    { name: "osaka", labels: { region: "apac", zone: "c" } },
    { name: "paris", labels: { region: "emea" } },
    { name: "cairo" },
]);
const ALL = ["tokyo", "oslo", "lima", "osaka", "paris", "cairo"];

describe("planning/spread: applySpreadConstraints", () => {
    const cases: { name: string; clusters: string[]; constraints: SpreadConstraint[]; expected: SpreadResult }[] = [
        { name: "no constraints keep the clusters as given (order included)", clusters: ["lima", "tokyo", "cairo"], constraints: [], expected: { clusters: ["lima", "tokyo", "cairo"] } },
        {
            name: "without maxGroups every labelled cluster is kept; the unlabelled one is dropped",
            clusters: ALL, constraints: [{ spreadByLabel: "region" }],
            expected: { clusters: ["tokyo", "oslo", "lima", "osaka", "paris"] },
        },
        {
            name: "maxGroups keeps the first groups in member order, with all their clusters",
            clusters: ALL, constraints: [{ spreadByLabel: "region", maxGroups: 2 }],
            expected: { clusters: ["tokyo", "oslo", "osaka", "paris"] },
        },
        {
            name: "group order is the first appearance in the given cluster order, not member order",
            clusters: ["paris", "lima", "tokyo", "oslo", "osaka"], constraints: [{ spreadByLabel: "region", maxGroups: 2 }],
            expected: { clusters: ["paris", "lima", "oslo"] },
        },
        {
            name: "maxGroups 1 keeps only the first cluster's group",
            clusters: ["osaka", "paris", "tokyo"], constraints: [{ spreadByLabel: "region", maxGroups: 1 }],
            expected: { clusters: ["osaka", "tokyo"] },
        },
        {
            name: "maxGroups above the number of groups keeps everything labelled",
            clusters: ["oslo", "cairo", "lima"], constraints: [{ spreadByLabel: "region", maxGroups: 5 }],
            expected: { clusters: ["oslo", "lima"] },
        },
        {
            name: "minGroups met exactly",
            clusters: ALL, constraints: [{ spreadByLabel: "region", minGroups: 3, maxGroups: 3 }],
            expected: { clusters: ["tokyo", "oslo", "lima", "osaka", "paris"] },
        },
        {
            name: "another label: only clusters carrying it count",
            clusters: ALL, constraints: [{ spreadByLabel: "zone", maxGroups: 2 }],
            expected: { clusters: ["tokyo", "oslo"] },
        },
        {
            name: "a cluster that is not a member has no labels and is dropped",
            clusters: ["ghost", "tokyo"], constraints: [{ spreadByLabel: "region" }],
            expected: { clusters: ["tokyo"] },
        },
        {
            name: "minGroups violation names the constraint index and lists the groups found",
            clusters: ["tokyo", "osaka", "cairo"], constraints: [{ spreadByLabel: "region", minGroups: 2 }],
            expected: { constraint: 0, problem: 'needs at least 2 distinct "region" values among the placed clusters, but found 1 (apac)' },
        },
        {
            name: "minGroups violation lists several groups in order of appearance",
            clusters: ["paris", "tokyo", "oslo"], constraints: [{ spreadByLabel: "region", minGroups: 3 }],
            expected: { constraint: 0, problem: 'needs at least 3 distinct "region" values among the placed clusters, but found 2 (emea, apac)' },
        },
        {
            name: "minGroups defaults to 1: only unlabelled clusters is a problem",
            clusters: ["cairo"], constraints: [{ spreadByLabel: "region" }],
            expected: { constraint: 0, problem: 'needs at least 1 distinct "region" value among the placed clusters, but none of them has the label "region"' },
        },
        {
            name: "minGroups defaults to 1: an empty cluster list is a problem",
            clusters: [], constraints: [{ spreadByLabel: "region", maxGroups: 2 }],
            expected: { constraint: 0, problem: 'needs at least 1 distinct "region" value among the placed clusters, but none of them has the label "region"' },
        },
        {
            name: "constraints apply in sequence: the second sees only what the first kept",
            clusters: ALL, constraints: [{ spreadByLabel: "region", maxGroups: 2 }, { spreadByLabel: "zone", minGroups: 3 }],
            expected: { clusters: ["tokyo", "oslo", "osaka"] },
        },
        {
            name: "a later constraint's problem carries its own index (zone would have 3 groups before the first constraint)",
            clusters: ALL, constraints: [{ spreadByLabel: "region", maxGroups: 1 }, { spreadByLabel: "zone", minGroups: 3 }],
            expected: { constraint: 1, problem: 'needs at least 3 distinct "zone" values among the placed clusters, but found 2 (a, c)' },
        },
        {
            name: "the first failing constraint stops the rest",
            clusters: ["cairo", "lima"], constraints: [{ spreadByLabel: "zone" }, { spreadByLabel: "region", minGroups: 5 }],
            expected: { constraint: 0, problem: 'needs at least 1 distinct "zone" value among the placed clusters, but none of them has the label "zone"' },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const clusters = deepFreeze([...c.clusters]);
            assert.deepEqual(applySpreadConstraints(clusters, members, deepFreeze(c.constraints)), c.expected);
            assert.deepEqual(clusters, c.clusters, "the input list is untouched");
        });
    }
});

describe("planning/spread: validateSpreadConstraints", () => {
    const F = "placement.spreadConstraints";
    const valid: { name: string; constraints: unknown }[] = [
        { name: "an empty list", constraints: [] },
        { name: "only spreadByLabel", constraints: [{ spreadByLabel: "region" }] },
        { name: "minGroups equal to maxGroups", constraints: [{ spreadByLabel: "region", minGroups: 2, maxGroups: 2 }] },
        { name: "several constraints", constraints: [{ spreadByLabel: "region", maxGroups: 3 }, { spreadByLabel: "zone", minGroups: 1 }] },
    ];
    for (const c of valid) it(`accepts ${c.name}`, () => validateSpreadConstraints(c.constraints, F));

    const cases: { name: string; constraints: unknown; field?: string; error: ExpectedError }[] = [
        { name: "not a list", constraints: { spreadByLabel: "region" }, error: { field: F, message: "must be a list of { spreadByLabel, minGroups?, maxGroups? }, got an object" } },
        { name: "an entry that is a string", constraints: ["region"], error: { field: `${F}[0]`, message: 'must be { spreadByLabel, minGroups?, maxGroups? }, got string "region"' } },
        { name: "a null entry", constraints: [{ spreadByLabel: "region" }, null], error: { field: `${F}[1]`, message: "got null" } },
        {
            name: "an unknown key",
            constraints: [{ spreadByLabel: "region", maxSkew: 1 }],
            error: { field: `${F}[0].maxSkew`, message: "is not a spread constraint field (expected spreadByLabel, minGroups, maxGroups)" },
        },
        { name: "no spreadByLabel", constraints: [{ maxGroups: 2 }], error: { field: `${F}[0].spreadByLabel`, message: "must be a member label key such as region" } },
        { name: "empty spreadByLabel", constraints: [{ spreadByLabel: "" }], error: { field: `${F}[0].spreadByLabel`, message: "must be a member label key" } },
        { name: "spreadByLabel not a string", constraints: [{ spreadByLabel: 3 }], error: { field: `${F}[0].spreadByLabel`, message: "must be a member label key" } },
        { name: "minGroups 0", constraints: [{ spreadByLabel: "region", minGroups: 0 }], error: { field: `${F}[0].minGroups`, message: "must be a whole number of at least 1, got number 0" } },
        { name: "maxGroups 0", constraints: [{ spreadByLabel: "region", maxGroups: 0 }], error: { field: `${F}[0].maxGroups`, message: "must be a whole number of at least 1, got number 0" } },
        { name: "maxGroups a fraction", constraints: [{ spreadByLabel: "region", maxGroups: 1.5 }], error: { field: `${F}[0].maxGroups`, message: "got number 1.5" } },
        { name: "maxGroups negative", constraints: [{ spreadByLabel: "region", maxGroups: -2 }], error: { field: `${F}[0].maxGroups`, message: "got number -2" } },
        { name: "maxGroups a string", constraints: [{ spreadByLabel: "region", maxGroups: "2" }], error: { field: `${F}[0].maxGroups`, message: 'got string "2"' } },
        { name: "minGroups null", constraints: [{ spreadByLabel: "region", minGroups: null }], error: { field: `${F}[0].minGroups`, message: "got null" } },
        {
            name: "minGroups above maxGroups is reported on minGroups",
            constraints: [{ spreadByLabel: "region", minGroups: 3, maxGroups: 2 }],
            error: { field: `${F}[0].minGroups`, message: "minGroups 3 is more than maxGroups 2" },
        },
        {
            name: "the index is that of the bad entry",
            constraints: [{ spreadByLabel: "region" }, { spreadByLabel: "zone", maxGroups: 0 }],
            error: { field: `${F}[1].maxGroups`, message: "at least 1" },
        },
        {
            name: "the field prefix is the one given",
            constraints: [{ spreadByLabel: "zone", minGroups: 2.5 }],
            field: "placement.failover[2].spreadConstraints",
            error: { field: "placement.failover[2].spreadConstraints[0].minGroups", message: "got number 2.5" },
        },
    ];
    for (const c of cases) {
        it(`rejects ${c.name}`, () => assertFederationError(() => validateSpreadConstraints(c.constraints, c.field ?? F), c.error));
    }
});

describe("planning/spread: through resolvePlacement", () => {
    const withDown: Member[] = deepFreeze(members.map((member) => (member.name === "tokyo" ? { ...member, unavailable: true } : member)));
    const cases: { name: string; placement: Placement; members?: Member[]; expected?: { clusters: string[]; skippedUnavailable: string[] }; error?: ExpectedError }[] = [
        {
            name: "spread applies to the selected clusters in member order",
            placement: { clusterSelector: {}, spreadConstraints: [{ spreadByLabel: "region", maxGroups: 2 }] },
            expected: { clusters: ["tokyo", "oslo", "osaka", "paris"], skippedUnavailable: [] },
        },
        {
            name: "unavailable members are removed before grouping (the first group moves)",
            placement: { clusterSelector: {}, spreadConstraints: [{ spreadByLabel: "region", maxGroups: 2 }] },
            members: withDown,
            expected: { clusters: ["oslo", "lima", "paris"], skippedUnavailable: ["tokyo"] },
        },
        {
            name: "clusters listed in any order are grouped in member order",
            placement: { clusters: ["paris", "osaka", "tokyo"], spreadConstraints: [{ spreadByLabel: "region", maxGroups: 1 }] },
            expected: { clusters: ["tokyo", "osaka"], skippedUnavailable: [] },
        },
        {
            name: "a spread problem is an error on the constraint",
            placement: { clusters: ["tokyo", "osaka"], spreadConstraints: [{ spreadByLabel: "zone" }, { spreadByLabel: "region", minGroups: 2 }] },
            error: { field: "placement.spreadConstraints[1]", message: 'needs at least 2 distinct "region" values among the placed clusters, but found 1 (apac)' },
        },
        {
            name: "an unavailable member does not count towards minGroups",
            placement: { clusters: ["tokyo", "osaka", "oslo"], spreadConstraints: [{ spreadByLabel: "zone", minGroups: 3 }] },
            members: withDown,
            error: { field: "placement.spreadConstraints[0]", message: "found 2 (b, c)" },
        },
        {
            name: "a bad constraint is reported under placement.spreadConstraints",
            placement: { clusterSelector: {}, spreadConstraints: [{ spreadByLabel: "region", maxGroups: 0 }] },
            error: { field: "placement.spreadConstraints[0].maxGroups", message: "must be a whole number of at least 1" },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const ms = c.members ?? members;
            if (c.error) assertFederationError(() => resolvePlacement(deepFreeze(c.placement), ms), c.error);
            else assert.deepEqual(resolvePlacement(deepFreeze(c.placement), ms), c.expected);
        });
    }
});

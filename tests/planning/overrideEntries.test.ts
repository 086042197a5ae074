import { strict as assert } from "assert";
import { FederationErrorLocation } from "../../components/errors";
import { Member } from "../../components/planning/members";
import { OverrideEntry, overrideOrderFor, validateOverrideEntries } from "../../components/planning/overrideEntries";
import { assertFederationError, ExpectedError } from "./helpers";

const members: Member[] = [
    { name: "tokyo", labels: { region: "apac", tier: "gold" } },
    { name: "oslo", labels: { region: "emea", tier: "silver" } },
    { name: "lima", labels: { region: "latam", tier: "gold" } },
];
const RES = 'FederatedDeployment "web"';
const loc: FederationErrorLocation = { resource: RES };

describe("planning/overrideEntries: validateOverrideEntries", () => {
    const cases: { name: string; entries: unknown; members?: Member[]; error?: ExpectedError }[] = [
        { name: "accepts undefined (no overrides)", entries: undefined },
        { name: "accepts []", entries: [] },
        {
            name: "accepts clusterName and clusterSelector entries with ops and patches",
            entries: [
                { clusterSelector: { matchLabels: { tier: "gold" } }, patch: { spec: { replicas: 3 } } },
                { clusterName: "oslo", clusterOverrides: [{ path: "/spec/replicas", value: 1 }] },
                { clusterName: "lima", patch: { metadata: { labels: { a: "b" } } }, clusterOverrides: [{ op: "add", path: "/spec/paused", value: true }] },
                { clusterSelector: {} },
            ],
        },
        {
            name: "neither clusterName nor clusterSelector",
            entries: [{ patch: { spec: {} } }],
            error: { resource: RES, field: "overrides[0]", message: "needs exactly one of clusterName and clusterSelector" },
        },
        {
            name: "both clusterName and clusterSelector",
            entries: [{ clusterName: "oslo" }, { clusterName: "tokyo", clusterSelector: {} }],
            error: { resource: RES, field: "overrides[1]", message: "needs exactly one of clusterName and clusterSelector" },
        },
        {
            name: "unknown clusterName names the cluster and lists the members",
            entries: [{ clusterName: "oslo" }, { clusterName: "paris", clusterOverrides: [] }],
            error: { resource: RES, cluster: "paris", field: "overrides[1].clusterName", message: "is not a member of the federation (members: tokyo, oslo, lima)" },
        },
        {
            name: "clusterName that is not a string",
            entries: [{ clusterName: 3 }],
            error: { resource: RES, field: "overrides[0].clusterName", message: "must be a member cluster name, got number 3" },
        },
        {
            name: "two entries for the same clusterName",
            entries: [{ clusterName: "oslo" }, { clusterSelector: {} }, { clusterName: "oslo" }],
            error: { resource: RES, cluster: "oslo", field: "overrides[2].clusterName", message: "duplicate override entry for this cluster (also overrides[0])" },
        },
        {
            name: "unknown entry key (KubeFed's clusterOverride typo)",
            entries: [{ clusterName: "oslo", clusterOverride: [] }],
            error: { resource: RES, field: "overrides[0].clusterOverride", message: "is not an override entry field" },
        },
        {
            name: "an entry that is not an object",
            entries: [{ clusterName: "oslo" }, "tokyo"],
            error: { resource: RES, field: "overrides[1]", message: 'must be an object with clusterName or clusterSelector, got string "tokyo"' },
        },
        {
            name: "overrides that is not a list",
            entries: { clusterName: "oslo" },
            error: { resource: RES, field: "overrides", message: "must be a list of override entries" },
        },
        {
            name: "bad selector: field under overrides[i].clusterSelector",
            entries: [{ clusterSelector: { matchExpressions: [{ key: "tier", operator: "In" }] } }],
            error: { resource: RES, field: "overrides[0].clusterSelector.matchExpressions[0].values", message: "operator In needs a non-empty list of values" },
        },
        {
            name: "nested op error on a clusterName entry: overrides[i].clusterOverrides[j].op, with the cluster",
            entries: [{ clusterName: "oslo" }, { clusterName: "lima", clusterOverrides: [{ path: "/spec/replicas", value: 1 }, { op: "move", path: "/spec/x", value: 1 }] }],
            error: { resource: RES, cluster: "lima", field: "overrides[1].clusterOverrides[1].op", message: '"move" is not a supported operation' },
        },
        {
            name: "nested protected path on a selector entry (no single cluster)",
            entries: [{ clusterSelector: {}, clusterOverrides: [{ path: "/metadata/name", value: "x" }] }],
            error: { resource: RES, field: "overrides[0].clusterOverrides[0].path", message: "would change /metadata/name" },
        },
        {
            name: "nested missing value",
            entries: [{ clusterName: "tokyo", clusterOverrides: [{ op: "add", path: "/spec/x" }] }],
            error: { resource: RES, cluster: "tokyo", field: "overrides[0].clusterOverrides[0].value", message: "needs a value" },
        },
        {
            name: "clusterOverrides that is not a list",
            entries: [{ clusterName: "tokyo", clusterOverrides: { path: "/spec/x", value: 1 } }],
            error: { resource: RES, cluster: "tokyo", field: "overrides[0].clusterOverrides", message: "must be a list" },
        },
        {
            name: "patch that sets metadata.name",
            entries: [{ clusterName: "tokyo", patch: { metadata: { name: "other" } } }],
            error: { resource: RES, cluster: "tokyo", field: "overrides[0].patch.metadata.name", message: "cannot be patched" },
        },
        {
            name: "patch that sets kind, on a selector entry",
            entries: [{ clusterSelector: { matchLabels: { tier: "gold" } }, patch: { kind: "Pod" } }],
            error: { resource: RES, field: "overrides[0].patch.kind", message: "kind must be the same in every cluster" },
        },
        {
            name: "patch that is not an object",
            entries: [{ clusterName: "lima", patch: [1] }],
            error: { resource: RES, cluster: "lima", field: "overrides[0].patch", message: "a patch is a partial of the template (an object), got an array" },
        },
        {
            name: "any clusterName is unknown in an empty federation",
            entries: [{ clusterName: "tokyo" }],
            members: [],
            error: { resource: RES, cluster: "tokyo", field: "overrides[0].clusterName", message: "(members: none)" },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const ms = c.members ?? members;
            if (c.error) assertFederationError(() => validateOverrideEntries(c.entries, ms, loc), c.error);
            else assert.equal(validateOverrideEntries(c.entries, ms, loc), undefined);
        });
    }
});

describe("planning/overrideEntries: overrideOrderFor", () => {
    const entries: OverrideEntry[] = [
        /* 0 */ { clusterName: "oslo" },
        /* 1 */ { clusterSelector: { matchLabels: { tier: "gold" } } },
        /* 2 */ { clusterName: "tokyo" },
        /* 3 */ { clusterSelector: { matchLabels: { region: "emea" } } },
        /* 4 */ { clusterSelector: {} },
    ];
    const cases: { name: string; entries: OverrideEntry[] | undefined; member: Member; expected: number[] }[] = [
        { name: "selector entries first in list order, then the clusterName entry", entries, member: members[0], expected: [1, 4, 2] },
        { name: "a clusterName entry listed first still comes last", entries, member: members[1], expected: [3, 4, 0] },
        { name: "no clusterName entry: only selector entries", entries, member: members[2], expected: [1, 4] },
        { name: "a member with no labels matches only {} selectors", entries, member: { name: "cairo" }, expected: [4] },
        { name: "no entries", entries: undefined, member: members[0], expected: [] },
        { name: "empty entry list", entries: [], member: members[0], expected: [] },
        {
            name: "entries for other clusters are not included",
            entries: [{ clusterName: "lima" }, { clusterSelector: { matchLabels: { tier: "silver" } } }],
            member: members[0],
            expected: [],
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            assert.deepEqual(overrideOrderFor(c.entries, c.member), c.expected);
        });
    }
});

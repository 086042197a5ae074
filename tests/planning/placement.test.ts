import { strict as assert } from "assert";
import { Member } from "../../components/planning/members";
import { Placement, computePlacement, intersectPlacement } from "../../components/planning/placement";
import { assertFederationError, ExpectedError } from "./helpers";

/** Member order is deliberately not alphabetical, so "member order" is distinguishable. */
const members: Member[] = [
    { name: "tokyo", labels: { region: "apac", tier: "gold" } },
    { name: "oslo", labels: { region: "emea", tier: "silver" } },
    { name: "lima", labels: { region: "latam", tier: "gold", edge: "yes" } },
    { name: "cairo" },
];

describe("planning/placement: computePlacement", () => {
    const cases: { name: string; placement: Placement | undefined; members?: Member[]; expected?: string[]; error?: ExpectedError }[] = [
        { name: "undefined placement selects nothing", placement: undefined, expected: [] },
        { name: "placement {} (neither clusters nor selector) selects nothing", placement: {}, expected: [] },
        { name: "clusters: [] selects nothing", placement: { clusters: [] }, expected: [] },
        { name: "clusterSelector: {} selects every member, in member order", placement: { clusterSelector: {} }, expected: ["tokyo", "oslo", "lima", "cairo"] },
        { name: "clusters are returned in member order, not placement order", placement: { clusters: ["cairo", "tokyo", "lima"] }, expected: ["tokyo", "lima", "cairo"] },
        { name: "a cluster listed twice is returned once", placement: { clusters: ["oslo", "lima", "oslo"] }, expected: ["oslo", "lima"] },
        { name: "clusters wins over clusterSelector", placement: { clusters: ["oslo"], clusterSelector: { matchLabels: { tier: "gold" } } }, expected: ["oslo"] },
        { name: "clusters: [] wins over clusterSelector {}", placement: { clusters: [], clusterSelector: {} }, expected: [] },
        { name: "clusterSelector by matchLabels, member order", placement: { clusterSelector: { matchLabels: { tier: "gold" } } }, expected: ["tokyo", "lima"] },
        {
            name: "clusterSelector NotIn also selects the unlabelled member",
            placement: { clusterSelector: { matchExpressions: [{ key: "region", operator: "NotIn", values: ["emea", "apac"] }] } },
            expected: ["lima", "cairo"],
        },
        {
            name: "clusterSelector matching nobody selects nothing",
            placement: { clusterSelector: { matchLabels: { region: "mars" } } },
            expected: [],
        },
        { name: "empty federation: clusterSelector {} selects nothing", placement: { clusterSelector: {} }, members: [], expected: [] },
        {
            name: "unknown cluster names the cluster and its index",
            placement: { clusters: ["tokyo", "paris"] },
            error: { cluster: "paris", field: "placement.clusters[1]", message: "is not a member of the federation (members: tokyo, oslo, lima, cairo)" },
        },
        {
            name: "unknown cluster in an empty federation",
            placement: { clusters: ["tokyo"] },
            members: [],
            error: { cluster: "tokyo", field: "placement.clusters[0]", message: "(members: none)" },
        },
        {
            name: "non-string cluster entry",
            placement: { clusters: ["tokyo", 7 as unknown as string] },
            error: { field: "placement.clusters[1]", message: "must be a member cluster name, got number 7" },
        },
        {
            name: "clusters that is not a list",
            placement: { clusters: "tokyo" as unknown as string[] },
            error: { field: "placement.clusters", message: "must be a list of member cluster names" },
        },
        {
            name: "bad selector operator is reported under placement.clusterSelector",
            placement: { clusterSelector: { matchExpressions: [{ key: "tier", operator: "Has" as "In" }] } },
            error: { field: "placement.clusterSelector.matchExpressions[0].operator", message: '"Has" is not a selector operator' },
        },
        {
            name: "bad selector label value is reported under placement.clusterSelector",
            placement: { clusterSelector: { matchLabels: { tier: 1 as unknown as string } } },
            error: { field: 'placement.clusterSelector.matchLabels["tier"]', message: "label values are strings" },
        },
        {
            name: "unknown placement key",
            placement: { cluster: ["tokyo"] } as unknown as Placement,
            error: { field: "placement.cluster", message: "is not a placement field" },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const ms = c.members ?? members;
            if (c.error) assertFederationError(() => computePlacement(c.placement, ms), c.error);
            else assert.deepEqual(computePlacement(c.placement, ms), c.expected);
        });
    }
});

describe("planning/placement: intersectPlacement", () => {
    const cases: { name: string; placed: string[]; allowed: string[]; expected: string[] }[] = [
        { name: "keeps the first argument's order", placed: ["lima", "tokyo", "oslo"], allowed: ["oslo", "lima"], expected: ["lima", "oslo"] },
        { name: "nothing allowed", placed: ["lima", "tokyo"], allowed: [], expected: [] },
        { name: "nothing placed", placed: [], allowed: ["lima"], expected: [] },
        { name: "allowed names that are not placed are not added", placed: ["tokyo"], allowed: ["tokyo", "cairo"], expected: ["tokyo"] },
        { name: "everything allowed", placed: ["cairo", "tokyo"], allowed: ["tokyo", "cairo"], expected: ["cairo", "tokyo"] },
    ];
    for (const c of cases) {
        it(c.name, () => {
            assert.deepEqual(intersectPlacement(c.placed, c.allowed), c.expected);
        });
    }
});

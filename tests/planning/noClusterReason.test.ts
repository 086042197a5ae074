import { strict as assert } from "assert";
import { Member } from "../../components/planning/members";
import { NoClusterContext, Placement, noClusterReason } from "../../components/planning/placement";

describe("planning/placement: why a placement places nowhere (noClusterReason)", () => {
    const members: Member[] = [
        { name: "eu", labels: { region: "eu", "topology.kubernetes.io/zone": "eu-1a" } },
        { name: "us", labels: {}, unavailable: true },
        { name: "ap", labels: { region: "ap", note: "two words" }, draining: true },
    ];
    const cases: { name: string; placement: Placement | undefined; context?: NoClusterContext; reason: string }[] = [
        { name: "no placement", placement: undefined, reason: ": it has no placement; give placement.clusters, or placement.clusterSelector: {} for every member" },
        { name: "an empty list", placement: { clusters: [] }, reason: ": placement.clusters is an empty list" },
        {
            name: "a selector no member's labels meet (labels as YAML flow, odd values quoted)",
            placement: { clusterSelector: { matchLabels: { region: "us-west", tier: "" } } },
            reason: ': clusterSelector {matchLabels: {region: us-west, tier: ""}} matches none of the members (eu {region: eu, topology.kubernetes.io/zone: eu-1a}, us {}, ap {region: ap, note: "two words"})',
        },
        { name: "only unavailable or draining members selected", placement: { clusters: ["us", "ap"] }, reason: ": the placement selects us, ap, unavailable or draining" },
        { name: "the namespace placed nowhere", placement: { clusterSelector: {} }, context: { namespace: { name: "shop", clusters: [] } }, reason: ': its namespace "shop" is placed nowhere' },
        { name: "the namespace elsewhere", placement: { clusters: ["eu"] }, context: { namespace: { name: "shop", clusters: ["us"] } }, reason: ': the placement selects eu, but its namespace "shop" is placed in us only' },
        { name: "scheduling gave every cluster zero replicas", placement: { clusters: ["eu"] }, context: { zeroReplicas: true }, reason: ": scheduling gives each selected cluster 0 replicas, and clusters with none are left out" },
    ];
    for (const c of cases) it(c.name, () => assert.equal(noClusterReason(c.placement, members, c.context), c.reason));

    it("bounds a member's labels and the member list", () => {
        const many: Member[] = Array.from({ length: 9 }, (_, index) => ({ name: `m${index}`, labels: Object.fromEntries(Array.from({ length: 10 }, (_, label) => [`l${label}`, "v"])) }));
        const reason = noClusterReason({ clusterSelector: { matchLabels: { x: "y" } } }, many);
        assert.ok(reason.includes("m0 {l0: v, l1: v, l2: v, l3: v, l4: v, l5: v, and 4 more}"), reason);
        assert.ok(reason.endsWith("m4 {l0: v, l1: v, l2: v, l3: v, l4: v, l5: v, and 4 more}, and 4 more)"), reason);
    });
});

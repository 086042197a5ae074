/**
 * Karmada's replica division (components/planning/karmadaDivision.ts, karmadaScheduling.ts),
 * with cases worked out by hand from Karmada's scheduler: Webster seating, ties to fewer seats
 * then name, a cluster's weight the highest of its matching rules, unmatched clusters left out,
 * dynamic weights by available replicas (first schedule, scale up, scale down), Aggregated,
 * Duplicated, and clusters left at 0 dropped.
 */
import { strict as assert } from "assert";
import { divideReplicasAsKarmada, websterSeats } from "../../components/planning/karmadaDivision";
import { Member } from "../../components/planning/members";
import { planResource } from "../../components/planning/resourcePlan";
import { assertFederationError, ExpectedError } from "./helpers";

const entries = (map: Map<string, number>) => Object.fromEntries(map);

describe("planning/karmadaDivision: Webster seating", () => {
    const cases: { name: string; votes: Record<string, number>; seats: number; expected: Record<string, number> }[] = [
        { name: "10 over 1:1:1: the tenth seat breaks the tie by name", votes: { a: 1, b: 1, c: 1 }, seats: 10, expected: { a: 4, b: 3, c: 3 } },
        { name: "7 over 2:1", votes: { a: 2, b: 1 }, seats: 7, expected: { a: 5, b: 2 } },
        { name: "9 over 1:3: ties go to fewer seats first", votes: { a: 1, b: 3 }, seats: 9, expected: { a: 2, b: 7 } },
        { name: "12 over 3:2:1", votes: { a: 3, b: 2, c: 1 }, seats: 12, expected: { a: 6, b: 4, c: 2 } },
        { name: "13 over 3:2:1", votes: { a: 3, b: 2, c: 1 }, seats: 13, expected: { a: 7, b: 4, c: 2 } },
        { name: "14 over 3:2:1", votes: { a: 3, b: 2, c: 1 }, seats: 14, expected: { a: 7, b: 5, c: 2 } },
        { name: "5 over seven equal clusters: the first five by name", votes: { g: 1, f: 1, e: 1, d: 1, c: 1, b: 1, a: 1 }, seats: 5, expected: { a: 1, b: 1, c: 1, d: 1, e: 1, f: 0, g: 0 } },
        { name: "0 seats", votes: { a: 1, b: 2 }, seats: 0, expected: { a: 0, b: 0 } },
        { name: "a party without votes takes no seat", votes: { a: 0, b: 1 }, seats: 3, expected: { a: 0, b: 3 } },
    ];
    for (const c of cases) it(c.name, () => assert.deepEqual(entries(websterSeats(new Map(Object.entries(c.votes)), c.seats)), c.expected));

    it("seats like the plain one-at-a-time sequence on 3,000 random divisions (the pre-seating shortcut changes nothing)", () => {
        let seed = 7;
        const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
        for (let round = 0; round < 3000; round++) {
            const votes = new Map(Array.from({ length: 1 + random(6) }, (_, i) => [`c${i}`, random(4) === 0 ? 0 : 1 + random(round % 2 ? 9 : 1000)]));
            const seats = random(round % 3 ? 40 : 400);
            // The plain sequence, one seat at a time, to the best votes / (2s + 1), ties to fewer seats, then name.
            const plain = new Map([...votes.keys()].sort().map((name) => [name, 0]));
            for (let seat = 0; seat < seats; seat++) {
                let best: string | undefined;
                for (const [name, weight] of votes) {
                    if (weight === 0) continue;
                    if (best === undefined) { best = name; continue; }
                    const [a, b] = [weight * (2 * plain.get(best)! + 1), votes.get(best)! * (2 * plain.get(name)! + 1)];
                    if (a > b || (a === b && (plain.get(name)! < plain.get(best)! || (plain.get(name) === plain.get(best) && name < best)))) best = name;
                }
                if (best === undefined) break;
                plain.set(best, plain.get(best)! + 1);
            }
            assert.deepEqual(entries(websterSeats(votes, seats)), entries(plain), JSON.stringify({ votes: [...votes], seats }));
        }
    });

    it("divides two billion replicas, with weights up to 2^53, exactly (and without seating them one by one)", () => {
        const result = websterSeats(new Map([["a", 3], ["b", 1], ["c", 4]]), 2_000_000_000);
        assert.deepEqual(entries(result), { a: 750_000_000, b: 250_000_000, c: 1_000_000_000 });
        const big = websterSeats(new Map([["a", 1], ["d", 9_007_199_254_740_991]]), 2_000_000_000);
        assert.deepEqual(entries(big), { a: 0, d: 2_000_000_000 });
    });

    it("returns the parties in name order, whatever order they came in", () => {
        assert.deepEqual([...websterSeats(new Map([["zeta", 1], ["alpha", 1]]), 2).keys()], ["alpha", "zeta"]);
    });
});

describe("planning/karmadaDivision: divideReplicasAsKarmada", () => {
    const cases: { name: string; total: number; clusters: string[]; division: Parameters<typeof divideReplicasAsKarmada>[2]; expected: Record<string, number> | string }[] = [
        { name: "static: clusters at 0 are dropped", total: 5, clusters: ["a", "b", "c", "d", "e", "f", "g"], division: { type: "StaticWeighted", weights: new Map([["a", 1], ["b", 1], ["c", 1], ["d", 1], ["e", 1], ["f", 1], ["g", 1]]) }, expected: { a: 1, b: 1, c: 1, d: 1, e: 1 } },
        { name: "static: a cluster with weight 0 takes no part", total: 4, clusters: ["a", "b", "c"], division: { type: "StaticWeighted", weights: new Map([["a", 1], ["b", 0], ["c", 3]]) }, expected: { a: 1, c: 3 } },
        { name: "static: no weight anywhere means every cluster weighs 1", total: 4, clusters: ["a", "b"], division: { type: "StaticWeighted", weights: new Map([["a", 0], ["b", 0]]) }, expected: { a: 2, b: 2 } },
        { name: "duplicated: every cluster runs all", total: 3, clusters: ["b", "a"], division: { type: "Duplicated" }, expected: { b: 3, a: 3 } },
        { name: "duplicated with 0 replicas: no cluster", total: 0, clusters: ["a"], division: { type: "Duplicated" }, expected: {} },
        { name: "dynamic, first schedule: 12 by available 6:8:10", total: 12, clusters: ["m1", "m2", "m3"], division: { type: "DynamicWeighted", available: new Map([["m1", 6], ["m2", 8], ["m3", 10]]) }, expected: { m1: 3, m2: 4, m3: 5 } },
        { name: "dynamic, scale up: 2/4/6 to 24 with 10 available each", total: 24, clusters: ["m1", "m2", "m3"], division: { type: "DynamicWeighted", available: new Map([["m1", 10], ["m2", 10], ["m3", 10]]), current: new Map([["m1", 2], ["m2", 4], ["m3", 6]]) }, expected: { m1: 6, m2: 8, m3: 10 } },
        { name: "dynamic, scale down: 2/4/6 to 6 shrinks in proportion", total: 6, clusters: ["m1", "m2", "m3"], division: { type: "DynamicWeighted", available: new Map([["m1", 10], ["m2", 10], ["m3", 10]]), current: new Map([["m1", 2], ["m2", 4], ["m3", 6]]) }, expected: { m1: 1, m2: 2, m3: 3 } },
        { name: "dynamic, same total: the current assignment stays", total: 3, clusters: ["m1", "m2"], division: { type: "DynamicWeighted", available: new Map([["m1", 9], ["m2", 0]]), current: new Map([["m1", 1], ["m2", 2]]) }, expected: { m1: 1, m2: 2 } },
        { name: "dynamic: not enough available replicas", total: 10, clusters: ["m1", "m2"], division: { type: "DynamicWeighted", available: new Map([["m1", 3], ["m2", 4]]) }, expected: 'Karmada: "Clusters available replicas 7 are not enough to schedule."' },
        { name: "aggregated: the fewest clusters, most available first", total: 12, clusters: ["m1", "m2", "m3"], division: { type: "Aggregated", available: new Map([["m1", 6], ["m2", 8], ["m3", 10]]) }, expected: { m2: 5, m3: 7 } },
        { name: "aggregated: clusters running replicas now come first", total: 14, clusters: ["m1", "m2", "m3"], division: { type: "Aggregated", available: new Map([["m1", 6], ["m2", 8], ["m3", 10]]), current: new Map([["m1", 2]]) }, expected: { m1: 7, m3: 7 } },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const result = divideReplicasAsKarmada(c.total, c.clusters, c.division);
            if (typeof c.expected === "string") {
                assert.ok("problem" in result, "expected a problem");
                assert.match(result.problem, new RegExp(c.expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
            } else {
                assert.ok(!("problem" in result), JSON.stringify(result));
                assert.deepEqual(entries(result.plan), c.expected);
            }
        });
    }
});

const members: Member[] = [
    { name: "eu-1", labels: { region: "eu", tier: "prod" } },
    { name: "eu-2", labels: { region: "eu", tier: "prod" } },
    { name: "us-1", labels: { region: "us", tier: "prod" } },
    { name: "lab", labels: { region: "eu", tier: "dev" } },
];
const template = { spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } } };
const plan = (scheduling: unknown, placement: unknown = { clusterSelector: {} }) =>
    planResource({ resource: 'FederatedDeployment "web"', name: "web", apiVersion: "apps/v1", kind: "Deployment", clusterScoped: false, namespace: "shop", template, placement: placement as never, scheduling: scheduling as never, members });
const replicas = (result: ReturnType<typeof plan>) => Object.fromEntries(result.objects.map((o) => [o.cluster, (o.object.spec as { replicas: number }).replicas]));

describe("planning/karmadaScheduling: the Karmada form of scheduling", () => {
    const cases: { name: string; scheduling: unknown; placement?: unknown; expected: Record<string, number> }[] = [
        {
            name: "static weights: 10 over 1:1:1 give 4/3/3 (KubeFed's planner would give 4/4/2), the unmatched lab gets no object",
            scheduling: { totalReplicas: 10, staticWeights: [{ targetCluster: { labelSelector: { matchLabels: { tier: "prod" } } }, weight: 1 }] },
            expected: { "eu-1": 4, "eu-2": 3, "us-1": 3 },
        },
        {
            name: "a cluster matching several rules takes the highest weight",
            scheduling: { totalReplicas: 8, staticWeights: [{ targetCluster: { labelSelector: {} }, weight: 1 }, { targetCluster: { clusterNames: ["us-1"] }, weight: 5 }] },
            expected: { "eu-1": 1, "eu-2": 1, lab: 1, "us-1": 5 },
        },
        {
            name: "targetCluster criteria are ANDed, and exclude knocks a cluster out",
            scheduling: { totalReplicas: 4, staticWeights: [{ targetCluster: { clusterNames: ["eu-1", "eu-2", "lab"], exclude: ["eu-2"], labelSelector: { matchLabels: { region: "eu" } } }, weight: 1 }] },
            expected: { "eu-1": 2, lab: 2 },
        },
        {
            name: "rules matching no placed cluster: every placed cluster weighs 1",
            scheduling: { totalReplicas: 3, staticWeights: [{ targetCluster: { clusterNames: ["lab"] }, weight: 4 }] },
            placement: { clusters: ["eu-1", "us-1"] },
            expected: { "eu-1": 2, "us-1": 1 },
        },
        {
            name: "zeroReplicas scaleToZero keeps the left-out clusters at 0 (Karmada's --enable-empty-workload-propagation)",
            scheduling: { totalReplicas: 2, staticWeights: [{ targetCluster: { clusterNames: ["eu-1"] }, weight: 1 }], zeroReplicas: "scaleToZero" },
            expected: { "eu-1": 2, "eu-2": 0, "us-1": 0, lab: 0 },
        },
        { name: "Duplicated: every placed cluster runs all", scheduling: { totalReplicas: 3, replicaSchedulingType: "Duplicated" }, placement: { clusters: ["eu-1", "lab"] }, expected: { "eu-1": 3, lab: 3 } },
        { name: "Divided without weights: every cluster weighs 1", scheduling: { totalReplicas: 5, replicaSchedulingType: "Divided" }, expected: { "eu-1": 2, "eu-2": 1, lab: 1, "us-1": 1 } },
        {
            name: "dynamicWeight by the declared capacity (a cluster without one can take them all)",
            scheduling: { totalReplicas: 12, dynamicWeight: "AvailableReplicas", capacity: { "eu-1": 6, "eu-2": 8, "us-1": 10 } },
            placement: { clusters: ["eu-1", "eu-2", "us-1"] },
            expected: { "eu-1": 3, "eu-2": 4, "us-1": 5 },
        },
        {
            name: "dynamicWeight with the current assignment: a scale-up adds to it",
            scheduling: { totalReplicas: 24, dynamicWeight: "AvailableReplicas", capacity: { "eu-1": 10, "eu-2": 10, "us-1": 10 }, current: { "eu-1": 2, "eu-2": 4, "us-1": 6 } },
            placement: { clusters: ["eu-1", "eu-2", "us-1"] },
            expected: { "eu-1": 6, "eu-2": 8, "us-1": 10 },
        },
        {
            name: "Aggregated: as few clusters as hold the replicas",
            scheduling: { totalReplicas: 12, replicaDivisionPreference: "Aggregated", capacity: { "eu-1": 6, "eu-2": 8, "us-1": 10, lab: 0 } },
            expected: { "eu-2": 5, "us-1": 7 },
        },
    ];
    for (const c of cases) it(c.name, () => assert.deepEqual(replicas(plan(c.scheduling, c.placement)), c.expected));

    const R = 'FederatedDeployment "web"';
    const errors: { name: string; scheduling: unknown; error: ExpectedError }[] = [
        { name: "not enough capacity for dynamic weights", scheduling: { totalReplicas: 30, dynamicWeight: "AvailableReplicas", capacity: { "eu-1": 1, "eu-2": 1, "us-1": 1, lab: 1 } }, error: { resource: R, field: "scheduling", message: "available replicas (4) are not enough to schedule 30" } },
        { name: "dynamicWeight without capacity", scheduling: { totalReplicas: 3, dynamicWeight: "AvailableReplicas" }, error: { resource: R, field: "scheduling.capacity", message: "is required: dynamicWeight AvailableReplicas divides by the replicas each cluster can still take" } },
        { name: "static and dynamic weights together", scheduling: { totalReplicas: 3, dynamicWeight: "AvailableReplicas", capacity: {}, staticWeights: [{ targetCluster: {}, weight: 1 }] }, error: { resource: R, field: "scheduling.dynamicWeight", message: "Karmada would use dynamicWeight and ignore staticWeights" } },
        { name: "Duplicated with weights", scheduling: { totalReplicas: 3, replicaSchedulingType: "Duplicated", staticWeights: [{ targetCluster: {}, weight: 1 }] }, error: { resource: R, field: "scheduling.staticWeights", message: "Duplicated gives every cluster all of them" } },
        { name: "a lower-case enum value", scheduling: { totalReplicas: 3, replicaSchedulingType: "duplicated" }, error: { resource: R, field: "scheduling.replicaSchedulingType", message: 'Karmada spells it "Duplicated"' } },
        { name: "KubeFed's rebalance in the Karmada form", scheduling: { totalReplicas: 3, rebalance: true, replicaSchedulingType: "Divided" }, error: { resource: R, field: "scheduling.rebalance", message: "is KubeFed's form" } },
    ];
    for (const c of errors) it(`refuses ${c.name}`, () => assertFederationError(() => plan(c.scheduling), c.error));
});

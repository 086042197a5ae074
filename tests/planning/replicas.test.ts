/**
 * planReplicas: KubeFed's ReplicaSchedulingPreference planner. Expected plans are worked out by
 * hand from the rules in components/planning/replicas.ts; where ties matter, the order comes from
 * the FNV-1 hashes checked against the published test vectors below (for one-letter names the
 * hash falls as the letter rises: c < b < a).
 */
import { strict as assert } from "assert";
import { ReplicaSchedulingPreference, PlanReplicasOptions, fnv1Hash32, planReplicas, validateReplicaPreference } from "../../components/planning/replicas";
import { assertFederationError } from "./helpers";

describe("planning/replicas: fnv1Hash32", () => {
    const vectors: [string, number][] = [["", 0x811c9dc5], ["a", 0x050c5d7e], ["foobar", 0x31f0b262]];
    for (const [text, hash] of vectors) it(`FNV-1 32 of ${JSON.stringify(text)}`, () => assert.equal(fnv1Hash32(text), hash));
    it("one-letter names hash in reverse letter order (the tie-break order the tables rely on)", () => {
        assert.ok(fnv1Hash32("c") < fnv1Hash32("b") && fnv1Hash32("b") < fnv1Hash32("a"));
    });
});

describe("planning/replicas: planReplicas", () => {
    const cases: {
        name: string;
        preference: ReplicaSchedulingPreference;
        clusters: string[];
        options?: PlanReplicasOptions;
        plan: Record<string, number>;
        overflow?: Record<string, number>;
        unplaced?: number;
    }[] = [
        { name: "an even split with the same weight", preference: { totalReplicas: 9, clusters: { "*": { weight: 1 } } }, clusters: ["a", "b", "c"], plan: { a: 3, b: 3, c: 3 } },
        {
            name: "shares are rounded up in tie-break order (c, b, a), so the last gets what is left",
            preference: { totalReplicas: 10, clusters: { "*": { weight: 1 } } }, clusters: ["a", "b", "c"], plan: { a: 2, b: 4, c: 4 },
        },
        { name: "weights split proportionally", preference: { totalReplicas: 9, clusters: { a: { weight: 2 }, b: { weight: 1 } } }, clusters: ["a", "b"], plan: { a: 6, b: 3 } },
        {
            name: "minimums come first, the rest by weight",
            preference: { totalReplicas: 6, clusters: { a: { weight: 1, minReplicas: 5 }, b: { weight: 1 } } }, clusters: ["a", "b"], plan: { a: 5, b: 1 },
        },
        {
            name: "when minimums exceed the total, the heavier cluster's minimum is met first",
            preference: { totalReplicas: 4, clusters: { a: { weight: 2, minReplicas: 3 }, b: { weight: 1, minReplicas: 3 } } }, clusters: ["a", "b"], plan: { a: 3, b: 1 },
        },
        {
            name: "maxReplicas caps a cluster and the sharing repeats for the others",
            preference: { totalReplicas: 10, clusters: { a: { weight: 1, maxReplicas: 2 }, b: { weight: 1 } } }, clusters: ["a", "b"], plan: { a: 2, b: 8 },
        },
        {
            name: "replicas with no room left are unplaced",
            preference: { totalReplicas: 5, clusters: { "*": { weight: 1, maxReplicas: 1 } } }, clusters: ["a", "b"], plan: { a: 1, b: 1 }, unplaced: 3,
        },
        {
            name: "a cluster with no entry and no \"*\" gets 0",
            preference: { totalReplicas: 4, clusters: { a: { weight: 1 } } }, clusters: ["a", "b"], plan: { a: 4, b: 0 },
        },
        {
            name: "weight 0 gets only the minimum",
            preference: { totalReplicas: 5, clusters: { "*": { minReplicas: 1 } } }, clusters: ["a", "b"], plan: { a: 1, b: 1 }, unplaced: 3,
        },
        { name: "no replicas at all", preference: { totalReplicas: 0, clusters: { "*": { weight: 1 } } }, clusters: ["a", "b"], plan: { a: 0, b: 0 } },
        { name: "no available clusters", preference: { totalReplicas: 3, clusters: { "*": { weight: 1 } } }, clusters: [], plan: {}, unplaced: 3 },
        {
            name: "capacity caps a cluster; with rebalance its excess is overflow",
            preference: { totalReplicas: 6, rebalance: true, clusters: { "*": { weight: 1 } } }, clusters: ["a", "b"], options: { capacity: { a: 1 } },
            plan: { a: 1, b: 5 }, overflow: { a: 2 },
        },
        {
            name: "capacity without rebalance: overflow only counts replicas placed nowhere",
            preference: { totalReplicas: 6, clusters: { "*": { weight: 1 } } }, clusters: ["a", "b"], options: { capacity: { a: 1 } }, plan: { a: 1, b: 5 }, overflow: {},
        },
        {
            name: "capacity also caps minimums",
            preference: { totalReplicas: 6, rebalance: true, clusters: { a: { minReplicas: 4 }, b: { weight: 1 } } }, clusters: ["a", "b"], options: { capacity: { a: 2 } },
            plan: { a: 2, b: 4 },
        },
        {
            name: "without rebalance, current replicas stay where they are",
            preference: { totalReplicas: 4, clusters: { "*": { weight: 1 } } }, clusters: ["a", "b"], options: { current: { a: 4 } }, plan: { a: 4, b: 0 },
        },
        {
            name: "with rebalance, current replicas are ignored",
            preference: { totalReplicas: 4, rebalance: true, clusters: { "*": { weight: 1 } } }, clusters: ["a", "b"], options: { current: { a: 4 } }, plan: { a: 2, b: 2 },
        },
        {
            name: "without rebalance, current replicas above maxReplicas are cut to it",
            preference: { totalReplicas: 4, clusters: { a: { weight: 1, maxReplicas: 3 }, b: { weight: 1 } } }, clusters: ["a", "b"], options: { current: { a: 4 } }, plan: { a: 3, b: 1 },
        },
        {
            name: "the tie-break hash takes the key: without one cluster2 goes first",
            preference: { totalReplicas: 3, clusters: { "*": { weight: 1 } } }, clusters: ["cluster1", "cluster2"], plan: { cluster1: 1, cluster2: 2 },
        },
        {
            name: "the tie-break hash takes the key: with key \"web\" cluster1 goes first",
            preference: { totalReplicas: 3, clusters: { "*": { weight: 1 } } }, clusters: ["cluster1", "cluster2"], options: { key: "web" }, plan: { cluster1: 2, cluster2: 1 },
        },
        {
            name: "an own entry wins over \"*\"",
            preference: { totalReplicas: 8, clusters: { "*": { weight: 1 }, b: { weight: 3 } } }, clusters: ["a", "b"], plan: { a: 2, b: 6 },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const result = planReplicas(c.preference, c.clusters, c.options);
            assert.deepEqual(result.plan, c.plan);
            assert.deepEqual(Object.keys(result.plan), c.clusters, "every available cluster, in the given order");
            assert.deepEqual(result.overflow, c.overflow ?? {});
            assert.equal(result.unplaced, c.unplaced ?? 0);
            assert.equal(Object.values(result.plan).reduce((a, b) => a + b, 0) + result.unplaced, c.preference.totalReplicas);
        });
    }
});

describe("planning/replicas: validateReplicaPreference", () => {
    const cases: { name: string; preference: unknown; field?: string; cluster?: string; message: string }[] = [
        { name: "not an object", preference: 5, message: "totalReplicas and clusters" },
        { name: "replicas as text", preference: { totalReplicas: "five", clusters: {} }, field: "totalReplicas", message: 'string "five"' },
        { name: "negative replicas", preference: { totalReplicas: -1, clusters: {} }, field: "totalReplicas", message: "whole number" },
        { name: "no clusters", preference: { totalReplicas: 1 }, field: "clusters", message: "must map member names" },
        { name: "fractional weight", preference: { totalReplicas: 1, clusters: { a: { weight: 1.5 } } }, field: 'clusters["a"].weight', cluster: "a", message: "whole number" },
        { name: "a misspelt field", preference: { totalReplicas: 1, clusters: { a: { weigth: 1 } } }, field: 'clusters["a"].weigth', cluster: "a", message: "not a cluster preference field" },
        { name: "min above max", preference: { totalReplicas: 1, clusters: { "*": { minReplicas: 3, maxReplicas: 2 } } }, field: 'clusters["*"].minReplicas', message: "more than maxReplicas 2" },
        { name: "an unknown top-level field", preference: { totalReplicas: 1, clusters: {}, replicas: 3 }, field: "replicas", message: "not a scheduling preference field" },
    ];
    for (const c of cases) {
        it(`rejects ${c.name}`, () => assertFederationError(() => validateReplicaPreference(c.preference), { field: c.field, cluster: c.cluster, message: c.message }));
    }
});

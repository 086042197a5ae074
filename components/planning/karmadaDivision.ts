/**
 * Karmada's replica division, reimplemented from its scheduler (pkg/scheduler/core and
 * pkg/util/helper of karmada-io/karmada, v1.16 and later):
 *
 * - Static weights (`Divided`, `Weighted`, `staticWeightList`): each cluster's weight is the
 *   highest weight of the rules whose target matches it; a cluster no rule matches takes no part;
 *   when no rule matches any cluster, every cluster weighs 1. The replicas are then seated by
 *   Webster's method (Sainte-Laguë): one at a time, to the cluster with the highest
 *   weight / (2 * seats + 1); a tie goes to the cluster with fewer seats, then by name.
 * - Dynamic weights (`dynamicWeight: AvailableReplicas`): the weights are the replicas each
 *   cluster can still take. A first schedule seats every replica; with the current assignment
 *   given, a scale-up seats only the new replicas (added to what clusters run), a scale-down
 *   shrinks the current assignment in proportion. Fewer available replicas than needed is an
 *   error, as in Karmada ("not enough to schedule").
 * - `Aggregated`: the clusters with the most available replicas (those running replicas now
 *   first), as few as can hold them all, then seated as above.
 * - `Duplicated`: every cluster runs all the replicas.
 * - Clusters left with 0 replicas are dropped from the result, as Karmada's scheduler drops them
 *   (unless its --enable-empty-workload-propagation is set).
 *
 * Karmada breaks name ties ascending or descending by the parity of a hash of the workload's UID,
 * which is random per object; a program has no UID before the object exists, so ties go by name
 * ascending, Karmada's rule for an empty UID.
 */

export type KarmadaDivision =
    | { type: "Duplicated" }
    | { type: "StaticWeighted"; weights: ReadonlyMap<string, number> }
    | { type: "DynamicWeighted" | "Aggregated"; available: ReadonlyMap<string, number>; current?: ReadonlyMap<string, number> };

export interface KarmadaResult {
    /** Replicas per cluster, clusters with 0 left out, in cluster name order (Duplicated: input order). */
    plan: Map<string, number>;
}

/** Why a division cannot be made (Karmada's scheduler error), or the plan. */
export function divideReplicasAsKarmada(totalReplicas: number, clusters: readonly string[], division: KarmadaDivision): KarmadaResult | { problem: string } {
    if (division.type === "Duplicated") {
        return { plan: new Map(totalReplicas > 0 ? clusters.map((cluster) => [cluster, totalReplicas]) : []) };
    }
    if (division.type === "StaticWeighted") {
        const matched = clusters.filter((cluster) => (division.weights.get(cluster) ?? 0) > 0);
        const votes = new Map(matched.length > 0 ? matched.map((cluster) => [cluster, division.weights.get(cluster)!]) : clusters.map((cluster) => [cluster, 1]));
        return { plan: withoutZeros(websterSeats(votes, totalReplicas)) };
    }
    return dynamicDivision(totalReplicas, clusters, division);
}

function dynamicDivision(
    totalReplicas: number,
    clusters: readonly string[],
    division: { type: "DynamicWeighted" | "Aggregated"; available: ReadonlyMap<string, number>; current?: ReadonlyMap<string, number> },
): KarmadaResult | { problem: string } {
    const current = new Map(clusters.filter((cluster) => (division.current?.get(cluster) ?? 0) > 0).map((cluster) => [cluster, division.current!.get(cluster)!]));
    const assigned = sum(current.values());
    if (current.size > 0 && assigned === totalReplicas) return { plan: withoutZeros(sortedByName(current)) };
    let votes: Map<string, number>;
    let target: number;
    let base = new Map<string, number>();
    if (current.size > 0 && assigned > totalReplicas) {
        // Scale down: shrink the current assignment in proportion.
        votes = current;
        target = totalReplicas;
    } else {
        // First schedule or scale up: the new replicas go by what each cluster can still take.
        votes = new Map(clusters.map((cluster) => [cluster, division.available.get(cluster) ?? 0]));
        target = totalReplicas - assigned;
        base = current;
        if (division.type === "Aggregated") votes = aggregatedPrefix(votes, target, current);
    }
    const available = sum(votes.values());
    if (available < target) return { problem: `the clusters' available replicas (${available}) are not enough to schedule ${target} (Karmada: "Clusters available replicas ${available} are not enough to schedule.")` };
    const seats = websterSeats(votes, target);
    for (const [cluster, replicas] of base) seats.set(cluster, (seats.get(cluster) ?? 0) + replicas);
    return { plan: withoutZeros(sortedByName(seats)) };
}

/** The fewest clusters, most available first (those running replicas now before all others), that hold `target`. */
function aggregatedPrefix(votes: Map<string, number>, target: number, current: ReadonlyMap<string, number>): Map<string, number> {
    const order = [...votes.keys()].sort((a, b) => votes.get(b)! - votes.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
    const ranked = [...order.filter((cluster) => current.has(cluster)), ...order.filter((cluster) => !current.has(cluster))];
    const prefix = new Map<string, number>();
    let held = 0;
    for (const cluster of ranked) {
        if (held >= target && prefix.size > 0) break;
        prefix.set(cluster, votes.get(cluster)!);
        held += votes.get(cluster)!;
    }
    return prefix;
}

/**
 * Webster's method: `seats` seats, one at a time, to the party with the highest
 * votes / (2 * seats + 1); ties to fewer seats, then the name first in order. Parties with no
 * votes take no seats. The result has every party, in name order.
 */
export function websterSeats(votes: ReadonlyMap<string, number>, seats: number): Map<string, number> {
    const parties = [...votes.entries()].map(([name, weight]) => ({ name, votes: weight, seats: 0 }));
    const voting = parties.filter((party) => party.votes > 0);
    const preseated = preseat(voting, seats);
    const better = (a: (typeof parties)[number], b: (typeof parties)[number]): boolean => {
        // Compare votes_a/(2s_a+1) with votes_b/(2s_b+1) exactly, by cross-multiplying (in
        // BigInt when the products could pass 2^53).
        let left: number | bigint = a.votes * (2 * b.seats + 1);
        let right: number | bigint = b.votes * (2 * a.seats + 1);
        if (!Number.isSafeInteger(left) || !Number.isSafeInteger(right)) {
            left = BigInt(a.votes) * BigInt(2 * b.seats + 1);
            right = BigInt(b.votes) * BigInt(2 * a.seats + 1);
        }
        if (left !== right) return left > right;
        if (a.seats !== b.seats) return a.seats < b.seats;
        return a.name < b.name;
    };
    const heap = new PartyHeap(voting, better);
    for (let seat = preseated; seat < seats && heap.size > 0; seat++) {
        const top = heap.pop();
        top.seats++;
        heap.push(top);
    }
    return sortedByName(new Map(parties.map((party) => [party.name, party.seats])));
}

/**
 * Seats every (party, seat) pair whose priority votes / (2s + 1) is above V / (2S - n) (V the
 * votes, S the seats, n the parties): there are at most S of them, each outranks every other pair,
 * so Webster's sequence seats them all first, and at most n seats are left for the heap. Exact
 * (integer arithmetic), and it keeps a division of two billion replicas as fast as one of ten.
 */
function preseat(parties: { votes: number; seats: number }[], seats: number): number {
    const n = parties.length;
    if (n === 0 || 2 * seats <= n) return 0;
    const total = parties.reduce((sum, party) => sum + BigInt(party.votes), 0n);
    const scale = BigInt(2 * seats - n);
    let seated = 0;
    for (const party of parties) {
        // Pairs with votes * (2S - n) > V * (2s + 1): 2s + 1 <= floor((votes * (2S - n) - 1) / V).
        const odd = (BigInt(party.votes) * scale - 1n) / total;
        party.seats = odd >= 1n ? Number((odd - 1n) / 2n + 1n) : 0;
        seated += party.seats;
    }
    return seated;
}

/** A binary max-heap by `better`, so seating n replicas over k clusters costs n log k. */
class PartyHeap<T> {
    private readonly items: T[] = [];
    constructor(items: T[], private readonly better: (a: T, b: T) => boolean) {
        for (const item of items) this.push(item);
    }
    get size(): number {
        return this.items.length;
    }
    push(item: T): void {
        const items = this.items;
        items.push(item);
        for (let i = items.length - 1; i > 0; ) {
            const parent = (i - 1) >> 1;
            if (!this.better(items[i], items[parent])) break;
            [items[i], items[parent]] = [items[parent], items[i]];
            i = parent;
        }
    }
    pop(): T {
        const items = this.items;
        const top = items[0];
        const last = items.pop()!;
        if (items.length > 0) {
            items[0] = last;
            for (let i = 0; ; ) {
                const left = 2 * i + 1;
                const right = left + 1;
                let best = i;
                if (left < items.length && this.better(items[left], items[best])) best = left;
                if (right < items.length && this.better(items[right], items[best])) best = right;
                if (best === i) break;
                [items[i], items[best]] = [items[best], items[i]];
                i = best;
            }
        }
        return top;
    }
}

function sortedByName(map: ReadonlyMap<string, number>): Map<string, number> {
    return new Map([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function withoutZeros(map: Map<string, number>): Map<string, number> {
    return new Map([...map.entries()].filter(([, replicas]) => replicas > 0));
}

function sum(values: Iterable<number>): number {
    let total = 0;
    for (const value of values) total += value;
    return total;
}

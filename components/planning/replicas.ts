/**
 * Replica scheduling: how many of a workload's replicas each cluster runs. The algorithm is
 * KubeFed's ReplicaSchedulingPreference planner, reimplemented here:
 *   1. clusters without a preference (and no "*" entry) get 0;
 *   2. preferences are ordered by weight (descending), ties by the 32-bit FNV-1 hash of cluster
 *      name + key (ascending), so single replicas do not all land on the alphabetically first
 *      cluster;
 *   3. every cluster first gets its minReplicas (capped by what is left and by capacity);
 *   4. with rebalance off, clusters keep their current count where possible;
 *   5. the rest is shared by weight, each share rounded up, and the sharing repeats until no
 *      replica or no room is left; maxReplicas and capacity cap a cluster (capacity excess is
 *      reported as overflow).
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { describeType } from "./names";
import { isPlainObject } from "./opaque";
import { unknownFieldReason } from "./suggest";

/** One cluster's entry in KubeFed's replica scheduling: its weight and its limits. */
export interface ClusterReplicaPreference {
    /** Share of the replicas left after minimums. Default 0 (a cluster with weight 0 gets only its minimum). */
    weight?: number;
    /** Replicas the cluster gets first, before the rest is shared by weight (as far as the total and its capacity allow). Default 0. */
    minReplicas?: number;
    /** Replicas the cluster never goes beyond. Default: no limit. */
    maxReplicas?: number;
}

/** KubeFed's ReplicaSchedulingPreference: a total divided over clusters by weight, within per-cluster limits. */
export interface ReplicaSchedulingPreference {
    /** The replicas to divide over the clusters. */
    totalReplicas: number;
    /** When false (the default), clusters keep their current replicas where the plan allows. */
    rebalance?: boolean;
    /** By member name, or "*" for every member without an entry of its own. */
    clusters: Record<string, ClusterReplicaPreference>;
}

/** Options of {@link planReplicas}: what the clusters run now and can take, which KubeFed reads from the clusters. */
export interface PlanReplicasOptions {
    /** Replicas each cluster runs now (used when rebalance is false). */
    current?: Record<string, number>;
    /** How many replicas each cluster can take at most. */
    capacity?: Record<string, number>;
    /** Mixed into the tie-break hash (KubeFed uses the workload's namespace/name). */
    key?: string;
}

/** What {@link planReplicas} decided: replicas per cluster, the capacity overflow, and what was left over. */
export interface ReplicaPlan {
    /** Replicas per available cluster, in the order the clusters were given (0 included). */
    plan: Record<string, number>;
    /** Replicas a cluster would have taken beyond its capacity. */
    overflow: Record<string, number>;
    /** Replicas that found no cluster (total minus the plan's sum). */
    unplaced: number;
}

/** 32-bit FNV-1 (multiply, then xor) over the UTF-8 bytes of `text`, as Go's hash/fnv New32. */
export function fnv1Hash32(text: string): number {
    let hash = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(text)) {
        hash = Math.imul(hash, 0x01000193) >>> 0;
        hash = (hash ^ byte) >>> 0;
    }
    return hash;
}

interface Ranked {
    cluster: string;
    hash: number;
    weight: number;
    min: number;
    max?: number;
}

/**
 * KubeFed's ReplicaSchedulingPreference planner: divides `preference.totalReplicas` over
 * `availableClusters`. A cluster without an entry (and no `"*"`) gets 0; minimums come first,
 * heavier clusters first (ties by the FNV-1 hash of cluster name + `options.key`); without
 * `rebalance`, clusters keep their `current` counts where the limits allow; the rest is shared by
 * weight, capped by `maxReplicas` and `capacity`. Throws a FederationError for a malformed preference.
 */
export function planReplicas(preference: ReplicaSchedulingPreference, availableClusters: readonly string[], options: PlanReplicasOptions = {}): ReplicaPlan {
    validateReplicaPreference(preference);
    validatePlanOptions(availableClusters, options);
    // Member names are user keys ("constructor" is a valid one): look them up in Maps of the
    // maps' own entries, never through plain objects and their prototype.
    const capacity = ownEntries(options.capacity);
    const current = ownEntries(options.current);
    const preferences = ownEntries(preference.clusters);
    const key = options.key ?? "";
    const plan = new Map<string, number>();
    const overflow = new Map<string, number>();

    let ranked: Ranked[] = [];
    for (const cluster of availableClusters) {
        const own = preferences.get(cluster) ?? preferences.get("*");
        plan.set(cluster, 0);
        if (own === undefined) continue;
        ranked.push({ cluster, hash: fnv1Hash32(cluster + key), weight: own.weight ?? 0, min: own.minReplicas ?? 0, max: own.maxReplicas });
    }
    ranked.sort((a, b) => b.weight - a.weight || a.hash - b.hash);

    let remaining = preference.totalReplicas;
    for (const entry of ranked) {
        let take = Math.min(entry.min, remaining);
        const room = capacity.get(entry.cluster);
        if (room !== undefined) take = Math.min(take, room);
        plan.set(entry.cluster, take);
        remaining -= take;
    }

    // Without rebalancing, what a cluster runs now is set aside for it first (up to its limits);
    // the sharing below hands it out before giving that cluster anything new.
    const preallocated = new Map<string, number>();
    if (!preference.rebalance) {
        for (const entry of ranked) {
            const planned = plan.get(entry.cluster)!;
            const now = current.get(entry.cluster);
            if (now === undefined || now <= planned) continue;
            let target = now;
            if (entry.max !== undefined) target = Math.min(target, entry.max);
            const room = capacity.get(entry.cluster);
            if (room !== undefined) target = Math.min(target, room);
            const extra = Math.max(0, Math.min(target - planned, remaining));
            remaining -= extra;
            preallocated.set(entry.cluster, extra);
            plan.set(entry.cluster, planned + extra);
        }
    }

    let changed = true;
    while (changed && remaining > 0) {
        changed = false;
        const weightSum = ranked.reduce((sum, entry) => sum + entry.weight, 0);
        if (weightSum <= 0) break;
        const toShare = remaining;
        const stillOpen: Ranked[] = [];
        for (const entry of ranked) {
            const start = plan.get(entry.cluster)!;
            let extra = Math.min(Math.ceil((toShare * entry.weight) / weightSum), remaining);
            const reserved = preallocated.get(entry.cluster) ?? 0;
            const fromReserve = Math.min(extra, reserved);
            preallocated.set(entry.cluster, reserved - fromReserve);
            extra -= fromReserve;
            if (fromReserve > 0) changed = true;
            let total = start + extra;
            let full = false;
            if (entry.max !== undefined && total > entry.max) {
                total = entry.max;
                full = true;
            }
            const room = capacity.get(entry.cluster);
            if (room !== undefined && total > room) {
                overflow.set(entry.cluster, total - room);
                total = room;
                full = true;
            }
            if (!full) stillOpen.push(entry);
            remaining -= total - start;
            plan.set(entry.cluster, total);
            if (total > start) changed = true;
        }
        ranked = stillOpen;
    }

    if (!preference.rebalance) {
        // Without rebalancing, overflow is only what could not be placed anywhere.
        for (const [cluster, excess] of [...overflow]) {
            const value = Math.min(excess, remaining);
            if (value > 0) overflow.set(cluster, value);
            else overflow.delete(cluster);
        }
    }
    return { plan: Object.fromEntries(plan), overflow: Object.fromEntries(overflow), unplaced: remaining };
}

const PREFERENCE_FIELDS = ["weight", "minReplicas", "maxReplicas"];

/** Checks a preference's shape; fields are relative to it (`clusters["eu"].maxReplicas`). */
export function validateReplicaPreference(preference: unknown, location: FederationErrorLocation = {}): asserts preference is ReplicaSchedulingPreference {
    const at = (field: string) => ({ ...location, field: location.field ? `${location.field}.${field}` : field });
    if (!isPlainObject(preference)) {
        throw new FederationError({ ...location }, `a scheduling preference is an object with totalReplicas and clusters, got ${describeType(preference)}`);
    }
    const { totalReplicas, rebalance, clusters, ...rest } = preference;
    const extra = Object.keys(rest);
    if (extra.length > 0) throw new FederationError(at(extra[0]), unknownFieldReason(extra[0], ["totalReplicas", "rebalance", "clusters"], "scheduling preference"));
    if (!isCount(totalReplicas)) throw new FederationError(at("totalReplicas"), `must be a whole number of replicas (0 or more), got ${describeType(totalReplicas)}`);
    if (rebalance !== undefined && typeof rebalance !== "boolean") throw new FederationError(at("rebalance"), `must be true or false, got ${describeType(rebalance)}`);
    if (!isPlainObject(clusters)) throw new FederationError(at("clusters"), `must map member names (or "*") to { weight, minReplicas, maxReplicas }, got ${describeType(clusters)}`);
    for (const [cluster, entry] of Object.entries(clusters)) {
        const field = `clusters["${cluster}"]`;
        if (!isPlainObject(entry)) throw new FederationError({ ...at(field), cluster: cluster === "*" ? undefined : cluster }, `must be { weight, minReplicas, maxReplicas }, got ${describeType(entry)}`);
        for (const name of Object.keys(entry)) {
            if (!PREFERENCE_FIELDS.includes(name)) throw new FederationError({ ...at(`${field}.${name}`), cluster: cluster === "*" ? undefined : cluster }, unknownFieldReason(name, PREFERENCE_FIELDS, "cluster preference"));
            if (entry[name] !== undefined && !isCount(entry[name])) {
                throw new FederationError({ ...at(`${field}.${name}`), cluster: cluster === "*" ? undefined : cluster }, `must be a whole number (0 or more), got ${describeType(entry[name])}`);
            }
        }
        const { minReplicas, maxReplicas } = entry as ClusterReplicaPreference;
        if (minReplicas !== undefined && maxReplicas !== undefined && minReplicas > maxReplicas) {
            throw new FederationError({ ...at(`${field}.minReplicas`), cluster: cluster === "*" ? undefined : cluster }, `minReplicas ${minReplicas} is more than maxReplicas ${maxReplicas}`);
        }
    }
}

function isCount(value: unknown): value is number {
    return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** The cluster list names each cluster once; current and capacity are whole numbers. */
function validatePlanOptions(availableClusters: readonly string[], options: PlanReplicasOptions): void {
    const seen = new Set<string>();
    availableClusters.forEach((cluster, index) => {
        if (seen.has(cluster)) throw new FederationError({ cluster, field: `availableClusters[${index}]` }, "is listed twice");
        seen.add(cluster);
    });
    for (const key of ["current", "capacity"] as const) {
        for (const [cluster, value] of Object.entries(options[key] ?? {})) {
            if (!isCount(value)) throw new FederationError({ cluster, field: `${key}["${cluster}"]` }, `must be a whole number of replicas (0 or more), got ${describeType(value)}`);
        }
    }
}

/** A map's own entries (none for undefined), so that no key ever reads Object.prototype. */
function ownEntries<T>(map: Readonly<Record<string, T>> | undefined): Map<string, T> {
    return new Map(map === undefined ? [] : Object.entries(map));
}

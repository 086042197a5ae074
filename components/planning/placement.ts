/**
 * Placement: which member clusters receive a federated resource. Semantics are KubeFed's:
 * - `clusters` given: exactly those members (an empty list means none) and the selector is ignored;
 * - otherwise `clusterSelector` is matched against member labels, and `{}` selects every member;
 * - no placement at all selects no cluster.
 */
import { FederationError } from "../errors";
import { Member } from "./members";
import { describeType } from "./names";
import { LabelSelector, matchesSelector, validateSelector } from "./selector";

export interface Placement {
    /** Member names. When present it wins over `clusterSelector`; `[]` places nowhere. */
    clusters?: string[];
    /** Matched against member labels when `clusters` is absent. `{}` matches every member. */
    clusterSelector?: LabelSelector;
}

/**
 * The names of the members that `placement` selects, in member order. Throws a FederationError
 * for a malformed placement or a cluster name that is not a member.
 */
export function computePlacement(placement: Placement | undefined, members: readonly Member[]): string[] {
    if (placement === undefined || placement === null) return [];
    validatePlacement(placement, members);
    if (placement.clusters !== undefined) {
        const wanted = new Set(placement.clusters);
        return members.filter((member) => wanted.has(member.name)).map((member) => member.name);
    }
    if (placement.clusterSelector !== undefined) {
        const selector = placement.clusterSelector;
        return members.filter((member) => matchesSelector(selector, member.labels)).map((member) => member.name);
    }
    return [];
}

/** Throws a FederationError (field relative to the component: `placement.…`) for bad placement. */
export function validatePlacement(placement: unknown, members: readonly Member[]): asserts placement is Placement {
    if (placement === null || typeof placement !== "object" || Array.isArray(placement)) {
        throw new FederationError({ field: "placement" }, `must be an object with clusters and/or clusterSelector, got ${describeType(placement)}`);
    }
    const { clusters, clusterSelector, ...rest } = placement as Record<string, unknown>;
    const unknownKeys = Object.keys(rest);
    if (unknownKeys.length > 0) {
        throw new FederationError({ field: `placement.${unknownKeys[0]}` }, "is not a placement field (expected clusters and/or clusterSelector)");
    }
    if (clusters !== undefined) {
        if (!Array.isArray(clusters)) {
            throw new FederationError({ field: "placement.clusters" }, `must be a list of member cluster names, got ${describeType(clusters)}`);
        }
        const names = new Set(members.map((member) => member.name));
        clusters.forEach((cluster, index) => {
            const field = `placement.clusters[${index}]`;
            if (typeof cluster !== "string") {
                throw new FederationError({ field }, `must be a member cluster name, got ${describeType(cluster)}`);
            }
            if (!names.has(cluster)) {
                throw new FederationError({ cluster, field }, `is not a member of the federation (members: ${listNames(members)})`);
            }
        });
    }
    if (clusterSelector !== undefined) {
        try {
            validateSelector(clusterSelector);
        } catch (error) {
            throw rebase(error, "placement.clusterSelector");
        }
    }
}

/** `placed` restricted to the clusters also in `allowed`, keeping `placed`'s order. */
export function intersectPlacement(placed: readonly string[], allowed: readonly string[]): string[] {
    const allowedSet = new Set(allowed);
    return placed.filter((cluster) => allowedSet.has(cluster));
}

export function listNames(members: readonly Member[]): string {
    return members.length === 0 ? "none" : members.map((member) => member.name).join(", ");
}

/** Re-roots a FederationError's field under `prefix`; other errors pass through unchanged. */
export function rebase(error: unknown, prefix: string): unknown {
    return error instanceof FederationError ? error.within({ field: prefix }) : error;
}

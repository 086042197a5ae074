/**
 * The list of override entries on a federated resource, and which of them apply to each member.
 *
 * An entry targets clusters by `clusterName` (KubeFed's form) or by `clusterSelector` over
 * member labels, and carries KubeFed `clusterOverrides` (JSON patch) and/or a typed `patch`
 * (merge patch). For one cluster the matching entries apply in this order:
 *   1. entries with a `clusterSelector`, in list order (broad defaults first),
 *   2. then the entry naming the cluster (the most specific word wins);
 * within one entry the `patch` merges first, then the Karmada-style `overriders` (image,
 * command, args, labels, annotations), then `clusterOverrides` apply in order.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { Member } from "./members";
import { validateMergePatch } from "./mergePatch";
import { describeType } from "./names";
import { ClusterOverride, validateClusterOverrides } from "./overrides";
import { listNames } from "./placement";
import { LabelSelector, matchesSelector, validateSelector } from "./selector";
import { Overriders, validateOverriders } from "./overriders";
import { suggestion } from "./suggest";

const ENTRY_FIELDS = ["clusterName", "clusterSelector", "clusterOverrides", "patch", "overriders"];

/**
 * One entry of a federated component's `overrides`: which members it is for (by name or by
 * selector), and what changes on them. `P` is the type of `patch`.
 */
export interface OverrideEntry<P = unknown> {
    /** The member this entry is for. Exactly one of clusterName and clusterSelector. */
    clusterName?: string;
    /** Members whose labels match. Exactly one of clusterName and clusterSelector. */
    clusterSelector?: LabelSelector;
    /** KubeFed JSON patch operations, applied in order. */
    clusterOverrides?: ClusterOverride[];
    /** A partial of the template, merged in (RFC 7396: objects merge, null deletes, lists replace). */
    patch?: P;
    /** Karmada-style overriders: image parts, command and args, labels and annotations. */
    overriders?: Overriders;
}

/**
 * Checks every entry (also those for clusters outside the placement, so a typo never waits for
 * the day a cluster is added) and throws a FederationError with the entry's field.
 */
export function validateOverrideEntries(entries: unknown, members: readonly Member[], location: FederationErrorLocation = {}): asserts entries is OverrideEntry[] {
    if (entries === undefined) return;
    if (!Array.isArray(entries)) {
        throw new FederationError({ ...location, field: "overrides" }, `must be a list of override entries, got ${describeType(entries)}`);
    }
    const memberNames = new Set(members.map((member) => member.name));
    const named = new Map<string, number>();
    entries.forEach((entry, index) => {
        const field = `overrides[${index}]`;
        const at = (sub?: string, cluster?: string): FederationErrorLocation => ({
            ...location,
            cluster,
            field: sub ? `${field}.${sub}` : field,
        });
        if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
            throw new FederationError(at(), `must be an object with clusterName or clusterSelector, got ${describeType(entry)}`);
        }
        const { clusterName, clusterSelector, clusterOverrides, patch, overriders, ...rest } = entry as Record<string, unknown>;
        const extra = Object.keys(rest);
        if (extra.length > 0) {
            throw new FederationError(at(extra[0]), `is not an override entry field (expected clusterName or clusterSelector, and clusterOverrides, patch and/or overriders)${suggestion(extra[0], ENTRY_FIELDS)}`);
        }
        if ((clusterName === undefined) === (clusterSelector === undefined)) {
            throw new FederationError(at(), "needs exactly one of clusterName and clusterSelector");
        }
        if (clusterName !== undefined) {
            if (typeof clusterName !== "string") {
                throw new FederationError(at("clusterName"), `must be a member cluster name, got ${describeType(clusterName)}`);
            }
            if (!memberNames.has(clusterName)) {
                throw new FederationError(at("clusterName", clusterName), `is not a member of the federation (members: ${listNames(members)})`);
            }
            const earlier = named.get(clusterName);
            if (earlier !== undefined) {
                throw new FederationError(
                    at("clusterName", clusterName),
                    `duplicate override entry for this cluster (also overrides[${earlier}]); put all of its operations in one entry`,
                );
            }
            named.set(clusterName, index);
        } else {
            try {
                validateSelector(clusterSelector);
            } catch (error) {
                throw error instanceof FederationError ? error.within(at("clusterSelector")) : error;
            }
        }
        const cluster = typeof clusterName === "string" ? clusterName : undefined;
        if (clusterOverrides !== undefined) {
            validateClusterOverrides(clusterOverrides, at(undefined, cluster));
        }
        if (patch !== undefined) {
            validateMergePatch(patch, at("patch", cluster));
        }
        if (overriders !== undefined) {
            validateOverriders(overriders, at("overriders", cluster));
        }
    });
}

/** The indexes of the entries that apply to `member`, in the order they apply. */
export function overrideOrderFor(entries: readonly OverrideEntry[] | undefined, member: Member): number[] {
    if (!entries) return [];
    const bySelector: number[] = [];
    const byName: number[] = [];
    entries.forEach((entry, index) => {
        if (entry.clusterName !== undefined) {
            if (entry.clusterName === member.name) byName.push(index);
        } else if (entry.clusterSelector && matchesSelector(entry.clusterSelector, member.labels)) {
            bySelector.push(index);
        }
    });
    return [...bySelector, ...byName];
}

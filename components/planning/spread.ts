/**
 * Spread constraints over member labels, in the manner of Karmada's `spreadByLabel`: "run in at
 * least 2 and at most 3 distinct regions". Candidates are grouped by the label's value; groups are
 * taken in the order of their first member (member order is the user's preference order), up to
 * `maxGroups`; fewer than `minGroups` groups is an error. Members without the label belong to no
 * group and are left out.
 */
import { FederationError } from "../errors";
import { Member } from "./members";
import { describeType } from "./names";
import { isPlainObject, ownValue } from "./opaque";
import { unknownFieldReason } from "./suggest";

/** Karmada's `spreadByLabel` constraint: the placed clusters must span, and are cut down to, a number of distinct values of a member label. */
export interface SpreadConstraint {
    /** The member label whose distinct values are counted, e.g. `topology.kubernetes.io/region`. */
    spreadByLabel: string;
    /** At least this many distinct values (default 1). */
    minGroups?: number;
    /** At most this many distinct values (default: no limit). */
    maxGroups?: number;
}

/** Why `clusters` cannot satisfy the constraints, or the clusters kept (in the given order). */
export type SpreadResult =
    | {
          /** The clusters kept, in the given order. */
          clusters: string[];
      }
    | {
          /** Why the clusters cannot satisfy the constraint. */
          problem: string;
          /** The index of the constraint that failed. */
          constraint: number;
      };

/**
 * Applies the constraints in order to `clusters`: each groups them by its label's value (clusters
 * without the label are left out), keeps the first `maxGroups` groups in cluster order, and fails
 * with fewer than `minGroups` groups.
 */
export function applySpreadConstraints(clusters: readonly string[], members: readonly Member[], constraints: readonly SpreadConstraint[]): SpreadResult {
    const labelsOf = new Map(members.map((member) => [member.name, member.labels ?? {}]));
    let kept = [...clusters];
    for (let index = 0; index < constraints.length; index++) {
        const { spreadByLabel, minGroups = 1, maxGroups } = constraints[index];
        const groups: string[] = [];
        for (const cluster of kept) {
            const value = ownValue(labelsOf.get(cluster), spreadByLabel);
            if (value !== undefined && !groups.includes(value)) groups.push(value);
        }
        if (groups.length < minGroups) {
            const wanted = `${minGroups} distinct "${spreadByLabel}" value${minGroups === 1 ? "" : "s"}`;
            const found = groups.length === 0 ? `none of them has the label "${spreadByLabel}"` : `found ${groups.length} (${groups.join(", ")})`;
            return { constraint: index, problem: `needs at least ${wanted} among the placed clusters, but ${found}` };
        }
        const chosen = new Set(maxGroups === undefined ? groups : groups.slice(0, maxGroups));
        kept = kept.filter((cluster) => {
            const value = ownValue(labelsOf.get(cluster), spreadByLabel);
            return value !== undefined && chosen.has(value);
        });
    }
    return { clusters: kept };
}

/** Checks the constraint list; fields relative to it (`[0].maxGroups`). */
export function validateSpreadConstraints(constraints: unknown, field: string): asserts constraints is SpreadConstraint[] {
    if (!Array.isArray(constraints)) throw new FederationError({ field }, `must be a list of { spreadByLabel, minGroups?, maxGroups? }, got ${describeType(constraints)}`);
    constraints.forEach((constraint, index) => {
        const at = `${field}[${index}]`;
        if (!isPlainObject(constraint)) throw new FederationError({ field: at }, `must be { spreadByLabel, minGroups?, maxGroups? }, got ${describeType(constraint)}`);
        const { spreadByLabel, minGroups, maxGroups, ...rest } = constraint;
        const extra = Object.keys(rest);
        if (extra.length > 0) throw new FederationError({ field: `${at}.${extra[0]}` }, unknownFieldReason(extra[0], ["spreadByLabel", "minGroups", "maxGroups"], "spread constraint"));
        if (typeof spreadByLabel !== "string" || spreadByLabel.length === 0) throw new FederationError({ field: `${at}.spreadByLabel` }, "must be a member label key such as region");
        for (const [name, value] of [["minGroups", minGroups], ["maxGroups", maxGroups]] as const) {
            if (value !== undefined && (typeof value !== "number" || !Number.isInteger(value) || value < 1)) {
                throw new FederationError({ field: `${at}.${name}` }, `must be a whole number of at least 1, got ${describeType(value)}`);
            }
        }
        if (typeof minGroups === "number" && typeof maxGroups === "number" && minGroups > maxGroups) {
            throw new FederationError({ field: `${at}.minGroups` }, `minGroups ${minGroups} is more than maxGroups ${maxGroups}`);
        }
    });
}

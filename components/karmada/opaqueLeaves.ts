/**
 * Karmada mode computes its OverridePolicy as the difference between the template and each
 * cluster's object at plan time, before anything registers, although their leaves may be values
 * known only at deployment time (Outputs). Each opaque leaf is stood in for by a marker that keeps
 * its identity (the same Output is the same marker, so a value shared by template and object is no
 * difference), the difference is computed on plain data, and the markers in the result are put back
 * as the original values: the policy then carries those Outputs (and their secrecy) as its inputs.
 */
import { isOpaque, isPlainObject } from "../planning/opaque";

/** A key no Kubernetes field can have: the stand-in's only key. */
const MARK = "\u0000opaque";

export interface OpaqueLeaves {
    /** A plain copy of a value, every opaque leaf replaced by its stand-in. */
    stand(value: unknown): unknown;
    /** `value` with every stand-in replaced by the leaf it stands for. */
    restore(value: unknown): unknown;
}

/** True for a stand-in: to be compared whole (the same stand-in is the same value), never walked into. */
export function isStandIn(value: unknown): boolean {
    if (!isPlainObject(value)) return false;
    const keys = Object.keys(value);
    return keys.length === 1 && keys[0] === MARK && typeof value[MARK] === "number";
}

export function opaqueLeaves(): OpaqueLeaves {
    const leaves: unknown[] = [];
    const index = new Map<unknown, number>();
    const stand = (value: unknown): unknown => {
        if (isOpaque(value)) {
            let at = index.get(value);
            if (at === undefined) {
                at = leaves.push(value) - 1;
                index.set(value, at);
            }
            return { [MARK]: at };
        }
        if (Array.isArray(value)) return value.map(stand);
        if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, stand(child)]));
        return value;
    };
    const restore = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(restore);
        if (isPlainObject(value)) {
            if (isStandIn(value)) return leaves[value[MARK] as number];
            return Object.fromEntries(Object.keys(value).map((key) => [key, restore(value[key])]));
        }
        return value;
    };
    return { stand, restore };
}

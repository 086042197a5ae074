/**
 * The RFC 6902 operations that turn one JSON value into another, in time linear in their size:
 * objects key by key, arrays of the same length index by index, and an array whose length
 * changed replaced whole. (General array diffs, such as the `rfc6902` library's, cost the product
 * of the two lengths, which a large list in a template would turn into minutes.) Keys whose value
 * is `undefined` count as absent, as in JSON. Nesting is bounded by the planner's input checks.
 */
import { tokensToPointer } from "../planning/jsonPointer";
import { isPlainObject } from "../planning/opaque";

export type DiffOperation = { op: "add" | "replace"; path: string; value: unknown } | { op: "remove"; path: string };

export interface DiffOptions {
    /** Compare whole, never walk into: a value (e.g. a stand-in for an Output) or a path. */
    isLeaf?: (value: unknown, path: readonly string[]) => boolean;
}

export function jsonDiff(before: unknown, after: unknown, options: DiffOptions = {}): DiffOperation[] {
    const operations: DiffOperation[] = [];
    walk(before, after, [], operations, options.isLeaf ?? (() => false));
    return operations;
}

function walk(before: unknown, after: unknown, path: string[], out: DiffOperation[], isLeaf: NonNullable<DiffOptions["isLeaf"]>): void {
    const leaf = isLeaf(before, path) || isLeaf(after, path);
    if (!leaf && isPlainObject(before) && isPlainObject(after)) {
        for (const key of definedKeys(before)) {
            if (own(after, key) === undefined) out.push({ op: "remove", path: tokensToPointer([...path, key]) });
        }
        for (const key of definedKeys(after)) {
            if (own(before, key) === undefined) out.push({ op: "add", path: tokensToPointer([...path, key]), value: after[key] });
            else walk(before[key], after[key], [...path, key], out, isLeaf);
        }
        return;
    }
    if (!leaf && Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
        before.forEach((item, index) => walk(item, after[index], [...path, String(index)], out, isLeaf));
        return;
    }
    if (!jsonEqual(before, after)) out.push({ op: "replace", path: tokensToPointer(path), value: after });
}

/** An own property only: `__proto__` and friends as keys are data, never the prototype. */
function own(value: Record<string, unknown>, key: string): unknown {
    return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

function definedKeys(value: Record<string, unknown>): string[] {
    return Object.keys(value).filter((key) => value[key] !== undefined);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
    if (isPlainObject(a) && isPlainObject(b)) {
        const keys = definedKeys(a);
        return keys.length === definedKeys(b).length && keys.every((key) => own(b, key) !== undefined && jsonEqual(a[key], b[key]));
    }
    return false;
}

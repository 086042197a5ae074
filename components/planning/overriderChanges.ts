/**
 * The net change the overriders made, path by path: the paths they touched, in the order first
 * touched, turned into operations from the difference between the original object and the
 * overridden copy (`add` where a field was absent, `replace` where it changed, `remove` where it
 * is gone, nothing where it ended as it started). One operation per path: applyOverrides refuses
 * a path twice.
 */
import { childAt, tokensToPointer } from "./jsonPointer";
import { clonePlain, isPlainObject } from "./opaque";
import { ClusterOverride } from "./overrides";

type Tracked = { kind: "leaf"; tokens: string[] } | { kind: "map"; tokens: string[]; keys: string[] };

export class Changes {
    private readonly tracked: Tracked[] = [];
    private readonly byPath = new Map<string, Tracked>();

    leaf(tokens: string[]): void {
        const path = tokensToPointer(tokens);
        if (this.byPath.has(path)) return;
        const entry: Tracked = { kind: "leaf", tokens };
        this.byPath.set(path, entry);
        this.tracked.push(entry);
    }

    mapKey(tokens: string[], key: string): void {
        const path = tokensToPointer(tokens);
        let entry = this.byPath.get(path);
        if (!entry) {
            entry = { kind: "map", tokens, keys: [] };
            this.byPath.set(path, entry);
            this.tracked.push(entry);
        }
        if (entry.kind === "map" && !entry.keys.includes(key)) entry.keys.push(key);
    }

    operations(original: unknown, result: unknown): ClusterOverride[] {
        const operations: ClusterOverride[] = [];
        for (const entry of this.tracked) {
            if (entry.kind === "leaf") {
                diffLeaf(operations, entry.tokens, lookup(original, entry.tokens), lookup(result, entry.tokens));
                continue;
            }
            const before = lookup(original, entry.tokens);
            const after = lookup(result, entry.tokens);
            if (!isPlainObject(before)) {
                // The map was absent (or null): one add creates it with everything it ends with.
                if (isPlainObject(after) && Object.keys(after).length > 0) {
                    operations.push({ op: "add", path: tokensToPointer(entry.tokens), value: clonePlain(after) });
                }
                continue;
            }
            for (const key of entry.keys) {
                diffLeaf(operations, [...entry.tokens, key], childAt(before, key), childAt(after, key));
            }
        }
        return operations;
    }
}

function lookup(document: unknown, tokens: readonly string[]): unknown {
    let node = document;
    for (const token of tokens) node = childAt(node, token);
    return node;
}

function diffLeaf(operations: ClusterOverride[], tokens: string[], before: unknown, after: unknown): void {
    const path = tokensToPointer(tokens);
    if (before !== undefined && after !== undefined) {
        if (!sameValue(before, after)) operations.push({ op: "replace", path, value: clonePlain(after) });
    } else if (before !== undefined) {
        operations.push({ op: "remove", path });
    } else if (after !== undefined) {
        operations.push({ op: "add", path, value: clonePlain(after) });
    }
}

/** Equal strings, or lists of the same items (opaque items by identity). */
function sameValue(a: unknown, b: unknown): boolean {
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index]);
    return a === b;
}

/**
 * The per-cluster difference between two renderings: objects added, removed and changed, with
 * the changed fields (as JSON patch operations from the `rfc6902` package's `createPatch`).
 */
import { createPatch } from "rfc6902";
import { Pointer } from "rfc6902/pointer";
import { parse } from "yaml";
import { Rendering, secretPathsIn } from "./render";

export interface FieldChange {
    op: "add" | "remove" | "replace";
    path: string;
    before?: unknown;
    after?: unknown;
}

export interface ObjectChange {
    file: string;
    change: "added" | "removed" | "changed";
    /** For changed objects. */
    fields: FieldChange[];
    /** The new object (added or changed) or the old one (removed). */
    object: Record<string, any>;
    /** Paths secret in the old or the new rendering: their values are never shown. */
    secretPaths: string[];
}

export interface ClusterDiff {
    cluster: string;
    changes: ObjectChange[];
}

export function diffRenderings(previous: Rendering, next: Rendering): ClusterDiff[] {
    const clusters = [...next.keys(), ...[...previous.keys()].filter((cluster) => !next.has(cluster))];
    return clusters.map((cluster) => {
        const before = previous.get(cluster) ?? new Map<string, string>();
        const after = next.get(cluster) ?? new Map<string, string>();
        const changes: ObjectChange[] = [];
        for (const [file, text] of after) {
            const old = before.get(file);
            if (old === undefined) changes.push({ file, change: "added", fields: [], object: parse(text), secretPaths: secretPathsIn(text) });
            else if (old !== text) {
                const newObject = parse(text);
                const secretPaths = [...new Set([...secretPathsIn(old), ...secretPathsIn(text)])];
                // A change of bytes alone (e.g. which paths are secret) is still a change.
                changes.push({ file, change: "changed", fields: fieldChanges(parse(old), newObject), object: newObject, secretPaths });
            }
        }
        for (const [file, text] of before) {
            if (!after.has(file)) changes.push({ file, change: "removed", fields: [], object: parse(text), secretPaths: secretPathsIn(text) });
        }
        changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
        return { cluster, changes };
    });
}

export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
    return createPatch(before, after).map((operation) => {
        const pointer = Pointer.fromJSON(operation.path);
        const change: FieldChange = { op: operation.op as FieldChange["op"], path: operation.path };
        if (operation.op !== "add") change.before = pointer.get(before);
        if (operation.op !== "remove") change.after = (operation as { value?: unknown }).value;
        return change;
    });
}

export function hasChanges(diff: readonly ClusterDiff[]): boolean {
    return diff.some((cluster) => cluster.changes.length > 0);
}

/**
 * What synth prints: a table per cluster, the per-cluster diff, and a summary line. Values under
 * a secret path are never printed, not even their old values.
 */
import { printable } from "../errors";
import { ClusterDiff, FieldChange } from "./diff";
import { SynthObject } from "./objects";
import { alignedTable } from "./table";

export const MASK = "[secret]";

/** True when printing the value at `path` could show a secret: the path is, holds or is inside one. */
export function touchesSecret(changed: string, secretPaths: readonly string[], kind?: string): boolean {
    // An append (`/list/-`) lands in the list: it is secret when anything in the list is.
    const path = changed.endsWith("/-") ? changed.slice(0, -2) : changed;
    const all = kind === "Secret" ? [...secretPaths, "/data", "/stringData"] : secretPaths;
    return all.some((secret) => secret === "" || path === "" || path === secret || path.startsWith(secret + "/") || secret.startsWith(path + "/"));
}

export function clusterTables(clusters: readonly string[], objects: readonly SynthObject[]): string {
    const lines: string[] = [];
    for (const cluster of clusters) {
        const mine = objects.filter((object) => object.cluster === cluster);
        lines.push(`${printable(cluster)} (${mine.length} object${mine.length === 1 ? "" : "s"})`);
        if (mine.length === 0) {
            lines.push("  (nothing placed here)", "");
            continue;
        }
        // A STAGE column only where a staged rollout gives one: the tables of other programs stay as they were.
        const staged = mine.some((object) => object.stage !== undefined);
        const rows = mine.map((object) => [
            printable(object.kind),
            printable(object.namespace ?? "-"),
            printable(object.name),
            ...(staged ? [printable(object.stage ?? "-")] : []),
            replicasOf(object),
            object.overridesApplied.length > 0 ? printable(object.overridesApplied.join(", ")) : "-",
        ]);
        lines.push(...alignedTable(["KIND", "NAMESPACE", "NAME", ...(staged ? ["STAGE"] : []), "REPLICAS", "OVERRIDES"], rows).map((line) => `  ${line}`), "");
    }
    return lines.join("\n");
}

function replicasOf(object: SynthObject): string {
    const replicas = object.object.spec?.replicas;
    if (replicas === undefined) return "-";
    return touchesSecret("/spec/replicas", object.secretPaths, object.kind) ? MASK : String(replicas);
}

/** The diff, by cluster; values under paths secret before or after are masked. */
export function diffReport(diff: readonly ClusterDiff[]): string {
    const lines: string[] = [];
    for (const { cluster, changes } of diff) {
        if (changes.length === 0) {
            lines.push(`${printable(cluster)}: no changes`);
            continue;
        }
        lines.push(`${printable(cluster)}:`);
        for (const change of changes) {
            const label = objectLabel(change.object, change.file);
            if (change.change === "added") lines.push(`  + ${label}`);
            else if (change.change === "removed") lines.push(`  - ${label}`);
            else {
                lines.push(`  ~ ${label}${change.fields.length === 0 ? " (which paths are secret)" : ""}`);
                for (const field of change.fields) lines.push(`      ${fieldLine(field, change.secretPaths, change.object.kind)}`);
            }
        }
    }
    return lines.join("\n");
}

function objectLabel(object: Record<string, any>, file: string): string {
    const kind = object?.kind ?? "?";
    const name = object?.metadata?.name ?? file;
    const namespace = object?.metadata?.namespace;
    return printable(`${kind} ${namespace ? `${namespace}/` : ""}${name}`);
}

function fieldLine(field: FieldChange, secrets: readonly string[], kind: string | undefined): string {
    const show = (value: unknown) => (touchesSecret(field.path, secrets, kind) ? MASK : JSON.stringify(value));
    const at = printable(field.path);
    if (field.op === "add") return `+ ${at}: ${show(field.after)}`;
    if (field.op === "remove") return `- ${at} (was ${show(field.before)})`;
    return `~ ${at}: ${show(field.before)} -> ${show(field.after)}`;
}

export function diffSummary(diff: readonly ClusterDiff[]): string {
    const count = (kind: string) => diff.reduce((sum, cluster) => sum + cluster.changes.filter((change) => change.change === kind).length, 0);
    const touched = diff.filter((cluster) => cluster.changes.length > 0).map((cluster) => cluster.cluster);
    return `${count("added")} added, ${count("changed")} changed, ${count("removed")} removed` + (touched.length > 0 ? ` (in ${printable(touched.join(", "))})` : "");
}

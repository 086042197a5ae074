/**
 * Drift, from a preview run after a refresh (the refresh in memory only): every Kubernetes object
 * whose live state differs from what the program declares, per member cluster, with the fields
 * and both values; objects deleted behind Pulumi's back; objects the program declares that are not
 * deployed yet, and deployed ones it no longer declares. Secret values are never carried: the
 * engine's events hold them as "[secret]", and anything still holding one is masked here.
 */
import { pathSegments } from "./propertyPath";
import { StackState, providerUrn, urnName } from "./stackState";

/** One step of a preview, as the engine's events (and `pulumi preview --json`) describe it. */
export interface PlannedStep {
    op: string;
    urn: string;
    type: string;
    provider?: string;
    old?: { inputs?: Record<string, unknown>; provider?: string; parent?: string; custom?: boolean };
    new?: { inputs?: Record<string, unknown>; provider?: string; parent?: string; custom?: boolean };
    /** Keyed by property path (the values, `kind` in `--json` and `diffKind` in events, are not read). */
    detailedDiff?: Record<string, unknown> | null;
    diffs?: string[];
}

/** Why an object is reported. */
export type DriftChange =
    /** Live fields differ from the declared ones (someone edited it, or the program changed). */
    | "modified"
    /** In the state, gone from the cluster. */
    | "deleted"
    /** Declared, not yet deployed. */
    | "undeployed"
    /** Deployed, no longer declared (or its member is unavailable). */
    | "undeclared";

export interface DriftedField {
    /** The field's path, as the engine writes it (`data.mode`, `spec.template.spec.containers[0].image`). */
    path: string;
    /** The value in the cluster (absent: the field is not set there). */
    live?: unknown;
    /** The value the program declares (absent: it declares none). */
    declared?: unknown;
}

export interface DriftedObject {
    /** The member cluster. */
    cluster: string;
    /** The federated resource it belongs to (`FederatedConfigMap settings`), when it has one. */
    federated?: string;
    /** The object: `Kind namespace/name` (or `Kind name`). */
    object: string;
    urn: string;
    change: DriftChange;
    /** What the next update does to it: update, replace, create or delete. */
    action: string;
    fields: DriftedField[];
}

const MASK = "[secret]";
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";
/** Resource types that are Kubernetes objects (not providers, not components). */
const KUBERNETES_OBJECT = /^kubernetes:[^:]+:[^:]+$/;
/** When several steps concern one URN (a replacement's three), the one that says most. */
const OP_RANK: Record<string, number> = { replace: 5, "create-replacement": 4, "delete-replaced": 4, update: 3, create: 2, delete: 1 };

/** A value with every secret in it masked. */
export function masked(value: unknown, depth = 0): unknown {
    if (value === null || typeof value !== "object") return value;
    if (depth > 64) return "[too deep]";
    if ((value as Record<string, unknown>)[SECRET_SIGNATURE] !== undefined) return MASK;
    if (Array.isArray(value)) return value.map((item) => masked(item, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, masked(item, depth + 1)]));
}

function isSecret(value: unknown): boolean {
    return value === MASK || (value !== null && typeof value === "object" && (value as Record<string, unknown>)[SECRET_SIGNATURE] !== undefined);
}

/**
 * The value at a field's path, masked: a secret met on the way (the engine's events hold a secret
 * object or map as "[secret]") makes the whole field secret. Undefined where the path leads nowhere.
 */
export function fieldValue(inputs: unknown, path: string): unknown {
    let node = inputs;
    for (const segment of pathSegments(path)) {
        if (isSecret(node)) return MASK;
        if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
        node = (node as Record<string | number, unknown>)[segment];
    }
    return masked(node);
}

/** A Secret's data is masked whatever the events hold (and whether or not they hold it). */
function secretField(kind: unknown, path: string): boolean {
    return kind === "Secret" && /^(data|stringData)\b/.test(path);
}

function objectName(inputs: Record<string, unknown> | undefined, urn: string): { kind?: string; text: string } {
    const kind = typeof inputs?.kind === "string" ? inputs.kind : undefined;
    const metadata = (inputs?.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    const name = typeof metadata.name === "string" ? metadata.name : urnName(urn);
    const namespace = typeof metadata.namespace === "string" ? `${metadata.namespace}/` : "";
    return { kind, text: `${kind ?? urnName(urn)} ${namespace}${name}` };
}

function federatedOf(parent: string | undefined): string | undefined {
    if (parent === undefined) return undefined;
    const type = parent.split("::")[2] ?? "";
    const last = type.split("$").pop() ?? "";
    return last.startsWith("federation:") ? `${last.split(":").pop()} ${urnName(parent)}` : undefined;
}

function changeOf(op: string, inState: boolean): DriftChange | undefined {
    if (op === "update" || op === "replace" || op === "create-replacement" || op === "delete-replaced") return "modified";
    if (op === "create") return inState ? "deleted" : "undeployed";
    if (op === "delete") return "undeclared";
    return undefined;
}

/** The drifted objects a refreshed preview's steps show, sorted by cluster, then object. */
export function driftReport(steps: readonly PlannedStep[], state: StackState): DriftedObject[] {
    const chosen = new Map<string, PlannedStep>();
    for (const step of steps) {
        if (!KUBERNETES_OBJECT.test(step.type) || OP_RANK[step.op] === undefined) continue;
        // Kubernetes components (a Helm Chart, a ConfigGroup) are not objects: their objects are reported.
        if ((step.new?.custom ?? step.old?.custom) === false) continue;
        const before = chosen.get(step.urn);
        if (before === undefined || OP_RANK[step.op] > OP_RANK[before.op]) chosen.set(step.urn, step);
    }
    const report: DriftedObject[] = [];
    for (const step of chosen.values()) {
        const known = state.resources.get(step.urn);
        const change = changeOf(step.op, known !== undefined);
        if (change === undefined) continue;
        const inputs = step.new?.inputs ?? step.old?.inputs ?? known?.inputs;
        const provider = step.provider ?? step.new?.provider ?? step.old?.provider ?? known?.provider ?? "";
        const name = objectName(inputs, step.urn);
        const fields: DriftedField[] = [];
        if (change === "modified") {
            const paths = step.detailedDiff ? Object.keys(step.detailedDiff) : step.diffs ?? [];
            for (const path of [...paths].sort()) {
                const secret = secretField(name.kind, path);
                const declared = secret ? MASK : fieldValue(step.new?.inputs, path);
                // A field declared secret stays masked when read back, whether or not the provider marks it.
                const live = secret || declared === MASK ? MASK : fieldValue(step.old?.inputs, path);
                fields.push({ path, ...(live === undefined ? {} : { live }), ...(declared === undefined ? {} : { declared }) });
            }
        }
        report.push({
            cluster: state.memberOfProvider.get(providerUrn(provider)) ?? (provider ? urnName(providerUrn(provider)) : "(default provider)"),
            federated: federatedOf(step.new?.parent ?? step.old?.parent ?? known?.parent),
            object: name.text, urn: step.urn, change,
            action: step.op === "create-replacement" || step.op === "delete-replaced" ? "replace" : step.op,
            fields,
        });
    }
    return report.sort((a, b) => a.cluster.localeCompare(b.cluster) || a.object.localeCompare(b.object) || a.urn.localeCompare(b.urn));
}

/** Drifted objects per cluster. */
export function driftByCluster(report: readonly DriftedObject[]): Record<string, number> {
    // (A Map first: a cluster named "__proto__" is a key like any other.)
    const counts = new Map<string, number>();
    for (const entry of report) counts.set(entry.cluster, (counts.get(entry.cluster) ?? 0) + 1);
    return Object.fromEntries(counts);
}

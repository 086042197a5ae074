/**
 * What the suite reads back from the API servers: every object of the kinds the suite's programs
 * declare that the Pulumi provider manages (it owns fields through server-side apply), keyed
 * `<Kind> <namespace>/<name>`; and the comparison of a rendered object with the live one.
 */
import { ApiEndpoint, KubeObject, listObjects } from "../fleet/kube";

export const KINDS = [
    { kind: "Namespace", apiVersion: "v1", plural: "namespaces" },
    { kind: "Deployment", apiVersion: "apps/v1", plural: "deployments" },
    { kind: "ConfigMap", apiVersion: "v1", plural: "configmaps" },
    { kind: "Secret", apiVersion: "v1", plural: "secrets" },
    { kind: "Service", apiVersion: "v1", plural: "services" },
] as const;

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
    return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

/** The field managers the Kubernetes provider writes with. */
export function pulumiManagers(obj: KubeObject): Array<{ manager: string; operation: string; fieldsV1?: unknown }> {
    return (obj.metadata.managedFields ?? []).filter((f) => f.manager.startsWith("pulumi"));
}

/** Namespaces every API server makes for itself. */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

/**
 * Every object of the suite's kinds in the cluster that a program made, keyed by objectKey,
 * optionally only those in (or, for namespaces, named by) `namespaces`. A namespaced object is
 * the provider's when it holds fields the provider applied; a namespace is a program's when the
 * server did not make it (a namespace with only a name has no applied fields to show).
 */
export async function managedObjects(endpoint: ApiEndpoint, namespaces?: readonly string[]): Promise<Map<string, KubeObject>> {
    const found = new Map<string, KubeObject>();
    for (const k of KINDS) {
        for (const obj of await listObjects(endpoint, k.apiVersion, k.plural)) {
            const ours = k.kind === "Namespace" ? !SYSTEM_NAMESPACES.includes(obj.metadata.name) : pulumiManagers(obj).length > 0;
            if (!ours) continue;
            const scope = k.kind === "Namespace" ? obj.metadata.name : obj.metadata.namespace;
            if (namespaces && !namespaces.includes(scope ?? "")) continue;
            found.set(objectKey(k.kind, obj.metadata.namespace, obj.metadata.name), { ...obj, kind: k.kind, apiVersion: k.apiVersion });
        }
    }
    return found;
}

/** The paths under `expected` whose values differ from (or are missing in) `actual`; arrays compare item by item. */
export function subsetDifferences(expected: unknown, actual: unknown, at = ""): string[] {
    if (expected === null || typeof expected !== "object") {
        return expected === actual ? [] : [`${at || "/"}: ${JSON.stringify(expected)} != ${JSON.stringify(actual)}`];
    }
    if (Array.isArray(expected)) {
        if (!Array.isArray(actual) || actual.length !== expected.length) {
            return [`${at}: list of ${expected.length} != ${JSON.stringify(actual)?.slice(0, 120)}`];
        }
        return expected.flatMap((item, i) => subsetDifferences(item, actual[i], `${at}/${i}`));
    }
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) {
        return [`${at}: object != ${JSON.stringify(actual)?.slice(0, 120)}`];
    }
    return Object.entries(expected as Record<string, unknown>).flatMap(([key, value]) =>
        subsetDifferences(value, (actual as Record<string, unknown>)[key], `${at}/${key}`));
}

/**
 * The leaf paths of a server-side-apply field set (managedFields[].fieldsV1), each a list of
 * steps: `f:<field>` steps into a field, `k:{...}` into the list item with those keys, `v:<json>`
 * names a set member.
 */
export function fieldSetLeaves(fields: unknown, at: string[] = []): string[][] {
    if (fields === null || typeof fields !== "object" || Object.keys(fields as object).length === 0) {
        return [at];
    }
    return Object.entries(fields as Record<string, unknown>).flatMap(([key, inner]) =>
        key === "." ? [] : fieldSetLeaves(inner, [...at, key]));
}

/** Whether `obj` has a value at a fieldSetLeaves path (list items found by their keys or value). */
export function hasFieldPath(obj: unknown, leaf: readonly string[]): boolean {
    let current: unknown = obj;
    for (const step of leaf) {
        if (step.startsWith("k:") || step.startsWith("v:")) {
            if (!Array.isArray(current)) return false;
            const json = JSON.parse(step.slice(2)) as unknown;
            // A list item's key may include a field the server defaults (a port's protocol), absent
            // from the rendered item: such a key field matches when the item leaves it out.
            current = step.startsWith("v:")
                ? current.find((item) => JSON.stringify(item) === JSON.stringify(json))
                : current.find((item) => item !== null && typeof item === "object" &&
                    Object.entries(json as Record<string, unknown>).every(([k, v]) => !(k in item) || JSON.stringify((item as Record<string, unknown>)[k]) === JSON.stringify(v)));
            if (current === undefined) return false;
        } else {
            const field = step.slice(2);
            if (current === null || typeof current !== "object" || !(field in (current as object))) return false;
            current = (current as Record<string, unknown>)[field];
        }
    }
    return true;
}

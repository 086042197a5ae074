/**
 * The ConfigMaps, Secrets and ServiceAccounts a workload's pods refer to, found in the plain parts
 * of its template. A federated workload needs them in every cluster it runs in; the components use
 * this list to check placements and to add per-cluster dependencies.
 */
import { isPlainObject } from "./opaque";
import { workloadFor } from "./podSpec";

/** The kinds of object a workload's pods refer to that must be placed wherever the workload runs. */
export type ReferencedKind = "ConfigMap" | "Secret" | "ServiceAccount";

/** A reference from a workload's pod template to a ConfigMap, Secret or ServiceAccount in its namespace. */
export interface ObjectReference {
    /** The kind referred to. */
    kind: ReferencedKind;
    /** The referred object's name. */
    name: string;
    /** Where in the template, e.g. `template.spec.template.spec.volumes[0].configMap.name`. */
    field: string;
}

/**
 * The ConfigMaps, Secrets and ServiceAccounts the pod template of a workload (`kind`, in its own
 * API group when `apiVersion` is given) refers to: volumes, `envFrom`, `env[].valueFrom`,
 * `serviceAccountName` and `imagePullSecrets`. Optional references, and names known only at
 * deployment time, are left out; other kinds have none.
 */
export function workloadReferences(kind: string, template: unknown, apiVersion?: string): ObjectReference[] {
    const tokens = workloadFor(kind, apiVersion)?.podSpec;
    if (!tokens) return [];
    let spec: unknown = template;
    for (const token of tokens) spec = isPlainObject(spec) ? spec[token] : undefined;
    if (!isPlainObject(spec)) return [];
    const base = `template.${tokens.join(".")}`;
    const found: ObjectReference[] = [];
    const add = (refKind: ReferencedKind, name: unknown, field: string, optional?: unknown) => {
        // Optional references may be missing in a cluster; values known only at deployment are skipped.
        if (typeof name === "string" && name.length > 0 && optional !== true) found.push({ kind: refKind, name, field: `${base}.${field}` });
    };
    const ownField = spec.serviceAccountName !== undefined && spec.serviceAccountName !== null;
    add("ServiceAccount", ownField ? spec.serviceAccountName : spec.serviceAccount, ownField ? "serviceAccountName" : "serviceAccount");
    each(spec.imagePullSecrets, (entry, i) => add("Secret", entry.name, `imagePullSecrets[${i}].name`));
    each(spec.volumes, (volume, i) => {
        const at = `volumes[${i}]`;
        if (isPlainObject(volume.configMap)) add("ConfigMap", volume.configMap.name, `${at}.configMap.name`, volume.configMap.optional);
        if (isPlainObject(volume.secret)) add("Secret", volume.secret.secretName, `${at}.secret.secretName`, volume.secret.optional);
        if (isPlainObject(volume.projected)) {
            each(volume.projected.sources, (source, j) => {
                const from = `${at}.projected.sources[${j}]`;
                if (isPlainObject(source.configMap)) add("ConfigMap", source.configMap.name, `${from}.configMap.name`, source.configMap.optional);
                if (isPlainObject(source.secret)) add("Secret", source.secret.name, `${from}.secret.name`, source.secret.optional);
            });
        }
    });
    for (const list of ["initContainers", "containers"] as const) {
        each(spec[list], (container, i) => {
            const at = `${list}[${i}]`;
            each(container.envFrom, (source, j) => {
                if (isPlainObject(source.configMapRef)) add("ConfigMap", source.configMapRef.name, `${at}.envFrom[${j}].configMapRef.name`, source.configMapRef.optional);
                if (isPlainObject(source.secretRef)) add("Secret", source.secretRef.name, `${at}.envFrom[${j}].secretRef.name`, source.secretRef.optional);
            });
            each(container.env, (variable, j) => {
                const from = isPlainObject(variable.valueFrom) ? variable.valueFrom : {};
                if (isPlainObject(from.configMapKeyRef)) add("ConfigMap", from.configMapKeyRef.name, `${at}.env[${j}].valueFrom.configMapKeyRef.name`, from.configMapKeyRef.optional);
                if (isPlainObject(from.secretKeyRef)) add("Secret", from.secretKeyRef.name, `${at}.env[${j}].valueFrom.secretKeyRef.name`, from.secretKeyRef.optional);
            });
        });
    }
    return found;
}

function each(list: unknown, visit: (item: Record<string, any>, index: number) => void): void {
    if (!Array.isArray(list)) return;
    list.forEach((item, index) => {
        if (isPlainObject(item)) visit(item, index);
    });
}

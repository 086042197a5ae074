/**
 * Status in Karmada mode, pure: how a federated object is doing in each member, from its
 * ResourceBinding (`work.karmada.io/v1alpha2`; ClusterResourceBinding for a cluster-scoped kind),
 * which Karmada names `<name>-<kind>` in lower case and fills with, per member, whether the object
 * was applied, its health by Karmada's interpreter, and the status fields Karmada collected.
 *
 * Each member's status is push mode's (planning/status.ts) computed from the collected status,
 * with the replicas Karmada scheduled there as the desired count, and is ready only when Karmada
 * also reports it applied and not unhealthy. A member the planner placed the object on that the
 * binding does not list yet is reported not applied.
 */
import { ClusterStatus, FederatedStatus, aggregateStatus, clusterStatus } from "../planning/status";
import { isPlainObject } from "../planning/opaque";

export const KARMADA_BINDING_API_VERSION = "work.karmada.io/v1alpha2";

/**
 * A member's status in Karmada mode, from the object's ResourceBinding: push mode's fields from the
 * status Karmada collected, plus whether Karmada applied the object and how healthy it finds it.
 */
export interface KarmadaClusterStatus extends ClusterStatus {
    /** Karmada applied the object in the member. */
    applied: boolean;
    /** Karmada's health: `Healthy`, `Unhealthy` or `Unknown`. */
    health: string;
    /** Why applying failed, when it did. */
    appliedMessage?: string;
}

/** Karmada's name for an object's binding (its `names.GenerateBindingName`). */
export function karmadaBindingName(kind: string, name: string): string {
    return `${name.replace(/:/g, ".")}-${kind}`.toLowerCase();
}

/**
 * `template` is the template as registered (its spec gives the desired replicas where Karmada
 * duplicates them); `binding` the live binding's `spec` and `status`.
 */
export function karmadaBindingStatus(
    kind: string,
    template: Record<string, unknown>,
    binding: { spec?: unknown; status?: unknown },
    placed: readonly string[],
): FederatedStatus {
    const spec = isPlainObject(binding.spec) ? binding.spec : {};
    const status = isPlainObject(binding.status) ? binding.status : {};
    const scheduled = new Map<string, number | undefined>();
    for (const target of Array.isArray(spec.clusters) ? spec.clusters : []) {
        if (isPlainObject(target) && typeof target.name === "string") scheduled.set(target.name, typeof target.replicas === "number" ? target.replicas : undefined);
    }
    const items = new Map<string, Record<string, unknown>>();
    for (const item of Array.isArray(status.aggregatedStatus) ? status.aggregatedStatus : []) {
        if (isPlainObject(item) && typeof item.clusterName === "string") items.set(item.clusterName, item);
    }
    const templateSpec = isPlainObject(template.spec) ? template.spec : {};
    const clusters = [...new Set([...placed, ...scheduled.keys()])];
    const perCluster: Record<string, KarmadaClusterStatus> = {};
    for (const cluster of clusters) {
        const item = items.get(cluster);
        const replicas = scheduled.get(cluster);
        const desired = replicas !== undefined && replicas > 0 ? { ...templateSpec, replicas } : templateSpec;
        const base = clusterStatus(kind, desired, isPlainObject(item?.status) ? item!.status : undefined);
        const applied = item?.applied === true;
        const health = typeof item?.health === "string" ? item.health : "Unknown";
        perCluster[cluster] = {
            ...base,
            ready: base.ready && applied && health !== "Unhealthy",
            applied,
            health,
            ...(typeof item?.appliedMessage === "string" && item.appliedMessage !== "" ? { appliedMessage: item.appliedMessage } : {}),
        };
    }
    return aggregateStatus(perCluster);
}

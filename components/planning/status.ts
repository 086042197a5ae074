/**
 * Status: how a federated object is doing in each cluster, from the live objects' key status
 * fields, and in aggregate. Pure: the components feed it the live `spec` and `status` outputs.
 */

/** How a federated object is doing in one cluster, from its live object's status fields. */
export interface ClusterStatus {
    /** Ready by the kind's own measure (workloads: ready replicas reach the desired count). */
    ready: boolean;
    /** Workloads: desired replicas. */
    replicas?: number;
    /** Workloads: ready replicas (DaemonSets: pods ready). */
    readyReplicas?: number;
    /** Workloads: available replicas (DaemonSets: pods available). */
    availableReplicas?: number;
    /** Workloads: replicas of the current revision (DaemonSets: pods updated). */
    updatedReplicas?: number;
    /** Services of type LoadBalancer and Ingresses: the addresses handed out. */
    loadBalancer?: {
        /** An IP address of the load balancer. */
        ip?: string;
        /** A DNS name of the load balancer. */
        hostname?: string;
    }[];
    /** Jobs: pods that succeeded. */
    succeeded?: number;
    /** Jobs: pods that failed. */
    failed?: number;
    /** Jobs: pods running. */
    active?: number;
}

/** How a federated object is doing: in each cluster it is placed in, and in aggregate. */
export interface FederatedStatus {
    /** Each placed cluster's status, by cluster name. */
    clusters: Record<string, ClusterStatus>;
    /** How many clusters the object is placed in. */
    clustersPlaced: number;
    /** How many of them report it ready. */
    clustersReady: number;
    /** Workloads: desired replicas over all clusters. */
    totalReplicas: number;
    /** Workloads: ready replicas over all clusters. */
    totalReadyReplicas: number;
    /** Workloads: available replicas over all clusters. */
    totalAvailableReplicas: number;
}

/**
 * A live object's `spec` or `status`, undefined when the cluster reports none.
 *
 * @inline
 */
type Live = Record<string, any> | undefined;

const count = (value: unknown): number => (typeof value === "number" ? value : 0);

/**
 * One cluster's status from the live object's kind, spec and status: Deployments, StatefulSets,
 * ReplicaSets and DaemonSets by replicas, Services of type LoadBalancer and Ingresses by their
 * load balancer addresses, Jobs by completions; every other kind is ready.
 */
export function clusterStatus(kind: string, spec: Live, status: Live): ClusterStatus {
    const live = status ?? {};
    switch (kind) {
        case "Deployment":
        case "StatefulSet":
        case "ReplicaSet":
            return workload(typeof spec?.replicas === "number" ? spec.replicas : 1, live.readyReplicas, live.availableReplicas, live.updatedReplicas);
        case "DaemonSet":
            return workload(count(live.desiredNumberScheduled), live.numberReady, live.numberAvailable, live.updatedNumberScheduled);
        case "Service": {
            const ingress = addresses(live.loadBalancer?.ingress);
            return spec?.type === "LoadBalancer" ? { ready: ingress.length > 0, loadBalancer: ingress } : { ready: true };
        }
        case "Ingress": {
            const ingress = addresses(live.loadBalancer?.ingress);
            return { ready: ingress.length > 0, loadBalancer: ingress };
        }
        case "Job": {
            const completions = typeof spec?.completions === "number" ? spec.completions : 1;
            return { ready: count(live.succeeded) >= completions, succeeded: count(live.succeeded), failed: count(live.failed), active: count(live.active) };
        }
        default:
            return { ready: true };
    }
}

/** Ready when the ready and the updated replicas both reach the desired count. */
function workload(replicas: number, ready: unknown, available: unknown, updated: unknown): ClusterStatus {
    return {
        ready: count(ready) >= replicas && count(updated) >= replicas,
        replicas,
        readyReplicas: count(ready),
        availableReplicas: count(available),
        updatedReplicas: count(updated),
    };
}

function addresses(ingress: unknown): { ip?: string; hostname?: string }[] {
    if (!Array.isArray(ingress)) return [];
    return ingress
        .filter((entry) => entry && (typeof entry.ip === "string" || typeof entry.hostname === "string"))
        .map((entry) => ({ ...(typeof entry.ip === "string" ? { ip: entry.ip } : {}), ...(typeof entry.hostname === "string" ? { hostname: entry.hostname } : {}) }));
}

/** The aggregate of every cluster's status: the clusters ready, and the replica counts summed. */
export function aggregateStatus(clusters: Record<string, ClusterStatus>): FederatedStatus {
    const all = Object.values(clusters);
    return {
        clusters,
        clustersPlaced: all.length,
        clustersReady: all.filter((status) => status.ready).length,
        totalReplicas: all.reduce((sum, status) => sum + (status.replicas ?? 0), 0),
        totalReadyReplicas: all.reduce((sum, status) => sum + (status.readyReplicas ?? 0), 0),
        totalAvailableReplicas: all.reduce((sum, status) => sum + (status.availableReplicas ?? 0), 0),
    };
}

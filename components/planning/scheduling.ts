/**
 * The `scheduling` argument of scalable federated workloads: a total replica count divided over
 * the placed clusters by KubeFed's planner (replicas.ts). Preferences come in KubeFed's form
 * (`clusters` by name or "*") or in Karmada's static weight list (`staticWeights`, clusters by
 * name or label selector; a cluster matching several entries takes the highest weight, as in
 * Karmada). The division itself is always KubeFed's planner (shares rounded up in weight and
 * hash order), not Karmada's dispenser: 10 replicas over weights 1:1:1 give 4/4/2, not 4/3/3.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { Member } from "./members";
import { describeType } from "./names";
import { isPlainObject } from "./opaque";
import { ClusterReplicaPreference, PlanReplicasOptions, ReplicaSchedulingPreference, validateReplicaPreference } from "./replicas";
import { LabelSelector, matchesSelector, validateSelector } from "./selector";
import { unknownFieldReason } from "./suggest";

export interface StaticClusterWeight {
    targetCluster: { clusterNames?: string[]; labelSelector?: LabelSelector };
    weight: number;
}

export interface Scheduling {
    totalReplicas: number;
    /** Keep current per-cluster counts where possible (KubeFed's rebalance: false, the default). */
    rebalance?: boolean;
    /** KubeFed form: by member name, or "*" for the others. Default: `{ "*": { weight: 1 } }`. */
    clusters?: Record<string, ClusterReplicaPreference>;
    /** Karmada form: weights by cluster names or label selector. */
    staticWeights?: StaticClusterWeight[];
    /** Replicas each cluster runs now (e.g. from a stack reference); used when rebalance is false. */
    current?: Record<string, number>;
    /** Replicas each cluster can take at most; the excess is reported as overflow. */
    capacity?: Record<string, number>;
    /**
     * A cluster planned at 0 replicas keeps its object scaled to 0 (`"scaleToZero"`, the default,
     * as KubeFed does), or gets no object (`"omit"`).
     */
    zeroReplicas?: "scaleToZero" | "omit";
}

const FIELDS = ["totalReplicas", "rebalance", "clusters", "staticWeights", "current", "capacity", "zeroReplicas"];

/** The planner's preference and options for `scheduling`; validates it (fields under `scheduling.`). */
export function schedulingPreference(
    scheduling: unknown,
    members: readonly Member[],
    location: FederationErrorLocation,
): { preference: ReplicaSchedulingPreference; options: PlanReplicasOptions; zeroReplicas: "scaleToZero" | "omit" } {
    const at = (field?: string, cluster?: string): FederationErrorLocation => ({ ...location, cluster, field: field ? `scheduling.${field}` : "scheduling" });
    if (!isPlainObject(scheduling)) throw new FederationError(at(), `must be { totalReplicas, clusters? | staticWeights? }, got ${describeType(scheduling)}`);
    const extra = Object.keys(scheduling).filter((key) => !FIELDS.includes(key));
    if (extra.length > 0) throw new FederationError(at(extra[0]), unknownFieldReason(extra[0], FIELDS, "scheduling"));
    const { totalReplicas, rebalance, clusters, staticWeights, current, capacity, zeroReplicas } = scheduling as Record<string, unknown>;
    if (clusters !== undefined && staticWeights !== undefined) throw new FederationError(at("staticWeights"), "give clusters (KubeFed) or staticWeights (Karmada), not both");
    const names = new Set(members.map((member) => member.name));
    for (const [key, map] of [["clusters", clusters], ["current", current], ["capacity", capacity]] as const) {
        if (map === undefined) continue;
        if (!isPlainObject(map)) throw new FederationError(at(key), `must map member names to values, got ${describeType(map)}`);
        for (const [cluster, value] of Object.entries(map)) {
            if (cluster !== "*" || key !== "clusters") {
                if (!names.has(cluster)) throw new FederationError(at(`${key}["${cluster}"]`, cluster), "is not a member of the federation");
            }
            if (key !== "clusters" && !(typeof value === "number" && Number.isSafeInteger(value) && value >= 0)) {
                throw new FederationError(at(`${key}["${cluster}"]`, cluster), `must be a whole number of replicas, got ${describeType(value)}`);
            }
        }
    }
    if (zeroReplicas !== undefined && zeroReplicas !== "scaleToZero" && zeroReplicas !== "omit") {
        throw new FederationError(at("zeroReplicas"), `must be "scaleToZero" or "omit", got ${describeType(zeroReplicas)}`);
    }
    const preference = {
        totalReplicas,
        rebalance,
        // An empty map means "every cluster alike", as KubeFed's scheduler reads it.
        clusters: staticWeights !== undefined ? fromStaticWeights(staticWeights, members, at) : clusters === undefined || (isPlainObject(clusters) && Object.keys(clusters).length === 0) ? { "*": { weight: 1 } } : clusters,
    };
    if (preference.rebalance === undefined) delete preference.rebalance;
    try {
        validateReplicaPreference(preference);
    } catch (error) {
        throw error instanceof FederationError ? error.within(at()) : error;
    }
    return {
        preference,
        options: { current: current as Record<string, number> | undefined, capacity: capacity as Record<string, number> | undefined },
        zeroReplicas: (zeroReplicas as "scaleToZero" | "omit" | undefined) ?? "scaleToZero",
    };
}

function fromStaticWeights(list: unknown, members: readonly Member[], at: (field?: string, cluster?: string) => FederationErrorLocation): Record<string, ClusterReplicaPreference> {
    if (!Array.isArray(list) || list.length === 0) throw new FederationError(at("staticWeights"), `must be a non-empty list of { targetCluster, weight }, got ${describeType(list)}`);
    const names = new Set(members.map((member) => member.name));
    list.forEach((entry, index) => {
        const field = `staticWeights[${index}]`;
        if (!isPlainObject(entry) || !isPlainObject(entry.targetCluster)) throw new FederationError(at(field), "must be { targetCluster: { clusterNames? | labelSelector? }, weight }");
        const extraEntry = Object.keys(entry).filter((key) => key !== "targetCluster" && key !== "weight");
        if (extraEntry.length > 0) throw new FederationError(at(`${field}.${extraEntry[0]}`), "is not a static weight field (expected targetCluster and weight)");
        const extraTarget = Object.keys(entry.targetCluster).filter((key) => key !== "clusterNames" && key !== "labelSelector");
        if (extraTarget.length > 0) {
            throw new FederationError(at(`${field}.targetCluster.${extraTarget[0]}`), "is not supported here (targetCluster takes clusterNames or labelSelector)");
        }
        if (!(typeof entry.weight === "number" && Number.isSafeInteger(entry.weight) && entry.weight >= 1)) {
            throw new FederationError(at(`${field}.weight`), `must be a whole number of at least 1 (as in Karmada), got ${describeType(entry.weight)}`);
        }
        const { clusterNames, labelSelector } = entry.targetCluster;
        if ((clusterNames === undefined) === (labelSelector === undefined)) throw new FederationError(at(`${field}.targetCluster`), "needs exactly one of clusterNames and labelSelector");
        if (clusterNames !== undefined) {
            if (!Array.isArray(clusterNames)) throw new FederationError(at(`${field}.targetCluster.clusterNames`), "must be a list of member names");
            clusterNames.forEach((cluster, i) => {
                if (!names.has(cluster)) throw new FederationError(at(`${field}.targetCluster.clusterNames[${i}]`, String(cluster)), "is not a member of the federation");
            });
        } else {
            try {
                validateSelector(labelSelector);
            } catch (error) {
                throw error instanceof FederationError ? error.within(at(`${field}.targetCluster.labelSelector`)) : error;
            }
        }
    });
    const weights: Record<string, ClusterReplicaPreference> = {};
    for (const member of members) {
        const matching = (list as StaticClusterWeight[]).filter(({ targetCluster }) =>
            targetCluster.clusterNames ? targetCluster.clusterNames.includes(member.name) : matchesSelector(targetCluster.labelSelector!, member.labels),
        );
        if (matching.length > 0) weights[member.name] = { weight: Math.max(...matching.map((entry) => entry.weight)) };
    }
    return weights;
}

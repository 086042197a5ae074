/**
 * The `scheduling` argument of scalable federated workloads: a total replica count divided over
 * the placed clusters. Two forms, each with its peer's own numbers:
 * - KubeFed's (`clusters` by name or "*", `rebalance`): KubeFed's ReplicaSchedulingPreference
 *   planner (replicas.ts); 10 replicas over weights 1:1:1 give 4/4/2.
 * - Karmada's (`replicaSchedulingType`, `replicaDivisionPreference`, `staticWeights`,
 *   `dynamicWeight`): Karmada's scheduler (karmadaScheduling.ts); 10 over 1:1:1 give 4/3/3, and
 *   clusters left with 0 replicas get no object, as Karmada drops them.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { Member } from "./members";
import { describeType } from "./names";
import { isPlainObject } from "./opaque";
import { ClusterReplicaPreference, PlanReplicasOptions, ReplicaSchedulingPreference, validateReplicaPreference } from "./replicas";
import { KARMADA_FIELDS, KarmadaSchedule, KarmadaSchedulingFields, isKarmadaForm, karmadaSchedule } from "./karmadaScheduling";
import { unknownFieldReason } from "./suggest";

export { ClusterAffinity, StaticClusterWeight } from "./karmadaScheduling";

/**
 * The `scheduling` argument of scalable federated workloads: `totalReplicas` divided over the
 * placed clusters, in KubeFed's form (`clusters`, `rebalance`: KubeFed's planner) or Karmada's
 * (`replicaSchedulingType`, `replicaDivisionPreference`, `staticWeights`, `dynamicWeight`:
 * Karmada's numbers). Each cluster's `spec.replicas` is set from the plan.
 */
export interface Scheduling extends KarmadaSchedulingFields {
    /** The replicas to divide over the placed clusters. */
    totalReplicas: number;
    /** Keep current per-cluster counts where possible (KubeFed's rebalance: false, the default). */
    rebalance?: boolean;
    /** KubeFed form: by member name, or "*" for the others. Default: `{ "*": { weight: 1 } }`. */
    clusters?: Record<string, ClusterReplicaPreference>;
    /** Replicas each cluster runs now (e.g. from a stack reference); used when rebalance is false. */
    current?: Record<string, number>;
    /**
     * Replicas each cluster can take: in KubeFed's form a cap (the excess is reported as
     * overflow); in Karmada's, the available replicas that dynamicWeight and Aggregated divide by.
     */
    capacity?: Record<string, number>;
    /**
     * A cluster planned at 0 replicas keeps its object scaled to 0 (`"scaleToZero"`, KubeFed's
     * way and the default of its form), or gets no object (`"omit"`, Karmada's way and the
     * default of its form).
     */
    zeroReplicas?: "scaleToZero" | "omit";
}

const FIELDS = ["totalReplicas", "rebalance", "clusters", ...KARMADA_FIELDS, "current", "capacity", "zeroReplicas"];

export type SchedulingPlan =
    | { form: "kubefed"; preference: ReplicaSchedulingPreference; options: PlanReplicasOptions; zeroReplicas: "scaleToZero" | "omit" }
    | { form: "karmada"; totalReplicas: number; schedule: KarmadaSchedule; options: PlanReplicasOptions; zeroReplicas: "scaleToZero" | "omit" };

/** The planner's preference and options for `scheduling`; validates it (fields under `scheduling.`). */
export function schedulingPreference(
    scheduling: unknown,
    members: readonly Member[],
    location: FederationErrorLocation,
): SchedulingPlan {
    const at = (field?: string, cluster?: string): FederationErrorLocation => ({ ...location, cluster, field: field ? `scheduling.${field}` : "scheduling" });
    if (!isPlainObject(scheduling)) throw new FederationError(at(), `must be { totalReplicas, clusters? | staticWeights? | dynamicWeight? }, got ${describeType(scheduling)}`);
    const extra = Object.keys(scheduling).filter((key) => !FIELDS.includes(key));
    if (extra.length > 0) throw new FederationError(at(extra[0]), unknownFieldReason(extra[0], FIELDS, "scheduling"));
    const { totalReplicas, rebalance, clusters, current, capacity, zeroReplicas } = scheduling as Record<string, unknown>;
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
    const options = { current: current as Record<string, number> | undefined, capacity: capacity as Record<string, number> | undefined };
    if (isKarmadaForm(scheduling)) {
        if (!(typeof totalReplicas === "number" && Number.isSafeInteger(totalReplicas) && totalReplicas >= 0)) {
            throw new FederationError(at("totalReplicas"), `must be a whole number of replicas (0 or more), got ${describeType(totalReplicas)}`);
        }
        return { form: "karmada", totalReplicas, schedule: karmadaSchedule(scheduling, members, at), options, zeroReplicas: (zeroReplicas as "scaleToZero" | "omit" | undefined) ?? "omit" };
    }
    const preference = {
        totalReplicas,
        rebalance,
        // An empty map means "every cluster alike", as KubeFed's scheduler reads it.
        clusters: clusters === undefined || (isPlainObject(clusters) && Object.keys(clusters).length === 0) ? { "*": { weight: 1 } } : clusters,
    };
    if (preference.rebalance === undefined) delete preference.rebalance;
    try {
        validateReplicaPreference(preference);
    } catch (error) {
        throw error instanceof FederationError ? error.within(at()) : error;
    }
    return { form: "kubefed", preference: preference as ReplicaSchedulingPreference, options, zeroReplicas: (zeroReplicas as "scaleToZero" | "omit" | undefined) ?? "scaleToZero" };
}

/**
 * The Karmada form of `scheduling`: Karmada's ReplicaSchedulingStrategy, written on the
 * workload. `replicaSchedulingType` Duplicated or Divided (the default once weights are given);
 * for Divided, `replicaDivisionPreference` Weighted (the default) or Aggregated, with either
 * `staticWeights` (Karmada's weightPreference.staticWeightList) or `dynamicWeight:
 * "AvailableReplicas"` over the declared `capacity`. The numbers are Karmada's
 * (karmadaDivision.ts); the KubeFed form keeps KubeFed's planner.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { KarmadaDivision, divideReplicasAsKarmada } from "./karmadaDivision";
import { Member } from "./members";
import { describeType } from "./names";
import { isPlainObject } from "./opaque";
import { LabelSelector, matchesSelector, validateSelector } from "./selector";
import { unknownFieldReason } from "./suggest";

/** Karmada's ClusterAffinity, as far as members can be told apart here (names and labels). */
export interface ClusterAffinity {
    /** The cluster must be one of these (an empty or absent list: any cluster). */
    clusterNames?: string[];
    /** The cluster must not be one of these. */
    exclude?: string[];
    /** The cluster's labels must match. */
    labelSelector?: LabelSelector;
}

/**
 * One rule of Karmada's `weightPreference.staticWeightList`: the clusters it matches, and their
 * weight. A cluster takes the highest weight among the rules it matches.
 */
export interface StaticClusterWeight {
    /** The clusters the rule is for: every condition given must hold. */
    targetCluster: ClusterAffinity;
    /** The clusters' share of the replicas, relative to the other rules'. */
    weight: number;
}

/** The Karmada form's fields of `scheduling` (Karmada's ReplicaSchedulingStrategy). */
export interface KarmadaSchedulingFields {
    /** `Duplicated` gives every cluster all the replicas; `Divided` (the default once weights are given) divides them. */
    replicaSchedulingType?: "Duplicated" | "Divided";
    /** For Divided: `Weighted` (the default) divides by weight; `Aggregated` packs the replicas into as few clusters as hold them, by `capacity`. */
    replicaDivisionPreference?: "Weighted" | "Aggregated";
    /** Weighted by rules over cluster names and labels; replicas seated by Webster's method, as Karmada does. */
    staticWeights?: StaticClusterWeight[];
    /** Weighted by each cluster's `capacity` (the replicas it can still take), as Karmada's AvailableReplicas. */
    dynamicWeight?: "AvailableReplicas";
}

export const KARMADA_FIELDS = ["replicaSchedulingType", "replicaDivisionPreference", "staticWeights", "dynamicWeight"];
const AFFINITY_FIELDS = ["clusterNames", "exclude", "labelSelector"];

type At = (field?: string, cluster?: string) => FederationErrorLocation;

/** True when `scheduling` uses any Karmada field. */
export function isKarmadaForm(scheduling: Record<string, unknown>): boolean {
    return KARMADA_FIELDS.some((field) => scheduling[field] !== undefined);
}

export interface KarmadaSchedule {
    division: (clusters: readonly string[]) => KarmadaDivision;
}

/** Validates the Karmada fields; the result divides over the placed clusters. */
export function karmadaSchedule(scheduling: Record<string, unknown>, members: readonly Member[], at: At): KarmadaSchedule {
    const { replicaSchedulingType, replicaDivisionPreference, staticWeights, dynamicWeight, capacity, current } = scheduling;
    for (const field of ["clusters", "rebalance"]) {
        if (scheduling[field] !== undefined) {
            throw new FederationError(at(field), `is KubeFed's form; with Karmada's (${KARMADA_FIELDS.filter((key) => scheduling[key] !== undefined).join(", ")}) use staticWeights or dynamicWeight instead`);
        }
    }
    checkEnum(replicaSchedulingType, ["Duplicated", "Divided"], "replicaSchedulingType", at);
    checkEnum(replicaDivisionPreference, ["Weighted", "Aggregated"], "replicaDivisionPreference", at);
    checkEnum(dynamicWeight, ["AvailableReplicas"], "dynamicWeight", at);
    if (replicaSchedulingType === "Duplicated") {
        for (const field of ["replicaDivisionPreference", "staticWeights", "dynamicWeight"]) {
            if (scheduling[field] !== undefined) throw new FederationError(at(field), "divides replicas, but replicaSchedulingType Duplicated gives every cluster all of them");
        }
        return { division: () => ({ type: "Duplicated" }) };
    }
    if (staticWeights !== undefined && dynamicWeight !== undefined) {
        // Karmada itself lets dynamicWeight win silently; two contradicting weightings are a mistake.
        throw new FederationError(at("dynamicWeight"), "give staticWeights or dynamicWeight, not both (Karmada would use dynamicWeight and ignore staticWeights)");
    }
    if (replicaDivisionPreference === "Aggregated" || dynamicWeight !== undefined) {
        if (replicaDivisionPreference === "Aggregated" && staticWeights !== undefined) {
            throw new FederationError(at("staticWeights"), "Aggregated division packs replicas by available capacity; static weights do not apply to it");
        }
        if (capacity === undefined) {
            throw new FederationError(at("capacity"), `is required: ${dynamicWeight !== undefined ? "dynamicWeight AvailableReplicas" : "Aggregated division"} divides by the replicas each cluster can still take`);
        }
        const type = replicaDivisionPreference === "Aggregated" ? "Aggregated" : "DynamicWeighted";
        const totalReplicas = scheduling.totalReplicas as number;
        return {
            division: (clusters) => ({
                type,
                // A cluster without a declared capacity counts as able to take them all, as Karmada's
                // estimator default does.
                available: new Map(clusters.map((cluster) => [cluster, ownNumber(capacity, cluster) ?? totalReplicas])),
                current: current === undefined ? undefined : new Map(clusters.map((cluster) => [cluster, ownNumber(current, cluster) ?? 0])),
            }),
        };
    }
    const rules = staticWeights === undefined ? undefined : checkStaticWeights(staticWeights, members, at);
    return {
        division: (clusters) => ({
            type: "StaticWeighted",
            weights: new Map(clusters.map((cluster) => [cluster, rules ? weightOf(members.find((member) => member.name === cluster)!, rules) : 1])),
        }),
    };
}

/** Divides `totalReplicas` over `clusters`; every placed cluster is in the plan (0 for dropped ones). */
export function planKarmadaReplicas(schedule: KarmadaSchedule, totalReplicas: number, clusters: readonly string[], at: At): Record<string, number> {
    const result = divideReplicasAsKarmada(totalReplicas, clusters, schedule.division(clusters));
    if ("problem" in result) throw new FederationError(at(), result.problem);
    return Object.fromEntries(clusters.map((cluster) => [cluster, result.plan.get(cluster) ?? 0]));
}

function ownNumber(map: unknown, key: string): number | undefined {
    return isPlainObject(map) && Object.prototype.hasOwnProperty.call(map, key) ? (map[key] as number) : undefined;
}

function checkEnum(value: unknown, allowed: readonly string[], field: string, at: At): void {
    if (value === undefined || allowed.includes(value as string)) return;
    const match = typeof value === "string" ? allowed.find((known) => known.toLowerCase() === value.toLowerCase()) : undefined;
    throw new FederationError(at(field), `must be ${allowed.join(" or ")}, got ${describeType(value)}${match ? `; Karmada spells it "${match}"` : ""}`);
}

/** A cluster's weight: the highest of the rules that match it (0: no rule does). */
function weightOf(member: Member, rules: readonly StaticClusterWeight[]): number {
    let weight = 0;
    for (const rule of rules) if (affinityMatches(rule.targetCluster, member)) weight = Math.max(weight, rule.weight);
    return weight;
}

/** Karmada's ClusterMatches: every given criterion must hold. */
export function affinityMatches(affinity: ClusterAffinity, member: Member): boolean {
    if (affinity.exclude?.includes(member.name)) return false;
    if (affinity.labelSelector !== undefined && !matchesSelector(affinity.labelSelector, member.labels)) return false;
    return !affinity.clusterNames || affinity.clusterNames.length === 0 || affinity.clusterNames.includes(member.name);
}

function checkStaticWeights(list: unknown, members: readonly Member[], at: At): StaticClusterWeight[] {
    if (!Array.isArray(list) || list.length === 0) throw new FederationError(at("staticWeights"), `must be a non-empty list of { targetCluster, weight }, got ${describeType(list)}`);
    const names = new Set(members.map((member) => member.name));
    list.forEach((entry, index) => {
        const field = `staticWeights[${index}]`;
        if (!isPlainObject(entry) || !isPlainObject(entry.targetCluster)) throw new FederationError(at(field), "must be { targetCluster: { clusterNames?, exclude?, labelSelector? }, weight }");
        const extraEntry = Object.keys(entry).find((key) => key !== "targetCluster" && key !== "weight");
        if (extraEntry) throw new FederationError(at(`${field}.${extraEntry}`), unknownFieldReason(extraEntry, ["targetCluster", "weight"], "static weight"));
        for (const key of Object.keys(entry.targetCluster)) {
            if (key === "fieldSelector") {
                throw new FederationError(at(`${field}.targetCluster.fieldSelector`), "is not supported: Karmada matches it against a Cluster's spec.provider, region and zones, which members do not have; select on member labels with labelSelector");
            }
            if (!AFFINITY_FIELDS.includes(key)) throw new FederationError(at(`${field}.targetCluster.${key}`), unknownFieldReason(key, AFFINITY_FIELDS, "targetCluster"));
        }
        if (!(typeof entry.weight === "number" && Number.isSafeInteger(entry.weight) && entry.weight >= 1)) {
            throw new FederationError(at(`${field}.weight`), `must be a whole number of at least 1 (as in Karmada), got ${describeType(entry.weight)}`);
        }
        const { clusterNames, exclude, labelSelector } = entry.targetCluster;
        for (const [key, value] of [["clusterNames", clusterNames], ["exclude", exclude]] as const) {
            if (value === undefined) continue;
            if (!Array.isArray(value)) throw new FederationError(at(`${field}.targetCluster.${key}`), `must be a list of member names, got ${describeType(value)}`);
            value.forEach((cluster, i) => {
                if (!names.has(cluster)) throw new FederationError(at(`${field}.targetCluster.${key}[${i}]`, String(cluster)), "is not a member of the federation");
            });
        }
        if (labelSelector !== undefined) {
            try {
                validateSelector(labelSelector);
            } catch (error) {
                throw error instanceof FederationError ? error.within(at(`${field}.targetCluster.labelSelector`)) : error;
            }
        }
    });
    return list as StaticClusterWeight[];
}

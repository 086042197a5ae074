/**
 * What Karmada makes of the objects Karmada mode registers, pure: which declared members a
 * PropagationPolicy selects, how it divides replicas, and each member's object (ReviseReplica, then
 * the OverridePolicy's plaintext operations in rule order), following Karmada's rules:
 *
 * - the affinity's criteria (`clusterNames`, `exclude`, `labelSelector`) are ANDed; with ordered
 *   `clusterAffinities`, the first term that selects a cluster is used;
 * - `Divided` + static weights is Karmada's Webster division (planning/karmadaDivision.ts); with
 *   dynamic weights or `Aggregated`, Karmada divides by live capacity, which a program cannot see,
 *   so the planner's estimate is taken;
 * - overrides run after the division, each rule whose `targetCluster` matches (no target: all).
 *
 * Offline synth renders each member's folder from this in Karmada mode, and the tests check it
 * against push mode's objects. Only declared members are considered: a cluster that joined Karmada
 * without being declared in the program is not seen here (the program checks the declared ones).
 */
import { applyPatch } from "rfc6902";
import { FederationError } from "../errors";
import { divideReplicasAsKarmada } from "../planning/karmadaDivision";
import { affinityMatches } from "../planning/karmadaScheduling";
import { Member } from "../planning/members";
import { isPlainObject } from "../planning/opaque";
import { KarmadaOverridePolicy } from "./overridePolicy";
import { KarmadaAffinity } from "./propagationPolicy";

export interface KarmadaPlacementSpec {
    placement: {
        clusterAffinity?: KarmadaAffinity;
        clusterAffinities?: Array<KarmadaAffinity & { affinityName: string }>;
        replicaScheduling?: {
            replicaSchedulingType?: string;
            replicaDivisionPreference?: string;
            weightPreference?: { staticWeightList?: Array<{ targetCluster: KarmadaAffinity; weight: number }>; dynamicWeight?: string };
        };
    };
}

/** The declared members an affinity selects, in member order. */
export function karmadaSelects(affinity: KarmadaAffinity | undefined, members: readonly Member[]): string[] {
    return members.filter((member) => affinityMatches(affinity ?? {}, member)).map((member) => member.name);
}

/**
 * Each member Karmada propagates `template` to, with the object it gets there. `estimate` is the
 * planner's replicas per cluster, used only where Karmada divides by live capacity.
 */
export function karmadaMemberObjects(
    members: readonly Member[],
    template: Record<string, unknown>,
    policySpec: KarmadaPlacementSpec,
    overridePolicy?: Pick<KarmadaOverridePolicy, "spec">,
    estimate?: Readonly<Record<string, number>>,
): Map<string, Record<string, unknown>> {
    const { placement } = policySpec;
    const terms = placement.clusterAffinities ?? [placement.clusterAffinity ?? {}];
    const selected = terms.map((term) => karmadaSelects(term, members)).find((clusters) => clusters.length > 0) ?? [];
    const scheduling = placement.replicaScheduling ?? {};
    let placed = selected;
    let replicasOf: (cluster: string) => number | undefined = () => undefined;
    if (scheduling.replicaSchedulingType === "Divided") {
        const total = isPlainObject(template.spec) && typeof template.spec.replicas === "number" ? template.spec.replicas : 1;
        const staticList = scheduling.weightPreference?.staticWeightList;
        if (staticList !== undefined && scheduling.weightPreference?.dynamicWeight === undefined && scheduling.replicaDivisionPreference !== "Aggregated") {
            const weights = new Map<string, number>();
            for (const cluster of selected) {
                const matching = staticList.filter((rule) => karmadaSelects(rule.targetCluster, members).includes(cluster));
                if (matching.length > 0) weights.set(cluster, Math.max(...matching.map((rule) => rule.weight)));
            }
            const division = divideReplicasAsKarmada(total, selected, { type: "StaticWeighted", weights });
            if (!("plan" in division)) throw new FederationError({}, `Karmada cannot divide the replicas: ${division.problem}`);
            placed = selected.filter((cluster) => division.plan.has(cluster));
            replicasOf = (cluster) => division.plan.get(cluster);
        } else {
            placed = selected.filter((cluster) => (estimate?.[cluster] ?? 0) > 0);
            replicasOf = (cluster) => estimate?.[cluster];
        }
    }
    const result = new Map<string, Record<string, unknown>>();
    for (const cluster of placed) {
        const object = structuredClone(template);
        const replicas = replicasOf(cluster);
        if (replicas !== undefined && isPlainObject(object.spec)) object.spec.replicas = replicas;
        for (const rule of overridePolicy?.spec.overrideRules ?? []) {
            if (rule.targetCluster !== undefined && !karmadaSelects(rule.targetCluster, members).includes(cluster)) continue;
            const operations = rule.overriders.plaintext.map((step) => ({ op: step.operator, path: step.path, value: step.value ?? null }));
            const failed = applyPatch(object, operations as Parameters<typeof applyPatch>[1]).find((error) => error !== null);
            if (failed) throw new FederationError({ cluster }, `Karmada would fail to apply the OverridePolicy here: ${failed.message}`);
        }
        // An empty labels or annotations map is no map to the API server (left by removing additions).
        if (isPlainObject(object.metadata)) {
            for (const map of ["labels", "annotations"]) {
                const value = object.metadata[map];
                if (isPlainObject(value) && Object.keys(value).length === 0) delete object.metadata[map];
            }
        }
        result.set(cluster, object);
    }
    return result;
}

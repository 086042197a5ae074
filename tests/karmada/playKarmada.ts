/**
 * Karmada's own rules, played on generated objects, for tests: which clusters a
 * PropagationPolicy selects (affinity criteria ANDed), how it divides replicas (static weights,
 * Karmada's Webster division), and what each cluster's object becomes (ReviseReplica, then the
 * OverridePolicy's plaintext operations in rule order).
 */
import { strict as assert } from "assert";
import { applyPatch } from "rfc6902";
import { KarmadaAffinity } from "../../components/karmada/propagationPolicy";
import { KarmadaOverridePolicy } from "../../components/karmada/overridePolicy";
import { divideReplicasAsKarmada } from "../../components/planning/karmadaDivision";
import { affinityMatches } from "../../components/planning/karmadaScheduling";
import { Member } from "../../components/planning/members";

export function karmadaSelects(affinity: KarmadaAffinity, members: readonly Member[]): string[] {
    return members.filter((member) => affinityMatches(affinity, member)).map((member) => member.name);
}

/** Each cluster Karmada propagates the template to, with the object that cluster gets. */
export function playKarmada(members: readonly Member[], template: Record<string, any>, policySpec: any, overridePolicy?: KarmadaOverridePolicy): Map<string, Record<string, unknown>> {
    const selected = karmadaSelects(policySpec.placement.clusterAffinity, members);
    const scheduling = policySpec.placement.replicaScheduling;
    let placed = selected;
    let replicasOf: (cluster: string) => number | undefined = () => undefined;
    if (scheduling.replicaSchedulingType === "Divided") {
        const weights = new Map<string, number>();
        for (const cluster of selected) {
            const matching = scheduling.weightPreference.staticWeightList.filter((rule: any) => karmadaSelects(rule.targetCluster, members).includes(cluster));
            if (matching.length > 0) weights.set(cluster, Math.max(...matching.map((rule: any) => rule.weight)));
        }
        const division = divideReplicasAsKarmada(template.spec.replicas, selected, { type: "StaticWeighted", weights });
        assert.ok("plan" in division, JSON.stringify(division));
        placed = selected.filter((cluster) => division.plan.has(cluster));
        replicasOf = (cluster) => division.plan.get(cluster);
    } else {
        assert.deepEqual(scheduling, { replicaSchedulingType: "Duplicated" });
    }
    const result = new Map<string, Record<string, unknown>>();
    for (const cluster of placed) {
        const object = structuredClone(template);
        const replicas = replicasOf(cluster);
        if (replicas !== undefined) object.spec.replicas = replicas; // ReviseReplica runs before overrides
        for (const rule of overridePolicy?.spec.overrideRules ?? []) {
            if (!karmadaSelects(rule.targetCluster, members).includes(cluster)) continue;
            const errors = applyPatch(object, rule.overriders.plaintext.map((p) => ({ op: p.operator, path: p.path, value: p.value }) as any));
            assert.deepEqual(errors.filter(Boolean), [], `plaintext of ${cluster} applies`);
        }
        result.set(cluster, object);
    }
    return result;
}

/**
 * KubeFed -> Karmada migration, pure: a KubeFed installation's manifests, planned by our planner,
 * as the objects a Karmada control plane needs: for each federated object, its resource template
 * (the plain Kubernetes object) and its PropagationPolicy, and an OverridePolicy where clusters
 * differ. Each member then gets the object KubeFed (and push mode) gives it.
 *
 * What does not map is reported, never dropped silently:
 * - KubeFedCluster documents: members join Karmada with `karmadactl join` (not an object here);
 * - FederatedTypeConfig documents: Karmada needs none (it propagates any kind);
 * - ReplicaSchedulingPreference documents: folded into their workload's PropagationPolicy;
 * - `retainReplicas`: not mapped (Karmada keeps members' replicas only for HPA-scaled workloads); reported;
 * - documents the planner ignores (propagation disabled, and so on), with the planner's reason;
 * - an object the mapping refuses (e.g. a per-cluster apiVersion): left out, with the reason.
 * Templates carry what Karmada needs on its API server (template.ts); the OverridePolicy undoes it in each member.
 */
import { FederationError } from "../errors";
import { FederationPlan, PlannedManifest } from "../manifests/plan";
import { documentLabel } from "../manifests/kubefed";
import { isPlainObject } from "../planning/opaque";
import { manifestObjectInput, planKarmadaObject } from "./objectPlan";

export interface KarmadaConversion {
    /** Templates and policies, in the plan's order (namespaces first). */
    documents: Record<string, unknown>[];
    /** One line per thing that did not map as written, or that Karmada does another way. */
    report: string[];
}

export function convertToKarmada(plan: FederationPlan, documentsRead: ReadonlyArray<{ object: unknown }> = []): KarmadaConversion {
    const documents: Record<string, unknown>[] = [];
    const report: string[] = [];
    const kinds = new Map<string, number>();
    for (const document of documentsRead) {
        const kind = isPlainObject(document.object) && typeof document.object.kind === "string" ? document.object.kind : undefined;
        if (kind === "KubeFedCluster" || kind === "FederatedTypeConfig" || kind === "ReplicaSchedulingPreference") kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    if (kinds.has("KubeFedCluster")) report.push(`${kinds.get("KubeFedCluster")} KubeFedCluster document(s): not converted; join each member to Karmada with \`karmadactl join <name>\` and give the Karmada Cluster the same labels (${plan.members.map((member) => member.name).join(", ")})`);
    if (kinds.has("FederatedTypeConfig")) report.push(`${kinds.get("FederatedTypeConfig")} FederatedTypeConfig document(s): not needed; Karmada propagates any kind`);
    if (kinds.has("ReplicaSchedulingPreference")) report.push(`${kinds.get("ReplicaSchedulingPreference")} ReplicaSchedulingPreference document(s): folded into their workloads' PropagationPolicy (static weights equal to the planned replicas)`);
    for (const { document, reason } of plan.ignored) report.push(`${documentLabel(document)}: not converted: ${reason}`);
    for (const entry of plan.planned) {
        try {
            const converted = convertOne(entry, plan);
            documents.push(...converted.documents);
            report.push(...converted.notes.map((note) => `${entry.resource.label}: ${note}`));
        } catch (error) {
            if (!(error instanceof FederationError)) throw error;
            report.push(`${entry.resource.label}: not converted: ${error.message}`);
        }
    }
    return { documents, report };
}

function convertOne(entry: PlannedManifest, plan: FederationPlan): { documents: Record<string, unknown>[]; notes: string[] } {
    const { resource } = entry;
    const extra: string[] = [];
    // KubeFed's retainReplicas is reported rather than refused: the rest of the object still converts.
    if (resource.retainReplicas) extra.push("retainReplicas: not mapped; Karmada keeps members' replicas only for a workload that an HPA on the Karmada control plane scales (its resourcetemplate.karmada.io/retain-replicas label, which Karmada sets itself)");
    // (retainReplicas is reported above, not refused: the rest of the object still converts.)
    const { plan: objects, notes } = planKarmadaObject({ ...manifestObjectInput(entry, plan.members), retainReplicas: undefined });
    if (!objects) return { documents: [], notes: [...notes, ...extra] };
    const documents = [objects.template, objects.propagationPolicy, ...(objects.overridePolicy ? [objects.overridePolicy as unknown as Record<string, unknown>] : [])];
    return { documents, notes: [...notes, ...extra] };
}

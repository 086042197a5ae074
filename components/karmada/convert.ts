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
 * A Namespace template is labelled so that Karmada does not propagate it everywhere (template.ts).
 */
import { FederationError } from "../errors";
import { FederationPlan, PlannedManifest } from "../manifests/plan";
import { documentLabel } from "../manifests/kubefed";
import { isPlainObject } from "../planning/opaque";
import { karmadaOverridePolicy } from "./overridePolicy";
import { karmadaPropagation } from "./propagationPolicy";
import { NAMESPACE_SKIP_AUTO_PROPAGATION, karmadaTemplate } from "./template";

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
    const notes: string[] = [];
    const propagation = karmadaPropagation({
        resource: resource.label,
        apiVersion: resource.target.apiVersion,
        kind: resource.target.kind,
        name: resource.name,
        namespace: resource.namespace,
        clusterScoped: resource.target.clusterScoped,
        placement: resource.placement,
        members: plan.members,
        clusters: entry.clusters,
        namespaceClusters: entry.namespaceClusters,
        scheduling: resource.scheduling,
        replicas: entry.replicas,
        orphan: resource.orphan,
    });
    notes.push(...propagation.notes);
    if (resource.retainReplicas) notes.push("retainReplicas: not mapped; Karmada keeps members' replicas only for a workload that an HPA on the Karmada control plane scales (its resourcetemplate.karmada.io/retain-replicas label, which Karmada sets itself)");
    if (!propagation.policy) return { documents: [], notes };
    const template = karmadaTemplate(entry.template, resource.target.apiVersion, resource.target.kind);
    if (resource.target.apiVersion === "v1" && resource.target.kind === "Namespace") notes.push(`labelled ${NAMESPACE_SKIP_AUTO_PROPAGATION}: "true" on Karmada, so that only its policy places it (an OverridePolicy rule removes the label in each member)`);
    const divided = (propagation.policy.spec as { placement: { replicaScheduling: { replicaSchedulingType: string } } }).placement.replicaScheduling.replicaSchedulingType === "Divided";
    if (divided && resource.scheduling && isPlainObject(template.spec)) template.spec.replicas = resource.scheduling.totalReplicas;
    const overridePolicy = karmadaOverridePolicy({
        resource: resource.label,
        kind: resource.target.kind,
        name: resource.name,
        namespace: resource.namespace,
        clusterScoped: resource.target.clusterScoped,
        template,
        objects: entry.objects,
        karmadaOwned: divided ? ["/spec/replicas"] : [],
    });
    return { documents: [template, propagation.policy, ...(overridePolicy ? [overridePolicy as unknown as Record<string, unknown>] : [])], notes };
}

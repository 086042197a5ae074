/**
 * KubeFed -> Karmada migration, pure: a KubeFed installation's manifests, planned by our planner,
 * as the objects a Karmada control plane needs: for each federated object, its resource template
 * (the plain Kubernetes object) and its PropagationPolicy, and an OverridePolicy where clusters
 * differ. Each member then gets the object KubeFed (and push mode) gives it.
 *
 * What does not map is reported, never dropped silently, in three kinds (see {@link conversionSummary}):
 * - dropped, a loss: an object the mapping refuses (e.g. a per-cluster apiVersion, per-cluster
 *   Secret data) is left out, with the reason; so is a setting it cannot carry (`retainReplicas`:
 *   Karmada keeps members' replicas only for HPA-scaled workloads), the rest of its object converted;
 * - another step: KubeFedCluster documents (members join Karmada with `karmadactl join`, not an object here);
 * - nothing to carry over: FederatedTypeConfig documents (Karmada propagates any kind),
 *   ReplicaSchedulingPreference documents (folded into their workload's PropagationPolicy), and
 *   the other documents the planner ignores (controller settings, disabled propagation, ...), with its reason.
 * Templates carry what Karmada needs on its API server for kubectl (template.ts, target
 * "kubectl": no `pulumi.com/waitFor`); the OverridePolicy undoes it in each member.
 */
import { FederationError } from "../errors";
import { ManifestDocument } from "../manifests/load";
import { FederationPlan, PlannedManifest, manifestField, planFederation } from "../manifests/plan";
import { documentLabel } from "../manifests/kubefed";
import { Member } from "../planning/members";
import { isPlainObject } from "../planning/opaque";
import { withoutFieldValidationHint } from "../planning/unknownFields";
import { manifestObjectInput, planKarmadaObject } from "./objectPlan";

/** Something of the manifests that is not in the converted YAML, or not all of it. */
export interface ConversionLoss {
    /** The object, as Karmada will know it: `Secret shop/db-password`. */
    object: string;
    /** The document it was read from (file, index, kind and name). */
    document: string;
    /** Why, with the cluster and field where there is one. */
    reason: string;
}

/** Documents of one kind that need no object, or a step outside the YAML, and why. */
export interface ConversionNote {
    /** The KubeFed kind: `KubeFedCluster`, `FederatedTypeConfig`, ... */
    kind: string;
    count: number;
    reason: string;
}

export interface KarmadaConversion {
    /** Templates and policies, in the plan's order (namespaces first). */
    documents: Record<string, unknown>[];
    /** One line per thing that did not map as written, or that Karmada does another way. */
    report: string[];
    /** Federated objects the planner placed: how many there are, and how many are in `documents`. */
    objects: { planned: number; converted: number; placedNowhere: number };
    /** Objects left out of `documents` because the mapping refuses them: data the migration loses. */
    dropped: ConversionLoss[];
    /** Settings of converted objects that Karmada has no equivalent for (retainReplicas). */
    unmapped: ConversionLoss[];
    /** Documents that need a step outside the YAML (KubeFedCluster: `karmadactl join`). */
    steps: ConversionNote[];
    /** Documents with nothing to carry over (type configuration, folded scheduling, controller settings, ...). */
    informational: ConversionNote[];
}

/**
 * Plans KubeFed manifests as `convert --to karmada` does (checked against the Kubernetes schema,
 * unknown fields refused: it has no fieldValidation switch, so its errors do not offer one) and
 * converts them.
 */
export function convertManifestsToKarmada(documents: readonly ManifestDocument[], members?: readonly Member[]): KarmadaConversion {
    let plan: FederationPlan;
    try {
        plan = planFederation(documents, members, { validateSchema: true });
    } catch (error) {
        throw withoutFieldValidationHint(error);
    }
    return convertToKarmada(plan, documents);
}

export function convertToKarmada(plan: FederationPlan, documentsRead: ReadonlyArray<{ object: unknown }> = []): KarmadaConversion {
    const documents: Record<string, unknown>[] = [];
    const report: string[] = [];
    const dropped: ConversionLoss[] = [];
    const unmapped: ConversionLoss[] = [];
    const steps: ConversionNote[] = [];
    const informational: ConversionNote[] = [];
    const kinds = new Map<string, number>();
    for (const document of documentsRead) {
        const kind = isPlainObject(document.object) && typeof document.object.kind === "string" ? document.object.kind : undefined;
        if (kind === "KubeFedCluster" || kind === "FederatedTypeConfig" || kind === "ReplicaSchedulingPreference") kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const members = plan.members.map((member) => member.name).join(", ");
    if (kinds.has("KubeFedCluster")) {
        report.push(`${kinds.get("KubeFedCluster")} KubeFedCluster document(s): not converted; join each member to Karmada with \`karmadactl join <name>\` and give the Karmada Cluster the same labels (${members})`);
        steps.push({ kind: "KubeFedCluster", count: kinds.get("KubeFedCluster")!, reason: `join each member to Karmada (karmadactl join <name>) and give its Karmada Cluster the same labels (${members})` });
    }
    if (kinds.has("FederatedTypeConfig")) {
        report.push(`${kinds.get("FederatedTypeConfig")} FederatedTypeConfig document(s): not needed; Karmada propagates any kind`);
        informational.push({ kind: "FederatedTypeConfig", count: kinds.get("FederatedTypeConfig")!, reason: "not needed: Karmada propagates any kind" });
    }
    // A preference that schedules nothing is among the ignored documents below, with its reason.
    const folded = (kinds.get("ReplicaSchedulingPreference") ?? 0) - plan.ignored.filter(({ document }) => document.object.kind === "ReplicaSchedulingPreference").length;
    if (kinds.has("ReplicaSchedulingPreference")) report.push(`${kinds.get("ReplicaSchedulingPreference")} ReplicaSchedulingPreference document(s): folded into their workloads' PropagationPolicy (static weights equal to the planned replicas)`);
    if (folded > 0) informational.push({ kind: "ReplicaSchedulingPreference", count: folded, reason: "folded into its workload's PropagationPolicy" });
    const ignored = new Map<string, ConversionNote>();
    for (const { document, reason } of plan.ignored) {
        report.push(`${documentLabel(document)}: not converted: ${reason}`);
        const kind = typeof document.object.kind === "string" ? document.object.kind : "<no kind>";
        if (kind === "FederatedTypeConfig") continue; // counted above
        const key = `${kind}\n${reason}`;
        const note = ignored.get(key) ?? { kind, count: 0, reason };
        note.count++;
        ignored.set(key, note);
    }
    informational.push(...ignored.values());
    // What a member may refuse (an API version a later Kubernetes release removed): said as pulumi up says it.
    report.push(...(plan.warnings ?? []).map((warning) => `warning: ${warning}`));
    let converted = 0;
    for (const entry of plan.planned) {
        const object = objectName(entry);
        try {
            const result = convertOne(entry, plan);
            if (result.documents.length > 0) converted++;
            documents.push(...result.documents);
            report.push(...result.notes.map((note) => `${entry.resource.label}: ${note}`));
            unmapped.push(...result.unmapped.map((reason) => ({ object, document: entry.resource.label, reason })));
        } catch (error) {
            if (!(error instanceof FederationError)) throw error;
            const where = [error.cluster === undefined ? undefined : `cluster "${error.cluster}"`, error.field === undefined ? undefined : `field ${manifestField(error.field)}`].filter((part) => part !== undefined);
            const reason = (where.length > 0 ? `${where.join(", ")}: ` : "") + error.reason;
            report.push(`${entry.resource.label}: NOT CONVERTED, left out of the YAML: ${reason}`);
            dropped.push({ object, document: entry.resource.label, reason });
        }
    }
    const placedNowhere = plan.planned.length - converted - dropped.length;
    return { documents, report, objects: { planned: plan.planned.length, converted, placedNowhere }, dropped, unmapped, steps, informational };
}

/** `Secret shop/db-password`: the object Karmada will hold, as kubectl names it. */
function objectName(entry: PlannedManifest): string {
    const { resource } = entry;
    return `${resource.target.kind} ${resource.target.clusterScoped || resource.namespace === undefined ? "" : `${resource.namespace}/`}${resource.name}`;
}

function convertOne(entry: PlannedManifest, plan: FederationPlan): { documents: Record<string, unknown>[]; notes: string[]; unmapped: string[] } {
    const { resource } = entry;
    const unmapped: string[] = [];
    // KubeFed's retainReplicas is reported rather than refused: the rest of the object still converts.
    if (resource.retainReplicas) unmapped.push("retainReplicas: not mapped; Karmada keeps members' replicas only for a workload that an HPA on the Karmada control plane scales (its resourcetemplate.karmada.io/retain-replicas label, which Karmada sets itself)");
    if (resource.rollout) unmapped.push("spec.rollout: not mapped; Karmada propagates a template to every selected member at once and has no staged rollout");
    // For kubectl: no pulumi.com/waitFor on the templates, nor the rule that removes it.
    const { plan: objects, notes } = planKarmadaObject({ ...manifestObjectInput(entry, plan.members), retainReplicas: undefined, target: "kubectl" });
    if (!objects) return { documents: [], notes: [...notes, ...unmapped], unmapped };
    const documents = [objects.template, objects.propagationPolicy, ...(objects.overridePolicy ? [objects.overridePolicy as unknown as Record<string, unknown>] : [])];
    return { documents, notes: [...notes, ...unmapped], unmapped };
}

/** How {@link conversionSummary} words where the YAML went. */
export interface SummaryOptions {
    /** Where the YAML of what did convert is written: `stdout`, or the file. */
    destination: string;
}

/**
 * The end of `convert`'s report: what was converted, then what was not carried over (objects
 * left out: a loss; settings without an equivalent), what needs another step, and what needed
 * nothing, each on lines of its own so that a loss does not hide among the notes.
 */
export function conversionSummary(conversion: KarmadaConversion, options: SummaryOptions): string[] {
    const { objects, dropped, unmapped, steps, informational } = conversion;
    const lines: string[] = [];
    const nowhere = objects.placedNowhere > 0 ? `; ${objects.placedNowhere} placed on no cluster, so nothing to write, as in KubeFed` : "";
    lines.push(`summary: converted ${objects.converted} of ${objects.planned} federated object(s) into ${conversion.documents.length} document(s), written to ${options.destination}${nowhere}`);
    if (dropped.length > 0) {
        const names = dropped.map((loss) => loss.object).join(", ");
        lines.push(`not carried over: ${count(dropped.length, "object")} left out of the YAML, a loss (nothing of ${dropped.length === 1 ? "it" : "them"} reaches Karmada): ${names}`);
        for (const loss of dropped) lines.push(`  ${loss.document}: ${loss.reason}`);
    }
    if (unmapped.length > 0) {
        const names = unmapped.map((loss) => loss.object).join(", ");
        lines.push(`not carried over: ${count(unmapped.length, "setting")} without a Karmada equivalent, the rest of ${unmapped.length === 1 ? "its object" : "their objects"} converted: ${names}`);
        for (const loss of unmapped) lines.push(`  ${loss.document}: ${loss.reason}`);
    }
    for (const step of steps) lines.push(`another step needed: ${count(step.count, `${step.kind} document`)}: ${step.reason}`);
    if (informational.length > 0) lines.push(`nothing to carry over: ${informational.map((note) => `${count(note.count, note.kind)} (${note.reason})`).join("; ")}`);
    if (dropped.length === 0 && unmapped.length === 0) lines.push("nothing was left out");
    return lines;
}

function count(n: number, what: string): string {
    return `${n} ${what}${n === 1 ? "" : "s"}`;
}

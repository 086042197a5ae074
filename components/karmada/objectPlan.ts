/**
 * Karmada mode for one federated object, pure: from the planner's result to the three objects
 * registered on the Karmada API server, the resource template, its PropagationPolicy and (where
 * members differ from the template, or Karmada mode added something to it) its OverridePolicy.
 * Both the components and `convert --to karmada` use it, so the program and the converted YAML
 * say the same thing.
 *
 * Placed nowhere: nothing at all (a template without a policy could be picked up by someone
 * else's ClusterPropagationPolicy). Values known only at deployment time stay in place: the
 * OverridePolicy is computed with stand-ins for them and carries them (opaqueLeaves.ts).
 */
import { FederationError } from "../errors";
import { Member } from "../planning/members";
import { isPlainObject } from "../planning/opaque";
import { Placement } from "../planning/placement";
import { ResourcePlan } from "../planning/resourcePlan";
import { Scheduling } from "../planning/scheduling";
import { KarmadaModeOptions } from "./arguments";
import { PlannedManifest } from "../manifests/plan";
import { opaqueLeaves } from "./opaqueLeaves";
import { KarmadaOverridePolicy, karmadaOverridePolicy } from "./overridePolicy";
import { KarmadaPropagation, karmadaPropagation } from "./propagationPolicy";
import { KarmadaTarget, NAMESPACE_SKIP_AUTO_PROPAGATION, karmadaAdditions, karmadaTemplate } from "./template";

export interface KarmadaObjectInput {
    resource: string;
    apiVersion: string;
    kind: string;
    clusterScoped: boolean;
    placement?: Placement;
    scheduling?: Scheduling;
    orphan?: boolean;
    retainReplicas?: boolean;
    members: readonly Member[];
    namespaceClusters?: readonly string[];
    /** The planner's result for the object. */
    plan: Pick<ResourcePlan, "template" | "clusters" | "objects" | "replicas">;
    options?: KarmadaModeOptions;
    /**
     * Where Karmada divides by live capacity (dynamic weights, Aggregated): every selected
     * cluster's object without scheduling, so that each has its override rule, whichever
     * clusters Karmada gives replicas to.
     */
    candidates?: ResourcePlan["objects"];
    /**
     * Who registers the objects: `pulumi up` (the default; the template carries the provider's
     * `pulumi.com/waitFor`, which the OverridePolicy removes again) or kubectl, for the YAML of
     * `convert --to karmada` (neither the annotation nor the rule removing it).
     */
    target?: KarmadaTarget;
}

export interface KarmadaObjectPlan {
    /** The resource template as registered on the Karmada API server. */
    template: Record<string, unknown>;
    propagationPolicy: NonNullable<KarmadaPropagation["policy"]>;
    overridePolicy?: KarmadaOverridePolicy;
    /** How the object was mapped where Karmada does it another way. */
    notes: string[];
    /** Where members will hold something else than push mode gives them (for a warning). */
    differences: string[];
}

/** The Karmada objects for a planned object, or undefined when it is placed nowhere. */
export function planKarmadaObject(input: KarmadaObjectInput): { plan?: KarmadaObjectPlan; notes: string[] } {
    const { resource, plan } = input;
    if (input.retainReplicas) {
        throw new FederationError(
            { resource, field: "retainReplicas" },
            "has no Karmada mode equivalent: Karmada keeps the members' replicas only for a workload that a HorizontalPodAutoscaler on the Karmada control plane scales (its resourcetemplate.karmada.io/retain-replicas label, which Karmada sets itself); remove retainReplicas, or use push mode",
        );
    }
    const metadata = isPlainObject(plan.template.metadata) ? plan.template.metadata : {};
    const name = typeof metadata.name === "string" ? metadata.name : undefined;
    if (name === undefined) throw new FederationError({ resource, field: "template.metadata.name" }, "must be a plain string in Karmada mode: the policies select the template by name");
    if (!input.clusterScoped && metadata.namespace !== undefined && typeof metadata.namespace !== "string") {
        throw new FederationError({ resource, field: "template.metadata.namespace" }, "must be a plain string in Karmada mode: the policies must be created in the object's namespace, which Karmada searches for them");
    }
    const namespace = input.clusterScoped || typeof metadata.namespace !== "string" ? undefined : metadata.namespace;
    if (namespace !== undefined) checkPropagatedNamespace(namespace, resource);
    const propagation = karmadaPropagation({
        resource,
        apiVersion: input.apiVersion,
        kind: input.kind,
        name,
        namespace,
        clusterScoped: input.clusterScoped,
        placement: input.placement,
        members: input.members,
        clusters: plan.clusters,
        namespaceClusters: input.namespaceClusters,
        scheduling: input.scheduling,
        replicas: plan.replicas?.plan,
        orphan: input.orphan,
        propagateDeps: input.options?.propagateDeps,
        conflictResolution: input.options?.conflictResolution,
    });
    const notes = [...propagation.notes];
    // Push mode registers nothing for it (e.g. every cluster omitted at 0 replicas): nor does Karmada mode.
    if (!propagation.policy || plan.objects.length === 0) return { notes };
    // KubeFed's planner keeps a cluster planned at 0 replicas (scaled to 0); Karmada's scheduler
    // drops such a cluster (unless it runs with --enable-empty-workload-propagation).
    const dividing = (propagation.policy.spec.placement as { replicaScheduling: { replicaSchedulingType: string } }).replicaScheduling.replicaSchedulingType === "Divided";
    const zero = dividing ? plan.objects.filter(({ cluster }) => plan.replicas?.plan[cluster] === 0).map(({ cluster }) => cluster) : [];
    const differences = propagation.notes.filter((note) => note.includes("planner's estimate"));
    if (zero.length > 0) differences.push(
        `${zero.join(", ")} ${zero.length === 1 ? "is" : "are"} planned at 0 replicas: push mode keeps the object there scaled to 0, Karmada's scheduler gives ${zero.length === 1 ? "that cluster" : "those clusters"} no object (unless it runs with --enable-empty-workload-propagation)`,
    );
    const scheduling = (propagation.policy.spec.placement as { replicaScheduling: { replicaSchedulingType: string } }).replicaScheduling;
    const divided = scheduling.replicaSchedulingType === "Divided";
    // The template holds the total: Karmada divides it, or (Duplicated) gives it to every cluster.
    const base = input.scheduling && isPlainObject(plan.template.spec)
        ? { ...plan.template, spec: { ...plan.template.spec, replicas: input.scheduling.totalReplicas } }
        : (plan.template as Record<string, unknown>);
    const template = karmadaTemplate(base, input.apiVersion, input.kind, input.clusterScoped, { resource }, input.target);
    const additions = karmadaAdditions(input.apiVersion, input.kind, input.clusterScoped, input.target);
    for (const { map, key, value } of additions) {
        const why = key === NAMESPACE_SKIP_AUTO_PROPAGATION ? "so that only its policy places it" : "for pulumi up: wait until a Karmada policy claims it";
        notes.push(`${map === "labels" ? "labelled" : "annotated"} ${key}: "${value}" on Karmada (${why}); the OverridePolicy's first rule removes it in every member`);
    }
    const leaves = opaqueLeaves();
    const overridePolicy = karmadaOverridePolicy({
        resource,
        kind: input.kind,
        name,
        namespace,
        clusterScoped: input.clusterScoped,
        template: leaves.stand(base) as Record<string, unknown>,
        additions,
        objects: (input.candidates ?? plan.objects).map(({ cluster, object }) => ({ cluster, object: leaves.stand(object) as Record<string, unknown> })),
        karmadaOwned: divided ? ["/spec/replicas"] : [],
    });
    return {
        plan: {
            template,
            propagationPolicy: propagation.policy,
            overridePolicy: overridePolicy === undefined ? undefined : (leaves.restore(overridePolicy) as KarmadaOverridePolicy),
            notes,
            differences,
        },
        notes,
    };
}

/**
 * Karmada's detector ignores objects in its own namespaces, and by default (its
 * --skipped-propagating-namespaces) in `kube-*` ones: such a template would never be claimed.
 */
function checkPropagatedNamespace(namespace: string, resource: string): void {
    if (/^(karmada-system|karmada-cluster|karmada-es-.*)$/.test(namespace)) {
        throw new FederationError({ resource, field: "namespace" }, `is "${namespace}", one of Karmada's own namespaces, whose objects Karmada never propagates`);
    }
    if (/^kube-/.test(namespace)) {
        throw new FederationError({ resource, field: "namespace" }, `is "${namespace}": Karmada does not propagate objects of kube-* namespaces (its --skipped-propagating-namespaces default); use push mode for them`);
    }
}

/** planKarmadaObject's input for a document of KubeFed manifests, as planFederation planned it. */
export function manifestObjectInput(entry: PlannedManifest, members: readonly Member[], options?: KarmadaModeOptions): KarmadaObjectInput {
    const { resource } = entry;
    return {
        resource: resource.label,
        apiVersion: resource.target.apiVersion,
        kind: resource.target.kind,
        clusterScoped: resource.target.clusterScoped,
        placement: resource.placement,
        scheduling: resource.scheduling,
        orphan: resource.orphan,
        retainReplicas: resource.retainReplicas,
        members,
        namespaceClusters: entry.namespaceClusters,
        plan: { template: entry.template, clusters: entry.clusters, objects: entry.objects, replicas: entry.replicas === undefined ? undefined : { plan: entry.replicas, unplaced: 0, overflow: {} } },
        options,
    };
}

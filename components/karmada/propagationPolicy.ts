/**
 * Karmada mode, pure: where a federated object goes and how its replicas divide, as Karmada's
 * `PropagationPolicy` (`ClusterPropagationPolicy` for a cluster-scoped kind) of
 * `policy.karmada.io/v1alpha1`. The input is the planner's model (the placement as written, the
 * members and the clusters the planner chose), so the policy makes Karmada choose the same
 * clusters as push mode does:
 *
 * - `placement.clusters` -> `clusterAffinity.clusterNames`: the planner's result (the list, within
 *   the namespace's clusters, without unavailable or draining members).
 * - `placement.clusterSelector` -> `clusterAffinity.labelSelector`, so that a cluster joining with
 *   matching labels is selected too. Karmada ANDs the affinity's criteria, which is how the rest
 *   is kept: `clusterNames` holds the federated namespace's clusters when the object follows one,
 *   and `exclude` the members marked unavailable or draining.
 * - Spread constraints: the planner's choice is pinned as `clusterNames`. Karmada's scheduler picks
 *   spread groups by its own scores, so passing the constraints on would pick other clusters.
 * - Placed nowhere: no policy at all. KubeFed's `clusters: []` means nowhere, while Karmada's
 *   empty `clusterNames` means every cluster.
 * - Replicas: `replicaScheduling` Duplicated without scheduling. With scheduling, Divided +
 *   Weighted with static weights equal to the planner's per-cluster replicas: Karmada's Webster
 *   division of those weights gives back exactly those numbers, whichever scheduling form (KubeFed's
 *   weights with min/max, or Karmada's static weights) produced them. With Karmada's
 *   `dynamicWeight` or `Aggregated`, those fields are passed on: Karmada divides by the live
 *   available replicas, which the planner can only estimate from the declared `capacity`.
 * - `orphan` -> `preserveResourcesOnDeletion: true`; `propagateDeps` and `conflictResolution`
 *   as asked.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { Member } from "../planning/members";
import { Placement, PlacementGroup } from "../planning/placement";
import { Scheduling } from "../planning/scheduling";
import { LabelSelector } from "../planning/selector";
import { checkKarmadaSpec } from "./schema";

export const KARMADA_POLICY_API_VERSION = "policy.karmada.io/v1alpha1";

export interface KarmadaPropagationInput {
    /** How errors name the resource, e.g. `FederatedDeployment "web"`. */
    resource: string;
    /** The resource template's identity. */
    apiVersion: string;
    kind: string;
    name: string;
    namespace?: string;
    clusterScoped: boolean;
    placement?: Placement;
    members: readonly Member[];
    /** The clusters the planner chose (push mode's result). */
    clusters: readonly string[];
    /** The federated namespace's clusters, when the object follows one. */
    namespaceClusters?: readonly string[];
    /** The scheduling as written, and the planner's replicas per cluster. */
    scheduling?: Scheduling;
    replicas?: Readonly<Record<string, number>>;
    orphan?: boolean;
    propagateDeps?: boolean;
    /** `Overwrite` takes over objects that already exist in the members (adoption); Karmada's default is `Abort`. */
    conflictResolution?: "Abort" | "Overwrite";
}

export interface KarmadaAffinity {
    clusterNames?: string[];
    exclude?: string[];
    labelSelector?: LabelSelector;
}

export interface KarmadaPropagation {
    /** Undefined when the object is placed nowhere. */
    policy?: {
        apiVersion: typeof KARMADA_POLICY_API_VERSION;
        kind: "PropagationPolicy" | "ClusterPropagationPolicy";
        metadata: { name: string; namespace?: string };
        spec: Record<string, unknown>;
    };
    /** How placement was realised, for the review table and the docs. */
    notes: string[];
}

export function karmadaPropagation(input: KarmadaPropagationInput): KarmadaPropagation {
    const location: FederationErrorLocation = { resource: input.resource };
    const notes: string[] = [];
    if (input.clusters.length === 0) {
        notes.push("placed in no cluster: no policy (an empty clusterNames would mean every cluster to Karmada)");
        return { notes };
    }
    const placement = input.placement ?? {};
    const placementSpec: Record<string, unknown> = {};
    if (placement.failover !== undefined) {
        placementSpec.clusterAffinities = failoverAffinities(placement, input, location, notes);
    } else {
        placementSpec.clusterAffinity = groupAffinity(placement, input, notes, true);
    }
    placementSpec.replicaScheduling = replicaScheduling(input, location, notes);
    const spec: Record<string, unknown> = {
        resourceSelectors: [{ apiVersion: input.apiVersion, kind: input.kind, name: input.name, ...(input.clusterScoped ? {} : { namespace: input.namespace }) }],
        placement: placementSpec,
    };
    if (input.propagateDeps) spec.propagateDeps = true;
    if (input.conflictResolution !== undefined) spec.conflictResolution = input.conflictResolution;
    if (input.orphan) spec.preserveResourcesOnDeletion = true;
    const kind = input.clusterScoped ? "ClusterPropagationPolicy" : "PropagationPolicy";
    // Before anything registers: what Karmada's API server would refuse is refused here.
    checkKarmadaSpec(kind, spec, location);
    return {
        policy: {
            apiVersion: KARMADA_POLICY_API_VERSION,
            kind,
            metadata: { name: karmadaPolicyName(input.apiVersion, input.kind, input.name, location), ...(input.clusterScoped ? {} : { namespace: input.namespace }) },
            spec,
        },
        notes,
    };
}

/**
 * `<kind>-<name>` for the core group, `<kind>.<group>-<name>` otherwise, in lower case: one policy
 * per object, never shared by a Deployment and a Service of one name, nor by two kinds of one
 * name in different groups (a core and a Knative Service). Karmada's policies are custom
 * resources, so the name must be a DNS subdomain: characters an object name may have but a
 * subdomain may not (a ClusterRole's `:`) become `.`, as Karmada does for binding names.
 */
export function karmadaPolicyName(apiVersion: string, kind: string, name: string, location: FederationErrorLocation = {}): string {
    const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
    const policy = `${group ? `${kind}.${group}` : kind}-${name}`.toLowerCase().replace(/[^a-z0-9.-]/g, ".");
    if (policy.length > 253 || !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(policy)) {
        throw new FederationError(
            { ...location, field: "template.metadata.name" },
            `gives the Karmada policy name ${JSON.stringify(policy.length > 80 ? `${policy.slice(0, 80)}...` : policy)} (${policy.length} characters), which is not a DNS subdomain of at most 253 characters; shorten the object's name`,
        );
    }
    return policy;
}

/** The members the user marked unavailable or draining: Karmada must not place on them either. */
function excluded(members: readonly Member[]): string[] {
    return members.filter((member) => member.unavailable || member.draining).map((member) => member.name);
}

function groupAffinity(group: PlacementGroup, input: KarmadaPropagationInput, notes: string[], isResult: boolean): KarmadaAffinity {
    const spread = (group.spreadConstraints ?? input.placement?.spreadConstraints ?? []).length > 0;
    if (group.clusters !== undefined || spread) {
        // The planner's result when it is the result; a failover group's own list otherwise.
        if (spread) notes.push("spread constraints: the planner's choice is pinned as clusterNames (Karmada's scheduler would choose by its own scores)");
        const names = isResult ? [...input.clusters] : usable(group.clusters ?? [], input);
        return { clusterNames: names };
    }
    const affinity: KarmadaAffinity = { labelSelector: copySelector(group.clusterSelector ?? {}) };
    if (input.namespaceClusters !== undefined) {
        affinity.clusterNames = [...input.namespaceClusters];
        notes.push("follows its federated namespace: clusterNames holds the namespace's clusters, ANDed with the selector");
    }
    const out = excluded(input.members);
    if (out.length > 0) affinity.exclude = out;
    return affinity;
}

/** A list's members that push mode could use: in the namespace's clusters, available. */
function usable(clusters: readonly string[], input: KarmadaPropagationInput): string[] {
    const out = new Set(excluded(input.members));
    return clusters.filter((cluster) => !out.has(cluster) && (input.namespaceClusters === undefined || input.namespaceClusters.includes(cluster)));
}

function failoverAffinities(placement: Placement, input: KarmadaPropagationInput, location: FederationErrorLocation, notes: string[]) {
    const groups = placement.failover ?? [];
    if (groups.some((group) => (group.spreadConstraints ?? []).length > 0) || (placement.spreadConstraints ?? []).length > 0) {
        throw new FederationError(
            { ...location, field: "placement.failover" },
            "spread constraints within failover groups have no Karmada equivalent: Karmada applies one placement's spreadConstraints to whichever clusterAffinities term it uses, by its own scores; use failover groups without spread constraints in Karmada mode",
        );
    }
    notes.push("failover groups: ordered clusterAffinities (Karmada moves to the next term when a term's clusters cannot be scheduled)");
    // A group left with no usable cluster is dropped: Karmada's empty clusterNames would match every cluster.
    return groups
        .map((group, index) => ({ affinityName: `failover-${index}`, ...groupAffinity(group, input, notes, false) }))
        .filter((affinity) => affinity.clusterNames === undefined || affinity.clusterNames.length > 0);
}

function replicaScheduling(input: KarmadaPropagationInput, location: FederationErrorLocation, notes: string[]): Record<string, unknown> {
    const scheduling = input.scheduling;
    if (scheduling === undefined) return { replicaSchedulingType: "Duplicated" };
    if (scheduling.replicaSchedulingType === "Duplicated") return { replicaSchedulingType: "Duplicated" };
    if (scheduling.totalReplicas === 0) {
        // Karmada gives a 0-replica workload to every selected cluster, as KubeFed's planner does.
        notes.push("replicas: 0 in all, so Duplicated with the template's 0 replicas");
        return { replicaSchedulingType: "Duplicated" };
    }
    if (scheduling.dynamicWeight !== undefined || scheduling.replicaDivisionPreference === "Aggregated") {
        notes.push("replicas: Karmada divides by the members' live available replicas; the per-cluster numbers shown are the planner's estimate from capacity");
        return scheduling.dynamicWeight !== undefined
            ? { replicaSchedulingType: "Divided", replicaDivisionPreference: "Weighted", weightPreference: { dynamicWeight: scheduling.dynamicWeight } }
            : { replicaSchedulingType: "Divided", replicaDivisionPreference: "Aggregated" };
    }
    const replicas = input.replicas;
    if (replicas === undefined) throw new FederationError({ ...location, field: "scheduling" }, "has no planned replicas to map (the planner's result is needed)");
    const staticWeightList = input.clusters
        .filter((cluster) => (replicas[cluster] ?? 0) > 0)
        .map((cluster) => ({ targetCluster: { clusterNames: [cluster] }, weight: replicas[cluster] }));
    if (input.clusters.some((cluster) => (replicas[cluster] ?? 0) === 0)) {
        notes.push("replicas: clusters planned at 0 replicas get no object (Karmada removes clusters left with 0 replicas)");
    }
    notes.push("replicas: static weights equal to the planned replicas, which Karmada's division gives back exactly");
    return { replicaSchedulingType: "Divided", replicaDivisionPreference: "Weighted", weightPreference: { staticWeightList } };
}

function copySelector(selector: LabelSelector): LabelSelector {
    const copy: LabelSelector = {};
    if (selector.matchLabels !== undefined) copy.matchLabels = { ...selector.matchLabels };
    if (selector.matchExpressions !== undefined) copy.matchExpressions = selector.matchExpressions.map((requirement) => ({ ...requirement, ...(requirement.values ? { values: [...requirement.values] } : {}) }));
    return copy;
}

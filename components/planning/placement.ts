/**
 * Placement: which member clusters receive a federated resource. Selection is KubeFed's:
 * - `clusters` given: exactly those members (an empty list means none) and the selector is ignored;
 * - otherwise `clusterSelector` is matched against member labels, and `{}` selects every member;
 * - no placement at all selects no cluster.
 * Then, beyond KubeFed:
 * - members marked unavailable or draining never receive anything;
 * - `spreadConstraints` keep the result within (and require) a number of distinct label values;
 * - `failover` lists placements in order of preference: the first that yields a usable set of
 *   clusters (available, within the namespace, meeting the spread constraints) is used.
 */
import { FederationError } from "../errors";
import { Member } from "./members";
import { describeType } from "./names";
import { LabelSelector, matchesSelector, validateSelector } from "./selector";
import { SpreadConstraint, applySpreadConstraints, validateSpreadConstraints } from "./spread";
import { unknownFieldReason } from "./suggest";

/** One way of choosing clusters. */
export interface PlacementGroup {
    /** Member names. When present it wins over `clusterSelector`; `[]` places nowhere. */
    clusters?: string[];
    /** Matched against member labels when `clusters` is absent. `{}` matches every member. */
    clusterSelector?: LabelSelector;
    /** Distinct label values the result must span (see spread.ts). */
    spreadConstraints?: SpreadConstraint[];
}

/**
 * Where a federated object goes: KubeFed's `clusters` or `clusterSelector`, with spread
 * constraints, or a list of failover groups. No placement places nowhere.
 */
export interface Placement extends PlacementGroup {
    /**
     * Placement groups in order of preference (instead of clusters / clusterSelector): the first
     * group that yields a usable set of clusters wins. Top-level spreadConstraints apply to every
     * group that has none of its own.
     */
    failover?: PlacementGroup[];
}

/** Options of {@link computePlacement} and {@link resolvePlacement}: the clusters a namespace restricts the placement to. */
export interface PlacementOptions {
    /** Only these clusters may be used (a FederatedNamespace's placement). */
    within?: readonly string[];
    /** Clusters the namespace would have had but for being unavailable (reported as skipped). */
    withinUnavailable?: readonly string[];
}

/** What {@link resolvePlacement} chose: the clusters, those skipped as unavailable or draining, and the failover group in use. */
export interface PlacementResult {
    /** The selected clusters, in member order. */
    clusters: string[];
    /** Clusters the placement selected but that are unavailable or draining. */
    skippedUnavailable: string[];
    /** With failover: the index of the group in use. */
    failoverGroup?: number;
}

/**
 * The names of the members that `placement` selects, in member order. Throws a FederationError
 * for a malformed placement, a cluster name that is not a member, or constraints no cluster set
 * (and no failover group) can meet.
 */
export function computePlacement(placement: Placement | undefined, members: readonly Member[], options: PlacementOptions = {}): string[] {
    return resolvePlacement(placement, members, options).clusters;
}

/** computePlacement with the details: which clusters were skipped and which failover group won. */
export function resolvePlacement(placement: Placement | undefined, members: readonly Member[], options: PlacementOptions = {}): PlacementResult {
    if (placement === undefined || placement === null) return { clusters: [], skippedUnavailable: [] };
    validatePlacement(placement, members);
    if (placement.failover === undefined) {
        const outcome = resolveGroup(placement, placement.spreadConstraints, members, options);
        if ("problem" in outcome) throw new FederationError({ field: `placement.spreadConstraints[${outcome.constraint}]` }, outcome.problem);
        return outcome;
    }
    const reasons: string[] = [];
    for (let index = 0; index < placement.failover.length; index++) {
        const group = placement.failover[index];
        const outcome = resolveGroup(group, group.spreadConstraints ?? placement.spreadConstraints, members, options);
        if (!("problem" in outcome) && outcome.clusters.length > 0) return { ...outcome, failoverGroup: index };
        reasons.push(`failover[${index}]: ${"problem" in outcome ? outcome.problem : emptyReason(group, members, outcome.skippedUnavailable, options)}`);
    }
    throw new FederationError({ field: "placement.failover" }, `no failover group can be used (${reasons.join("; ")})`);
}

function resolveGroup(group: PlacementGroup, spread: readonly SpreadConstraint[] | undefined, members: readonly Member[], options: PlacementOptions) {
    let selected = selectClusters(group, members);
    if (options.within) selected = intersectPlacement(selected, [...options.within, ...(options.withinUnavailable ?? [])]);
    const down = new Set(members.filter((member) => member.unavailable || member.draining).map((member) => member.name));
    const skippedUnavailable = selected.filter((cluster) => down.has(cluster));
    selected = selected.filter((cluster) => !down.has(cluster));
    // Nothing selected stays "placed nowhere" (with its warning), not a spread error.
    if (!spread || spread.length === 0 || selected.length === 0) return { clusters: selected, skippedUnavailable };
    const outcome = applySpreadConstraints(selected, members, spread);
    return "problem" in outcome ? outcome : { clusters: outcome.clusters, skippedUnavailable };
}

/** Why a group yields no cluster: it selects none, only ones outside the namespace, or only unavailable ones. */
function emptyReason(group: PlacementGroup, members: readonly Member[], skipped: readonly string[], options: PlacementOptions): string {
    if (skipped.length > 0) return `${skipped.join(", ")} ${skipped.length === 1 ? "is" : "are"} unavailable or draining`;
    if (selectClusters(group, members).length === 0) return "selects no member";
    return options.within ? "selects no cluster the namespace is placed in" : "no available cluster";
}

/** KubeFed's selection alone: the members a list or selector names, in member order. */
export function selectClusters(placement: PlacementGroup, members: readonly Member[]): string[] {
    if (placement.clusters !== undefined) {
        const wanted = new Set(placement.clusters);
        return members.filter((member) => wanted.has(member.name)).map((member) => member.name);
    }
    if (placement.clusterSelector !== undefined) {
        const selector = placement.clusterSelector;
        return members.filter((member) => matchesSelector(selector, member.labels)).map((member) => member.name);
    }
    return [];
}

/** Throws a FederationError (field relative to the component: `placement.…`) for bad placement. */
export function validatePlacement(placement: unknown, members: readonly Member[], field = "placement"): asserts placement is Placement {
    if (placement === null || typeof placement !== "object" || Array.isArray(placement)) {
        throw new FederationError({ field }, `must be an object with clusters and/or clusterSelector, got ${describeType(placement)}`);
    }
    const { clusters, clusterSelector, spreadConstraints, failover, ...rest } = placement as Record<string, unknown>;
    const unknownKeys = Object.keys(rest);
    const inGroup = field !== "placement";
    if (unknownKeys.length > 0) {
        throw new FederationError(
            { field: `${field}.${unknownKeys[0]}` },
            unknownFieldReason(unknownKeys[0], inGroup ? ["clusters", "clusterSelector", "spreadConstraints"] : ["clusters", "clusterSelector", "spreadConstraints", "failover"], "placement"),
        );
    }
    if (spreadConstraints !== undefined) validateSpreadConstraints(spreadConstraints, `${field}.spreadConstraints`);
    if (failover !== undefined) {
        if (inGroup) throw new FederationError({ field: `${field}.failover` }, "failover groups do not nest");
        if (clusters !== undefined || clusterSelector !== undefined) {
            throw new FederationError({ field: `${field}.failover` }, "give either failover groups or clusters / clusterSelector, not both");
        }
        if (!Array.isArray(failover) || failover.length === 0) {
            throw new FederationError({ field: `${field}.failover` }, `must be a non-empty list of placements in order of preference, got ${describeType(failover)}`);
        }
        failover.forEach((group, index) => validatePlacement(group, members, `${field}.failover[${index}]`));
    }
    if (clusters !== undefined) {
        if (!Array.isArray(clusters)) {
            throw new FederationError({ field: `${field}.clusters` }, `must be a list of member cluster names, got ${describeType(clusters)}`);
        }
        const names = new Set(members.map((member) => member.name));
        clusters.forEach((cluster, index) => {
            const at = `${field}.clusters[${index}]`;
            if (typeof cluster !== "string") {
                throw new FederationError({ field: at }, `must be a member cluster name, got ${describeType(cluster)}`);
            }
            if (!names.has(cluster)) {
                throw new FederationError({ cluster, field: at }, `is not a member of the federation (members: ${listNames(members)})`);
            }
        });
    }
    if (clusterSelector !== undefined) {
        try {
            validateSelector(clusterSelector);
        } catch (error) {
            throw rebase(error, `${field}.clusterSelector`);
        }
    }
}

/** `placed` restricted to the clusters also in `allowed`, keeping `placed`'s order. */
export function intersectPlacement(placed: readonly string[], allowed: readonly string[]): string[] {
    const allowedSet = new Set(allowed);
    return placed.filter((cluster) => allowedSet.has(cluster));
}

/** What {@link noClusterReason} needs besides the placement and the members. */
export interface NoClusterContext {
    /** The clusters the object's FederatedNamespace is placed in, and its name. */
    namespace?: { name: string; clusters: readonly string[] };
    /** Scheduling left out every selected cluster (zero replicas each). */
    zeroReplicas?: boolean;
}

/** How many members (and labels of each) a reason lists before "and K more". */
const LISTED_MEMBERS = 5;
const LISTED_LABELS = 6;

/**
 * Why `placement` puts an object in no cluster, for the warning that says so: what the placement
 * asked for and what the members offer (a selector with each member's labels, the first few
 * members only), so that the mismatch can be seen without reading the member list elsewhere.
 * Starts with ": " (or is "" when nothing more can be said).
 */
export function noClusterReason(placement: Placement | undefined, members: readonly Member[], context: NoClusterContext = {}): string {
    if (placement === undefined || placement === null) return ": it has no placement; give placement.clusters, or placement.clusterSelector: {} for every member";
    if (context.namespace && context.namespace.clusters.length === 0) return `: its namespace "${context.namespace.name}" is placed nowhere`;
    // Failover uses the first group that yields a cluster (else it is an error): only scheduling empties it.
    if (placement.failover !== undefined) return context.zeroReplicas ? ZERO_REPLICAS : "";
    const group: PlacementGroup = placement;
    const selected = selectClusters(group, members);
    if (selected.length === 0) {
        if (group.clusters !== undefined) return ": placement.clusters is an empty list";
        if (group.clusterSelector === undefined) return ": its placement has neither clusters nor a clusterSelector";
        return `: clusterSelector ${bounded(flowText(group.clusterSelector), 300)} matches none of the members (${listedMembers(members)})`;
    }
    const inNamespace = context.namespace ? intersectPlacement(selected, context.namespace.clusters) : selected;
    if (inNamespace.length === 0) {
        return `: the placement selects ${listed(selected)}, but its namespace "${context.namespace!.name}" is placed in ${listed([...context.namespace!.clusters])} only`;
    }
    const down = new Set(members.filter((member) => member.unavailable || member.draining).map((member) => member.name));
    if (inNamespace.every((cluster) => down.has(cluster))) return `: the placement selects ${listed(inNamespace)}, unavailable or draining`;
    if (context.zeroReplicas) return ZERO_REPLICAS;
    return "";
}

const ZERO_REPLICAS = ": scheduling gives each selected cluster 0 replicas, and clusters with none are left out";

/** `cluster1 {region: eu}, cluster2 {}, … and 3 more`. */
function listedMembers(members: readonly Member[]): string {
    if (members.length === 0) return "there are none";
    const shown = members.slice(0, LISTED_MEMBERS).map((member) => {
        const labels = Object.entries(member.labels ?? {});
        const text = labels.slice(0, LISTED_LABELS).map(([key, value]) => `${flowText(key)}: ${flowText(value)}`);
        if (labels.length > LISTED_LABELS) text.push(`and ${labels.length - LISTED_LABELS} more`);
        return `${member.name} {${bounded(text.join(", "), 200)}}`;
    });
    return shown.join(", ") + (members.length > LISTED_MEMBERS ? `, and ${members.length - LISTED_MEMBERS} more` : "");
}

function listed(names: readonly string[]): string {
    return names.length <= LISTED_MEMBERS ? names.join(", ") : `${names.slice(0, LISTED_MEMBERS).join(", ")} and ${names.length - LISTED_MEMBERS} more`;
}

/** A value as YAML's flow style writes it, `{matchLabels: {tier: prod}}`; odd strings quoted. */
function flowText(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(flowText).join(", ")}]`;
    if (value !== null && typeof value === "object") return `{${Object.entries(value).map(([key, item]) => `${flowText(key)}: ${flowText(item)}`).join(", ")}}`;
    if (typeof value === "string") return /^[A-Za-z0-9][A-Za-z0-9._\/-]*$/.test(value) ? value : JSON.stringify(value);
    return String(value);
}

function bounded(text: string, length: number): string {
    return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

export function listNames(members: readonly Member[]): string {
    return members.length === 0 ? "none" : members.map((member) => member.name).join(", ");
}

/** Re-roots a FederationError's field under `prefix`; other errors pass through unchanged. */
export function rebase(error: unknown, prefix: string): unknown {
    return error instanceof FederationError ? error.within({ field: prefix }) : error;
}

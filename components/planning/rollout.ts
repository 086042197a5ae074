/**
 * Progressive rollouts: a federated object's clusters updated stage by stage, as Argo CD's
 * RollingSync steps, Open Cluster Management's progressive rollouts and KubeFleet's staged update
 * runs do. The plan is pure: stages (a cluster list or a label selector each) are evaluated over
 * the clusters the object is placed in, in order; placed clusters no stage names form a last
 * stage; each stage is cut into batches of at most `maxParallel` clusters. The components turn
 * batch N+1's dependency on batch N into Pulumi's dependency graph, and the provider's readiness
 * await is the gate.
 */
import { FederationError } from "../errors";
import { Member } from "./members";
import { describeType } from "./names";
import { isOpaque, isPlainObject } from "./opaque";
import { listNames, rebase } from "./placement";
import { LabelSelector, matchesSelector, validateSelector } from "./selector";
import { unknownFieldReason } from "./suggest";

/** One stage: the clusters it updates (by name or by labels), and how many at once. */
export interface RolloutStage {
    /** Its name in messages and tables (default: `stage-<n>`, from 1). */
    name?: string;
    /** The members of this stage, by name. Give this or `clusterSelector`. */
    clusters?: string[];
    /** The members of this stage, by labels. */
    clusterSelector?: LabelSelector;
    /** At most this many of the stage's clusters are updated at once (default: all of them). */
    maxParallel?: number;
}

/** The order in which a federated object's clusters are updated, each stage gated by the previous one's readiness. */
export interface RolloutArgs {
    /** The stages, in order. Placed clusters no stage names are updated last, as one more stage. */
    stages: RolloutStage[];
    /** Seconds to wait after a stage became ready before the next one starts (default: 0). */
    soakSeconds?: number;
    /**
     * Seconds each cluster's object may take to become ready before the update fails there (the
     * provider's await; default: the provider's own, 10 minutes for a Deployment).
     */
    timeoutSeconds?: number;
}

/** A batch: clusters updated together, after the previous batch is ready. */
export interface RolloutBatch {
    /** The stage's name. */
    stage: string;
    /** The stage's position, from 1; the stage of unnamed clusters comes last. */
    stageNumber: number;
    /** The batch within its stage, from 1. */
    batch: number;
    /** The batch's clusters, in member order. */
    clusters: string[];
    /** The stage's last batch: the soak follows it. */
    endsStage: boolean;
}

const STAGE_FIELDS = ["name", "clusters", "clusterSelector", "maxParallel"];
const ROLLOUT_FIELDS = ["stages", "soakSeconds", "timeoutSeconds"];
/** The stage that takes the placed clusters no stage names. */
export const REST_STAGE = "rest";
/** More stages than this is a mistake (a stage per cluster of a large fleet is a selector's job). */
const MAX_STAGES = 1000;
/** A day: longer soaks and timeouts are mistakes (and a soak past 2^31 ms would not wait at all). */
const MAX_SECONDS = 86400;

function stageName(stage: RolloutStage, index: number): string {
    return stage.name ?? `stage-${index + 1}`;
}

function nonNegative(value: unknown, field: string, whole: boolean, least: number, most = Infinity): void {
    if (value === undefined) return;
    if (typeof value !== "number" || !Number.isFinite(value) || value < least || value > most || (whole && !Number.isInteger(value))) {
        const range = most === Infinity ? `of at least ${least}` : `from ${least} to ${most}`;
        throw new FederationError({ field }, `must be ${whole ? "a whole number" : "a number"} ${range}, got ${typeof value === "number" ? value : describeType(value)}`);
    }
}

/** The members a stage names, in member order. */
function stageMembers(stage: RolloutStage, members: readonly Member[]): string[] {
    if (stage.clusters !== undefined) {
        const wanted = new Set(stage.clusters);
        return members.filter((member) => wanted.has(member.name)).map((member) => member.name);
    }
    return members.filter((member) => matchesSelector(stage.clusterSelector!, member.labels)).map((member) => member.name);
}

/**
 * Throws a FederationError (field `rollout.…`) for a rollout that cannot be planned: a wrong
 * shape, an unknown or repeated field, an empty stage, a cluster that is not a member, a cluster
 * in two stages, a stage that matches no member, `maxParallel` below 1, a negative soak.
 */
export function validateRollout(rollout: unknown, members: readonly Member[], field = "rollout"): asserts rollout is RolloutArgs {
    if (!isPlainObject(rollout)) throw new FederationError({ field }, `must be an object with stages (and soakSeconds, timeoutSeconds), got ${describeType(rollout)}`);
    const unknown = Object.keys(rollout).find((key) => !ROLLOUT_FIELDS.includes(key));
    if (unknown !== undefined) throw new FederationError({ field: `${field}.${unknown}` }, unknownFieldReason(unknown, ROLLOUT_FIELDS, "rollout"));
    const { stages, soakSeconds, timeoutSeconds } = rollout;
    nonNegative(soakSeconds, `${field}.soakSeconds`, false, 0, MAX_SECONDS);
    nonNegative(timeoutSeconds, `${field}.timeoutSeconds`, true, 1, MAX_SECONDS);
    if (!Array.isArray(stages) || stages.length === 0) throw new FederationError({ field: `${field}.stages` }, `must be a non-empty list of stages, got ${describeType(stages)}`);
    if (stages.length > MAX_STAGES) throw new FederationError({ field: `${field}.stages` }, `has ${stages.length} stages; at most ${MAX_STAGES} (select a stage's clusters by labels)`);
    const names = new Set(members.map((member) => member.name));
    const stageOf = new Map<string, string>();
    const stageNames = new Set<string>();
    // An index loop: forEach would skip the holes of a sparse list.
    for (let index = 0; index < stages.length; index++) {
        const stage: unknown = stages[index];
        const at = `${field}.stages[${index}]`;
        if (!isPlainObject(stage)) throw new FederationError({ field: at }, `must be an object with clusters or clusterSelector, got ${describeType(stage)}`);
        const extra = Object.keys(stage).find((key) => !STAGE_FIELDS.includes(key));
        if (extra !== undefined) throw new FederationError({ field: `${at}.${extra}` }, unknownFieldReason(extra, STAGE_FIELDS, "rollout stage"));
        const { name, clusters, clusterSelector, maxParallel } = stage;
        if (name !== undefined && (typeof name !== "string" || !/^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/.test(name))) {
            throw new FederationError({ field: `${at}.name` }, `must be a name of letters, digits, ".", "_" and "-" (at most 63), got ${typeof name === "string" ? JSON.stringify(name.slice(0, 80)) : describeType(name)}`);
        }
        const label = stageName(stage as RolloutStage, index);
        if (stageNames.has(label) || label === REST_STAGE) throw new FederationError({ field: `${at}.name` }, `"${label}" is ${label === REST_STAGE ? "the name of the stage of the clusters no stage names" : "the name of an earlier stage"}: stage names are unique`);
        stageNames.add(label);
        nonNegative(maxParallel, `${at}.maxParallel`, true, 1);
        if ((clusters === undefined) === (clusterSelector === undefined)) throw new FederationError({ field: at }, "give the stage's clusters either by name (clusters) or by labels (clusterSelector), one of the two");
        if (clusters !== undefined) {
            if (!Array.isArray(clusters) || clusters.length === 0) throw new FederationError({ field: `${at}.clusters` }, `must be a non-empty list of member cluster names, got ${describeType(clusters)}`);
            clusters.forEach((cluster: unknown, position) => {
                if (typeof cluster !== "string") throw new FederationError({ field: `${at}.clusters[${position}]` }, `must be a member cluster name, got ${describeType(cluster)}`);
                if (!names.has(cluster)) throw new FederationError({ cluster, field: `${at}.clusters[${position}]` }, `is not a member of the federation (members: ${listNames(members)})`);
            });
        } else {
            try {
                validateSelector(clusterSelector);
            } catch (error) {
                throw rebase(error, `${at}.clusterSelector`);
            }
        }
        const matched = stageMembers(stage as RolloutStage, members);
        if (matched.length === 0) throw new FederationError({ field: `${at}.clusterSelector` }, `matches no member (members: ${listNames(members)})`);
        for (const cluster of matched) {
            const earlier = stageOf.get(cluster);
            if (earlier !== undefined) throw new FederationError({ cluster, field: at }, `${cluster} is already in stage "${earlier}": a cluster is in one stage`);
            stageOf.set(cluster, label);
        }
    }
}

/**
 * The batches in which an object's placed clusters are updated, in order. `placed` is the
 * object's clusters (member order); `members` the federation's. A stage none of whose clusters
 * the object is placed in has no batch.
 */
export function rolloutBatches(rollout: RolloutArgs, placed: readonly string[], members: readonly Member[]): RolloutBatch[] {
    const remaining = new Set(placed);
    const batches: RolloutBatch[] = [];
    const stages: Array<{ name: string; clusters: string[]; maxParallel?: number }> = rollout.stages.map((stage, index) => {
        const clusters = stageMembers(stage, members).filter((cluster) => remaining.delete(cluster));
        return { name: stageName(stage, index), clusters, maxParallel: stage.maxParallel };
    });
    stages.push({ name: REST_STAGE, clusters: placed.filter((cluster) => remaining.has(cluster)) });
    let stageNumber = 0;
    for (const stage of stages) {
        if (stage.clusters.length === 0) continue;
        stageNumber++;
        const size = stage.maxParallel ?? stage.clusters.length;
        for (let start = 0, batch = 1; start < stage.clusters.length; start += size, batch++) {
            batches.push({ stage: stage.name, stageNumber, batch, clusters: stage.clusters.slice(start, start + size), endsStage: start + size >= stage.clusters.length });
        }
    }
    return batches;
}

const SKIP_AWAIT = "pulumi.com/skipAwait";

/**
 * Refuses a staged cluster's object whose readiness the provider will not wait for (the gate
 * would open at once): `pulumi.com/skipAwait: "true"`, or metadata, annotations or the annotation
 * not known when the program runs (an Output), which could hold it. `remedy` ends the message.
 */
export function checkAwaitedObjects(placed: ReadonlyArray<{ cluster: string; object: Record<string, unknown> }>, remedy: string): void {
    const field = `template.metadata.annotations["${SKIP_AWAIT}"]`;
    for (const { cluster, object } of placed) {
        const metadata = object.metadata;
        const annotations = isPlainObject(metadata) ? metadata.annotations : metadata;
        const value = isPlainObject(annotations) ? annotations[SKIP_AWAIT] : annotations;
        if (value === undefined || value === null) continue;
        if (isOpaque(value)) {
            throw new FederationError({ cluster, field }, `must be known when the program runs with a staged rollout (it is an Output here): the rollout waits for each stage to become ready, unless ${SKIP_AWAIT} says not to`);
        }
        if (String(value) === "true") {
            throw new FederationError({ cluster, field }, `a staged rollout waits for each stage to become ready, which ${SKIP_AWAIT} turns off: ${remedy}`);
        }
    }
}

/**
 * What a rollout gates in name only, for a warning: an object's own first stage that has none of
 * its clusters (`own`: the object's rollout, not the Federation's), and a stage (not the last)
 * whose clusters all run 0 replicas.
 */
export function rolloutWarnings(rollout: RolloutArgs, own: boolean, batches: readonly RolloutBatch[], placed: ReadonlyArray<{ cluster: string; object: Record<string, unknown> }>): string[] {
    const warnings: string[] = [];
    const firstName = stageName(rollout.stages[0], 0);
    if (own && placed.length > 0 && batches[0]?.stage !== firstName) {
        warnings.push(`rollout stage "${firstName}" has none of the clusters this object is placed on, so the next stage goes first`);
    }
    const replicasOf = new Map(placed.map(({ cluster, object }) => [cluster, (object.spec as { replicas?: unknown } | undefined)?.replicas]));
    const last = batches.at(-1)?.stage;
    for (const stage of new Set(batches.map((batch) => batch.stage))) {
        const clusters = batches.filter((batch) => batch.stage === stage).flatMap((batch) => batch.clusters);
        if (stage !== last && clusters.every((cluster) => replicasOf.get(cluster) === 0)) {
            warnings.push(`rollout stage "${stage}" runs 0 replicas (${clusters.join(", ")}): it is ready at once and gates nothing`);
        }
    }
    return warnings;
}

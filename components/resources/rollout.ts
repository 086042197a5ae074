/**
 * A federated object's staged rollout, in Pulumi's terms: the planner's batches
 * (planning/rollout.ts) registered in order, each batch's objects depending on the previous
 * batch's. The Kubernetes provider awaits each object's readiness before the engine reports it
 * done, so a batch is updated only after the previous one rolled out ready; when one does not,
 * the update fails there and the later batches are not touched. Against the engine (not under
 * the SDK's mocks, which have no hooks), an after-create/after-update hook on a stage's last
 * batch waits `soakSeconds` before the next stage, and an error hook names the failed stage.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { FederationError } from "../errors";
import { Member } from "../planning/members";
import { RolloutArgs, RolloutBatch, checkAwaitedObjects, rolloutBatches, rolloutWarnings, validateRollout } from "../planning/rollout";

/** The kinds a Federation's `rollout` applies to by default: workloads whose readiness the provider awaits. */
export const ROLLOUT_KINDS: readonly string[] = ["Deployment", "StatefulSet", "DaemonSet"];

/** What a component needs to register its objects in stages. */
export interface StagedRollout {
    rollout: RolloutArgs;
    batches: RolloutBatch[];
    /** Cluster -> its batch. */
    batchOf: Map<string, RolloutBatch>;
}

/**
 * The object's rollout (its own, else the Federation's for a workload kind), checked and planned
 * over its placed clusters; undefined without one. Refuses a rollout in Karmada mode and a
 * cluster's object that skips the provider's await (the gate would open at once).
 */
export function planStagedRollout(
    resource: string,
    spec: { rollout?: unknown; apiVersion: string; kind: string },
    defaults: { rollout?: RolloutArgs; karmada: boolean },
    members: readonly Member[],
    placed: ReadonlyArray<{ cluster: string; object: Record<string, unknown> }>,
): StagedRollout | undefined {
    // `rollout: null` opts a workload out of the Federation's rollout.
    if (spec.rollout === null) return undefined;
    if (spec.rollout !== undefined) {
        try {
            validateRollout(spec.rollout, members);
        } catch (error) {
            throw error instanceof FederationError ? error.within({ resource }) : error;
        }
    }
    const own = spec.rollout !== undefined;
    const rollout = (spec.rollout as RolloutArgs | undefined) ?? (ROLLOUT_KINDS.includes(spec.kind) && spec.apiVersion.startsWith("apps/") ? defaults.rollout : undefined);
    if (rollout === undefined) return undefined;
    if (defaults.karmada) {
        throw new FederationError({ resource, field: "rollout" }, `Karmada propagates to every member at once and has no staged rollout to map this to: leave rollout out in Karmada mode${own ? "" : " (it comes from the Federation's rollout)"}`);
    }
    const remedy = own ? "remove the annotation, or the rollout" : "remove the annotation, or give this workload rollout: null (the Federation's rollout applies to every workload)";
    try {
        checkAwaitedObjects(placed, remedy);
    } catch (error) {
        throw error instanceof FederationError ? error.within({ resource }) : error;
    }
    const batches = rolloutBatches(rollout, placed.map(({ cluster }) => cluster), members);
    for (const warning of rolloutWarnings(rollout, own, batches, placed)) pulumi.log.warn(`${resource}: ${warning}`);
    return { rollout, batches, batchOf: new Map(batches.flatMap((batch) => batch.clusters.map((cluster) => [cluster, batch] as const))) };
}

/** A Federation-wide rollout: valid over the members, and not in Karmada mode. */
export function checkFederationRollout(rollout: unknown, members: readonly Member[], karmada: boolean, owner: string): void {
    try {
        validateRollout(rollout, members);
    } catch (error) {
        throw error instanceof FederationError ? error.within({ resource: owner }) : error;
    }
    if (karmada) throw new FederationError({ resource: owner, field: "rollout" }, "Karmada propagates to every member at once and has no staged rollout to map this to: leave rollout out in Karmada mode");
}

/**
 * Whether hooks can be registered: not under the SDK's mocks (unit tests, offline synth), and
 * only with an engine that has resource and error hooks. The SDK reads the engine's features
 * before the program runs; it keeps them in its runtime store, which it does not export by type.
 */
function hooksSupported(): boolean {
    if (pulumi.runtime.getMonitor() instanceof MockMonitor) return false;
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const store = (require("@pulumi/pulumi/runtime/state") as { getStore(): { supportsResourceHooks?: boolean; supportsErrorHooks?: boolean } }).getStore();
        return store.supportsResourceHooks === true && store.supportsErrorHooks === true;
    } catch {
        return false;
    }
}

let warnedNoHooks = false;

/** The resource options a cluster's object gets from its batch: the timeout, and against the engine the hooks. */
export function stageOptions(resource: string, staged: StagedRollout, cluster: string, renders: boolean): Pick<pulumi.CustomResourceOptions, "customTimeouts" | "hooks"> {
    const batch = staged.batchOf.get(cluster)!;
    const timeout = staged.rollout.timeoutSeconds;
    const options: Pick<pulumi.CustomResourceOptions, "customTimeouts" | "hooks"> = timeout === undefined ? {} : { customTimeouts: { create: `${timeout}s`, update: `${timeout}s` } };
    // A member rendering YAML rolls nothing out: nothing to soak, no stage to fail.
    if (renders || pulumi.runtime.isDryRun() || pulumi.runtime.getMonitor() instanceof MockMonitor) return options;
    if (!hooksSupported()) {
        if (!warnedNoHooks) pulumi.log.warn(`${resource}: this Pulumi CLI has no resource hooks: the rollout's stages keep their order and readiness gate, but not the soak nor the message naming a failed stage (update the Pulumi CLI)`);
        warnedNoHooks = true;
        return options;
    }
    const stages = new Map(staged.batches.map((each) => [each.stageNumber, each.stage]));
    const later = [...stages].filter(([number]) => number > batch.stageNumber).map(([, name]) => name);
    // Named after the component and the cluster: unique in a program (the engine refuses a name twice).
    const id = `${resource}/${cluster}`;
    const failed = new pulumi.ErrorHook(`rollout-failed ${id}`, (args) => {
        // A failed delete is not a stage that did not become ready.
        if (args.failedOperation !== "create" && args.failedOperation !== "update") return false;
        pulumi.log.error(
            `${resource}: rollout stage "${batch.stage}" (${batch.stageNumber} of ${stages.size}) did not become ready on ${cluster}` +
                (later.length > 0 ? `; the later stages (${later.join(", ")}) were not updated and keep what they run` : "") +
                ` (${args.failedOperation}: ${args.errors[0] ?? "failed"})`,
        );
        return false;
    });
    const soak = staged.rollout.soakSeconds ?? 0;
    const soaks = batch.endsStage && later.length > 0 && soak > 0;
    const wait = soaks ? new pulumi.ResourceHook(`rollout-soak ${id}`, () => new Promise<void>((resolve) => setTimeout(resolve, soak * 1000))) : undefined;
    return { ...options, hooks: { onError: [failed], ...(wait ? { afterCreate: [wait], afterUpdate: [wait] } : {}) } };
}

/**
 * Registers a component's per-cluster objects: without a rollout, as given; with one, batch by
 * batch, each object depending on the previous batch's objects as well.
 */
export function registerStaged<R extends pulumi.Resource>(
    clusters: readonly string[],
    staged: StagedRollout | undefined,
    register: (cluster: string, after: pulumi.Resource[]) => R,
): Record<string, R> {
    if (staged === undefined) return Object.fromEntries(clusters.map((cluster) => [cluster, register(cluster, [])]));
    const registered: Record<string, R> = {};
    let previous: R[] = [];
    for (const batch of staged.batches) {
        const current = batch.clusters.map((cluster) => (registered[cluster] = register(cluster, previous)));
        previous = current;
    }
    // In the placement's order, as without a rollout.
    return Object.fromEntries(clusters.map((cluster) => [cluster, registered[cluster]]));
}

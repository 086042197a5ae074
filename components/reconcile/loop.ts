/**
 * The reconcile loop: KubeFed's sync controller as passes over a Pulumi stack. Each pass reads the
 * state, probes the members it deploys to, previews after a refresh (in memory) with the members
 * that do not answer left out, and when something drifted or a member's readiness changed, updates
 * the stack (or, dry, only reports). The operations on the stack are given (stackOperations.ts
 * drives the Pulumi CLI through the Automation API), so the unit tests run the loop without it.
 *
 * Unattended: a stack locked by another update is waited for, never unlocked; a failed pass is
 * counted and the next one backs off; an abort (SIGTERM) is passed to the running operation, which
 * the Pulumi CLI ends cleanly, and no further pass starts.
 */
import { DriftedObject, PlannedStep, driftByCluster, driftReport } from "./drift";
import { PassAction, nextDelaySeconds, passAction, readinessChanges } from "./decisions";
import { StackState, StateMember, resourcesOfMember, scrubbed } from "./stackState";

/** What the loop does to a stack; each may be aborted through its signal. */
export interface ReconcileOperations {
    /** The stack's state, secrets decrypted in memory. */
    state(signal: AbortSignal): Promise<StackState>;
    /** Whether a member's API server answers now. */
    probe(member: StateMember, signal: AbortSignal): Promise<{ ok: boolean; reason?: string }>;
    /** A preview after a refresh held in memory, leaving out the given URNs; its steps. */
    preview(exclude: readonly string[], signal: AbortSignal): Promise<PlannedStep[]>;
    /** A refresh written to the state, leaving out the given URNs. */
    refresh(exclude: readonly string[], signal: AbortSignal): Promise<void>;
    /** `pulumi up`, refreshing first when asked. */
    up(refresh: boolean, signal: AbortSignal): Promise<void>;
    /**
     * Why the program must not be applied now, if it must not: the checkout is behind (or beside)
     * the commit the stack was last updated from, so an update would undo a newer release.
     */
    heldBack(signal: AbortSignal): Promise<string | undefined>;
}

/** While a pass waits for a lock, it says so again this often. */
const LOCK_WAIT_REMINDER_SECONDS = 300;

/** Thrown by an operation that found the stack locked by another update. */
export class StackLockedError extends Error {}

/** One pass, as its log line and the metrics report it. */
export interface PassReport {
    pass: number;
    /** When it started (ISO 8601). */
    started: string;
    seconds: number;
    ready: string[];
    /** Members that did not answer, and why. */
    notReady: Record<string, string>;
    readinessChanged: string[];
    /** Drifted objects per cluster. */
    drifted: Record<string, number>;
    objects: DriftedObject[];
    action: PassAction;
    /** Why a pass that found something to do only reported it (without --dry-run). */
    heldBack?: string;
    outcome: "ok" | "failed" | "canceled";
    error?: string;
    /** Seconds spent waiting for another update's lock. */
    lockWaitSeconds: number;
}

export interface ReconcileOptions {
    dryRun: boolean;
    /** How often to poll a locked stack. */
    lockPollSeconds: number;
    /** Told when a pass starts waiting for a lock (`first`), and again every few minutes while it waits. */
    onLockWait?(operation: string, waitedSeconds: number, first: boolean): void;
    /** Told before the update of an acting pass starts. */
    onAction?(action: PassAction): void;
}

/** Resolves after `seconds`, or at once when the signal aborts. */
export function pause(seconds: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
        if (signal.aborted) return resolve();
        const done = () => { clearTimeout(timer); signal.removeEventListener("abort", done); resolve(); };
        const timer = setTimeout(done, seconds * 1000);
        signal.addEventListener("abort", done);
    });
}

function message(error: unknown): string {
    const text = error instanceof Error ? error.message : String(error);
    // The Pulumi CLI's output can be long: its last lines say why.
    const lines = text.split("\n").map((line) => line.trimEnd()).filter((line) => line.trim() !== "");
    return lines.slice(-6).join("\n");
}

/**
 * Carries the loop's memory from pass to pass: what it knows of each member's readiness (only a
 * pass that completed updates it, so a failed update is retried).
 */
export class Reconciler {
    private known: Map<string, boolean> | undefined;
    private passes = 0;

    constructor(private readonly operations: ReconcileOperations, private readonly options: ReconcileOptions) {}

    /** Runs an operation, waiting while another update holds the stack's lock (until stopped). */
    private async locked<T>(name: string, signal: AbortSignal, waited: { seconds: number }, run: () => Promise<T>): Promise<T> {
        let toldAt: number | undefined;
        const began = Date.now();
        for (;;) {
            try {
                return await run();
            } catch (error) {
                if (!(error instanceof StackLockedError) || signal.aborted) throw error;
                if (toldAt === undefined || Date.now() - toldAt >= LOCK_WAIT_REMINDER_SECONDS * 1000) {
                    this.options.onLockWait?.(name, (Date.now() - began) / 1000, toldAt === undefined);
                    toldAt = Date.now();
                }
                const started = Date.now();
                await pause(this.options.lockPollSeconds, signal);
                waited.seconds += (Date.now() - started) / 1000;
                if (signal.aborted) throw error;
            }
        }
    }

    /**
     * One pass; `signal` cancels its operations, `stop` (default: the same) ends a wait for a lock.
     * Never throws: a failure is in the report.
     */
    async pass(signal: AbortSignal, stop: AbortSignal = signal): Promise<PassReport> {
        const waits = AbortSignal.any([signal, stop]);
        const started = new Date();
        const waited = { seconds: 0 };
        const report: PassReport = {
            pass: ++this.passes, started: started.toISOString(), seconds: 0, ready: [], notReady: {}, readinessChanged: [],
            drifted: {}, objects: [], action: "none", outcome: "ok", lockWaitSeconds: 0,
        };
        let secrets: readonly string[] = [];
        try {
            const state = await this.operations.state(signal);
            secrets = state.secrets;
            const probes = await Promise.all(state.members.map(async (member) => [member, await this.operations.probe(member, signal)] as const));
            for (const [member, probe] of probes) {
                if (probe.ok) report.ready.push(member.name);
                else report.notReady[member.name] = probe.reason ?? "not ready";
            }
            // Readiness counts only for members the program probes itself (its Federation records
            // their readiness): for the others an update could only fail on the member that is down.
            const probed = new Set(state.members.filter((member) => member.lastReady !== undefined).map((member) => member.name));
            const now = new Map(probes.filter(([member]) => probed.has(member.name)).map(([member, probe]) => [member.name, probe.ok]));
            // At the start, what the last update planned with stands for the previous pass.
            const known = this.known ?? new Map(state.members.filter((member) => member.lastReady === "True" || member.lastReady === "False").map((member) => [member.name, member.lastReady === "True"]));
            report.readinessChanged = readinessChanges(known, now);
            // A member that does not answer cannot be refreshed: its objects are left out (the program's own health probes decide its plan).
            const exclude = probes.filter(([, probe]) => !probe.ok).flatMap(([member]) => resourcesOfMember(state, member.name));
            const steps = await this.locked("preview", waits, waited, () => this.operations.preview(exclude, signal));
            report.objects = driftReport(steps, state);
            report.drifted = driftByCluster(report.objects);
            report.action = passAction(report.objects.length, report.readinessChanged.length, this.options.dryRun);
            if (report.action === "up") {
                report.heldBack = state.objects === 0
                    ? "the stack has no object deployed yet: the first pulumi up is a person's; the loop keeps what is deployed"
                    : await this.operations.heldBack(signal);
                if (report.heldBack !== undefined) report.action = "report";
            }
            if (report.action === "up") {
                if (waits.aborted) throw new Error("stopped before the update");
                this.options.onAction?.(report.action);
                if (exclude.length > 0) {
                    await this.locked("refresh", waits, waited, () => this.operations.refresh(exclude, signal));
                    await this.locked("up", waits, waited, () => this.operations.up(false, signal));
                } else {
                    await this.locked("up", waits, waited, () => this.operations.up(true, signal));
                }
            }
            this.known = now;
        } catch (error) {
            report.outcome = waits.aborted ? "canceled" : "failed";
            report.error = scrubbed(message(error), secrets);
        }
        for (const [name, reason] of Object.entries(report.notReady)) report.notReady[name] = scrubbed(reason, secrets);
        report.seconds = (Date.now() - started.getTime()) / 1000;
        report.lockWaitSeconds = waited.seconds;
        return report;
    }
}

/**
 * The loop's two signals: `stop` starts no further pass (and ends a wait); `cancel` is also passed
 * to the running operation. SIGTERM gives both; Ctrl-C only stop, as the terminal has already
 * interrupted the Pulumi CLI itself.
 */
export interface LoopSignals {
    stop: AbortSignal;
    cancel: AbortSignal;
}

/** Runs passes until stopped (or once); tells each report. Resolves to the last report. */
export async function reconcileLoop(reconciler: Reconciler, settings: { intervalSeconds: number; once: boolean }, signals: LoopSignals, onPass: (report: PassReport) => void): Promise<PassReport | undefined> {
    let failures = 0;
    let last: PassReport | undefined;
    while (!signals.stop.aborted) {
        last = await reconciler.pass(signals.cancel, signals.stop);
        failures = last.outcome === "failed" ? failures + 1 : 0;
        onPass(last);
        if (settings.once) break;
        await pause(nextDelaySeconds(settings.intervalSeconds, failures), signals.stop);
    }
    return last;
}

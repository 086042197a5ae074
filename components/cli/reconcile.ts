/**
 * `pulumi-federation reconcile`: the control loop push mode lacks (KubeFed's sync controller,
 * KubeFleet's drift handling). It runs passes (reconcile/loop.ts) over the stack through the
 * Automation API, prints one JSON line per pass, and serves /metrics and /healthz. SIGTERM cancels
 * the running operation the way the Pulumi CLI cancels cleanly and ends the loop; SIGINT (Ctrl-C,
 * which the Pulumi CLI receives from the terminal itself) lets the operation end, then stops.
 */
import { commandFailed, durationSeconds, flags } from "./argv";
import { Command } from "./command";
import { FederationError } from "../errors";
import { onceExitCode } from "../reconcile/decisions";
import { PassReport, Reconciler, reconcileLoop } from "../reconcile/loop";
import { ReconcileMetrics, listenAddress, serveMetrics } from "../reconcile/metrics";
import { stackOperations } from "../reconcile/stackOperations";
import { stackName } from "../synth/stack";

export const RECONCILE_USAGE = `usage: pulumi-federation reconcile [--stack NAME] [--dir PROJECT] [--interval DURATION] [--once] [--dry-run]
                                  [--metrics-addr HOST:PORT] [--probe-timeout S] [--lock-poll DURATION]

Keeps the member clusters as the program declares them, as KubeFed's sync controller did. Each pass
probes the members the stack deploys to, previews the stack with a refresh kept in memory (members
that do not answer are left out), and when an object drifted or a member's readiness changed, runs
pulumi up with a refresh (with --dry-run it only reports, as KubeFleet's ReportDiff). The Pulumi
CLI must be on PATH, with the stack's backend and secrets provider configured (as for pulumi up).

One JSON line per pass on stdout: members ready and not, drifted objects per cluster, the action
(none, report, up), the outcome and how long it took. A stack locked by another update is waited
for, never unlocked. A failed pass is counted and the next waits twice as long (up to 10 minutes).
SIGTERM cancels the running operation cleanly (the Pulumi CLI finishes the steps in flight and
saves the state) and ends the loop.

Exit status: 0 when stopped by a signal; with --once, 0 after a pass that completed, 2 when a dry
run found drift, 1 when the pass failed.

  --stack NAME              stack to reconcile (required; with --dry-run the default is dev)
  --dir PROJECT             project folder holding Pulumi.yaml (default: .)
  --interval DURATION       time between passes, as 60s, 5m or 1m30s, 1s to 24h (default: 60s)
  --once                    run one pass and exit (the CronJob form)
  --dry-run                 report drift, change nothing
  --metrics-addr HOST:PORT  serve Prometheus /metrics and /healthz there, as :9090 (default: off)
  --probe-timeout S         seconds a member's API server has to answer, 0.5 to 300 (default: the
                            Federation's health.timeoutSeconds, else 3)
  --lock-poll DURATION      how often to look again at a stack another update holds, 1s to 1h (default: 5s)`;

/** At most this many drifted objects are named in a pass's line (the rest are counted). */
const LOGGED_OBJECTS = 50;

/** A pass as its log line: the drifted objects briefly (no values: the drift command prints those). */
export function passLine(stack: string, report: PassReport): Record<string, unknown> {
    const named = report.objects.slice(0, LOGGED_OBJECTS);
    return {
        time: new Date().toISOString(), event: "pass", stack, pass: report.pass, started: report.started,
        ready: report.ready, notReady: report.notReady, readinessChanged: report.readinessChanged,
        drifted: report.drifted,
        objects: named.map((entry) => `${entry.cluster} ${entry.object} ${entry.change}${entry.fields.length ? `: ${entry.fields.map((field) => field.path).join(", ")}` : ""}`),
        ...(report.objects.length > named.length ? { objectsOmitted: report.objects.length - named.length } : {}),
        action: report.action, ...(report.heldBack ? { heldBack: report.heldBack } : {}), outcome: report.outcome, seconds: Math.round(report.seconds * 10) / 10,
        ...(report.lockWaitSeconds > 0 ? { lockWaitSeconds: Math.round(report.lockWaitSeconds * 10) / 10 } : {}),
        ...(report.error ? { error: report.error } : {}),
    };
}

function log(line: Record<string, unknown>): void {
    process.stdout.write(`${JSON.stringify(line)}\n`);
}

export async function reconcileCommand(args: readonly string[]): Promise<number> {
    let stack = "dev";
    let stackGiven = false;
    let directory = ".";
    let intervalSeconds = 60;
    let once = false;
    let dryRun = false;
    let metricsAddress: { host?: string; port: number } | undefined;
    let probeTimeout: number | undefined;
    let lockPollSeconds = 5;
    try {
        for (const { flag, value } of flags(args)) {
            if (flag === "--stack" || flag === "-s") {
                stack = value();
                stackGiven = true;
            } else if (flag === "--dir") directory = value();
            else if (flag === "--interval") intervalSeconds = durationSeconds(flag, value(), 1, 24 * 3600);
            else if (flag === "--once") once = true;
            else if (flag === "--dry-run") dryRun = true;
            else if (flag === "--metrics-addr") metricsAddress = listenAddress(value());
            else if (flag === "--probe-timeout") probeTimeout = durationSeconds(flag, value(), 0.5, 300);
            else if (flag === "--lock-poll") lockPollSeconds = durationSeconds(flag, value(), 1, 3600);
            else throw new Error(flag.startsWith("-") ? `unknown option ${flag}` : `unexpected argument ${JSON.stringify(flag)}`);
        }
        // An unattended update names its stack: no default stack for the loop that changes clusters.
        if (!stackGiven && !dryRun) throw new Error("--stack is required (the stack the loop updates), unless --dry-run");
        stackName(stack);
    } catch (error) {
        return commandFailed("reconcile", RECONCILE_USAGE, error);
    }
    const stop = new AbortController();
    const cancel = new AbortController();
    const onSignal = (signal: NodeJS.Signals) => {
        if (!stop.signal.aborted) log({ time: new Date().toISOString(), event: "stopping", stack, signal });
        stop.abort();
        if (signal === "SIGTERM") cancel.abort();
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
    const metrics = new ReconcileMetrics();
    let server: Awaited<ReturnType<typeof serveMetrics>> | undefined;
    try {
        const operations = await stackOperations({ directory, stack, probeTimeoutSeconds: probeTimeout }).catch((error: Error) => {
            throw error instanceof FederationError ? error : new FederationError({ resource: `stack ${stack}` }, error.message);
        });
        // Unhealthy when no pass has ended for three intervals and an hour: an operation hangs.
        let lastEnded = Date.now();
        const stale = (3 * intervalSeconds + 3600) * 1000;
        if (metricsAddress) server = await serveMetrics(metrics, metricsAddress, () => stop.signal.aborted || Date.now() - lastEnded < stale);
        for (const note of operations.notes) log({ time: new Date().toISOString(), event: "warning", stack, message: note });
        log({ time: new Date().toISOString(), event: "start", stack, intervalSeconds, once, dryRun, ...(server ? { metrics: server.address } : {}) });
        const reconciler = new Reconciler(operations, {
            dryRun, lockPollSeconds,
            onLockWait: (operation, waitedSeconds, first) => {
                if (first) metrics.lockWaited();
                log({ time: new Date().toISOString(), event: "waiting", stack, operation, waitedSeconds: Math.round(waitedSeconds), reason: "the stack is locked by another update; waiting, not unlocking" });
            },
            onAction: (action) => log({ time: new Date().toISOString(), event: "action", stack, action }),
        });
        const last = await reconcileLoop(reconciler, { intervalSeconds, once }, { stop: stop.signal, cancel: cancel.signal }, (report) => {
            lastEnded = Date.now();
            metrics.passed(report);
            log(passLine(stack, report));
        });
        log({ time: new Date().toISOString(), event: "stopped", stack });
        if (stop.signal.aborted) return 0;
        return last ? onceExitCode(last.outcome, last.action) : 0;
    } catch (error) {
        return commandFailed("reconcile", RECONCILE_USAGE, error);
    } finally {
        process.off("SIGTERM", onSignal);
        process.off("SIGINT", onSignal);
        server?.server.close();
    }
}

/** `reconcile` as the entry point lists it. */
export const RECONCILE_COMMAND: Command = {
    name: "reconcile",
    summary: "the control loop: puts drifted objects back, routes around members that stop answering",
    usage: RECONCILE_USAGE,
    run: reconcileCommand,
};

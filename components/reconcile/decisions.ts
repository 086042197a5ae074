/**
 * The reconcile loop's decisions, apart from any I/O so that a table test covers them: whether a
 * pass updates the stack, which members' readiness changed, how long to wait before the next
 * pass (a failure backs off, doubling), and what the exit status of a single pass is.
 */

/** What a pass does once it knows what drifted: nothing, report only (`--dry-run`), or `pulumi up`. */
export type PassAction = "none" | "report" | "up";

/** Nothing drifted and no member's readiness changed: nothing to do; otherwise up, or only report. */
export function passAction(drifted: number, readinessChanged: number, dryRun: boolean): PassAction {
    if (drifted === 0 && readinessChanged === 0) return "none";
    return dryRun ? "report" : "up";
}

/**
 * The members whose readiness differs from what is known of them (the last pass that completed,
 * or at the start the readiness the last update planned with). A member known for the first time
 * has not changed.
 */
export function readinessChanges(known: ReadonlyMap<string, boolean>, now: ReadonlyMap<string, boolean>): string[] {
    return [...now].filter(([name, ready]) => known.has(name) && known.get(name) !== ready).map(([name]) => name).sort();
}

/** The longest a failing loop waits between passes, unless its interval is longer. */
export const MAX_BACKOFF_SECONDS = 600;

/** Seconds to the next pass: the interval, or after failures in a row the interval doubled per failure, up to the cap. */
export function nextDelaySeconds(intervalSeconds: number, failuresInARow: number): number {
    if (failuresInARow <= 0) return intervalSeconds;
    const cap = Math.max(intervalSeconds, MAX_BACKOFF_SECONDS);
    return Math.min(cap, intervalSeconds * 2 ** Math.min(failuresInARow, 30));
}

/** The exit status of `reconcile --once`: 1 when the pass failed, 2 when a dry run found drift, else 0. */
export function onceExitCode(outcome: "ok" | "failed" | "canceled", action: PassAction): number {
    if (outcome !== "ok") return 1;
    return action === "report" ? 2 : 0;
}

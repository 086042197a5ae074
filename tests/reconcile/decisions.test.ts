/**
 * The reconcile loop's decisions, apart from any I/O: whether a pass updates the stack, only
 * reports, or does nothing; which members' readiness changed since it was last known; how long
 * the loop waits after failures (doubling, capped at ten minutes unless the interval is longer);
 * and the exit status of `reconcile --once`.
 */
import { strict as assert } from "assert";
import { MAX_BACKOFF_SECONDS, PassAction, nextDelaySeconds, onceExitCode, passAction, readinessChanges } from "../../components/reconcile/decisions";

describe("reconcile/decisions: what a pass does", () => {
    const cases: Array<[drifted: number, readinessChanged: number, dryRun: boolean, action: PassAction]> = [
        [0, 0, false, "none"],
        [0, 0, true, "none"],
        [3, 0, false, "up"],
        [0, 1, false, "up"],
        [2, 2, false, "up"],
        [3, 0, true, "report"],
        [0, 1, true, "report"],
        [2, 2, true, "report"],
    ];
    for (const [drifted, changed, dryRun, action] of cases) {
        it(`${drifted} drifted, ${changed} readiness change(s)${dryRun ? ", dry run" : ""}: ${action}`, () => assert.equal(passAction(drifted, changed, dryRun), action));
    }
});

describe("reconcile/decisions: members whose readiness changed", () => {
    const map = (entries: Record<string, boolean>) => new Map(Object.entries(entries));
    const cases: Array<{ name: string; known: Record<string, boolean>; now: Record<string, boolean>; changed: string[] }> = [
        { name: "nothing known, nothing probed", known: {}, now: {}, changed: [] },
        { name: "the same readiness", known: { eu: true, us: false }, now: { eu: true, us: false }, changed: [] },
        { name: "a ready member stops answering", known: { eu: true, us: true }, now: { eu: false, us: true }, changed: ["eu"] },
        { name: "a member answers again", known: { eu: false }, now: { eu: true }, changed: ["eu"] },
        { name: "several changes, sorted by name", known: { us: true, eu: false, ap: true }, now: { us: false, eu: true, ap: true }, changed: ["eu", "us"] },
        { name: "a member known for the first time has not changed (ready)", known: { eu: true }, now: { eu: true, us: true }, changed: [] },
        { name: "a member known for the first time has not changed (not ready)", known: {}, now: { us: false }, changed: [] },
        { name: "a member no longer probed (removed from the stack) is no change", known: { eu: true, gone: true }, now: { eu: true }, changed: [] },
        { name: 'a member named "__proto__" compares like any other', known: { ["__proto__"]: true }, now: { ["__proto__"]: false }, changed: ["__proto__"] },
    ];
    for (const c of cases) {
        it(c.name, () => assert.deepEqual(readinessChanges(map(c.known), map(c.now)), c.changed));
    }
});

describe("reconcile/decisions: the wait before the next pass", () => {
    it("the cap is ten minutes", () => assert.equal(MAX_BACKOFF_SECONDS, 600));

    const cases: Array<[interval: number, failures: number, seconds: number, why: string]> = [
        [60, 0, 60, "no failure: the interval"],
        [60, -1, 60, "a negative count is no failure"],
        [60, 1, 120, "one failure: twice the interval"],
        [60, 2, 240, "two failures: four times"],
        [60, 3, 480, "three failures: eight times"],
        [60, 4, 600, "four failures: capped at ten minutes"],
        [60, 50, 600, "many failures: still the cap"],
        [1, 1_000_000, 600, "a huge count does not overflow"],
        [0.5, 3, 4, "a fraction of a second doubles too"],
        [300, 1, 600, "five minutes, one failure: the cap exactly"],
        [300, 2, 600, "five minutes, two failures: capped"],
        [900, 0, 900, "an interval longer than the cap"],
        [900, 1, 900, "an interval longer than the cap is the cap: no backoff beyond it"],
        [3600, 10, 3600, "an hour stays an hour"],
    ];
    for (const [interval, failures, seconds, why] of cases) {
        it(`interval ${interval} s, ${failures} failure(s) in a row: ${seconds} s (${why})`, () => assert.equal(nextDelaySeconds(interval, failures), seconds));
    }
});

describe("reconcile/decisions: the exit status of reconcile --once", () => {
    const cases: Array<["ok" | "failed" | "canceled", PassAction, number, string]> = [
        ["ok", "none", 0, "nothing to do"],
        ["ok", "up", 0, "updated"],
        ["ok", "report", 2, "a dry run found drift"],
        ["failed", "none", 1, "the pass failed before deciding"],
        ["failed", "up", 1, "the update failed"],
        ["failed", "report", 1, "a failed pass, whatever it found"],
        ["canceled", "up", 1, "canceled"],
        ["canceled", "none", 1, "canceled before deciding"],
    ];
    for (const [outcome, action, code, why] of cases) {
        it(`${outcome}, ${action}: ${code} (${why})`, () => assert.equal(onceExitCode(outcome, action), code));
    }
});

/**
 * The `drift` and `reconcile` commands apart from the stack they act on: the durations their
 * flags take (Go's syntax, as kubectl writes them), the drift table, the reconcile loop's log line
 * (field paths, never values), and the command line refusing wrong arguments with exit status 1
 * and the usage on stderr, before any Pulumi CLI would run.
 */
import { strict as assert } from "assert";
import { durationSeconds } from "../../components/cli/argv";
import { DRIFT_USAGE, DriftResult, driftTable } from "../../components/cli/drift";
import { runCommandLine } from "./capture";
import { RECONCILE_USAGE, passLine } from "../../components/cli/reconcile";
import { DriftedObject } from "../../components/reconcile/drift";
import { PassReport } from "../../components/reconcile/loop";

describe("cli: durations of --interval, --lock-poll and reconcile's --probe-timeout", () => {
    const accepted: Array<[string, number]> = [
        ["60s", 60],
        ["1m30s", 90],
        ["1.5h", 5400],
        ["500ms", 0.5],
        ["90", 90],
        ["0.5", 0.5],
        ["5m", 300],
        ["1h0m0s", 3600],
        ["2h45m", 9900],
        ["1ms", 0.001],
        ["0010s", 10],
    ];
    for (const [text, seconds] of accepted) {
        it(`${JSON.stringify(text)} is ${seconds} s`, () => assert.equal(durationSeconds("--interval", text), seconds));
    }

    const refused: Array<[string, string]> = [
        ["", "empty"],
        ["0s", "zero"],
        ["0", "a bare zero"],
        ["-5s", "negative"],
        ["5x", "an unknown unit"],
        ["5d", "days are not a Go unit"],
        ["1M", "units are lower case"],
        ["1m 30s", "a space"],
        ["s", "a unit without a number"],
        ["60s60", "a number without a unit after a duration"],
        ["1e3", "exponent notation"],
        [".5s", "a fraction without its integer part"],
        ["5.s", "a point without decimals"],
        ["abc", "a word"],
        ["9".repeat(400), "a number too large to be finite"],
    ];
    for (const [text, why] of refused) {
        it(`${JSON.stringify(text.length > 20 ? `${text.slice(0, 12)}…` : text)} is refused (${why}), the flag and the text named`, () => {
            assert.throws(() => durationSeconds("--lock-poll", text), { message: `--lock-poll must be a duration such as 60s, 5m or 1m30s, got ${JSON.stringify(text)}` });
        });
    }
});

const SETTINGS: DriftedObject = {
    cluster: "eu", federated: "FederatedConfigMap settings", object: "ConfigMap default/settings-eu", urn: "urn:pulumi:dev::fleet::kubernetes:core/v1:ConfigMap::settings-eu",
    change: "modified", action: "update",
    fields: [{ path: "data.mode", live: "debug", declared: "prod" }, { path: "data.note", live: "x".repeat(60) }, { path: "data.port", declared: 8080 }],
};
const WEB: DriftedObject = {
    cluster: "eu", federated: "FederatedDeployment web", object: "Deployment default/web-eu", urn: "urn:pulumi:dev::fleet::kubernetes:apps/v1:Deployment::web-eu",
    change: "deleted", action: "create", fields: [],
};

describe("cli/drift: the table", () => {
    it("one row per drifted field, an object without fields on one row; a member that did not answer named below", () => {
        const result: DriftResult = { stack: "dev", ready: ["eu"], notReady: { us: "connection refused" }, drifted: { eu: 2 }, objects: [SETTINGS, WEB] };
        assert.equal(driftTable(result), [
            "CLUSTER   OBJECT                          FEDERATED                     CHANGE     FIELD       LIVE                                               DECLARED",
            'eu        ConfigMap default/settings-eu   FederatedConfigMap settings   modified   data.mode   "debug"                                            "prod"',
            `eu        ConfigMap default/settings-eu   FederatedConfigMap settings   modified   data.note   "${"x".repeat(44)}...   <none>`,
            'eu        ConfigMap default/settings-eu   FederatedConfigMap settings   modified   data.port   <none>                                             8080',
            "eu        Deployment default/web-eu       FederatedDeployment web       deleted",
            "member us did not answer (connection refused): its objects were not compared",
        ].join("\n"));
    });

    const quiet: Array<{ ready: string[]; line: string }> = [
        { ready: ["eu", "us"], line: "No drift: every object of stack dev in 2 members matches the program." },
        { ready: ["eu"], line: "No drift: every object of stack dev in 1 member matches the program." },
        { ready: [], line: "No drift: every object of stack dev in 0 members matches the program." },
    ];
    for (const c of quiet) {
        it(`nothing drifted, ${c.ready.length} member(s): ${JSON.stringify(c.line)}`, () => {
            assert.equal(driftTable({ stack: "dev", ready: c.ready, notReady: {}, drifted: {}, objects: [] }), c.line);
        });
    }

    it("terminal control characters in names and values are shown escaped", () => {
        const table = driftTable({ stack: "dev", ready: ["eu"], notReady: { "u\u001b[2Js": "reset\u0007" }, drifted: { eu: 1 }, objects: [{ ...WEB, object: "Deployment default/we\u001b]0;b" }] });
        assert.ok(!/[\u0000-\u001f]/.test(table.replace(/\n/g, "")), JSON.stringify(table));
        assert.ok(table.includes("\\x1b"));
    });
});

describe("cli/reconcile: the log line of a pass", () => {
    const report: PassReport = {
        pass: 4, started: "2026-01-01T00:00:00.000Z", seconds: 12.34, ready: ["eu"], notReady: { us: "timeout after 3s" }, readinessChanged: ["us"],
        drifted: { eu: 2 }, objects: [{ ...SETTINGS, fields: [{ path: "data.password", live: "hunter2", declared: "correct horse" }, { path: "data.mode", live: "debug", declared: "prod" }] }, WEB],
        action: "up", outcome: "ok", lockWaitSeconds: 0,
    };

    it("names each drifted object with its field paths", () => {
        const line = passLine("dev", report);
        assert.deepEqual(line.objects, ["eu ConfigMap default/settings-eu modified: data.password, data.mode", "eu Deployment default/web-eu deleted"]);
        assert.equal(line.event, "pass");
        assert.equal(line.stack, "dev");
        assert.equal(line.pass, 4);
        assert.equal(line.seconds, 12.3);
        assert.deepEqual([line.action, line.outcome], ["up", "ok"]);
        assert.deepEqual(line.notReady, { us: "timeout after 3s" });
        assert.deepEqual(line.readinessChanged, ["us"]);
    });

    it("never a field's value", () => {
        const text = JSON.stringify(passLine("dev", report));
        for (const value of ["hunter2", "correct horse", "debug", "prod"]) assert.ok(!text.includes(value), value);
    });

    const optional: Array<{ name: string; fields: Partial<PassReport>; lockWaitSeconds?: number; error?: string }> = [
        { name: "no lock wait and no error: neither key", fields: {} },
        { name: "a lock wait, rounded to tenths", fields: { lockWaitSeconds: 7.06 }, lockWaitSeconds: 7.1 },
        { name: "an error", fields: { outcome: "failed", error: "error: update failed" }, error: "error: update failed" },
    ];
    for (const c of optional) {
        it(c.name, () => {
            const line = passLine("dev", { ...report, ...c.fields });
            assert.equal(line.lockWaitSeconds, c.lockWaitSeconds);
            assert.equal("lockWaitSeconds" in line, c.lockWaitSeconds !== undefined);
            assert.equal(line.error, c.error);
            assert.equal("error" in line, c.error !== undefined);
        });
    }
});

const run = runCommandLine;

describe("cli: drift and reconcile refuse wrong arguments before running Pulumi", () => {
    const usageErrors: Array<{ args: string[]; message: string; usage: string }> = [
        { args: ["drift", "--bogus"], message: "pulumi-federation drift: unknown option --bogus", usage: DRIFT_USAGE },
        { args: ["drift", "extra"], message: 'pulumi-federation drift: unexpected argument "extra"', usage: DRIFT_USAGE },
        { args: ["drift", "--output", "yaml"], message: 'pulumi-federation drift: --output must be table or json, got "yaml"', usage: DRIFT_USAGE },
        { args: ["drift", "--probe-timeout", "0"], message: 'pulumi-federation drift: --probe-timeout must be a duration such as 60s, 5m or 1m30s, got "0"', usage: DRIFT_USAGE },
        { args: ["drift", "--stack"], message: "pulumi-federation drift: --stack needs a value", usage: DRIFT_USAGE },
        { args: ["reconcile", "--interval", "abc"], message: 'pulumi-federation reconcile: --interval must be a duration such as 60s, 5m or 1m30s, got "abc"', usage: RECONCILE_USAGE },
        { args: ["reconcile", "--stack", "prod", "--interval", "500ms"], message: 'pulumi-federation reconcile: --interval must be between 1s and 24h, got "500ms"', usage: RECONCILE_USAGE },
        { args: ["reconcile", "--stack", "prod", "--interval", "600h"], message: 'pulumi-federation reconcile: --interval must be between 1s and 24h, got "600h"', usage: RECONCILE_USAGE },
        { args: ["reconcile", "--stack", "prod", "--lock-poll", "1ms"], message: 'pulumi-federation reconcile: --lock-poll must be between 1s and 1h, got "1ms"', usage: RECONCILE_USAGE },
        { args: ["reconcile", "--stack", "prod", "--probe-timeout", "1h"], message: 'pulumi-federation reconcile: --probe-timeout must be between 0.5s and 5m, got "1h"', usage: RECONCILE_USAGE },
        { args: ["reconcile", "--once"], message: "pulumi-federation reconcile: --stack is required (the stack the loop updates), unless --dry-run", usage: RECONCILE_USAGE },
        { args: ["reconcile", "--interval=0s"], message: 'pulumi-federation reconcile: --interval must be a duration such as 60s, 5m or 1m30s, got "0s"', usage: RECONCILE_USAGE },
        { args: ["reconcile", "--lock-poll", "-1"], message: 'pulumi-federation reconcile: --lock-poll must be a duration such as 60s, 5m or 1m30s, got "-1"', usage: RECONCILE_USAGE },
        { args: ["reconcile", "--metrics-addr", "nope"], message: 'pulumi-federation reconcile: --metrics-addr must be HOST:PORT or :PORT (as :9090), got "nope"', usage: RECONCILE_USAGE },
        { args: ["reconcile", "--once", "--bogus"], message: "pulumi-federation reconcile: unknown option --bogus", usage: RECONCILE_USAGE },
    ];
    for (const c of usageErrors) {
        it(`${c.args.join(" ")}: exit 1, the error and the usage on stderr`, async () => {
            const result = await run(c.args);
            assert.equal(result.code, 1);
            assert.equal(result.out, "");
            assert.equal(result.err, `${c.message}\n\n${c.usage}`);
        });
    }

    const stackNames: string[][] = [["drift", "--stack", "../x"], ["reconcile", "--stack", "a/b/c/d"], ["reconcile", "-s", "bad name"]];
    for (const args of stackNames) {
        it(`${args.join(" ")}: exit 1, the stack-name error alone (no usage)`, async () => {
            const result = await run(args);
            assert.equal(result.code, 1);
            assert.match(result.err, /is not a stack name/);
            assert.ok(!result.err.includes("usage:"), result.err);
        });
    }

    const help: Array<[string, string]> = [["drift", DRIFT_USAGE], ["reconcile", RECONCILE_USAGE]];
    for (const [command, usage] of help) {
        it(`${command} --help: the usage on stdout, exit 0`, async () => {
            const result = await run([command, "--help"]);
            assert.deepEqual(result, { code: 0, out: usage, err: "" });
        });
    }

    it("both commands are listed by --help", async () => {
        const result = await run(["--help"]);
        assert.match(result.out, /^ {2}drift +what differs/m);
        assert.match(result.out, /^ {2}reconcile +the control loop/m);
    });
});

/**
 * 17. `pulumi-federation clusters` against the fleet's real API servers (TLS, each member's
 * credentials from the stack's encrypted kubeconfig, read through the Pulumi CLI): every member
 * True with its version; with cluster2's API server stopped, cluster2 False, "connection refused",
 * exit status 2; started again, True.
 */
import * as assert from "assert";
import * as path from "path";
import { waitUntil } from "../fleet/processes";
import { command } from "../harness/commands";
import { Stack } from "../harness/pulumi";
import { repoRoot, suite } from "./context";
import { CLUSTERS, memberConfig } from "./expectations";

interface Row { name: string; ready: string; version?: string; reason?: string }

describe("17. clusters: every member probed on its real API server", function () {
    this.timeout(600_000);
    let stack: Stack;

    before(async () => {
        // The program is only run offline, for its members: the stack is never deployed.
        stack = new Stack(suite().cli, path.join(repoRoot, "e2e", "programs", "versions"), "e2e-clusters");
        await stack.init();
        await stack.setConfig("kubeconfig", suite().fleet.kubeconfig(), true);
        await stack.setConfig("members", memberConfig());
    });

    after(async () => {
        await stack.remove();
    });

    async function clusters(): Promise<{ code: number; rows: Row[]; output: string }> {
        const result = await command(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(repoRoot, "components", "cli", "index.ts"), "clusters", "--dir", stack.dir, "--stack", "e2e-clusters", "--output", "json", "--skip-type-check"], repoRoot, suite().cli.env);
        const output = result.stdout + result.stderr;
        const last = result.stdout.trim().split("\n").pop() ?? "[]";
        return { code: result.code, rows: result.code === 1 ? [] : (JSON.parse(last) as Row[]), output };
    }

    it("every member True, with its API server's version; no credential printed", async () => {
        const { code, rows, output } = await clusters();
        assert.strictEqual(code, 0, output);
        assert.deepStrictEqual(rows.map((row) => [row.name, row.ready]), CLUSTERS.map((name) => [name, "True"]));
        for (const row of rows) assert.match(row.version ?? "", /^v1\.\d+\.\d+/, `${row.name}'s version`);
        assert.ok(!/BEGIN (RSA |EC )?PRIVATE KEY|client-key-data|token:/.test(output), "no credential in the output");
    });

    it("cluster2's API server stopped: cluster2 False, connection refused, exit status 2; started again: True", async () => {
        const { fleet } = suite();
        await fleet.stopMember("cluster2");
        try {
            const { code, rows, output } = await clusters();
            assert.strictEqual(code, 2, output);
            assert.deepStrictEqual(rows.map((row) => [row.name, row.ready, row.reason]), [
                ["cluster1", "True", undefined],
                ["cluster2", "False", "connection refused"],
                ["cluster3", "True", undefined],
            ]);
        } finally {
            await fleet.startMember("cluster2");
        }
        await waitUntil("clusters shows cluster2 ready again", 120_000, async () => (await clusters()).code === 0);
    });
});

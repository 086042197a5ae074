/**
 * 20. Drift and the reconcile loop on the real API servers (issue 27). Objects are edited and
 * deleted in members directly through their API servers, as `kubectl edit` and `kubectl delete`
 * would: `pulumi-federation drift` names the cluster, the object and the field (secrets masked) and
 * changes nothing; `reconcile --dry-run` reports and leaves; `reconcile` puts everything back
 * within two passes and leaves the other objects alone. With health probing, a member stopped
 * while the loop runs is routed around and rejoined within two passes each. SIGTERM during an
 * update leaves no pending operation; a locked stack is waited for, never unlocked; two loops on
 * one stack corrupt nothing. /metrics answers with the loop's counters.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import { command } from "../harness/commands";
import { LoopProcess } from "../harness/loop";
import { managedObjects } from "../harness/objects";
import { Stack } from "../harness/pulumi";
import { waitUntil } from "../fleet/processes";
import { getObject, request } from "../fleet/kube";
import { endpoint, repoRoot, runDir, suite } from "./context";
import { memberConfig } from "./expectations";

const NAMESPACE = "e2e-reconcile";
const STACK = "e2e-reconcile";
const PASSWORD = "reconcile-e2e-S3cret-value";
const EDITED_PASSWORD = "edited-by-hand-0therS3cret";
const CLI = path.join(repoRoot, "components", "cli", "index.ts");
const base64 = (text: string) => Buffer.from(text).toString("base64");

describe("20. drift and the reconcile loop: what drifts is reported and put back", function () {
    this.timeout(1_800_000);
    let stack: Stack;
    let loops = 0;
    const running: LoopProcess[] = [];

    const configMap = async (cluster: string) => getObject(endpoint(cluster), "v1", "configmaps", "settings", NAMESPACE);
    const mode = async (cluster: string) => ((await configMap(cluster))?.data as { mode?: string } | undefined)?.mode;
    const password = async (cluster: string) => {
        const secret = await getObject(endpoint(cluster), "v1", "secrets", "credentials", NAMESPACE);
        const value = (secret?.data as { password?: string } | undefined)?.password;
        return value === undefined ? undefined : Buffer.from(value, "base64").toString();
    };
    const replicas = async (cluster: string) => ((await getObject(endpoint(cluster), "apps/v1", "deployments", "api", NAMESPACE))?.spec as { replicas?: number } | undefined)?.replicas;
    const editByHand = async (cluster: string) => {
        const patch = (plural: string, name: string, data: unknown) => request(endpoint(cluster), "PATCH", `/api/v1/namespaces/${NAMESPACE}/${plural}/${name}?fieldManager=kubectl-edit`, 10_000, { contentType: "application/merge-patch+json", data });
        await patch("configmaps", "settings", { data: { mode: "edited" } });
        await patch("secrets", "credentials", { data: { password: base64(EDITED_PASSWORD) } });
    };
    const versions = async (clusters: string[]) => {
        const found = new Map<string, string>();
        for (const cluster of clusters) for (const [key, object] of await managedObjects(endpoint(cluster), [NAMESPACE])) found.set(`${cluster} ${key}`, object.metadata.resourceVersion);
        return found;
    };
    const cli = (args: string[]) => command(process.execPath, ["-r", "ts-node/register/transpile-only", CLI, ...args, "--dir", stack.dir, "--stack", STACK], repoRoot, suite().cli.env);
    const startLoop = (args: string[]) => {
        const loop = new LoopProcess(process.execPath, ["-r", "ts-node/register/transpile-only", CLI, "reconcile", "--dir", stack.dir, "--stack", STACK, ...args], repoRoot, suite().cli.env, path.join(runDir, "logs", `reconcile-${++loops}.log`));
        running.push(loop);
        return loop;
    };
    const lockDir = () => path.join(runDir, "state", ".pulumi", "locks", "organization", "federation-e2e-reconcile", STACK);
    const locks = () => (fs.existsSync(lockDir()) ? fs.readdirSync(lockDir()).filter((name) => name.endsWith(".json")) : []);
    const noPendingOperations = async () => {
        const state = JSON.parse(await stack.exportState()) as { deployment: { pending_operations?: unknown[] } };
        assert.deepStrictEqual(state.deployment.pending_operations ?? [], [], "no pending operation in the state");
        const preview = await stack.preview();
        assert.doesNotMatch(preview.stdout + preview.stderr, /pending operation/i);
    };

    before(async () => {
        stack = new Stack(suite().cli, path.join(repoRoot, "e2e", "programs", "reconcile"), STACK);
        await stack.init();
        await stack.setConfig("kubeconfig", suite().fleet.kubeconfig(), true);
        await stack.setConfig("password", PASSWORD, true);
        await stack.setConfig("members", memberConfig());
        await stack.up();
        assert.deepStrictEqual([await mode("cluster1"), await mode("cluster2"), await mode("cluster3")], ["ha", "ha", "ha"]);
    });

    afterEach(async () => {
        for (const loop of running.splice(0)) await loop.stop();
    });

    after(async () => {
        await stack.destroy();
        await stack.remove();
    });

    it("drift names cluster3, the objects and the fields (secret values masked), exits 2, and changes nothing", async () => {
        await editByHand("cluster3");
        const stateBefore = await stack.exportState();
        const before = await versions(["cluster1", "cluster2", "cluster3"]);
        const result = await cli(["drift", "--output", "json"]);
        assert.strictEqual(result.code, 2, result.stdout + result.stderr);
        const report = JSON.parse(result.stdout) as { drifted: Record<string, number>; objects: Array<{ cluster: string; object: string; federated: string; change: string; fields: Array<{ path: string; live?: unknown; declared?: unknown }> }> };
        assert.deepStrictEqual(report.drifted, { cluster3: 2 });
        assert.deepStrictEqual(report.objects.map(({ cluster, object, federated, change, fields }) => ({ cluster, object, federated, change, fields })), [
            { cluster: "cluster3", object: `ConfigMap ${NAMESPACE}/settings`, federated: "FederatedConfigMap settings", change: "modified", fields: [{ path: "data.mode", live: "edited", declared: "ha" }] },
            { cluster: "cluster3", object: `Secret ${NAMESPACE}/credentials`, federated: "FederatedSecret credentials", change: "modified", fields: report.objects[1]?.fields.map((field) => ({ ...field, live: "[secret]", declared: "[secret]" })) },
        ]);
        assert.ok(report.objects[1].fields.length > 0 && report.objects[1].fields.every((field) => /^(data|stringData)\./.test(field.path) && field.live === "[secret]" && field.declared === "[secret]"), JSON.stringify(report.objects[1]));
        const table = await cli(["drift"]);
        assert.strictEqual(table.code, 2);
        assert.match(table.stdout, /cluster3\s+ConfigMap e2e-reconcile\/settings\s+FederatedConfigMap settings\s+modified\s+data\.mode\s+"edited"\s+"ha"/);
        for (const output of [result.stdout + result.stderr, table.stdout + table.stderr]) {
            for (const secret of [PASSWORD, EDITED_PASSWORD, base64(PASSWORD), base64(EDITED_PASSWORD)]) assert.ok(!output.includes(secret), "no secret value in drift's output");
        }
        assert.deepStrictEqual(await versions(["cluster1", "cluster2", "cluster3"]), before, "no object changed in any cluster");
        assert.strictEqual(await stack.exportState(), stateBefore, "the state is unchanged");
    });

    it("reconcile --dry-run --once reports the drift (exit 2) and leaves it", async () => {
        const loop = startLoop(["--dry-run", "--once"]);
        const { code } = await loop.exited;
        assert.strictEqual(code, 2, loop.text());
        const [pass] = loop.passes;
        assert.deepStrictEqual([pass.action, pass.outcome, pass.drifted], ["report", "ok", { cluster3: 2 }], loop.text());
        assert.ok(pass.objects?.includes(`cluster3 ConfigMap ${NAMESPACE}/settings modified: data.mode`), loop.text());
        assert.strictEqual(await mode("cluster3"), "edited");
        assert.strictEqual(await password("cluster3"), EDITED_PASSWORD);
    });

    it("reconcile puts cluster3's objects back within two passes; the other clusters' objects keep their resourceVersion; /metrics counts it", async () => {
        const others = await versions(["cluster1", "cluster2"]);
        const loop = startLoop(["--interval", "2s", "--metrics-addr", "127.0.0.1:0"]);
        const [first, second] = await loop.passesAfter(0, 2);
        assert.deepStrictEqual([first.action, first.outcome], ["up", "ok"], loop.text());
        assert.deepStrictEqual([second.action, second.outcome, second.drifted], ["none", "ok", {}], loop.text());
        assert.strictEqual(await mode("cluster3"), "ha");
        assert.strictEqual(await password("cluster3"), PASSWORD);
        assert.deepStrictEqual(await versions(["cluster1", "cluster2"]), others, "cluster1's and cluster2's objects untouched");
        assert.ok(!loop.text().includes(PASSWORD) && !loop.text().includes(EDITED_PASSWORD), "no secret value in the loop's output");

        const address = loop.lines.find((line) => line.event === "start")?.metrics;
        const get = (route: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
            http.get(`http://${address}${route}`, (response) => {
                let body = "";
                response.on("data", (chunk: Buffer) => { body += chunk.toString(); });
                response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
            }).on("error", reject);
        });
        const metrics = await get("/metrics");
        assert.strictEqual(metrics.status, 200);
        assert.match(metrics.body, /pulumi_federation_reconcile_passes_total\{action="up",outcome="ok"\} 1/);
        assert.match(metrics.body, /pulumi_federation_reconcile_passes_total\{action="none",outcome="ok"\} [1-9]/);
        assert.match(metrics.body, /pulumi_federation_reconcile_failures_total 0/);
        assert.match(metrics.body, /pulumi_federation_reconcile_member_ready\{cluster="cluster2"\} 1/);
        assert.match(metrics.body, /pulumi_federation_reconcile_drifted_objects\{cluster="cluster3"\} 0/);
        assert.match(metrics.body, /pulumi_federation_reconcile_last_success_timestamp_seconds \d/);
        assert.deepStrictEqual(await get("/healthz"), { status: 200, body: "ok\n" });
    });

    it("an object deleted in cluster1 behind Pulumi's back is reported and recreated by the loop", async () => {
        const loop = startLoop(["--interval", "2s"]);
        await loop.passesAfter(0, 1);
        const uid = (await configMap("cluster1"))?.metadata.uid;
        const deletedAt = new Date();
        await request(endpoint("cluster1"), "DELETE", `/api/v1/namespaces/${NAMESPACE}/configmaps/settings`);
        const passes = await loop.passesStartedAfter(deletedAt, 2);
        const acted = passes.find((pass) => pass.action === "up");
        assert.ok(acted, `one of the two passes after the deletion recreates it:\n${loop.text()}`);
        assert.strictEqual(acted.outcome, "ok", loop.text());
        assert.ok(acted.objects?.includes(`cluster1 ConfigMap ${NAMESPACE}/settings deleted`), loop.text());
        const recreated = await configMap("cluster1");
        assert.strictEqual((recreated?.data as { mode?: string } | undefined)?.mode, "ha");
        assert.notStrictEqual(recreated?.metadata.uid, uid, "a new object");
    });

    it("cluster2 stopped while the loop runs: its replicas move within two passes; started again, it rejoins within two passes, its objects' UIDs kept", async () => {
        const { fleet } = suite();
        const uids = new Map([...(await managedObjects(endpoint("cluster2"), [NAMESPACE]))].map(([key, object]) => [key, object.metadata.uid]));
        const loop = startLoop(["--interval", "2s"]);
        await loop.passesAfter(0, 1);
        const stoppedAt = new Date();
        let restartedAt = stoppedAt;
        await fleet.stopMember("cluster2");
        let passes: Awaited<ReturnType<LoopProcess["passesAfter"]>> = [];
        try {
            // The pass under way when it stopped may have probed it before: two passes that started after.
            passes = await loop.passesStartedAfter(stoppedAt, 2);
            assert.ok(passes.some((pass) => pass.action === "up" && pass.outcome === "ok" && pass.notReady?.cluster2 === "connection refused"), loop.text());
            assert.deepStrictEqual([await replicas("cluster1"), await replicas("cluster3")], [3, 3], "6 replicas over the members that answer");
        } finally {
            restartedAt = new Date();
            await fleet.startMember("cluster2");
        }
        await waitUntil("cluster2's API server answers", 120_000, async () => (await getObject(endpoint("cluster2"), "v1", "namespaces", NAMESPACE).catch(() => undefined)) !== undefined);
        // The pass under way when it started again may already see it: two passes that ended after.
        passes = await loop.passesEndedAfter(restartedAt, 2);
        assert.ok(passes.some((pass) => pass.action === "up" && pass.outcome === "ok" && pass.readinessChanged?.includes("cluster2")), loop.text());
        assert.deepStrictEqual([await replicas("cluster1"), await replicas("cluster2"), await replicas("cluster3")], [2, 2, 2]);
        const after = await managedObjects(endpoint("cluster2"), [NAMESPACE]);
        assert.deepStrictEqual(Object.fromEntries([...after].map(([key, object]) => [key, object.metadata.uid])), Object.fromEntries(uids), "cluster2's objects were adopted, not recreated");
    });

    it("SIGTERM during an update: the loop exits cleanly and the next preview shows no pending operation", async () => {
        await editByHand("cluster3");
        const loop = startLoop(["--interval", "2s"]);
        await loop.waitFor("the update starting", (line) => line.event === "action");
        // The update holds the stack's lock while it runs: signal it then.
        await waitUntil("the update holding the stack's lock", 600_000, async () => locks().length > 0 || loop.passes.length > 0);
        // The update holds the lock for seconds (a refresh and a replacement); the poll is 200 ms.
        assert.ok(locks().length > 0, `the signal must reach an update under way:\n${loop.text()}`);
        loop.signal("SIGTERM");
        const { code } = await loop.exited;
        assert.strictEqual(code, 0, loop.text());
        assert.strictEqual(loop.lines.at(-1)?.event, "stopped", loop.text());
        assert.ok(loop.lines.some((line) => line.event === "stopping"), loop.text());
        // Canceled, or ended before the cancellation reached it; never failed.
        assert.ok(["canceled", "ok"].includes(loop.passes.at(-1)?.outcome ?? "none"), loop.text());
        assert.deepStrictEqual(locks(), [], "the lock was released");
        await noPendingOperations();
    });

    it("a stack locked by another update is waited for, never unlocked; two loops on one stack corrupt nothing", async () => {
        await editByHand("cluster3");
        // Another update's lock, as the file backend writes it.
        fs.mkdirSync(lockDir(), { recursive: true });
        const lock = path.join(lockDir(), "0d7a3c8e-another-update.json");
        fs.writeFileSync(lock, JSON.stringify({ pid: 1, username: "someone-else", hostname: "elsewhere", timestamp: new Date().toISOString() }));
        const waiting = startLoop(["--once", "--lock-poll", "1s"]);
        try {
            await waiting.waitFor("waiting for the lock", (line) => line.event === "waiting");
            const waits = waiting.lines.length;
            // Still waiting a while later, and the lock still there: never broken.
            await new Promise((resolve) => setTimeout(resolve, 3000));
            assert.ok(fs.existsSync(lock), "the other update's lock is left alone");
            assert.strictEqual(waiting.passes.length, 0, waiting.text());
            assert.strictEqual(waiting.lines.length, waits, "one waiting line per wait");
            assert.strictEqual(await mode("cluster3"), "edited", "nothing applied while locked");
        } finally {
            fs.rmSync(lock, { force: true });
        }
        const { code } = await waiting.exited;
        assert.strictEqual(code, 0, waiting.text());
        assert.deepStrictEqual([waiting.passes[0].action, waiting.passes[0].outcome], ["up", "ok"]);
        assert.ok((waiting.passes[0].lockWaitSeconds ?? 0) > 0, waiting.text());
        assert.strictEqual(await mode("cluster3"), "ha");

        await editByHand("cluster3");
        const others = await versions(["cluster1", "cluster2"]);
        const first = startLoop(["--interval", "1s"]);
        const second = startLoop(["--interval", "1s"]);
        await Promise.all([first.passesAfter(0, 3), second.passesAfter(0, 3)]);
        await Promise.all([first.stop(), second.stop()]);
        for (const loop of [first, second]) assert.ok(loop.passes.every((pass) => pass.outcome !== "failed"), loop.text());
        assert.ok([...first.passes, ...second.passes].some((pass) => pass.action === "up"), "one of them put it back");
        assert.strictEqual(await mode("cluster3"), "ha");
        assert.strictEqual(await password("cluster3"), PASSWORD);
        assert.deepStrictEqual(await versions(["cluster1", "cluster2"]), others);
        await noPendingOperations();
        const drift = await cli(["drift", "--output", "json"]);
        assert.strictEqual(drift.code, 0, drift.stdout + drift.stderr);
    });
});

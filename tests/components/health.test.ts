/**
 * Health-aware planning (issue 26): Federation.connect probes the members (API servers played by
 * local HTTP servers) and plans a member that fails as unavailable for the update: its scheduled
 * replicas move, its objects are not registered, a warning names it and the probe's error, and the
 * member table says why. Without `health.probe`, offline, or for members that render, nothing is
 * probed.
 */
import { strict as assert } from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import * as fed from "../../components";
import { checkHealthArgs } from "../../components/health/settings";
import { OFFLINE_ENV } from "../../components/karmada/arguments";
import { promiseOf, runProgram } from "../harness";

interface Played { url: string; probes: number; close: () => Promise<void> }

/** An API server answering /readyz with `status`, counting the probes. */
function apiServer(status: number): Promise<Played> {
    const played = { url: "", probes: 0, close: async () => undefined } as Played;
    const server = http.createServer((request, response) => {
        if (request.url === "/readyz") played.probes++;
        if (request.url === "/version") return void response.end(JSON.stringify({ gitVersion: "v1.36.0" }));
        response.writeHead(status);
        response.end(status === 200 ? "ok" : JSON.stringify({ kind: "Status", message: "forbidden" }));
    });
    return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
        played.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        played.close = () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); });
        resolve(played);
    }));
}

const kubeconfig = (url: string) => `apiVersion: v1\nkind: Config\nclusters: [{ name: c, cluster: { server: "${url}", insecure-skip-tls-verify: true } }]\nusers: [{ name: u, user: { token: t } }]\ncontexts: [{ name: m, context: { cluster: c, user: u } }]\ncurrent-context: m\n`;

const web = (federation: fed.Federation) => new fed.FederatedDeployment("web", {
    federation, namespace: "shop", placement: { clusterSelector: {} }, scheduling: { totalReplicas: 6 },
    template: { spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } } },
});

describe("health-aware planning: Federation.connect", () => {
    let up: Played[] = [];
    let down: Played;
    before(async () => {
        up = [await apiServer(200), await apiServer(200)];
        down = await apiServer(403);
    });
    after(async () => {
        for (const server of [...up, down]) await server.close();
    });
    beforeEach(() => {
        for (const server of [...up, down]) server.probes = 0;
    });

    const members = () => [
        { name: "eu", labels: { region: "eu" }, kubeconfig: kubeconfig(up[0].url) },
        { name: "us", labels: { region: "us" }, kubeconfig: kubeconfig(down.url) },
        { name: "ap", labels: { region: "ap" }, kubeconfig: kubeconfig(up[1].url) },
    ];

    it("a member that fails its probe is unavailable for the update: replicas move, its objects wait, a warning names it", async () => {
        let replicaPlan: unknown;
        let table: unknown;
        const run = await runProgram(async () => {
            const federation = await fed.Federation.connect("fleet", { clusters: members(), health: { probe: true, failureThreshold: 2, periodSeconds: 0.05, timeoutSeconds: 30 } });
            replicaPlan = web(federation).replicaPlan;
            table = await promiseOf(federation.memberTable);
        });
        assert.equal(run.error, undefined, String(run.error));
        assert.deepEqual(replicaPlan, { eu: 3, ap: 3 }, "us's share moved to the others");
        assert.deepEqual(run.ofType("kubernetes:apps/v1:Deployment").map((r) => r.name).sort(), ["web-ap", "web-eu"]);
        assert.equal(down.probes, 2, "probed failureThreshold times in a row");
        assert.equal(up[0].probes, 1, "a ready member once");
        assert.ok(run.warnings.some((w) => /member us failed its health probe \(403 Forbidden: forbidden, 2 times in a row\): it is treated as unavailable for this update/.test(w)), run.warnings.join("\n"));
        assert.deepEqual((table as { name: string; state: string; ready?: string; reason?: string }[]).map(({ name, state, ready, reason }) => [name, state, ready, reason]), [
            ["eu", "available", "True", undefined],
            ["us", "unavailable", "False", "403 Forbidden: forbidden"],
            ["ap", "available", "True", undefined],
        ]);
        // A member that answers again gets its surviving objects back: every provider adopts existing ones.
        // (Provider inputs reach the engine as strings.)
        for (const provider of run.ofType("pulumi:providers:kubernetes")) assert.equal(provider.inputs.upsertExistingObjects, "true", provider.name);
        // The unavailable member's provider forgets what it cannot reach, as the runbook's flag does.
        assert.equal(run.named("fleet-us", "pulumi:providers:kubernetes").inputs.deleteUnreachable, "true");
    });

    it("every member ready: planned as declared, all True", async () => {
        let replicaPlan: unknown;
        const run = await runProgram(async () => {
            const federation = await fed.Federation.connect("fleet", { clusters: members().filter((m) => m.name !== "us"), health: { probe: true, timeoutSeconds: 30 } });
            replicaPlan = web(federation).replicaPlan;
        });
        assert.equal(run.error, undefined, String(run.error));
        assert.deepEqual(replicaPlan, { eu: 3, ap: 3 });
        assert.deepEqual(run.warnings.filter((w) => /health/.test(w)), []);
    });

    it("not probed: without health.probe, offline (synth), or a member that renders or is marked unavailable", async () => {
        const previous = process.env[OFFLINE_ENV];
        try {
            await runProgram(async () => { await fed.Federation.connect("plain", { clusters: members() }); });
            process.env[OFFLINE_ENV] = "1";
            await runProgram(async () => { await fed.Federation.connect("offline", { clusters: members(), health: { probe: true } }); });
        } finally {
            if (previous === undefined) delete process.env[OFFLINE_ENV];
            else process.env[OFFLINE_ENV] = previous;
        }
        assert.deepEqual([up[0].probes, down.probes, up[1].probes], [0, 0, 0]);
        const run = await runProgram(async () => {
            await fed.Federation.connect("partial", { clusters: [{ name: "eu", kubeconfig: kubeconfig(up[0].url) }, { name: "us", kubeconfig: kubeconfig(down.url), unavailable: true }, { name: "ap" }], renderDirectory: "out", health: { probe: true, timeoutSeconds: 30 } });
        });
        assert.equal(run.error, undefined, String(run.error));
        assert.deepEqual([up[0].probes, down.probes], [1, 0], "only the member that reaches a cluster and is not marked unavailable");
    });

    it("new Federation with health.probe says that only Federation.connect probes", async () => {
        const run = await runProgram(() => new fed.Federation("fleet", { clusters: members(), health: { probe: true } }));
        assert.ok(run.warnings.some((w) => /health\.probe is on, but only Federation\.connect probes/.test(w)), run.warnings.join("\n"));
        assert.equal(down.probes, 0);
    });

    it("a bad health argument is refused before anything is probed or registered", async () => {
        const run = await runProgram(async () => { await fed.Federation.connect("fleet", { clusters: members(), health: { probe: true, failureThreshold: 0 } }); });
        assert.match(String(run.error), /Federation "fleet", field health\.failureThreshold: must be a positive whole number, got number 0/);
        assert.equal(down.probes + up[0].probes, 0);
        assert.deepEqual(run.resources.filter((r) => r.type !== "pulumi:pulumi:Stack"), []);
    });
});

describe("health/settings: checkHealthArgs", () => {
    const refused: [unknown, RegExp][] = [
        [null, /field health: must be an object such as \{ probe: true \}, got null/],
        ["on", /field health: must be an object such as \{ probe: true \}, got string "on"/],
        [{ prob: true }, /field health\.prob: is not a health setting \(expected probe, timeoutSeconds, failureThreshold, periodSeconds\).*probe/],
        [{ probe: "yes" }, /field health\.probe: must be true or false/],
        [{ timeoutSeconds: -1 }, /field health\.timeoutSeconds: must be a positive number/],
        [{ periodSeconds: Infinity }, /field health\.periodSeconds: must be a positive number/],
        [{ failureThreshold: 1.5 }, /field health\.failureThreshold: must be a positive whole number/],
    ];
    for (const [value, message] of refused) it(`refuses ${JSON.stringify(value) ?? String(value)}`, () => assert.throws(() => checkHealthArgs(value, 'Federation "f"'), (error: Error) => message.test(error.message)));
    it("fills in KubeFed's defaults", () => {
        assert.deepEqual(checkHealthArgs({ probe: true }, 'Federation "f"'), { probe: true, timeoutSeconds: 3, failureThreshold: 3, periodSeconds: 10, successThreshold: 1 });
        assert.equal(checkHealthArgs(undefined, 'Federation "f"'), undefined);
    });
});

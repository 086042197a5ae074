/**
 * The reconcile loop's Prometheus metrics and their endpoint: what a pass records (passes by
 * action and outcome, failures, each member's readiness, drifted objects per cluster, the last
 * success), how `--metrics-addr` is read, and the HTTP server: /metrics in Prometheus's text
 * format, /healthz 200 while the loop runs and 503 once it stops, 404 elsewhere, 405 for writes.
 */
import { strict as assert } from "assert";
import * as http from "http";
import { PassReport } from "../../components/reconcile/loop";
import { ReconcileMetrics, listenAddress, serveMetrics } from "../../components/reconcile/metrics";

const P = "pulumi_federation_reconcile_";

function report(fields: Partial<PassReport>): PassReport {
    return { pass: 1, started: new Date().toISOString(), seconds: 2, ready: [], notReady: {}, readinessChanged: [], drifted: {}, objects: [], action: "none", outcome: "ok", lockWaitSeconds: 0, ...fields };
}

/** The samples of the registry's text whose name starts with the prefix, `name{labels} value`. */
async function samples(metrics: ReconcileMetrics, name: string): Promise<string[]> {
    const text = await metrics.registry.metrics();
    return text.split("\n").filter((line) => line.startsWith(`${P}${name}`));
}

describe("reconcile/metrics: what each pass records", () => {
    it("from the start: no failure, no lock wait", async () => {
        const metrics = new ReconcileMetrics();
        assert.deepEqual(await samples(metrics, "failures_total"), [`${P}failures_total 0`]);
        assert.deepEqual(await samples(metrics, "lock_waits_total"), [`${P}lock_waits_total 0`]);
        metrics.lockWaited();
        assert.deepEqual(await samples(metrics, "lock_waits_total"), [`${P}lock_waits_total 1`]);
    });

    it("a pass that updated: passes by action and outcome, readiness, drift per cluster, the last success", async () => {
        const metrics = new ReconcileMetrics();
        const before = Date.now() / 1000;
        metrics.passed(report({ ready: ["eu", "ap"], notReady: { us: "connection refused" }, drifted: { eu: 2, karmada: 1 }, action: "up" }));
        const after = Date.now() / 1000;
        assert.deepEqual(await samples(metrics, "passes_total"), [`${P}passes_total{action="up",outcome="ok"} 1`]);
        assert.deepEqual(await samples(metrics, "failures_total"), [`${P}failures_total 0`]);
        assert.deepEqual((await samples(metrics, "member_ready")).sort(), [
            `${P}member_ready{cluster="ap"} 1`,
            `${P}member_ready{cluster="eu"} 1`,
            `${P}member_ready{cluster="us"} 0`,
        ]);
        assert.deepEqual((await samples(metrics, "drifted_objects")).sort(), [
            `${P}drifted_objects{cluster="ap"} 0`,
            `${P}drifted_objects{cluster="eu"} 2`,
            `${P}drifted_objects{cluster="karmada"} 1`,
            `${P}drifted_objects{cluster="us"} 0`,
        ]);
        const [success] = await samples(metrics, "last_success_timestamp_seconds");
        const at = Number(success.split(" ")[1]);
        assert.ok(at >= before && at <= after, success);
        assert.ok((await samples(metrics, "pass_duration_seconds_count")).includes(`${P}pass_duration_seconds_count 1`));
    });

    it("the next pass replaces readiness and drift: a member gone, drift put back", async () => {
        const metrics = new ReconcileMetrics();
        metrics.passed(report({ ready: ["eu"], notReady: { us: "timeout" }, drifted: { eu: 3 }, action: "up" }));
        metrics.passed(report({ pass: 2, ready: ["eu"], action: "none" }));
        assert.deepEqual(await samples(metrics, "member_ready"), [`${P}member_ready{cluster="eu"} 1`]);
        assert.deepEqual(await samples(metrics, "drifted_objects"), [`${P}drifted_objects{cluster="eu"} 0`]);
        assert.deepEqual((await samples(metrics, "passes_total")).sort(), [`${P}passes_total{action="none",outcome="ok"} 1`, `${P}passes_total{action="up",outcome="ok"} 1`]);
    });

    const ended: Array<{ outcome: PassReport["outcome"]; failures: number }> = [
        { outcome: "failed", failures: 1 },
        { outcome: "canceled", failures: 0 },
    ];
    for (const c of ended) {
        it(`a ${c.outcome} pass is counted (failures ${c.failures}) and leaves drift and the last success as they were; the readiness it probed is recorded`, async () => {
            const metrics = new ReconcileMetrics();
            metrics.passed(report({ ready: ["eu"], drifted: { eu: 1 }, action: "up" }));
            const success = await samples(metrics, "last_success_timestamp_seconds");
            metrics.passed(report({ pass: 2, notReady: { eu: "timeout" }, action: "up", outcome: c.outcome, error: "boom" }));
            assert.deepEqual(await samples(metrics, "failures_total"), [`${P}failures_total ${c.failures}`]);
            assert.ok((await samples(metrics, "passes_total")).includes(`${P}passes_total{action="up",outcome="${c.outcome}"} 1`));
            assert.deepEqual(await samples(metrics, "member_ready"), [`${P}member_ready{cluster="eu"} 0`], "an outage shows even while passes fail");
            assert.deepEqual(await samples(metrics, "drifted_objects"), [`${P}drifted_objects{cluster="eu"} 1`]);
            assert.deepEqual(await samples(metrics, "last_success_timestamp_seconds"), success);
        });
    }

    it("a cluster name with a quote or a backslash is escaped in its label", async () => {
        const metrics = new ReconcileMetrics();
        metrics.passed(report({ ready: ['we"ird\\name'] }));
        assert.deepEqual(await samples(metrics, "member_ready"), [`${P}member_ready{cluster="we\\"ird\\\\name"} 1`]);
    });

    it("each ReconcileMetrics has its own registry", async () => {
        const first = new ReconcileMetrics();
        const second = new ReconcileMetrics();
        first.passed(report({ action: "up" }));
        assert.deepEqual(await samples(second, "passes_total"), []);
    });
});

describe("reconcile/metrics: --metrics-addr", () => {
    const accepted: Array<[string, { host?: string; port: number }]> = [
        [":9090", { host: undefined, port: 9090 }],
        ["127.0.0.1:9090", { host: "127.0.0.1", port: 9090 }],
        ["0.0.0.0:80", { host: "0.0.0.0", port: 80 }],
        ["localhost:65535", { host: "localhost", port: 65535 }],
        ["[::1]:9090", { host: "::1", port: 9090 }],
        ["[::]:9090", { host: "::", port: 9090 }],
        [":0", { host: undefined, port: 0 }],
    ];
    for (const [text, address] of accepted) {
        it(`${JSON.stringify(text)} listens on ${address.host ?? "every address"}, port ${address.port}`, () => assert.deepEqual(listenAddress(text), address));
    }

    const refused = ["9090", ":99999", ":65536", ":123456", "a:b", "", ":", "127.0.0.1", "::1:9090", "[::1]", "host:90:90", ":9090 ", ":-1", " :9090", "[ ::1]:9090"];
    for (const text of refused) {
        it(`${JSON.stringify(text)} is refused, the flag and the text named`, () => {
            assert.throws(() => listenAddress(text), (error: Error) => error.message.startsWith("--metrics-addr must be HOST:PORT or :PORT") && error.message.endsWith(JSON.stringify(text)));
        });
    }
});

describe("reconcile/metrics: the HTTP endpoint", () => {
    let healthy = true;
    const metrics = new ReconcileMetrics();
    let served: { server: http.Server; address: string };

    before(async () => {
        metrics.passed(report({ ready: ["eu"], action: "up" }));
        served = await serveMetrics(metrics, { host: "127.0.0.1", port: 0 }, () => healthy);
    });
    after(async () => {
        served.server.closeAllConnections();
        await new Promise<void>((done) => served.server.close(() => done()));
    });

    function request(method: string, path: string): Promise<{ status: number; type: string | undefined; body: string; allow: string | undefined }> {
        const port = Number(served.address.slice(served.address.lastIndexOf(":") + 1));
        return new Promise((resolve, reject) => {
            const outgoing = http.request({ host: "127.0.0.1", port, method, path, agent: false }, (response) => {
                const chunks: Buffer[] = [];
                response.on("data", (chunk: Buffer) => chunks.push(chunk));
                response.on("end", () => resolve({ status: response.statusCode ?? 0, type: response.headers["content-type"], body: Buffer.concat(chunks).toString("utf8"), allow: response.headers.allow }));
            });
            outgoing.on("error", reject);
            outgoing.end();
        });
    }

    it("listens where asked, on the port the system chose", () => {
        assert.match(served.address, /^127\.0\.0\.1:[1-9]\d*$/);
    });

    it("GET /metrics: 200, Prometheus's text format, the loop's metrics", async () => {
        const answer = await request("GET", "/metrics");
        assert.equal(answer.status, 200);
        assert.match(answer.type ?? "", /^text\/plain/);
        assert.ok(answer.body.includes(`${P}passes_total{action="up",outcome="ok"} 1`));
        assert.ok(answer.body.includes(`${P}member_ready{cluster="eu"} 1`));
        assert.ok(answer.body.includes("pulumi_federation_process_cpu_seconds_total"), "the process's default metrics, prefixed");
    });

    it("a query string is ignored", async () => {
        assert.equal((await request("GET", "/metrics?x=1")).status, 200);
    });

    it("HEAD /metrics: 200, no body", async () => {
        const answer = await request("HEAD", "/metrics");
        assert.equal(answer.status, 200);
        assert.equal(answer.body, "");
    });

    it("/healthz: 200 ok while passes keep ending, 503 when the loop says none has for too long", async () => {
        healthy = true;
        const running = await request("GET", "/healthz");
        assert.deepEqual([running.status, running.body], [200, "ok\n"]);
        healthy = false;
        const stopping = await request("GET", "/healthz");
        assert.deepEqual([stopping.status, stopping.body], [503, "no pass has ended for too long\n"]);
        healthy = true;
    });

    const notFound = ["/", "/metrics/", "/favicon.ico", "/healthz/x"];
    for (const path of notFound) {
        it(`GET ${path}: 404`, async () => assert.equal((await request("GET", path)).status, 404));
    }

    const writes = ["POST", "PUT", "DELETE"];
    for (const method of writes) {
        it(`${method} /metrics: 405, GET and HEAD allowed`, async () => {
            const answer = await request(method, "/metrics");
            assert.equal(answer.status, 405);
            assert.equal(answer.allow, "GET, HEAD");
        });
    }

    it("a port already taken: the promise rejects", async () => {
        const port = Number(served.address.slice(served.address.lastIndexOf(":") + 1));
        await assert.rejects(serveMetrics(new ReconcileMetrics(), { host: "127.0.0.1", port }, () => true), /EADDRINUSE/);
    });
});

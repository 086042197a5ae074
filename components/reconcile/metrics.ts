/**
 * The reconcile loop's Prometheus metrics (prom-client, the Node.js client the Prometheus
 * community lists) and its HTTP endpoint: `/metrics` in Prometheus's text format, `/healthz`
 * answering 200 while passes keep ending (503 when none has for too long: a hung operation). Each
 * loop has its own registry.
 */
import * as http from "http";
import { AddressInfo } from "net";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { PassReport } from "./loop";

const PREFIX = "pulumi_federation_reconcile_";

export class ReconcileMetrics {
    readonly registry = new Registry();
    private readonly passes = new Counter({ name: `${PREFIX}passes_total`, help: "Passes of the reconcile loop, by what they did (none, report, up) and how they ended (ok, failed, canceled).", labelNames: ["action", "outcome"], registers: [this.registry] });
    private readonly failures = new Counter({ name: `${PREFIX}failures_total`, help: "Passes that failed.", registers: [this.registry] });
    private readonly lockWaits = new Counter({ name: `${PREFIX}lock_waits_total`, help: "Times a pass waited for another update's lock on the stack.", registers: [this.registry] });
    private readonly drifted = new Gauge({ name: `${PREFIX}drifted_objects`, help: "Objects whose live state differed from the program at the last pass that completed, by member cluster.", labelNames: ["cluster"], registers: [this.registry] });
    private readonly ready = new Gauge({ name: `${PREFIX}member_ready`, help: "1 when the member's API server answered the last pass's probe, else 0.", labelNames: ["cluster"], registers: [this.registry] });
    private readonly lastSuccess = new Gauge({ name: `${PREFIX}last_success_timestamp_seconds`, help: "When the last pass that completed ended (Unix time).", registers: [this.registry] });
    private readonly duration = new Histogram({ name: `${PREFIX}pass_duration_seconds`, help: "How long passes take.", buckets: [1, 5, 10, 30, 60, 120, 300, 600], registers: [this.registry] });

    constructor() {
        collectDefaultMetrics({ register: this.registry, prefix: "pulumi_federation_" });
        // Every series a dashboard plots exists from the start.
        this.failures.inc(0);
        this.lockWaits.inc(0);
    }

    lockWaited(): void {
        this.lockWaits.inc();
    }

    passed(report: PassReport): void {
        this.passes.inc({ action: report.action, outcome: report.outcome });
        this.duration.observe(report.seconds);
        if (report.outcome === "failed") this.failures.inc();
        // Readiness from any pass that probed, also one that failed later: an outage must show.
        if (report.ready.length > 0 || Object.keys(report.notReady).length > 0) {
            this.ready.reset();
            for (const cluster of report.ready) this.ready.set({ cluster }, 1);
            for (const cluster of Object.keys(report.notReady)) this.ready.set({ cluster }, 0);
        }
        if (report.outcome !== "ok") return;
        this.lastSuccess.set(Date.now() / 1000);
        this.drifted.reset();
        for (const [cluster, count] of Object.entries(report.drifted)) this.drifted.set({ cluster }, count);
        for (const cluster of [...report.ready, ...Object.keys(report.notReady)]) this.drifted.set({ cluster }, report.drifted[cluster] ?? 0);
    }
}

/** `--metrics-addr`: `:9090`, `127.0.0.1:9090`, `[::1]:9090`. */
export function listenAddress(text: string): { host?: string; port: number } {
    const match = /^(?:\[([^\]\s]+)\]|([^:[\]\s]*)):(\d{1,5})$/.exec(text);
    const port = match ? Number(match[3]) : NaN;
    if (!match || port > 65535) throw new Error(`--metrics-addr must be HOST:PORT or :PORT (as :9090), got ${JSON.stringify(text)}`);
    const host = match[1] ?? match[2];
    return { host: host === "" ? undefined : host, port };
}

/** Serves /metrics and /healthz; resolves once listening, to the server and its address. */
export function serveMetrics(metrics: ReconcileMetrics, address: { host?: string; port: number }, healthy: () => boolean): Promise<{ server: http.Server; address: string }> {
    const server = http.createServer((request, response) => {
        const path = (request.url ?? "/").split("?")[0];
        if (request.method !== "GET" && request.method !== "HEAD") {
            response.writeHead(405, { Allow: "GET, HEAD" }).end();
        } else if (path === "/metrics") {
            metrics.registry.metrics().then(
                (text) => response.writeHead(200, { "Content-Type": metrics.registry.contentType }).end(text),
                () => response.writeHead(500).end(),
            );
        } else if (path === "/healthz") {
            const ok = healthy();
            response.writeHead(ok ? 200 : 503, { "Content-Type": "text/plain" }).end(ok ? "ok\n" : "no pass has ended for too long\n");
        } else {
            response.writeHead(404, { "Content-Type": "text/plain" }).end("not found: /metrics and /healthz are served\n");
        }
    });
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(address.port, address.host, () => {
            const bound = server.address() as AddressInfo;
            resolve({ server, address: `${bound.family === "IPv6" ? `[${bound.address}]` : bound.address}:${bound.port}` });
        });
    });
}

/**
 * `pulumi-federation clusters` on the repository's own stack program, its members pointed at API
 * servers played by local HTTP servers: the table, the JSON, the exit status, and --watch with
 * KubeFed's thresholds.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { AddressInfo } from "net";
import { runCommandLine } from "./capture";

const ROOT = path.join(__dirname, "..", "..");

function server(status: () => number): Promise<{ url: string; close: () => Promise<void> }> {
    const httpServer = http.createServer((request, response) => {
        if (request.url === "/version") return void response.end(JSON.stringify({ gitVersion: "v1.36.1" }));
        if (request.url?.startsWith("/api/v1/namespaces")) return void response.end(JSON.stringify({ kind: "NamespaceList", items: [] }));
        const code = status();
        response.writeHead(code);
        response.end(code === 200 ? "ok" : JSON.stringify({ kind: "Status", message: "forbidden: User \"fed\" cannot get path \"/readyz\"" }));
    });
    return new Promise((resolve) => httpServer.listen(0, "127.0.0.1", () => resolve({
        url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
        close: () => new Promise((done) => { httpServer.closeAllConnections(); httpServer.close(() => done()); }),
    })));
}

const kubeconfig = (url: string) => `apiVersion: v1\nkind: Config\nclusters: [{ name: c, cluster: { server: "${url}", insecure-skip-tls-verify: true } }]\nusers: [{ name: u, user: { token: s3cr3t } }]\ncontexts: [{ name: m, context: { cluster: c, user: u } }]\ncurrent-context: m\n`;

/** A stack config file for the repository's program: two members reached through their own kubeconfigs, one rendering. */
function configFile(eu: string, us: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clusters-"));
    const file = path.join(dir, "Pulumi.probe.yaml");
    const members = [
        { name: "eu", labels: { region: "eu-west" }, host: true, kubeconfig: kubeconfig(eu) },
        { name: "us", labels: { region: "us-east" }, kubeconfig: kubeconfig(us) },
        { name: "offline", labels: { region: "ap" } },
    ];
    fs.writeFileSync(file, `config:\n  pulumi-federation:clusters: ${JSON.stringify(members)}\n  pulumi-federation:manifests: []\n`);
    return file;
}

function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    // A generous probe timeout: the played API servers answer from this busy process.
    return runCommandLine(["clusters", "--dir", ROOT, "--skip-type-check", "--timeout", "30", ...args]);
}

describe("pulumi-federation clusters", () => {
    let statusUs = 200;
    let eu: Awaited<ReturnType<typeof server>>;
    let us: Awaited<ReturnType<typeof server>>;
    let file: string;
    before(async () => {
        eu = await server(() => 200);
        us = await server(() => statusUs);
        file = configFile(eu.url, us.url);
    });
    after(async () => {
        await eu.close();
        await us.close();
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
    });
    beforeEach(() => { statusUs = 200; });

    it("every member ready: the table, exit status 0; a rendering member is shown, not probed", async () => {
        const { code, out, err } = await run(["--config-file", file, "--stack", "probe"]);
        assert.equal(code, 0, err);
        const lines = out.split("\n");
        assert.match(lines[0], /^NAME\s+READY\s+VERSION\s+LABELS\s+REASON$/);
        assert.match(lines[1], /^eu\s+True\s+v1\.36\.1\s+region=eu-west$/);
        assert.match(lines[2], /^us\s+True\s+v1\.36\.1\s+region=us-east$/);
        assert.match(lines[3], /^offline\s+Unknown\s+region=ap\s+renders YAML: no cluster to probe$/);
        assert.ok(!out.includes("s3cr3t") && !err.includes("s3cr3t"), "no credential printed");
    });

    it("a member that answers 403: False with the reason, exit status 2; JSON output", async () => {
        statusUs = 403;
        const { code, out } = await run(["--config-file", file, "--stack", "probe", "--output", "json"]);
        assert.equal(code, 2);
        const rows = JSON.parse(out) as { name: string; ready: string; reason?: string }[];
        assert.deepEqual(rows.map((row) => [row.name, row.ready, row.reason]), [
            ["eu", "True", undefined],
            ["us", "False", '403 Forbidden: forbidden: User "fed" cannot get path "/readyz"'],
            ["offline", "Unknown", "renders YAML: no cluster to probe"],
        ]);
    });

    it("--watch: a ready member turns False only at the failure threshold", async () => {
        // The played server answers its n-th /readyz with the n-th status.
        let probes = 0;
        const statuses = [200, 403, 403];
        const watched = await server(() => statuses[Math.min(probes++, statuses.length - 1)]);
        const watchFile = configFile(watched.url, eu.url);
        try {
            const { code, out } = await run(["--config-file", watchFile, "--stack", "probe", "--output", "json", "--watch", "--count", "3", "--period", "0.05", "--failure-threshold", "2"]);
            const rounds = out.split("\n").map((line) => JSON.parse(line) as { name: string; ready: string }[]);
            assert.deepEqual(rounds.map((rows) => rows[0].ready), ["True", "True", "False"], "one failure is not enough, the second in a row is");
            assert.equal(code, 2);
        } finally {
            await watched.close();
            fs.rmSync(path.dirname(watchFile), { recursive: true, force: true });
        }
    });

    it("credentials that may not list namespaces: False with the API server's 403 (/readyz is public)", async () => {
        const public_ = await server(() => 200);
        const denying = http.createServer((request, response) => {
            if (request.url === "/readyz") return void response.end("ok");
            if (request.url === "/version") return void response.end(JSON.stringify({ gitVersion: "v1.36.1" }));
            response.writeHead(403);
            response.end(JSON.stringify({ kind: "Status", message: 'namespaces is forbidden: User "system:serviceaccount:kube-federation-system:fed" cannot list resource "namespaces"' }));
        });
        await new Promise<void>((resolve) => denying.listen(0, "127.0.0.1", () => resolve()));
        const deniedFile = configFile(public_.url, `http://127.0.0.1:${(denying.address() as AddressInfo).port}`);
        try {
            const { code, out } = await run(["--config-file", deniedFile, "--stack", "probe", "--output", "json"]);
            assert.equal(code, 2);
            const us = (JSON.parse(out) as { name: string; ready: string; version?: string; reason?: string }[]).find((row) => row.name === "us")!;
            assert.deepEqual([us.ready, us.version, us.reason], ["False", "v1.36.1", '403 Forbidden: namespaces is forbidden: User "system:serviceaccount:kube-federation-system:fed" cannot list resource "namespaces"']);
        } finally {
            await public_.close();
            denying.closeAllConnections();
            await new Promise((done) => denying.close(done));
            fs.rmSync(path.dirname(deniedFile), { recursive: true, force: true });
        }
    });

    it("usage errors: an unknown option, a bad threshold, --count without --watch", async () => {
        for (const [args, message] of [[["--colour"], /unknown option --colour/], [["--failure-threshold", "0"], /--failure-threshold must be a positive whole number, got "0"/], [["--count", "2"], /--count goes with --watch/]] as const) {
            const { code, err } = await run([...args]);
            assert.equal(code, 1);
            assert.match(err, message);
        }
    });
});

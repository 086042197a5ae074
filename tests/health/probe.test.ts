/**
 * The probe against API servers played by local HTTP servers: /readyz with the member's own
 * credentials (a bearer token from its kubeconfig), /healthz where /readyz is missing, the
 * version, and each way of not being ready, never with the credential in the reason.
 */
import { strict as assert } from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { probeMember } from "../../components/health/probe";

const TOKEN = "t0ken-that-must-never-be-shown";

/** An API server: answers by path; `hang` never answers. */
function apiServer(answer: (path: string, authorized: boolean) => { status: number; body: string } | "hang"): Promise<{ url: string; close: () => Promise<void>; seen: string[] }> {
    const seen: string[] = [];
    const sockets = new Set<import("net").Socket>();
    const server = http.createServer((request, response) => {
        seen.push(request.url ?? "");
        const reply = answer(request.url ?? "", request.headers.authorization === `Bearer ${TOKEN}`);
        if (reply === "hang") return;
        response.writeHead(reply.status, { "content-type": "text/plain" });
        response.end(reply.body);
    });
    server.on("connection", (socket) => { sockets.add(socket); socket.on("close", () => sockets.delete(socket)); });
    return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        seen,
        close: () => new Promise((done) => { for (const socket of sockets) socket.destroy(); server.close(() => done()); }),
    })));
}

function kubeconfig(server: string, context = "member"): string {
    return [
        "apiVersion: v1", "kind: Config",
        `clusters: [{ name: c, cluster: { server: "${server}", insecure-skip-tls-verify: true } }]`, // plain HTTP: client-node asks for this
        `users: [{ name: u, user: { token: ${TOKEN} } }]`,
        `contexts: [{ name: ${context}, context: { cluster: c, user: u } }]`,
        `current-context: ${context}`,
    ].join("\n");
}

const VERSION = JSON.stringify({ major: "1", minor: "36", gitVersion: "v1.36.0" });

describe("health/probe: a member's API server, probed with its own credentials", () => {
    it("ready: /readyz answers ok to the member's token; the version is read", async () => {
        const server = await apiServer((path, authorized) => (!authorized ? { status: 401, body: "" } : path === "/readyz" ? { status: 200, body: "ok" } : path === "/version" ? { status: 200, body: VERSION } : { status: 404, body: "" }));
        try {
            const result = await probeMember({ name: "eu", kubeconfig: kubeconfig(server.url) }, 30);
            assert.deepEqual(result, { ok: true, version: "v1.36.0", server: server.url });
            assert.deepEqual(server.seen, ["/readyz", "/version"]);
        } finally {
            await server.close();
        }
    });

    it("a server without /readyz is probed at /healthz", async () => {
        const server = await apiServer((path) => (path === "/healthz" ? { status: 200, body: "ok" } : { status: 404, body: "404 page not found" }));
        try {
            const result = await probeMember({ name: "old", kubeconfig: kubeconfig(server.url), context: "member" }, 30);
            assert.equal(result.ok, true);
            assert.deepEqual(server.seen, ["/readyz", "/healthz", "/version"]);
        } finally {
            await server.close();
        }
    });

    const notReady: { name: string; answer: Parameters<typeof apiServer>[0]; reason: RegExp }[] = [
        { name: "403: the credentials may not read /readyz", answer: () => ({ status: 403, body: JSON.stringify({ kind: "Status", message: 'forbidden: User "system:serviceaccount:kube-federation-system:fed" cannot get path "/readyz"', code: 403 }) }), reason: /^403 Forbidden: forbidden: User "system:serviceaccount:kube-federation-system:fed" cannot get path "\/readyz"$/ },
        { name: "401: the credentials are not accepted", answer: () => ({ status: 401, body: JSON.stringify({ kind: "Status", message: "Unauthorized", code: 401 }) }), reason: /^401 Unauthorized: Unauthorized$/ },
        { name: "500: a readiness check fails", answer: () => ({ status: 500, body: "[+]ping ok\n[-]etcd failed: reason withheld\nreadyz check failed" }), reason: /^HTTP 500: \[-\]etcd failed/ },
        { name: "no answer within the timeout", answer: () => "hang", reason: /^timeout after 0\.3s$/ },
    ];
    for (const c of notReady) {
        it(`not ready: ${c.name}`, async () => {
            const server = await apiServer(c.answer);
            try {
                const result = await probeMember({ name: "eu", kubeconfig: kubeconfig(server.url) }, 0.3);
                assert.equal(result.ok, false);
                assert.match(result.reason ?? "", c.reason);
                assert.ok(!JSON.stringify(result).includes(TOKEN), "no credential in the result");
            } finally {
                await server.close();
            }
        });
    }

    it("not ready: connection refused (nothing listens there)", async () => {
        const server = await apiServer(() => ({ status: 200, body: "ok" }));
        const url = server.url;
        await server.close();
        const result = await probeMember({ name: "eu", kubeconfig: kubeconfig(url) }, 3);
        assert.deepEqual(result, { ok: false, reason: "connection refused", server: url });
    });

    it("not ready: a context the kubeconfig does not have, named with the ones it has", async () => {
        const result = await probeMember({ name: "eu", kubeconfig: kubeconfig("http://127.0.0.1:1", "kind-eu"), context: "kind-us" }, 3);
        assert.deepEqual(result, { ok: false, reason: 'no context "kind-us" in the kubeconfig (contexts: kind-eu)', server: undefined });
    });
});

/**
 * The end-to-end fleet: one etcd and, per member, a real kube-apiserver (its own port,
 * certificates, users and etcd prefix) with a kube-controller-manager beside it running the
 * namespace and garbage-collector controllers, so that namespaces really terminate. No kubelet;
 * the deployment and replicaset controllers only while a test asks for them.
 *
 * Everything listens on 127.0.0.1. `Fleet.start` writes one kubeconfig with a context per member;
 * members alternate between a client-certificate user and a bearer-token user, so both kinds of
 * credential go through the suite.
 */
import * as fs from "fs";
import * as https from "https";
import * as path from "path";
import { memberCredentials, MemberCredentials } from "./certs";
import { ApiEndpoint, request } from "./kube";
import { freePort, logTail, startProcess, stopAll, stopProcess, waitUntil } from "./processes";

export type AuthKind = "certificate" | "token";

export interface FleetMember {
    name: string;
    auth: AuthKind;
    port: number;
    server: string;
    context: string;
    etcdPrefix: string;
    credentials: MemberCredentials;
    /** Admin access for the suite's own reads (always the client certificate). */
    endpoint: ApiEndpoint;
}

export interface FleetOptions {
    /** Folder for certificates, data, logs and the PID file (emptied first). */
    dir: string;
    /** Folder with kube-apiserver, kube-controller-manager and etcd. */
    bin: string;
    members: Array<{ name: string; auth: AuthKind }>;
    /** Readiness limit for each server. */
    readyTimeoutMs?: number;
}

const b64 = (file: string) => fs.readFileSync(file).toString("base64");

export class Fleet {
    private constructor(
        readonly dir: string,
        readonly bin: string,
        readonly members: FleetMember[],
        readonly kubeconfigPath: string,
        /** The fleet's etcd (each API server has its own prefix in it). */
        readonly etcdUrl: string,
        private readonly readyTimeoutMs: number,
    ) {}

    /** Stops whatever an earlier run left recorded in `dir`, then starts etcd and every member. */
    static async start(options: FleetOptions): Promise<Fleet> {
        const dir = path.resolve(options.dir);
        fs.mkdirSync(dir, { recursive: true });
        await stopAll(dir);
        for (const entry of ["etcd-data", "logs", "pids.json"]) {
            fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
        }
        const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;

        try {
            return await Fleet.startIn(dir, options, readyTimeoutMs);
        } catch (err) {
            // A fleet that did not come up whole leaves nothing running.
            await stopAll(dir);
            throw err;
        }
    }

    private static async startIn(dir: string, options: FleetOptions, readyTimeoutMs: number): Promise<Fleet> {
        const etcdPort = await freePort();
        const peerPort = await freePort();
        const etcdUrl = `http://127.0.0.1:${etcdPort}`;
        const etcd = startProcess(dir, "etcd", path.join(options.bin, "etcd"), [
            "--name=e2e", `--data-dir=${path.join(dir, "etcd-data")}`,
            `--listen-client-urls=${etcdUrl}`, `--advertise-client-urls=${etcdUrl}`,
            `--listen-peer-urls=http://127.0.0.1:${peerPort}`, `--initial-advertise-peer-urls=http://127.0.0.1:${peerPort}`,
            `--initial-cluster=e2e=http://127.0.0.1:${peerPort}`,
            "--unsafe-no-fsync", "--quota-backend-bytes=4294967296", "--log-level=warn",
        ]);
        await waitUntil("etcd", readyTimeoutMs, async () => {
            const res = await fetch(`${etcdUrl}/health`);
            return res.ok && (await res.json() as { health?: string }).health === "true";
        }, etcd);

        const members: FleetMember[] = [];
        for (const spec of options.members) {
            const port = await freePort();
            const credentials = memberCredentials(path.join(dir, "members", spec.name), spec.name);
            const server = `https://127.0.0.1:${port}`;
            members.push({
                name: spec.name, auth: spec.auth, port, server, context: spec.name,
                etcdPrefix: `/e2e-${spec.name}`, credentials,
                endpoint: {
                    name: spec.name, server,
                    ca: fs.readFileSync(credentials.caCert, "utf8"),
                    clientCert: fs.readFileSync(credentials.clientCert, "utf8"),
                    clientKey: fs.readFileSync(credentials.clientKey, "utf8"),
                },
            });
        }
        const kubeconfigPath = path.join(dir, "kubeconfig.yaml");
        const fleet = new Fleet(dir, options.bin, members, kubeconfigPath, etcdUrl, readyTimeoutMs);
        fleet.writeKubeconfig();
        for (const member of members) {
            await fleet.startMember(member.name);
        }
        return fleet;
    }

    member(name: string): FleetMember {
        const member = this.members.find((m) => m.name === name);
        if (!member) {
            throw new Error(`no fleet member ${name}`);
        }
        return member;
    }

    /** The kubeconfig contents (one context per member, named after it). */
    kubeconfig(): string {
        return fs.readFileSync(this.kubeconfigPath, "utf8");
    }

    private writeKubeconfig(): void {
        const clusters = this.members.map((m) =>
            `- name: ${m.name}\n  cluster:\n    server: ${m.server}\n    certificate-authority-data: ${b64(m.credentials.caCert)}`);
        const users = this.members.map((m) => m.auth === "token"
            ? `- name: ${m.name}-admin\n  user:\n    token: ${m.credentials.token}`
            : `- name: ${m.name}-admin\n  user:\n    client-certificate-data: ${b64(m.credentials.clientCert)}\n    client-key-data: ${b64(m.credentials.clientKey)}`);
        const contexts = this.members.map((m) =>
            `- name: ${m.context}\n  context:\n    cluster: ${m.name}\n    user: ${m.name}-admin`);
        fs.writeFileSync(this.kubeconfigPath, [
            "apiVersion: v1", "kind: Config", `current-context: ${this.members[0].context}`,
            "clusters:", ...clusters, "users:", ...users, "contexts:", ...contexts, "",
        ].join("\n"), { mode: 0o600 });
        // The controller manager of each member gets a kubeconfig of its own, with the admin certificate.
        for (const m of this.members) {
            fs.writeFileSync(path.join(m.credentials.dir, "controller-manager.kubeconfig"), [
                "apiVersion: v1", "kind: Config", "current-context: admin",
                "clusters:", `- name: ${m.name}\n  cluster:\n    server: ${m.server}\n    certificate-authority-data: ${b64(m.credentials.caCert)}`,
                "users:", `- name: admin\n  user:\n    client-certificate-data: ${b64(m.credentials.clientCert)}\n    client-key-data: ${b64(m.credentials.clientKey)}`,
                "contexts:", `- name: admin\n  context:\n    cluster: ${m.name}\n    user: admin`, "",
            ].join("\n"), { mode: 0o600 });
        }
    }

    /** Starts (or starts again, on the same port and etcd prefix) one member's API server and controllers. */
    async startMember(name: string): Promise<void> {
        const m = this.member(name);
        const c = m.credentials;
        const apiserver = startProcess(this.dir, `${name}-apiserver`, path.join(this.bin, "kube-apiserver"), [
            `--etcd-servers=${this.etcdUrl}`, `--etcd-prefix=${m.etcdPrefix}`,
            "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", `--secure-port=${m.port}`,
            `--cert-dir=${c.dir}`, `--tls-cert-file=${c.serverCert}`, `--tls-private-key-file=${c.serverKey}`,
            `--client-ca-file=${c.caCert}`, `--token-auth-file=${c.tokenFile}`,
            "--authorization-mode=RBAC",
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            `--service-account-key-file=${c.serviceAccountPub}`, `--service-account-signing-key-file=${c.serviceAccountKey}`,
            // Objects only: no pods run (no kubelet), so service-account token injection is off.
            "--disable-admission-plugins=ServiceAccount",
            "--service-cluster-ip-range=10.0.0.0/24", "--allow-privileged=true",
            "--enable-priority-and-fairness=false", "--profiling=false", "--endpoint-reconciler-type=none",
            "-v=1",
        ]);
        await waitUntil(`${name} kube-apiserver`, this.readyTimeoutMs,
            async () => (await request(m.endpoint, "GET", "/readyz", 5_000)) === "ok", apiserver);

        const controllerPort = await freePort();
        const controllers = startProcess(this.dir, `${name}-controller-manager`, path.join(this.bin, "kube-controller-manager"), [
            `--kubeconfig=${path.join(c.dir, "controller-manager.kubeconfig")}`,
            "--controllers=namespace-controller,garbage-collector-controller",
            "--leader-elect=false", "--use-service-account-credentials=false",
            "--bind-address=127.0.0.1", `--secure-port=${controllerPort}`, `--cert-dir=${path.join(c.dir, "controller-manager")}`,
            "--authentication-skip-lookup=true", "--concurrent-namespace-syncs=5",
            "-v=1",
        ]);
        await waitUntil(`${name} kube-controller-manager`, this.readyTimeoutMs, async () => {
            const res = await fetchInsecure(`https://127.0.0.1:${controllerPort}/healthz`);
            return res === "ok";
        }, controllers);
    }

    /**
     * Runs the deployment and replicaset controllers in these members (a second
     * kube-controller-manager each) until the returned function stops them: for a test that rolls
     * Deployments out and plays the kubelet itself (harness/kubelet.ts). The rest of the suite has
     * no such controllers, so that its objects change only when a program changes them.
     */
    async startWorkloadControllers(names: readonly string[]): Promise<() => Promise<void>> {
        const started: string[] = [];
        for (const name of names) {
            const c = this.member(name).credentials;
            const processName = `${name}-workload-controllers`;
            const controllers = startProcess(this.dir, processName, path.join(this.bin, "kube-controller-manager"), [
                `--kubeconfig=${path.join(c.dir, "controller-manager.kubeconfig")}`,
                "--controllers=deployment-controller,replicaset-controller",
                "--leader-elect=false", "--use-service-account-credentials=false",
                // No health port: its work shows in the objects it changes.
                "--secure-port=0", "-v=1",
            ]);
            started.push(processName);
            await sleep(500);
            if (controllers.exited()) throw new Error(`${processName} exited at start: ${logTail(controllers.log)}`);
        }
        return async () => {
            for (const processName of started) await stopProcess(this.dir, processName);
        };
    }

    /** Stops one member's API server and controllers (its objects stay in etcd). */
    async stopMember(name: string): Promise<void> {
        this.member(name);
        await stopProcess(this.dir, `${name}-controller-manager`);
        await stopProcess(this.dir, `${name}-apiserver`);
    }

    async stop(): Promise<void> {
        await stopAll(this.dir);
    }
}

/** GET over TLS without verifying the server (the controller manager's self-signed health port). */
async function fetchInsecure(url: string): Promise<string> {
    return new Promise((resolve, reject) => {
        const req = https.get(url, { rejectUnauthorized: false, timeout: 5_000 }, (res) => {
            let body = "";
            res.on("data", (c: Buffer) => { body += c.toString(); });
            res.on("end", () => resolve(body));
        });
        req.on("timeout", () => req.destroy(new Error("timed out")));
        req.on("error", reject);
    });
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

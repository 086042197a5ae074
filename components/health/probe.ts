/**
 * Probes a member's API server as KubeFed's cluster controller does: GET `/readyz` (falling back
 * to `/healthz` on a server without it) with the member's own credentials, within a timeout, and
 * its `/version`. Credentials are resolved by `@kubernetes/client-node`, as kubectl resolves them:
 * contexts, certificate authorities, client certificates, bearer tokens, exec plugins (EKS, GKE).
 * Nothing here prints or keeps a credential.
 */
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import { networkReason, statusReason } from "./reasons";

/** Which member to probe, and how to reach it. */
export interface ProbeTarget {
    /** The member's name (for messages only). */
    name: string;
    /** Kubeconfig text; without it, kubectl's own (`KUBECONFIG`, else ~/.kube/config). */
    kubeconfig?: string;
    /** The context in it; without it, the current context. */
    context?: string;
}

export interface ProbeResult {
    ok: boolean;
    /** The API server's `gitVersion`, when it answered. */
    version?: string;
    /** Why it is not ready. */
    reason?: string;
    /** The API server's address (no credential in it). */
    server?: string;
}

/**
 * A kubeconfig given as a path or as contents (as the Kubernetes provider takes either), as
 * contents: contents hold a newline or start a JSON document; a path that exists is read.
 */
export function kubeconfigContents(value: string | undefined): string | undefined {
    if (value === undefined || value === "") return undefined;
    if (/[\n{]/.test(value) || !fs.existsSync(value)) return value;
    return fs.readFileSync(value, "utf8");
}

type KubeConfigModule = typeof import("@kubernetes/client-node", { with: { "resolution-mode": "import" } });

/** Loaded on first use: programs that never probe do not pay for it. */
let kubeConfigModule: KubeConfigModule | undefined;
function clientNode(): KubeConfigModule {
    // An ES module, loaded with require(): Node.js 20.19 and later load ES modules that way.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return (kubeConfigModule ??= require("@kubernetes/client-node") as KubeConfigModule);
}

/** How a member is reached: its server, the request options, and the cluster's CA and TLS setting. */
export interface MemberConnection {
    server: string;
    /** CA, client certificate, token or exec plugin's credential, as the kubeconfig says. */
    options: https.RequestOptions;
    /** The cluster's CA (base64 PEM), when the kubeconfig gives one. */
    caData?: string;
    insecure: boolean;
}

/** The server and the request options (CA, client certificate, token, exec plugin) for `target`. */
export async function connection(target: ProbeTarget): Promise<MemberConnection> {
    const { KubeConfig } = clientNode();
    const config = new KubeConfig();
    if (target.kubeconfig !== undefined) config.loadFromString(target.kubeconfig);
    else config.loadFromDefault();
    if (target.context !== undefined) {
        if (!config.getContextObject(target.context)) {
            const known = config.getContexts().map((context) => context.name);
            throw new Error(`no context "${target.context}" in the kubeconfig (contexts: ${known.length === 0 ? "none" : known.join(", ")})`);
        }
        config.setCurrentContext(target.context);
    }
    const cluster = config.getCurrentCluster();
    if (!cluster?.server) throw new Error(`the kubeconfig's ${target.context === undefined ? "current context" : `context "${target.context}"`} names no cluster server`);
    const options: https.RequestOptions = {};
    await config.applyToHTTPSOptions(options);
    const caData = cluster.caData ?? (cluster.caFile ? fs.readFileSync(cluster.caFile).toString("base64") : undefined);
    return { server: cluster.server.replace(/\/+$/, ""), options, caData, insecure: cluster.skipTLSVerify === true };
}

/** One request, its status and body (the body read up to 64 KB), or an error. */
export function apiRequest(method: string, url: string, options: https.RequestOptions, timeoutMs: number, body?: unknown): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
        const client = url.startsWith("https:") ? https : http;
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const headers = { ...(options.headers ?? {}), ...(payload === undefined ? {} : { "content-type": "application/json" }) };
        const request = client.request(url, { ...options, method, headers, timeout: timeoutMs }, (response) => {
            let text = "";
            response.setEncoding("utf8");
            response.on("data", (chunk: string) => {
                if (text.length < 65536) text += chunk;
            });
            response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
            response.on("error", reject);
        });
        request.on("timeout", () => request.destroy(Object.assign(new Error(`timeout after ${timeoutMs / 1000}s`), { code: "PROBE_TIMEOUT" })));
        request.on("error", reject);
        request.end(payload);
    });
}

const get = (url: string, options: https.RequestOptions, timeoutMs: number) => apiRequest("GET", url, options, timeoutMs);

/**
 * Probes `target` once: ready when `/readyz` (or `/healthz`) answers 200 within `timeoutSeconds`.
 * With `access`, also when the member's identity may list namespaces (what a federation needs to
 * manage its namespaces): `/readyz` is public, so only this shows credentials that no longer work
 * there (a deleted binding: 403).
 */
export async function probeMember(target: ProbeTarget, timeoutSeconds: number, access = false): Promise<ProbeResult> {
    let server: string | undefined;
    try {
        const reach = await connection(target);
        server = reach.server;
        const timeout = timeoutSeconds * 1000;
        let answer = await get(`${server}/readyz`, reach.options, timeout);
        // A server older than /readyz (Kubernetes 1.16) answers 404: its /healthz, as KubeFed did.
        if (answer.status === 404) answer = await get(`${server}/healthz`, reach.options, timeout);
        if (answer.status !== 200) return { ok: false, reason: statusReason(answer.status, answer.body), server };
        let version: string | undefined;
        try {
            const info = await get(`${server}/version`, reach.options, timeout);
            if (info.status === 200) version = (JSON.parse(info.body) as { gitVersion?: string }).gitVersion;
        } catch {
            // Ready without a version is still ready.
        }
        if (access) {
            const listed = await get(`${server}/api/v1/namespaces?limit=1`, reach.options, timeout);
            if (listed.status !== 200) return { ok: false, version, reason: statusReason(listed.status, listed.body), server };
        }
        return { ok: true, version, server };
    } catch (error) {
        const code = (error as { code?: unknown })?.code;
        return { ok: false, reason: code === "PROBE_TIMEOUT" ? (error as Error).message : networkReason(error), server };
    }
}

/**
 * A member probed for one update: good at the first ready answer; down once `failureThreshold`
 * probes in a row failed, `periodSeconds` apart (KubeFed marks a cluster not ready the same way).
 */
export async function probeForUpdate(target: ProbeTarget, settings: { timeoutSeconds: number; failureThreshold: number; periodSeconds: number }): Promise<ProbeResult & { attempts: number }> {
    let result: ProbeResult = { ok: false };
    for (let attempt = 1; attempt <= settings.failureThreshold; attempt++) {
        result = await probeMember(target, settings.timeoutSeconds);
        if (result.ok || attempt === settings.failureThreshold) return { ...result, attempts: attempt };
        await new Promise((resolve) => setTimeout(resolve, settings.periodSeconds * 1000));
    }
    return { ...result, attempts: settings.failureThreshold };
}

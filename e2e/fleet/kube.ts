/**
 * Reads objects back from a member's API server: the few REST calls the suite's assertions need
 * (get, list, health, and a merge patch standing in for an autoscaler), over Node's https with the member's own CA and admin credentials.
 * (@kubernetes/client-node would do the same with a large dependency tree; the suite needs GETs.)
 */
import * as https from "https";

export interface ApiEndpoint {
    name: string;
    server: string;          // https://127.0.0.1:<port>
    ca: string;              // PEM
    clientCert?: string;     // PEM
    clientKey?: string;      // PEM
    token?: string;
}

export interface KubeObject {
    apiVersion: string;
    kind: string;
    metadata: {
        name: string;
        namespace?: string;
        uid: string;
        resourceVersion: string;
        labels?: Record<string, string>;
        annotations?: Record<string, string>;
        managedFields?: Array<{ manager: string; operation: string; fieldsV1?: unknown }>;
        deletionTimestamp?: string;
    };
    [field: string]: unknown;
}

export class HttpError extends Error {
    constructor(readonly status: number, message: string) {
        super(message);
    }
}

export function request(endpoint: ApiEndpoint, method: string, path: string, timeoutMs = 10_000, body?: { contentType: string; data: unknown }): Promise<unknown> {
    const url = new URL(path, endpoint.server);
    return new Promise((resolve, reject) => {
        const headers: Record<string, string> = endpoint.token ? { Authorization: `Bearer ${endpoint.token}` } : {};
        if (body) headers["Content-Type"] = body.contentType;
        const req = https.request(url, {
            method,
            ca: endpoint.ca,
            cert: endpoint.clientCert,
            key: endpoint.clientKey,
            headers,
            timeout: timeoutMs,
        }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => {
                const body = Buffer.concat(chunks).toString("utf8");
                if ((res.statusCode ?? 500) >= 400) {
                    reject(new HttpError(res.statusCode ?? 500, `${endpoint.name}: ${method} ${path}: HTTP ${res.statusCode}: ${body.slice(0, 300)}`));
                    return;
                }
                try {
                    resolve(body.startsWith("{") || body.startsWith("[") ? JSON.parse(body) : body);
                } catch (err) {
                    reject(err);
                }
            });
        });
        req.on("timeout", () => req.destroy(new Error(`${endpoint.name}: ${method} ${path}: timed out after ${timeoutMs}ms`)));
        req.on("error", reject);
        req.end(body ? JSON.stringify(body.data) : undefined);
    });
}

/** The REST path of a collection: core kinds under /api/v1, others under /apis/<group>/<version>. */
export function collectionPath(apiVersion: string, plural: string, namespace?: string): string {
    const base = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    return namespace ? `${base}/namespaces/${namespace}/${plural}` : `${base}/${plural}`;
}

export async function getObject(endpoint: ApiEndpoint, apiVersion: string, plural: string, name: string, namespace?: string): Promise<KubeObject | undefined> {
    try {
        return await request(endpoint, "GET", `${collectionPath(apiVersion, plural, namespace)}/${name}`) as KubeObject;
    } catch (err) {
        if (err instanceof HttpError && err.status === 404) {
            return undefined;
        }
        throw err;
    }
}

export async function listObjects(endpoint: ApiEndpoint, apiVersion: string, plural: string, namespace?: string): Promise<KubeObject[]> {
    try {
        const list = await request(endpoint, "GET", collectionPath(apiVersion, plural, namespace)) as { items: KubeObject[] };
        return list.items;
    } catch (err) {
        if (err instanceof HttpError && err.status === 404) {
            return [];
        }
        throw err;
    }
}

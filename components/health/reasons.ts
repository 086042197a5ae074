/**
 * Why a probe failed, in the words `kubectl get kubefedclusters` users look for: connection
 * refused, timeout, no such host, x509 (the certificate), 401 and 403 (the credentials), or the
 * API server's own answer. Never a credential: only error codes, the status and the server's
 * first line.
 */

/** Node's TLS verification codes: the server's certificate is not trusted for this address. */
const X509_CODES = new Set([
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "SELF_SIGNED_CERT_IN_CHAIN",
    "DEPTH_ZERO_SELF_SIGNED_CERT", "CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID", "CERT_UNTRUSTED", "CERT_REJECTED", "CERT_SIGNATURE_FAILURE",
    "ERR_TLS_CERT_ALTNAME_INVALID", "HOSTNAME_MISMATCH",
]);

const NETWORK_CODES: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ECONNRESET: "connection reset",
    ENOTFOUND: "no such host",
    EAI_AGAIN: "no such host (DNS lookup failed)",
    EHOSTUNREACH: "host unreachable",
    ENETUNREACH: "network unreachable",
    ETIMEDOUT: "timeout",
    EPIPE: "connection closed",
};

/** The reason for a request that failed before any answer. */
export function networkReason(error: unknown): string {
    const code = (error as { code?: unknown })?.code;
    if (typeof code === "string" && X509_CODES.has(code)) return `x509: ${code.toLowerCase().replace(/_/g, " ")}`;
    if (typeof code === "string" && NETWORK_CODES[code]) return NETWORK_CODES[code];
    if (typeof code === "string" && /^ERR_SSL|^ERR_TLS/.test(code)) return `TLS: ${code}`;
    const message = error instanceof Error ? error.message : String(error);
    return message.split("\n")[0].slice(0, 200);
}

/** The reason for an answer that is not "ok". */
export function statusReason(status: number, body: string): string {
    // The API server answers errors with a Status object; its message says who was refused what.
    // A failing /readyz lists its checks, [+] passed and [-] failed: the first failed one says why.
    const lines = body.split("\n").map((line) => line.trim()).filter((line) => line !== "");
    let first = lines.find((line) => line.startsWith("[-]")) ?? lines[0] ?? "";
    try {
        const message = (JSON.parse(body) as { message?: unknown }).message;
        if (typeof message === "string") first = message;
    } catch {
        // Not JSON: its first line.
    }
    const said = first === "" ? "" : `: ${first.slice(0, 200)}`;
    if (status === 401) return `401 Unauthorized${said}`;
    if (status === 403) return `403 Forbidden${said}`;
    return `HTTP ${status}${said}`;
}

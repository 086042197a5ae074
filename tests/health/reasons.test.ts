/** Why a probe failed, as a user reads it: network errors, certificates, credentials, the server's answer. */
import { strict as assert } from "assert";
import { networkReason, statusReason } from "../../components/health/reasons";

const coded = (code: string, message = "some message") => Object.assign(new Error(message), { code });

describe("health/reasons: why a member is not ready", () => {
    const network: [unknown, string][] = [
        [coded("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:6443"), "connection refused"],
        [coded("ENOTFOUND"), "no such host"],
        [coded("ECONNRESET"), "connection reset"],
        [coded("EHOSTUNREACH"), "host unreachable"],
        [coded("DEPTH_ZERO_SELF_SIGNED_CERT"), "x509: depth zero self signed cert"],
        [coded("UNABLE_TO_VERIFY_LEAF_SIGNATURE"), "x509: unable to verify leaf signature"],
        [coded("ERR_TLS_CERT_ALTNAME_INVALID"), "x509: err tls cert altname invalid"],
        [coded("CERT_HAS_EXPIRED"), "x509: cert has expired"],
        [coded("ERR_SSL_WRONG_VERSION_NUMBER"), "TLS: ERR_SSL_WRONG_VERSION_NUMBER"],
        [new Error("first line\nsecond line"), "first line"],
        ["a string", "a string"],
    ];
    for (const [error, reason] of network) it(`${(error as { code?: string }).code ?? JSON.stringify(String(error))}: ${reason}`, () => assert.equal(networkReason(error), reason));

    const statuses: [number, string, string][] = [
        [401, '{"kind":"Status","status":"Failure","message":"Unauthorized","code":401}', "401 Unauthorized: Unauthorized"],
        [403, '{"kind":"Status","message":"forbidden: User \\"system:anonymous\\" cannot get path \\"/readyz\\"","code":403}', '403 Forbidden: forbidden: User "system:anonymous" cannot get path "/readyz"'],
        [500, "[+]ping ok\n[-]etcd failed: reason withheld\nreadyz check failed", "HTTP 500: [-]etcd failed: reason withheld"],
        [503, "", "HTTP 503"],
        [403, "", "403 Forbidden"],
    ];
    for (const [status, body, reason] of statuses) it(`HTTP ${status}: ${reason}`, () => assert.equal(statusReason(status, body), reason));
});

/**
 * Certificates and credentials for one member's API server, made with the openssl command.
 *
 * Each member gets its own certificate authority, a serving certificate for 127.0.0.1, an admin
 * client certificate in the `system:masters` group, a service-account signing key pair and a
 * static bearer token for the same group (the suite gives some members the token user and others
 * the certificate user).
 */
import { execFileSync } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";

export interface MemberCredentials {
    dir: string;
    caCert: string;
    serverCert: string;
    serverKey: string;
    clientCert: string;
    clientKey: string;
    serviceAccountKey: string;
    serviceAccountPub: string;
    tokenFile: string;
    token: string;
}

function openssl(cwd: string, args: string[]): void {
    try {
        execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"], timeout: 30_000 });
    } catch (err) {
        const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? "";
        throw new Error(`openssl ${args[0]} failed in ${cwd}: ${stderr.trim() || (err as Error).message}`);
    }
}

const curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];

/** Signs `name`.csr with the CA, with the given X.509 extensions. */
function sign(dir: string, name: string, extensions: string): void {
    fs.writeFileSync(path.join(dir, `${name}.ext`), extensions);
    openssl(dir, ["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-days", "30", "-out", `${name}.crt`, "-extfile", `${name}.ext`]);
}

/** Makes (or reuses, when complete) the credentials of one member in `dir`. */
export function memberCredentials(dir: string, member: string): MemberCredentials {
    fs.mkdirSync(dir, { recursive: true });
    const file = (name: string) => path.join(dir, name);
    const creds: MemberCredentials = {
        dir,
        caCert: file("ca.crt"),
        serverCert: file("server.crt"),
        serverKey: file("server.key"),
        clientCert: file("admin.crt"),
        clientKey: file("admin.key"),
        serviceAccountKey: file("sa.key"),
        serviceAccountPub: file("sa.pub"),
        tokenFile: file("tokens.csv"),
        token: "",
    };
    const complete = [creds.caCert, creds.serverCert, creds.clientCert, creds.serviceAccountPub, creds.tokenFile]
        .every((f) => fs.existsSync(f));
    if (!complete) {
        openssl(dir, ["req", "-x509", ...curve, "-keyout", "ca.key", "-out", "ca.crt", "-days", "30",
            "-subj", `/CN=${member}-ca`, "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
        openssl(dir, ["req", ...curve, "-keyout", "server.key", "-out", "server.csr", "-subj", `/CN=${member}-apiserver`]);
        sign(dir, "server", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        openssl(dir, ["req", ...curve, "-keyout", "admin.key", "-out", "admin.csr", "-subj", "/O=system:masters/CN=e2e-admin"]);
        sign(dir, "admin", "extendedKeyUsage=clientAuth\n");
        openssl(dir, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "sa.key"]);
        openssl(dir, ["pkey", "-in", "sa.key", "-pubout", "-out", "sa.pub"]);
        // A static token file line: token,user,uid,"group".
        const token = randomBytes(24).toString("hex");
        fs.writeFileSync(creds.tokenFile, `${token},e2e-token-admin,e2e-token-admin,"system:masters"\n`, { mode: 0o600 });
    }
    creds.token = fs.readFileSync(creds.tokenFile, "utf8").split(",")[0];
    return creds;
}

/**
 * Makes (or reuses) one more certificate `<name>.crt`/`<name>.key` in a folder made by
 * `memberCredentials`, signed by its CA: `subject` as for openssl (`/CN=...`), `extensions` as
 * X.509 extension lines (subjectAltName, extendedKeyUsage). Returns the two paths.
 */
export function issueCertificate(dir: string, name: string, subject: string, extensions: string): { cert: string; key: string } {
    const cert = path.join(dir, `${name}.crt`);
    const key = path.join(dir, `${name}.key`);
    if (!fs.existsSync(cert) || !fs.existsSync(key)) {
        openssl(dir, ["req", ...curve, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", subject]);
        sign(dir, name, extensions);
    }
    return { cert, key };
}

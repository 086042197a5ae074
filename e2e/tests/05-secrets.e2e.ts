/**
 * 5. Secrets stay secret in the stack state: the exported state of either stack holds no bearer
 * token, no client key and no Secret value in plain text (nor base64), while the values are
 * really there, encrypted.
 */
import * as assert from "assert";
import * as fs from "fs";
import { suite } from "./context";
import { DB_PASSWORD } from "./expectations";

/** The secret texts of the fleet, each in the forms it could leak in. */
function secretNeedles(): Array<{ what: string; text: string }> {
    const needles: Array<{ what: string; text: string }> = [];
    for (const m of suite().fleet.members) {
        needles.push({ what: `${m.name} token`, text: m.credentials.token });
        const key = fs.readFileSync(m.credentials.clientKey, "utf8");
        const body = key.split("\n").filter((l) => l && !l.startsWith("-----")).join("");
        needles.push({ what: `${m.name} client key (PEM body)`, text: body.slice(0, 40) });
        needles.push({ what: `${m.name} client key (base64 of the PEM)`, text: Buffer.from(key).toString("base64").slice(0, 40) });
    }
    needles.push({ what: "Secret value", text: DB_PASSWORD });
    needles.push({ what: "Secret value (base64)", text: Buffer.from(DB_PASSWORD).toString("base64") });
    return needles;
}

describe("5. no secret in the stack state", function () {
    this.timeout(120_000);

    it("pulumi stack export of the typed and the YAML stack holds no token, client key or Secret value", async () => {
        const needles = secretNeedles();
        for (const stack of [suite().typed, suite().yaml]) {
            const state = await stack.exportState();
            assert.ok(state.includes("\"resources\""), `${stack.name}: exported a deployment`);
            const leaked = needles.filter((n) => state.includes(n.text)).map((n) => n.what);
            assert.deepStrictEqual(leaked, [], `${stack.name}: secret text in the exported state`);
        }
    });

    it("the typed stack's kubeconfig and Secret data are in the state as encrypted secrets", async () => {
        const state = JSON.parse(await suite().typed.exportState()) as {
            deployment: { resources: Array<{ urn: string; type: string; inputs?: Record<string, any>; outputs?: Record<string, any> }> };
        };
        const secretSig = "4dabf18193072939515e22adb298388d";
        const providers = state.deployment.resources.filter((r) => r.type === "pulumi:providers:kubernetes");
        assert.strictEqual(providers.length, 3);
        for (const p of providers) {
            assert.strictEqual(p.inputs?.kubeconfig?.[secretSig], "1b47061264138c4ac30d75fd1eb44270", `${p.urn}: kubeconfig is a secret`);
            assert.ok(typeof p.inputs?.kubeconfig?.ciphertext === "string", `${p.urn}: kubeconfig is encrypted`);
        }
        const secrets = state.deployment.resources.filter((r) => r.type === "kubernetes:core/v1:Secret");
        assert.strictEqual(secrets.length, 2);
        for (const s of secrets) {
            // The provider moves stringData into data; both the input and the live output are secrets.
            assert.strictEqual((s.inputs?.data ?? s.inputs?.stringData)?.[secretSig], "1b47061264138c4ac30d75fd1eb44270", `${s.urn}: the Secret's data input is a secret`);
            assert.strictEqual(s.outputs?.data?.[secretSig], "1b47061264138c4ac30d75fd1eb44270", `${s.urn}: the Secret's data output is a secret`);
        }
    });
});

/**
 * No secret in any message (issue 10, class 10): where a wrong value may be a secret (a template
 * or kubeconfig given as text, Secret data, provider options), the error describes it by type and
 * size, never by its text.
 */
import { strict as assert } from "assert";
import * as fed from "../../components";
import { runProgram } from "../harness";

const SECRET = "hunter2-s3cr3t-value";
const members = () => new fed.Federation("fleet", { clusters: [{ name: "eu" }, { name: "us" }] });

const cases: Array<{ name: string; program: () => unknown; describes: RegExp }> = [
    {
        name: "a FederatedSecret template given as YAML text",
        program: () => new fed.FederatedSecret("db", { federation: members(), namespace: "shop", template: `apiVersion: v1\nstringData:\n  password: ${SECRET}\n` as any, placement: { clusterSelector: {} } }),
        describes: /field template: must be an object .*, got a string of 60 characters on several lines$/m,
    },
    {
        name: "a Secret's stringData value of the wrong type",
        program: () => new fed.FederatedSecret("db", { federation: members(), namespace: "shop", template: { stringData: { password: { value: SECRET } as any } }, placement: { clusterSelector: {} } }),
        describes: /field template\.stringData\.password: must be string by the v1 Secret schema/,
    },
    {
        name: "a kubeconfig put in providerOptions",
        program: () => new fed.Federation("fleet", { clusters: [{ name: "eu", providerOptions: { kubeconfig: `users:\n- token: ${SECRET}` } as any }] }),
        describes: /field clusters\[0\]\.providerOptions\.kubeconfig: give kubeconfig as the member's own field/,
    },
    {
        name: "kubeconfig text where providerOptions belong",
        program: () => new fed.Federation("fleet", { clusters: [{ name: "eu", providerOptions: `users:\n- token: ${SECRET}` as any }] }),
        describes: /got a string of 36 characters$/m,
    },
    {
        name: "a long token given as a member's context by mistake",
        program: () => new fed.Federation("fleet", { clusters: [{ name: "eu", context: { token: SECRET } as any }] }),
        describes: /field clusters\[0\]\.context: must be the name of a kubeconfig context \(a string or an Output\), got an object$/m,
    },
];

describe("no secret text in error messages", () => {
    for (const c of cases) {
        it(c.name, async () => {
            const run = await runProgram(c.program);
            assert.ok(run.error instanceof fed.FederationError, String(run.error));
            assert.ok(!run.error.message.includes("s3cr3t"), `the message holds the secret: ${run.error.message}`);
            assert.match(run.error.message, c.describes);
        });
    }
});

/**
 * A FederationError names the user's line: the `new Federated...(...)` call that constructed the
 * failing component (a stack-frame line under the message), not a line inside the library; also
 * for an error raised later, inside an apply, and for components FederatedManifests makes itself.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as fed from "../../components";
import { userFrame } from "../../components/resources/callSite";
import { runProgram } from "../harness";

const here = path.relative(process.cwd(), __filename);
const source = fs.readFileSync(__filename, "utf8").split("\n");
/** The 1-based line of this file holding `marker` (a comment at the end of the line). */
const lineOf = (marker: string) => source.findIndex((text) => text.endsWith(`// ${marker}`)) + 1;
const frame = (what: string, marker: string) => new RegExp(`\\n    at new ${what} \\(${here.replace(/[.]/g, "\\.")}:${lineOf(marker)}:\\d+\\)$`);

const members = [{ name: "eu", labels: { region: "eu" } }, { name: "us", labels: { region: "us" } }];
const template = { spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } } };

describe("errors name the user's call", () => {
    it("a typed component's plan-time error names the line of its `new`", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedDeployment("web", { federation, namespace: "shop", template, placement: { clusters: ["mars"] } }); // typed
        });
        assert.ok(run.error instanceof fed.FederationError, String(run.error));
        assert.match(run.error.message, /^FederatedDeployment "web", cluster "mars", field placement\.clusters\[0\]: is not a member/);
        assert.match(run.error.message, frame("FederatedDeployment", "typed"));
        assert.equal(run.error.callSite, `new FederatedDeployment (${here}:${lineOf("typed")}:13)`);
    });

    it("Federation, FederatedResource and FederatedNamespace name their own lines", async () => {
        const bad = await runProgram(() => new fed.Federation("fleet", { clusters: [{ name: "Not_A_Label" }] })); // federation
        assert.match(String((bad.error as Error).message), frame("Federation", "federation"));
        const generic = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedResource("cron", { federation, apiVersion: "batch/v1", kind: "CronJob", namespace: "shop", template: { spec: { schedule: 5 } }, placement: { clusterSelector: {} } }); // generic
        });
        assert.match(String((generic.error as Error).message), frame("FederatedResource", "generic"));
        const namespace = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedNamespace("shop", { federation, placement: { clusters: ["mars"] } }); // namespace
        });
        assert.match(String((namespace.error as Error).message), frame("FederatedNamespace", "namespace"));
    });

    it("an error raised later, inside an apply, still names the line of its `new`", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedDeployment("web", { // deferred
                federation,
                namespace: "shop",
                template: { ...template, spec: pulumi.output(template.spec) as any },
                placement: { clusterSelector: {} },
                overrides: [{ clusterName: "eu", clusterOverrides: [{ op: "replace", path: "/spec/strategy/rollingUpdate/maxSurge", value: 1 }] }],
            });
        });
        assert.ok(run.error instanceof fed.FederationError, String(run.error));
        assert.match(run.error.message, /FederatedDeployment "web", cluster "eu", field overrides\[0\]\.clusterOverrides\[0\]: cannot replace/);
        assert.match(run.error.message, frame("FederatedDeployment", "deferred"));
    });

    it("FederatedManifests' errors name the FederatedManifests line, not the components it makes", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            const yaml = "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: { name: a, namespace: shop }\nspec: { template: { data: { x: '1' } }, placement: { clusters: [{ name: mars }] } }\n";
            new fed.FederatedManifests("m", { federation, yaml }); // manifests
        });
        assert.ok(run.error instanceof fed.FederationError, String(run.error));
        assert.match(run.error.message, /field spec\.placement\.clusters\[0\]\.name: is not a member/);
        assert.match(run.error.message, frame("FederatedManifests", "manifests"));
        assert.equal(run.error.message.split("\n    at ").length, 2, "one call site");
    });

    it("a planning function called directly has no call site (its caller's stack is the error's own)", () => {
        assert.throws(() => fed.planFederation([], [], { fieldValidation: 1 as never }), (error: fed.FederationError) => error.callSite === undefined && !error.message.includes("\n"));
    });
});

describe("userFrame", () => {
    const library = path.join(__dirname, "..", "..", "components");
    const cases: Array<[string, string[], string | undefined]> = [
        ["skips the library, node_modules and node internals", [
            `    at new FederatedObject (${library}/federatedObject.ts:140:19)`,
            "    at new Resource (/app/node_modules/@pulumi/pulumi/resource.js:221:9)",
            "    at Module._compile (node:internal/modules/cjs/loader:1554:14)",
            "    at Object.<anonymous> (/work/app/index.ts:12:15)",
        ], "index.ts:12:15"],
        ["a frame without a function name", ["    at /work/app/lib/fleet.ts:3:1"], "lib/fleet.ts:3:1"],
        ["a file:// URL (ES modules)", ["    at file:///work/app/main%20file.ts:7:2"], "main file.ts:7:2"],
        ["outside the current folder: the absolute path", ["    at new X (/elsewhere/prog.ts:1:1)"], "/elsewhere/prog.ts:1:1"],
        ["nothing but library frames", [`    at f (${library}/typed.ts:31:13)`, "    at native"], undefined],
    ];
    for (const [what, frames, expected] of cases) {
        it(what, () => assert.equal(userFrame(["Error", ...frames].join("\n"), "/work/app"), expected));
    }
});

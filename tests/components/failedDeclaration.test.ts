/**
 * Nothing registers before an error, across components (issue 25, class 7): a component whose
 * declaration fails cancels the objects every earlier component still has waiting for its turn
 * (registrationTurns.ts), so the program's failure leaves nothing in any cluster, not only nothing
 * of the failing component. A program that catches the error still fails.
 */
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import * as fed from "../../components";
import { FederationError } from "../../components";
import { Run, runProgram } from "../harness";

const clusters = [{ name: "eu-1", labels: { region: "eu" }, host: true }, { name: "us-1", labels: { region: "us" } }];
const EVERYWHERE = { clusterSelector: {} };

/** What reaches a cluster: the registered Kubernetes objects (not components, not providers). */
const objects = (run: Run) => run.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).map((r) => `${r.type.split(":").pop()} ${r.name}`);

function yamlOf(namespace: string, name: string, colour: string): string {
    return [
        "apiVersion: types.kubefed.io/v1beta1",
        "kind: FederatedConfigMap",
        `metadata: { name: ${name}, namespace: ${namespace} }`,
        "spec:",
        `  template: { data: { colour: ${colour} } }`,
        "  placement: { clusterSelector: {} }",
    ].join("\n");
}

const lbService = (federation: fed.Federation) =>
    new fed.FederatedService("web", { federation, namespace: "shop", template: { spec: { type: "LoadBalancer", selector: { app: "web" }, ports: [{ port: 80 }] } }, placement: EVERYWHERE });

describe("a failed declaration registers nothing, across components", () => {
    const cases: { title: string; program: () => void; error: RegExp; components: string[] }[] = [
        {
            title: "two FederatedManifests federating the same object",
            program: () => {
                const federation = new fed.Federation("fleet", { clusters });
                new fed.FederatedManifests("team-a", { federation, yaml: yamlOf("shop", "settings", "blue") });
                new fed.FederatedManifests("team-b", { federation, yaml: yamlOf("shop", "settings", "red") });
            },
            error: /FederatedConfigMap shop\/settings/,
            components: ["team-a", "settings"],
        },
        {
            title: "per-cluster names that collide between two federated objects",
            program: () => {
                const federation = new fed.Federation("fleet", { clusters: [{ name: "eu-west" }, { name: "west" }] });
                new fed.FederatedConfigMap("api", { federation, template: {}, placement: { clusters: ["eu-west"] } });
                new fed.FederatedConfigMap("api-eu", { federation, template: { metadata: { name: "other" } }, placement: { clusters: ["west"] } });
            },
            error: /the per-cluster resource name "api-eu-west" \(ConfigMap on west\) is already FederatedConfigMap "api"'s/,
            components: ["api"],
        },
        {
            title: "a namespace, a workload, its DNS record and its ServiceExport, then a bad override",
            program: () => {
                const federation = new fed.Federation("fleet", { clusters });
                const shop = new fed.FederatedNamespace("shop", { federation, placement: EVERYWHERE });
                const service = new fed.FederatedService("web", { federation, namespace: shop, template: { spec: { type: "LoadBalancer", selector: { app: "web" }, ports: [{ port: 80 }] } }, placement: EVERYWHERE });
                new fed.ServiceDNSRecord("web", { service, domain: "example.com", dnsEndpoint: true });
                new fed.FederatedServiceExport("web", { service });
                new fed.FederatedConfigMap("settings", { federation, namespace: shop, template: {}, placement: EVERYWHERE, overrides: [{ clusterName: "ap-1", clusterOverrides: [] }] });
            },
            error: /cluster "ap-1", field overrides\[0\]\.clusterName: is not a member/,
            components: ["shop", "web"],
        },
    ];
    for (const c of cases) {
        it(`${c.title}: the error, and no object of any component`, async () => {
            const run = await runProgram(c.program);
            assert.ok(run.error instanceof FederationError, String(run.error));
            assert.match(run.error.message, c.error);
            assert.deepEqual(objects(run), []);
            for (const name of c.components) assert.ok(run.resources.some((r) => r.name === name && r.type.startsWith("federation:index:")), `component ${name} registered itself`);
        });
    }

    it("the same program without the mistake registers every object (the cases above cancel, not skip)", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters });
            const service = lbService(federation);
            new fed.ServiceDNSRecord("web", { service, domain: "example.com", dnsEndpoint: true });
            new fed.FederatedServiceExport("web", { service });
        });
        assert.equal(run.error, undefined);
        assert.deepEqual(objects(run).sort(), ["DNSEndpoint web-dnsendpoint", "Service web-eu-1", "Service web-us-1", "ServiceExport web-eu-1", "ServiceExport web-us-1"]);
    });

    it("a program that catches the error still fails with it, and registers nothing of what was waiting", async () => {
        let caught: unknown;
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters });
            new fed.FederatedConfigMap("settings", { federation, namespace: "shop", template: {}, placement: EVERYWHERE });
            try {
                new fed.FederatedConfigMap("settings", { federation, namespace: "billing", template: {}, placement: EVERYWHERE });
            } catch (error) {
                caught = error;
            }
        });
        assert.ok(caught instanceof FederationError);
        assert.equal(run.error, caught, "the run fails with the very error the program caught");
        assert.deepEqual(objects(run), []);
    });

    it("objects a program asked for before the error stay registered (they reached the engine already)", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters });
            const early = new fed.FederatedConfigMap("early", { federation, namespace: "shop", template: {}, placement: EVERYWHERE });
            void early.resources; // registers them now
            new fed.FederatedConfigMap("waiting", { federation, namespace: "shop", template: {}, placement: EVERYWHERE });
            new fed.FederatedConfigMap("bad", { federation, namespace: "Shop", template: {}, placement: EVERYWHERE });
        });
        assert.match(String(run.error), /FederatedConfigMap "bad", field namespace/);
        assert.deepEqual(objects(run), ["ConfigMap early-eu-1", "ConfigMap early-us-1"]);
    });

    it("under the engine, the canceled registrations fail the program with the thrown error itself (so the host reports it once)", () => {
        // Outside the SDK's mocks, in a process of its own: what Pulumi's Node.js host would see.
        const script = `
            const turns = require(${JSON.stringify(path.join(__dirname, "../../components/resources/registrationTurns"))});
            const thrown = new Error("the declaration's error");
            const seen = [];
            process.on("unhandledRejection", (reason) => seen.push(reason === thrown ? "the thrown error" : String(reason)));
            let registered = 0;
            turns.cancelQueuedRegistrations(new Error("nothing waits yet: no rejection"));
            const waiting = turns.queueRegistration(2, () => registered++);
            turns.cancelQueuedRegistrations(thrown);
            turns.cancelQueuedRegistrations(new Error("nothing waits any more"));
            waiting.registered.then((done) => setImmediate(() => console.log(JSON.stringify({ done, registered, seen }))));
        `;
        const output = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { encoding: "utf8", cwd: path.join(__dirname, "../..") });
        assert.deepEqual(JSON.parse(output), { done: false, registered: 0, seen: ["the thrown error"] });
    });
});

import { strict as assert } from "assert";
import * as path from "path";
import { Federation, FederatedConfigMap, FederatedNamespace, FederatedResource } from "../../components";
import { captureProgram } from "../../components/synth/capture";
import { ImportEntry, engineUrn, importFile } from "../../components/synth/importFile";
import { main } from "../../components/cli";

const KUBECONFIG = "apiVersion: v1\nkind: Config\nusers: [{ name: admin, user: { token: s3cr3t-token } }]\n";

function program() {
    const federation = new Federation("fleet", { kubeconfig: KUBECONFIG, clusters: [{ name: "eu", context: "kind-eu", namespace: "apps" }, { name: "us", context: "kind-us" }] });
    const shop = new FederatedNamespace("shop", { federation, placement: { clusterSelector: {} } });
    new FederatedConfigMap("settings", { federation, namespace: shop, placement: { clusterSelector: {} }, template: { data: { a: "b" } } });
    new FederatedConfigMap("defaults", { federation, placement: { clusters: ["eu"] }, template: { data: { a: "b" } } });
    new FederatedResource("reader", { federation, apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", placement: { clusters: ["us"] }, template: { rules: [] } });
}

/** The URN `pulumi import` gives an entry: its parents' types (by the file's parent names), then its own. */
function fileUrn(entry: ImportEntry, entries: Map<string, ImportEntry>): string {
    const types = [entry.type];
    for (let parent = entry.parent && entries.get(entry.parent); parent; parent = parent.parent ? entries.get(parent.parent) : undefined) types.unshift(parent.type);
    return `urn:pulumi:e2e::fed::${types.join("$")}::${entry.logicalName}`;
}

describe("pulumi-federation import (the bulk-import file)", () => {
    it("adopts every per-cluster object under the components and providers the program declares, with the engine's URNs", async () => {
        const capture = await captureProgram(program, { project: "fed", stack: "e2e", asStack: true });
        assert.equal(capture.error, undefined, String(capture.error));
        // Two files: the components first, then the providers and objects under them.
        const components = importFile(capture, { part: "components", stack: "e2e", project: "fed" });
        const file = importFile(capture, { part: "objects", stack: "e2e", project: "fed" });
        assert.ok(components.resources.every((entry) => entry.component === true));
        assert.ok(file.resources.every((entry) => entry.component === undefined));
        const entries = new Map([...components.resources, ...file.resources].map((entry) => [entry.name, entry]));
        // The second file names the components, by then in the stack's state, by their URNs.
        for (const [name, urn] of Object.entries(file.nameTable)) assert.equal(urn, fileUrn(entries.get(name)!, entries), name);
        const objects = file.resources.filter((entry) => entry.id !== undefined);
        assert.deepEqual(objects.map((entry) => [entry.logicalName, entry.id]).sort(), [
            ["defaults-eu", "apps/defaults"], ["reader-us", "reader"], ["settings-eu", "shop/settings"], ["settings-us", "shop/settings"], ["shop-eu", "shop"], ["shop-us", "shop"],
        ]);
        for (const entry of objects) assert.equal(entries.get(entry.provider!)?.type, "pulumi:providers:kubernetes", `${entry.logicalName}'s provider is in the file`);
        // Every registration the program makes gets, from the file, the URN the engine gives it.
        const byUrn = new Map(capture.registrations.map((registration) => [registration.urn, registration]));
        const expected = capture.registrations.filter((registration) => registration.type !== "pulumi:pulumi:Stack").map((registration) => engineUrn(registration, byUrn, "e2e", "fed")).sort();
        assert.deepEqual([...entries.values()].map((entry) => fileUrn(entry, entries)).sort(), expected);
        assert.ok(expected.includes("urn:pulumi:e2e::fed::federation:index:FederatedConfigMap$kubernetes:core/v1:ConfigMap::settings-eu"));
        assert.ok(expected.includes("urn:pulumi:e2e::fed::federation:index:Federation$federation:index:MemberCluster$pulumi:providers:kubernetes::fleet-eu"));
        assert.equal(entries.size, components.resources.length + file.resources.length, "names are unique across both files");
    });

    it("never writes a kubeconfig or any secret provider input", async () => {
        const capture = await captureProgram(program, { project: "fed", stack: "e2e", asStack: true });
        const text = JSON.stringify(importFile(capture, { part: "objects", stack: "e2e", project: "fed" }));
        assert.ok(!text.includes("s3cr3t-token") && !text.includes("kubeconfig"), text);
        const provider = importFile(capture, { part: "objects", stack: "e2e", project: "fed" }).resources.find((entry) => entry.logicalName === "fleet-eu" && entry.type.startsWith("pulumi:providers"))!;
        assert.deepEqual(provider.inputs, { clusterIdentifier: "eu", context: "kind-eu", namespace: "apps" });
    });

    it("is what the command writes for a stack", async () => {
        const chunks: string[] = [];
        const write = process.stdout.write.bind(process.stdout);
        process.stdout.write = ((chunk: string) => { chunks.push(String(chunk)); return true; }) as typeof process.stdout.write;
        let code: number;
        try {
            code = await main(["import", "--objects", "--dir", path.join(__dirname, "..", ".."), "--skip-type-check"]);
        } finally {
            process.stdout.write = write;
        }
        assert.equal(code, 0);
        const file = JSON.parse(chunks.join(""));
        assert.deepEqual(file.resources.filter((entry: ImportEntry) => entry.id).map((entry: ImportEntry) => entry.id).sort(), [
            "federated-namespace", "federated-namespace", "federated-namespace/redis", "federated-namespace/redis",
        ]);
    });
});

describe("pulumi-federation import: refusals", () => {
    it("refuses a member with a kubeconfig but no context: the ambient current context could be another cluster", async () => {
        const capture = await captureProgram(() => {
            const federation = new Federation("fleet", { clusters: [{ name: "eu", kubeconfig: "/k/eu.yaml" }] });
            new FederatedConfigMap("c", { federation, namespace: "shop", placement: { clusterSelector: {} }, template: { data: {} } });
        }, { project: "fed", stack: "e2e", asStack: true });
        assert.throws(() => importFile(capture, { part: "objects", stack: "e2e", project: "fed" }), /provider fleet-eu, field context: is needed to import/);
        assert.doesNotThrow(() => importFile(capture, { part: "components", stack: "e2e", project: "fed" }), "the components file needs no provider");
    });
});

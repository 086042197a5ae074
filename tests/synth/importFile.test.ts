import { strict as assert } from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Federation, FederatedConfigMap, FederatedNamespace, FederatedResource, FederatedSecret } from "../../components";
import { captureProgram } from "../../components/synth/capture";
import { EXCLUDE_OBJECTS, ImportEntry, engineUrn, importFile } from "../../components/synth/importFile";
import { main } from "../../components/cli";

const KUBECONFIG = "apiVersion: v1\nkind: Config\nusers: [{ name: admin, user: { token: s3cr3t-token } }]\n";

function program() {
    const federation = new Federation("fleet", { kubeconfig: KUBECONFIG, clusters: [{ name: "eu", context: "kind-eu", namespace: "apps" }, { name: "us", context: "kind-us" }] });
    const shop = new FederatedNamespace("shop", { federation, placement: { clusterSelector: {} } });
    new FederatedConfigMap("settings", { federation, namespace: shop, placement: { clusterSelector: {} }, template: { data: { a: "b" } } });
    new FederatedConfigMap("defaults", { federation, placement: { clusters: ["eu"] }, template: { data: { a: "b" } } });
    new FederatedResource("reader", { federation, apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", placement: { clusters: ["us"] }, template: { rules: [] } });
}

describe("pulumi-federation import (the bulk-import file)", () => {
    it("adopts every per-cluster object, under the components and providers the program creates, named by the engine's URNs", async () => {
        const capture = await captureProgram(program, { project: "fed", stack: "e2e", asStack: true });
        assert.equal(capture.error, undefined, String(capture.error));
        const file = importFile(capture, { stack: "e2e", project: "fed" });
        assert.deepEqual(file.resources.map((entry) => [entry.logicalName, entry.id]).sort(), [
            ["defaults-eu", "apps/defaults"], ["reader-us", "reader"], ["settings-eu", "shop/settings"], ["settings-us", "shop/settings"], ["shop-eu", "shop"], ["shop-us", "shop"],
        ]);
        // Every registration the program makes gets, from the file, the URN the engine gives it:
        // an object's parent chain, then its type and name.
        const byUrn = new Map(capture.registrations.map((registration) => [registration.urn, registration]));
        const expected = capture.registrations.filter((registration) => registration.custom && registration.type.startsWith("kubernetes:")).map((registration) => engineUrn(registration, byUrn, "e2e", "fed")).sort();
        const fileUrn = (entry: ImportEntry) => `${file.nameTable[entry.parent!]}`.replace(/::[^:]+$/, "").replace(/^urn:pulumi:e2e::fed::/, "");
        assert.deepEqual(file.resources.map((entry) => `urn:pulumi:e2e::fed::${fileUrn(entry)}$${entry.type}::${entry.logicalName}`).sort(), expected);
        assert.ok(expected.includes("urn:pulumi:e2e::fed::federation:index:FederatedConfigMap$kubernetes:core/v1:ConfigMap::settings-eu"));
        for (const entry of file.resources) {
            assert.match(file.nameTable[entry.provider!], /^urn:pulumi:e2e::fed::federation:index:Federation\$federation:index:MemberCluster\$pulumi:providers:kubernetes::fleet-(eu|us)$/, entry.logicalName);
        }
        const names = [...Object.keys(file.nameTable), ...file.resources.map((entry) => entry.name)];
        assert.equal(new Set(names).size, names.length, "names are unique across the name table and the entries");
    });

    it("leaves the components and providers to the program: the exclusion globs match every object and no provider or component", async () => {
        const capture = await captureProgram(program, { project: "fed", stack: "e2e", asStack: true });
        const byUrn = new Map(capture.registrations.map((registration) => [registration.urn, registration]));
        // The engine's own matching of a glob (pkg/resource/deploy: `**` any text, `*` within a part).
        const matches = (urn: string) => EXCLUDE_OBJECTS.some((glob) => new RegExp(`^${glob.split("**").map((part) => part.split("*").map((text) => text.replace(/[.*+?^${}()|[\]\\$]/g, "\\$&")).join("[^:]*")).join(".*")}$`).test(urn));
        for (const registration of capture.registrations) {
            if (registration.type === "pulumi:pulumi:Stack") continue;
            const urn = engineUrn(registration, byUrn, "e2e", "fed");
            assert.equal(matches(urn), registration.custom && registration.type.startsWith("kubernetes:"), urn);
        }
        assert.ok(matches("urn:pulumi:e2e::fed::kubernetes:core/v1:ConfigMap::own"), "an object at the root too");
        const text = JSON.stringify(importFile(capture, { stack: "e2e", project: "fed" }));
        assert.ok(!text.includes("s3cr3t-token") && !text.includes("kubeconfig"), "no provider input is written");
    });

    it("is what the command writes for a stack, and the command prints the three steps", async () => {
        const chunks: string[] = [];
        const errors: string[] = [];
        const write = process.stdout.write.bind(process.stdout);
        const error = console.error;
        process.stdout.write = ((chunk: string) => { chunks.push(String(chunk)); return true; }) as typeof process.stdout.write;
        console.error = (...args: unknown[]) => { errors.push(args.join(" ")); };
        let code: number;
        try {
            code = await main(["import", "--dir", path.join(__dirname, "..", ".."), "--skip-type-check"]);
        } finally {
            process.stdout.write = write;
            console.error = error;
        }
        assert.equal(code, 0, errors.join("\n"));
        const file = JSON.parse(chunks.join(""));
        assert.deepEqual(file.resources.map((entry: ImportEntry) => entry.id).sort(), [
            "federated-namespace", "federated-namespace", "federated-namespace/redis", "federated-namespace/redis",
        ]);
        assert.match(errors.join("\n"), /pulumi up --stack dev --exclude '\*\*\$kubernetes:\*\*' --exclude 'urn:pulumi:\*::\*::kubernetes:\*\*'\n  pulumi import --stack dev --file FILE --protect=false --generate-code=false\n  pulumi refresh --stack dev/);
    });
});

describe("pulumi-federation import: the state each object's entry records", () => {
    const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

    it("records the program's object as inputs and as the provider's checkpoint, so that the refresh after it prunes the live object to that shape", async () => {
        const capture = await captureProgram(program, { project: "fed", stack: "e2e", asStack: true });
        const entries = importFile(capture, { stack: "e2e", project: "fed" }).resources.filter((entry) => entry.id !== undefined);
        assert.equal(entries.length, 6);
        for (const entry of entries) {
            const registration = capture.registrations.find((candidate) => candidate.custom && candidate.name === entry.logicalName && candidate.type === entry.type)!;
            assert.deepEqual(entry.inputs, registration.inputs, entry.logicalName);
            assert.deepEqual(entry.outputs, { ...registration.inputs, __inputs: registration.inputs, __initialApiVersion: registration.inputs.apiVersion }, entry.logicalName);
        }
        const settings = entries.find((entry) => entry.logicalName === "settings-eu")!;
        assert.deepEqual((settings.inputs as any).data, { a: "b" });
        assert.equal((settings.inputs as any).metadata.namespace, "shop");
    });

    it("never writes a secret value: a secret of the same shape with empty leaves stands in, marked secret as Pulumi's state files mark one", async () => {
        const capture = await captureProgram(() => {
            const federation = new Federation("fleet", { clusters: [{ name: "eu", context: "kind-eu" }] });
            new FederatedSecret("db", { federation, namespace: "shop", placement: { clusters: ["eu"] }, template: { stringData: { password: "hunter2-s3cret" } } });
            new FederatedConfigMap("mixed", { federation, namespace: "shop", placement: { clusters: ["eu"] }, template: { data: { plain: "visible", token: pulumi.secret("tok-s3cret") } } });
        }, { project: "fed", stack: "e2e", asStack: true });
        const file = importFile(capture, { stack: "e2e", project: "fed" });
        const text = JSON.stringify(file);
        assert.ok(!text.includes("hunter2-s3cret") && !text.includes("tok-s3cret"), text);
        const db = file.resources.find((entry) => entry.logicalName === "db-eu")!;
        const withheld = (db.inputs as any).stringData;
        const shape = withheld.plaintext !== undefined ? JSON.parse(withheld.plaintext) : JSON.parse((db.inputs as any).stringData.password.plaintext);
        assert.ok(JSON.stringify(withheld).includes(SECRET["4dabf18193072939515e22adb298388d"]), "marked secret");
        assert.ok(JSON.stringify(shape).length > 0);
        const mixed = file.resources.find((entry) => entry.logicalName === "mixed-eu")!;
        const data = (mixed.inputs as any).data;
        assert.equal(data.plain, "visible", "what is not secret is recorded as it is");
        assert.deepEqual(data.token, { ...SECRET, plaintext: JSON.stringify("") }, "the secret leaf is an empty secret");
        assert.deepEqual((mixed.outputs as any).__inputs.data.token, data.token);
    });

    it("reads an object with a value known only at deployment time instead of recording a guess", async () => {
        const capture = await captureProgram(() => {
            const federation = new Federation("fleet", { clusters: [{ name: "eu", context: "kind-eu" }] });
            const later: any = pulumi.output("x").apply((value) => (pulumi.runtime.isDryRun() ? pulumi.output(pulumi.unknown as any) : value));
            new FederatedConfigMap("later", { federation, namespace: "shop", placement: { clusters: ["eu"] }, template: { data: { value: later } } });
            new FederatedConfigMap("known", { federation, namespace: "shop", placement: { clusters: ["eu"] }, template: { data: { value: "x" } } });
        }, { project: "fed", stack: "e2e", asStack: true, preview: true });
        const entries = importFile(capture, { stack: "e2e", project: "fed" }).resources;
        const later = entries.find((entry) => entry.logicalName === "later-eu")!;
        assert.equal(later.id, "shop/later");
        assert.equal(later.inputs, undefined);
        assert.equal(later.outputs, undefined);
        assert.ok(entries.find((entry) => entry.logicalName === "known-eu")!.outputs);
    });
});

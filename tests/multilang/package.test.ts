/**
 * The `federation` package for every Pulumi language (plugin/): its provider host started as the
 * Node.js language host runs a plugin, driven over gRPC by a recording engine, with no CLI. The
 * schema it infers is valid Pulumi, and Construct registers exactly the per-cluster objects the
 * TypeScript API registers for the same program.
 */
import { strict as assert } from "assert";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as fed from "../../components";
import { captureProgram } from "../../components/synth/capture";
import { pulumiMetaschema } from "./metaschema";
import { ProviderHost, RecordingEngine, Registration, startProviderHost, startRecordingEngine } from "./recordingEngine";

const PLUGIN = path.join(__dirname, "..", "..", "plugin");
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const KUBECONFIG = "apiVersion: v1\nkind: Config\nusers: [{ name: admin, user: { token: t0ps3cret-token } }]\n";

const clusters = [
    { name: "eu", context: "kind-eu", labels: { region: "eu" } },
    { name: "us", context: "kind-us", labels: { region: "us" } },
];
const labels = { app: "web" };
const deployment = {
    metadata: { labels },
    spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
};
const overrides = [{ clusterName: "us", clusterOverrides: [{ path: "/spec/replicas", value: 5 }] }];
const manifests = `apiVersion: types.kubefed.io/v1beta1
kind: FederatedConfigMap
metadata: { name: settings, namespace: shop }
spec:
  template: { data: { mode: federated } }
  placement: { clusterSelector: { matchLabels: { region: eu } } }
`;

/** What a per-cluster object is, wherever it sits in the tree: its type, name, provider's name and inputs. */
function perCluster(registrations: readonly { type: string; name: string; custom: boolean; provider?: string; object?: Record<string, any>; inputs?: Record<string, any> }[]) {
    return registrations
        .filter((registration) => registration.custom)
        .map((registration) => ({
            type: registration.type,
            name: registration.name,
            provider: registration.provider ? registration.provider.split("::")[3] : undefined,
            inputs: JSON.parse(JSON.stringify(registration.object ?? registration.inputs)),
        }))
        .sort((a, b) => `${a.type} ${a.name}`.localeCompare(`${b.type} ${b.name}`));
}

/** The secret markers taken out, as the capture of the TypeScript program shows inputs. */
function withoutSecrets(value: any): any {
    if (Array.isArray(value)) return value.map(withoutSecrets);
    if (value !== null && typeof value === "object") {
        if (value[Object.keys(SECRET)[0]] === Object.values(SECRET)[0]) return withoutSecrets(value.value);
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutSecrets(item)]));
    }
    return value;
}

describe("the federation package for every Pulumi language (provider host over gRPC)", function () {
    this.timeout(180_000);
    let engine: RecordingEngine;
    let host: ProviderHost;

    before(async () => {
        engine = await startRecordingEngine("fed", "dev");
        host = await startProviderHost(PLUGIN, engine, "fed", "dev");
    });
    after(async () => {
        await host?.stop();
        await engine?.close();
    });

    it("infers a package schema that Pulumi's package metaschema accepts, with the four components and their documented inputs", async () => {
        const schema = await host.getSchema();
        const ajv = new Ajv2020({ strict: false, allErrors: true });
        addFormats(ajv);
        const validate = ajv.compile(pulumiMetaschema());
        const valid = validate(JSON.parse(JSON.stringify(schema)));
        assert.ok(valid, JSON.stringify(validate.errors, null, 2));
        assert.equal(schema.name, "federation");
        assert.equal(schema.version, require("../../package.json").version, "the package's version");
        assert.deepEqual(Object.keys(schema.resources).sort(), ["federation:index:FederatedManifests", "federation:index:FederatedNamespace", "federation:index:FederatedResource", "federation:index:Federation"]);
        for (const resource of Object.values<any>(schema.resources)) assert.equal(resource.isComponent, true);
        const federation = schema.resources["federation:index:Federation"];
        assert.deepEqual(federation.requiredInputs, ["clusters"]);
        assert.equal(federation.inputProperties.clusters.items.$ref, "#/types/federation:index:MemberClusterInput");
        assert.match(schema.types["federation:index:MemberClusterInput"].properties.kubeconfig.description, /Kept secret/);
        const resource = schema.resources["federation:index:FederatedResource"];
        assert.deepEqual([...resource.requiredInputs].sort(), ["apiVersion", "federation", "kind", "template"]);
        assert.equal(resource.inputProperties.template.$ref, "pulumi.json#/Any", "the template is free-form data");
        assert.equal(resource.properties.status.$ref, "pulumi.json#/Any");
    });

    it("Construct registers the same per-cluster objects as the TypeScript API, and keeps the kubeconfig secret", async () => {
        const before = engine.registrations.length;
        const fleet = await host.construct({ type: "federation:index:Federation", name: "fleet", inputs: { clusters, kubeconfig: { ...SECRET, value: KUBECONFIG } } });
        assert.equal(fleet.state.federationName, "fleet");
        assert.deepEqual(fleet.state.clusterNames, ["eu", "us"]);
        const shop = await host.construct({ type: "federation:index:FederatedNamespace", name: "shop", inputs: { federation: "fleet", placement: { clusterSelector: {} } } });
        assert.equal(shop.state.namespaceName, "shop");
        const web = await host.construct({ type: "federation:index:FederatedResource", name: "web", inputs: { federation: "fleet", apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", template: deployment, placement: { clusterSelector: {} }, overrides } });
        assert.deepEqual(web.state.clusters, ["eu", "us"]);
        await host.construct({ type: "federation:index:FederatedManifests", name: "kubefed", inputs: { federation: "fleet", yaml: manifests } });
        const registered = engine.registrations.slice(before);

        const typescript = await captureProgram(() => {
            const federation = new fed.Federation("fleet", { clusters, kubeconfig: pulumi.secret(KUBECONFIG) });
            const namespace = new fed.FederatedNamespace("shop", { federation, placement: { clusterSelector: {} } });
            new fed.FederatedResource("web", { federation, apiVersion: "apps/v1", kind: "Deployment", namespace, template: deployment, placement: { clusterSelector: {} }, overrides });
            new fed.FederatedManifests("kubefed", { federation, yaml: manifests });
        }, { project: "fed", stack: "dev", asStack: true });
        assert.equal(typescript.error, undefined, String(typescript.error));
        const expected = perCluster(typescript.registrations);
        assert.ok(expected.some((object) => object.name === "web-us" && object.inputs.spec.replicas === 5));
        assert.deepEqual(perCluster(registered).map((object) => ({ ...object, inputs: withoutSecrets(object.inputs) })), expected);

        // Each TypeScript component is the one child of the component of the same name.
        const component = (type: string, name: string) => registered.find((registration) => registration.type === type && registration.name === name && registration.urn.includes(`${type}$${type}`));
        for (const [type, name] of [["federation:index:Federation", "fleet"], ["federation:index:FederatedResource", "web"]]) assert.ok(component(type, name), `${type} ${name} inside its multi-language component`);

        const providers = registered.filter((registration: Registration) => registration.type === "pulumi:providers:kubernetes");
        assert.equal(providers.length, 2);
        for (const provider of providers) assert.equal(provider.object.kubeconfig?.[Object.keys(SECRET)[0]], Object.values(SECRET)[0], "the kubeconfig is sent as a secret");
        // The SDK's own debug log of each RegisterResource response (severity 0, shown only with -v) prints
        // the state it got back; nothing the user sees does.
        assert.deepEqual(engine.logs.filter((log) => log.severity > 0 && log.message.includes("t0ps3cret")), [], "no log holds the kubeconfig");
    });

    it("refuses bad input with the error naming the component and the field, and registers nothing", async () => {
        const before = engine.registrations.length;
        await assert.rejects(
            host.construct({ type: "federation:index:FederatedResource", name: "lost", inputs: { federation: "nowhere", apiVersion: "v1", kind: "ConfigMap", template: {} } }),
            /FederatedResource "lost", field federation: names no Federation of this program \("nowhere"; constructed: "fleet"\); pass the Federation's federationName output/,
        );
        await assert.rejects(
            host.construct({ type: "federation:index:FederatedResource", name: "bad", inputs: { federation: "fleet", apiVersion: "v1", kind: "ConfigMap", template: { data: {} }, placement: { clusters: ["eu"] }, overrides: [{ clusterName: "eu", clusterOverrides: [{ path: "data/x", value: "1" }] }] } }),
            /FederatedResource "bad", cluster "eu", field overrides\[0\]\.clusterOverrides\[0\]\.path/,
        );
        // In a preview, a placement known only after the update cannot decide what is registered.
        await assert.rejects(
            host.construct({ type: "federation:index:FederatedResource", name: "later", dryRun: true, inputs: { federation: "fleet", apiVersion: "v1", kind: "ConfigMap", template: { data: {} }, placement: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } }),
            /FederatedResource "later", field placement: is only known after the update, but it decides what is registered/,
        );
        assert.deepEqual(engine.registrations.slice(before).filter((registration) => registration.custom), [], "no object registered");
    });
    it("a FederatedResource's rollout orders its clusters: us after eu, whose object it depends on", async () => {
        await host.construct({ type: "federation:index:Federation", name: "staged", inputs: { clusters } });
        const before = engine.registrations.length;
        await host.construct({ type: "federation:index:FederatedResource", name: "api", inputs: { federation: "staged", apiVersion: "v1", kind: "ConfigMap", namespace: "default", template: { data: { a: "b" } }, placement: { clusterSelector: {} }, rollout: { stages: [{ name: "first", clusters: ["eu"] }], timeoutSeconds: 90 } } });
        const objects = engine.registrations.slice(before).filter((registration: Registration) => registration.type === "kubernetes:core/v1:ConfigMap");
        const eu = objects.find((registration: Registration) => registration.name === "api-eu");
        const us = objects.find((registration: Registration) => registration.name === "api-us");
        assert.ok(eu && us, objects.map((registration: Registration) => registration.name).join(", "));
        assert.ok(us.dependencies.includes(eu.urn), "us waits for eu");
        assert.ok(!eu.dependencies.includes(us.urn));
    });
});

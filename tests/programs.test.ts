/** The stack program and the examples, run as `pulumi up` would run them, under the mock monitor. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promiseOf, runProgramFile, stackConfig } from "./harness";
import { clusterObjects } from "../components/synth/objects";
import { synthesize } from "../components/synth/synth";

const root = path.join(__dirname, "..");

describe("the federation stack program (index.ts)", () => {
    it("on the dev stack, renders every member to rendered/dev/<cluster>/ and places the walkthrough everywhere", async () => {
        const run = await runProgramFile(path.join(root, "index.ts"), {
            project: "pulumi-federation",
            stack: "dev",
            config: stackConfig(path.join(root, "Pulumi.dev.yaml")),
        });
        assert.equal(run.error, undefined, String(run.error));
        const providers = run.ofType("pulumi:providers:kubernetes");
        assert.deepEqual(providers.map((p) => [p.inputs.clusterIdentifier, p.inputs.renderYamlToDirectory]).sort(), [
            ["cluster1 (rendered to rendered/dev/cluster1)", "rendered/dev/cluster1"],
            ["cluster2 (rendered to rendered/dev/cluster2)", "rendered/dev/cluster2"],
        ]);
        assert.deepEqual(run.ofType("kubernetes:apps/v1:Deployment").map((d) => d.name).sort(), ["redis-cluster1", "redis-cluster2"]);
        const outputs = run.exports as any;
        assert.deepEqual(await promiseOf(outputs.members), [
            { name: "cluster1", labels: { region: "eu-west" }, host: true, state: "available" },
            { name: "cluster2", labels: { region: "us-east" }, host: false, state: "available" },
        ]);
        assert.deepEqual(await promiseOf(outputs.placements), {
            "FederatedNamespace/federated-namespace": ["cluster1", "cluster2"],
            "FederatedDeployment/federated-namespace/redis": ["cluster1", "cluster2"],
        });
        const replicas = Object.fromEntries(run.ofType("kubernetes:apps/v1:Deployment").map((d) => [d.name, d.inputs.spec.replicas]));
        assert.deepEqual(replicas, { "redis-cluster1": 1, "redis-cluster2": 2 });
    });

    it("with contexts in config, talks to the clusters instead of rendering", async () => {
        const run = await runProgramFile(path.join(root, "index.ts"), {
            project: "pulumi-federation",
            config: { "pulumi-federation:clusters": JSON.stringify([{ name: "cluster1", context: "ctx-a" }, { name: "cluster2", kubeconfig: "/etc/kube/b" }]) },
        });
        assert.equal(run.error, undefined, String(run.error));
        for (const provider of run.ofType("pulumi:providers:kubernetes")) {
            assert.equal(provider.inputs.renderYamlToDirectory, undefined);
        }
        assert.equal(run.named("federation-cluster1", "pulumi:providers:kubernetes").inputs.context, "ctx-a");
    });

    it("with pulumi-federation:propagation, sends the same KubeFed YAML through Karmada, members getting the same objects", async () => {
        const dev = stackConfig(path.join(root, "Pulumi.dev.yaml"));
        const options = { project: "pulumi-federation", stack: "dev" };
        const push = await runProgramFile(path.join(root, "index.ts"), { ...options, config: dev });
        const karmada = await runProgramFile(path.join(root, "index.ts"), { ...options, config: { ...dev, "pulumi-federation:propagation": JSON.stringify({ karmada: {} }) } });
        assert.equal(karmada.error, undefined, String(karmada.error));
        // No credentials for Karmada: its objects render to rendered/dev/@karmada, and there are no member providers.
        assert.deepEqual(karmada.ofType("pulumi:providers:kubernetes").map((p) => p.inputs.renderYamlToDirectory), ["rendered/dev/@karmada"]);
        assert.deepEqual(karmada.ofType("kubernetes:apps/v1:Deployment").map((d) => [d.name, d.inputs.spec.replicas]), [["redis", 1]]);
        const review = (run: typeof push, cluster: string) => clusterObjects({ registrations: run.resources, warnings: [], infos: [] }).objects.filter((o) => o.cluster === cluster).map((o) => o.object);
        for (const cluster of ["cluster1", "cluster2"]) assert.deepEqual(review(karmada, cluster), review(push, cluster), cluster);
    });
});

describe("examples/typed-multi-region", () => {
    it("places by tier, sizes Europe down and patches by cloud", async () => {
        const run = await runProgramFile(path.join(root, "examples/typed-multi-region/index.ts"), { project: "typed-multi-region" });
        assert.equal(run.error, undefined, String(run.error));
        const outputs = run.exports as any;
        assert.deepEqual(await promiseOf(outputs.placements.storefront), ["aws-us-east-1", "gcp-europe-west1"]);
        assert.deepEqual(await promiseOf(outputs.placements.edgeCache), ["aws-ap-southeast-2"]);
        assert.deepEqual(await promiseOf(outputs.placements.shop), ["aws-us-east-1", "gcp-europe-west1", "aws-ap-southeast-2"]);

        const replicas = Object.fromEntries(run.ofType("kubernetes:apps/v1:Deployment").map((d) => [d.name, d.inputs.spec.replicas]));
        assert.deepEqual(replicas, { "storefront-aws-us-east-1": 3, "storefront-gcp-europe-west1": 2, "edge-cache-aws-ap-southeast-2": 2 });

        const currency = Object.fromEntries(run.ofType("kubernetes:core/v1:ConfigMap").map((c) => [c.name, c.inputs.data.currency]));
        assert.deepEqual(currency, {
            "storefront-settings-aws-us-east-1": "USD",
            "storefront-settings-gcp-europe-west1": "EUR",
            "storefront-settings-aws-ap-southeast-2": "USD",
        });

        const services = Object.fromEntries(run.ofType("kubernetes:core/v1:Service").map((s) => [s.name, s.inputs.metadata.annotations]));
        assert.deepEqual(services, {
            "storefront-aws-us-east-1": { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" },
            "storefront-gcp-europe-west1": undefined,
        });
        assert.deepEqual(outputs.overridesApplied, { "aws-us-east-1": [], "gcp-europe-west1": ["replace /spec/replicas"] });
    });
});

describe("examples/kubefed-migration (the kubefed-migration stack)", () => {
    it("takes members from KubeFedCluster documents and a custom kind from its FederatedTypeConfig", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "migration-"));
        try {
            const result = await synthesize({ directory: root, stack: "kubefed-migration", out });
            assert.equal(result.exitCode, 0, result.lines.join("\n"));
            const byCluster: Record<string, string[]> = {};
            for (const object of result.planned!.objects) (byCluster[object.cluster] ??= []).push(`${object.kind}/${object.name}`);
            assert.deepEqual(byCluster, {
                "eu-prod": ["Namespace/shop", "Certificate/storefront-tls", "ConfigMap/shop-settings", "Deployment/storefront", "Service/storefront"],
                "us-prod": ["Namespace/shop", "Certificate/storefront-tls", "ConfigMap/shop-settings", "Deployment/storefront", "Service/storefront"],
                "ap-edge": ["Namespace/shop", "ConfigMap/shop-settings"],
            });
            const find = (cluster: string, kind: string) => result.planned!.objects.find((o) => o.cluster === cluster && o.kind === kind)!.object;
            assert.equal(find("eu-prod", "ConfigMap").data.currency, "EUR");
            assert.deepEqual(find("ap-edge", "ConfigMap").data, { currency: "USD" });
            // The ReplicaSchedulingPreference (12 replicas, weights 1:2) schedules the storefront; the
            // exported /spec/replicas override (KubeFed's scheduler output) gives way to it.
            assert.equal(find("us-prod", "Deployment").spec.replicas, 8);
            assert.equal(find("eu-prod", "Deployment").spec.replicas, 4);
            assert.deepEqual(find("us-prod", "Deployment").spec.template.spec.containers[0].env, [{ name: "REGION", value: "us-east" }]);
            assert.equal(find("eu-prod", "Certificate").apiVersion, "cert-manager.io/v1");
            assert.match(result.lines.join("\n"), /Deployment\s+shop\s+storefront\s+8\s+add \/spec\/template\/spec\/containers\/0\/env, scheduling: 8 replicas/);
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });
});

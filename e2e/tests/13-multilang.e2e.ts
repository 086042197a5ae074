/**
 * 13. The federation package from another language: a Pulumi YAML program (e2e/programs/multilang)
 * that adds the package with `pulumi package add` of plugin/, and `pulumi up` through the Pulumi
 * YAML language host against the member clusters. The engine runs the package's provider through
 * the Node.js language host's RunPlugin (PulumiPlugin.yaml), loads the schema it infers, and
 * constructs each component: the same per-cluster objects the TypeScript API would make.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { Stack } from "../harness/pulumi";
import { CLUSTERS, clusterObjects, parsePreview } from "./expectations";
import { repoRoot, runDir, suite } from "./context";

const NAMESPACE = "e2e-multilang";

describe("13. the federation package from Pulumi YAML (pulumi package add, pulumi up)", function () {
    this.timeout(900_000);

    it("pulumi package add writes the package entry, and pulumi up places every object as the program says; the kubeconfig stays secret", async () => {
        const { cli, fleet } = suite();
        const project = path.join(runDir, "multilang");
        fs.rmSync(project, { recursive: true, force: true });
        fs.mkdirSync(project, { recursive: true });
        fs.copyFileSync(path.join(repoRoot, "e2e", "programs", "multilang", "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
        const plugin = path.join(repoRoot, "plugin");
        await cli.run(["package", "add", plugin], { cwd: project });
        assert.deepStrictEqual(parse(fs.readFileSync(path.join(project, "Pulumi.yaml"), "utf8")).packages, { federation: plugin }, "the package entry");

        const stack = new Stack(cli, project, "e2e-multilang");
        await stack.init();
        await stack.setConfig("kubeconfig", fleet.kubeconfig(), true);
        await stack.up();

        const objects = await clusterObjects([NAMESPACE]);
        const keys = (cluster: string) => [...objects[cluster].keys()].sort();
        assert.deepStrictEqual(keys("cluster1"), [`ConfigMap ${NAMESPACE}/settings`, `Deployment ${NAMESPACE}/web`, `Namespace ${NAMESPACE}`]);
        assert.deepStrictEqual(keys("cluster2"), keys("cluster1"));
        assert.deepStrictEqual(keys("cluster3"), [], "the namespace is only on the prod clusters, and the Deployment only where it is");
        const replicas = (cluster: string) => (objects[cluster].get(`Deployment ${NAMESPACE}/web`)?.spec as { replicas: number }).replicas;
        assert.deepStrictEqual(["cluster1", "cluster2"].map(replicas), [2, 3], "cluster2's override");
        const mode = (cluster: string) => (objects[cluster].get(`ConfigMap ${NAMESPACE}/settings`)?.data as { mode: string }).mode;
        assert.deepStrictEqual(["cluster1", "cluster2"].map(mode), ["federated", "overridden"], "KubeFed YAML through FederatedManifests");

        const outputs = await stack.outputs();
        assert.deepStrictEqual(outputs.webClusters, ["cluster1", "cluster2"]);
        assert.deepStrictEqual(outputs.namespaceClusters, ["cluster1", "cluster2"]);
        const state = await stack.exportState();
        const token = /token: (\S+)/.exec(fleet.kubeconfig())?.[1];
        assert.ok(token && !state.includes(token), "no member credential in the state in plain text");

        const steps = (parsePreview((await stack.preview(["--json"])).stdout).steps ?? []).filter((step) => step.op !== "same");
        assert.deepStrictEqual(steps.map((step) => `${step.op} ${step.urn}`), [], "a second preview shows no changes");

        await stack.destroy();
        const after = await clusterObjects([NAMESPACE]);
        for (const cluster of CLUSTERS) assert.deepStrictEqual([...after[cluster].keys()], [], `nothing left in ${cluster}`);
        await stack.remove();
    });
});

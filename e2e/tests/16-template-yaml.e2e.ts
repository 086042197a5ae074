/**
 * 16. The Pulumi YAML project template (templates/federation-yaml) as its README gives it, with
 * the real CLI: `pulumi new --generate-only`, `pulumi package add` of plugin/, `pulumi stack
 * init`; `pulumi up` renders both members (no context: the Federation's `renderDirectory`), then,
 * with each member's context set, deploys them through the federation package and waits for the
 * Deployments' rollouts (the fleet's deployment and replicaset controllers, the test playing the
 * kubelet). A plain `pulumi new` is also run, to check what the README says of it.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { getObject } from "../fleet/kube";
import { upWithKubelet } from "../harness/kubelet";
import { Stack } from "../harness/pulumi";
import { endpoint, repoRoot, runDir, suite } from "./context";
import { CLUSTERS, clusterObjects, destroyLeavingNothing, parsePreview } from "./expectations";

const STACK = "e2e-template-yaml";
const NAMESPACE = "demo";
const template = path.join(repoRoot, "templates", "federation-yaml");

describe("16. the Pulumi YAML template: generated, package added, rendered, then deployed", function () {
    this.timeout(900_000);
    let project: string;
    let stack: Stack;
    let stopControllers: (() => Promise<void>) | undefined;
    const members = () => [endpoint("cluster1"), endpoint("cluster2")];

    before(async () => {
        const { cli, fleet } = suite();
        // 15 used the same namespace: its deletion must be over.
        for (const cluster of CLUSTERS) {
            for (let i = 0; (await getObject(endpoint(cluster), "v1", "namespaces", NAMESPACE)) !== undefined; i++) {
                assert.ok(i < 120, `namespace ${NAMESPACE} in ${cluster} is still terminating`);
                await new Promise((resolve) => setTimeout(resolve, 500));
            }
        }
        stopControllers = await fleet.startWorkloadControllers(["cluster1", "cluster2"]);
        project = path.join(runDir, "template-yaml");
        fs.rmSync(project, { recursive: true, force: true });
        await cli.run(["new", template, "--generate-only", "--yes", "--force", "--dir", project, "--name", "fedyaml", "--description", "the e2e suite's YAML federation"], { cwd: runDir });
        await cli.run(["package", "add", path.join(repoRoot, "plugin")], { cwd: project });
        stack = new Stack(cli, project, STACK, undefined, { env: { KUBECONFIG: fleet.kubeconfigPath } });
        await stack.init();
    });

    after(() => destroyLeavingNothing(stack, NAMESPACE, stopControllers));

    it("a plain pulumi new stops where the README says, looking the unpublished package up", async () => {
        const plain = path.join(runDir, "template-yaml-plain");
        fs.rmSync(plain, { recursive: true, force: true });
        const result = await suite().cli.run(["new", template, "--yes", "--force", "--dir", plain, "--name", "fedyamlplain", "--stack", "plain"], { cwd: runDir, allowFailure: true });
        assert.notStrictEqual(result.code, 0);
        assert.match(result.stdout + result.stderr, /could not find latest version for provider federation/);
        assert.match(fs.readFileSync(path.join(template, "README.md"), "utf8"), /could not find latest version for provider federation/);
        await suite().cli.run(["stack", "rm", "--yes", "--force", "--stack", "plain"], { cwd: plain, allowFailure: true });
    });

    it("pulumi up with no context renders both members to rendered/<stack>/<member>/", async () => {
        const projectFile = parse(fs.readFileSync(path.join(project, "Pulumi.yaml"), "utf8")) as { packages?: Record<string, string>; template?: unknown };
        assert.deepStrictEqual(projectFile.packages, { federation: path.join(repoRoot, "plugin") }, "pulumi package add wrote the entry");
        assert.strictEqual(projectFile.template, undefined);
        await stack.up();
        for (const [cluster, replicas] of [["cluster1", 3], ["cluster2", 1]] as const) {
            const manifest = path.join(project, "rendered", STACK, cluster, "1-manifest", "apps_v1-deployment-demo-demo-web.yaml");
            assert.strictEqual((parse(fs.readFileSync(manifest, "utf8")) as { spec: { replicas: number } }).spec.replicas, replicas, manifest);
        }
        const live = await clusterObjects([NAMESPACE]);
        for (const cluster of CLUSTERS) assert.deepStrictEqual([...live[cluster].keys()], [], `nothing applied to ${cluster}`);
    });

    it("with each member's context set, pulumi up deploys both through the federation package", async () => {
        await stack.setConfig("cluster1Context", "cluster1");
        await stack.setConfig("cluster2Context", "cluster2");
        const started = await upWithKubelet(stack, members(), NAMESPACE);
        assert.ok(started.length >= 4, `pods marked ready: ${started.join(", ")}`);
        for (const cluster of ["cluster1", "cluster2"]) {
            assert.deepStrictEqual(fs.readdirSync(path.join(project, "rendered", STACK, cluster, "1-manifest")), [], `${cluster}'s rendered manifests were deleted`);
        }
        const objects = await clusterObjects([NAMESPACE]);
        const keys = (cluster: string) => [...objects[cluster].keys()].sort();
        assert.deepStrictEqual(keys("cluster1"), [`ConfigMap ${NAMESPACE}/demo-settings`, `Deployment ${NAMESPACE}/demo-web`, `Namespace ${NAMESPACE}`]);
        assert.deepStrictEqual(keys("cluster2"), keys("cluster1"));
        assert.deepStrictEqual(keys("cluster3"), []);
        const replicas = (cluster: string) => (objects[cluster].get(`Deployment ${NAMESPACE}/demo-web`)?.spec as { replicas: number }).replicas;
        assert.deepStrictEqual(["cluster1", "cluster2"].map(replicas), [3, 1]);
        const greeting = (cluster: string) => (objects[cluster].get(`ConfigMap ${NAMESPACE}/demo-settings`)?.data as { greeting: string }).greeting;
        assert.deepStrictEqual(["cluster1", "cluster2"].map(greeting), ["hello", "howdy"]);
        const outputs = await stack.outputs();
        assert.deepStrictEqual(outputs.members, ["cluster1", "cluster2"]);
        const steps = (parsePreview((await stack.preview(["--json"])).stdout).steps ?? []).filter((step) => step.op !== "same");
        assert.deepStrictEqual(steps.map((step) => `${step.op} ${step.urn}`), [], "a second preview shows no changes");
    });
});

/**
 * 15. A new user's first hour, with the real CLI: `pulumi new` of the project template
 * (templates/federation-typescript), this package installed from a tarball of the checkout, the
 * program rendered offline by `pulumi-federation synth`, rendered again by `pulumi up` while
 * `KUBECONFIG` is set, then deployed to two members once their contexts are set. Pulumi
 * type-checks here (the suite's PULUMI_NODEJS_TRANSPILE_ONLY is left out), first on the
 * template's TypeScript 5, then on TypeScript 6 with the template's tsconfig, none, and Pulumi's
 * classic one. No kubelet runs, and the template's Deployment waits for its rollout: the fleet
 * runs the deployment and replicaset controllers for this test and the test plays the kubelet
 * (harness/kubelet.ts).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { upWithKubelet as upRollingOut } from "../harness/kubelet";
import { command, commandOk } from "../harness/commands";
import { Stack } from "../harness/pulumi";
import { TYPE_CHECKED, endpoint, repoRoot, runDir, suite, typeCheckedEnv } from "./context";
import { CLUSTERS, clusterObjects, destroyLeavingNothing, parsePreview } from "./expectations";

const STACK = "e2e-template";
const NAMESPACE = "demo";
const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };

describe("15. a project from the template: pulumi new, synth offline, pulumi up rendered and deployed, on TypeScript 5 and 6", function () {
    this.timeout(900_000);
    let project: string;
    let stack: Stack;
    const file = (...parts: string[]) => path.join(project, ...parts);
    const synth = (env: NodeJS.ProcessEnv = {}) => command(file("node_modules", ".bin", "pulumi-federation"), ["synth", "--stack", STACK], project, typeCheckedEnv(env));
    const typeScriptVersion = () => (JSON.parse(fs.readFileSync(file("node_modules", "typescript", "package.json"), "utf8")) as { version: string }).version;

    /** The preview's changes, as `op name`. */
    async function changes(options: { env?: NodeJS.ProcessEnv; unset?: string[] } = {}): Promise<string[]> {
        const digest = parsePreview((await stack.preview(["--json"], options)).stdout);
        return (digest.steps ?? []).filter((step) => step.op !== "same").map((step) => `${step.op} ${step.urn.split("::").pop()}`);
    }

    /** `pulumi up` with the test playing the members' kubelet, so that the Deployments roll out. */
    const upWithKubelet = () => upRollingOut(stack, [endpoint("cluster1"), endpoint("cluster2")], NAMESPACE);

    /** Pulumi type-checks the program: a type error stops the preview, with tsc's message. */
    async function assertTypeChecked(): Promise<void> {
        const program = fs.readFileSync(file("index.ts"), "utf8");
        fs.writeFileSync(file("index.ts"), `${program}\nconst replicasTypo: number = "three";\n`);
        try {
            const failed = await stack.preview([], { allowFailure: true });
            assert.notStrictEqual(failed.code, 0, "a type error stops the preview");
            assert.match(failed.stdout, /index\.ts\(\d+,7\): error TS2322: Type 'string' is not assignable to type 'number'/);
        } finally {
            fs.writeFileSync(file("index.ts"), program);
        }
    }

    let stopControllers: (() => Promise<void>) | undefined;

    before(async () => {
        const { cli, fleet } = suite();
        // The members' deployment and replicaset controllers make the pods the test then marks ready.
        stopControllers = await fleet.startWorkloadControllers(["cluster1", "cluster2"]);
        project = path.join(runDir, "template");
        fs.rmSync(project, { recursive: true, force: true });
        // pulumi new lays the template down, answers its prompts with their defaults (no context:
        // render), creates the stack and runs npm install (the registry's packages).
        await cli.run(["new", path.join(repoRoot, "templates", "federation-typescript"), "--yes", "--force", "--dir", project, "--name", "fedproj", "--stack", STACK, "--description", "the e2e suite's federation"], { cwd: runDir, timeoutMs: 600_000, unset: TYPE_CHECKED });
        stack = new Stack(cli, project, STACK, undefined, { unset: TYPE_CHECKED, env: { KUBECONFIG: fleet.kubeconfigPath } });
        // The package as a user without the registry installs it: a tarball of this checkout
        // (npm pack runs prepare, which compiles it).
        const packed = await commandOk("npm", ["pack", "--json", "--pack-destination", runDir], repoRoot, typeCheckedEnv());
        const tarball = /"filename":\s*"([^"]+)"/.exec(packed.stdout)?.[1];
        assert.ok(tarball, packed.stdout);
        await commandOk("npm", ["install", "--no-audit", "--no-fund", path.join(runDir, tarball)], project, typeCheckedEnv());
    });

    after(() => destroyLeavingNothing(stack, NAMESPACE, stopControllers));

    it("pulumi new made a TypeScript 5 project with the stack, and synth renders it offline", async () => {
        const projectFile = parse(fs.readFileSync(file("Pulumi.yaml"), "utf8")) as Record<string, unknown>;
        assert.strictEqual(projectFile.name, "fedproj");
        assert.strictEqual(projectFile.template, undefined, "pulumi new drops the template section");
        assert.ok(fs.existsSync(file(`Pulumi.${STACK}.yaml`)));
        assert.match(typeScriptVersion(), /^5\./);

        const rendered = await synth();
        assert.strictEqual(rendered.code, 0, rendered.stderr);
        assert.match(rendered.stdout, new RegExp(`synth: stack ${STACK}, 2 members, 6 objects written to rendered/${STACK}/ \\(cluster1: 3, cluster2: 3\\)`));
        const replicas = (cluster: string) => (parse(fs.readFileSync(file("rendered", STACK, cluster, "demo-deployment-demo-web.yaml"), "utf8")) as { spec: { replicas: number } }).spec.replicas;
        assert.deepStrictEqual([replicas("cluster1"), replicas("cluster2")], [3, 1]);
    });

    it("pulumi up with no context renders both members through the provider, with KUBECONFIG set", async () => {
        await assertTypeChecked();
        await stack.up();
        for (const [cluster, replicas] of [["cluster1", 3], ["cluster2", 1]] as const) {
            const manifest = file("rendered", STACK, cluster, "1-manifest", "apps_v1-deployment-demo-demo-web.yaml");
            assert.strictEqual((parse(fs.readFileSync(manifest, "utf8")) as { spec: { replicas: number } }).spec.replicas, replicas, manifest);
        }
        const live = await clusterObjects([NAMESPACE]);
        for (const cluster of CLUSTERS) assert.deepStrictEqual([...live[cluster].keys()], [], `nothing applied to ${cluster}`);
    });

    it("with each member's context set, pulumi up deploys to both and waits for the rollouts", async () => {
        await stack.setConfig("cluster1Context", "cluster1");
        await stack.setConfig("cluster2Context", "cluster2");
        const started = await upWithKubelet();
        assert.ok(started.length >= 4, `the kubelet the test plays started the pods: ${started.join(", ")}`);
        // From rendering to the cluster: the objects were replaced, so the rendered manifests are gone.
        for (const cluster of ["cluster1", "cluster2"]) {
            assert.deepStrictEqual(fs.readdirSync(file("rendered", STACK, cluster, "1-manifest")), [], `${cluster}'s rendered manifests were deleted`);
        }

        const objects = await clusterObjects([NAMESPACE]);
        const keys = (cluster: string) => [...objects[cluster].keys()].sort();
        assert.deepStrictEqual(keys("cluster1"), [`ConfigMap ${NAMESPACE}/demo-settings`, `Deployment ${NAMESPACE}/demo-web`, `Namespace ${NAMESPACE}`]);
        assert.deepStrictEqual(keys("cluster2"), keys("cluster1"));
        assert.deepStrictEqual(keys("cluster3"), [], "cluster3 is not a member");
        const deployment = (cluster: string) => objects[cluster].get(`Deployment ${NAMESPACE}/demo-web`) as unknown as { spec: { replicas: number }; status?: { availableReplicas?: number } };
        assert.deepStrictEqual(["cluster1", "cluster2"].map((c) => deployment(c).spec.replicas), [3, 1], "cluster2's override");
        assert.deepStrictEqual(["cluster1", "cluster2"].map((c) => deployment(c).status?.availableReplicas), [3, 1], "rolled out");
        const greeting = (cluster: string) => (objects[cluster].get(`ConfigMap ${NAMESPACE}/demo-settings`)?.data as { greeting: string }).greeting;
        assert.deepStrictEqual(["cluster1", "cluster2"].map(greeting), ["hello", "howdy"], "the us-east patch");
        assert.deepStrictEqual(await changes(), [], "a second preview shows no changes");
    });

    it("on TypeScript 6, Pulumi type-checks the same project and deploys a change; synth renders it", async () => {
        await commandOk("npm", ["install", "--no-audit", "--no-fund", "--save-dev", `typescript@${lock.packages["node_modules/typescript6"].version}`], project, typeCheckedEnv());
        assert.match(typeScriptVersion(), /^6\./);
        await assertTypeChecked();
        assert.deepStrictEqual(await changes(), [], "the same objects on TypeScript 6");
        const rendered = await synth();
        assert.strictEqual(rendered.code, 0, rendered.stderr);

        fs.writeFileSync(file("index.ts"), fs.readFileSync(file("index.ts"), "utf8").replace("replicas: 3,", "replicas: 2,"));
        await upWithKubelet();
        const objects = await clusterObjects([NAMESPACE]);
        const replicas = (cluster: string) => (objects[cluster].get(`Deployment ${NAMESPACE}/demo-web`)?.spec as { replicas: number }).replicas;
        assert.deepStrictEqual([replicas("cluster1"), replicas("cluster2")], [2, 1], "the template's replicas changed; cluster2's override kept");
    });

    it("on TypeScript 6 with no tsconfig, and with Pulumi's classic one: what Pulumi runs, synth runs; what stops Pulumi stops synth, with advice", async () => {
        const template = fs.readFileSync(file("tsconfig.json"), "utf8");
        try {
            fs.rmSync(file("tsconfig.json"));
            assert.deepStrictEqual(await changes(), [], "no tsconfig: Pulumi's nodenext defaults");
            assert.strictEqual((await synth()).code, 0, "synth with no tsconfig");

            fs.writeFileSync(file("tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true }, files: ["index.ts"] }, null, 4));
            assert.deepStrictEqual(await changes(), [], "the classic tsconfig, type-checked: TS5107 is an option diagnostic ts-node's checker does not report");
            assert.strictEqual((await synth()).code, 0, "synth with the classic tsconfig");

            const transpileOnly = { PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
            const stopped = await stack.preview([], { env: transpileOnly, allowFailure: true });
            assert.notStrictEqual(stopped.code, 0);
            assert.match(stopped.stdout, /error TS5107: Option 'moduleResolution=node10' is deprecated/);
            const refused = await synth(transpileOnly);
            assert.strictEqual(refused.code, 1, refused.stdout);
            assert.match(refused.stderr, /error TS5107: Option 'moduleResolution=node10' is deprecated/);
            assert.match(refused.stderr, /hint: .*"module": "nodenext" and "moduleResolution": "nodenext"/);
        } finally {
            fs.writeFileSync(file("tsconfig.json"), template);
        }
    });
});

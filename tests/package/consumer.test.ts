/**
 * The package as a consumer gets it: `npm pack`, then the tarball installed into a scratch Pulumi
 * project of its own (no compiler at install time), a typed program compiled there with strict
 * `tsc`, and the installed `pulumi-federation synth` run on it.
 *
 * The versions the consumer installs are the ones this repository's lockfile pins, so that npm
 * can take them from the cache `npm ci` filled (it still asks the registry when they are not).
 */
import { strict as assert } from "assert";
import { SpawnSyncReturns, spawnSync } from "child_process";
import { npm } from "./npm";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.join(__dirname, "..", "..");
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
const pinned = (name: string) => lock.packages[`node_modules/${name}`].version;

function ok(run: SpawnSyncReturns<string>, what: string): string {
    assert.equal(run.error, undefined, `${what}: ${run.error}`);
    assert.equal(run.status, 0, `${what} failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    return run.stdout;
}

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { Federation, FederatedDeployment, FederatedNamespace } from "pulumi-federation";

const config = new pulumi.Config();
const federation = new Federation("fleet", {
    clusters: [
        { name: "eu", context: "kind-eu", labels: { region: "eu" } },
        { name: "us", context: "kind-us", labels: { region: "us" } },
    ],
});
const namespace = new FederatedNamespace("shop", { federation, placement: { clusterSelector: {} } });
const web = new FederatedDeployment("web", {
    federation,
    namespace,
    template: {
        spec: {
            replicas: config.requireNumber("replicas"),
            selector: { matchLabels: { app: "web" } },
            template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
        },
    },
    placement: { clusterSelector: { matchLabels: { region: "eu" } } },
});
export const webClusters: pulumi.Output<string[]> = web.placedClusters;
`;

describe("the packed package, installed in a consumer project", function () {
    this.timeout(300_000);
    let work: string;
    let consumer: string;
    let packed: { filename: string; files: { path: string }[] };

    before(() => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-federation-consumer-"));
        // `npm pack` runs `prepare`, which compiles dist/ from the sources.
        packed = JSON.parse(ok(npm(["pack", "--json", "--pack-destination", work], root), "npm pack"))[0];
        consumer = path.join(work, "consumer");
        fs.mkdirSync(consumer);
        fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({
            name: "consumer",
            private: true,
            dependencies: { "pulumi-federation": `file:${path.join(work, packed.filename)}` },
        }, null, 2));
        // The peers (@pulumi/pulumi, @pulumi/kubernetes) come with it: npm installs peer dependencies.
        ok(npm(["install", "--prefer-offline", "--no-audit", "--no-fund"], consumer), "npm install <tarball>");
    });
    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("ships the compiled library and the command, not the tests", () => {
        const files = packed.files.map((file) => file.path);
        for (const expected of ["dist/components/index.js", "dist/components/index.d.ts", "dist/components/cli/index.js", "bin/pulumi-federation.js", "package.json", "README.md"]) {
            assert.ok(files.includes(expected), `${expected} is not in the tarball`);
        }
        assert.deepEqual(files.filter((file) => /^(dist\/)?(tests|e2e|bench|examples)\//.test(file)), []);
    });

    it("installs with no compiler, and one copy of the Pulumi SDK: the peer", () => {
        const modules = path.join(consumer, "node_modules");
        assert.ok(!fs.existsSync(path.join(modules, "typescript")), "typescript was installed");
        const sdkCopies = spawnSync("find", [modules, "-path", "*/@pulumi/pulumi/package.json"], { encoding: "utf8" }).stdout.trim().split("\n");
        assert.deepEqual(sdkCopies, [path.join(modules, "@pulumi", "pulumi", "package.json")]);
        const loaded = spawnSync(process.execPath, ["-e", 'const f = require("pulumi-federation"); console.log(typeof f.Federation, typeof f.FederatedDeployment)'], { cwd: consumer, encoding: "utf8" });
        assert.equal(ok(loaded, "require(\"pulumi-federation\")").trim(), "function function");
    });

    it("compiles a typed program with strict tsc, and the installed synth renders it", () => {
        ok(npm(["install", "--prefer-offline", "--no-audit", "--no-fund", "--save-dev",
            `typescript@${pinned("typescript")}`, `ts-node@${pinned("ts-node")}`, `@types/node@${pinned("@types/node")}`], consumer), "npm install typescript ts-node");
        fs.writeFileSync(path.join(consumer, "Pulumi.yaml"), "name: consumer\nruntime: nodejs\nmain: index.ts\n");
        fs.writeFileSync(path.join(consumer, "Pulumi.dev.yaml"), "config:\n  consumer:replicas: 3\n");
        fs.writeFileSync(path.join(consumer, "tsconfig.json"), JSON.stringify({
            compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", noEmit: true, types: ["node"] },
            files: ["index.ts"],
        }, null, 2));
        fs.writeFileSync(path.join(consumer, "index.ts"), PROGRAM);
        ok(spawnSync(process.execPath, [path.join(consumer, "node_modules", "typescript", "bin", "tsc"), "-p", "."], { cwd: consumer, encoding: "utf8" }), "tsc (strict)");

        // The consumer has ts-node: the installed command must still run the package's compiled code.
        const synth = spawnSync(path.join(consumer, "node_modules", ".bin", "pulumi-federation"), ["synth"], { cwd: consumer, encoding: "utf8" });
        const stdout = ok(synth, "pulumi-federation synth");
        assert.doesNotMatch(synth.stderr, /SyntaxError|TSError/);
        assert.match(stdout, /synth: stack dev, 2 members, 3 objects written to rendered\/dev\/ \(eu: 2, us: 1\)/);
        assert.match(stdout, /\n  webClusters: \["eu"\]\n/);
        const deployment = fs.readFileSync(path.join(consumer, "rendered", "dev", "eu", "shop-deployment-web.yaml"), "utf8");
        assert.match(deployment, /replicas: 3/);

        // The installed synth type-checks the consumer's program with the consumer's TypeScript.
        fs.writeFileSync(path.join(consumer, "index.ts"), PROGRAM.replace("config.requireNumber(\"replicas\")", "config.require(\"replicas\")"));
        const typeError = spawnSync(path.join(consumer, "node_modules", ".bin", "pulumi-federation"), ["synth", "--diff"], { cwd: consumer, encoding: "utf8" });
        assert.equal(typeError.status, 1, typeError.stdout);
        assert.match(typeError.stderr, /index\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'Input<number \| undefined>'/);

        // A mistake in the consumer's program names the consumer's line, not one inside node_modules.
        const wrong = PROGRAM.replace('placement: { clusterSelector: { matchLabels: { region: "eu" } } },', 'placement: { clusterSelector: { matchLabels: { region: "eu" } } },\n    overrides: [{ clusterName: "mars", clusterOverrides: [] }],');
        fs.writeFileSync(path.join(consumer, "index.ts"), wrong);
        const line = wrong.split("\n").findIndex((text) => text.includes("new FederatedDeployment(")) + 1;
        const failed = spawnSync(path.join(consumer, "node_modules", ".bin", "pulumi-federation"), ["synth", "--diff"], { cwd: consumer, encoding: "utf8" });
        assert.equal(failed.status, 1, failed.stderr);
        assert.match(failed.stderr, /FederatedDeployment "web", cluster "mars", field overrides\[0\]\.clusterName: .*\n\s+at new FederatedDeployment \(index\.ts:(\d+):\d+\)/);
        assert.equal(Number(/\(index\.ts:(\d+):/.exec(failed.stderr)![1]), line);
    });
    it("on TypeScript 6: compiles with the template's tsconfig, and synth runs it as Pulumi would with each tsconfig", () => {
        ok(npm(["install", "--prefer-offline", "--no-audit", "--no-fund", "--save-dev", `typescript@${pinned("typescript6")}`], consumer), "npm install typescript@6");
        const compiler = path.join(consumer, "node_modules", "typescript", "bin", "tsc");
        assert.match(ok(spawnSync(process.execPath, [compiler, "--version"], { encoding: "utf8" }), "tsc --version"), /^Version 6\./);
        fs.writeFileSync(path.join(consumer, "index.ts"), PROGRAM);
        const template = JSON.parse(fs.readFileSync(path.join(root, "templates", "federation-typescript", "tsconfig.json"), "utf8")) as { compilerOptions: object };
        fs.writeFileSync(path.join(consumer, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...template.compilerOptions, noEmit: true }, files: ["index.ts"] }));
        ok(spawnSync(process.execPath, [compiler, "-p", "."], { cwd: consumer, encoding: "utf8" }), "tsc 6 with the template's tsconfig");

        const synth = (env: NodeJS.ProcessEnv = {}) => spawnSync(path.join(consumer, "node_modules", ".bin", "pulumi-federation"), ["synth", "--diff"], { cwd: consumer, encoding: "utf8", env: { ...process.env, ...env } });
        assert.equal(synth().status, 0, "the template's tsconfig");
        // Without a tsconfig, Pulumi gives ts-node module/moduleResolution nodenext (TypeScript 6 refuses node10 beside them).
        fs.rmSync(path.join(consumer, "tsconfig.json"));
        const bare = synth();
        assert.equal(bare.status, 0, `no tsconfig:\n${bare.stdout}\n${bare.stderr}`);
        // Pulumi's classic tsconfig: its type-checking run does not report the deprecated option;
        // transpiling alone (PULUMI_NODEJS_TRANSPILE_ONLY=true) stops on it, with advice.
        fs.writeFileSync(path.join(consumer, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "es2020", module: "commonjs", moduleResolution: "node" }, files: ["index.ts"] }));
        const classic = synth();
        assert.equal(classic.status, 0, `classic tsconfig:\n${classic.stdout}\n${classic.stderr}`);
        const transpiled = synth({ PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
        assert.equal(transpiled.status, 1, transpiled.stdout);
        assert.match(transpiled.stderr, /error TS5107: Option 'moduleResolution=node10' is deprecated/);
        assert.match(transpiled.stderr, /hint: .*"module": "nodenext" and "moduleResolution": "nodenext"/);
        fs.rmSync(path.join(consumer, "tsconfig.json"));
    });
});

/**
 * The `pulumi-federation` command as a consumer gets it: an installed copy (under node_modules)
 * runs its compiled CLI, even when the consumer's project has ts-node, and says what is missing
 * when there is no build; the repository's own checkout runs its sources.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const repoBin = path.join(__dirname, "..", "..", "bin", "pulumi-federation.js");

function consumerProject(withBuild: boolean): { bin: string; cleanup: () => void } {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "consumer-"));
    const installed = path.join(project, "node_modules", "pulumi-federation");
    fs.mkdirSync(path.join(installed, "bin"), { recursive: true });
    fs.copyFileSync(repoBin, path.join(installed, "bin", "pulumi-federation.js"));
    // The shipped sources, which a consumer's ts-node would refuse to compile under node_modules.
    fs.mkdirSync(path.join(installed, "components", "cli"), { recursive: true });
    fs.writeFileSync(path.join(installed, "components", "cli", "index.ts"), "export const broken: = ;\n");
    if (withBuild) {
        fs.mkdirSync(path.join(installed, "dist", "components", "cli"), { recursive: true });
        fs.writeFileSync(path.join(installed, "dist", "components", "cli", "index.js"), 'exports.main = async (argv) => { console.log("compiled cli " + argv.join(" ")); return 0; };\n');
    }
    // The consumer's own ts-node: the command must never load the package's sources through it.
    fs.mkdirSync(path.join(project, "node_modules", "ts-node"), { recursive: true });
    fs.writeFileSync(path.join(project, "node_modules", "ts-node", "package.json"), '{ "name": "ts-node", "main": "index.js" }\n');
    fs.writeFileSync(path.join(project, "node_modules", "ts-node", "index.js"), 'exports.register = () => { throw new Error("the consumer\'s ts-node was used"); };\n');
    return { bin: path.join(installed, "bin", "pulumi-federation.js"), cleanup: () => fs.rmSync(project, { recursive: true, force: true }) };
}

describe("the pulumi-federation command", () => {
    it("installed in a project that has ts-node: runs the compiled CLI", () => {
        const { bin, cleanup } = consumerProject(true);
        try {
            const run = spawnSync(process.execPath, [bin, "synth", "--diff"], { encoding: "utf8", cwd: path.dirname(path.dirname(path.dirname(bin))) });
            assert.equal(run.status, 0, run.stderr);
            assert.equal(run.stdout.trim(), "compiled cli synth --diff");
        } finally {
            cleanup();
        }
    });

    it("installed without a build: says so, and does not try the sources", () => {
        const { bin, cleanup } = consumerProject(false);
        try {
            const run = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
            assert.equal(run.status, 1);
            assert.match(run.stderr, /dist[/\\]components[/\\]cli[/\\]index\.js is missing; build the package first \(npm run build\)/);
            assert.doesNotMatch(run.stderr, /ts-node was used|SyntaxError/);
        } finally {
            cleanup();
        }
    });

    it("in the repository's checkout: runs the sources", () => {
        const run = spawnSync(process.execPath, [repoBin, "--help"], { encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /^usage: pulumi-federation <command>/);
        assert.match(run.stdout, /^  synth  /m);
    });

    it("runs with a 64 MB V8 semi-space unless one is chosen, and passes on the exit code", () => {
        const { bin, cleanup } = consumerProject(true);
        try {
            const cli = path.join(path.dirname(path.dirname(bin)), "dist", "components", "cli", "index.js");
            fs.writeFileSync(cli, 'exports.main = async () => { console.log(JSON.stringify(process.execArgv)); return 3; };\n');
            const plain = spawnSync(process.execPath, [bin], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
            assert.equal(plain.status, 3, plain.stderr);
            assert.deepEqual(JSON.parse(plain.stdout), ["--max-semi-space-size=64"]);
            // Chosen in NODE_OPTIONS (or on the command line): that size, and no second process.
            const chosen = spawnSync(process.execPath, [bin], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "--max-semi-space-size=16" } });
            assert.equal(chosen.status, 3, chosen.stderr);
            assert.deepEqual(JSON.parse(chosen.stdout), []);
            const flagged = spawnSync(process.execPath, ["--max-semi-space-size=32", bin], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
            assert.deepEqual(JSON.parse(flagged.stdout), ["--max-semi-space-size=32"]);
        } finally {
            cleanup();
        }
    });
});

/**
 * A stack without its `Pulumi.<stack>.yaml` runs with empty config, as `pulumi up` runs it (the
 * file only appears with the first `pulumi config set`), and synth says so in one line. A config
 * file given with --config-file must exist.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { synthesize } from "../../components/synth/synth";
import { main } from "../../components/cli";
import { scratchProject } from "./scratchProject";

const root = path.join(__dirname, "..", "..");

describe("synth: a stack with no config file", function () {
    this.timeout(0); // CPU-bound synth runs: no wall-clock limit on a shared machine
    let project: string;
    beforeEach(() => {
        project = scratchProject("noconfig", "index.js");
        fs.rmSync(path.join(project, "Pulumi.dev.yaml"));
        // Config with defaults, as the examples read theirs: what the stack file would set.
        fs.writeFileSync(path.join(project, "index.js"), `const pulumi = require("@pulumi/pulumi");
const { Federation, FederatedConfigMap } = require(${JSON.stringify(path.join(root, "components"))});
const config = new pulumi.Config();
const mode = config.get("mode") ?? "default";
const federation = new Federation("fleet", { clusters: [{ name: "a", context: "ctx-a" }, { name: "b", context: "ctx-b" }] });
new FederatedConfigMap("settings", { federation, namespace: "default", template: { data: { mode } }, placement: { clusterSelector: {} } });
exports.mode = mode;
`);
    });
    afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

    it("renders the program with empty config and says so, before the program runs", async () => {
        const notes: string[] = [];
        const result = await synthesize({ directory: project, onProgress: (line) => notes.push(line) });
        assert.equal(result.exitCode, 0, result.lines.join("\n"));
        assert.deepEqual(notes, [`synth: no Pulumi.dev.yaml in ${path.relative(process.cwd(), project)}; running stack dev with empty config, as pulumi does`]);
        assert.match(result.lines.join("\n"), /mode: "default"/);
        assert.match(result.lines.join("\n"), /synth: stack dev, 2 members, 2 objects written/);
        assert.ok(fs.existsSync(path.join(project, "rendered", "dev", "a", "default-configmap-settings.yaml")));
    });

    it("names the stack files the folder has, for a misspelt --stack", async () => {
        fs.writeFileSync(path.join(project, "Pulumi.prod.yaml"), "config:\n  noconfig:mode: prod\n");
        fs.writeFileSync(path.join(project, "Pulumi.staging.yaml"), "config: {}\n");
        const notes: string[] = [];
        const result = await synthesize({ directory: project, stack: "prd", out: "out", onProgress: (line) => notes.push(line) });
        assert.equal(result.exitCode, 0, result.lines.join("\n"));
        assert.match(result.lines.join("\n"), /mode: "default"/);
        assert.deepEqual(notes, [
            `synth: no Pulumi.prd.yaml in ${path.relative(process.cwd(), project)}; running stack prd with empty config, as pulumi does (the stack files there: Pulumi.prod.yaml, Pulumi.staging.yaml; --stack NAME runs Pulumi.NAME.yaml)`,
        ]);
    });

    it("the command prints the line on stderr and the report on stdout", async () => {
        const [printed, errors] = [[] as string[], [] as string[]];
        const [log, error] = [console.log, console.error];
        console.log = (...args: unknown[]) => { printed.push(args.join(" ")); };
        console.error = (...args: unknown[]) => { errors.push(args.join(" ")); };
        let code: number;
        try {
            code = await main(["synth", "--dir", project]);
        } finally {
            [console.log, console.error] = [log, error];
        }
        assert.equal(code, 0, errors.join("\n"));
        assert.deepEqual(errors, [`synth: no Pulumi.dev.yaml in ${path.relative(process.cwd(), project)}; running stack dev with empty config, as pulumi does`]);
        assert.doesNotMatch(printed.join("\n"), /empty config/);
        assert.match(printed.join("\n"), /synth: stack dev, 2 members, 2 objects written/);
    });

    it("still refuses a --config-file that does not exist, and runs none of the program", async () => {
        const notes: string[] = [];
        await assert.rejects(
            synthesize({ directory: project, configFile: path.join(project, "Pulumi.gone.yaml"), onProgress: (line) => notes.push(line) }),
            /Pulumi.gone.yaml: no such stack config file \(given with --config-file\)$/,
        );
        assert.deepEqual(notes, []);
        assert.ok(!fs.existsSync(path.join(project, "rendered")));
    });

    it("a stack file that is there is read as before", async () => {
        fs.writeFileSync(path.join(project, "Pulumi.dev.yaml"), "config:\n  noconfig:mode: from-file\n");
        const notes: string[] = [];
        const result = await synthesize({ directory: project, onProgress: (line) => notes.push(line) });
        assert.equal(result.exitCode, 0, result.lines.join("\n"));
        assert.deepEqual(notes, []);
        assert.match(result.lines.join("\n"), /mode: "from-file"/);
    });
});

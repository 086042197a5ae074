/**
 * Progress on stderr for a program that registers thousands of objects: registrations per
 * thousand, then members written; nothing for a small program.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Registration } from "../../components/synth/capture";
import { progressReporter } from "../../components/synth/progress";
import { synthesize } from "../../components/synth/synth";
import { main } from "../../components/cli";
import { scratchProject } from "./scratchProject";

const root = path.join(__dirname, "..", "..");

const provider = { type: "pulumi:providers:kubernetes", custom: true } as Registration;
const configMap = { type: "kubernetes:core/v1:ConfigMap", custom: true } as Registration;
const component = { type: "federation:index:FederatedConfigMap", custom: false } as Registration;

describe("progress lines", () => {
    it("a line per thousand objects registered (providers and components not counted), then as members are written", () => {
        const lines: string[] = [];
        const progress = progressReporter((line) => lines.push(line));
        for (let member = 0; member < 50; member++) progress.registered(provider);
        for (let i = 0; i < 2500; i++) {
            progress.registered(component);
            progress.registered(configMap);
        }
        for (let member = 0; member < 50; member++) progress.written(50, 50, 2500);
        assert.deepEqual(lines, [
            "synth: 1000 objects registered (50 members so far)",
            "synth: 2000 objects registered (50 members so far)",
            "synth: 20 of 50 members written (1000 of 2500 objects)",
            "synth: 40 of 50 members written (2000 of 2500 objects)",
            "synth: 50 of 50 members written (2500 of 2500 objects)",
        ]);
    });

    it("nothing for fewer objects than a step", () => {
        const lines: string[] = [];
        const progress = progressReporter((line) => lines.push(line));
        progress.registered(provider);
        for (let i = 0; i < 999; i++) progress.registered(configMap);
        progress.written(999, 1, 999);
        assert.deepEqual(lines, []);
    });
});

describe("synth progress", function () {
    this.timeout(120_000);
    let project: string;
    beforeEach(() => {
        project = scratchProject("big", "index.js");
    });
    afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

    /** `count` ConfigMaps on each of two members. */
    function program(count: number): void {
        fs.writeFileSync(path.join(project, "index.js"), `const { Federation, FederatedConfigMap } = require(${JSON.stringify(path.join(root, "components"))});
const federation = new Federation("fleet", { clusters: [{ name: "a", context: "ctx-a" }, { name: "b", context: "ctx-b" }] });
for (let i = 0; i < ${count}; i++) {
    new FederatedConfigMap("settings-" + i, { federation, namespace: "default", template: { data: { index: String(i) } }, placement: { clusterSelector: {} } });
}
`);
    }

    it("reports a program's registrations and members written as they happen, outside the report", async () => {
        program(60);
        const lines: string[] = [];
        const result = await synthesize({ directory: project, onProgress: (line) => lines.push(line), progressStep: 100 });
        assert.equal(result.exitCode, 0, result.lines.join("\n"));
        assert.deepEqual(lines, ["synth: 100 objects registered (2 members so far)", "synth: 2 of 2 members written (120 of 120 objects)"]);
        assert.ok(!result.lines.some((line) => line.includes("registered")), "progress is not part of the report");
    });

    it("the command prints nothing for a small program, and its report on stdout", async () => {
        program(3);
        const [printed, errors] = [[] as string[], [] as string[]];
        const [log, error] = [console.log, console.error];
        console.log = (...args: unknown[]) => { printed.push(args.join(" ")); };
        console.error = (...args: unknown[]) => { errors.push(args.join(" ")); };
        try {
            assert.equal(await main(["synth", `--dir=${project}`]), 0);
        } finally {
            [console.log, console.error] = [log, error];
        }
        assert.deepEqual(errors, []);
        assert.match(printed.join("\n"), /synth: stack dev, 2 members, 6 objects written/);
    });
});

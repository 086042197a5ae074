/**
 * synth type-checks a TypeScript program before running it, as `pulumi up` does, and skips the
 * check where Pulumi does (PULUMI_NODEJS_TRANSPILE_ONLY=true, a tsconfig's noCheck) or when told.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { synthesize } from "../../components/synth/synth";
import { main } from "../../components/cli";
import { scratchProject } from "./scratchProject";

const root = path.join(__dirname, "..", "..");

let project: string;
beforeEach(() => {
    project = scratchProject("typed", "index.ts");
    fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", types: ["node"] } }));
});
afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

const components = JSON.stringify(path.join(root, "components"));

/** A program with a type error on line 5 (harmless at run time: the value is a string). */
const WRONG = `import { Federation, FederatedConfigMap } from ${components};

const federation = new Federation("fleet", { clusters: [{ name: "a", context: "ctx-a" }] });
// The owner is a team name.
const owner: number = "platform-team";
new FederatedConfigMap("settings", { federation, namespace: "default", template: { data: { owner: String(owner) } }, placement: { clusterSelector: {} } });
`;

describe("synth: the type check before a TypeScript program runs", () => {
    it("reports a type error as tsc does, at the user's line, and runs nothing", async () => {
        fs.writeFileSync(path.join(project, "index.ts"), WRONG);
        const result = await synthesize({ directory: project });
        assert.equal(result.exitCode, 1);
        const out = result.lines.join("\n");
        assert.match(out, /^synth: the stack program .*index\.ts does not type-check, so `pulumi up` would not run it either \(--skip-type-check runs it anyway\):$/m);
        assert.match(out, /index\.ts\(5,7\): error TS2322: Type 'string' is not assignable to type 'number'\./);
        assert.equal(fs.existsSync(path.join(project, "rendered")), false, "nothing was rendered");
    });

    it("runs the program anyway with --skip-type-check, PULUMI_NODEJS_TRANSPILE_ONLY=true or noCheck", async () => {
        fs.writeFileSync(path.join(project, "index.ts"), WRONG);
        const skipped = await synthesize({ directory: project, typeCheck: false, mode: "diff" });
        assert.equal(skipped.exitCode, 0, skipped.lines.join("\n"));
        assert.match(skipped.lines.join("\n"), /a:\n  \+ ConfigMap default\/settings/);

        process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
        try {
            assert.equal((await synthesize({ directory: project, mode: "diff" })).exitCode, 0);
        } finally {
            delete process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
        }
        fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noCheck: true, module: "commonjs", moduleResolution: "node" } }));
        assert.equal((await synthesize({ directory: project, mode: "diff" })).exitCode, 0);
    });

    it("passes a correct program, and the command takes --skip-type-check", async () => {
        fs.writeFileSync(path.join(project, "index.ts"), WRONG.replace("const owner: number", "const owner: string"));
        const checked = await synthesize({ directory: project, mode: "diff" });
        assert.equal(checked.exitCode, 0, checked.lines.join("\n"));

        fs.writeFileSync(path.join(project, "index.ts"), WRONG);
        const errors: string[] = [];
        const [log, error] = [console.log, console.error];
        console.log = () => undefined;
        console.error = (...args: unknown[]) => { errors.push(args.join(" ")); };
        try {
            assert.equal(await main(["synth", `--dir=${project}`, "--diff"]), 1);
            assert.equal(await main(["synth", `--dir=${project}`, "--diff", "--skip-type-check"]), 0);
        } finally {
            [console.log, console.error] = [log, error];
        }
        assert.match(errors.join("\n"), /error TS2322/, "type errors go to stderr");
    });

    it("names a tsconfig that Pulumi.yaml points at and that is missing", async () => {
        fs.writeFileSync(path.join(project, "index.ts"), "export {};\n");
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: typed\nruntime:\n  name: nodejs\n  options:\n    tsconfig: tsconfig.pulumi.json\nmain: index.ts\n");
        await assert.rejects(synthesize({ directory: project, mode: "diff" }), /tsconfig\.pulumi\.json: is the tsconfig Pulumi.yaml or PULUMI_NODEJS_TSCONFIG_PATH names, and it does not exist/);
    });

    it("follows the tsconfig's extends, as ts-node does (a strict base makes an implicit any an error)", async () => {
        fs.writeFileSync(path.join(project, "tsconfig.base.json"), JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", types: ["node"] } }));
        fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ extends: "./tsconfig.base.json" }));
        fs.writeFileSync(path.join(project, "index.ts"), "export function label(value) {\n    return String(value);\n}\n");
        const result = await synthesize({ directory: project, mode: "diff" });
        assert.equal(result.exitCode, 1, result.lines.join("\n"));
        assert.match(result.lines.join("\n"), /index\.ts\(1,23\): error TS7006: Parameter 'value' implicitly has an 'any' type\./);
    });
});

/**
 * synth type-checks a TypeScript program before running it, as `pulumi up` does, and skips the
 * check where Pulumi does (PULUMI_NODEJS_TRANSPILE_ONLY=true, a tsconfig's noCheck) or when told.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthesize } from "../../components/synth/synth";
import { pulumiTypeScript, tsconfigOptionAdvice } from "../../components/synth/tsNode";
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

/**
 * The same check on both supported TypeScript majors, with the tsconfigs a Pulumi project has:
 * none, this package's project template's, and the one Pulumi's own templates long shipped
 * (`module: commonjs`, `moduleResolution: node`, which TypeScript 6 deprecates with TS5107).
 * What Pulumi does with each (checked with the real CLI on TypeScript 6.0.3 and 5.9.3): it
 * type-checks through ts-node's language service, which reports no option diagnostics, so the
 * deprecated option stops nothing; without a tsconfig, ts-node's own defaults make it strict.
 */
describe("synth: the type check on TypeScript 5 and 6", () => {
    const TSCONFIGS: Record<string, object | undefined> = {
        "no tsconfig": undefined,
        "the project template's tsconfig": JSON.parse(fs.readFileSync(path.join(root, "templates", "federation-typescript", "tsconfig.json"), "utf8")) as object,
        "Pulumi's classic tsconfig (moduleResolution node)": { compilerOptions: { strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true, experimentalDecorators: true, noImplicitReturns: true, forceConsistentCasingInFileNames: true }, files: ["index.ts"] },
    };
    const GOOD = `import { Federation, FederatedConfigMap } from ${components};\n\nconst federation = new Federation("fleet", { clusters: [{ name: "a", context: "ctx-a" }] });\nnew FederatedConfigMap("settings", { federation, namespace: "default", template: { data: { owner: "platform" } }, placement: { clusterSelector: {} } });\n`;
    const IMPLICIT_ANY = `${GOOD}export function label(value) {\n    return String(value);\n}\n`;

    for (const [major, folder] of [[5, "typescript"], [6, "typescript6"]] as const) {
        describe(`TypeScript ${major}`, () => {
            let typed: string;
            beforeEach(() => {
                typed = fs.mkdtempSync(path.join(os.tmpdir(), `synth-ts${major}-`));
                fs.writeFileSync(path.join(typed, "Pulumi.yaml"), "name: typed\nruntime: nodejs\nmain: index.ts\n");
                fs.writeFileSync(path.join(typed, "Pulumi.dev.yaml"), "config: {}\n");
                // The project's own TypeScript is the major under test; ts-node and @types/node are the repository's.
                const modules = path.join(typed, "node_modules");
                fs.mkdirSync(modules);
                fs.symlinkSync(path.join(root, "node_modules", folder), path.join(modules, "typescript"), "dir");
                for (const name of ["ts-node", "@types"]) fs.symlinkSync(path.join(root, "node_modules", name), path.join(modules, name), "dir");
            });
            afterEach(() => fs.rmSync(typed, { recursive: true, force: true }));

            it(`the project's compiler is TypeScript ${major}`, () => {
                assert.equal(Number(pulumiTypeScript({ directory: typed }).ts.version.split(".")[0]), major);
            });

            for (const [name, tsconfig] of Object.entries(TSCONFIGS)) {
                it(`${name}: a correct program passes and runs; an implicit any is an error`, async () => {
                    if (tsconfig) fs.writeFileSync(path.join(typed, "tsconfig.json"), JSON.stringify(tsconfig));
                    fs.writeFileSync(path.join(typed, "index.ts"), GOOD);
                    const passed = await synthesize({ directory: typed, mode: "diff" });
                    assert.equal(passed.exitCode, 0, passed.lines.join("\n"));
                    assert.match(passed.lines.join("\n"), /a:\n  \+ ConfigMap default\/settings/);

                    fs.writeFileSync(path.join(typed, "index.ts"), IMPLICIT_ANY);
                    const failed = await synthesize({ directory: typed, mode: "diff" });
                    assert.equal(failed.exitCode, 1, failed.lines.join("\n"));
                    assert.deepEqual(failed.lines.slice(1), ["  index.ts(5,23): error TS7006: Parameter 'value' implicitly has an 'any' type."].map((line) => line.replace("index.ts", path.relative(process.cwd(), path.join(typed, "index.ts")))));
                });
            }
        });
    }

    it("refuses TypeScript 7, which has no compiler API for ts-node, saying which TypeScript to install", async () => {
        const typed = fs.mkdtempSync(path.join(os.tmpdir(), "synth-ts7-"));
        try {
            fs.writeFileSync(path.join(typed, "Pulumi.yaml"), "name: typed\nruntime: nodejs\nmain: index.ts\n");
            fs.writeFileSync(path.join(typed, "index.ts"), GOOD);
            // As typescript@7 lays itself out: its main export only says the version.
            const ts7 = path.join(typed, "node_modules", "typescript");
            fs.mkdirSync(path.join(ts7, "lib"), { recursive: true });
            fs.writeFileSync(path.join(ts7, "package.json"), JSON.stringify({ name: "typescript", version: "7.0.2", exports: { ".": "./lib/version.cjs" } }));
            fs.writeFileSync(path.join(ts7, "lib", "version.cjs"), 'module.exports = { version: "7.0.2" };\n');
            fs.symlinkSync(path.join(root, "node_modules", "ts-node"), path.join(typed, "node_modules", "ts-node"), "dir");
            await assert.rejects(synthesize({ directory: typed, mode: "diff" }), /typescript.*: is TypeScript 7\.0\.2, which has no compiler API for ts-node .*npm install --save-dev typescript@6/);
        } finally {
            fs.rmSync(typed, { recursive: true, force: true });
        }
    });

    it("says what to put in tsconfig.json when TypeScript refuses its options", () => {
        const advice = tsconfigOptionAdvice("error TS5107: Option 'moduleResolution=node10' is deprecated and will stop functioning in TypeScript 7.0.");
        assert.match(advice ?? "", /"module": "nodenext" and "moduleResolution": "nodenext"/);
        assert.match(advice ?? "", /PULUMI_NODEJS_TRANSPILE_ONLY=true or noCheck/);
        assert.equal(tsconfigOptionAdvice("error TS2322: Type 'string' is not assignable to type 'number'."), undefined);
    });
});

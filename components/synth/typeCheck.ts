/**
 * Type-checking a TypeScript stack program before synth runs it, so that synth reports the type
 * errors `pulumi up` would. Pulumi's Node.js runtime runs the program through ts-node with type
 * checking on, unless `PULUMI_NODEJS_TRANSPILE_ONLY=true` or the tsconfig sets `noCheck`; it uses
 * the project's `tsconfig.json` (or `PULUMI_NODEJS_TSCONFIG_PATH`, which Pulumi.yaml's
 * `runtime.options.tsconfig` sets), with its own defaults under the file's compiler options.
 * ts-node checks the files the program loads, not the tsconfig's `files`/`include`, and reports
 * nothing for declaration files: so does this.
 */
import * as fs from "fs";
import * as path from "path";
import type * as TypeScript from "typescript";
import { FederationError } from "../errors";

export interface TypeCheckOptions {
    /** The project folder (where `pulumi up` runs the program). */
    directory: string;
    /** The program's main module. */
    main: string;
    /** Pulumi.yaml's `runtime.options.tsconfig`, relative to the project folder. */
    tsconfig?: string;
}

/** Why the check is skipped (as Pulumi skips it), or undefined when it runs. */
export function typeCheckSkipped(options: TypeCheckOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
    const transpileOnly = env.PULUMI_NODEJS_TRANSPILE_ONLY;
    if (transpileOnly) return transpileOnly === "true" ? "PULUMI_NODEJS_TRANSPILE_ONLY=true" : undefined;
    const tsconfig = tsconfigPath(options, env);
    if (!fs.existsSync(tsconfig)) return undefined;
    const ts = loadTypeScript(options.directory);
    const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
    return read.config?.compilerOptions?.noCheck === true ? `noCheck in ${path.relative(options.directory, tsconfig)}` : undefined;
}

/** The program's type errors, formatted as tsc prints them (paths relative to the current folder). */
export function typeErrors(options: TypeCheckOptions, env: NodeJS.ProcessEnv = process.env): string[] {
    const ts = loadTypeScript(options.directory);
    const configFile = tsconfigPath(options, env);
    const explicit = options.tsconfig ?? env.PULUMI_NODEJS_TSCONFIG_PATH;
    if (explicit !== undefined && !fs.existsSync(configFile)) throw new FederationError({ resource: configFile }, "is the tsconfig Pulumi.yaml or PULUMI_NODEJS_TSCONFIG_PATH names, and it does not exist");
    let raw: { compilerOptions?: Record<string, unknown>; extends?: unknown } = {};
    const diagnostics: TypeScript.Diagnostic[] = [];
    if (fs.existsSync(configFile)) {
        const read = ts.readConfigFile(configFile, ts.sys.readFile);
        if (read.error) return format(ts, [read.error]);
        raw = read.config ?? {};
    }
    // Pulumi's defaults under the file's own compiler options, as it passes them to ts-node, which
    // puts them over the options of the file (its `extends` chain included): so a default wins
    // over a base config's value, and the file's own value over both.
    const compilerOptions = { target: "ES2020", module: "nodenext", moduleResolution: "nodenext", ...(raw.compilerOptions ?? {}) };
    const parsed = ts.parseJsonConfigFileContent({ ...(raw.extends === undefined ? {} : { extends: raw.extends }), compilerOptions, files: [] }, ts.sys, path.dirname(configFile), undefined, configFile);
    // 18002/18003: an empty `files` list, which only this check's own config has.
    diagnostics.push(...parsed.errors.filter((d) => d.code !== 18002 && d.code !== 18003));
    const program = ts.createProgram({ rootNames: [options.main], options: { ...parsed.options, noEmit: true } });
    diagnostics.push(...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics());
    for (const file of program.getSourceFiles()) {
        if (file.isDeclarationFile || file.fileName.split(/[\\/]/).includes("node_modules")) continue;
        diagnostics.push(...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file));
    }
    return format(ts, diagnostics);
}

function tsconfigPath(options: TypeCheckOptions, env: NodeJS.ProcessEnv): string {
    return path.resolve(options.directory, options.tsconfig ?? env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json");
}

function format(ts: typeof TypeScript, diagnostics: readonly TypeScript.Diagnostic[]): string[] {
    const host: TypeScript.FormatDiagnosticsHost = {
        getCanonicalFileName: (name) => name,
        getCurrentDirectory: () => process.cwd(),
        getNewLine: () => "\n",
    };
    return diagnostics.map((diagnostic) => ts.formatDiagnostics([diagnostic], host).trimEnd());
}

/** The project's own TypeScript (as Pulumi loads it), else this package's. */
function loadTypeScript(directory: string): typeof TypeScript {
    for (const paths of [[directory], [__dirname]]) {
        try {
            // eslint-disable-next-line @typescript-eslint/no-var-requires
            return require(require.resolve("typescript", { paths })) as typeof TypeScript;
        } catch {
            // Try the next place.
        }
    }
    throw new FederationError({}, "the stack program is TypeScript: install typescript in the project (npm install --save-dev typescript ts-node), or skip the type check with --skip-type-check");
}

/**
 * ts-node as Pulumi's Node.js runtime sets it up for a TypeScript program (@pulumi/pulumi's
 * cmd/run/run.js and tsutils.js, read at 3.270-3.276), so that synth compiles and type-checks a
 * program exactly as `pulumi up` would:
 * - the tsconfig is `PULUMI_NODEJS_TSCONFIG_PATH` (Pulumi.yaml's `runtime.options.tsconfig`), else
 *   `tsconfig.json`, in the project folder; without one, ts-node reads no project file (and then
 *   applies its own defaults for the running Node.js, `@tsconfig/node16` and `types: ["node"]`);
 * - over it go Pulumi's defaults for TypeScript 4.7 and later (`target` ES2020, `module` and
 *   `moduleResolution` nodenext, `sourceMap`), under the file's own `compilerOptions` (read without
 *   its `extends`, as Pulumi reads it);
 * - `PULUMI_NODEJS_TRANSPILE_ONLY` (`"true"` or not) decides whether ts-node type-checks, else the
 *   file's `noCheck`; the compiler and ts-node are the project's own.
 *
 * (Pulumi's automatic ESM mode, for a package.json with `"type": "module"`, is not reproduced:
 * synth runs CommonJS programs.)
 */
import * as fs from "fs";
import * as path from "path";
import type * as TypeScript from "typescript";
import { FederationError } from "../errors";

/** The part of ts-node this module uses (its public `create` and `register`). */
export interface TsNodeModule {
    create(options: TsNodeOptions): TsNodeService;
    register(options: TsNodeOptions): TsNodeService;
}

export interface TsNodeService {
    ts: typeof TypeScript;
    config: TypeScript.ParsedCommandLine;
    options: { ignoreDiagnostics?: Array<number | string> };
    compile(code: string, fileName: string): string;
}

/** The options Pulumi passes to ts-node (plus `cwd`: Pulumi runs from the project folder). */
export interface TsNodeOptions {
    compiler: string;
    transpileOnly?: boolean;
    project: string;
    skipProject: boolean;
    compilerOptions: Record<string, unknown>;
    cwd: string;
    ignoreDiagnostics?: number[];
}

export interface PulumiTypeScript {
    tsNode: TsNodeModule;
    ts: typeof TypeScript;
    /** What Pulumi would pass to ts-node's `register`. */
    options: TsNodeOptions;
    /** Whether Pulumi would type-check (ts-node's language service) rather than only transpile. */
    typeChecks: boolean;
    /** Why it would not type-check, when it would not. */
    skipReason?: string;
    /** The tsconfig file, when there is one. */
    tsconfig?: string;
}

export interface PulumiTypeScriptOptions {
    /** The project folder. */
    directory: string;
    /** Pulumi.yaml's `runtime.options.tsconfig`, relative to the project folder. */
    tsconfig?: string;
}

/** ts-node's own list of diagnostics it never reports (before a tsconfig's `ts-node.ignoreDiagnostics`). */
export const TS_NODE_IGNORED_DIAGNOSTICS = [6059, 18002, 18003];

export function pulumiTypeScript(options: PulumiTypeScriptOptions, env: NodeJS.ProcessEnv = process.env): PulumiTypeScript {
    const directory = path.resolve(options.directory);
    const named = options.tsconfig ?? env.PULUMI_NODEJS_TSCONFIG_PATH;
    const tsconfig = path.resolve(directory, named ?? "tsconfig.json");
    const exists = fs.existsSync(tsconfig);
    if (named !== undefined && !exists) throw new FederationError({ resource: tsconfig }, "is the tsconfig Pulumi.yaml or PULUMI_NODEJS_TSCONFIG_PATH names, and it does not exist");
    const compiler = resolveFrom(directory, "typescript");
    const tsNodePath = resolveFrom(directory, "ts-node");
    if (compiler === undefined || tsNodePath === undefined) {
        throw new FederationError({}, "the stack program is TypeScript: install typescript and ts-node in the project (npm install --save-dev typescript ts-node), or skip the type check with --skip-type-check");
    }
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const ts = require(compiler) as typeof TypeScript;
    if (typeof ts.createProgram !== "function" || typeof ts.transpileModule !== "function") {
        // TypeScript 7 (the native compiler) ships no such API: neither ts-node nor Pulumi can use it.
        throw new FederationError({ resource: compiler }, `is TypeScript ${String(ts.version ?? "of an unknown version")}, which has no compiler API for ts-node (through which Pulumi runs TypeScript programs, and synth too): install TypeScript 5 or 6 in the project (npm install --save-dev typescript@6)`);
    }
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const tsNode = require(tsNodePath) as TsNodeModule;
    const fileOptions = exists ? fileCompilerOptions(ts, tsconfig) : {};
    const nodeNext = compareVersions(ts.version, "4.7.0") >= 0;
    const defaults = { target: "ES2020", module: nodeNext ? "nodenext" : "commonjs", moduleResolution: nodeNext ? "nodenext" : "node", sourceMap: "true" };
    const fromEnv = env.PULUMI_NODEJS_TRANSPILE_ONLY;
    const transpileOnly = fromEnv ? fromEnv === "true" : fileOptions.noCheck === true;
    const skipReason = !transpileOnly ? undefined : fromEnv ? "PULUMI_NODEJS_TRANSPILE_ONLY=true" : `noCheck in ${path.relative(directory, tsconfig)}`;
    return {
        tsNode,
        ts,
        options: { compiler, transpileOnly, project: tsconfig, skipProject: !exists, compilerOptions: { ...defaults, ...fileOptions }, cwd: directory },
        typeChecks: !transpileOnly,
        skipReason,
        tsconfig: exists ? tsconfig : undefined,
    };
}

/**
 * The codes of the diagnostics ts-node's transpile-only mode reports for these options whatever
 * the file holds: those about the options themselves (TypeScript 6's TS5107 for
 * `moduleResolution: node`, for one). Its type-checking mode (Pulumi's default) never reports
 * them, so synth, which type-checks first and then only transpiles, leaves them out too.
 */
export function optionDiagnosticCodes(setup: PulumiTypeScript): number[] {
    try {
        setup.tsNode.create({ ...setup.options, transpileOnly: true }).compile("", path.join(setup.options.cwd, "__options__.ts"));
        return [];
    } catch (error) {
        const codes = (error as { diagnosticCodes?: unknown }).diagnosticCodes;
        if (Array.isArray(codes)) return codes.map(Number);
        throw error;
    }
}

/** A tsconfig's own `compilerOptions`, without its `extends`, as Pulumi reads them (an unreadable file gives none). */
function fileCompilerOptions(ts: typeof TypeScript, file: string): Record<string, unknown> {
    try {
        const parsed = ts.parseConfigFileTextToJson(file, fs.readFileSync(file, "utf8")).config as { compilerOptions?: unknown } | undefined;
        const options = parsed?.compilerOptions;
        return options !== null && typeof options === "object" && !Array.isArray(options) ? { ...(options as Record<string, unknown>) } : {};
    } catch {
        return {};
    }
}

/** A module as the project resolves it, else as this package does. */
function resolveFrom(directory: string, name: string): string | undefined {
    for (const paths of [[directory], [__dirname]]) {
        try {
            return require.resolve(name, { paths });
        } catch {
            // Try the next place.
        }
    }
    return undefined;
}

function compareVersions(a: string, b: string): number {
    const parts = (version: string) => version.split(/[.-]/).slice(0, 3).map((part) => Number.parseInt(part, 10) || 0);
    const [x, y] = [parts(a), parts(b)];
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return 0;
}

/**
 * Advice for a failure that TypeScript raised about the tsconfig's options rather than the code:
 * TypeScript 6 deprecates options (TS5101, TS5107) and checks `module` against
 * `moduleResolution` (TS5109, TS5110). `pulumi up` stops on them as synth does where it only
 * transpiles (PULUMI_NODEJS_TRANSPILE_ONLY=true, a tsconfig's `noCheck`).
 */
export function tsconfigOptionAdvice(text: string): string | undefined {
    if (!/\bTS(5101|5107|5109|5110)\b/.test(text)) return undefined;
    return "hint: these are about tsconfig.json, not the program, and `pulumi up` stops on them too when it only transpiles (PULUMI_NODEJS_TRANSPILE_ONLY=true or noCheck). "
        + 'Set "module": "nodenext" and "moduleResolution": "nodenext" in its compilerOptions (they work on TypeScript 5 and 6, as the project template has them) '
        + 'and drop the options TypeScript 6 deprecates (https://aka.ms/ts6); "ignoreDeprecations": "6.0" silences them on TypeScript 6 only.';
}

/**
 * Running a Pulumi stack's program offline: read `Pulumi.yaml` and `Pulumi.<stack>.yaml` (a stack
 * without that file has empty config, as under Pulumi), set the stack's config, and run the
 * program's main module under the mock monitor, as the Node.js language host would run it under
 * `pulumi up` (inside the stack's root resource, from the project folder).
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { FederationError } from "../errors";
import { Capture, CaptureOptions, captureProgram } from "./capture";
import { OFFLINE_ENV, UNAVAILABLE_ENV } from "../karmada/arguments";
import { typeErrors } from "./typeCheck";
import { PulumiTypeScript, optionDiagnosticCodes, pulumiTypeScript } from "./tsNode";

export interface StackProgramOptions {
    /** The project folder (holding Pulumi.yaml). */
    directory: string;
    stack: string;
    /** A stack config file to use instead of Pulumi.<stack>.yaml (like `pulumi --config-file`). */
    configFile?: string;
    /** Type-check a TypeScript program first, as `pulumi up` does (default true). */
    typeCheck?: boolean;
    /** Called as each resource registers. */
    onRegistration?: CaptureOptions["onRegistration"];
    /** Called, before the program runs, with a line worth telling the user (the stack has no config file). */
    onNote?: (line: string) => void;
    /**
     * The plain values of config keys the stack file encrypts (`project:key` -> text, as
     * `pulumi config --show-secrets --json` gives them), held in memory only; offline, without
     * them, those keys hold a placeholder. They stay secrets to the program.
     */
    decrypted?: Readonly<Record<string, string>>;
    /** Members to plan as unavailable (synth's `--unavailable`), as a failed health probe would. */
    unavailable?: readonly string[];
}

export interface StackProgramRun {
    project: string;
    stack: string;
    main: string;
    /** Empty when the program did not run: it failed its type check. */
    capture: Capture;
    /** Config keys the stack file encrypts: offline they hold a placeholder. */
    encryptedKeys: string[];
    /** The type errors that stopped the program from running (tsc's format), if any. */
    typeErrors: string[];
}

/**
 * The stack's own name: the last part of `org/project/stack`, as Pulumi names the stack file
 * (Pulumi.<name>.yaml) and as synth names the stack's output folder. Anything else is refused, so
 * that a stack name never reaches outside the project or the output folder.
 */
export function stackName(stack: string): string {
    const parts = stack.split("/");
    const name = parts[parts.length - 1];
    if (parts.length > 3 || !parts.every((part) => /^[A-Za-z0-9_.-]{1,100}$/.test(part) && !/^\.+$/.test(part))) {
        throw new FederationError({ resource: `stack ${JSON.stringify(stack.slice(0, 120))}` }, "is not a stack name: letters, digits, \"-\", \"_\" and \".\" (at most 100), optionally after <org>/ or <org>/<project>/");
    }
    return name;
}

export async function runStackProgram(options: StackProgramOptions): Promise<StackProgramRun> {
    const directory = path.resolve(options.directory);
    const projectFile = path.join(directory, "Pulumi.yaml");
    if (!fs.existsSync(projectFile)) throw new FederationError({ resource: projectFile }, "no Pulumi.yaml here: point --dir at the project folder");
    const project = parse(fs.readFileSync(projectFile, "utf8")) ?? {};
    const projectName = String(project.name ?? path.basename(directory));
    const main = path.resolve(directory, typeof project.main === "string" ? project.main : "index.ts");
    const stackFile = options.configFile ? path.resolve(options.configFile) : path.join(directory, `Pulumi.${stackName(options.stack)}.yaml`);
    if (options.configFile && !fs.existsSync(stackFile)) throw missingConfigFile(stackFile);
    // Pulumi runs a stack that has no Pulumi.<stack>.yaml with empty config (the file appears with
    // the first `pulumi config set`); so does synth, saying so. A file named with --config-file
    // must exist.
    const { config, secretKeys, encryptedKeys } = fs.existsSync(stackFile) ? readStackConfig(stackFile, projectName) : emptyStackConfig(stackFile, options);
    for (const [key, value] of Object.entries(options.decrypted ?? {})) {
        if (!secretKeys.includes(key)) continue; // only what the file encrypts
        config[key] = value;
        encryptedKeys.splice(0, encryptedKeys.length, ...encryptedKeys.filter((encrypted) => encrypted !== key && !encrypted.startsWith(`${key}.`) && !encrypted.startsWith(`${key}[`)));
    }

    const runtimeOptions = (typeof project.runtime === "object" && project.runtime !== null ? project.runtime.options : undefined) ?? {};
    // Pulumi.yaml's runtime.options.typescript: false runs the main module as JavaScript.
    const typeScript = main.endsWith(".ts") && runtimeOptions.typescript !== false;
    if (typeScript) {
        const setup = pulumiTypeScript({ directory, tsconfig: typeof runtimeOptions.tsconfig === "string" ? runtimeOptions.tsconfig : undefined });
        if (options.typeCheck !== false && setup.typeChecks) {
            const errors = typeErrors(setup, main);
            if (errors.length > 0) return { project: projectName, stack: options.stack, main, capture: emptyCapture(), encryptedKeys, typeErrors: errors };
        }
        registerTypeScript(setup);
    }
    const previousDirectory = process.cwd();
    const previousOffline = process.env[OFFLINE_ENV];
    process.chdir(directory);
    // Tells the components that no API server is there to read from (see KarmadaControlPlane).
    process.env[OFFLINE_ENV] = "1";
    const previousUnavailable = process.env[UNAVAILABLE_ENV];
    if (options.unavailable?.length) process.env[UNAVAILABLE_ENV] = JSON.stringify(options.unavailable);
    else delete process.env[UNAVAILABLE_ENV];
    try {
        const resolved = require.resolve(main);
        delete require.cache[resolved];
        // As Pulumi's Node.js host runs a CommonJS program: an exported function (`export = async
        // () => {...}`) is called and its result awaited as the stack's outputs.
        const capture = await captureProgram(() => {
            const exported = require(resolved);
            return exported instanceof Function ? exported() : exported;
        }, {
            project: projectName,
            stack: options.stack,
            config,
            secretConfigKeys: secretKeys,
            asStack: true,
            onRegistration: options.onRegistration,
        });
        return { project: projectName, stack: options.stack, main, capture, encryptedKeys, typeErrors: [] };
    } finally {
        process.chdir(previousDirectory);
        if (previousOffline === undefined) delete process.env[OFFLINE_ENV];
        else process.env[OFFLINE_ENV] = previousOffline;
        if (previousUnavailable === undefined) delete process.env[UNAVAILABLE_ENV];
        else process.env[UNAVAILABLE_ENV] = previousUnavailable;
    }
}

function emptyCapture(): Capture {
    return { registrations: [], warnings: [], infos: [] };
}

/** A stack file's config as `project:key` -> string, the way the language host passes it. */
export function readStackConfig(file: string, project: string) {
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const encryptedKeys: string[] = [];
    if (!fs.existsSync(file)) throw missingConfigFile(file);
    const values = (parse(fs.readFileSync(file, "utf8"))?.config ?? {}) as Record<string, unknown>;
    for (const [rawKey, value] of Object.entries(values)) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        // Encrypted with the stack's secrets provider, which offline synth cannot reach: such
        // values (at any depth) become a placeholder and the key is treated as secret.
        const encrypted: string[] = [];
        const plain = withoutEncrypted(value, key, encrypted);
        if (encrypted.length > 0) {
            secretKeys.push(key);
            encryptedKeys.push(...encrypted);
        }
        config[key] = typeof plain === "string" ? plain : JSON.stringify(plain);
    }
    return { config, secretKeys, encryptedKeys };
}

/** The error for a stack config file given with --config-file that is not there. */
function missingConfigFile(file: string): FederationError {
    return new FederationError({ resource: file }, "no such stack config file (given with --config-file)");
}

/**
 * A stack without its Pulumi.<stack>.yaml: empty config, as under `pulumi up`, and a note saying so
 * that names the stack files the folder has (the stack's name may be misspelt: offline, no backend
 * knows which stacks exist).
 */
function emptyStackConfig(file: string, options: StackProgramOptions): ReturnType<typeof readStackConfig> {
    const folder = path.dirname(file);
    const present = fs.readdirSync(folder).filter((name) => /^Pulumi\.[\w.-]+\.ya?ml$/.test(name) && name !== "Pulumi.yaml").sort();
    const listed = present.length > 12 ? [...present.slice(0, 12), `and ${present.length - 12} more`] : present;
    const shown = path.relative(process.cwd(), folder) || ".";
    const others = listed.length === 0 ? "" : ` (the stack files there: ${listed.join(", ")}; --stack NAME runs Pulumi.NAME.yaml)`;
    options.onNote?.(`no ${path.basename(file)} in ${shown}; running stack ${options.stack} with empty config, as pulumi does${others}`);
    return { config: {}, secretKeys: [], encryptedKeys: [] };
}

const ENCRYPTED_PLACEHOLDER = "[encrypted: not available offline]";

function withoutEncrypted(value: unknown, path: string, found: string[]): unknown {
    if (Array.isArray(value)) return value.map((item, index) => withoutEncrypted(item, `${path}[${index}]`, found));
    if (value !== null && typeof value === "object") {
        if ("secure" in value && Object.keys(value).length === 1) {
            found.push(path);
            return ENCRYPTED_PLACEHOLDER;
        }
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutEncrypted(item, `${path}.${key}`, found)]));
    }
    return value;
}

/**
 * Lets `require` load a TypeScript program with ts-node set up as Pulumi sets it up, only
 * transpiling (the type check, if any, has run). Where Pulumi type-checks, ts-node's language
 * service reports nothing about the options themselves, while its transpiler would: those codes
 * are left out, so that synth runs what `pulumi up` runs.
 */
function registerTypeScript(setup: PulumiTypeScript): void {
    if (require.extensions[".ts"]) return;
    setup.tsNode.register({ ...setup.options, transpileOnly: true, ignoreDiagnostics: setup.typeChecks ? optionDiagnosticCodes(setup) : [] });
}

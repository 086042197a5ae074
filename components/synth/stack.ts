/**
 * Running a Pulumi stack's program offline: read `Pulumi.yaml` and `Pulumi.<stack>.yaml`, set the
 * stack's config, and run the program's main module under the mock monitor, as the Node.js
 * language host would run it under `pulumi up` (inside the stack's root resource, from the
 * project folder).
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { FederationError } from "../errors";
import { Capture, captureProgram } from "./capture";

export interface StackProgramOptions {
    /** The project folder (holding Pulumi.yaml). */
    directory: string;
    stack: string;
    /** A stack config file to use instead of Pulumi.<stack>.yaml (like `pulumi --config-file`). */
    configFile?: string;
}

export interface StackProgramRun {
    project: string;
    stack: string;
    main: string;
    capture: Capture;
    /** Config keys the stack file encrypts: offline they hold a placeholder. */
    encryptedKeys: string[];
}

export async function runStackProgram(options: StackProgramOptions): Promise<StackProgramRun> {
    const directory = path.resolve(options.directory);
    const projectFile = path.join(directory, "Pulumi.yaml");
    if (!fs.existsSync(projectFile)) throw new FederationError({ resource: projectFile }, "no Pulumi.yaml here: point --dir at the project folder");
    const project = parse(fs.readFileSync(projectFile, "utf8")) ?? {};
    const projectName = String(project.name ?? path.basename(directory));
    const main = path.resolve(directory, typeof project.main === "string" ? project.main : "index.ts");
    const { config, secretKeys, encryptedKeys } = readStackConfig(
        options.configFile ? path.resolve(options.configFile) : path.join(directory, `Pulumi.${options.stack}.yaml`),
        projectName,
    );

    if (main.endsWith(".ts")) registerTypeScript();
    const previousDirectory = process.cwd();
    process.chdir(directory);
    try {
        const resolved = require.resolve(main);
        delete require.cache[resolved];
        const capture = await captureProgram(() => require(resolved), {
            project: projectName,
            stack: options.stack,
            config,
            secretConfigKeys: secretKeys,
            asStack: true,
        });
        return { project: projectName, stack: options.stack, main, capture, encryptedKeys };
    } finally {
        process.chdir(previousDirectory);
    }
}

/** A stack file's config as `project:key` -> string, the way the language host passes it. */
export function readStackConfig(file: string, project: string) {
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const encryptedKeys: string[] = [];
    if (!fs.existsSync(file)) {
        const stacks = fs.readdirSync(path.dirname(file)).filter((name) => /^Pulumi\..+\.ya?ml$/.test(name)).map((name) => name.replace(/^Pulumi\.|\.ya?ml$/g, ""));
        throw new FederationError({ resource: file }, `no such stack config file (stacks here: ${stacks.join(", ") || "none"})`);
    }
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

/** Lets `require` load a TypeScript program, as Pulumi's Node.js runtime does with ts-node. */
function registerTypeScript(): void {
    if (require.extensions[".ts"]) return;
    try {
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        require("ts-node").register({ transpileOnly: true });
    } catch {
        throw new FederationError({}, "the stack program is TypeScript: install ts-node and typescript (npm install --save-dev ts-node typescript)");
    }
}

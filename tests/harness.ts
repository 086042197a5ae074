/**
 * Runs a Pulumi program under the SDK's official in-process mock monitor and records every
 * resource registration as the engine would receive it: type, name, parent, provider,
 * dependencies and the serialized inputs (with which of them are secret or unknown).
 */
import * as pulumi from "@pulumi/pulumi";

// Internal to the SDK but stable for years: resolves once every outstanding RPC has finished.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface Registered {
    type: string;
    name: string;
    urn: string;
    /** URN of the parent, "" for none. */
    parent: string;
    /** Provider reference `urn::id`, "" for the default provider. */
    provider: string;
    /** URNs this resource depends on (dependsOn and input dependencies). */
    dependencies: string[];
    custom: boolean;
    /** Inputs with secret markers removed and unknowns as the string "<unknown>". */
    inputs: Record<string, any>;
    /** JSON-pointer-like paths of inputs that were sent as secrets, e.g. "/data". */
    secretPaths: string[];
    retainOnDelete: boolean;
}

export interface Run {
    resources: Registered[];
    /** What the program threw, if anything. */
    error?: unknown;
    warnings: string[];
    /** Resources of `type`, in registration order. */
    ofType(type: string): Registered[];
    /** The resource with this logical name (and type, when several share the name). */
    named(name: string, type?: string): Registered;
    byUrn(urn: string): Registered;
}

export interface RunOptions {
    preview?: boolean;
    /** Stack config, as `project:key` -> JSON or plain string. */
    config?: Record<string, string>;
    project?: string;
    stack?: string;
}

let running = false;

export async function runProgram(program: () => unknown, options: RunOptions = {}): Promise<Run> {
    if (running) throw new Error("runProgram calls must not overlap");
    running = true;
    const resources: Registered[] = [];
    const warnings: string[] = [];
    const originalWarn = console.warn;
    const originalLog = console.log;
    // Without an engine, pulumi.log writes to the console; keep what it says for assertions.
    console.warn = (...args: unknown[]) => { warnings.push(args.join(" ")); };
    console.log = (...args: unknown[]) => {
        const text = args.join(" ");
        if (/^warning: /.test(text)) warnings.push(text);
        else originalLog(...args);
    };
    try {
        if (options.config) pulumi.runtime.setAllConfig(options.config);
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => ({ id: args.custom ? `${args.name}-id` : "", state: args.inputs }),
                call: (args) => args.inputs,
            },
            options.project ?? "project",
            options.stack ?? "stack",
            options.preview ?? false,
        );
        const monitor = pulumi.runtime.getMonitor() as any;
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req: any, callback: any) => {
            const raw = req.getObject()?.toJavaScript() ?? {};
            const secretPaths: string[] = [];
            resources.push({
                type: req.getType(),
                name: req.getName(),
                urn: monitor.newUrn(req.getParent(), req.getType(), req.getName()),
                parent: req.getParent(),
                provider: req.getProvider(),
                dependencies: req.getDependenciesList(),
                custom: req.getCustom(),
                inputs: unwrap(raw, "", secretPaths),
                secretPaths,
                retainOnDelete: req.getRetainondelete?.() ?? false,
            });
            return register(req, callback);
        };
        let error: unknown;
        try {
            await program();
        } catch (thrown) {
            error = thrown;
        }
        await waitForRPCs();
        return makeRun(resources, warnings, error);
    } finally {
        console.warn = originalWarn;
        console.log = originalLog;
        running = false;
    }
}

function makeRun(resources: Registered[], warnings: string[], error: unknown): Run {
    return {
        resources,
        error,
        warnings,
        ofType: (type) => resources.filter((r) => r.type === type),
        named: (name, type) => {
            const found = resources.filter((r) => r.name === name && (type === undefined || r.type === type));
            if (found.length !== 1) throw new Error(`expected one resource named ${name}${type ? ` of type ${type}` : ""}, found ${found.length}: ${resources.map((r) => `${r.type} ${r.name}`).join("; ")}`);
            return found[0];
        },
        byUrn: (urn) => {
            const found = resources.find((r) => r.urn === urn);
            if (!found) throw new Error(`no resource with URN ${urn}`);
            return found;
        },
    };
}

function unwrap(value: any, path: string, secretPaths: string[]): any {
    if (value === UNKNOWN) return "<unknown>";
    if (Array.isArray(value)) return value.map((item, index) => unwrap(item, `${path}/${index}`, secretPaths));
    if (value !== null && typeof value === "object") {
        if (value[SIG_KEY] === SECRET_SIG) {
            secretPaths.push(path || "/");
            return unwrap(value.value, path, secretPaths);
        }
        const result: Record<string, any> = {};
        for (const [key, item] of Object.entries(value)) result[key] = unwrap(item, `${path}/${key}`, secretPaths);
        return result;
    }
    return value;
}

/** The provider reference a resource registered on the given provider resource would carry. */
export function providerRef(provider: Registered): string {
    return `${provider.urn}::${provider.name}-id`;
}

/** The value of an Output once known (for component properties such as `memberTable`). */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => { resolve(value); return value; }));
}

/**
 * Runs a Pulumi program file (a stack's `index.ts`) fresh, as `pulumi up` would, and returns the
 * run plus the module's exports (the stack outputs).
 */
export async function runProgramFile(file: string, options: RunOptions = {}): Promise<Run & { exports: Record<string, unknown> }> {
    const resolved = require.resolve(file);
    delete require.cache[resolved];
    let exports: Record<string, unknown> = {};
    const run = await runProgram(() => {
        exports = require(resolved);
    }, options);
    return { ...run, exports };
}

/** A stack config file's `config:` block in the form `pulumi.runtime.setAllConfig` takes. */
export function stackConfig(file: string): Record<string, string> {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { parse } = require("yaml") as typeof import("yaml");
    const text = require("fs").readFileSync(file, "utf8") as string;
    const values = (parse(text)?.config ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
}

/**
 * Runs a Pulumi program under the SDK's official in-process mock monitor and records every
 * resource registration as the engine would receive it: type, name, parent, provider,
 * dependencies, the serialized inputs (and which of them are secret or unknown), and the outputs
 * components register. Offline synth and the test suite both stand on this.
 */
import * as pulumi from "@pulumi/pulumi";
import { watchCanceledRegistrations } from "../resources/registrationTurns";

// Internal to the SDK but exported from its runtime for years: resolves once every outstanding
// RPC (registration, output resolution) has finished.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };

/** Markers of Pulumi's wire format for secret and unknown values. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** How an unknown value (preview) appears in captured inputs. */
export const UNKNOWN_VALUE = "<unknown>";

export interface Registration {
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
    /** Inputs with secret markers removed and unknowns as UNKNOWN_VALUE. */
    inputs: Record<string, any>;
    /** JSON pointers of inputs that were sent as secrets, e.g. "/data" ("" for all of it). */
    secretPaths: string[];
    retainOnDelete: boolean;
    /** Replaced by deleting first (deleteBeforeReplace). */
    deleteBeforeReplace: boolean;
    /** Property paths Pulumi leaves alone on update (ignoreChanges). */
    ignoreChanges: string[];
    /** The create and update timeouts (customTimeouts), when given. */
    customTimeouts?: { create?: string; update?: string };
    /** Aliases as sent: a spec's type (`kubernetes:apps/v1beta1:Deployment`), or a URN. */
    aliases?: string[];
    /** Frames of the stack trace the SDK sent with the registration (what the state keeps of it). */
    stackFrames?: number;
    /** What a component registered with registerOutputs, once it did. */
    outputs?: Record<string, any>;
    /** JSON pointers of the outputs that were secret. */
    outputSecretPaths?: string[];
}

export interface CaptureOptions {
    preview?: boolean;
    /** Stack config, `project:key` -> value (JSON text for objects). */
    config?: Record<string, string>;
    /** Config keys whose values are secret. */
    secretConfigKeys?: string[];
    project?: string;
    stack?: string;
    /** Run the program as the stack's root (`pulumi:pulumi:Stack`), as `pulumi up` does. */
    asStack?: boolean;
    /**
     * What the "cluster" reports for a resource beyond its inputs (e.g. `{ status: {...} }`), to
     * test status outputs. Default: nothing (state = inputs).
     */
    liveState?: (resource: { type: string; name: string; inputs: Record<string, any> }) => Record<string, any> | undefined;
    /** Called as each resource registers (for progress on big programs). */
    onRegistration?: (registration: Registration) => void;
}

export interface Capture {
    registrations: Registration[];
    /** What the program threw or rejected with, if anything. */
    error?: unknown;
    /** What the program returned (with asStack: the stack outputs, resolved). */
    result?: unknown;
    /** Warnings the program logged through pulumi.log. */
    warnings: string[];
    /** Informational messages the program logged through pulumi.log. */
    infos: string[];
}

let running = false;

export async function captureProgram(program: () => unknown, options: CaptureOptions = {}): Promise<Capture> {
    if (running) throw new Error("captureProgram calls must not overlap: Pulumi's runtime state is global");
    running = true;
    const registrations: Registration[] = [];
    const byUrn = new Map<string, Registration>();
    const warnings: string[] = [];
    const infos: string[] = [];
    const asyncErrors: unknown[] = [];
    const originalWarn = console.warn;
    const originalLog = console.log;
    const originalError = console.error;
    // An error inside an apply (a patch through an Output that does not apply) fails that
    // resource's registration asynchronously; the language host would fail the update with it.
    const onRejection = (reason: unknown) => { asyncErrors.push(reason); };
    process.on("unhandledRejection", onRejection);
    // A program that catches a component's error still fails: the registrations it canceled are missing.
    const stopWatching = watchCanceledRegistrations(onRejection);
    console.error = (...args: unknown[]) => {
        const text = args.join(" ");
        if (/^error: /.test(text)) asyncErrors.push(new Error(text.replace(/^error: /, "")));
        else originalError(...args);
    };
    // Without an engine, pulumi.log writes to the console; keep warnings for the caller.
    console.warn = (...args: unknown[]) => { warnings.push(args.join(" ").replace(/^warning: (\[runtime\] )?/, "")); };
    console.log = (...args: unknown[]) => {
        const text = args.join(" ");
        if (/^warning: /.test(text)) warnings.push(text.replace(/^warning: (\[runtime\] )?/, ""));
        else if (/^info: /.test(text)) infos.push(text.replace(/^info: (\[runtime\] )?/, ""));
        else originalLog(...args);
    };
    try {
        pulumi.runtime.setAllConfig(options.config ?? {}, options.secretConfigKeys);
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => ({
                    id: args.custom ? `${args.name}-id` : "",
                    state: { ...args.inputs, ...(options.liveState?.({ type: args.type, name: args.name, inputs: args.inputs }) ?? {}) },
                }),
                call: (args) => args.inputs,
            },
            options.project ?? "project",
            options.stack ?? "stack",
            options.preview ?? false,
        );
        const monitor = pulumi.runtime.getMonitor() as any;
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req: any, callback: any) => {
            const secretPaths: string[] = [];
            const registration: Registration = {
                type: req.getType(),
                name: req.getName(),
                urn: monitor.newUrn(req.getParent(), req.getType(), req.getName()),
                parent: req.getParent(),
                provider: req.getProvider(),
                dependencies: req.getDependenciesList(),
                custom: req.getCustom(),
                inputs: fromWire(req.getObject()?.toJavaScript() ?? {}, "", secretPaths),
                secretPaths,
                retainOnDelete: req.getRetainondelete?.() ?? false,
                deleteBeforeReplace: req.getDeletebeforereplace?.() ?? false,
                ignoreChanges: req.getIgnorechangesList?.() ?? [],
                aliases: (req.getAliasesList?.() ?? []).map(aliasText),
                ...timeoutsOf(req.getCustomtimeouts?.()),
                stackFrames: req.getStacktrace?.()?.getFramesList?.().length ?? 0,
            };
            if (byUrn.has(registration.urn)) {
                // The Pulumi engine refuses two resources with one URN; the mock monitor does not.
                asyncErrors.push(new Error(`duplicate resource URN ${registration.urn}: two resources of one type share a name under the same parent type`));
            }
            registrations.push(registration);
            byUrn.set(registration.urn, registration);
            options.onRegistration?.(registration);
            return register(req, callback);
        };
        const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
        monitor.registerResourceOutputs = (req: any, callback: any) => {
            const registration = byUrn.get(req.getUrn());
            if (registration) {
                const secretPaths: string[] = [];
                registration.outputs = fromWire(req.getOutputs()?.toJavaScript() ?? {}, "", secretPaths);
                registration.outputSecretPaths = secretPaths;
            }
            return registerOutputs(req, callback);
        };
        let error: unknown;
        let result: unknown;
        try {
            result = options.asStack ? await pulumi.runtime.runInPulumiStack(async () => program()) : await program();
        } catch (thrown) {
            error = thrown;
        }
        await waitForRPCs();
        // Let rejections raised in the last turn of the event loop reach the handler.
        await new Promise((resolve) => setImmediate(resolve));
        return { registrations, error: error ?? asyncErrors[0], result, warnings, infos };
    } finally {
        process.off("unhandledRejection", onRejection);
        stopWatching();
        console.warn = originalWarn;
        console.log = originalLog;
        console.error = originalError;
        running = false;
    }
}

/** One alias of a registration as text: its URN, or its spec's type (and any name or parent it changes). */
function aliasText(alias: any): string {
    if (alias.hasUrn?.() || !alias.hasSpec?.()) return alias.getUrn();
    const spec = alias.getSpec();
    return [spec.getType(), spec.getName() && `name=${spec.getName()}`, spec.getNoparent() && "noParent"].filter(Boolean).join(" ");
}

/** Wire-format values to plain ones, noting where secrets were. */
function fromWire(value: any, path: string, secretPaths: string[]): any {
    if (value === UNKNOWN) return UNKNOWN_VALUE;
    if (Array.isArray(value)) return value.map((item, index) => fromWire(item, `${path}/${index}`, secretPaths));
    if (value !== null && typeof value === "object") {
        if (value[SIG_KEY] === SECRET_SIG) {
            secretPaths.push(path);
            return fromWire(value.value, path, secretPaths);
        }
        const result: Record<string, any> = {};
        for (const [key, item] of Object.entries(value)) result[key] = fromWire(item, `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, secretPaths);
        return result;
    }
    return value;
}

/** The customTimeouts a registration sent, without the empty ones. */
function timeoutsOf(timeouts: { getCreate(): string; getUpdate(): string } | undefined): Pick<Registration, "customTimeouts"> {
    if (!timeouts || (timeouts.getCreate() === "" && timeouts.getUpdate() === "")) return {};
    return { customTimeouts: { ...(timeouts.getCreate() ? { create: timeouts.getCreate() } : {}), ...(timeouts.getUpdate() ? { update: timeouts.getUpdate() } : {}) } };
}

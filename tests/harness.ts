/**
 * Test helpers over the library's own program capture (components/synth/capture.ts): run a
 * program under Pulumi's mock monitor and look up what it registered.
 */
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { CaptureOptions, Registration, captureProgram } from "../components/synth/capture";

export type Registered = Registration;

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

export type RunOptions = CaptureOptions;

export async function runProgram(program: () => unknown, options: RunOptions = {}): Promise<Run> {
    const capture = await captureProgram(program, options);
    const resources = capture.registrations;
    return {
        resources,
        error: capture.error,
        warnings: capture.warnings,
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
    const run = await runProgram(async () => {
        const exported = require(resolved);
        // As Pulumi's Node.js host: an exported function is the program, its result the outputs.
        exports = exported instanceof Function ? await exported() : exported;
    }, options);
    return { ...run, exports };
}

/** A stack config file's `config:` block in the form `pulumi.runtime.setAllConfig` takes. */
export function stackConfig(file: string): Record<string, string> {
    const values = (parse(fs.readFileSync(file, "utf8"))?.config ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
}

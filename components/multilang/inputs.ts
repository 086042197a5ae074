/**
 * What the multi-language components receive, made plain: a Construct call passes every input
 * that has a dependency, a secret or an unknown as an Output (at the top or at the leaf where it
 * is), while the planner needs placement, names and member lists as plain values. Those fields
 * are awaited here, before anything is constructed; templates keep their Outputs (the planner
 * defers them).
 */
import * as pulumi from "@pulumi/pulumi";
import { FederationError } from "../errors";
import { MAX_NESTING } from "../planning/bounded";

/** The Output members the SDK has had for years but keeps out of its public typings. */
interface OutputInternals<T> {
    isKnown: Promise<boolean>;
    promise(): Promise<T>;
}

/**
 * The value with every Output in it awaited. An Output unknown during preview is an error naming
 * the field: these fields decide what is registered, so they cannot wait for `pulumi up`.
 */
export async function plainValue(value: unknown, resource: string, field: string, depth = 0): Promise<unknown> {
    if (depth > MAX_NESTING) throw new FederationError({ resource, field }, `nests deeper than ${MAX_NESTING} levels`);
    if (pulumi.isUnknown(value)) throw unknownDuringPreview(resource, field);
    if (pulumi.Output.isInstance(value)) {
        const output = value as unknown as OutputInternals<unknown>;
        if (!(await output.isKnown)) throw unknownDuringPreview(resource, field);
        return plainValue(await output.promise(), resource, field, depth + 1);
    }
    if (value instanceof Promise) return plainValue(await value, resource, field, depth + 1);
    if (Array.isArray(value)) return Promise.all(value.map((item, index) => plainValue(item, resource, `${field}[${index}]`, depth + 1)));
    if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await plainValue(item, resource, `${field}.${key}`, depth + 1)] as const));
        return Object.fromEntries(entries);
    }
    return value;
}

/** A required string field, awaited. */
export async function plainString(value: unknown, resource: string, field: string): Promise<string> {
    const plain = await plainValue(value, resource, field);
    // What it got is described, never shown: the value may have come as a secret.
    if (typeof plain !== "string" || plain.length === 0) throw new FederationError({ resource, field }, `must be a non-empty string, got ${plain === undefined ? "nothing" : plain === "" ? "an empty string" : plain === null ? "null" : Array.isArray(plain) ? "a list" : `a ${typeof plain}`}`);
    return plain;
}

/** The value itself awaited when it is an Output or a Promise; what it holds stays as it is. */
export async function plainTop(value: unknown, resource: string, field: string): Promise<unknown> {
    for (let depth = 0; pulumi.Output.isInstance(value) || value instanceof Promise || pulumi.isUnknown(value); depth++) {
        if (pulumi.isUnknown(value)) throw unknownDuringPreview(resource, field);
        if (depth > MAX_NESTING) throw new FederationError({ resource, field }, `nests deeper than ${MAX_NESTING} levels`);
        if (value instanceof Promise) {
            value = await value;
            continue;
        }
        const output = value as unknown as OutputInternals<unknown>;
        if (!(await output.isKnown)) throw unknownDuringPreview(resource, field);
        value = await output.promise();
    }
    return value;
}

/**
 * For every output of a failed component but the first: the SDK's provider server fails whatever
 * Construct is in flight with any unhandled rejection, so one component's error must reach the
 * engine once, through its first output, and never through a second one later.
 */
export function quiet<T>(fallback: T): () => T {
    return () => fallback;
}

/**
 * A list awaited at its top and at each item's, then each object item mapped by `item` (other
 * items are left for the TypeScript component's own checks to refuse, naming the field).
 */
export async function eachEntry(list: unknown, resource: string, field: string, item: (entry: Record<string, unknown>, at: string) => Promise<unknown>): Promise<unknown> {
    const plain = await plainTop(list, resource, field);
    if (!Array.isArray(plain)) return plain;
    return Promise.all(plain.map(async (value, index) => {
        const at = `${field}[${index}]`;
        const entry = await plainTop(value, resource, at);
        return entry === null || typeof entry !== "object" || Array.isArray(entry) ? entry : item(entry as Record<string, unknown>, at);
    }));
}

function unknownDuringPreview(resource: string, field: string): FederationError {
    return new FederationError({ resource, field }, "is only known after the update, but it decides what is registered: give a value known during preview");
}

/** The paths of a template that name the object: they decide what is registered, so they stay plain. */
const IDENTITY_PATHS = new Set(["apiVersion", "kind", "metadata.name", "metadata.namespace"]);

/**
 * A template given whole as an Output, awaited (plainTop), with the secret flag it had kept: a
 * secret template's every leaf becomes a secret Output again, but for the fields that name the
 * object (the planner needs them plain; they are never secret data). Without this, awaiting the
 * Output would send a secret template's values to the cluster objects and the state in plain text.
 */
export async function plainTemplate(value: unknown, resource: string, field: string): Promise<unknown> {
    const secret = pulumi.Output.isInstance(value) && (await (value as unknown as { isSecret: Promise<boolean> }).isSecret);
    const plain = await plainTop(value, resource, field);
    return secret ? secretLeaves(plain, "") : plain;
}

function secretLeaves(value: unknown, path: string): unknown {
    if (IDENTITY_PATHS.has(path)) return value;
    if (Array.isArray(value)) return value.map((item, index) => secretLeaves(item, `${path}[${index}]`));
    if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, secretLeaves(item, path ? `${path}.${key}` : key)]));
    }
    return value === undefined || value === null ? value : pulumi.secret(value);
}

/**
 * The shape checks every public component and function makes first, so that a missing or
 * mistyped argument is a FederationError naming it, never a TypeError from deeper down.
 */
import { FederationError } from "../errors";
import { describeType } from "./names";
import { isPlainObject } from "./opaque";
import { suggestion } from "./suggest";

/**
 * Component names become Pulumi names and, by default, object names: a non-empty string. `type`
 * is the component's class name (e.g. "FederatedConfigMap").
 */
export function checkComponentName(type: string, name: unknown): asserts name is string {
    if (typeof name !== "string") {
        throw new FederationError({ resource: type, field: "name" }, `a component name must be a string, got ${describeType(name)}`);
    }
    if (name.length === 0) throw new FederationError({ resource: `${type} ""`, field: "name" }, "a component name must not be empty");
}

/** `args` is an object whose keys are all in `known` (the first unknown one is the error's field). */
export function checkArgumentNames(resource: string, args: unknown, known: readonly string[]): asserts args is Record<string, unknown> {
    if (!isPlainObject(args)) {
        throw new FederationError({ resource }, `needs an arguments object (${known.join(", ")}), got ${describeType(args)}`);
    }
    const unknown = Object.keys(args).find((key) => !known.includes(key));
    if (unknown !== undefined) {
        throw new FederationError({ resource, field: unknown }, `is not an argument (expected ${known.join(", ")})${suggestion(unknown, known)}`);
    }
}

/** What a public function's parameter must be; "?" after it: may be left out. */
type ParameterKind = "string" | "number" | "boolean" | "object" | "array" | "object|array" | "any";

const KIND_WORDS: Record<ParameterKind, string> = {
    string: "a string",
    number: "a number",
    boolean: "true or false",
    object: "an object",
    array: "a list",
    "object|array": "an object or a list",
    any: "anything",
};

function hasKind(value: unknown, kind: ParameterKind): boolean {
    switch (kind) {
        case "string": return typeof value === "string";
        case "number": return typeof value === "number" && Number.isFinite(value);
        case "boolean": return typeof value === "boolean";
        case "object": return value !== null && typeof value === "object" && !Array.isArray(value);
        case "array": return Array.isArray(value);
        case "object|array": return value !== null && typeof value === "object";
        case "any": return true;
    }
}

/**
 * The public form of a pure function: its parameters (`"name: kind"`, `"name: kind?"`) are
 * checked first, so that a missing or mistyped argument is a FederationError naming the function
 * and the parameter instead of a TypeError from inside. The library's own code calls the
 * functions directly.
 */
export function withCheckedArguments<F extends (...args: any[]) => any>(name: string, parameters: readonly string[], fn: F): F {
    const specs = parameters.map((parameter) => {
        const [param, written] = parameter.split(":").map((part) => part.trim());
        return { param, kind: written.replace(/\?$/, "") as ParameterKind, optional: written.endsWith("?") };
    });
    const checked = function (this: unknown, ...args: unknown[]) {
        specs.forEach(({ param, kind, optional }, index) => {
            const value = args[index];
            if (value === undefined && optional) return;
            if (!hasKind(value, kind)) {
                throw new FederationError({ resource: name, field: param }, `must be ${KIND_WORDS[kind]}, got ${describeType(value)}`);
            }
        });
        return fn.apply(this, args);
    };
    Object.defineProperty(checked, "name", { value: name });
    return checked as unknown as F;
}

/** The options that are set: `{ x: undefined }` must not undo a default. */
export function definedOnly<T extends object>(options: T | undefined): Partial<T> {
    return Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}

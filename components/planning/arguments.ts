/**
 * The shape checks every public component and function makes first, so that a missing or
 * mistyped argument is a FederationError naming it, never a TypeError from deeper down.
 */
import { FederationError } from "../errors";
import { describeType } from "./names";
import { isPlainObject } from "./opaque";

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
        throw new FederationError({ resource, field: unknown }, `is not an argument (expected ${known.join(", ")})`);
    }
}

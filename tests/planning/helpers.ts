/**
 * Shared assertions for the planning-core tests. Not a test file itself (no `.test.ts`), so
 * mocha only loads it through the imports of the test files.
 */

export { ExpectedError } from "../federationErrors";
/** Runs `run` and checks that it throws a FederationError with exactly this location. */
export { expectFederationError as assertFederationError } from "../federationErrors";

/** Freezes the plain objects and arrays of `value`, recursively (opaque values are left alone). */
export function deepFreeze<T>(value: T): T {
    if (Array.isArray(value)) {
        value.forEach(deepFreeze);
        Object.freeze(value);
    } else if (value !== null && typeof value === "object") {
        const proto = Object.getPrototypeOf(value);
        if (proto === Object.prototype || proto === null) {
            Object.values(value).forEach(deepFreeze);
            Object.freeze(value);
        }
    }
    return value;
}

/** A value the planner must treat as opaque (a class instance), standing in for a Pulumi Output. */
export class Box {
    constructor(public v: unknown) {}
}

/** What a fake `defer` stands for: `transform(resolved value)`, wrapped so that it stays opaque. */
export class Deferred {
    constructor(public result: unknown) {}
}

export interface DeferCall {
    value: unknown;
    resolved: unknown;
}

/**
 * A fake `Defer` that records its calls and "resolves" a Box to its `v` (and a Deferred to its
 * `result`, so that chained deferrals work), returning `new Deferred(transform(resolved))`.
 */
export function fakeDefer(): { defer: (value: unknown, transform: (resolved: unknown) => unknown) => unknown; calls: DeferCall[] } {
    const calls: DeferCall[] = [];
    const defer = (value: unknown, transform: (resolved: unknown) => unknown): unknown => {
        const resolved = value instanceof Box ? value.v : value instanceof Deferred ? value.result : value;
        calls.push({ value, resolved });
        return new Deferred(transform(resolved));
    };
    return { defer, calls };
}

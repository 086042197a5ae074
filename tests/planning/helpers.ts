/**
 * Shared assertions for the planning-core tests. Not a test file itself (no `.test.ts`), so
 * mocha only loads it through the imports of the test files.
 */
import { strict as assert } from "assert";
import { FederationError } from "../../components/errors";

export interface ExpectedError {
    /** Expected `.resource`; undefined means the error must carry none. */
    resource?: string;
    /** Expected `.cluster`; undefined means the error must carry none. */
    cluster?: string;
    /** Expected `.field`; undefined means the error must carry none. */
    field?: string;
    /** A distinctive part of the message (substring) or a pattern it must match. */
    message: string | RegExp;
}

/** Runs `run` and checks that it throws a FederationError with exactly this location. */
export function assertFederationError(run: () => unknown, expected: ExpectedError): void {
    let thrown: unknown;
    let threw = false;
    try {
        run();
    } catch (error) {
        threw = true;
        thrown = error;
    }
    assert.ok(threw, "expected a FederationError, but nothing was thrown");
    assert.ok(thrown instanceof FederationError, `expected a FederationError, got ${String(thrown)}`);
    assert.equal(thrown.resource, expected.resource, `resource of: ${thrown.message}`);
    assert.equal(thrown.cluster, expected.cluster, `cluster of: ${thrown.message}`);
    assert.equal(thrown.field, expected.field, `field of: ${thrown.message}`);
    if (typeof expected.message === "string") {
        assert.ok(thrown.message.includes(expected.message), `message ${JSON.stringify(thrown.message)} does not contain ${JSON.stringify(expected.message)}`);
    } else {
        assert.match(thrown.message, expected.message);
    }
}

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

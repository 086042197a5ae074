/**
 * The one assertion for FederationErrors, shared by every table test: the exact location
 * (resource, cluster, field), the message's "location: reason" form, and distinctive parts.
 */
import { strict as assert } from "assert";
import { FederationError } from "../components/errors";

export interface ExpectedError {
    /** Expected `.resource`; undefined means the error must carry none. */
    resource?: string;
    /** Expected `.cluster`; undefined means the error must carry none. */
    cluster?: string;
    /** Expected `.field`; undefined means the error must carry none. */
    field?: string;
    /** For manifests: the expected line (and column) of the field in its file. */
    line?: number;
    column?: number;
    /** Parts the message must contain (substrings) or a pattern it must match. */
    message: string | RegExp | (string | RegExp)[];
}

/** Runs `run` and checks that it throws a FederationError with exactly this location. */
export function expectFederationError(run: () => unknown, expected: ExpectedError): FederationError {
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
    // The message is the location, then the reason.
    if (expected.line !== undefined) assert.equal(thrown.position?.line, expected.line, `line of: ${thrown.message}`);
    if (expected.column !== undefined) assert.equal(thrown.position?.column, expected.column, `column of: ${thrown.message}`);
    const at = thrown.position ? ` at line ${thrown.position.line}, column ${thrown.position.column}` : "";
    const prefix = [
        expected.resource === undefined ? undefined : expected.resource + at,
        expected.cluster === undefined ? undefined : `cluster "${expected.cluster}"`,
        expected.field === undefined ? undefined : `field ${expected.field}`,
    ].filter((part) => part !== undefined);
    assert.equal(thrown.message, (prefix.length > 0 ? prefix.join(", ") + ": " : "") + thrown.reason);
    const parts = Array.isArray(expected.message) ? expected.message : [expected.message];
    for (const part of parts) {
        if (typeof part === "string") {
            assert.ok(thrown.message.includes(part), `message ${JSON.stringify(thrown.message)} does not contain ${JSON.stringify(part)}`);
        } else {
            assert.match(thrown.message, part);
        }
    }
    return thrown;
}

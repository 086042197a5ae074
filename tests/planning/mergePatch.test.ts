import { strict as assert } from "assert";
import { FederationErrorLocation } from "../../components/errors";
import { applyMergePatch, validateMergePatch } from "../../components/planning/mergePatch";
import { Box, Deferred, assertFederationError, deepFreeze, ExpectedError, fakeDefer } from "./helpers";

describe("planning/mergePatch: applyMergePatch (RFC 7396)", () => {
    const cases: { name: string; target: unknown; patch: unknown; expected: unknown }[] = [
        { name: "empty patch: an equal copy", target: { a: 1, b: { c: [1] } }, patch: {}, expected: { a: 1, b: { c: [1] } } },
        { name: "adds a new key", target: { a: 1 }, patch: { b: 2 }, expected: { a: 1, b: 2 } },
        { name: "objects merge key by key, recursively", target: { a: 1, b: { c: 1, d: { e: 1, f: 1 } } }, patch: { b: { d: { f: 2 } } }, expected: { a: 1, b: { c: 1, d: { e: 1, f: 2 } } } },
        { name: "null deletes a key", target: { a: 1, b: 2 }, patch: { a: null }, expected: { b: 2 } },
        { name: "null deletes a nested key", target: { m: { labels: { x: "1", y: "2" } } }, patch: { m: { labels: { x: null } } }, expected: { m: { labels: { y: "2" } } } },
        { name: "null for a missing key leaves no key behind", target: { a: 1 }, patch: { z: null }, expected: { a: 1 } },
        { name: "null inside a new object is dropped", target: {}, patch: { a: { b: null, c: 1 } }, expected: { a: { c: 1 } } },
        { name: "null deletes a whole object", target: { a: { b: 1 }, c: 1 }, patch: { a: null }, expected: { c: 1 } },
        { name: "lists replace, they do not merge", target: { l: [1, 2, 3] }, patch: { l: [4] }, expected: { l: [4] } },
        { name: "lists of objects replace, item by item merging does not happen", target: { l: [{ name: "a", image: "a:1" }] }, patch: { l: [{ image: "a:2" }] }, expected: { l: [{ image: "a:2" }] } },
        { name: "an empty list replaces a list", target: { l: [1] }, patch: { l: [] }, expected: { l: [] } },
        { name: "scalars replace", target: { a: 1, s: "x", t: true }, patch: { a: 2, s: "y", t: false }, expected: { a: 2, s: "y", t: false } },
        { name: "an object replaces a scalar", target: { a: 1 }, patch: { a: { b: 1 } }, expected: { a: { b: 1 } } },
        { name: "a scalar replaces an object", target: { a: { b: 1 } }, patch: { a: 5 }, expected: { a: 5 } },
        { name: "an object replaces a list (the list is not merged into)", target: { a: [1, 2] }, patch: { a: { b: 1 } }, expected: { a: { b: 1 } } },
        { name: "an object patch into a list merges into {}", target: { a: [{ x: 1 }] }, patch: { a: { "0": { y: 2 } } }, expected: { a: { "0": { y: 2 } } } },
        { name: "undefined keys are skipped, not deletions", target: { a: 1, b: 2 }, patch: { a: undefined, c: 3 }, expected: { a: 1, b: 2, c: 3 } },
        { name: "undefined nested keys are skipped", target: { m: { a: 1 } }, patch: { m: { a: undefined } }, expected: { m: { a: 1 } } },
        { name: "a non-object patch replaces the whole target", target: { a: 1 }, patch: ["x"], expected: ["x"] },
        { name: "a scalar patch replaces the whole target", target: { a: 1 }, patch: 7, expected: 7 },
        { name: "an object patch on a scalar target starts from {}", target: "text", patch: { a: 1 }, expected: { a: 1 } },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const target = deepFreeze(structuredClone(c.target));
            const patch = deepFreeze(c.patch);
            const result = applyMergePatch(target, patch);
            assert.deepStrictEqual(result, c.expected);
            assert.deepStrictEqual(target, c.target, "the target was changed");
            if (result !== null && typeof result === "object") assert.notEqual(result, target);
        });
    }

    it("values taken from the patch are copies (changing the result does not change the patch)", () => {
        const patch = { spec: { list: [{ a: 1 }] } };
        const result: any = applyMergePatch({}, patch);
        result.spec.list[0].a = 2;
        assert.deepStrictEqual(patch, { spec: { list: [{ a: 1 }] } });
    });
});

describe("planning/mergePatch: opaque values", () => {
    const cases: {
        name: string;
        build: () => { target: any; patch: any; refs: Record<string, any> };
        useDefer: boolean;
        expected: (refs: Record<string, any>) => unknown;
        same?: (result: any, refs: Record<string, any>) => [unknown, unknown][];
        deferValues?: (refs: Record<string, any>) => unknown[];
        untouched?: (refs: Record<string, any>) => [unknown, unknown][];
    }[] = [
        {
            name: "an opaque value in the target is carried by reference",
            build: () => {
                const secret = new Box({ p: 1 });
                return { target: { spec: { secret, replicas: 1 } }, patch: { spec: { replicas: 2 } }, refs: { secret } };
            },
            useDefer: true,
            expected: (r) => ({ spec: { secret: r.secret, replicas: 2 } }),
            same: (res, r) => [[res.spec.secret, r.secret]],
            deferValues: () => [],
        },
        {
            name: "an opaque value in the patch is inserted by reference",
            build: () => {
                const token = Promise.resolve("t");
                return { target: { spec: {} }, patch: { spec: { token, list: [token] } }, refs: { token } };
            },
            useDefer: false,
            expected: (r) => ({ spec: { token: r.token, list: [r.token] } }),
            same: (res, r) => [[res.spec.token, r.token], [res.spec.list[0], r.token]],
        },
        {
            name: "a scalar replaces an opaque value without defer",
            build: () => ({ target: { spec: { secret: new Box(1) } }, patch: { spec: { secret: "plain" } }, refs: {} }),
            useDefer: true,
            expected: () => ({ spec: { secret: "plain" } }),
            deferValues: () => [],
        },
        {
            name: "null deletes an opaque value without defer",
            build: () => ({ target: { spec: { secret: new Box(1), keep: 1 } }, patch: { spec: { secret: null } }, refs: {} }),
            useDefer: false,
            expected: () => ({ spec: { keep: 1 } }),
        },
        {
            name: "an object patch into an opaque value goes through defer and merges into the resolved value",
            build: () => {
                const labels = new Box({ a: "1", b: "2" });
                return { target: { metadata: { labels } }, patch: { metadata: { labels: { a: null, c: "3" } } }, refs: { labels } };
            },
            useDefer: true,
            expected: () => ({ metadata: { labels: new Deferred({ b: "2", c: "3" }) } }),
            deferValues: (r) => [r.labels],
            untouched: (r) => [[r.labels.v, { a: "1", b: "2" }]],
        },
        {
            name: "an opaque target as a whole goes through defer",
            build: () => {
                const whole = new Box({ a: 1 });
                return { target: whole, patch: { b: 2 }, refs: { whole } };
            },
            useDefer: true,
            expected: () => new Deferred({ a: 1, b: 2 }),
            deferValues: (r) => [r.whole],
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const { target, patch, refs } = c.build();
            deepFreeze(target);
            const { defer, calls } = fakeDefer();
            const result = applyMergePatch(target, patch, c.useDefer ? defer : undefined);
            assert.deepStrictEqual(result, c.expected(refs));
            for (const [actual, expected] of c.same?.(result, refs) ?? []) assert.equal(actual, expected);
            if (c.deferValues) {
                const want = c.deferValues(refs);
                assert.equal(calls.length, want.length, "number of defer calls");
                want.forEach((value, i) => assert.equal(calls[i].value, value));
            }
            for (const [actual, expected] of c.untouched?.(refs) ?? []) assert.deepStrictEqual(actual, expected);
        });
    }

    it("without defer, a patch through an opaque value is an error about deployment time", () => {
        assertFederationError(() => applyMergePatch({ spec: { secret: new Box({ a: 1 }) } }, { spec: { secret: { a: 2 } } }), {
            message: "the patch leads through /spec/secret, whose value is only known at deployment time",
        });
    });
});

describe("planning/mergePatch: validateMergePatch", () => {
    const loc: FederationErrorLocation = { resource: 'FederatedService "api"', cluster: "oslo", field: "overrides[3].patch" };
    const cases: { name: string; patch: unknown; location?: FederationErrorLocation; error?: ExpectedError }[] = [
        { name: "accepts {}", patch: {} },
        { name: "accepts spec and metadata labels/annotations", patch: { spec: { replicas: 2 }, metadata: { labels: { a: "b" }, annotations: { x: null } } } },
        { name: "accepts identity keys left undefined", patch: { apiVersion: undefined, metadata: { name: undefined } } },
        { name: "rejects apiVersion", patch: { apiVersion: "v2" }, error: { field: "patch.apiVersion", message: "apiVersion must be the same in every cluster and cannot be patched" } },
        { name: "rejects kind", patch: { kind: "StatefulSet" }, error: { field: "patch.kind", message: "kind must be the same in every cluster" } },
        { name: "rejects kind: null (a deletion)", patch: { kind: null }, error: { field: "patch.kind", message: "cannot be patched" } },
        { name: "rejects metadata.name", patch: { metadata: { name: "other" } }, error: { field: "patch.metadata.name", message: "metadata.name must be the same in every cluster" } },
        { name: "rejects metadata.namespace", patch: { metadata: { labels: {}, namespace: "other" } }, error: { field: "patch.metadata.namespace", message: "metadata.namespace must be the same in every cluster" } },
        { name: "rejects metadata.generateName", patch: { metadata: { generateName: "x-" } }, error: { field: "patch.metadata.generateName", message: "metadata.generateName must be the same" } },
        { name: "rejects metadata: null", patch: { metadata: null }, error: { field: "patch.metadata", message: "metadata cannot be removed" } },
        { name: "rejects an opaque metadata", patch: { metadata: new Box({}) }, error: { field: "patch.metadata", message: "must be a plain object in a patch" } },
        { name: "rejects a list patch", patch: [{ spec: {} }], error: { message: "a patch is a partial of the template (an object), got an array" } },
        { name: "rejects a string patch", patch: "spec.replicas=2", error: { message: 'got string "spec.replicas=2"' } },
        { name: "rejects a null patch", patch: null, error: { message: "got null" } },
        {
            name: "with a location: field under the given patch field, resource and cluster kept",
            patch: { metadata: { namespace: "x" } },
            location: loc,
            error: { resource: 'FederatedService "api"', cluster: "oslo", field: "overrides[3].patch.metadata.namespace", message: "cannot be patched" },
        },
        {
            name: "with a location: non-object patch gets the location's field",
            patch: 3,
            location: loc,
            error: { resource: 'FederatedService "api"', cluster: "oslo", field: "overrides[3].patch", message: "got number 3" },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            if (c.error) assertFederationError(() => validateMergePatch(c.patch, c.location), c.error);
            else assert.equal(validateMergePatch(c.patch, c.location), undefined);
        });
    }
});

describe("planning/mergePatch: keys named __proto__", () => {
    // Was a bug (the "__proto__" key replaced the result's prototype: the data vanished from
    // serialization and the object stopped being plain); fixed with setOwn in dcb328f.
    it('a "__proto__" key in a patch becomes an own key, not a prototype change', () => {
        const result: any = applyMergePatch({ spec: {} }, JSON.parse('{"spec":{"__proto__":{"injected":true}}}'));
        assert.equal(Object.getPrototypeOf(result.spec), Object.prototype);
        assert.equal(result.spec.injected, undefined);
        assert.deepStrictEqual(result, JSON.parse('{"spec":{"__proto__":{"injected":true}}}'));
    });
});

/**
 * No public function crashes on a wrong argument shape (issue 10, class 2): every function the
 * package exports, called with nothing, numbers, strings, empty objects or nulls, either answers
 * or throws a FederationError naming itself and the parameter; never a TypeError or RangeError.
 */
import { strict as assert } from "assert";
import * as fed from "../components";

const exported = fed as unknown as Record<string, unknown>;
const functions = Object.keys(exported).filter((name) => typeof exported[name] === "function" && !/^[A-Z]/.test(name)).sort();
const WRONG: unknown[][] = [[], [undefined, undefined, undefined], [42, 42, 42], ["x", "x", "x"], [{}, {}, {}], [null, null, null], [[], [], []]];

describe("public functions refuse wrong argument shapes with a FederationError", () => {
    it("covers every exported function", () => {
        assert.ok(functions.length >= 40, `${functions.length} exported functions`);
    });
    for (const name of functions) {
        it(name, () => {
            for (const args of WRONG) {
                try {
                    (exported[name] as (...a: unknown[]) => unknown)(...args);
                } catch (error) {
                    assert.ok(error instanceof fed.FederationError, `${name}(${args.map((a) => JSON.stringify(a)).join(", ")}) threw ${(error as Error).name}: ${(error as Error).message}`);
                    assert.ok(error.message.length > 0);
                }
            }
        });
    }
    it("names the function and the parameter", () => {
        assert.throws(() => fed.matchesSelector(undefined as any, {}), (error: unknown) =>
            error instanceof fed.FederationError && error.resource === "matchesSelector" && error.field === "selector" && /must be an object, got nothing/.test(error.message));
    });
});

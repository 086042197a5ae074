import { strict as assert } from "assert";
import { FederationError } from "../../components/errors";
import { validateClusterOverrides } from "../../components/planning/overrides";

/** The reason validateClusterOverrides gives for one replace of `path`. */
function refusal(path: string, value: unknown = "x"): string {
    try {
        validateClusterOverrides([{ path, value }], { resource: 'FederatedDeployment "web"', cluster: "eu", field: "overrides[0]" });
    } catch (error) {
        assert.ok(error instanceof FederationError, String(error));
        assert.equal(error.field, "overrides[0].clusterOverrides[0].path");
        return error.reason;
    }
    assert.fail(`an override of ${path} was not refused`);
}

describe("planning/overrides: the advice when an override would change an identity field", () => {
    // A string has no fields below it: the advice is another federated object, never "fields below it".
    const leaves: { path: string; guarded: string; advice: string }[] = [
        { path: "/metadata/name", guarded: "/metadata/name", advice: "To use another name in one cluster, declare another federated object with that name placed on that cluster (and leave that cluster out of this one's placement)" },
        { path: "/metadata/namespace", guarded: "/metadata/namespace", advice: "To use another namespace in one cluster, declare another federated object in that namespace placed on that cluster" },
        { path: "/kind", guarded: "/kind", advice: "To use another kind in one cluster, declare another federated object of that kind placed on that cluster" },
        { path: "/metadata/generateName", guarded: "/metadata/generateName", advice: "To use another name in one cluster, declare another federated object with that name" },
        // A path inside the string is no better: there is nothing below it.
        { path: "/metadata/name/first", guarded: "/metadata/name", advice: "To use another name in one cluster" },
    ];
    for (const c of leaves) {
        it(`${c.path}: a string, so another federated object`, () => {
            const reason = refusal(c.path);
            assert.ok(reason.startsWith(`"${c.path}" would change ${c.guarded}, which must be the same in every cluster: it is a string, with no fields below it to override. `), reason);
            assert.ok(reason.includes(c.advice), reason);
            assert.ok(!reason.includes("override fields below it"), reason);
        });
    }

    // An object above the identity field does have fields below it: override those.
    it("/metadata: an object, so override the fields below it", () => {
        const reason = refusal("/metadata", { name: "web-eu", labels: { tier: "edge" } });
        assert.equal(reason, '"/metadata" would change /metadata/name, which must be the same in every cluster; override fields below it instead (such as "/metadata/labels/<key>"), leaving /metadata/name as it is');
    });

    it("paths beside the identity fields are not refused", () => {
        for (const path of ["/metadata/labels", "/metadata/labels/name", "/metadata/annotations/kind", "/spec/template/metadata/name"]) {
            assert.doesNotThrow(() => validateClusterOverrides([{ path, value: "x" }]), path);
        }
    });
});

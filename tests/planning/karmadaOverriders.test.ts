/**
 * Karmada's overriders as Karmada applies them (components/planning/overriders.ts,
 * fieldOverrider.ts): fieldOverrider on JSON and YAML held in a string, plaintext JSON patch
 * (strict, null for a left-out value, the value of a remove ignored), labels replace of a missing
 * key skipped and noted, Karmada's order image → … → field → plaintext. Cases written from
 * Karmada's documented behaviour.
 */
import { strict as assert } from "assert";
import { applyOverrides } from "../../components/planning/overrides";
import { Overriders, overridersPlan } from "../../components/planning/overriders";
import { planResource } from "../../components/planning/resourcePlan";
import { assertFederationError, deepFreeze, ExpectedError } from "./helpers";

const configMap = (data: Record<string, string>) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app", namespace: "shop", labels: { app: "shop" } }, data });
const YAML_CONFIG = "# settings\nserver:\n  port: 8080\n  hosts:\n    - a\n    - b\nlog: info\n";
const JSON_CONFIG = '{"z":1,"server":{"port":8080},"note":"<b>"}';

function applied(object: Record<string, unknown>, overriders: Overriders): Record<string, unknown> {
    const plan = overridersPlan(deepFreeze(object), deepFreeze(overriders));
    return applyOverrides(applyOverrides(object, plan.operations), plan.plaintext, { replaceMissing: "error" });
}

describe("planning/overriders: Karmada's fieldOverrider", () => {
    const cases: { name: string; data: Record<string, string>; overriders: Overriders; expected: Record<string, string> }[] = [
        {
            name: "yaml replace: the document comes back as yaml.v2 writes it (keys sorted, list items level with their key, comments gone)",
            data: { "config.yaml": YAML_CONFIG },
            overriders: { fieldOverrider: [{ fieldPath: "/data/config.yaml", yaml: [{ subPath: "/server/port", operator: "replace", value: 9090 }] }] },
            expected: { "config.yaml": "log: info\nserver:\n  hosts:\n  - a\n  - b\n  port: 9090\n" },
        },
        {
            name: "yaml add and remove, in order",
            data: { "config.yaml": YAML_CONFIG },
            overriders: { fieldOverrider: [{ fieldPath: "/data/config.yaml", yaml: [{ subPath: "/server/hosts/-", operator: "add", value: "c" }, { subPath: "/log", operator: "remove" }] }] },
            expected: { "config.yaml": "server:\n  hosts:\n  - a\n  - b\n  - c\n  port: 8080\n" },
        },
        {
            name: "json: compact, in the document's key order, new keys last, <>& escaped as Go escapes them",
            data: { "config.json": JSON_CONFIG },
            overriders: { fieldOverrider: [{ fieldPath: "/data/config.json", json: [{ subPath: "/server/port", operator: "replace", value: 9090 }, { subPath: "/added", operator: "add", value: "x&y" }] }] },
            expected: { "config.json": '{"z":1,"server":{"port":9090},"note":"\\u003cb\\u003e","added":"x\\u0026y"}' },
        },
        {
            name: "a key with a slash is reached through ~1",
            data: { "a/b.json": '{"k":1}' },
            overriders: { fieldOverrider: [{ fieldPath: "/data/a~1b.json", json: [{ subPath: "/k", operator: "replace", value: 2 }] }] },
            expected: { "a/b.json": '{"k":2}' },
        },
    ];
    for (const c of cases) {
        it(c.name, () => assert.deepEqual(applied(configMap(c.data), c.overriders).data, c.expected));
    }

    const errors: { name: string; data: Record<string, string>; overriders: Overriders; error: ExpectedError }[] = [
        {
            name: "replace of a key the document lacks (json-patch v5, as Karmada)",
            data: { "config.yaml": YAML_CONFIG },
            overriders: { fieldOverrider: [{ fieldPath: "/data/config.yaml", yaml: [{ subPath: "/server/tls", operator: "replace", value: true }] }] },
            error: { field: "fieldOverrider[0].yaml[0]", message: ['cannot replace "/server/tls"', 'use operator "add"'] },
        },
        {
            name: "a field that is not a string",
            data: { "config.yaml": YAML_CONFIG },
            overriders: { fieldOverrider: [{ fieldPath: "/metadata/labels", yaml: [{ subPath: "/x", operator: "add", value: 1 }] }] },
            error: { field: "fieldOverrider[0].fieldPath", message: 'must be a string holding JSON or YAML, got an object (Karmada: "is not string")' },
        },
        {
            name: "a document nested absurdly deep",
            data: { "config.json": "[".repeat(5000) + "]".repeat(5000) },
            overriders: { fieldOverrider: [{ fieldPath: "/data/config.json", json: [{ subPath: "/0", operator: "remove" }] }] },
            error: { field: "fieldOverrider[0].fieldPath", message: "nests deeper than 100 levels" },
        },
        {
            name: "a YAML document whose aliases refer to themselves",
            data: { "config.yaml": "a: &x\n  b: *x\n" },
            overriders: { fieldOverrider: [{ fieldPath: "/data/config.yaml", yaml: [{ subPath: "/a", operator: "remove" }] }] },
            error: { field: "fieldOverrider[0].fieldPath", message: "the document in /data/config.yaml" },
        },
        {
            name: "a field that holds no JSON",
            data: { "config.json": "{not json" },
            overriders: { fieldOverrider: [{ fieldPath: "/data/config.json", json: [{ subPath: "/x", operator: "add", value: 1 }] }] },
            error: { field: "fieldOverrider[0].fieldPath", message: "/data/config.json does not hold JSON" },
        },
    ];
    for (const c of errors) it(`refuses ${c.name}`, () => assertFederationError(() => applied(configMap(c.data), c.overriders), c.error));
});

describe("planning/overriders: Karmada's plaintext", () => {
    const base = () => configMap({ a: "1" });
    it("applies add, replace and remove as written, after the other overriders", () => {
        const result = applied(base(), {
            labelsOverrider: [{ operator: "add", value: { tier: "gold" } }],
            plaintext: [
                { path: "/data/b", operator: "add", value: "2" },
                { path: "/metadata/labels/tier", operator: "replace", value: "silver" },
                { path: "/data/a", operator: "remove", value: "ignored, as Karmada ignores it" },
            ],
        });
        assert.deepEqual(result.data, { b: "2" });
        assert.deepEqual((result.metadata as { labels: unknown }).labels, { app: "shop", tier: "silver" });
    });
    it("a left-out value is null, as Karmada sends it", () => {
        assert.deepEqual(applied(base(), { plaintext: [{ path: "/data/a", operator: "replace" }] }).data, { a: null });
    });
    it("refuses a replace of a missing field, naming the operation", () => {
        assertFederationError(() => applied(base(), { plaintext: [{ path: "/data/a", operator: "replace", value: "x" }, { path: "/data/zz", operator: "replace", value: "y" }] }), {
            field: "plaintext[1]",
            message: 'cannot replace "/data/zz"',
        });
    });
});

describe("planning/overriders: labels and annotations replace skip what is missing, and the plan says so", () => {
    it("replace changes existing keys, skips the others key by key, and overridesApplied names them", () => {
        const plan = planResource({
            resource: 'FederatedConfigMap "app"', name: "app", apiVersion: "v1", kind: "ConfigMap", clusterScoped: false, namespace: "shop",
            template: { metadata: { labels: { app: "shop" } }, data: { a: "1" } },
            placement: { clusters: ["eu"] },
            overrides: [{ clusterName: "eu", overriders: { labelsOverrider: [{ operator: "replace", value: { app: "shop-eu", team: "payments" } }] } }],
            members: [{ name: "eu", labels: {} }],
        });
        assert.deepEqual((plan.objects[0].object.metadata as { labels: unknown }).labels, { app: "shop-eu" });
        assert.deepEqual(plan.objects[0].overridesApplied, [
            "replace /metadata/labels/app",
            'skipped replace of label "team": the object has no such label, and Karmada\'s replace never adds one (overrides[0].overriders.labelsOverrider[0])',
        ]);
    });
});

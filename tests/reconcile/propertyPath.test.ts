/**
 * Property paths as the Pulumi engine writes them in a preview's detailedDiff (`data.mode`,
 * `spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`): how they split into
 * segments, and the value a path reads, undefined wherever it leads nowhere, never one inherited
 * from Object.prototype.
 */
import { strict as assert } from "assert";
import { pathSegments, valueAtPath } from "../../components/reconcile/propertyPath";

describe("reconcile/propertyPath: the segments of a property path", () => {
    const cases: Array<{ name: string; path: string; segments: Array<string | number> }> = [
        { name: "a dotted path", path: "data.mode", segments: ["data", "mode"] },
        { name: "array indexes, as numbers", path: "spec.template.spec.containers[0].image", segments: ["spec", "template", "spec", "containers", 0, "image"] },
        { name: "indexes in a row", path: "matrix[1][2].cell", segments: ["matrix", 1, 2, "cell"] },
        { name: "a path starting with an index", path: "[3].name", segments: [3, "name"] },
        { name: "a quoted key holding dots and a slash (a label)", path: 'metadata.labels["app.kubernetes.io/name"]', segments: ["metadata", "labels", "app.kubernetes.io/name"] },
        { name: 'a quoted key holding an escaped quote (\\")', path: 'metadata.annotations["a\\"b"]', segments: ["metadata", "annotations", 'a"b'] },
        { name: "a quoted key holding brackets, then more path", path: 'data["x]y[z"].more', segments: ["data", "x]y[z", "more"] },
        { name: "a quoted key holding a backslash: kept as is (the engine escapes only quotes)", path: 'spec.map["a\\b"]', segments: ["spec", "map", "a\\b"] },
        { name: "a quoted key holding a backslash before a letter that JSON would read as an escape", path: 'spec.map["tab\\there"]', segments: ["spec", "map", "tab\\there"] },
        { name: "a quoted key holding a newline", path: 'spec.map["two\nlines"]', segments: ["spec", "map", "two\nlines"] },
        { name: "a quoted key holding only digits stays a string", path: 'data["0"]', segments: ["data", "0"] },
        { name: "a quoted key that is never closed takes the rest", path: 'data["open', segments: ["data", "open"] },
        { name: "an index that is never closed takes the rest", path: "items[7", segments: ["items", 7] },
        { name: "a non-numeric bracket is a key", path: "items[*].name", segments: ["items", "*", "name"] },
        { name: "the empty path has no segment", path: "", segments: [] },
        { name: "doubled dots are skipped", path: "a..b", segments: ["a", "b"] },
        { name: "a dot before a bracket (old providers write it)", path: 'metadata.["x.y"]', segments: ["metadata", "x.y"] },
        { name: "prototype names are plain segments", path: "__proto__.constructor.prototype", segments: ["__proto__", "constructor", "prototype"] },
    ];
    for (const c of cases) {
        it(`${c.name}: ${JSON.stringify(c.path)}`, () => assert.deepEqual(pathSegments(c.path), c.segments));
    }
});

describe("reconcile/propertyPath: the value a path reads", () => {
    const deployment = {
        kind: "Deployment",
        metadata: {
            labels: { "app.kubernetes.io/name": "web", app: "web" },
            annotations: { 'a"b': "quoted", "x]y": "bracketed" },
        },
        spec: {
            replicas: 3,
            paused: false,
            selector: null,
            template: { spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] } },
        },
        data: { "0": "zero", "a\\b": "backslashed" },
    };
    const cases: Array<{ name: string; root: unknown; path: string; value: unknown }> = [
        { name: "a nested field", root: deployment, path: "spec.replicas", value: 3 },
        { name: "a false value is a value", root: deployment, path: "spec.paused", value: false },
        { name: "a null value is a value", root: deployment, path: "spec.selector", value: null },
        { name: "through array indexes", root: deployment, path: "spec.template.spec.containers[0].ports[0].containerPort", value: 80 },
        { name: "a whole object", root: deployment, path: "spec.template.spec.containers[0].ports[0]", value: { containerPort: 80 } },
        { name: "a label key with dots", root: deployment, path: 'metadata.labels["app.kubernetes.io/name"]', value: "web" },
        { name: "an annotation key with a quote", root: deployment, path: 'metadata.annotations["a\\"b"]', value: "quoted" },
        { name: "an annotation key with a bracket", root: deployment, path: 'metadata.annotations["x]y"]', value: "bracketed" },
        { name: "a key with a backslash", root: deployment, path: 'data["a\\b"]', value: "backslashed" },
        { name: "a quoted digit key on an object", root: deployment, path: 'data["0"]', value: "zero" },
        { name: "the empty path: the root itself", root: deployment.spec.template, path: "", value: deployment.spec.template },
        { name: "a missing field", root: deployment, path: "spec.strategy", value: undefined },
        { name: "below a missing field", root: deployment, path: "spec.strategy.type", value: undefined },
        { name: "an index past the end", root: deployment, path: "spec.template.spec.containers[1].image", value: undefined },
        { name: "into a string", root: deployment, path: "kind.length", value: undefined },
        { name: "into a number", root: deployment, path: "spec.replicas.toFixed", value: undefined },
        { name: "into null", root: deployment, path: "spec.selector.matchLabels", value: undefined },
        { name: "from an undefined root", root: undefined, path: "spec", value: undefined },
        { name: "from a null root", root: null, path: "spec", value: undefined },
        { name: "a key of the unquoted label (the dots split it)", root: deployment, path: "metadata.labels.app.kubernetes.io/name", value: undefined },
    ];
    for (const c of cases) {
        it(`${c.name}: ${JSON.stringify(c.path)}`, () => assert.deepEqual(valueAtPath(c.root, c.path), c.value));
    }
});

describe("reconcile/propertyPath: prototype names reach only own properties", () => {
    const cases: Array<{ name: string; root: unknown; path: string; value: unknown }> = [
        { name: "constructor on an empty object", root: {}, path: "constructor", value: undefined },
        { name: "__proto__ on an empty object", root: {}, path: "__proto__", value: undefined },
        { name: "through __proto__ to Object.prototype's members", root: {}, path: "__proto__.hasOwnProperty", value: undefined },
        { name: "constructor.prototype", root: { spec: {} }, path: "spec.constructor.prototype", value: undefined },
        { name: "toString", root: { data: {} }, path: "data.toString", value: undefined },
        { name: "a quoted __proto__", root: {}, path: '["__proto__"]', value: undefined },
        { name: "an array's methods", root: { items: [1, 2] }, path: "items.map", value: undefined },
        { name: "an own __proto__ key (as JSON.parse makes one) is read", root: JSON.parse('{"data":{"__proto__":{"x":1}}}'), path: "data.__proto__.x", value: 1 },
        { name: "an own constructor key is read", root: { data: { constructor: "mine" } }, path: "data.constructor", value: "mine" },
    ];
    for (const c of cases) {
        it(`${c.name}: ${JSON.stringify(c.path)}`, () => assert.deepEqual(valueAtPath(c.root, c.path), c.value));
    }

    it("reading never changes Object.prototype", () => {
        valueAtPath(JSON.parse('{"__proto__":{"polluted":true}}'), "__proto__.polluted");
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
});

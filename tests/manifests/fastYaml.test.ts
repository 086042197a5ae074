/**
 * The fast manifest reader (js-yaml, fastYaml.ts) reads every text exactly as the reader of
 * record (`yaml`, YAML 1.1, one stream) does: the same documents, indices, lines and objects, or
 * the same error at the same position. Compared on a table of the cases where YAML readers differ
 * and on every YAML file of this repository (and KubeFed's samples, when present).
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { FederationError } from "../../components";
import { readFast, splitDocuments } from "../../components/manifests/fastYaml";
import { parseManifestText, parseManifestTextWithYaml } from "../../components/manifests/load";
import { fieldPosition } from "../../components/manifests/positions";

/** What a reading gave: the documents, or the error (message and position). */
function reading(read: () => ReturnType<typeof parseManifestText>) {
    try {
        return { documents: read().map(({ source, index, item, line, object }) => ({ source, index, item, line, object })) };
    } catch (error) {
        if (!(error instanceof FederationError)) throw error;
        return { error: error.message, position: error.position };
    }
}

/** The reading, and the warnings `yaml` emitted on the way (a non-string key), which must be the same too. */
function withWarnings(read: () => ReturnType<typeof parseManifestText>) {
    const warnings: string[] = [];
    const emit = process.emitWarning;
    process.emitWarning = ((warning: string | Error) => { warnings.push(String(warning)); }) as typeof process.emitWarning;
    try {
        return { ...reading(read), warnings };
    } finally {
        process.emitWarning = emit;
    }
}

function sameReading(text: string, what: string): void {
    const fast = withWarnings(() => parseManifestText(text, "m.yaml"));
    const reference = withWarnings(() => parseManifestTextWithYaml(text, "m.yaml"));
    assert.deepStrictEqual(fast, reference, `${what}: the fast reader and yaml disagree on\n${text.slice(0, 400)}`);
}

/** Plain scalars, each as a value and as a key: YAML 1.1's resolution, as `yaml` does it. */
const SCALARS = [
    "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N", "true", "True", "TRUE", "false", "False", "FALSE", "yES", "oN",
    "0644", "0o644", "00", "08", "09", "0_", "0_7", "+0644", "-0644", "0x1F", "0X1F", "-0x1f", "0b101", "-0b1_0", "1_000", "+12", "-0", "0", "007", "9007199254740993", "1e3", "1E3",
    "1.5e-3", "-1.5E+3", ".5", "5.", ".", "1.0", "1.50", "1_0.5", ".inf", "-.inf", "+.Inf", ".INF", ".nan", ".NaN", ".NAN", "-.nan", "1:30", "-1:30:00", "1:30.5", "190:20:30",
    "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2001-12-14-foo", "~", "null", "Null", "NULL", "nULL", "0.1.2", "1.2.3.4", "v1", "1Gi", "100m",
    "500Mi", "nginx:1.27", "-", "=", "hello world", "a:b", "http://example.com/x?y=1", "#notacomment", "value # comment", "'quoted'", '"quoted"', '"0644"', "'yes'",
];

const DOCUMENTS: { what: string; text: string }[] = [
    { what: "two documents", text: "a: 1\n---\nb: 2\n" },
    { what: "comments before the first", text: "# c\n\na: 1\n---\n# x\nb: 2\n---\n" },
    { what: "an end marker, comments, then the next", text: "---\na: 1\n...\n# after\n---\nb: 2\n" },
    { what: "a root block scalar after ---", text: "\n\n  a: 1\n--- |\n  text\n---\n" },
    { what: "a directive", text: "%YAML 1.1\n---\na: 1\n" },
    { what: "only an end marker", text: "a: 1\n...\n" },
    { what: "only a comment", text: "# only\n" },
    { what: "nothing", text: "" },
    { what: "two empty documents", text: "---\n---\n" },
    { what: "a lone end marker makes an empty document", text: "a: 1\n--- # c\nb: 2\n...\n...\nc: 3\n" },
    { what: "content after an end marker", text: "a: 1\n...\nb: 2\n" },
    { what: "--- with content on its line", text: "--- {a: 1, b: [x, y]}\n--- [1, 2]\n--- plain\n" },
    { what: "a marker-like line inside a block scalar is not one", text: "a: |\n  ---\n  text\nb: 2\n" },
    { what: "--- at column 0 inside a quoted scalar ends the document (an error)", text: 'a: "one\n---\ntwo"\n' },
    { what: "--- inside a flow mapping (an error)", text: "a: {b: 1,\n---\nc: 2}\n" },
    { what: "----- is content, not a marker", text: "a: 1\n-----\n" },
    { what: "CRLF line ends", text: "a: 1\r\nb: [x, y]\r\n---\r\nc: |\r\n  text\r\n" },
    { what: "a byte order mark", text: "\uFEFFa: 1\n---\nb: 2\n" },
    { what: "block scalars", text: "a: |\n  x\n  y\nb: |-\n  x\nc: |+\n  x\n\nd: >\n  folded\n  text\n\n  para\ne: >-\n  x\nf: |2\n    indented\n" },
    { what: "multi-line plain and quoted scalars", text: "a: one\n  two\n\n  three\nb: 'it''s\n  folded'\nc: \"esc\\t\\u00e9\\x41\\\n  joined\"\n" },
    { what: "nested sequences and flow", text: "a:\n- - x\n  - y\n- {k: v}\n- []\n- {}\nb: [1, {c: [2, 3]}]\n" },
    { what: "anchors and aliases", text: "a: &x {b: 1}\nc: *x\n" },
    { what: "merge keys", text: "base: &b {x: 1}\nd:\n  <<: *b\n  y: 2\n" },
    { what: "a tag", text: "a: !!str 0644\nb: !!binary aGk=\n" },
    { what: "a null key", text: "~: a\nnull: b\n" },
    { what: "an empty key", text: ": a\n" },
    { what: "a complex key", text: "? [a, b]\n: c\n" },
    { what: "a flow key", text: "[a, b]: c\n" },
    { what: "scalar keys", text: "1: a\n0644: b\nyes: c\n1.50: d\n.inf: e\n\"q\": f\n" },
    { what: "duplicate keys", text: "a: 1\na: 2\n" },
    { what: "keys equal once stringified", text: "1: a\n\"1\": b\n" },
    { what: "a __proto__ key", text: "__proto__: {polluted: true}\nmetadata: {__proto__: x}\n" },
    { what: "tabs", text: "a:\t1\nb: \"x\ty\"\n" },
    { what: "a tab in indentation (an error)", text: "a:\n\tb: 1\n" },
    { what: "a nested mapping on one line (an error)", text: "apiVersion: v1\nkind: ConfigMap\nspec: placement: x\n" },
    { what: "an unclosed flow mapping (an error)", text: "a: {b: 1\n---\nc: 2\n" },
    { what: "bad indentation (an error)", text: "a:\n  b: 1\n c: 2\n" },
    { what: "a document that is a list", text: "- a\n- b\n" },
    { what: "a document that is a scalar", text: "just text\n" },
    { what: "deep nesting", text: "a: " + "[".repeat(200) + "]".repeat(200) + "\n" },
    { what: "unicode", text: "name: café\nemoji: \"\\U0001F600\"\nja: 日本語\n" },
    { what: "long lines", text: `a: ${"x".repeat(10000)}\nb: "${"y".repeat(10000)}"\n` },
    { what: "comments everywhere", text: "# head\na: 1 # one\n# mid\nb:   # empty\n  - x # item\n# tail\n" },
    { what: "trailing comments after the last document", text: "a: 1\n---\nb: 2\n# tail\n\n" },
    { what: "comments between an end marker and the end", text: "a: 1\n...\n# tail\n" },
];

describe("manifests/fastYaml: the fast reader reads as yaml does", () => {
    it("plain scalars resolve by YAML 1.1 as yaml resolves them, as values and as keys", () => {
        for (const scalar of SCALARS) {
            sameReading(`v: ${scalar}\n`, `value ${scalar}`);
            sameReading(`- ${scalar}\n`, `item ${scalar}`);
            sameReading(`${scalar}: v\n`, `key ${scalar}`);
            sameReading(`m: {k: ${scalar}}\n`, `flow value ${scalar}`);
        }
    });

    for (const { what, text } of DOCUMENTS) {
        it(`${what}: the same documents, or the same error at the same place`, () => {
            sameReading(text, what);
            sameReading(`apiVersion: v1\nkind: ConfigMap\n---\n${text}`, `${what}, after a document`);
            sameReading(`${text}${text.endsWith("\n") || text === "" ? "" : "\n"}---\napiVersion: v1\nkind: ConfigMap\n`, `${what}, before a document`);
        });
    }

    it("every YAML file of this repository (and KubeFed's samples, when present)", () => {
        const root = path.join(__dirname, "..", "..");
        const files: string[] = [];
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                if (["node_modules", ".git", "dist", "api"].includes(entry.name)) continue;
                const full = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(full);
                else if (/\.ya?ml$/.test(entry.name)) files.push(full);
            }
        };
        walk(root);
        const samples = [process.env.PEER_DATA, path.join(root, "..", "shared", "peer-data")].find((dir) => dir && fs.existsSync(dir));
        if (samples) walk(samples);
        assert.ok(files.length > 60, `found ${files.length} files`);
        for (const file of files) sameReading(fs.readFileSync(file, "utf8"), path.relative(root, file));
    });

    it("goes the fast way for ordinary manifests (the comparison above is not of yaml with itself)", () => {
        const manifest = "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: {name: a, namespace: shop}\nspec:\n  template: {data: {mode: '0644', on: yes}}\n  placement: {clusters: [{name: c1}]}\n";
        assert.deepEqual(readFast(manifest)?.value, { apiVersion: "types.kubefed.io/v1beta1", kind: "FederatedConfigMap", metadata: { name: "a", namespace: "shop" }, spec: { template: { data: { mode: "0644", true: true } }, placement: { clusters: [{ name: "c1" }] } } });
        for (const kept of ["a: &x 1\n", "a: !!str 1\n", "a: 2001-12-14\n", "a: 1:30\n", "~: a\n", "a:\n\tb: 1\n", "a: {b\n"]) {
            assert.equal(readFast(kept), undefined, `${JSON.stringify(kept)} is left to yaml`);
        }
        assert.deepEqual(splitDocuments("# c\na: 1\n---\nb: 2\n...\n# d\n"), [{ start: 0, end: 9, documentStart: 4, documentLine: 2 }, { start: 9, end: 26, documentStart: 9, documentLine: 3 }]);
        assert.equal(splitDocuments("%YAML 1.1\n---\na: 1\n"), undefined, "a directive: the whole text is read by yaml");
    });

    it("an error in the last of many documents is placed by parsing that document alone", () => {
        const documents = Array.from({ length: 200 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata: {i: "${i}"}\n`);
        const text = documents.join("---\n");
        const read = parseManifestText(text, "many.yaml");
        const last = read[read.length - 1];
        // The field's line in the whole file, though only the last document's text was parsed.
        assert.deepEqual(fieldPosition(last.object, "data.i"), { source: "many.yaml", line: 199 * 5 + 4, column: 8 });
    });
});

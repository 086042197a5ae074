import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { loadFederationManifests, manifestFiles, parseManifestText } from "../../components/manifests/load";
import { expectFederationError, ExpectedError, tempFolder } from "./helpers";

/** [index, line, object] of each document, in order. */
type Summary = [number, number, Record<string, unknown>][];
const summarize = (documents: ReturnType<typeof parseManifestText>): Summary => documents.map((d) => [d.index, d.line, d.object]);

describe("manifests/load: parseManifestText reads documents", () => {
    const cases: { name: string; text: string; expected: Summary }[] = [
        {
            name: "one document, starting on line 1",
            text: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n",
            expected: [[0, 1, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "one" } }]],
        },
        {
            name: "several documents, each with its index; a document after --- starts on the --- line",
            text: "kind: A\n---\nkind: B\nnum: 2\n---\nkind: C\n",
            expected: [
                [0, 1, { kind: "A" }],
                [1, 2, { kind: "B", num: 2 }],
                [2, 5, { kind: "C" }],
            ],
        },
        {
            name: "a leading --- is the first document's start",
            text: "---\nkind: A\n---\nkind: B\n",
            expected: [
                [0, 1, { kind: "A" }],
                [1, 3, { kind: "B" }],
            ],
        },
        {
            name: "comments before the first document are not its start",
            text: "# fleet manifests\n# second comment line\n\nkind: A\n",
            expected: [[0, 4, { kind: "A" }]],
        },
        {
            name: "empty documents, comment-only documents and a trailing --- are skipped but still counted",
            text: "kind: A\n---\n---\n# nothing but a comment\n---\nkind: D\n---\n",
            expected: [
                [0, 1, { kind: "A" }],
                [3, 5, { kind: "D" }],
            ],
        },
        {
            name: "a null document (~) is skipped",
            text: "~\n---\nkind: B\n",
            expected: [[1, 2, { kind: "B" }]],
        },
        { name: "empty text has no documents", text: "", expected: [] },
        { name: "only whitespace and comments has no documents", text: "\n  \n# just a note\n", expected: [] },
        { name: "a lone --- has no documents", text: "---\n", expected: [] },
        {
            name: "the ... end marker closes a document",
            text: "kind: A\n...\n---\nkind: B\n",
            expected: [
                [0, 1, { kind: "A" }],
                [1, 3, { kind: "B" }],
            ],
        },
        {
            name: "anchors and aliases are resolved to plain values",
            text: "base: &labels\n  app: web\ncopy: *labels\n",
            expected: [[0, 1, { base: { app: "web" }, copy: { app: "web" } }]],
        },
        {
            name: "YAML 1.1 as kubectl reads it: yes/on are booleans, 0644 is octal, quoted values stay strings",
            text: "a: yes\nb: on\nc: true\nd: 3\ne: '3'\nf: 1.5\nmode: 0644\ng: 'yes'\n",
            expected: [[0, 1, { a: true, b: true, c: true, d: 3, e: "3", f: 1.5, mode: 420, g: "yes" }]],
        },
        {
            name: "YAML merge keys (<<) merge the anchored mapping, as kubectl does",
            text: "base: &base { image: redis, port: 6379 }\ncontainer:\n  <<: *base\n  name: cache\n",
            expected: [[0, 1, { base: { image: "redis", port: 6379 }, container: { image: "redis", port: 6379, name: "cache" } }]],
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            assert.deepStrictEqual(summarize(parseManifestText(c.text, "fleet.yaml")), c.expected);
        });
    }

    it("reads the items of a v1 List (kubectl get -o yaml) as manifests, each named by document and item", () => {
        const documents = parseManifestText("apiVersion: v1\nkind: List\nitems:\n  - { kind: A }\n  - { kind: B }\n---\nkind: C\n", "export.yaml");
        assert.deepStrictEqual(documents.map((d) => [d.index, d.item, d.object.kind]), [[0, 0, "A"], [0, 1, "B"], [1, undefined, "C"]]);
    });

    it("an alias bomb is a FederationError naming the document", () => {
        const bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
        expectFederationError(() => parseManifestText(bomb, "bomb.yaml"), { resource: "bomb.yaml document 0 (line 1)", message: "cannot be read" });
    });

    it("records the source on every document", () => {
        const documents = parseManifestText("kind: A\n---\nkind: B\n", "dir/apps.yaml");
        assert.deepStrictEqual(
            documents.map((d) => d.source),
            ["dir/apps.yaml", "dir/apps.yaml"],
        );
    });
});

describe("manifests/load: parseManifestText rejects", () => {
    const cases: { name: string; text: string; error: ExpectedError }[] = [
        {
            name: "a tab used as indentation, at its line and column",
            text: "kind: A\n---\nkind: B\nspec:\n\treplicas: 2\n",
            error: { resource: "fleet.yaml:5:1", message: ["YAML syntax error in document 1", "Tabs"] },
        },
        {
            name: "a duplicate key, at the repeated key",
            text: "kind: A\nmetadata:\n  name: x\n  name: y\n",
            error: { resource: "fleet.yaml:4:3", message: ["YAML syntax error in document 0", "unique"] },
        },
        {
            name: "an unclosed flow list in the third document",
            text: "kind: A\n---\nkind: B\n---\nkind: C\nitems: [1, 2\nnext: 3\n",
            error: { resource: "fleet.yaml:7:1", message: "YAML syntax error in document 2" },
        },
        {
            name: "a list document",
            text: "- kind: A\n- kind: B\n",
            error: { resource: "fleet.yaml document 0 (line 1)", message: "a manifest must be a mapping with apiVersion, kind and metadata" },
        },
        {
            name: "a scalar document after a good one",
            text: "kind: A\n---\njust some words\n",
            error: { resource: "fleet.yaml document 1 (line 2)", message: "a manifest must be a mapping" },
        },
        {
            name: "a number document after an empty one",
            text: "kind: A\n---\n---\n42\n",
            error: { resource: "fleet.yaml document 2 (line 3)", message: "a manifest must be a mapping" },
        },
        {
            name: "a boolean document",
            text: "false\n",
            error: { resource: "fleet.yaml document 0 (line 1)", message: "a manifest must be a mapping" },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            expectFederationError(() => parseManifestText(c.text, "fleet.yaml"), c.error);
        });
    }

    it("the syntax error message is one line", () => {
        const error = expectFederationError(() => parseManifestText("a: [1,\n", "x.yaml"), { resource: "x.yaml:2:1", message: "YAML syntax error in document 0" });
        assert.ok(!error.message.includes("\n"), error.message);
    });
});

describe("manifests/load: manifestFiles", () => {
    let dir = "";
    let cleanup = () => {};
    beforeEach(() => {
        ({ dir, cleanup } = tempFolder());
    });
    afterEach(() => cleanup());

    const write = (name: string, text = "kind: A\n") => {
        const file = path.join(dir, name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
        return file;
    };

    it("expands a folder to its .yaml and .yml files in name order, ignoring other files", () => {
        for (const name of ["10-late.yaml", "02-app.yml", "01-ns.yaml", "README.md", "notes.txt", "old.yaml.bak", "yaml", "Makefile"]) write(name);
        assert.deepStrictEqual(manifestFiles([dir]), [path.join(dir, "01-ns.yaml"), path.join(dir, "02-app.yml"), path.join(dir, "10-late.yaml")]);
    });

    it("does not descend into sub-folders", () => {
        write("a.yaml");
        write("nested/b.yaml");
        assert.deepStrictEqual(manifestFiles([dir]), [path.join(dir, "a.yaml")]);
    });

    it("keeps a file named directly, whatever its extension, in the order given", () => {
        const b = write("b.yaml");
        const txt = write("extra.manifest");
        const a = write("a.yaml");
        assert.deepStrictEqual(manifestFiles([b, txt, a]), [b, txt, a]);
    });

    it("lists named files and folders in the order given", () => {
        const first = write("z-first.yaml");
        write("sub/a.yaml");
        write("sub/b.yml");
        assert.deepStrictEqual(manifestFiles([first, path.join(dir, "sub")]), [first, path.join(dir, "sub", "a.yaml"), path.join(dir, "sub", "b.yml")]);
    });

    it("reads a file named twice once", () => {
        const a = write("a.yaml");
        const b = write("b.yaml");
        assert.deepStrictEqual(manifestFiles([a, b, a]), [a, b]);
    });

    it("reads a file that is named and also inside a named folder once", () => {
        const a = write("a.yaml");
        const b = write("b.yaml");
        assert.deepStrictEqual(manifestFiles([b, dir]), [b, a]);
    });

    it("no paths: no files", () => {
        assert.deepStrictEqual(manifestFiles([]), []);
    });

    it("a missing path is an error naming it", () => {
        write("a.yaml");
        const missing = path.join(dir, "nope.yaml");
        expectFederationError(() => manifestFiles([path.join(dir, "a.yaml"), missing]), { resource: missing, message: "no such manifest file or folder" });
    });

    it("a folder's .json files are manifests too (JSON is YAML)", () => {
        write("a.json", '{"kind": "A"}');
        write("b.yaml", "kind: B\n");
        assert.deepStrictEqual(loadFederationManifests([dir]).map((d) => d.object.kind), ["A", "B"]);
    });

    it("an empty folder is an error naming it", () => {
        const empty = path.join(dir, "empty");
        fs.mkdirSync(empty);
        expectFederationError(() => manifestFiles([empty]), { resource: empty, message: "the folder has no .yaml, .yml or .json files" });
    });

    it("a folder with only non-manifest files is an error naming it", () => {
        write("README.md");
        write("notes.txt", "{}");
        expectFederationError(() => manifestFiles([dir]), { resource: dir, message: "the folder has no .yaml, .yml or .json files" });
    });

    // Was a bug: manifestFiles de-duplicates by the path string, so the same file named in two spellings
    // (`<dir>/./a.yaml`, a relative path, or via its folder) is listed — and loaded — twice, and
    // planFederation then reports the file as federating its own objects twice.
    it("reads the same file once however its path is spelled", () => {
        const a = write("a.yaml");
        const relative = path.relative(process.cwd(), a);
        assert.deepStrictEqual(manifestFiles([dir, `${dir}/./a.yaml`, relative]), [a]);
    });

    // Was a bug: a sub-folder whose name ends in .yaml is listed as a file, and loadFederationManifests
    // then fails with a raw EISDIR error instead of ignoring it (or throwing a FederationError).
    it("ignores a sub-folder whose name ends in .yaml", () => {
        const a = write("a.yaml");
        fs.mkdirSync(path.join(dir, "charts.yaml"));
        assert.deepStrictEqual(manifestFiles([dir]), [a]);
        assert.equal(loadFederationManifests([dir]).length, 1);
    });
});

describe("manifests/load: loadFederationManifests", () => {
    let dir = "";
    let cleanup = () => {};
    beforeEach(() => {
        ({ dir, cleanup } = tempFolder());
    });
    afterEach(() => cleanup());

    it("reads text with the source <inline> unless one is given", () => {
        assert.deepStrictEqual(
            loadFederationManifests("kind: A\n---\nkind: B\n").map((d) => [d.source, d.index, d.line, d.object]),
            [
                ["<inline>", 0, 1, { kind: "A" }],
                ["<inline>", 1, 2, { kind: "B" }],
            ],
        );
        assert.deepStrictEqual(
            loadFederationManifests("kind: A\n", "stdin").map((d) => d.source),
            ["stdin"],
        );
    });

    it("a string is always YAML text, never a path", () => {
        const file = path.join(dir, "a.yaml");
        fs.writeFileSync(file, "kind: A\n");
        // The path itself is a YAML scalar, so it is not a mapping.
        expectFederationError(() => loadFederationManifests(file), { resource: "<inline> document 0 (line 1)", message: "a manifest must be a mapping" });
    });

    it("reads files and folders, each document with its file, per-file index and per-file line", () => {
        fs.writeFileSync(path.join(dir, "b-apps.yaml"), "# apps\nkind: B1\n---\nkind: B2\n");
        fs.writeFileSync(path.join(dir, "a-ns.yml"), "kind: A1\n---\n---\nkind: A3\n");
        fs.writeFileSync(path.join(dir, "skip.txt"), '{"kind": "J"}');
        const single = path.join(dir, "single.manifest");
        fs.writeFileSync(single, "kind: S\n");
        const documents = loadFederationManifests([single, dir]);
        assert.deepStrictEqual(
            documents.map((d) => [d.source, d.index, d.line, d.object.kind]),
            [
                [single, 0, 1, "S"],
                [path.join(dir, "a-ns.yml"), 0, 1, "A1"],
                [path.join(dir, "a-ns.yml"), 2, 3, "A3"],
                [path.join(dir, "b-apps.yaml"), 0, 2, "B1"],
                [path.join(dir, "b-apps.yaml"), 1, 3, "B2"],
            ],
        );
    });

    it("reads a file named twice once", () => {
        const file = path.join(dir, "a.yaml");
        fs.writeFileSync(file, "kind: A\n---\nkind: B\n");
        assert.deepStrictEqual(
            loadFederationManifests([file, dir, file]).map((d) => [d.source, d.object.kind]),
            [
                [file, "A"],
                [file, "B"],
            ],
        );
    });

    it("a syntax error in a file names the file, line and column", () => {
        fs.writeFileSync(path.join(dir, "a.yaml"), "kind: A\n");
        const bad = path.join(dir, "b.yaml");
        fs.writeFileSync(bad, "kind: B\n---\nkind: C\nmetadata:\n  name: c\n  name: d\n");
        expectFederationError(() => loadFederationManifests([dir]), { resource: `${bad}:6:3`, message: "YAML syntax error in document 1" });
    });

    it("a non-mapping document in a file names the file, document and line", () => {
        const bad = path.join(dir, "list.yaml");
        fs.writeFileSync(bad, "# comment\nkind: A\n---\n- 1\n");
        expectFederationError(() => loadFederationManifests([bad]), { resource: `${bad} document 1 (line 3)`, message: "a manifest must be a mapping" });
    });

    it("a missing file is a FederationError naming it", () => {
        const missing = path.join(dir, "gone.yaml");
        expectFederationError(() => loadFederationManifests([missing]), { resource: missing, message: "no such manifest file or folder" });
    });

    it("reads the kubefed-redis example folder", () => {
        const folder = path.join(__dirname, "..", "..", "examples", "kubefed-redis");
        const documents = loadFederationManifests([folder]);
        assert.deepStrictEqual(
            documents.map((d) => [path.basename(d.source), d.index, d.line, d.object.kind, (d.object.metadata as any).name]),
            [
                ["01-federated-namespace.yaml", 0, 3, "FederatedNamespace", "federated-namespace"],
                ["02-redis.yaml", 0, 2, "FederatedDeployment", "redis"],
            ],
        );
    });
});

/**
 * Names never become paths, and synth never goes through a link (issue 25, classes 1 and 2).
 * Kinds, names, namespaces, provider names and cluster identifiers are encoded into file and
 * folder names that stay inside the output folder and that the next run reads back; names that
 * are one file on macOS or Windows are an error before anything is written; a symbolic link in
 * the output folder is refused, naming it, and what it points to is never written, shown or
 * removed.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Capture, Registration } from "../../components/synth/capture";
import { clusterObjects } from "../../components/synth/objects";
import { KARMADA_FOLDER } from "../../components/synth/karmadaReview";
import { MAX_COMPONENT_BYTES, collisionKey, encodePathComponent, isEncodedComponent } from "../../components/synth/pathNames";
import { RECORD_FILE, Rendering, checkNothingInTheWay, readRendering, removeRendering, renderObjects, writeRendering } from "../../components/synth/render";
import { diffRenderings, hasChanges } from "../../components/synth/diff";
import { synthesize } from "../../components/synth/synth";
import { scratchProject } from "./scratchProject";


let work: string;
beforeEach(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), "synth-paths-")); });
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

/** The user's --out, and the stack folder synth renders to in it. */
const outRoot = () => path.join(work, "out");
const stackDir = () => path.join(outRoot(), "dev");

/** Every entry under `folder` (links not followed), relative to it with "/". */
function tree(folder: string): string[] {
    if (!fs.existsSync(folder)) return [];
    return (fs.readdirSync(folder, { recursive: true }) as string[]).map((entry) => entry.split(path.sep).join("/")).sort();
}

/** A safe component: what every written folder and file name must be. */
function assertSafe(name: string, what: string): void {
    assert.ok(name !== "" && name !== "." && name !== ".." && !name.startsWith("."), `${what}: ${JSON.stringify(name)}`);
    assert.doesNotMatch(name, /[/\\\u0000-\u001f\u007f-\u009f]/, what);
    assert.ok(Buffer.byteLength(name) <= MAX_COMPONENT_BYTES, `${what}: ${Buffer.byteLength(name)} bytes`);
    assert.ok(isEncodedComponent(name), what);
}

describe("encodePathComponent", () => {
    const unchanged = ["demo-deployment-demo-web", "namespace-demo", "cluster1", "federated-namespace-deployment-redis", KARMADA_FOLDER, "a.b_c-D9"];
    for (const name of unchanged) it(`keeps the safe name ${name} byte-identical`, () => assert.equal(encodePathComponent(name), name));
    it("appends the suffix as it is", () => assert.equal(encodePathComponent("namespace-demo", ".yaml"), "namespace-demo.yaml"));

    const encoded: Array<[string, string]> = [
        ["../../x", "%2E.%2F..%2Fx"],
        ["a/b", "a%2Fb"],
        ["a\\b", "a%5Cb"],
        ["..", "%2E%2E"],
        [".", "%2E"],
        ["", "%"],
        [".hidden", "%2Ehidden"],
        ["trailing.", "trailing%2E"],
        ["line\nbreak", "line%0Abreak"],
        ["nul\u0000byte", "nul%00byte"],
        ["esc\u001b[31m", "esc%1B%5B31m"],
        ["system:aggregate-to-edit", "system%3Aaggregate-to-edit"],
        ["100%", "100%25"],
        ["café", "caf%C3%A9"],
        ["nul", "%6Eul"],
        ["COM1.txt", "%43OM1.txt"],
    ];
    for (const [text, expected] of encoded) it(`encodes ${JSON.stringify(text)} as ${expected}`, () => {
        assert.equal(encodePathComponent(text), expected);
        assertSafe(encodePathComponent(text), text);
    });

    it("never merges two names, and gives the same name every time", () => {
        const all = [...unchanged, ...encoded.map(([text]) => text), "%2E", "%", "a%2Fb"];
        const results = all.map((text) => encodePathComponent(text));
        assert.equal(new Set(results).size, all.length, results.join(" "));
        assert.deepEqual(all.map((text) => encodePathComponent(text)), results);
    });

    it("shortens a long name to MAX_COMPONENT_BYTES with a stable hash, never cutting a character", () => {
        const long = `${"n".repeat(63)}-configmap-${"x".repeat(253)}`;
        const file = encodePathComponent(long, ".yaml");
        assert.equal(Buffer.byteLength(file), MAX_COMPONENT_BYTES);
        assert.match(file, /^n{63}-configmap-x+-[0-9a-f]{10}\.yaml$/);
        assert.equal(encodePathComponent(long, ".yaml"), file, "stable");
        assert.notEqual(encodePathComponent(long.slice(0, -1) + "y", ".yaml"), file, "names that differ past the cut differ");
        const accents = encodePathComponent("é".repeat(80));
        assertSafe(accents, "accents");
        assert.match(accents, /^(%C3%A9)+-[0-9a-f]{10}$/, "whole characters only");
    });

    it("collisionKey: names that are one file on macOS or Windows have one key", () => {
        assert.equal(collisionKey("Web"), collisionKey("web"));
        assert.equal(collisionKey("caf\u00e9"), collisionKey("cafe\u0301"));
        assert.notEqual(collisionKey("web-1"), collisionKey("web-2"));
    });
});

/** A capture by hand: objects on raw providers (the provider's name or clusterIdentifier names the cluster). */
function capture(objects: Array<{ provider: string; clusterIdentifier?: string; kind: string; apiVersion?: string; name: string; namespace?: string }>): Capture {
    const base = { parent: "", dependencies: [], custom: true, secretPaths: [], retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [] };
    const registrations: Registration[] = [];
    for (const [index, object] of objects.entries()) {
        const providerUrn = `urn:pulumi:dev::p::pulumi:providers:kubernetes::provider${index}`;
        registrations.push({ ...base, type: "pulumi:providers:kubernetes", name: object.provider, urn: providerUrn, provider: "", inputs: object.clusterIdentifier === undefined ? {} : { clusterIdentifier: object.clusterIdentifier } });
        const inputs = { apiVersion: object.apiVersion ?? "v1", kind: object.kind, metadata: { name: object.name, ...(object.namespace === undefined ? {} : { namespace: object.namespace }) }, data: { index: String(index) } };
        registrations.push({ ...base, type: `kubernetes:core/v1:${object.kind}`, name: `object${index}`, urn: `urn:pulumi:dev::p::kubernetes:x::object${index}`, provider: `${providerUrn}::id`, inputs });
    }
    return { registrations, warnings: [], infos: [] };
}

/** What synth does with a capture: plan, render, compare, check, write into <out>/dev (root <out>). */
function synthOffline(captured: Capture): { rendering: Rendering; changed: boolean } {
    const planned = clusterObjects(captured);
    const rendering = renderObjects(planned.clusters, planned.objects);
    const previous = readRendering(stackDir(), outRoot());
    checkNothingInTheWay(stackDir(), rendering, undefined, outRoot());
    writeRendering(stackDir(), rendering, undefined, undefined, outRoot());
    return { rendering, changed: hasChanges(diffRenderings(previous, rendering)) };
}

describe("synth: names never become paths", () => {
    const long = "x".repeat(253);
    const cases: Array<[string, Parameters<typeof capture>[0]]> = [
        ["a kind ../../x", [{ provider: "cluster1", kind: "../../x", name: "web", namespace: "demo" }]],
        ["a kind ../../../../escaped", [{ provider: "cluster1", kind: "../../../../escaped", name: "web" }]],
        ["a name a/b", [{ provider: "cluster1", kind: "ConfigMap", name: "a/b", namespace: "demo" }]],
        ["names . and ..", [{ provider: "cluster1", kind: "ConfigMap", name: ".", namespace: ".." }, { provider: "cluster1", kind: "ConfigMap", name: "..", namespace: "." }]],
        ["names with control characters", [{ provider: "cluster1", kind: "ConfigMap", name: "line\nbreak", namespace: "demo" }, { provider: "cluster1", kind: "ConfigMap", name: "nul\u0000\u001b[2J", namespace: "demo" }]],
        ["a raw provider's name ../../escaped", [{ provider: "../../escaped", kind: "ConfigMap", name: "web", namespace: "demo" }]],
        ["a raw provider's name a/b and one named ..", [{ provider: "a/b", kind: "ConfigMap", name: "web", namespace: "demo" }, { provider: "..", kind: "ConfigMap", name: "web", namespace: "demo" }]],
        ["a clusterIdentifier with ..", [{ provider: "p", clusterIdentifier: "../../x/../escaped-id", kind: "ConfigMap", name: "web", namespace: "demo" }]],
        // Absolute, but inside the test's folder: code that took it for a path must not litter the machine.
        ["a clusterIdentifier that is an absolute path", [{ provider: "p", clusterIdentifier: "<work>/escaped", kind: "ConfigMap", name: "web", namespace: "demo" }]],
        ["a 253-character name in a 63-character namespace, on two clusters", [
            { provider: "cluster1", kind: "ConfigMap", name: long, namespace: "n".repeat(63) },
            { provider: "cluster2", kind: "ConfigMap", name: long, namespace: "n".repeat(63) },
            { provider: "cluster2", kind: "ConfigMap", name: long.slice(0, -1) + "y", namespace: "n".repeat(63) },
        ]],
    ];
    for (const [what, listed] of cases) {
        it(`${what}: every file lies in <out>/<stack>/<cluster>/, and the next run reads its own record`, () => {
            const objects = listed.map((object) => ({ ...object, clusterIdentifier: object.clusterIdentifier?.replace("<work>", work) }));
            const { rendering } = synthOffline(capture(objects));
            assert.deepEqual(fs.readdirSync(work), ["out"], "nothing beside the output folder");
            assert.deepEqual(fs.readdirSync(outRoot()), ["dev"], "nothing beside the stack folder");
            const written = tree(stackDir()).filter((entry) => entry !== RECORD_FILE);
            const files = written.filter((entry) => entry.includes("/"));
            assert.equal(files.length, objects.length, written.join("\n"));
            for (const entry of written) {
                const parts = entry.split("/");
                assert.ok(parts.length <= 2, entry);
                for (const part of parts) assertSafe(part, entry);
            }
            // The next run reads what this one wrote and finds nothing changed.
            const again = synthOffline(capture(objects));
            assert.equal(again.changed, false);
            assert.deepEqual(readRendering(stackDir(), outRoot()), new Map([...rendering].filter(([, entries]) => entries.size > 0)));
            assert.equal(removeRendering(stackDir(), outRoot()), objects.length);
            assert.deepEqual(tree(stackDir()), []);
        });
    }

    const collisions: Array<[string, Parameters<typeof capture>[0], RegExp]> = [
        ["a CRD kind's objects Web and web (case only)", [
            { provider: "cluster1", apiVersion: "example.com/v1", kind: "Widget", name: "Web", namespace: "demo" },
            { provider: "cluster1", apiVersion: "example.com/v1", kind: "Widget", name: "web", namespace: "demo" },
        ], /Widget demo\/web, cluster "cluster1": would be written to demo-widget-web\.yaml, which is on a case-insensitive file system \(macOS, Windows\) the file demo-widget-Web\.yaml of Widget demo\/Web/],
        ["names in Unicode NFC and NFD", [
            { provider: "cluster1", kind: "ConfigMap", name: "caf\u00e9", namespace: "demo" },
            { provider: "cluster1", kind: "ConfigMap", name: "cafe\u0301", namespace: "demo" },
        ], /ConfigMap demo\/caf\u00e9, cluster "cluster1": would be written to demo-configmap-caf%C3%A9\.yaml, as ConfigMap demo\/cafe\u0301 is/],
        ["clusters EU and eu", [
            { provider: "p1", clusterIdentifier: "EU", kind: "ConfigMap", name: "a", namespace: "demo" },
            { provider: "p2", clusterIdentifier: "eu", kind: "ConfigMap", name: "b", namespace: "demo" },
        ], /cluster "eu": would be rendered to the folder eu, which is on a case-insensitive file system \(macOS, Windows\) the folder EU of cluster EU/],
        ["a kind that is the same file once lower-cased", [
            { provider: "cluster1", apiVersion: "a.example.com/v1", kind: "Widget", name: "web", namespace: "demo" },
            { provider: "cluster1", apiVersion: "b.example.com/v1", kind: "WIDGET", name: "web", namespace: "demo" },
        ], /Widget demo\/web, cluster "cluster1": would be written to demo-widget-web\.yaml, as WIDGET demo\/web is/],
    ];
    for (const [what, objects, message] of collisions) {
        it(`${what}: an error naming both, before anything is written`, () => {
            assert.throws(() => synthOffline(capture(objects)), (error: Error) => error.name === "FederationError" && message.test(error.message) || assert.fail(error.message));
            assert.equal(fs.existsSync(outRoot()), false, "nothing was written");
        });
    }

    it("refuses a rendering whose names are not encoded, before writing anything", () => {
        for (const [cluster, file] of [["../x", "a.yaml"], ["cluster1", "../../a.yaml"], ["cluster1", ".hidden.yaml"], ["cluster1", `${"x".repeat(300)}.yaml`]]) {
            const rendering: Rendering = new Map([["cluster1", new Map([["ok.yaml", "a: 1\n"]])], [cluster, new Map([[file, "a: 1\n"]])]]);
            assert.throws(() => writeRendering(stackDir(), rendering, undefined, undefined, outRoot()), /is not an encoded file name/, `${cluster}/${file}`);
            assert.equal(fs.existsSync(outRoot()), false);
        }
    });

    it("refuses a record that lists names reaching outside their folder (the format is unchanged)", () => {
        for (const files of [{ "..": ["x.yaml"] }, { cluster1: ["../x.yaml"] }, { cluster1: ["a\u0000"] }, { "a/b": ["x.yaml"] }]) {
            fs.mkdirSync(stackDir(), { recursive: true });
            fs.writeFileSync(path.join(stackDir(), RECORD_FILE), JSON.stringify({ layout: "stack", files }));
            assert.throws(() => readRendering(stackDir(), outRoot()), /must list file names of that cluster's folder/, JSON.stringify(files));
            assert.throws(() => removeRendering(stackDir(), outRoot()), /must list file names of that cluster's folder/);
        }
    });
});

describe("synth: never through a link", () => {
    const one = (text = "a: 1\n"): Rendering => new Map([["cluster1", new Map([["demo-configmap-web.yaml", text]])]]);
    const outside = () => path.join(work, "outside");
    const SECRET = "password: hunter2-outside\n";
    const write = (rendering: Rendering) => writeRendering(stackDir(), rendering, undefined, undefined, outRoot());
    const linkError = /is a symbolic link: synth never writes, reads or deletes through a link/;
    beforeEach(() => {
        fs.mkdirSync(outside());
        fs.writeFileSync(path.join(outside(), "demo-configmap-web.yaml"), SECRET);
    });
    const outsideUntouched = () => assert.deepEqual([tree(outside()), fs.readFileSync(path.join(outside(), "demo-configmap-web.yaml"), "utf8")], [["demo-configmap-web.yaml"], SECRET]);

    it("refuses a cluster folder that is a link, in every step, naming it", () => {
        fs.mkdirSync(stackDir(), { recursive: true });
        fs.symlinkSync(outside(), path.join(stackDir(), "cluster1"), "dir");
        const named = new RegExp(`${path.join(stackDir(), "cluster1").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ${linkError.source}`);
        assert.throws(() => checkNothingInTheWay(stackDir(), one(), undefined, outRoot()), named);
        assert.throws(() => write(one()), named);
        // With synth's record listing the folder: neither the diff nor a removal goes through it.
        fs.writeFileSync(path.join(stackDir(), RECORD_FILE), JSON.stringify({ layout: "stack", files: { cluster1: ["demo-configmap-web.yaml"] } }));
        assert.throws(() => readRendering(stackDir(), outRoot()), named);
        assert.throws(() => write(new Map()), named);
        assert.throws(() => removeRendering(stackDir(), outRoot()), named);
        outsideUntouched();
    });

    it("refuses a file that is a link to a file outside: it is neither overwritten nor shown in a diff", () => {
        write(one());
        const target = path.join(stackDir(), "cluster1", "demo-configmap-web.yaml");
        fs.rmSync(target);
        fs.symlinkSync(path.join(outside(), "demo-configmap-web.yaml"), target);
        for (const step of [() => readRendering(stackDir(), outRoot()), () => write(one("a: 2\n")), () => write(new Map()), () => removeRendering(stackDir(), outRoot())]) {
            assert.throws(step, (error: Error) => linkError.test(error.message) && error.message.includes(target) && !error.message.includes("hunter2"));
        }
        outsideUntouched();
        assert.ok(fs.lstatSync(target).isSymbolicLink(), "the link itself stays too");
    });

    it("refuses a dangling link where a file would go: nothing is created where it points", () => {
        fs.mkdirSync(path.join(stackDir(), "cluster1"), { recursive: true });
        fs.symlinkSync(path.join(outside(), "created.yaml"), path.join(stackDir(), "cluster1", "demo-configmap-web.yaml"));
        assert.throws(() => write(one()), linkError);
        outsideUntouched();
    });

    it("refuses a stack folder or a record that is a link; the --out folder itself may be one", () => {
        fs.mkdirSync(outRoot());
        fs.symlinkSync(outside(), stackDir(), "dir");
        assert.throws(() => write(one()), new RegExp(`${path.basename(stackDir())}: ${linkError.source}`));
        fs.rmSync(stackDir());
        fs.mkdirSync(stackDir());
        fs.symlinkSync(path.join(outside(), "demo-configmap-web.yaml"), path.join(stackDir(), RECORD_FILE));
        assert.throws(() => readRendering(stackDir(), outRoot()), linkError);
        assert.throws(() => write(one()), linkError);
        outsideUntouched();
        // A user's --out that is a link to a folder of theirs: followed, as chosen.
        const chosen = path.join(work, "chosen");
        fs.mkdirSync(path.join(work, "real"));
        fs.symlinkSync(path.join(work, "real"), chosen, "dir");
        writeRendering(path.join(chosen, "dev"), one(), undefined, undefined, chosen);
        assert.deepEqual(tree(path.join(work, "real")), ["dev", `dev/${RECORD_FILE}`, "dev/cluster1", "dev/cluster1/demo-configmap-web.yaml"]);
    });
});

describe("synth end to end: hostile names and links", function () {
    this.timeout(0); // CPU-bound synth runs: no wall-clock limit on a shared machine
    let project: string;
    afterEach(() => fs.rmSync(project, { recursive: true, force: true }));
    const program = (body: string) => {
        project = scratchProject("paths", "index.js");
        fs.writeFileSync(path.join(project, "index.js"), `const k8s = require("@pulumi/kubernetes");\n${body}`);
    };

    it("renders a raw provider with a hostile clusterIdentifier and an object named from an Output inside <out>/dev", async () => {
        program(`const provider = new k8s.Provider("../../provider", { clusterIdentifier: "../../escaped" });
const name = new k8s.core.v1.ConfigMap("source", { metadata: { name: "source", namespace: "default" }, data: {} }).metadata.apply((m) => "../" + m.name + "/x");
new k8s.core.v1.ConfigMap("named", { metadata: { name, namespace: "default" }, data: { a: "b" } }, { provider });
`);
        const result = await synthesize({ directory: project, typeCheck: false });
        assert.equal(result.exitCode, 0, result.lines.join("\n"));
        assert.deepEqual(fs.readdirSync(project).sort(), ["Pulumi.dev.yaml", "Pulumi.yaml", "index.js", "node_modules", "rendered"]);
        assert.deepEqual(tree(path.join(project, "rendered")), [
            "dev",
            "dev/%2E.%2F..%2Fescaped",
            "dev/%2E.%2F..%2Fescaped/default-configmap-..%2Fsource%2Fx.yaml",
            `dev/${RECORD_FILE}`,
            "dev/default",
            "dev/default/default-configmap-source.yaml",
        ]);
        const again = await synthesize({ directory: project, typeCheck: false, mode: "check" });
        assert.equal(again.exitCode, 0, again.lines.join("\n"));
    });

    it("refuses case-only colliding names of a custom kind before writing anything", async () => {
        program(`for (const name of ["Web", "web"]) new k8s.apiextensions.CustomResource(name, { apiVersion: "example.com/v1", kind: "Widget", metadata: { name, namespace: "default" } });\n`);
        await assert.rejects(synthesize({ directory: project, typeCheck: false }), /Widget default\/web, cluster "default": would be written to default-widget-web\.yaml, which is on a case-insensitive file system \(macOS, Windows\) the file default-widget-Web\.yaml of Widget default\/Web/);
        assert.equal(fs.existsSync(path.join(project, "rendered")), false, "nothing was written");
    });

    it("never shows a linked file's content in --diff", async () => {
        program(`new k8s.core.v1.ConfigMap("web", { metadata: { name: "web", namespace: "default" }, data: { a: "b" } });\n`);
        assert.equal((await synthesize({ directory: project, typeCheck: false })).exitCode, 0);
        const target = path.join(project, "rendered", "dev", "default", "default-configmap-web.yaml");
        const elsewhere = path.join(project, "elsewhere.yaml");
        fs.writeFileSync(elsewhere, "data:\n  token: hunter2-elsewhere\n");
        fs.rmSync(target);
        fs.symlinkSync(elsewhere, target);
        await assert.rejects(synthesize({ directory: project, typeCheck: false, mode: "diff" }), (error: Error) => linkMessage(error, target));
        await assert.rejects(synthesize({ directory: project, typeCheck: false }), (error: Error) => linkMessage(error, target));
        assert.equal(fs.readFileSync(elsewhere, "utf8"), "data:\n  token: hunter2-elsewhere\n");
    });
});

function linkMessage(error: Error, target: string): boolean {
    return /is a symbolic link/.test(error.message) && error.message.includes(target) && !error.message.includes("hunter2");
}

/**
 * Each stack renders to its own folder (`<out>/<stack>/<cluster>/`): switching stacks never shows
 * another stack's objects as removed, a rendering of the layout before per-stack folders is
 * compared with and then cleaned, and a stack name never reaches outside the output folder.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { SynthOptions, synthesize } from "../../components/synth/synth";
import { RECORD_FILE } from "../../components/synth/render";

const root = path.join(__dirname, "..", "..");

let work: string;
beforeEach(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), "synth-stacks-")); });
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

const out = () => path.join(work, "rendered");
const synth = (options: SynthOptions) => synthesize({ directory: root, out: out(), typeCheck: false, ...options });

/** Every file under `folder`, relative to it, sorted. */
function tree(folder: string): string[] {
    if (!fs.existsSync(folder)) return [];
    return (fs.readdirSync(folder, { recursive: true }) as string[])
        .filter((entry) => fs.statSync(path.join(folder, entry)).isFile())
        .map((entry) => entry.split(path.sep).join("/"))
        .sort();
}

/** A one-member stack ("prod") with one federated ConfigMap. */
function prodStack(): string {
    const manifest = path.join(work, "settings.yaml");
    fs.writeFileSync(manifest, stringify({
        apiVersion: "types.kubefed.io/v1beta1",
        kind: "FederatedConfigMap",
        metadata: { name: "settings", namespace: "default" },
        spec: { template: { data: { mode: "prod" } }, placement: { clusterSelector: {} } },
    }));
    const file = path.join(work, "Pulumi.prod.yaml");
    fs.writeFileSync(file, stringify({ config: { "pulumi-federation:clusters": [{ name: "cluster1" }], "pulumi-federation:manifests": [manifest] } }));
    return file;
}

describe("synth: a folder per stack", () => {
    it("renders each stack to <out>/<stack>/, and switching stacks shows no other stack's objects as removed", async () => {
        const dev = await synth({ stack: "dev" });
        assert.equal(dev.exitCode, 0, dev.lines.join("\n"));
        assert.equal(dev.outDirectory, path.join(out(), "dev"));
        assert.match(dev.lines.join("\n"), new RegExp(`objects written to ${out()}/dev/ \\(cluster1: 2, cluster2: 2\\)`));

        const prod = await synth({ stack: "prod", configFile: prodStack() });
        assert.equal(prod.exitCode, 0, prod.lines.join("\n"));
        assert.doesNotMatch(prod.lines.join("\n"), /Changes against|removed|^ *- /m, "prod's first rendering is compared with nothing of dev's");
        assert.deepEqual(tree(path.join(out(), "prod")), [RECORD_FILE, "cluster1/default-configmap-settings.yaml"]);

        // Back to dev: its own folder is unchanged, and the diff says so.
        const again = await synth({ stack: "dev", mode: "check" });
        assert.equal(again.exitCode, 0, again.lines.join("\n"));
        assert.match(again.lines.join("\n"), /Changes against .*rendered\/dev\/ \(stack dev\):\ncluster1: no changes\ncluster2: no changes\ndiff: 0 added, 0 changed, 0 removed/);
        assert.equal(tree(path.join(out(), "dev")).length, 5);
    });

    it("compares with a rendering of the layout before per-stack folders, then removes only the files that rendering wrote", async () => {
        // The layout of earlier versions: <out>/<cluster>/ and synth's record directly in <out>.
        const scratch = path.join(work, "scratch");
        await synthesize({ directory: root, out: scratch, stack: "dev", typeCheck: false });
        fs.renameSync(path.join(scratch, "dev"), out());
        // Earlier versions' records had no layout mark.
        const record = JSON.parse(fs.readFileSync(path.join(out(), RECORD_FILE), "utf8"));
        fs.writeFileSync(path.join(out(), RECORD_FILE), JSON.stringify({ files: record.files }));
        const redis = path.join(out(), "cluster2", "federated-namespace-deployment-redis.yaml");
        fs.writeFileSync(redis, fs.readFileSync(redis, "utf8").replace("replicas: 2", "replicas: 9"));
        fs.writeFileSync(path.join(out(), "cluster1", "NOTES.md"), "mine\n");

        const diff = await synth({ stack: "dev", mode: "diff" });
        assert.match(diff.lines.join("\n"), /Changes against .*rendered\/ \(written before each stack had its own folder\):\ncluster1: no changes\ncluster2:\n  ~ Deployment federated-namespace\/redis\n      ~ \/spec\/replicas: 9 -> 2/);
        assert.ok(fs.existsSync(path.join(out(), RECORD_FILE)), "--diff writes and removes nothing");

        const written = await synth({ stack: "dev" });
        assert.equal(written.exitCode, 0, written.lines.join("\n"));
        assert.match(written.lines.join("\n"), /note: removed the 4 files synth had written to .*rendered\/<cluster>\/ before each stack had its own folder; stack dev renders to .*rendered\/dev\//);
        // The user's note stays (and so its folder); cluster2's folder held only synth's files.
        assert.deepEqual(tree(out()), [
            "cluster1/NOTES.md",
            `dev/${RECORD_FILE}`,
            "dev/cluster1/federated-namespace-deployment-redis.yaml",
            "dev/cluster1/namespace-federated-namespace.yaml",
            "dev/cluster2/federated-namespace-deployment-redis.yaml",
            "dev/cluster2/namespace-federated-namespace.yaml",
        ]);
    });

    it("takes a fully qualified stack name, and refuses one that would reach outside the output folder", async () => {
        const qualified = await synth({ stack: "acme/pulumi-federation/dev", mode: "diff" });
        assert.equal(qualified.outDirectory, path.join(out(), "dev"));
        for (const hostile of ["../../etc", "..", "dev/../../x", "a\\b", "", "x".repeat(101), "a/b/c/d"]) {
            await assert.rejects(synth({ stack: hostile }), /is not a stack name: letters, digits/, `stack ${JSON.stringify(hostile)}`);
        }
        assert.equal(fs.existsSync(out()), false, "nothing was written");
    });

    it("without synth's record, a file of the user's is never taken for synth's: refused in every mode, naming the object", async () => {
        // The user's own Deployment where synth's would go, and another YAML file beside it.
        const folder = path.join(out(), "dev", "cluster2");
        fs.mkdirSync(folder, { recursive: true });
        const mine = "# mine\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: redis\n  namespace: federated-namespace\nspec:\n  replicas: 99\n";
        fs.writeFileSync(path.join(folder, "federated-namespace-deployment-redis.yaml"), mine);
        fs.writeFileSync(path.join(folder, "old-thing.yaml"), "kind: Mine\n");
        for (const mode of ["write", "diff", "check"] as const) {
            await assert.rejects(synth({ stack: "dev", mode }), /federated-namespace-deployment-redis\.yaml, cluster "cluster2": exists and was not written by synth; it would be overwritten by the rendering of Deployment federated-namespace\/redis \(cluster2\)/, mode);
        }
        assert.equal(fs.readFileSync(path.join(folder, "federated-namespace-deployment-redis.yaml"), "utf8"), mine);
        fs.rmSync(path.join(folder, "federated-namespace-deployment-redis.yaml"));
        // Nothing unrecorded is "previous": the user's other file is neither diffed nor removed.
        const written = await synth({ stack: "dev" });
        assert.equal(written.exitCode, 0, written.lines.join("\n"));
        assert.doesNotMatch(written.lines.join("\n"), /old-thing|removed \(/);
        assert.equal(fs.readFileSync(path.join(folder, "old-thing.yaml"), "utf8"), "kind: Mine\n");
    });

    it("never takes a stack's own rendering for the layout before per-stack folders (--out pointing into it)", async () => {
        assert.equal((await synth({ stack: "dev" })).exitCode, 0);
        const before = tree(path.join(out(), "dev"));
        const nested = await synthesize({ directory: root, out: path.join(out(), "dev"), stack: "dev", typeCheck: false });
        assert.equal(nested.exitCode, 0, nested.lines.join("\n"));
        assert.doesNotMatch(nested.lines.join("\n"), /note: removed|before each stack had its own folder/);
        assert.deepEqual(tree(path.join(out(), "dev")).filter((file) => !file.startsWith("dev/")), before, "the dev stack's rendering is untouched");
    });
});

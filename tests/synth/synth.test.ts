/**
 * Offline synth end to end: the real stack program (index.ts) on the dev stack, written to a
 * temporary folder, then changed and diffed the way a user would.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments, stringify } from "yaml";
import { SynthOptions, synthesize } from "../../components/synth/synth";
import { RECORD_FILE } from "../../components/synth/render";
import { main } from "../../components/cli";

const root = path.join(__dirname, "..", "..");
const redisManifests = path.join(root, "examples", "kubefed-redis");

let work: string;
beforeEach(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), "synth-")); });
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

/** A stack config file in the temporary folder; manifests default to a copy we can edit. */
function stackFile(config: Record<string, unknown>): string {
    const file = path.join(work, "Pulumi.test.yaml");
    fs.writeFileSync(file, stringify({ config }));
    return file;
}

function copyManifests(): string {
    const copy = path.join(work, "manifests");
    fs.cpSync(redisManifests, copy, { recursive: true });
    return copy;
}

const devClusters = [
    { name: "cluster1", host: true, labels: { region: "eu-west" } },
    { name: "cluster2", labels: { region: "us-east" } },
];

function synth(options: SynthOptions) {
    // The type check has its own tests (typeCheck.test.ts); here it would only repeat itself.
    return synthesize({ directory: root, out: path.join(work, "rendered"), typeCheck: false, ...options });
}

/** The rendered files by `<cluster>/<file>` (synth's record of what it wrote left out). */
function files(directory: string): Record<string, string> {
    const result: Record<string, string> = {};
    for (const cluster of fs.readdirSync(directory).sort()) {
        if (cluster === RECORD_FILE) continue;
        for (const file of fs.readdirSync(path.join(directory, cluster)).sort()) {
            result[`${cluster}/${file}`] = fs.readFileSync(path.join(directory, cluster, file), "utf8");
        }
    }
    return result;
}

describe("synth on the dev stack", () => {
    it("writes each member's objects as YAML and prints a table per cluster and a summary", async () => {
        const result = await synth({ stack: "dev" });
        assert.equal(result.exitCode, 0, result.lines.join("\n"));
        const written = files(path.join(work, "rendered", "dev"));
        assert.deepEqual(Object.keys(written), [
            "cluster1/federated-namespace-deployment-redis.yaml",
            "cluster1/namespace-federated-namespace.yaml",
            "cluster2/federated-namespace-deployment-redis.yaml",
            "cluster2/namespace-federated-namespace.yaml",
        ]);
        assert.equal(written["cluster1/namespace-federated-namespace.yaml"], "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: federated-namespace\n");
        assert.match(written["cluster2/federated-namespace-deployment-redis.yaml"], /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n  annotations:\n    federation.example.com\/note: scaled-up-in-cluster2\n/);
        assert.match(written["cluster2/federated-namespace-deployment-redis.yaml"], /\n  replicas: 2\n/);
        assert.match(written["cluster1/federated-namespace-deployment-redis.yaml"], /\n  replicas: 1\n/);
        assert.match(written["cluster1/federated-namespace-deployment-redis.yaml"], /image: redis:alpine/);

        const out = result.lines.join("\n");
        assert.match(out, /^cluster2 \(2 objects\)$/m);
        assert.match(out, /^\s+Deployment\s+federated-namespace\s+redis\s+2\s+replace \/spec\/replicas, add \/metadata\/annotations$/m);
        assert.match(out, /^\s+Deployment\s+federated-namespace\s+redis\s+1\s+-$/m);
        assert.match(out, /synth: stack dev, 2 members, 4 objects written to .* \(cluster1: 2, cluster2: 2\)$/m);
        // The stack outputs, as `pulumi stack output` would show them, after the tables.
        assert.match(out, /\nStack outputs:\n  members: \[\{"host":true,"labels":\{"region":"eu-west"\},"name":"cluster1","state":"available"\},.*\n  placements: \{"FederatedDeployment\/federated-namespace\/redis":\["cluster1","cluster2"\],/);
        assert.doesNotMatch(out, /Changes against/, "no diff without a previous rendering");
    });

    it("is byte-for-byte repeatable, and reports no changes the second time", async () => {
        await synth({ stack: "dev" });
        const first = files(path.join(work, "rendered", "dev"));
        const again = await synth({ stack: "dev" });
        assert.deepEqual(files(path.join(work, "rendered", "dev")), first);
        assert.match(again.lines.join("\n"), /cluster1: no changes\ncluster2: no changes\ndiff: 0 added, 0 changed, 0 removed/);
    });

    it("gives the same files whatever the member order in config (replica ties included)", async () => {
        const manifests = copyManifests();
        // 3 replicas over 2 equal clusters: the odd one goes by hash, never by member order.
        fs.writeFileSync(
            path.join(manifests, "03-rsp.yaml"),
            stringify({
                apiVersion: "scheduling.kubefed.io/v1alpha1",
                kind: "ReplicaSchedulingPreference",
                metadata: { name: "redis", namespace: "federated-namespace" },
                spec: { targetKind: "FederatedDeployment", totalReplicas: 3, clusters: { "*": { weight: 1 } } },
            }),
        );
        const first = await synth({ configFile: stackFile({ "pulumi-federation:clusters": devClusters, "pulumi-federation:manifests": [manifests] }) });
        const inOrder = files(path.join(work, "rendered", "dev"));
        const replicas = Object.values(inOrder).join("").match(/replicas: \d+/g);
        assert.deepEqual([...(replicas ?? [])].sort(), ["replicas: 1", "replicas: 2"]);
        fs.rmSync(path.join(work, "rendered", "dev"), { recursive: true });
        const second = await synth({ configFile: stackFile({ "pulumi-federation:clusters": [...devClusters].reverse(), "pulumi-federation:manifests": [manifests] }) });
        assert.deepEqual(files(path.join(work, "rendered", "dev")), inOrder);
        // Only the printed order follows the config.
        const order = (lines: string[]) => lines.join("\n").match(/^cluster\d(?= \()/gm);
        assert.deepEqual(order(first.lines), ["cluster1", "cluster2"]);
        assert.deepEqual(order(second.lines), ["cluster2", "cluster1"]);
    });
});

describe("synth diff", () => {
    it("shows a changed override as a field change in that cluster only, and --check fails without writing", async () => {
        const manifests = copyManifests();
        const configFile = stackFile({ "pulumi-federation:clusters": devClusters, "pulumi-federation:manifests": [manifests] });
        await synth({ configFile });
        const before = files(path.join(work, "rendered", "dev"));

        const redis = path.join(manifests, "02-redis.yaml");
        fs.writeFileSync(redis, fs.readFileSync(redis, "utf8").replace(/value: 2\n/, "value: 4\n"));
        const check = await synth({ configFile, mode: "check" });
        assert.equal(check.exitCode, 2);
        const out = check.lines.join("\n");
        assert.match(out, /cluster1: no changes\ncluster2:\n  ~ Deployment federated-namespace\/redis\n      ~ \/spec\/replicas: 2 -> 4\n/);
        assert.match(out, /diff: 0 added, 1 changed, 0 removed \(in cluster2\)/);
        assert.match(out, /check: .* is out of date/);
        // The exact command that brings the rendering up to date; the absolute --out as given.
        assert.ok(out.includes(`check: ${path.join(work, "rendered", "dev")}/ is out of date; run \`pulumi-federation synth --config-file ${configFile} --out ${path.join(work, "rendered")} --skip-type-check\` to update it`), out);
        assert.deepEqual(files(path.join(work, "rendered", "dev")), before, "--check writes nothing");

        const written = await synth({ configFile });
        assert.equal(written.exitCode, 0);
        assert.match(files(path.join(work, "rendered", "dev"))["cluster2/federated-namespace-deployment-redis.yaml"], /\n  replicas: 4\n/);
        assert.equal((await synth({ configFile, mode: "check" })).exitCode, 0);
    });

    it("never removes or overwrites a file it did not write, and removes the cluster folders its own files leave empty", async () => {
        const manifests = copyManifests();
        const configFile = stackFile({ "pulumi-federation:clusters": devClusters, "pulumi-federation:manifests": [manifests] });
        assert.equal((await synth({ configFile })).exitCode, 0);
        const rendered = path.join(work, "rendered", "dev");
        // The user's own files in the output folder: a note, and a YAML file beside synth's.
        fs.writeFileSync(path.join(rendered, "cluster1", "NOTES.md"), "mine\n");
        fs.writeFileSync(path.join(rendered, "cluster1", "extra.yaml"), "kind: Mine\n");
        // Every object leaves cluster2: synth's files go, and the folder they leave empty too.
        for (const file of fs.readdirSync(manifests)) {
            const text = fs.readFileSync(path.join(manifests, file), "utf8");
            fs.writeFileSync(path.join(manifests, file), text.replace(/^ *- name: cluster2\n/gm, ""));
        }
        const result = await synth({ configFile });
        assert.equal(result.exitCode, 0, result.lines.join("\n"));
        assert.equal(fs.existsSync(path.join(rendered, "cluster2")), false, "cluster2's folder held only synth's files");
        assert.equal(fs.readFileSync(path.join(rendered, "cluster1", "NOTES.md"), "utf8"), "mine\n");
        assert.equal(fs.readFileSync(path.join(rendered, "cluster1", "extra.yaml"), "utf8"), "kind: Mine\n");

        // A file of the user's where an object's file would go: refused, and nothing is written.
        const before = files(rendered);
        fs.rmSync(path.join(rendered, "cluster1", "federated-namespace-deployment-redis.yaml"));
        fs.cpSync(redisManifests, manifests, { recursive: true });
        fs.mkdirSync(path.join(rendered, "cluster2"));
        fs.writeFileSync(path.join(rendered, "cluster2", "namespace-federated-namespace.yaml"), "# my own notes\n");
        await assert.rejects(synth({ configFile }), /cluster2.namespace-federated-namespace\.yaml, cluster "cluster2": exists and was not written by synth/);
        assert.equal(fs.existsSync(path.join(rendered, "cluster1", "federated-namespace-deployment-redis.yaml")), false, "nothing was written");
        assert.equal(fs.readFileSync(path.join(rendered, "cluster2", "namespace-federated-namespace.yaml"), "utf8"), "# my own notes\n");
        void before;
    });

    it("shows objects that leave a cluster as removed and deletes their files", async () => {
        const manifests = copyManifests();
        const configFile = stackFile({ "pulumi-federation:clusters": devClusters, "pulumi-federation:manifests": [manifests] });
        await synth({ configFile });
        const redis = path.join(manifests, "02-redis.yaml");
        fs.writeFileSync(redis, fs.readFileSync(redis, "utf8").replace(/      - name: cluster2\n  overrides/, "  overrides"));
        const result = await synth({ configFile });
        assert.match(result.lines.join("\n"), /cluster2:\n  - Deployment federated-namespace\/redis\n/);
        assert.deepEqual(Object.keys(files(path.join(work, "rendered", "dev"))).filter((f) => f.includes("redis")), ["cluster1/federated-namespace-deployment-redis.yaml"]);
    });

    it("never prints secret values, in tables or diffs, and warns that rendered files hold them", async () => {
        const manifests = copyManifests();
        const secretFile = path.join(manifests, "03-secret.yaml");
        const secret = (password: string) =>
            stringify({
                apiVersion: "types.kubefed.io/v1beta1",
                kind: "FederatedSecret",
                metadata: { name: "redis-auth", namespace: "federated-namespace" },
                spec: { template: { stringData: { password } }, placement: { clusterSelector: {} } },
            });
        fs.writeFileSync(secretFile, secret("first-Pa55word"));
        const configFile = stackFile({ "pulumi-federation:clusters": devClusters, "pulumi-federation:manifests": [manifests] });
        const first = await synth({ configFile });
        assert.match(first.lines.join("\n"), /warning: 2 rendered objects hold secret values in plain text/);
        // The command prints that warning on stderr, the report on stdout.
        const [printed, errors] = [[] as string[], [] as string[]];
        const [log, error] = [console.log, console.error];
        console.log = (...args: unknown[]) => { printed.push(args.join(" ")); };
        console.error = (...args: unknown[]) => { errors.push(args.join(" ")); };
        try {
            assert.equal(await main(["synth", "--skip-type-check", `--config-file=${configFile}`, `--out=${path.join(work, "rendered")}`]), 0);
        } finally {
            [console.log, console.error] = [log, error];
        }
        assert.match(errors.join("\n"), /^warning: 2 rendered objects hold secret values in plain text/m);
        assert.doesNotMatch(printed.join("\n"), /warning:/);
        assert.match(printed.join("\n"), /synth: stack dev, 2 members/);
        fs.writeFileSync(secretFile, secret("second-Pa55word"));
        const second = await synth({ configFile });
        const out = [...first.lines, ...second.lines].join("\n");
        assert.match(out, /~ Secret federated-namespace\/redis-auth\n      ~ \/stringData\/password: \[secret\] -> \[secret\]/);
        assert.doesNotMatch(out, /Pa55word/);
    });
});

describe("synth failures", () => {
    it("exits 1 with the program's own message when the stack program throws", async () => {
        const result = await synth({ configFile: stackFile({ "pulumi-federation:clusters": devClusters, "pulumi-federation:manifests": [path.join(work, "nowhere")] }) });
        assert.equal(result.exitCode, 1);
        assert.match(result.lines.join("\n"), /the stack program index.ts failed:\n  .*nowhere: no such manifest file or folder/);
        assert.equal(fs.existsSync(path.join(work, "rendered")), false);
    });

    it("exits 1 naming the document when a manifest is wrong", async () => {
        const manifests = copyManifests();
        const redis = path.join(manifests, "02-redis.yaml");
        fs.writeFileSync(redis, fs.readFileSync(redis, "utf8").replace("- name: cluster2\n  overrides", "- name: cluster3\n  overrides"));
        const result = await synth({ configFile: stackFile({ "pulumi-federation:clusters": devClusters, "pulumi-federation:manifests": [manifests] }) });
        assert.equal(result.exitCode, 1);
        assert.match(result.lines.join("\n"), /02-redis.yaml document 0 \(FederatedDeployment federated-namespace\/redis\) at line \d+, column \d+, cluster "cluster3", field spec.placement.clusters\[1\].name: is not a member/);
    });

    it("the command line rejects unknown options and says how to use it", async () => {
        const errors: string[] = [];
        const original = console.error;
        console.error = (...args: unknown[]) => { errors.push(args.join(" ")); };
        try {
            assert.equal(await main(["synth", "--stak", "dev"]), 1);
            assert.equal(await main(["deploy"]), 1);
        } finally {
            console.error = original;
        }
        assert.match(errors[0], /unknown option --stak/);
        assert.match(errors[1], /unknown command "deploy"/);
        assert.match(errors[1], /usage: pulumi-federation <command>/);
        assert.match(errors[1], /^  synth  /m);
    });

    it("takes --flag=value as well as --flag value, refuses conflicting or repeated flags, and prints its version", async () => {
        const printed: string[] = [];
        const errors: string[] = [];
        const [log, error] = [console.log, console.error];
        console.log = (...args: unknown[]) => { printed.push(args.join(" ")); };
        console.error = (...args: unknown[]) => { errors.push(args.join(" ")); };
        try {
            assert.equal(await main(["synth", `--dir=${root}`, "--stack=dev", `--out=${path.join(work, "eq")}`, "--diff", "--skip-type-check"]), 0);
            assert.match(printed.join("\n"), /No previous rendering in .*eq\/dev\/: everything is new\./);
            assert.equal(await main(["synth", "--diff", "--check"]), 1);
            assert.equal(await main(["synth", "--stack", "dev", "--stack=prod"]), 1);
            assert.equal(await main(["synth", "--check=yes"]), 1);
            assert.equal(await main(["synth", "--stack="]), 1);
            assert.equal(await main(["--version"]), 0);
        } finally {
            [console.log, console.error] = [log, error];
        }
        const refusals = errors.filter((line) => line.startsWith("pulumi-federation synth:"));
        assert.match(refusals[0], /--diff and --check cannot be combined/);
        assert.match(refusals[1], /--stack is given twice/);
        assert.match(refusals[2], /--check takes no value/);
        assert.match(refusals[3], /--stack needs a value/);
        assert.match(printed[printed.length - 1], /^pulumi-federation \d+\.\d+\.\d+/);
    });
});

describe("synth: secrets and stack config edge cases", () => {
    it("masks a field's old value when it was secret before, even if it is plain now", async () => {
        const manifests = copyManifests();
        const configFile = stackFile({ "pulumi-federation:clusters": devClusters, "pulumi-federation:manifests": [manifests] });
        await synth({ configFile });
        // Make the rendered deployment's replicas look secret in the previous rendering.
        const file = path.join(work, "rendered", "dev", "cluster2", "federated-namespace-deployment-redis.yaml");
        fs.writeFileSync(file, "# pulumi-federation secret paths: /spec/replicas\n" + fs.readFileSync(file, "utf8").replace("replicas: 2", "replicas: 7777"));
        const result = await synth({ configFile, mode: "diff" });
        const out = result.lines.join("\n");
        assert.match(out, /~ \/spec\/replicas: \[secret\] -> \[secret\]/);
        assert.doesNotMatch(out, /7777/);
    });

    it("runs a stack without its stack file with empty config, as pulumi does, naming the stack files there", async () => {
        const notes: string[] = [];
        const result = await synth({ stack: "kubefed-migraton", onProgress: (line) => notes.push(line) });
        // Empty config: no members, so the default manifests' placement names clusters that are not there.
        assert.deepEqual(notes, [
            `synth: no Pulumi.kubefed-migraton.yaml in ${path.relative(process.cwd(), root) || "."}; running stack kubefed-migraton with empty config, as pulumi does (the stack files there: Pulumi.dev.yaml, Pulumi.kubefed-migration.yaml; --stack NAME runs Pulumi.NAME.yaml)`,
        ]);
        assert.equal(result.exitCode, 1, result.lines.join("\n"));
        assert.match(result.lines.join("\n"), /cluster "cluster1", field spec\.placement\.clusters\[0\]\.name: is not a member of the federation \(members: none\)/);
        await assert.rejects(synth({ configFile: path.join(work, "Pulumi.gone.yaml") }), /Pulumi.gone.yaml: no such stack config file \(given with --config-file\)$/);
    });

    it("replaces encrypted values at any depth with a placeholder and warns with their paths", async () => {
        const result = await synth({
            configFile: stackFile({
                "pulumi-federation:clusters": [{ name: "cluster1", kubeconfig: { secure: "v1:AAAA" } }, { name: "cluster2" }],
                "pulumi-federation:manifests": [copyManifests()],
            }),
        });
        assert.equal(result.exitCode, 0, result.lines.join("\n"));
        assert.match(result.lines.join("\n"), /warning: config pulumi-federation:clusters\[0\].kubeconfig is encrypted; offline it holds a placeholder/);
    });
});

describe("synth determinism", () => {
    it("gives byte-identical files whatever the key order of the objects it was given", async () => {
        const manifests = copyManifests();
        const configFile = stackFile({ "pulumi-federation:clusters": devClusters, "pulumi-federation:manifests": [manifests] });
        await synth({ configFile });
        const before = files(path.join(work, "rendered", "dev"));
        // The same documents with every mapping's keys in reverse order.
        for (const file of fs.readdirSync(manifests)) {
            const full = path.join(manifests, file);
            const reversed = parseAllDocuments(fs.readFileSync(full, "utf8")).map((doc) => stringify(doc.toJS(), { sortMapEntries: (a, b) => (String(a.key) < String(b.key) ? 1 : String(a.key) > String(b.key) ? -1 : 0) }));
            fs.writeFileSync(full, reversed.join("---\n"));
        }
        fs.rmSync(path.join(work, "rendered", "dev"), { recursive: true });
        await synth({ configFile });
        assert.deepEqual(files(path.join(work, "rendered", "dev")), before);
    });
});

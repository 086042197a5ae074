/**
 * The real stack program (index.ts) through offline synth with a misspelt or malformed config key:
 * it fails naming the key before anything registers, instead of running without it.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { synthesize } from "../../components/synth/synth";

const root = path.join(__dirname, "..", "..");
const devClusters = [
    { name: "cluster1", host: true, labels: { region: "eu-west" } },
    { name: "cluster2", labels: { region: "us-east" } },
];

describe("synth: the stack program's config keys", function () {
    this.timeout(0); // CPU-bound synth runs: no wall-clock limit on a shared machine
    let work: string;
    beforeEach(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), "synth-config-")); });
    afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

    async function synthWith(config: Record<string, unknown>) {
        const configFile = path.join(work, "Pulumi.test.yaml");
        fs.writeFileSync(configFile, stringify({ config }));
        // The type check has its own tests (typeCheck.test.ts).
        return synthesize({ directory: root, configFile, out: path.join(work, "rendered"), typeCheck: false });
    }

    it("fails on a misspelt key, naming it and the key it is near, and renders nothing", async () => {
        const result = await synthWith({ "pulumi-federation:clustrs": devClusters });
        assert.equal(result.exitCode, 1, result.lines.join("\n"));
        assert.match(result.lines.join("\n"), /the stack program index.ts failed:\n {2}stack config: unknown key "pulumi-federation:clustrs" \(did you mean "pulumi-federation:clusters"\?\); the stack program reads pulumi-federation:clusters, pulumi-federation:manifests, pulumi-federation:renderDirectory, pulumi-federation:propagation/);
        assert.doesNotMatch(result.lines.join("\n"), /members: none/);
        assert.equal(fs.existsSync(path.join(work, "rendered")), false);
    });

    it("fails on a misspelt propagation instead of switching to Karmada mode", async () => {
        const result = await synthWith({ "pulumi-federation:clusters": devClusters, "pulumi-federation:propagation": { karmda: {} } });
        assert.equal(result.exitCode, 1, result.lines.join("\n"));
        assert.match(result.lines.join("\n"), /stack config pulumi-federation:propagation: unknown key "karmda" \(did you mean "karmada"\?\)/);
        assert.equal(fs.existsSync(path.join(work, "rendered")), false);
    });
});

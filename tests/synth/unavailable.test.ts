/**
 * `synth --unavailable`: offline synth never probes, so an outage is previewed by naming the
 * members to plan as unavailable, as a failed health probe would plan them (issue 26).
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthesize } from "../../components/synth/synth";

const ROOT = path.join(__dirname, "..", "..");

describe("synth --unavailable: previewing an outage offline", () => {
    let work: string;
    beforeEach(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), "synth-unavailable-")); });
    afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

    it("the named member gets nothing, the others keep theirs, and the report says why", async () => {
        const normal = await synthesize({ directory: ROOT, out: path.join(work, "a"), typeCheck: false, mode: "diff" });
        const outage = await synthesize({ directory: ROOT, out: path.join(work, "b"), typeCheck: false, mode: "diff", unavailable: ["cluster2"] });
        assert.equal(outage.exitCode, 0, outage.lines.join("\n"));
        const count = (result: typeof normal, cluster: string) => result.planned!.objects.filter((object) => object.cluster === cluster).length;
        assert.ok(count(normal, "cluster2") > 0, "cluster2 has objects normally");
        assert.equal(count(outage, "cluster2"), 0, "and none while it is unavailable");
        assert.equal(count(outage, "cluster1"), count(normal, "cluster1"));
        assert.ok(outage.lines.some((line) => /member cluster2 is planned as unavailable \(synth --unavailable\)/.test(line)), outage.lines.join("\n"));
    });

    it("a name that is no member is an error naming the members", async () => {
        const result = await synthesize({ directory: ROOT, out: path.join(work, "c"), typeCheck: false, mode: "diff", unavailable: ["cluster9"] });
        assert.equal(result.exitCode, 1);
        assert.match(result.lines.join("\n"), /--unavailable cluster9: no such member in the stack \(members: cluster1, cluster2\)/);
    });
});

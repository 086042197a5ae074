/**
 * 14. Moving one cluster's object to another API version (an /apiVersion override, added and
 * removed again) is an update of that object, not a replacement: the alias to the other version is
 * one of those the per-cluster objects keep (planning/aliases.ts), and the object keeps its UID.
 */
import * as assert from "assert";
import * as path from "path";
import { getObject } from "../fleet/kube";
import { Stack } from "../harness/pulumi";
import { endpoint, repoRoot, suite } from "./context";
import { memberConfig, parsePreview, urnName } from "./expectations";

const uid = async (cluster: string) => (await getObject(endpoint(cluster), "autoscaling/v2", "horizontalpodautoscalers", "scaler", "e2e-versions"))?.metadata.uid;

describe("14. another API version for one cluster's object is an update, not a replacement", function () {
    this.timeout(600_000);
    let stack: Stack;
    const uids: Record<string, string | undefined> = {};

    before(async () => {
        stack = new Stack(suite().cli, path.join(repoRoot, "e2e", "programs", "versions"), "e2e-versions");
        await stack.init();
        await stack.setConfig("kubeconfig", suite().fleet.kubeconfig(), true);
        await stack.setConfig("members", memberConfig());
        // The newest oldest release the tables know: only versions 1.36 serves keep their aliases.
        await stack.setConfig("oldestKubernetes", "1.36");
        await stack.up();
        for (const cluster of ["cluster1", "cluster2"]) uids[cluster] = await uid(cluster);
        assert.ok(uids.cluster1 && uids.cluster2);
    });

    after(async () => {
        await stack.destroy();
        await stack.remove();
    });

    /** The preview's changes, as `op name (type)`. */
    async function changes(): Promise<string[]> {
        const digest = parsePreview((await stack.preview(["--json"])).stdout);
        return (digest.steps ?? []).filter((s) => s.op !== "same").map((s) => `${s.op} ${urnName(s.urn)} (${s.urn.split("::")[2].split("$").pop()})`);
    }

    it("cluster2's object moved to autoscaling/v1: an update of that object only, same UID", async () => {
        await stack.setConfig("cluster2Version", "autoscaling/v1");
        assert.deepStrictEqual(await changes(), ["update scaler-cluster2 (kubernetes:autoscaling/v1:HorizontalPodAutoscaler)"]);
        await stack.up();
        assert.deepStrictEqual({ cluster1: await uid("cluster1"), cluster2: await uid("cluster2") }, uids);
    });

    it("moved back to the template's autoscaling/v2: again an update, same UID", async () => {
        await stack.setConfig("cluster2Version", "autoscaling/v2");
        assert.deepStrictEqual(await changes(), ["update scaler-cluster2 (kubernetes:autoscaling/v2:HorizontalPodAutoscaler)"]);
        await stack.up();
        assert.deepStrictEqual({ cluster1: await uid("cluster1"), cluster2: await uid("cluster2") }, uids);
        const { stdout } = await stack.preview(["--json"]);
        assert.deepStrictEqual((parsePreview(stdout).steps ?? []).filter((s) => s.op !== "same").map((s) => s.op), [], "nothing left to change");
    });
});

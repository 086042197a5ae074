/**
 * 7. Orphaning: an `orphan` component removed from one cluster's placement leaves its object in
 * that cluster, while Pulumi forgets it.
 */
import * as assert from "assert";
import { getObject } from "../fleet/kube";
import { stateUrns } from "../harness/pulumi";
import { endpoint, suite } from "./context";

describe("7. an orphaned object stays when its cluster leaves the placement", function () {
    this.timeout(600_000);

    it("keep, placed on cluster1 and cluster2 only, stays in cluster3 with its UID", async () => {
        const { typed } = suite();
        const before = await getObject(endpoint("cluster3"), "v1", "configmaps", "keep", "default");
        assert.ok(before, "keep is in cluster3 before the change");
        await typed.setConfig("keepClusters", ["cluster1", "cluster2"]);
        await typed.up();

        const after = await getObject(endpoint("cluster3"), "v1", "configmaps", "keep", "default");
        assert.strictEqual(after?.metadata.uid, before.metadata.uid, "the same object is still in cluster3");
        assert.strictEqual(after?.metadata.deletionTimestamp, undefined);
        const urns = stateUrns(await typed.exportState());
        assert.ok(!urns.some((u) => u.endsWith("::keep-cluster3")), "Pulumi no longer manages keep in cluster3");
        assert.ok(urns.some((u) => u.endsWith("::keep-cluster1")) && urns.some((u) => u.endsWith("::keep-cluster2")));
    });
});

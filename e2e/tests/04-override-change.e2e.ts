/**
 * 4. A change of one override touches one cluster's object: `pulumi preview --diff` shows an
 * update of that object only, and after `pulumi up` every other object in every cluster keeps its
 * resourceVersion.
 */
import * as assert from "assert";
import { suite } from "./context";
import { CLUSTERS, TYPED_NAMESPACES, clusterObjects, parsePreview, urnName } from "./expectations";

describe("4. one changed override updates one cluster's object", function () {
    this.timeout(600_000);

    it("pulumi preview --diff shows an update of web-cluster2 only", async () => {
        const { typed } = suite();
        await typed.setConfig("cluster2Replicas", 3);

        const digest = parsePreview((await typed.preview(["--json"])).stdout);
        const changed = (digest.steps ?? []).filter((s) => s.op !== "same");
        assert.deepStrictEqual(changed.map((s) => `${s.op} ${urnName(s.urn)}`), ["update web-cluster2"]);
        assert.deepStrictEqual(Object.keys(changed[0].detailedDiff ?? {}), ["spec.replicas"]);
        assert.strictEqual(digest.changeSummary?.update, 1);
        assert.ok((digest.changeSummary?.same ?? 0) > 20, `the other resources stay the same: ${JSON.stringify(digest.changeSummary)}`);

        const { stdout } = await typed.preview(["--diff"]);
        assert.match(stdout, /~ kubernetes:apps\/v1:Deployment: \(update\)/);
        assert.match(stdout, /~ replicas\s*: 2 => 3/);
        assert.match(stdout, /1 to update/);
        assert.doesNotMatch(stdout, /to create|to delete|to replace/);
    });

    it("after pulumi up, the other clusters' objects keep their resourceVersion", async () => {
        const before = await clusterObjects(TYPED_NAMESPACES);
        await suite().typed.up();
        const after = await clusterObjects(TYPED_NAMESPACES);
        const changed: string[] = [];
        for (const cluster of CLUSTERS) {
            for (const [key, obj] of after[cluster]) {
                if (obj.metadata.resourceVersion !== before[cluster].get(key)?.metadata.resourceVersion) {
                    changed.push(`${cluster} ${key}`);
                }
            }
        }
        assert.deepStrictEqual(changed, ["cluster2 Deployment e2e-apps/web"]);
        assert.strictEqual((after.cluster2.get("Deployment e2e-apps/web")?.spec as { replicas: number }).replicas, 3);
    });
});

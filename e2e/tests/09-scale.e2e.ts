/**
 * 9. Scale on the real engine: `pulumi up` of the federation against a hand-written per-cluster
 * loop declaring the same objects, in the same run. A benchmark figure, printed, not a timed test;
 * the test checks only that both deployed the same objects.
 *
 * E2E_SCALE_RESOURCES sets the ConfigMaps per member (default 30).
 */
import * as assert from "assert";
import * as path from "path";
import { Stack } from "../harness/pulumi";
import { repoRoot, suite } from "./context";
import { CLUSTERS, clusterObjects } from "./expectations";

const count = Number(process.env.E2E_SCALE_RESOURCES ?? 30);

describe(`9. scale: ${CLUSTERS.length} members x ${count} resources, federation vs hand-written`, function () {
    this.timeout(1_800_000);
    const dir = path.join(repoRoot, "e2e", "programs", "scale");
    const variants = ["handwritten", "federation"] as const;
    const seconds: Record<string, number> = {};

    for (const mode of variants) {
        it(`pulumi up of the ${mode} program deploys ${count} ConfigMaps to every member`, async () => {
            const stack = new Stack(suite().cli, dir, `e2e-scale-${mode}`);
            const namespace = `scale-${mode}`;
            await stack.init();
            await stack.setConfig("kubeconfig", suite().fleet.kubeconfig(), true);
            await stack.setConfig("members", CLUSTERS.map((name) => ({ name, context: name })));
            await stack.setConfig("mode", mode);
            await stack.setConfig("count", count);
            await stack.setConfig("namespace", namespace);
            try {
                seconds[mode] = (await stack.up()).seconds;
                const objects = await clusterObjects([namespace]);
                for (const cluster of CLUSTERS) {
                    assert.strictEqual([...objects[cluster].keys()].filter((k) => k.startsWith("ConfigMap")).length, count, cluster);
                }
            } finally {
                await stack.destroy([], { allowFailure: true });
                await stack.remove();
            }
        });
    }

    after(() => {
        if (seconds.federation !== undefined && seconds.handwritten !== undefined) {
            const ratio = seconds.federation / seconds.handwritten;
            console.log(`\n    real engine, ${CLUSTERS.length} members x ${count} ConfigMaps (+ namespace): ` +
                `pulumi up federation ${seconds.federation.toFixed(1)}s, hand-written ${seconds.handwritten.toFixed(1)}s, ratio ${ratio.toFixed(2)}\n`);
        }
    });
});

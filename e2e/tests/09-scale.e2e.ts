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
    const stateKb: Record<string, number> = {};

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
                const exported = await stack.exportState();
                stateKb[mode] = Buffer.byteLength(exported) / 1024;
                const resources = (JSON.parse(exported) as { deployment: { resources: Array<{ type: string; parent?: string; stackTrace?: unknown[] }> } }).deployment.resources;
                const configMaps = resources.filter((r) => r.type === "kubernetes:core/v1:ConfigMap");
                assert.strictEqual(configMaps.length, count * CLUSTERS.length);
                if (mode === "federation") {
                    // The engine keeps no stack for the per-cluster objects (it would name only the
                    // package's registration turn), and keeps the program's line for the components.
                    assert.deepStrictEqual(configMaps.filter((r) => (r.stackTrace ?? []).length > 0).map((r) => r.parent), []);
                    assert.ok(resources.filter((r) => r.type === "federation:index:FederatedConfigMap").every((r) => (r.stackTrace ?? []).length > 0));
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
                `pulumi up federation ${seconds.federation.toFixed(1)}s, hand-written ${seconds.handwritten.toFixed(1)}s, ratio ${ratio.toFixed(2)}; ` +
                `state ${stateKb.federation.toFixed(0)} KB / ${stateKb.handwritten.toFixed(0)} KB\n`);
        }
    });
});

/**
 * 10. retainReplicas (KubeFed's spec.retainReplicas): a cluster's autoscaler scales a federated
 * Deployment; the next `pulumi up`, which changes the template, keeps the replicas that cluster
 * runs, while a cluster nobody scaled keeps the template's.
 */
import * as assert from "assert";
import * as path from "path";
import { KubeObject, getObject, request } from "../fleet/kube";
import { Stack } from "../harness/pulumi";
import { endpoint, repoRoot, suite } from "./context";
import { memberConfig, parsePreview } from "./expectations";

type Deployment = KubeObject & { spec: { replicas: number } };
const deployment = async (cluster: string) => (await getObject(endpoint(cluster), "apps/v1", "deployments", "scaled", "e2e-retain")) as Deployment | undefined;

describe("10. retainReplicas: an autoscaler's replicas survive an update", function () {
    this.timeout(600_000);
    let stack: Stack;

    before(async () => {
        stack = new Stack(suite().cli, path.join(repoRoot, "e2e", "programs", "retain"), "e2e-retain");
        await stack.init();
        await stack.setConfig("kubeconfig", suite().fleet.kubeconfig(), true);
        await stack.setConfig("members", memberConfig());
    });

    after(async () => {
        await stack.destroy();
        await stack.remove();
    });

    it("a new object starts with the template's replicas", async () => {
        await stack.up();
        assert.strictEqual((await deployment("cluster1"))?.spec.replicas, 2);
        assert.strictEqual((await deployment("cluster3"))?.spec.replicas, 2);
    });

    it("after cluster1's autoscaler scales it to 5, an update of the template keeps 5 there and 2 in cluster3", async () => {
        // What a HorizontalPodAutoscaler does: an update of the scale subresource, as its own field manager.
        await request(endpoint("cluster1"), "PATCH", "/apis/apps/v1/namespaces/e2e-retain/deployments/scaled/scale?fieldManager=e2e-autoscaler", 10_000, {
            contentType: "application/merge-patch+json",
            data: { spec: { replicas: 5 } },
        });
        assert.strictEqual((await deployment("cluster1"))?.spec.replicas, 5);

        await stack.setConfig("version", "2");
        const digest = parsePreview((await stack.preview(["--json"])).stdout);
        const updates = (digest.steps ?? []).filter((s) => s.op === "update");
        assert.ok(updates.length >= 2, `both Deployments update: ${JSON.stringify(updates.map((s) => s.urn))}`);
        for (const step of updates) assert.ok(!Object.keys(step.detailedDiff ?? {}).some((key) => key.startsWith("spec.replicas")), `no replicas diff: ${JSON.stringify(step.detailedDiff)}`);

        await stack.up();
        const scaled = await deployment("cluster1");
        const other = await deployment("cluster3");
        assert.strictEqual(scaled?.metadata.labels?.version, "2", "the update reached cluster1");
        assert.strictEqual(scaled?.spec.replicas, 5, "cluster1 keeps its autoscaler's replicas");
        assert.strictEqual(other?.metadata.labels?.version, "2");
        assert.strictEqual(other?.spec.replicas, 2);
    });
});

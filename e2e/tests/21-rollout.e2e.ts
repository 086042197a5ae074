/**
 * 21. Staged rollouts on the real API servers (issue 28): an image change goes to cluster1 (the
 * canary), then cluster2, then cluster3, each only after the previous one's Deployment rolled out
 * ready (the members' real deployment and replicaset controllers, the test playing the kubelet),
 * with the soak between stages. A canary whose pods never become ready stops the update there,
 * within the rollout's timeout, naming the stage and the cluster; cluster2 and cluster3 keep the
 * old image and their resourceVersion. Once the canary can roll out, the update completes.
 */
import * as assert from "assert";
import * as path from "path";
import { playKubelet } from "../harness/kubelet";
import { Stack } from "../harness/pulumi";
import { getObject } from "../fleet/kube";
import { endpoint, repoRoot, suite } from "./context";
import { memberConfig } from "./expectations";

const NAMESPACE = "e2e-rollout";
const CLUSTERS = ["cluster1", "cluster2", "cluster3"];
const SOAK_SECONDS = 5;

interface DeploymentView {
    image?: string;
    ready: boolean;
    resourceVersion?: string;
}

async function deployment(cluster: string): Promise<DeploymentView> {
    const object = await getObject(endpoint(cluster), "apps/v1", "deployments", "web", NAMESPACE);
    const spec = object?.spec as { replicas?: number; template?: { spec?: { containers?: Array<{ image: string }> } } } | undefined;
    const status = object?.status as { observedGeneration?: number; updatedReplicas?: number; availableReplicas?: number; readyReplicas?: number } | undefined;
    const generation = (object?.metadata as { generation?: number } | undefined)?.generation ?? 0;
    const replicas = spec?.replicas ?? 1;
    return {
        image: spec?.template?.spec?.containers?.[0]?.image,
        ready: (status?.observedGeneration ?? 0) >= generation && status?.updatedReplicas === replicas && status?.availableReplicas === replicas,
        resourceVersion: object?.metadata.resourceVersion,
    };
}

/** Watches the three Deployments while an update runs: when each first has `image`, and when it is first ready with it. */
function watchRollout(image: string): { stop(): Promise<Record<string, { changed?: number; ready?: number }>> } {
    const seen: Record<string, { changed?: number; ready?: number }> = Object.fromEntries(CLUSTERS.map((cluster) => [cluster, {}]));
    let running = true;
    const loop = (async () => {
        while (running) {
            for (const cluster of CLUSTERS) {
                const view = await deployment(cluster).catch(() => undefined);
                const now = Date.now();
                if (view?.image !== image) continue;
                seen[cluster].changed ??= now;
                if (view.ready) seen[cluster].ready ??= now;
            }
            await new Promise((resolve) => setTimeout(resolve, 150));
        }
    })();
    return {
        async stop() {
            running = false;
            await loop;
            return seen;
        },
    };
}

describe("21. staged rollouts: stage by stage, each gated by the previous one's readiness", function () {
    this.timeout(1_200_000);
    let stack: Stack;
    let stopControllers: (() => Promise<void>) | undefined;

    /** `pulumi up` with the kubelet played for `clusters` only: the others' pods never become ready. */
    async function upWithPods(clusters: readonly string[], allowFailure = false) {
        const kubelet = playKubelet(clusters.map((cluster) => endpoint(cluster)), NAMESPACE);
        try {
            return await stack.up([], { allowFailure, timeoutMs: 900_000 });
        } finally {
            await kubelet.stop();
        }
    }

    before(async () => {
        const { cli, fleet } = suite();
        stopControllers = await fleet.startWorkloadControllers(CLUSTERS);
        stack = new Stack(cli, path.join(repoRoot, "e2e", "programs", "rollout"), "e2e-rollout");
        await stack.init();
        await stack.setConfig("kubeconfig", fleet.kubeconfig(), true);
        await stack.setConfig("members", memberConfig());
        await stack.setConfig("image", "ghcr.io/example/web:1.0.0");
        await stack.setConfig("soakSeconds", SOAK_SECONDS);
        await stack.setConfig("timeoutSeconds", 40);
        await upWithPods(CLUSTERS);
        for (const cluster of CLUSTERS) assert.deepStrictEqual([(await deployment(cluster)).image, (await deployment(cluster)).ready], ["ghcr.io/example/web:1.0.0", true], cluster);
    });

    after(async () => {
        await stack.destroy();
        await stack.remove();
        await stopControllers?.();
    });

    it("an image change: cluster2 changes only after cluster1 rolled out ready and soaked, cluster3 after cluster2", async () => {
        const image = "ghcr.io/example/web:1.1.0";
        await stack.setConfig("image", image);
        const watch = watchRollout(image);
        const result = await upWithPods(CLUSTERS);
        const seen = await watch.stop();
        for (const cluster of CLUSTERS) assert.ok(seen[cluster].changed !== undefined && seen[cluster].ready !== undefined, `${cluster} rolled out: ${JSON.stringify(seen)}\n${result.stdout}`);
        // Lower bounds only: a loaded machine makes the gaps longer, never shorter.
        const poll = 500;
        assert.ok(seen.cluster2.changed! >= seen.cluster1.ready! + SOAK_SECONDS * 1000 - poll, `cluster2 changed ${seen.cluster2.changed! - seen.cluster1.ready!} ms after cluster1 was ready (soak ${SOAK_SECONDS} s)`);
        assert.ok(seen.cluster3.changed! >= seen.cluster2.ready! + SOAK_SECONDS * 1000 - poll, `cluster3 changed ${seen.cluster3.changed! - seen.cluster2.ready!} ms after cluster2 was ready`);
        for (const cluster of CLUSTERS) assert.strictEqual((await deployment(cluster)).image, image);
    });

    it("the canary never becomes ready: pulumi up fails on cluster1 naming the stage; cluster2 and cluster3 keep the old image and their resourceVersion", async () => {
        const before = Object.fromEntries(await Promise.all(["cluster2", "cluster3"].map(async (cluster) => [cluster, await deployment(cluster)] as const)));
        await stack.setConfig("image", "ghcr.io/example/web:1.2.0-bad");
        const result = await upWithPods(["cluster2", "cluster3"], true);
        const output = result.stdout + result.stderr;
        assert.notStrictEqual(result.code, 0, output);
        assert.match(output, /FederatedDeployment "web": rollout stage "canary" \(1 of 3\) did not become ready on cluster1; the later stages \(second, rest\) were not updated/);
        assert.match(output, /web-cluster1/);
        assert.strictEqual((await deployment("cluster1")).image, "ghcr.io/example/web:1.2.0-bad");
        for (const cluster of ["cluster2", "cluster3"]) {
            const now = await deployment(cluster);
            assert.deepStrictEqual([now.image, now.resourceVersion], [before[cluster].image, before[cluster].resourceVersion], `${cluster} untouched`);
        }
    });

    it("once the canary can roll out, pulumi up completes the rollout", async () => {
        await upWithPods(CLUSTERS);
        for (const cluster of CLUSTERS) assert.deepStrictEqual([(await deployment(cluster)).image, (await deployment(cluster)).ready], ["ghcr.io/example/web:1.2.0-bad", true], cluster);
    });
});

/**
 * 18. Health-aware planning, for real (issue 26): the program probes its members before planning
 * (Federation.connect with `health.probe`). With cluster2's API server stopped, `pulumi up` with no
 * config edited finishes: cluster2's scheduled replicas move to cluster1 and cluster3, the warning
 * names cluster2 and the probe's error, and the members output says False. Started again, the next
 * `pulumi up` plans cluster2 back: its surviving objects keep their UIDs and the replicas spread back.
 */
import * as assert from "assert";
import * as path from "path";
import { managedObjects } from "../harness/objects";
import { Stack } from "../harness/pulumi";
import { waitUntil } from "../fleet/processes";
import { getObject } from "../fleet/kube";
import { endpoint, repoRoot, suite } from "./context";
import { memberConfig } from "./expectations";

const NAMESPACE = "e2e-health";

describe("18. health-aware planning: a stopped member is routed around with no config edited", function () {
    this.timeout(900_000);
    let stack: Stack;
    const uids = new Map<string, string>();
    const replicas = async (cluster: string) => ((await getObject(endpoint(cluster), "apps/v1", "deployments", "api", NAMESPACE))?.spec as { replicas?: number } | undefined)?.replicas;

    before(async () => {
        stack = new Stack(suite().cli, path.join(repoRoot, "e2e", "programs", "health"), "e2e-health");
        await stack.init();
        await stack.setConfig("kubeconfig", suite().fleet.kubeconfig(), true);
        await stack.setConfig("members", memberConfig());
        await stack.up();
        for (const [key, object] of await managedObjects(endpoint("cluster2"), [NAMESPACE])) uids.set(key, object.metadata.uid);
        assert.deepStrictEqual([...uids.keys()].sort(), ["ConfigMap e2e-health/settings", "Deployment e2e-health/api", "Namespace e2e-health"]);
        assert.deepStrictEqual([await replicas("cluster1"), await replicas("cluster2"), await replicas("cluster3")], [2, 2, 2]);
    });

    after(async () => {
        await stack.destroy();
        await stack.remove();
    });

    it("cluster2 stopped: pulumi up (no config edited) moves its replicas, warns, and the members output says why", async () => {
        const { fleet } = suite();
        await fleet.stopMember("cluster2");
        try {
            const result = await stack.up();
            const output = result.stdout + result.stderr;
            assert.match(output, /member cluster2 failed its health probe \(connection refused, 2 times in a row\): it is treated as unavailable for this update/);
            assert.deepStrictEqual([await replicas("cluster1"), await replicas("cluster3")], [3, 3], "6 replicas over the two members that answer");
            const outputs = await stack.outputs();
            assert.deepStrictEqual(outputs.replicas, { cluster1: 3, cluster3: 3 });
            const members = outputs.members as { name: string; state: string; ready: string; reason?: string }[];
            assert.deepStrictEqual(members.map(({ name, state, ready, reason }) => [name, state, ready, reason]), [
                ["cluster1", "available", "True", undefined],
                ["cluster2", "unavailable", "False", "connection refused"],
                ["cluster3", "available", "True", undefined],
            ]);
        } finally {
            await fleet.startMember("cluster2");
        }
    });

    it("cluster2 started again: the next pulumi up plans it back, adopting its objects (same UIDs), and the replicas spread back", async () => {
        await waitUntil("cluster2's API server answers", 120_000, async () => (await getObject(endpoint("cluster2"), "v1", "namespaces", NAMESPACE).catch(() => undefined)) !== undefined);
        const result = await stack.up();
        assert.doesNotMatch(result.stdout + result.stderr, /failed its health probe/);
        const after = await managedObjects(endpoint("cluster2"), [NAMESPACE]);
        assert.deepStrictEqual(Object.fromEntries([...after].map(([key, object]) => [key, object.metadata.uid])), Object.fromEntries(uids), "the surviving objects were adopted, not recreated");
        assert.deepStrictEqual([await replicas("cluster1"), await replicas("cluster2"), await replicas("cluster3")], [2, 2, 2]);
        const members = (await stack.outputs()).members as { name: string; ready: string }[];
        assert.deepStrictEqual(members.map(({ name, ready }) => [name, ready]), [["cluster1", "True"], ["cluster2", "True"], ["cluster3", "True"]]);
    });
});

/**
 * 6. The outage runbook, for real. Member 2's API server stops; marked `unavailable`, `pulumi up`
 * finishes, moves the scheduled replicas to the other members and forgets member 2's objects.
 * Started again, unmarked and rejoined with `upsertExistingObjects`, `pulumi up` succeeds and
 * member 2's objects keep their UIDs: adopted, not recreated.
 */
import * as assert from "assert";
import { managedObjects } from "../harness/objects";
import { stateUrns } from "../harness/pulumi";
import { endpoint, suite } from "./context";
import { TYPED_NAMESPACES, clusterObjects, expectedKeys, memberConfig, TYPED_OBJECTS } from "./expectations";

describe("6. outage runbook: a member goes down and rejoins", function () {
    this.timeout(900_000);
    const uidsBefore = new Map<string, string>();

    it("with cluster2 stopped and marked unavailable, pulumi up moves its replicas and forgets its objects", async () => {
        const { fleet, typed } = suite();
        for (const [key, obj] of await managedObjects(endpoint("cluster2"), TYPED_NAMESPACES)) {
            uidsBefore.set(key, obj.metadata.uid);
        }
        assert.deepStrictEqual([...uidsBefore.keys()].sort(), expectedKeys(TYPED_OBJECTS, "cluster2"));

        await fleet.stopMember("cluster2");
        await typed.setConfig("members", memberConfig({ cluster2: { unavailable: true } }));
        await typed.up();

        const urns = stateUrns(await typed.exportState());
        const cluster2Objects = urns.filter((u) => u.includes("kubernetes:") && !u.includes("pulumi:providers") && u.endsWith("-cluster2"));
        assert.deepStrictEqual(cluster2Objects, [], "the state forgets cluster2's objects");

        const replicas = async (c: "cluster1" | "cluster3") =>
            ((await managedObjects(endpoint(c), TYPED_NAMESPACES)).get("Deployment e2e-apps/api")?.spec as { replicas: number }).replicas;
        assert.deepStrictEqual([await replicas("cluster1"), await replicas("cluster3")], [3, 3], "6 replicas over the two available members");
        assert.deepStrictEqual((await typed.outputs()).apiReplicas, { cluster1: 3, cluster3: 3 });
    });

    it("started again and rejoined with upsertExistingObjects, pulumi up adopts cluster2's objects (same UIDs)", async () => {
        const { fleet, typed } = suite();
        await fleet.startMember("cluster2");
        await typed.setConfig("members", memberConfig({ cluster2: { providerOptions: { upsertExistingObjects: true } } }));
        await typed.up();

        const after = await managedObjects(endpoint("cluster2"), TYPED_NAMESPACES);
        const uidsAfter = new Map([...after].map(([key, obj]) => [key, obj.metadata.uid]));
        assert.deepStrictEqual(uidsAfter, uidsBefore, "cluster2's objects are the same objects");
        const objects = await clusterObjects(TYPED_NAMESPACES);
        assert.deepStrictEqual(["cluster1", "cluster2", "cluster3"].map((c) => (objects[c].get("Deployment e2e-apps/api")?.spec as { replicas: number }).replicas), [2, 2, 2]);
        const urns = stateUrns(await typed.exportState());
        assert.ok(urns.some((u) => u.endsWith("::web-cluster2")), "cluster2's objects are back in the state");
    });
});

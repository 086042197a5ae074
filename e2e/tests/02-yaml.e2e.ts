/**
 * 2. The same kind of stack through KubeFed YAML: the stack program (index.ts) with `manifests`
 * pointing at e2e/manifests/, including a ReplicaSchedulingPreference; each cluster's
 * `spec.replicas` is as planned.
 */
import * as assert from "assert";
import * as path from "path";
import { loadFederationManifests, planFederation } from "../../components";
import { MEMBERS, repoRoot, suite } from "./context";
import { CLUSTERS, YAML_NAMESPACES, YAML_OBJECTS, assertClusterHolds, clusterObjects, configureYamlStack } from "./expectations";

describe("2. KubeFed YAML through the stack program, with replica scheduling", function () {
    this.timeout(600_000);

    before(async () => {
        await configureYamlStack();
    });

    it("pulumi up places every Federated* document as planned, spec.replicas per the ReplicaSchedulingPreference", async () => {
        await suite().yaml.up();
        const objects = await clusterObjects(YAML_NAMESPACES);
        assertClusterHolds(objects, YAML_OBJECTS);

        // The planner's answer for the same documents and members...
        const plan = planFederation(loadFederationManifests([path.join(repoRoot, "e2e", "manifests")]),
            MEMBERS.map((m) => ({ name: m.name, labels: { ...m.labels } })));
        const planned = (cluster: string, name: string) => (plan.byCluster[cluster]
            .find((o) => o.kind === "Deployment" && (o.metadata as { name: string }).name === name)?.spec as { replicas?: number } | undefined)?.replicas;
        // ...is KubeFed's for 10 replicas at weights 2:1:1 with cluster3 capped at 2: 5/3/2.
        assert.deepStrictEqual(CLUSTERS.map((c) => planned(c, "api")), [5, 3, 2]);
        const live = (cluster: string, name: string) => (objects[cluster].get(`Deployment e2e-yaml/${name}`)?.spec as { replicas: number } | undefined)?.replicas;
        assert.deepStrictEqual(CLUSTERS.map((c) => live(c, "api")), [5, 3, 2]);
        // web: the JSON-patch override on cluster2 only.
        assert.deepStrictEqual(["cluster1", "cluster2"].map((c) => live(c, "web")), [1, 3]);
        assert.strictEqual(objects.cluster2.get("Deployment e2e-yaml/web")?.metadata.labels?.canary, "true");
        assert.strictEqual(objects.cluster1.get("Deployment e2e-yaml/web")?.metadata.labels?.canary, undefined);
        assert.deepStrictEqual(CLUSTERS.map((c) => (objects[c].get("ConfigMap e2e-yaml/settings")?.data as { mode: string }).mode),
            ["standard", "standard", "edge"]);

        const outputs = await suite().yaml.outputs();
        assert.deepStrictEqual((outputs.placements as Record<string, string[]>)["FederatedDeployment/e2e-yaml/web"], ["cluster1", "cluster2"]);
    });
});

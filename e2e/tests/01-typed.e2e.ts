/**
 * 1. A typed federation of three members: `pulumi preview` lists every per-cluster resource on its
 * member's provider; `pulumi up` creates exactly the planned objects in exactly the planned
 * clusters, with the overrides applied, and nothing elsewhere.
 */
import * as assert from "assert";
import { KubeObject } from "../fleet/kube";
import { suite } from "./context";
import {
    CLUSTERS, DB_PASSWORD, TYPED_OBJECTS, assertClusterHolds, clusterObjects,
    configureTypedStack, kubernetesSteps, parsePreview, urnName,
} from "./expectations";

describe("1. typed federation: preview and up on three real API servers", function () {
    this.timeout(600_000);

    before(async () => {
        await configureTypedStack(suite().typed);
    });

    it("pulumi preview lists every per-cluster resource, each on its member's provider", async () => {
        const { stdout } = await suite().typed.preview(["--json"]);
        const steps = kubernetesSteps(parsePreview(stdout));
        const expected = Object.values(TYPED_OBJECTS).flatMap((o) => o.clusters.map((c) => `${o.component}-${c} on fleet-${c}`)).sort();
        const actual = steps.map((s) => {
            const provider = s.provider ?? "";
            const member = urnName(provider.slice(0, provider.lastIndexOf("::")));
            assert.match(provider, /[:$]pulumi:providers:kubernetes::fleet-cluster\d::/, `provider of ${s.urn}`);
            return `${urnName(s.urn)} on ${member}`;
        }).sort();
        assert.deepStrictEqual(actual, expected);
        assert.ok(steps.every((s) => s.op === "create"), `every step is a create: ${steps.map((s) => s.op).join(", ")}`);
    });

    it("pulumi up creates exactly the planned objects in exactly the planned clusters", async () => {
        await suite().typed.up();
        // Every object any program made, in any namespace: the planned ones and nothing else.
        const objects = await clusterObjects();
        assertClusterHolds(objects, TYPED_OBJECTS);

        const get = (cluster: string, key: string) => objects[cluster].get(key) as KubeObject & { spec: any; data: any };
        // web: KubeFed JSON patch on cluster2, typed patch (gdpr label) on the eu members.
        const web1 = get("cluster1", "Deployment e2e-apps/web");
        const web2 = get("cluster2", "Deployment e2e-apps/web");
        assert.strictEqual(web1.spec.replicas, 1);
        assert.strictEqual(web1.metadata.labels?.gdpr, "true");
        assert.strictEqual(web1.metadata.annotations?.["example.com/rollout"], undefined);
        assert.strictEqual(web2.spec.replicas, 2);
        assert.strictEqual(web2.metadata.labels?.gdpr, undefined);
        assert.strictEqual(web2.metadata.annotations?.["example.com/rollout"], "canary");
        // api: 6 replicas scheduled evenly.
        assert.deepStrictEqual(CLUSTERS.map((c) => get(c, "Deployment e2e-apps/api").spec.replicas), [2, 2, 2]);
        // settings: cluster3's typed patch.
        assert.deepStrictEqual(CLUSTERS.map((c) => get(c, "ConfigMap e2e-apps/settings").data.mode), ["standard", "standard", "edge"]);
        // The Secret holds the value from secret config.
        for (const c of ["cluster1", "cluster2"]) {
            const secret = get(c, "Secret e2e-apps/credentials");
            assert.strictEqual(Buffer.from(secret.data.password as string, "base64").toString(), DB_PASSWORD);
        }
        const service = get("cluster1", "Service e2e-apps/web");
        assert.deepStrictEqual(service.spec.ports.map((p: any) => [p.port, p.targetPort]), [[80, 8080]]);

        const outputs = await suite().typed.outputs();
        assert.deepStrictEqual((outputs.placements as Record<string, string[]>)["Deployment/web"], ["cluster1", "cluster2"]);
    });
});

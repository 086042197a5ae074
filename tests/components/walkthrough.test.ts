/**
 * The KubeFed user's first hour, step by step, as a federation program: join two clusters,
 * federate a namespace, propagate Redis to both, override one cluster, then change the override
 * and the placement. Each step checks what each cluster would receive.
 */
import { strict as assert } from "assert";
import * as fed from "../../components";
import { Registered, Run, promiseOf, runProgram } from "../harness";

interface Step {
    overrides?: fed.OverrideEntryFor<any>[];
    placement?: fed.Placement;
}

let federation!: fed.Federation;

function program(step: Step) {
    return () => {
        federation = new fed.Federation("kubefed", {
            clusters: [
                { name: "cluster1", context: "kind-cluster1", host: true },
                { name: "cluster2", context: "kind-cluster2" },
            ],
        });
        const namespace = new fed.FederatedNamespace("federated-namespace", { federation, placement: { clusters: ["cluster1", "cluster2"] } });
        new fed.FederatedDeployment("redis", {
            federation,
            namespace,
            template: {
                metadata: { labels: { app: "redis" }, annotations: { "example.com/team": "cache" } },
                spec: {
                    replicas: 3,
                    selector: { matchLabels: { app: "redis" } },
                    template: {
                        metadata: { labels: { app: "redis" } },
                        spec: { containers: [{ name: "redis", image: "redis:alpine", ports: [{ containerPort: 6379 }] }] },
                    },
                },
            },
            placement: step.placement ?? { clusters: ["cluster1", "cluster2"] },
            overrides: step.overrides,
        });
    };
}

function deployments(run: Run): Record<string, Registered> {
    assert.equal(run.error, undefined, String(run.error));
    return Object.fromEntries(run.ofType("kubernetes:apps/v1:Deployment").map((d) => [d.name.replace(/^redis-/, ""), d]));
}

describe("KubeFed walkthrough", () => {
    it("joins two clusters, the first being the host", async () => {
        await runProgram(program({}));
        assert.deepEqual(await promiseOf(federation.memberTable), [
            { name: "cluster1", labels: {}, host: true, state: "available" },
            { name: "cluster2", labels: {}, host: false, state: "available" },
        ]);
    });

    it("creates the federated namespace in both clusters and propagates Redis identically", async () => {
        const run = await runProgram(program({}));
        assert.deepEqual(run.ofType("kubernetes:core/v1:Namespace").map((n) => n.name).sort(), ["federated-namespace-cluster1", "federated-namespace-cluster2"]);
        const { cluster1, cluster2 } = deployments(run);
        assert.deepEqual(cluster1.inputs, cluster2.inputs);
        assert.deepEqual(cluster1.inputs.metadata, { name: "redis", namespace: "federated-namespace", labels: { app: "redis" }, annotations: { "example.com/team": "cache" } });
        assert.equal(cluster1.inputs.spec.template.spec.containers[0].image, "redis:alpine");
        assert.equal(cluster1.inputs.spec.template.spec.containers[0].ports[0].containerPort, 6379);
    });

    const cluster2Overrides: fed.OverrideEntryFor<any> = {
        clusterName: "cluster2",
        clusterOverrides: [
            { op: "replace", path: "/spec/replicas", value: 5 },
            { path: "/spec/template/spec/containers/0/image", value: "redis:7-alpine" },
            { op: "add", path: "/metadata/annotations/example.com~1rollout", value: "canary" },
            { op: "remove", path: "/metadata/annotations/example.com~1team" },
        ],
    };

    it("overrides replicas, image and annotations in cluster2 only", async () => {
        const { cluster1, cluster2 } = deployments(await runProgram(program({ overrides: [cluster2Overrides] })));
        assert.equal(cluster1.inputs.spec.replicas, 3);
        assert.equal(cluster1.inputs.spec.template.spec.containers[0].image, "redis:alpine");
        assert.deepEqual(cluster1.inputs.metadata.annotations, { "example.com/team": "cache" });
        assert.equal(cluster2.inputs.spec.replicas, 5);
        assert.equal(cluster2.inputs.spec.template.spec.containers[0].image, "redis:7-alpine");
        assert.deepEqual(cluster2.inputs.metadata.annotations, { "example.com/rollout": "canary" });
    });

    it("drops the added annotation again when its override goes, leaving the other overrides", async () => {
        const withoutAnnotation = { ...cluster2Overrides, clusterOverrides: cluster2Overrides.clusterOverrides!.filter((o) => !o.path.includes("rollout")) };
        const { cluster2 } = deployments(await runProgram(program({ overrides: [withoutAnnotation] })));
        assert.deepEqual(cluster2.inputs.metadata.annotations, {});
        assert.equal(cluster2.inputs.spec.replicas, 5);
    });

    it("moves Redis out of cluster2 by changing the placement", async () => {
        const run = await runProgram(program({ placement: { clusters: ["cluster1"] }, overrides: [cluster2Overrides] }));
        assert.deepEqual(Object.keys(deployments(run)), ["cluster1"]);
        assert.equal(run.ofType("kubernetes:core/v1:Namespace").length, 2, "the namespace stays where it was placed");
    });
});

import { Federation, FederatedNamespace, FederatedDeployment } from "../components";
import { runProgram, promiseOf } from "./harness";

describe("zz readme quick start", () => {
    it("runs", async () => {
        let out: any;
        let red: any;
        const run = await runProgram(() => {
const federation = new Federation("fleet", {
    clusters: [
        { name: "cluster1", context: "kind-cluster1", labels: { region: "eu-west" }, host: true },
        { name: "cluster2", context: "kind-cluster2", labels: { region: "us-east" } },
    ],
});

const namespace = new FederatedNamespace("federated-namespace", {
    federation,
    placement: { clusterSelector: {} },               // every member
});

const redis = new FederatedDeployment("redis", {
    federation,
    namespace,                                         // goes only where the namespace goes
    template: {                                        // typed: k8s.types.input.apps.v1.Deployment
        spec: {
            replicas: 3,
            selector: { matchLabels: { app: "redis" } },
            template: {
                metadata: { labels: { app: "redis" } },
                spec: { containers: [{ name: "redis", image: "redis:alpine", ports: [{ containerPort: 6379 }] }] },
            },
        },
    },
    placement: { clusters: ["cluster1", "cluster2"] },
    overrides: [
        { clusterName: "cluster2", clusterOverrides: [
            { path: "/spec/replicas", value: 5 },
            { path: "/spec/template/spec/containers/0/image", value: "redis:7-alpine" },
            { op: "add", path: "/metadata/annotations", value: { "example.com/rollout": "canary" } },
        ] },
        { clusterSelector: { matchLabels: { region: "eu-west" } }, patch: { metadata: { labels: { gdpr: "true" } } } },
    ],
});
red = redis;
out = redis.placedClusters;
        });
        console.log("error", run.error, run.warnings);
        for (const r of run.resources) console.log(r.type, r.name, "parent=", r.parent, "provider=", r.provider);
        console.log(JSON.stringify(await promiseOf(out)));
        for (const r of run.ofType("kubernetes:apps/v1:Deployment")) console.log(r.name, JSON.stringify(r.inputs));
        console.log(JSON.stringify(red.overridesApplied), red.clusters, Object.keys(red.resources), red.replicaPlan);
        const ur = await promiseOf(red.resourceUrns); console.log(JSON.stringify(ur));
    });
});

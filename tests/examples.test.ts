/**
 * The higher-level examples (scheduling, policy, outage, overriders, dependencies and status,
 * staged rollout), each run as `pulumi up` would run it, under the mock monitor, and checked the
 * way a user would check it: stack outputs and what each cluster receives.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { FederationError } from "../components";
import { main } from "../components/cli";
import { Registered, Run, promiseOf, runProgramFile } from "./harness";

const examples = path.join(__dirname, "..", "examples");
const program = (example: string) => path.join(examples, example, "index.ts");
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Each Deployment's spec.replicas by its Pulumi name (`<component>-<cluster>`). */
function deploymentReplicas(run: Run): Record<string, number | undefined> {
    return Object.fromEntries(run.ofType("kubernetes:apps/v1:Deployment").map((d) => [d.name, d.inputs.spec.replicas]));
}

/** The names of the custom resources registered on the member's provider (its cluster's objects). */
function objectsOn(run: Run, providerName: string): string[] {
    const provider = run.named(providerName, "pulumi:providers:kubernetes");
    const ref = `${provider.urn}::${provider.name}-id`;
    return run.resources.filter((r) => r.custom && r.provider === ref).map((r) => `${r.type.split(":").pop()}/${r.name}`).sort();
}

function noError(run: Run): void {
    assert.equal(run.error, undefined, String(run.error));
}

describe("examples/replica-scheduling", () => {
    it("divides checkout (KubeFed form) and catalog (Karmada weights, two regions) as the planner rules say", async () => {
        const run = await runProgramFile(program("replica-scheduling"), { project: "replica-scheduling" });
        noError(run);
        const outputs = run.exports as any;
        // checkout: 14 replicas over eu-west-1, eu-central-1 (both "*": weight 1, min 1),
        // us-east-1 (weight 2, min 2) and ap-south-1 (weight 1, max 1). KubeFed's planner:
        //   minimums first: us 2, eu-west 1, eu-central 1, ap 0 -> 10 left;
        //   round 1, weight sum 5, each share rounded up: us ceil(10*2/5)=4 -> 6,
        //     eu-west ceil(10/5)=2 -> 3, eu-central 2 -> 3, ap 2 capped at max 1 (full) -> 1 left;
        //   round 2 over the open clusters (us, eu-west, eu-central; sum 4), us first (heaviest):
        //     ceil(1*2/4)=1 -> 7, nothing left for the others.
        // No tie-break hash decides anything here: every share fits in what is left.
        assert.deepEqual(outputs.replicaPlans.checkout, { "eu-west-1": 3, "eu-central-1": 3, "us-east-1": 7, "ap-south-1": 1 });
        // catalog: the spread constraint keeps the first two regions in member order (europe,
        // north-america), so ap-south-1 is not placed. Static weights by label: north-america 2,
        // europe 1 each; 8 replicas, weight sum 4: us ceil(8*2/4)=4, eu-west 2, eu-central 2.
        assert.deepEqual(outputs.replicaPlans.catalog, { "eu-west-1": 2, "eu-central-1": 2, "us-east-1": 4 });
        assert.deepEqual(await promiseOf(outputs.placements.catalog), ["eu-west-1", "eu-central-1", "us-east-1"]);
        assert.deepEqual(await promiseOf(outputs.placements.checkout), ["eu-west-1", "eu-central-1", "us-east-1", "ap-south-1"]);

        // Each cluster's Deployment carries its share as spec.replicas.
        assert.deepEqual(deploymentReplicas(run), {
            "checkout-eu-west-1": 3, "checkout-eu-central-1": 3, "checkout-us-east-1": 7, "checkout-ap-south-1": 1,
            "catalog-eu-west-1": 2, "catalog-eu-central-1": 2, "catalog-us-east-1": 4,
        });
        assert.deepEqual(objectsOn(run, "scheduling-ap-south-1"), ["Deployment/checkout-ap-south-1", "Namespace/shop-ap-south-1"]);
        // No contexts in config: every member renders YAML instead of contacting a cluster.
        assert.deepEqual(run.ofType("pulumi:providers:kubernetes").map((p) => p.inputs.renderYamlToDirectory), [
            "rendered/stack/eu-west-1", "rendered/stack/eu-central-1", "rendered/stack/us-east-1", "rendered/stack/ap-south-1",
        ]);
    });

    it("deploys to a member through its context when one is configured", async () => {
        const run = await runProgramFile(program("replica-scheduling"), {
            project: "replica-scheduling",
            config: { "replica-scheduling:contexts": JSON.stringify({ "us-east-1": "prod-us" }) },
        });
        noError(run);
        const us = run.named("scheduling-us-east-1", "pulumi:providers:kubernetes");
        assert.equal(us.inputs.context, "prod-us");
        assert.equal(us.inputs.renderYamlToDirectory, undefined);
    });
});

describe("examples/placement-policy", () => {
    const run = (paymentsClusters?: string[]) =>
        runProgramFile(program("placement-policy"), {
            project: "placement-policy",
            config: paymentsClusters ? { "placement-policy:paymentsClusters": JSON.stringify(paymentsClusters) } : {},
        });

    it("places everything within the three rules", async () => {
        const result = await run();
        noError(result);
        const outputs = result.exports as any;
        assert.deepEqual(outputs.rules, ["payments-stay-in-eu", "deployments-on-at-most-2", "critical-on-at-least-2"]);
        assert.deepEqual(await promiseOf(outputs.placements.paymentsApi), ["eu-west-1", "eu-central-1"]);
        assert.deepEqual(await promiseOf(outputs.placements.statusPage), ["eu-west-1", "us-east-1"]);
        assert.deepEqual(await promiseOf(outputs.placements.banner), ["eu-west-1", "eu-central-1", "eu-north-1", "us-east-1"]);
        // Nothing of payments but its (empty) namespace reaches the US member.
        assert.deepEqual(objectsOn(result, "policy-us-east-1"), [
            "ConfigMap/maintenance-banner-us-east-1", "Deployment/status-page-us-east-1", "Namespace/payments-us-east-1",
        ]);
        assert.deepEqual(result.ofType("kubernetes:core/v1:Secret").map((s) => s.name), ["payments-db-eu-west-1", "payments-db-eu-central-1", "payments-db-eu-north-1"]);
    });

    // The messages the README shows.
    const breaking: [string, string[], string][] = [
        [
            "payments outside the EU",
            ["eu-west-1", "us-east-1"],
            'FederatedDeployment "payments-api", cluster "us-east-1", field placement: policy "payments-stay-in-eu" allows only members matching region In (eu-west-1, eu-central-1, eu-north-1), and us-east-1 has region=us-east-1',
        ],
        [
            "a Deployment on 3 clusters",
            ["eu-west-1", "eu-central-1", "eu-north-1"],
            'FederatedDeployment "payments-api", field placement: policy "deployments-on-at-most-2" allows at most 2 clusters, and this is placed on 3 (eu-west-1, eu-central-1, eu-north-1)',
        ],
        [
            "a critical workload on 1 cluster",
            ["eu-north-1"],
            'FederatedDeployment "payments-api", field placement: policy "critical-on-at-least-2" needs at least 2 clusters, and this is placed on 1 (eu-north-1)',
        ],
    ];
    for (const [what, clusters, message] of breaking) {
        it(`refuses ${what}, naming the rule, and registers no payments-api object`, async () => {
            const result = await run(clusters);
            assert.ok(result.error instanceof FederationError, String(result.error));
            // The message ends with the line of the example that constructs the refused component.
            const source = fs.readFileSync(program("placement-policy"), "utf8").split("\n");
            const line = source.findIndex((text) => text.includes("new FederatedDeployment(")) + 1;
            assert.match((result.error as FederationError).message, new RegExp(`^${escape(message)}\n    at new FederatedDeployment \\(examples/placement-policy/index\\.ts:${line}:\\d+\\)$`));
            assert.deepEqual(result.ofType("kubernetes:apps/v1:Deployment").filter((d) => d.name.startsWith("payments-api")), []);
        });
    }
});

describe("examples/cluster-outage", () => {
    const run = (config: Record<string, string> = {}) =>
        runProgramFile(program("cluster-outage"), {
            project: "cluster-outage",
            config: Object.fromEntries(Object.entries(config).map(([key, value]) => [`cluster-outage:${key}`, value])),
        });
    const provider = (result: Run, member: string): Registered => result.named(`outage-${member}`, "pulumi:providers:kubernetes");
    const sum = (plan: Record<string, number>) => Object.values(plan).reduce((a, b) => a + b, 0);

    it("with every member up: 4 api replicas per prod member, reports on eu-west-1, orphans retained", async () => {
        const result = await run();
        noError(result);
        const outputs = result.exports as any;
        // 12 replicas, three prod members with weight 1 each: ceil(12/3) = 4 each.
        assert.deepEqual(outputs.apiReplicas, { "eu-west-1": 4, "eu-central-1": 4, "us-east-1": 4 });
        assert.deepEqual(await promiseOf(outputs.placements.reports), ["eu-west-1"]);
        assert.deepEqual((await promiseOf<any[]>(outputs.members)).map((m: any) => m.state), ["available", "available", "available", "available"]);
        assert.deepEqual(result.warnings.filter((w) => !/renders its objects as YAML/.test(w)), [], "no warnings beyond render mode's");
        // orphan: true on the namespace, and on the on-prem member: retainOnDelete exactly there.
        const retained = result.resources.filter((r) => r.custom && r.retainOnDelete).map((r) => r.name).sort();
        assert.deepEqual(retained, ["ledger-sync-on-prem", "shop-eu-central-1", "shop-eu-west-1", "shop-on-prem", "shop-us-east-1"]);
        for (const member of ["eu-west-1", "eu-central-1", "us-east-1", "on-prem"]) {
            assert.equal(provider(result, member).inputs.deleteUnreachable, undefined);
        }
    });

    it("down=eu-west-1: the total stays 12 on the other prod members, reports fails over, the provider forgets what it cannot reach", async () => {
        const result = await run({ down: "eu-west-1" });
        noError(result);
        const outputs = result.exports as any;
        // 12 over the two prod members left, weight 1 each: ceil(12/2) = 6 each.
        assert.deepEqual(outputs.apiReplicas, { "eu-central-1": 6, "us-east-1": 6 });
        assert.equal(sum(outputs.apiReplicas), 12);
        assert.deepEqual(await promiseOf(outputs.placements.reports), ["eu-central-1"]);
        assert.deepEqual(await promiseOf(outputs.placements.shop), ["eu-central-1", "us-east-1", "on-prem"]);
        // Nothing is registered on the down member: preview shows its objects being deleted...
        assert.deepEqual(objectsOn(result, "outage-eu-west-1"), []);
        // ...and its provider drops them from state instead of failing on the unreachable cluster.
        assert.equal(provider(result, "eu-west-1").inputs.deleteUnreachable, "true");
        assert.equal(provider(result, "eu-west-1").inputs.skipUpdateUnreachable, "true");
        assert.equal(provider(result, "eu-central-1").inputs.deleteUnreachable, undefined);
        assert.deepEqual(deploymentReplicas(result), {
            "reports-eu-central-1": undefined, "api-eu-central-1": 6, "api-us-east-1": 6, "ledger-sync-on-prem": undefined,
        });
        assert.equal((await promiseOf<any[]>(outputs.members))[0].state, "unavailable");
        assert.ok(result.warnings.some((w) => /FederatedDeployment "reports" runs on failover group 1 \(eu-central-1\)/.test(w)), result.warnings.join("\n"));
        assert.ok(result.warnings.some((w) => /FederatedNamespace "shop" is not placed on eu-west-1: unavailable or draining/.test(w)), result.warnings.join("\n"));
    });

    it("drain=us-east-1: planned maintenance empties the member with normal deletes", async () => {
        const result = await run({ drain: "us-east-1" });
        noError(result);
        const outputs = result.exports as any;
        assert.deepEqual(outputs.apiReplicas, { "eu-west-1": 6, "eu-central-1": 6 });
        assert.deepEqual(objectsOn(result, "outage-us-east-1"), []);
        assert.equal(provider(result, "us-east-1").inputs.deleteUnreachable, undefined);
        assert.equal((await promiseOf<any[]>(outputs.members))[2].state, "draining");
    });

    it("down=eu-west-1 with eu-central-1 draining: reports falls back to on-prem and api runs all 12 on us-east-1", async () => {
        const result = await run({ down: "eu-west-1", drain: "eu-central-1" });
        noError(result);
        const outputs = result.exports as any;
        assert.deepEqual(outputs.apiReplicas, { "us-east-1": 12 });
        assert.deepEqual(await promiseOf(outputs.placements.reports), ["on-prem"]);
        // On the orphaned member, reports is retained too.
        assert.equal(result.named("reports-on-prem", "kubernetes:apps/v1:Deployment").retainOnDelete, true);
    });

    it("rejoin=eu-west-1: back from the outage, its provider adopts the objects that survived there", async () => {
        const result = await run({ rejoin: "eu-west-1" });
        noError(result);
        assert.deepEqual((result.exports as any).apiReplicas, { "eu-west-1": 4, "eu-central-1": 4, "us-east-1": 4 });
        assert.equal(provider(result, "eu-west-1").inputs.upsertExistingObjects, "true");
        assert.equal(provider(result, "eu-west-1").inputs.deleteUnreachable, undefined);
        assert.equal(provider(result, "eu-central-1").inputs.upsertExistingObjects, undefined);
        assert.deepEqual(objectsOn(result, "outage-eu-west-1"), ["Deployment/api-eu-west-1", "Deployment/reports-eu-west-1", "Namespace/shop-eu-west-1"]);
    });

    it("refuses a down member that is not in the fleet", async () => {
        const result = await run({ down: "eu-west-2" });
        assert.match(String(result.error), /config down: "eu-west-2" is not a member \(members: eu-west-1, eu-central-1, us-east-1, on-prem\)/);
    });
});

describe("examples/overriders", () => {
    it("mirrors images in China, canaries us-east-1, labels the EU, and reports every operation", async () => {
        const run = await runProgramFile(program("overriders"), { project: "overriders" });
        noError(run);
        const outputs = run.exports as any;
        const images = {
            "eu-west-1": ["ghcr.io/example/web:2.0.3", "envoyproxy/envoy:v1.31.0"],
            "eu-central-1": ["ghcr.io/example/web:2.0.3", "envoyproxy/envoy:v1.31.0"],
            // Canary: only the web container's tag (containerName: web).
            "us-east-1": ["ghcr.io/example/web:2.1.0-rc.1", "envoyproxy/envoy:v1.31.0"],
            // Registry replace: ghcr.io's and Docker Hub's images alike come from the mirror.
            "cn-north-1": ["mirror.example.cn/example/web:2.0.3", "mirror.example.cn/envoyproxy/envoy:v1.31.0"],
        };
        assert.deepEqual(await promiseOf(outputs.images), images);
        const deployments = Object.fromEntries(run.ofType("kubernetes:apps/v1:Deployment").map((d) => [d.name.replace(/^frontend-/, ""), d.inputs]));
        for (const [cluster, expected] of Object.entries(images)) {
            assert.deepEqual(deployments[cluster].spec.template.spec.containers.map((c: any) => c.image), expected, cluster);
        }

        const canary = deployments["us-east-1"];
        assert.deepEqual(canary.spec.template.spec.containers[0].args, ["--port=8080", "--feature-flags=new-checkout"]);
        assert.equal(canary.spec.template.spec.containers[1].args, undefined);
        assert.deepEqual(canary.metadata.labels, { app: "web", track: "canary" });
        assert.deepEqual(canary.metadata.annotations, { "example.com/canary-of": "ghcr.io/example/web:2.0.3" });
        assert.equal(canary.spec.replicas, 1, "the KubeFed clusterOverrides in the same entry");
        assert.equal(canary.spec.minReadySeconds, 30, "the plaintext overrider");
        assert.equal(deployments["eu-west-1"].spec.minReadySeconds, undefined);
        // fieldOverrider: the YAML document inside the ConfigMap, rewritten with sorted keys as Karmada writes it.
        const settings = Object.fromEntries(run.ofType("kubernetes:core/v1:ConfigMap").map((c) => [c.name.replace(/^frontend-settings-/, ""), c.inputs.data["settings.yaml"]]));
        assert.equal(settings["eu-west-1"], "upstream:\n  url: https://api.example.com\n  timeoutSeconds: 5\nlog:\n  level: info\n", "untouched where no overrider applies");
        assert.equal(settings["cn-north-1"], "log:\n  level: info\nupstream:\n  timeoutSeconds: 15\n  url: https://api.example.cn\n");
        assert.equal(settings["us-east-1"], "log:\n  level: debug\nupstream:\n  timeoutSeconds: 5\n  url: https://api.example.com\n");
        assert.deepEqual(await promiseOf(outputs.settingsFiles), settings);
        assert.deepEqual(deployments["eu-west-1"].metadata.labels, { app: "web", "example.com/data-residency": "eu" });
        assert.deepEqual(deployments["cn-north-1"].metadata.labels, { app: "web" });
        assert.equal(deployments["cn-north-1"].spec.replicas, 3);

        // Overriders become JSON patch operations (net change per path; "/" in a key is "~1"),
        // then the entry's clusterOverrides follow.
        assert.deepEqual(outputs.overridesApplied, {
            "eu-west-1": ["add /metadata/labels/example.com~1data-residency"],
            "eu-central-1": ["add /metadata/labels/example.com~1data-residency"],
            "us-east-1": [
                "replace /spec/template/spec/containers/0/image",
                "replace /spec/template/spec/containers/0/args",
                "add /metadata/labels/track",
                "add /metadata/annotations",
                "add /spec/minReadySeconds",
                "replace /spec/replicas",
            ],
            "cn-north-1": ["replace /spec/template/spec/containers/0/image", "replace /spec/template/spec/containers/1/image"],
        });
    });

    it("takes the canary tag from config", async () => {
        const run = await runProgramFile(program("overriders"), { project: "overriders", config: { "overriders:canaryTag": "2.1.0" } });
        noError(run);
        assert.deepEqual((await promiseOf<any>((run.exports as any).images))["us-east-1"], ["ghcr.io/example/web:2.1.0", "envoyproxy/envoy:v1.31.0"]);
    });
});

describe("examples/dependencies-and-status", () => {
    const clusters = ["eu-west-1", "us-east-1", "ap-southeast-1"];
    // What the clusters report: ap-southeast-1 has 1 of its 2 pods ready and no load balancer yet.
    const liveState = ({ type, name }: { type: string; name: string }) => {
        if (type === "kubernetes:apps/v1:Deployment") {
            return {
                "orders-eu-west-1": { status: { readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 } },
                "orders-us-east-1": { status: { readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 } },
                "orders-ap-southeast-1": { status: { readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1 } },
            }[name];
        }
        if (type === "kubernetes:core/v1:Service") {
            return {
                "orders-eu-west-1": { status: { loadBalancer: { ingress: [{ ip: "203.0.113.10" }] } } },
                "orders-us-east-1": { status: { loadBalancer: { ingress: [{ hostname: "a1b2c3.elb.us-east-1.amazonaws.com" }] } } },
                "orders-ap-southeast-1": { status: { loadBalancer: {} } },
            }[name];
        }
        return undefined;
    };

    it("each cluster's Deployment depends on that cluster's Namespace, ConfigMap, Secret and ServiceAccount", async () => {
        const run = await runProgramFile(program("dependencies-and-status"), { project: "dependencies-and-status", liveState });
        noError(run);
        for (const cluster of clusters) {
            const deployment = run.named(`orders-${cluster}`, "kubernetes:apps/v1:Deployment");
            const dependencies = deployment.dependencies.map((urn) => run.byUrn(urn));
            assert.deepEqual(dependencies.map((d) => `${d.type.split(":").pop()}/${d.name}`).sort(), [
                `ConfigMap/orders-config-${cluster}`,
                `Namespace/orders-${cluster}`,
                `Secret/orders-db-${cluster}`,
                `ServiceAccount/orders-${cluster}`,
            ].sort());
            // Same cluster: every dependency is on the Deployment's own provider.
            for (const dependency of dependencies) assert.equal(dependency.provider, deployment.provider, dependency.name);
            const container = deployment.inputs.spec.template.spec.containers[0];
            assert.equal(deployment.inputs.spec.template.spec.serviceAccountName, "orders");
            assert.deepEqual(container.envFrom, [{ configMapRef: { name: "orders-config" } }]);
        }
        for (const secret of run.ofType("kubernetes:core/v1:Secret")) assert.ok(secret.secretPaths.includes("/stringData"), secret.name);
        assert.equal(run.named("orders-config-ap-southeast-1").inputs.data.PAYMENT_TIMEOUT, "20s");
        assert.equal(run.named("orders-config-eu-west-1").inputs.data.PAYMENT_TIMEOUT, "10s");
    });

    it("aggregates the live status: ready clusters and replicas, load balancer addresses", async () => {
        const run = await runProgramFile(program("dependencies-and-status"), { project: "dependencies-and-status", liveState });
        noError(run);
        const outputs = run.exports as any;
        const ready = { ready: true, replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 };
        assert.deepEqual(await promiseOf(outputs.deploymentStatus), {
            clusters: {
                "eu-west-1": ready,
                "us-east-1": ready,
                // replicas 2 from the override; 1 ready < 2: not ready.
                "ap-southeast-1": { ready: false, replicas: 2, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 2 },
            },
            clustersPlaced: 3,
            clustersReady: 2,
            totalReplicas: 8,
            totalReadyReplicas: 7,
            totalAvailableReplicas: 7,
        });
        assert.deepEqual(await promiseOf(outputs.serviceStatus), {
            clusters: {
                "eu-west-1": { ready: true, loadBalancer: [{ ip: "203.0.113.10" }] },
                "us-east-1": { ready: true, loadBalancer: [{ hostname: "a1b2c3.elb.us-east-1.amazonaws.com" }] },
                "ap-southeast-1": { ready: false, loadBalancer: [] },
            },
            clustersPlaced: 3,
            clustersReady: 2,
            totalReplicas: 0,
            totalReadyReplicas: 0,
            totalAvailableReplicas: 0,
        });
        assert.deepEqual(await promiseOf(outputs.endpoints), {
            "eu-west-1": ["203.0.113.10"],
            "us-east-1": ["a1b2c3.elb.us-east-1.amazonaws.com"],
            "ap-southeast-1": [],
        });
    });
});

describe("examples/large-fleet", () => {
    it("an async program: every member gets its namespace, 40 services and its own quota, in the right order, with no Deployment alias", async () => {
        const run = await runProgramFile(program("large-fleet"), { project: "large-fleet" });
        noError(run);
        assert.deepEqual(run.exports, { members: 12, perClusterObjects: 12 * 81 });
        assert.equal(run.ofType("kubernetes:apps/v1:Deployment").length, 12 * 40);
        assert.equal(run.ofType("kubernetes:core/v1:ConfigMap").length, 12 * 40);
        for (const deployment of run.ofType("kubernetes:apps/v1:Deployment")) assert.deepEqual(deployment.aliases, [], deployment.name);
        // m0 and m4 are canaries: one replica there, two elsewhere.
        assert.equal(run.named("svc3-m4").inputs.spec.replicas, 1);
        assert.equal(run.named("svc3-m5").inputs.spec.replicas, 2);
        for (const member of ["m0", "m7", "m11"]) {
            const quota = run.named(`quota-${member}`);
            assert.deepEqual(quota.dependencies, [run.named(`apps-${member}`).urn]);
            assert.equal(objectsOn(run, `fleet-${member}`).filter((name) => name.startsWith("ResourceQuota/")).length, 1);
            assert.deepEqual(run.named(`svc3-${member}`).dependencies.sort(), [run.named(`apps-${member}`).urn, run.named(`svc3-config-${member}`).urn].sort());
        }
    });

    it("synth runs it as pulumi up would: the exported function is called and awaited", async () => {
        const out = fs.mkdtempSync(path.join(require("os").tmpdir(), "large-fleet-"));
        const log = console.log;
        const printed: string[] = [];
        console.log = (...args: unknown[]) => { printed.push(args.join(" ")); };
        try {
            const code = await main(["synth", "--dir", path.join(examples, "large-fleet"), "--out", out, "--skip-type-check"]).finally(() => { console.log = log; });
            assert.equal(code, 0, printed.join("\n"));
            assert.match(printed.join("\n"), /perClusterObjects: 972/);
            const files = fs.readdirSync(path.join(out, "dev", "m3"));
            assert.equal(files.length, 1 + 2 * 40 + 1, files.join(", "));
            assert.ok(files.some((file) => file.includes("resourcequota")), files.join(", "));
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });
});

describe("examples/staged-rollout", () => {
    const clusters = ["eu-canary", "eu-west-1", "us-east-1", "ap-south-1", "us-west-2"];

    /** A component's per-cluster objects: cluster -> the clusters of its own objects it depends on. */
    function stageEdges(run: Run, component: string, type: string): Record<string, string[]> {
        const parent = run.named(component, type);
        const objects = run.resources.filter((r) => r.custom && r.parent === parent.urn);
        const clusterOf = new Map(objects.map((r) => [r.urn, r.name.slice(component.length + 1)]));
        return Object.fromEntries(objects.map((r) => [clusterOf.get(r.urn)!, r.dependencies.filter((urn) => clusterOf.has(urn)).map((urn) => clusterOf.get(urn)!).sort()]));
    }

    it("web: the canary, then the early ring two at a time, then the rest; each batch depends on the previous one, with the rollout's timeout", async () => {
        const run = await runProgramFile(program("staged-rollout"), { project: "staged-rollout" });
        noError(run);
        assert.deepEqual(stageEdges(run, "web", "federation:index:FederatedDeployment"), {
            "eu-canary": [],
            // early, maxParallel 2: the ring's first two members in member order, then the third.
            "eu-west-1": ["eu-canary"],
            "us-east-1": ["eu-canary"],
            "ap-south-1": ["eu-west-1", "us-east-1"],
            // rest: the member no stage names.
            "us-west-2": ["ap-south-1"],
        });
        assert.deepEqual(run.named("web", "federation:index:FederatedDeployment").outputs?.rolloutStages, {
            "eu-canary": "canary (1 of 3)",
            "eu-west-1": "early (2 of 3)",
            "us-east-1": "early (2 of 3)",
            "ap-south-1": "early (2 of 3)",
            "us-west-2": "rest (3 of 3)",
        });
        for (const cluster of clusters) {
            const deployment = run.named(`web-${cluster}`, "kubernetes:apps/v1:Deployment");
            assert.deepEqual(deployment.customTimeouts, { create: "600s", update: "600s" }, cluster);
            // Beside the previous stage: this cluster's namespace and ConfigMap, and nothing of another cluster's but web.
            const others = deployment.dependencies.map((urn) => run.byUrn(urn).name).filter((name) => !/^web-(eu|us|ap)-/.test(name)).sort();
            assert.deepEqual(others, [`storefront-${cluster}`, `web-settings-${cluster}`], cluster);
        }
        // Registered in stage order, so a preview lists them so.
        assert.deepEqual(run.ofType("kubernetes:apps/v1:Deployment").map((d) => d.name), clusters.map((cluster) => `web-${cluster}`));
    });

    it("sessions takes the Federation's rollout: not placed on the canary, so early one at a time, then the rest", async () => {
        const run = await runProgramFile(program("staged-rollout"), { project: "staged-rollout" });
        noError(run);
        const outputs = run.exports as any;
        assert.deepEqual(await promiseOf(outputs.placements.sessions), ["eu-west-1", "us-east-1", "ap-south-1", "us-west-2"]);
        assert.deepEqual(stageEdges(run, "sessions", "federation:index:FederatedStatefulSet"), {
            "eu-west-1": [],
            "us-east-1": ["eu-west-1"],
            "ap-south-1": ["us-east-1"],
            "us-west-2": ["ap-south-1"],
        });
        assert.deepEqual(run.named("sessions", "federation:index:FederatedStatefulSet").outputs?.rolloutStages, {
            "eu-west-1": "early (1 of 2)",
            "us-east-1": "early (1 of 2)",
            "ap-south-1": "early (1 of 2)",
            "us-west-2": "rest (2 of 2)",
        });
        for (const statefulSet of run.ofType("kubernetes:apps/v1:StatefulSet")) assert.deepEqual(statefulSet.customTimeouts, { create: "900s", update: "900s" }, statefulSet.name);
    });

    it("the ConfigMap and the namespace are not staged: no edge between clusters, no timeout, no STAGE", async () => {
        const run = await runProgramFile(program("staged-rollout"), { project: "staged-rollout" });
        noError(run);
        const outputs = run.exports as any;
        assert.deepEqual(await promiseOf(outputs.placements.settings), clusters);
        assert.deepEqual(await promiseOf(outputs.placements.web), clusters);
        for (const [component, type] of [["web-settings", "federation:index:FederatedConfigMap"], ["storefront", "federation:index:FederatedNamespace"]]) {
            assert.deepEqual(stageEdges(run, component, type), Object.fromEntries(clusters.map((cluster) => [cluster, []])), component);
            assert.equal(run.named(component, type).outputs?.rolloutStages, undefined, component);
        }
        for (const object of [...run.ofType("kubernetes:core/v1:ConfigMap"), ...run.ofType("kubernetes:core/v1:Namespace")]) assert.equal(object.customTimeouts, undefined, object.name);
        // No contexts in config: every member renders YAML instead of contacting a cluster.
        assert.deepEqual(run.ofType("pulumi:providers:kubernetes").map((p) => p.inputs.renderYamlToDirectory), clusters.map((cluster) => `rendered/stack/${cluster}`));
    });

    it("takes web's image from config, accepts a soak of 0 (the same stages), and deploys to a member through its context", async () => {
        const run = await runProgramFile(program("staged-rollout"), {
            project: "staged-rollout",
            config: {
                "staged-rollout:webImage": "ghcr.io/example/web:2.5.0",
                "staged-rollout:soakSeconds": "0",
                "staged-rollout:contexts": JSON.stringify({ "eu-canary": "prod-canary" }),
            },
        });
        noError(run);
        for (const cluster of clusters) assert.equal(run.named(`web-${cluster}`).inputs.spec.template.spec.containers[0].image, "ghcr.io/example/web:2.5.0");
        const canary = run.named("rings-eu-canary", "pulumi:providers:kubernetes");
        assert.equal(canary.inputs.context, "prod-canary");
        assert.equal(canary.inputs.renderYamlToDirectory, undefined);
        // A soak of 0 is a valid rollout and changes no stage (the soak itself is a hook, not registered under mocks).
        assert.deepEqual(stageEdges(run, "web", "federation:index:FederatedDeployment")["ap-south-1"], ["eu-west-1", "us-east-1"]);
    });
});

/**
 * Scheduling, status, policy, availability (the outage runbook), orphaning and dependencies,
 * end to end under the mock monitor: what each cluster receives, and what is refused.
 */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as fed from "../../components";
import { FederationError } from "../../components";
import { planReplicas } from "../../components/planning/replicas";
import { Run, promiseOf, runProgram } from "../harness";

const fleet: fed.MemberClusterArgs[] = [
    { name: "eu-1", labels: { region: "eu-west", tier: "prod" } },
    { name: "eu-2", labels: { region: "eu-central", tier: "prod" } },
    { name: "us-1", labels: { region: "us-east", tier: "prod" } },
    { name: "ap-1", labels: { region: "ap-south", tier: "edge" } },
];

const web = (replicas = 1) => ({
    spec: {
        replicas,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
    },
});

function replicasByCluster(run: Run, name = "web"): Record<string, number> {
    assert.equal(run.error, undefined, String(run.error));
    return Object.fromEntries(
        run.ofType("kubernetes:apps/v1:Deployment").filter((d) => d.name.startsWith(`${name}-`)).map((d) => [d.name.slice(name.length + 1), d.inputs.spec.replicas]),
    );
}

describe("scheduling", () => {
    it("divides totalReplicas by KubeFed's planner and sets each cluster's spec.replicas", async () => {
        let deployment!: fed.FederatedDeployment;
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            deployment = new fed.FederatedDeployment("web", {
                federation,
                namespace: "shop",
                template: web(),
                placement: { clusterSelector: { matchLabels: { tier: "prod" } } },
                scheduling: { totalReplicas: 10, clusters: { "eu-1": { weight: 2 }, "*": { weight: 1 } } },
            });
        });
        const expected = planReplicas({ totalReplicas: 10, clusters: { "eu-1": { weight: 2 }, "*": { weight: 1 } } }, ["eu-1", "eu-2", "us-1"], { key: "shop/web" }).plan;
        assert.deepEqual(replicasByCluster(run), expected);
        assert.equal(expected["eu-1"], 5, "weight 2 of 4 takes half");
        assert.deepEqual(deployment.replicaPlan, expected);
        assert.match(deployment.overridesApplied["eu-1"].join(), /scheduling: 5 replicas/);
    });

    it("Karmada's static weight list, by names and by label selector", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            new fed.FederatedDeployment("web", {
                federation,
                template: web(),
                placement: { clusterSelector: {} },
                scheduling: {
                    totalReplicas: 12,
                    staticWeights: [
                        { targetCluster: { clusterNames: ["us-1"] }, weight: 2 },
                        { targetCluster: { labelSelector: { matchLabels: { tier: "prod" } } }, weight: 1 },
                    ],
                },
            });
        });
        // us-1 matches the first entry (2); eu-1 and eu-2 the second (1); ap-1 none, so Karmada
        // leaves it out of the division and it gets no object.
        assert.deepEqual(replicasByCluster(run), { "eu-1": 3, "eu-2": 3, "us-1": 6 });
    });

    it("a cluster planned at 0 keeps its object scaled to 0 by default, or gets none with zeroReplicas: omit", async () => {
        const program = (zeroReplicas?: "omit") => () => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            new fed.FederatedDeployment("web", {
                federation,
                template: web(),
                placement: { clusterSelector: { matchLabels: { tier: "prod" } } },
                scheduling: { totalReplicas: 4, clusters: { "eu-1": { weight: 1 }, "us-1": { weight: 1 } }, zeroReplicas },
            });
        };
        assert.deepEqual(replicasByCluster(await runProgram(program())), { "eu-1": 2, "eu-2": 0, "us-1": 2 });
        assert.deepEqual(replicasByCluster(await runProgram(program("omit"))), { "eu-1": 2, "us-1": 2 });
    });

    const refused: { name: string; args: Partial<fed.FederatedDeploymentArgs>; field: string; message: RegExp; cluster?: string }[] = [
        {
            name: "an override of /spec/replicas together with scheduling",
            args: { overrides: [{ clusterName: "eu-1", clusterOverrides: [{ path: "/spec/replicas", value: 3 }] }] },
            field: "overrides[0].clusterOverrides[0].path", cluster: "eu-1", message: /replicas that scheduling divides/,
        },
        {
            name: "a typed patch of spec.replicas together with scheduling",
            args: { overrides: [{ clusterSelector: {}, patch: { spec: { replicas: 3 } } }] },
            field: "overrides[0].patch.spec.replicas", message: /replicas that scheduling divides/,
        },
        {
            name: "an unknown cluster in scheduling.clusters",
            args: { scheduling: { totalReplicas: 3, clusters: { "mars-1": { weight: 1 } } } },
            field: 'scheduling.clusters["mars-1"]', cluster: "mars-1", message: /not a member/,
        },
        {
            name: "minReplicas above maxReplicas",
            args: { scheduling: { totalReplicas: 3, clusters: { "eu-1": { minReplicas: 4, maxReplicas: 2 } } } },
            field: 'scheduling.clusters["eu-1"].minReplicas', cluster: "eu-1", message: /more than maxReplicas/,
        },
        {
            name: "replicas that are not a number",
            args: { scheduling: { totalReplicas: "five" as any } },
            field: "scheduling.totalReplicas", message: /whole number/,
        },
    ];
    for (const c of refused) {
        it(`refuses ${c.name}`, async () => {
            const run = await runProgram(() => {
                const federation = new fed.Federation("fleet", { clusters: fleet });
                new fed.FederatedDeployment("web", { federation, template: web(), placement: { clusterSelector: {} }, scheduling: { totalReplicas: 6 }, ...c.args });
            });
            assert.ok(run.error instanceof FederationError, String(run.error));
            assert.equal(run.error.resource, 'FederatedDeployment "web"');
            assert.equal(run.error.field, c.field);
            assert.equal(run.error.cluster, c.cluster);
            assert.match(run.error.message, c.message);
            assert.deepEqual(run.resources.filter((r) => !r.name.startsWith("fleet")), []);
        });
    }

    it("refuses scheduling on a kind without replicas", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            new fed.FederatedResource("cfg", { federation, apiVersion: "v1", kind: "ConfigMap", template: {}, placement: { clusterSelector: {} }, scheduling: { totalReplicas: 2 } });
        });
        assert.ok(run.error instanceof FederationError);
        assert.equal(run.error.field, "scheduling");
        assert.match(run.error.message, /ConfigMap has no spec.replicas/);
    });
});

describe("high availability: the outage runbook", () => {
    const program = (down?: string, orphan = false) => () => {
        const federation = new fed.Federation("fleet", {
            clusters: fleet.map((member) => (member.name === down ? { ...member, unavailable: true, orphan } : member)),
        });
        new fed.FederatedDeployment("web", {
            federation,
            template: web(),
            placement: { clusterSelector: { matchLabels: { tier: "prod" } } },
            scheduling: { totalReplicas: 9, rebalance: true },
        });
        new fed.FederatedConfigMap("cfg", { federation, template: { data: { a: "1" } }, placement: { clusterSelector: {} } });
    };

    it("marking a member unavailable moves its replicas to the others, keeping the total, and drops it from placement", async () => {
        const before = replicasByCluster(await runProgram(program()));
        assert.deepEqual(before, { "eu-1": 3, "eu-2": 3, "us-1": 3 });
        const run = await runProgram(program("eu-2"));
        const after = replicasByCluster(run);
        assert.deepEqual(Object.keys(after).sort(), ["eu-1", "us-1"]);
        assert.equal(after["eu-1"] + after["us-1"], 9, "no replica is lost");
        assert.ok(after["eu-1"] >= 4 && after["us-1"] >= 4);
        assert.deepEqual(run.ofType("kubernetes:core/v1:ConfigMap").map((c) => c.name).sort(), ["cfg-ap-1", "cfg-eu-1", "cfg-us-1"]);
        assert.ok(run.warnings.some((w) => /FederatedDeployment "web" is not placed on eu-2: unavailable/.test(w)), run.warnings.join("\n"));
    });

    it("an unavailable member's provider drops what it cannot reach instead of failing the update", async () => {
        const run = await runProgram(program("eu-2"));
        const provider = run.named("fleet-eu-2", "pulumi:providers:kubernetes");
        assert.equal(provider.inputs.deleteUnreachable, "true");
        assert.equal(provider.inputs.skipUpdateUnreachable, "true");
        assert.equal(run.named("fleet-eu-1", "pulumi:providers:kubernetes").inputs.deleteUnreachable, undefined);
    });

    it("the member table shows the state", async () => {
        let federation!: fed.Federation;
        await runProgram(() => {
            federation = new fed.Federation("fleet", { clusters: [{ name: "a", unavailable: true }, { name: "b", draining: true }, { name: "c" }] });
        });
        assert.deepEqual((await promiseOf(federation.memberTable)).map((m) => m.state), ["unavailable", "draining", "available"]);
    });
});

describe("failover groups and spread constraints", () => {
    it("uses the first failover group with an available member, and the next when it goes down", async () => {
        const program = (down?: string) => () => {
            const federation = new fed.Federation("fleet", { clusters: fleet.map((m) => (m.name === down ? { ...m, unavailable: true } : m)) });
            new fed.FederatedDeployment("web", {
                federation,
                template: web(2),
                placement: { failover: [{ clusters: ["us-1"] }, { clusterSelector: { matchLabels: { region: "eu-west" } } }] },
            });
        };
        assert.deepEqual(replicasByCluster(await runProgram(program())), { "us-1": 2 });
        const run = await runProgram(program("us-1"));
        assert.deepEqual(replicasByCluster(run), { "eu-1": 2 });
        assert.ok(run.warnings.some((w) => /runs on failover group 1 \(eu-1\)/.test(w)), run.warnings.join("\n"));
    });

    it("keeps a workload within at most 2 regions, and refuses fewer than 2", async () => {
        const program = (placement: fed.Placement) => () => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            new fed.FederatedDeployment("web", { federation, template: web(), placement });
        };
        const spread = [{ spreadByLabel: "region", minGroups: 2, maxGroups: 2 }];
        assert.deepEqual(Object.keys(replicasByCluster(await runProgram(program({ clusterSelector: {}, spreadConstraints: spread })))), ["eu-1", "eu-2"]);
        const run = await runProgram(program({ clusters: ["us-1"], spreadConstraints: spread }));
        assert.ok(run.error instanceof FederationError);
        assert.equal(run.error.field, "placement.spreadConstraints[0]");
        assert.match(run.error.message, /at least 2 distinct "region" values.*found 1 \(us-east\)/);
    });
});

describe("policy", () => {
    const policies: fed.PlacementPolicy[] = [
        {
            name: "payments-stay-in-eu",
            match: { namespaces: ["payments"] },
            allowedClusters: { matchExpressions: [{ key: "region", operator: "In", values: ["eu-west", "eu-central"] }] },
        },
        { name: "at-most-two", match: { kinds: ["Deployment"] }, maxClusters: 2 },
    ];
    const program = (namespace: string, placement: fed.Placement, kind: "deploy" | "config" = "config") => () => {
        const federation = new fed.Federation("fleet", { clusters: fleet, policies });
        if (kind === "deploy") new fed.FederatedDeployment("web", { federation, namespace, template: web(), placement });
        else new fed.FederatedConfigMap("ledger", { federation, namespace, template: { data: {} }, placement });
    };

    it("lets objects that keep the rules through", async () => {
        const run = await runProgram(program("payments", { clusterSelector: { matchLabels: { tier: "prod" } }, spreadConstraints: [{ spreadByLabel: "region", maxGroups: 2 }] }));
        assert.equal(run.error, undefined, String(run.error));
        assert.deepEqual(run.ofType("kubernetes:core/v1:ConfigMap").map((c) => c.name), ["ledger-eu-1", "ledger-eu-2"]);
    });

    it("refuses a placement outside the allowed members, naming the rule and the cluster", async () => {
        const run = await runProgram(program("payments", { clusters: ["eu-1", "us-1"] }));
        assert.ok(run.error instanceof FederationError);
        assert.equal(run.error.resource, 'FederatedConfigMap "ledger"');
        assert.equal(run.error.cluster, "us-1");
        assert.equal(run.error.field, "placement");
        assert.match(run.error.message, /policy "payments-stay-in-eu" allows only members matching region In \(eu-west, eu-central\), and us-1 has region=us-east/);
        assert.deepEqual(run.resources.filter((r) => !r.name.startsWith("fleet")), []);
    });

    it("refuses more clusters than a rule allows", async () => {
        const run = await runProgram(program("shop", { clusterSelector: {} }, "deploy"));
        assert.ok(run.error instanceof FederationError);
        assert.match(run.error.message, /policy "at-most-two" allows at most 2 clusters, and this is placed on 4/);
    });

    it("rules that do not match the object leave it alone", async () => {
        const run = await runProgram(program("shop", { clusterSelector: {} }));
        assert.equal(run.error, undefined);
        assert.equal(run.ofType("kubernetes:core/v1:ConfigMap").length, 4);
    });

    it("a malformed rule is refused when the federation is declared", async () => {
        const run = await runProgram(() => new fed.Federation("fleet", { clusters: fleet, policies: [{ name: "x", allowedClusters: { matchExpressions: [{ key: "region", operator: "Is" as any }] } }] }));
        assert.ok(run.error instanceof FederationError);
        assert.equal(run.error.field, "policies[0].allowedClusters.matchExpressions[0].operator");
        assert.deepEqual(run.resources, []);
    });
});

describe("orphaning", () => {
    it("orphan on a resource or a member sets retainOnDelete on exactly those objects", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet.map((m) => (m.name === "ap-1" ? { ...m, orphan: true } : m)) });
            new fed.FederatedConfigMap("keep", { federation, template: {}, placement: { clusters: ["eu-1"] }, orphan: true });
            new fed.FederatedConfigMap("plain", { federation, template: {}, placement: { clusters: ["eu-1", "ap-1"] } });
        });
        const retained = Object.fromEntries(run.ofType("kubernetes:core/v1:ConfigMap").map((c) => [c.name, c.retainOnDelete]));
        assert.deepEqual(retained, { "keep-eu-1": true, "plain-eu-1": false, "plain-ap-1": true });
    });

    it("the kubefed.io/orphan annotation in manifests orphans the object", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            new fed.FederatedManifests("m", {
                federation,
                yaml: "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata:\n  name: cfg\n  namespace: shop\n  annotations: { kubefed.io/orphan: \"true\" }\nspec:\n  template: { data: {} }\n  placement: { clusters: [{ name: eu-1 }] }\n",
            });
        });
        assert.equal(run.error, undefined, String(run.error));
        assert.equal(run.named("cfg-eu-1").retainOnDelete, true);
    });
});

describe("dependencies follow their workload", () => {
    const workload = (federation: fed.Federation, placement: fed.Placement, dependencies?: "ignore") =>
        new fed.FederatedDeployment("web", {
            federation,
            namespace: "shop",
            dependencies,
            template: {
                spec: {
                    selector: { matchLabels: { app: "web" } },
                    template: {
                        metadata: { labels: { app: "web" } },
                        spec: {
                            serviceAccountName: "web",
                            containers: [{ name: "web", image: "nginx", envFrom: [{ configMapRef: { name: "settings" } }], env: [{ name: "PW", valueFrom: { secretKeyRef: { name: "creds", key: "pw" } } }] }],
                        },
                    },
                },
            },
            placement,
        });

    it("waits, in each cluster, for that cluster's federated ConfigMap, Secret and ServiceAccount", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            new fed.FederatedConfigMap("settings", { federation, namespace: "shop", template: { data: {} }, placement: { clusterSelector: {} } });
            new fed.FederatedSecret("creds", { federation, namespace: "shop", template: { stringData: { pw: "x" } }, placement: { clusterSelector: {} } });
            new fed.FederatedServiceAccount("web", { federation, namespace: "shop", template: {}, placement: { clusterSelector: {} } });
            workload(federation, { clusters: ["eu-1", "us-1"] });
        });
        assert.equal(run.error, undefined, String(run.error));
        for (const cluster of ["eu-1", "us-1"]) {
            const deployment = run.named(`web-${cluster}`, "kubernetes:apps/v1:Deployment");
            assert.deepEqual(deployment.dependencies.map((urn) => run.byUrn(urn).name).sort(), [`creds-${cluster}`, `settings-${cluster}`, `web-${cluster}`]);
        }
    });

    it("refuses a workload placed where a dependency is not, naming the cluster and the reference", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            new fed.FederatedConfigMap("settings", { federation, namespace: "shop", template: { data: {} }, placement: { clusters: ["eu-1"] } });
            workload(federation, { clusters: ["eu-1", "us-1"] });
        });
        assert.ok(run.error instanceof FederationError, String(run.error));
        assert.equal(run.error.resource, 'FederatedDeployment "web"');
        assert.equal(run.error.cluster, "us-1");
        assert.equal(run.error.field, "template.spec.template.spec.containers[0].envFrom[0].configMapRef.name");
        assert.match(run.error.message, /refers to ConfigMap "settings", which FederatedConfigMap "settings" places only on eu-1/);
        assert.equal(run.resources.filter((r) => r.name.startsWith("web")).length, 0);
    });

    it("refuses a dependency declared after its workload with too small a placement", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            workload(federation, { clusters: ["eu-1", "us-1"] });
            new fed.FederatedSecret("creds", { federation, namespace: "shop", template: {}, placement: { clusters: ["us-1"] } });
        });
        assert.ok(run.error instanceof FederationError, String(run.error));
        assert.equal(run.error.resource, 'FederatedSecret "creds"');
        assert.equal(run.error.cluster, "eu-1");
        assert.match(run.error.message, /FederatedDeployment "web" refers to this Secret \(template.spec.template.spec.containers\[0\].env\[0\].valueFrom.secretKeyRef.name\)/);
    });

    it("dependencies: ignore switches the check off", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            new fed.FederatedConfigMap("settings", { federation, namespace: "shop", template: {}, placement: { clusters: ["eu-1"] } });
            workload(federation, { clusters: ["eu-1", "us-1"] }, "ignore");
        });
        assert.equal(run.error, undefined);
        assert.deepEqual(run.named("web-eu-1", "kubernetes:apps/v1:Deployment").dependencies, []);
    });
});

describe("status", () => {
    const liveState = ({ type, name }: { type: string; name: string }) => {
        if (type === "kubernetes:apps/v1:Deployment") {
            return name.endsWith("eu-1")
                ? { status: { replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 } }
                : { status: { replicas: 2, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 2 } };
        }
        if (type === "kubernetes:core/v1:Service") {
            return name.endsWith("eu-1") ? { status: { loadBalancer: { ingress: [{ ip: "203.0.113.10" }] } } } : { status: { loadBalancer: {} } };
        }
        return undefined;
    };

    it("reports each cluster's workload replicas and the totals", async () => {
        let deployment!: fed.FederatedDeployment;
        await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            deployment = new fed.FederatedDeployment("web", { federation, template: web(2), placement: { clusters: ["eu-1", "us-1"] } });
        }, { liveState });
        const status = await promiseOf(deployment.status);
        assert.deepEqual(status.clusters["eu-1"], { ready: true, replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2 });
        assert.deepEqual(status.clusters["us-1"], { ready: false, replicas: 2, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 2 });
        assert.deepEqual(
            { placed: status.clustersPlaced, ready: status.clustersReady, total: status.totalReplicas, totalReady: status.totalReadyReplicas },
            { placed: 2, ready: 1, total: 4, totalReady: 3 },
        );
    });

    it("reports load balancer ingress for services", async () => {
        let service!: fed.FederatedService;
        await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            service = new fed.FederatedService("api", { federation, template: { spec: { type: "LoadBalancer", ports: [{ port: 80 }] } }, placement: { clusters: ["eu-1", "us-1"] } });
        }, { liveState });
        const status = await promiseOf(service.status);
        assert.deepEqual(status.clusters["eu-1"], { ready: true, loadBalancer: [{ ip: "203.0.113.10" }] });
        assert.deepEqual(status.clusters["us-1"], { ready: false, loadBalancer: [] });
    });

    it("is unknown during preview, never a guess", async () => {
        let deployment!: fed.FederatedDeployment;
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            deployment = new fed.FederatedDeployment("web", { federation, template: web(2), placement: { clusters: ["eu-1"] } });
        }, { preview: true });
        assert.equal(run.error, undefined);
        const known = await (deployment.status as any).isKnown;
        assert.equal(known, false);
    });
});

describe("Karmada-style overriders", () => {
    it("rewrite images, args, labels and annotations per cluster, by name or selector, after the patch and before JSON patch", async () => {
        let deployment!: fed.FederatedDeployment;
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            deployment = new fed.FederatedDeployment("web", {
                federation,
                template: {
                    metadata: { labels: { app: "web" } },
                    spec: {
                        selector: { matchLabels: { app: "web" } },
                        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "docker.io/example/web:1.4", args: ["--port=80"] }] } },
                    },
                },
                placement: { clusterSelector: {} },
                overrides: [
                    {
                        clusterSelector: { matchLabels: { tier: "edge" } },
                        overriders: {
                            imageOverrider: [{ component: "Registry", operator: "replace", value: "mirror.ap.example.com" }],
                            argsOverrider: [{ containerName: "web", operator: "add", value: ["--cache=on"] }],
                            labelsOverrider: [{ operator: "add", value: { edge: "true" } }],
                        },
                    },
                    {
                        clusterName: "us-1",
                        overriders: {
                            imageOverrider: [{ component: "Tag", operator: "replace", value: "1.5-rc1" }],
                            annotationsOverrider: [{ operator: "add", value: { "example.com/canary": "yes" } }],
                        },
                        clusterOverrides: [{ op: "add", path: "/metadata/annotations/example.com~1owner", value: "us-team" }],
                    },
                ],
            });
        });
        assert.equal(run.error, undefined, String(run.error));
        const get = (cluster: string) => run.named(`web-${cluster}`, "kubernetes:apps/v1:Deployment").inputs;
        assert.equal(get("eu-1").spec.template.spec.containers[0].image, "docker.io/example/web:1.4");
        assert.equal(get("ap-1").spec.template.spec.containers[0].image, "mirror.ap.example.com/example/web:1.4");
        assert.deepEqual(get("ap-1").spec.template.spec.containers[0].args, ["--port=80", "--cache=on"]);
        assert.deepEqual(get("ap-1").metadata.labels, { app: "web", edge: "true" });
        assert.equal(get("us-1").spec.template.spec.containers[0].image, "docker.io/example/web:1.5-rc1");
        assert.deepEqual(get("us-1").metadata.annotations, { "example.com/canary": "yes", "example.com/owner": "us-team" });
        assert.deepEqual(deployment.overridesApplied["us-1"], [
            "replace /spec/template/spec/containers/0/image",
            "add /metadata/annotations",
            "add /metadata/annotations/example.com~1owner",
        ]);
    });

    it("refuses a bad overrider before anything registers, naming the entry and field", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            new fed.FederatedDeployment("web", {
                federation,
                template: web(),
                placement: { clusterSelector: {} },
                overrides: [{ clusterName: "eu-1", overriders: { imageOverrider: [{ component: "Registry", operator: "add" }] } }],
            });
        });
        assert.ok(run.error instanceof FederationError, String(run.error));
        assert.equal(run.error.cluster, "eu-1");
        assert.equal(run.error.field, "overrides[0].overriders.imageOverrider[0].value");
        assert.deepEqual(run.resources.filter((r) => !r.name.startsWith("fleet")), []);
    });
});

describe("status in a preview with existing state", () => {
    it("is unknown even when the resources report a status from the last update", async () => {
        let deployment!: fed.FederatedDeployment;
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            deployment = new fed.FederatedDeployment("web", { federation, template: web(2), placement: { clusters: ["eu-1"] } });
        }, { preview: true, liveState: () => ({ status: { readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1 } }) });
        assert.equal(run.error, undefined);
        assert.equal(await (deployment.status as any).isKnown, false);
    });
});

describe("scheduling a FederatedStatefulSet", () => {
    it("sets each cluster's spec.replicas from the plan", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet });
            new fed.FederatedStatefulSet("db", {
                federation,
                template: { spec: { serviceName: "db", selector: { matchLabels: { app: "db" } }, template: { metadata: { labels: { app: "db" } }, spec: { containers: [{ name: "db", image: "postgres:17" }] } } } },
                placement: { clusters: ["eu-1", "eu-2"] },
                scheduling: { totalReplicas: 5, clusters: { "eu-1": { weight: 1, maxReplicas: 2 }, "eu-2": { weight: 1 } } },
            });
        });
        assert.equal(run.error, undefined, String(run.error));
        const replicas = Object.fromEntries(run.ofType("kubernetes:apps/v1:StatefulSet").map((s) => [s.name, s.inputs.spec.replicas]));
        assert.deepEqual(replicas, { "db-eu-1": 2, "db-eu-2": 3 });
    });
});

describe("policy: objects whose namespace or labels are not plain", () => {
    const policies: fed.PlacementPolicy[] = [
        { name: "payments-stay-in-eu", match: { namespaces: ["payments"] }, allowedClusters: { matchLabels: { region: "eu-west" } } },
        { name: "critical-once", match: { labels: { matchLabels: { tier: "critical" } } }, maxClusters: 1 },
    ];
    it("an object that names no namespace is judged by each member's default namespace", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet.map((m) => ({ ...m, namespace: "payments" })), policies });
            new fed.FederatedConfigMap("ledger", { federation, template: { data: {} }, placement: { clusters: ["eu-1", "us-1"] } });
        });
        assert.ok(run.error instanceof FederationError, String(run.error));
        assert.equal(run.error.cluster, "us-1");
        assert.match(run.error.message, /policy "payments-stay-in-eu"/);
    });
    it("labels known only at deployment time cannot slip past a label rule", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: fleet, policies });
            new fed.FederatedConfigMap("cfg", { federation, template: { metadata: { labels: pulumi.output({ tier: "critical" }) as any }, data: {} }, placement: { clusterSelector: {} } });
        });
        assert.ok(run.error instanceof FederationError, String(run.error));
        assert.equal(run.error.resource, 'FederatedConfigMap "cfg"');
        assert.equal(run.error.field, "template.metadata.labels");
        assert.match(run.error.message, /policy "critical-once" matches by labels, and these are only known at deployment time/);
    });
});

import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
    Federation, FederatedConfigMap, FederatedDeployment, FederatedManifests, FederatedNamespace, FederatedSecret, MemberClusterArgs, ServiceDNSRecord, FederatedService,
} from "../../components";
import { clusterObjects } from "../../components/synth/objects";
import { CaptureOptions } from "../../components/synth/capture";
import { BINDING_READ_DELAY_MS } from "../../components/resources/karmadaRegistration";
import { Run, promiseOf, runProgram } from "../harness";

const CLUSTER_TYPE = "kubernetes:cluster.karmada.io/v1alpha1:Cluster";
const PP = "kubernetes:policy.karmada.io/v1alpha1:PropagationPolicy";
const CPP = "kubernetes:policy.karmada.io/v1alpha1:ClusterPropagationPolicy";
const OP = "kubernetes:policy.karmada.io/v1alpha1:OverridePolicy";

const regions = ["eu", "us", "ap"];
function membersOf(count: number): MemberClusterArgs[] {
    return Array.from({ length: count }, (_, index) => ({ name: `m${index}`, labels: { region: regions[index % 3], tier: index % 2 === 0 ? "prod" : "dev" } }));
}

/** Karmada's Cluster objects as the members' declarations say they joined (reads of the check). */
const joinedAsDeclared = (members: MemberClusterArgs[]): CaptureOptions["liveState"] => ({ type, name }) => {
    if (type !== CLUSTER_TYPE) return undefined;
    const member = members.find((candidate) => name.endsWith(`-karmada-${candidate.name}`))!;
    return { metadata: { name: member.name, labels: member.labels } };
};

/** One program, in either mode: a namespace, a scheduled and overridden Deployment, a selected ConfigMap, a Secret. */
function shop(members: MemberClusterArgs[], karmada: boolean, secret: pulumi.Output<string> = pulumi.secret("s3cret")) {
    return () => {
        const federation = new Federation("fleet", { clusters: members, ...(karmada ? { propagation: { karmada: { kubeconfig: "karmada-kubeconfig", context: "karmada-apiserver" } } } : {}) });
        const namespace = new FederatedNamespace("shop", { federation, placement: { clusterSelector: { matchLabels: { tier: "prod" } } } });
        new FederatedConfigMap("settings", {
            federation, namespace,
            placement: { clusterSelector: {} },
            template: { data: { color: "blue" } },
            overrides: [{ clusterName: "m0", clusterOverrides: [{ path: "/data/color", value: "red" }] }],
        });
        new FederatedSecret("token", { federation, namespace, placement: { clusterSelector: {} }, template: { stringData: { token: secret } } });
        new FederatedDeployment("web", {
            federation, namespace,
            placement: { clusterSelector: {} },
            scheduling: { totalReplicas: 9, clusters: { m0: { weight: 2 }, "*": { weight: 1 } } },
            template: { spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } } },
            overrides: [{ clusterSelector: { matchLabels: { region: "us" } }, patch: { spec: { template: { spec: { containers: [{ name: "web", image: "mirror.us/nginx:1.27" }] } } } } }],
        });
    };
}

async function bothModes(members: MemberClusterArgs[]) {
    const push = await runProgram(shop(members, false));
    const karmada = await runProgram(shop(members, true), { liveState: joinedAsDeclared(members) });
    assert.equal(push.error, undefined);
    assert.equal(karmada.error, undefined, String(karmada.error));
    return { push, karmada };
}

const perCluster = (run: Run, cluster: string) =>
    clusterObjects({ registrations: run.resources, warnings: [], infos: [] }).objects
        .filter((object) => object.cluster === cluster)
        .map(({ kind, namespace, name, object, secretPaths }) => ({ kind, namespace, name, object, secretPaths: [...new Set(secretPaths)].sort() }));

describe("Karmada mode (Federation propagation: { karmada })", () => {
    it("registers a template and its policies on the Karmada API server's provider, and nothing per member", async () => {
        const members = membersOf(4);
        const { karmada } = await bothModes(members);
        const providers = karmada.ofType("pulumi:providers:kubernetes");
        assert.deepEqual(providers.map((provider) => provider.name), ["fleet-karmada"], "one provider: Karmada's");
        const provider = providers[0];
        assert.equal(provider.inputs.context, "karmada-apiserver");
        assert.ok(provider.secretPaths.includes("/kubeconfig"), "the Karmada kubeconfig stays secret");
        const onKarmada = karmada.resources.filter((resource) => resource.custom && resource.type.startsWith("kubernetes:"));
        for (const resource of onKarmada) assert.ok(resource.provider.startsWith(provider.urn), `${resource.type} ${resource.name} is on Karmada's provider`);
        const web = karmada.named("web", "kubernetes:apps/v1:Deployment");
        assert.equal(web.inputs.spec.replicas, 9, "the template holds the total; Karmada divides it");
        assert.equal(web.inputs.metadata.annotations["pulumi.com/waitFor"], "jsonpath={.metadata.labels['propagationpolicy.karmada.io/permanent-id']}");
        const namespace = karmada.named("shop", "kubernetes:core/v1:Namespace");
        assert.equal(namespace.inputs.metadata.labels["namespace.karmada.io/skip-auto-propagation"], "true");
        assert.deepEqual(karmada.named("shop", CPP).inputs.spec.placement.clusterAffinity, { labelSelector: { matchLabels: { tier: "prod" } } });
        const policy = karmada.named("web", PP).inputs;
        assert.equal(policy.metadata.name, "deployment.apps-web");
        assert.equal(policy.metadata.namespace, "shop");
        assert.deepEqual(policy.spec.placement.replicaScheduling.replicaSchedulingType, "Divided");
        assert.deepEqual(karmada.ofType("kubernetes:core/v1:ConfigMap").length, 1, "one ConfigMap template, not one per member");
    });

    it("keeps registrations per federated object constant whatever the member count", async () => {
        const count = async (size: number) => {
            const members = membersOf(size);
            const run = await runProgram(shop(members, true), { liveState: joinedAsDeclared(members) });
            assert.equal(run.error, undefined, String(run.error));
            return run.resources.filter((resource) => resource.custom && resource.type.startsWith("kubernetes:")).length;
        };
        const [small, large] = [await count(3), await count(30)];
        assert.equal(small, large);
        assert.equal(small, 4 * 3, "4 objects x (template, PropagationPolicy, OverridePolicy)");
    });

    it("gives every member exactly push mode's objects (Karmada's rules played on what was registered)", async () => {
        const members = membersOf(5);
        const { push, karmada } = await bothModes(members);
        const placed = members.filter((member) => perCluster(push, member.name).length > 0).map((member) => member.name);
        assert.deepEqual(placed, ["m0", "m2", "m4"], "the namespace (and so everything) is on the prod members");
        for (const member of members) assert.deepEqual(perCluster(karmada, member.name), perCluster(push, member.name), `${member.name}'s objects`);
        // The Secret's value stays secret on Karmada and in each member's review.
        const token = karmada.named("token", "kubernetes:core/v1:Secret");
        assert.ok(token.secretPaths.some((path) => path.startsWith("/stringData")));
    });

    it("orders each object after its policies and its namespace on Karmada", async () => {
        const members = membersOf(2);
        const { karmada } = await bothModes(members);
        const web = karmada.named("web", "kubernetes:apps/v1:Deployment");
        const namespace = karmada.named("shop", "kubernetes:core/v1:Namespace");
        for (const before of [karmada.named("web", PP), karmada.named("web", OP), namespace]) assert.ok(web.dependencies.includes(before.urn), `web waits for ${before.type}`);
        assert.ok(karmada.named("web", PP).dependencies.includes(namespace.urn), "the policy waits for its namespace");
    });

    it("checks each member's Karmada Cluster before any policy registers", async () => {
        const members = membersOf(2);
        const wrong: CaptureOptions["liveState"] = ({ type, name }) => (type === CLUSTER_TYPE ? { metadata: { name: name.replace("fleet-karmada-", ""), labels: { region: "eu", tier: "dev", team: "x" } } } : undefined);
        const run = await runProgram(shop(members, true), { liveState: wrong });
        assert.match(String(run.error), /Federation "fleet", cluster "m0", field labels: has labels that differ from Karmada's Cluster "m0" \(tier is "prod" in the program but "dev" on Karmada's Cluster; team="x" is on Karmada's Cluster but not declared\)/);
        assert.deepEqual([...run.ofType(PP), ...run.ofType(OP)], [], "no policy registered");
        const missing = await runProgram(shop(members, true));
        assert.match(String(missing.error), /cluster "m0", field labels: has no Cluster object on the Karmada API server \(join it with `karmadactl join m0`\)/);
    });

    it("refuses what Karmada cannot do, naming the resource and field, before registering anything of it", async () => {
        const members = membersOf(2);
        const karmada = { propagation: { karmada: {} } };
        const cases: Array<[() => unknown, RegExp]> = [
            [() => new Federation("f", { clusters: [{ name: "a", kubeconfig: "x" }], ...karmada }), /Federation "f", cluster "a", field clusters\[0\]\.kubeconfig: is not used in Karmada mode: Karmada reaches the members itself/],
            [() => new Federation("f", { clusters: [{ name: "a", orphan: true }], ...karmada }), /field clusters\[0\]\.orphan: is not used in Karmada mode/],
            [() => new Federation("f", { clusters: [{ name: "a" }], propagation: { karmada: { conflictResolution: "Replace" } } } as never), /field propagation\.karmada\.conflictResolution: must be "Abort" or "Overwrite"/],
            [() => new Federation("f", { clusters: [{ name: "a" }], propagation: { karmda: {} } } as never), /field propagation: must be \{ karmada: /],
            [() => new Federation("f", { clusters: [{ name: "a" }], propagation: { karmada: { contxt: "k" } } } as never), /field propagation\.karmada\.contxt: is not a Karmada mode option .*did you mean context\?/],
            [() => {
                const federation = new Federation("f", { clusters: members, ...karmada, propagation: { karmada: { checkClusters: false } } });
                new FederatedDeployment("web", { federation, namespace: "shop", placement: { clusterSelector: {} }, retainReplicas: true, template: { spec: { selector: {}, template: {} } } });
            }, /FederatedDeployment "web", field retainReplicas: has no Karmada mode equivalent/],
            [() => {
                const federation = new Federation("f", { clusters: members, propagation: { karmada: { checkClusters: false } } });
                new FederatedSecret("s", { federation, namespace: "shop", placement: { clusterSelector: {} }, template: { stringData: { a: "1" } }, overrides: [{ clusterName: "m1", clusterOverrides: [{ path: "/stringData/a", value: "2" }] }] });
            }, /FederatedSecret "s", cluster "m1", field overrides: changes the Secret's data for this cluster.*readable by whoever can read policies/],
            [() => {
                const federation = new Federation("f", { clusters: members, propagation: { karmada: { checkClusters: false } } });
                const service = new FederatedService("api", { federation, namespace: "shop", placement: { clusterSelector: {} }, template: { spec: { type: "LoadBalancer", ports: [{ port: 80 }] } } });
                new ServiceDNSRecord("api", { service, domain: "example.com" });
            }, /ServiceDNSRecord "api", field service: has no Karmada mode equivalent: .*MultiClusterService/],
        ];
        for (const [program, message] of cases) {
            const run = await runProgram(program);
            assert.match(String(run.error), message);
            // (The DNS case's Service is valid and registered; the record registers nothing.)
            const registered = run.resources.filter((resource) => resource.type.startsWith("kubernetes:") || resource.type === "federation:index:ServiceDNSRecord");
            assert.deepEqual(registered.filter((resource) => !resource.parent.endsWith("FederatedService::api")), [], String(message));
        }
    });

    it("builds status from the ResourceBinding's aggregated status", async () => {
        const members = membersOf(2);
        let status: pulumi.Output<unknown> | undefined;
        const registeredAt = new Map<string, number>();
        const liveState: CaptureOptions["liveState"] = (resource) => {
            if (resource.type === "kubernetes:work.karmada.io/v1alpha2:ResourceBinding") {
                registeredAt.set("binding read", Date.now());
                return {
                    spec: { clusters: [{ name: "m0", replicas: 2 }, { name: "m1", replicas: 1 }] },
                    status: { aggregatedStatus: [
                        { clusterName: "m0", applied: true, health: "Healthy", status: { readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 } },
                        { clusterName: "m1", applied: false, appliedMessage: "quota exceeded", health: "Unknown" },
                    ] },
                };
            }
            return joinedAsDeclared(members)!(resource);
        };
        const run = await runProgram(() => {
            const federation = new Federation("fleet", { clusters: members, propagation: { karmada: {} } });
            const web = new FederatedDeployment("web", {
                federation, namespace: "shop", placement: { clusterSelector: {} }, scheduling: { totalReplicas: 3 },
                template: { spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } } },
            });
            status = web.status;
        }, { liveState, onRegistration: (registration) => { registeredAt.set(registration.name + " " + registration.type, Date.now()); } });
        assert.equal(run.error, undefined, String(run.error));
        // Read a while after the template is in place: Karmada makes the binding after claiming it.
        const read = registeredAt.get("binding read")!;
        const template = registeredAt.get("web kubernetes:apps/v1:Deployment")!;
        assert.ok(read - template >= BINDING_READ_DELAY_MS - 5, `binding read ${read - template} ms after the template`);
        const value = (await promiseOf(status!)) as any;
        assert.deepEqual(value.clusters.m0, { ready: true, replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2, applied: true, health: "Healthy" });
        assert.equal(value.clusters.m1.ready, false);
        assert.equal(value.clusters.m1.appliedMessage, "quota exceeded");
        assert.equal(value.clustersReady, 1);
        assert.equal(value.totalReplicas, 3);
    });
});

describe("Karmada mode with KubeFed manifests (FederatedManifests)", () => {
    const members: MemberClusterArgs[] = [{ name: "cluster1", labels: { region: "eu" } }, { name: "cluster2", labels: { region: "us" } }];
    const redis = require("path").join(__dirname, "..", "..", "examples", "kubefed-redis");

    it("gives each member push mode's objects from the same YAML", async () => {
        const program = (karmada: boolean) => () => {
            const federation = new Federation("fleet", { clusters: members, ...(karmada ? { propagation: { karmada: {} } } : {}) });
            new FederatedManifests("redis", { federation, files: redis });
        };
        const push = await runProgram(program(false));
        const karmada = await runProgram(program(true), { liveState: joinedAsDeclared(members) });
        assert.equal(push.error, undefined, String(push.error));
        assert.equal(karmada.error, undefined, String(karmada.error));
        for (const member of members) {
            assert.ok(perCluster(push, member.name).length > 0);
            assert.deepEqual(perCluster(karmada, member.name), perCluster(push, member.name), member.name);
        }
    });

    it("refuses KubeFed's retainReplicas with the file, document and line, before anything registers", async () => {
        const yaml = [
            "apiVersion: types.kubefed.io/v1beta1",
            "kind: FederatedDeployment",
            "metadata: { name: web, namespace: shop }",
            "spec:",
            "  placement: { clusters: [{ name: cluster1 }] }",
            "  retainReplicas: true",
            "  template:",
            "    spec:",
            "      selector: { matchLabels: { app: web } }",
            "      template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: nginx }] } }",
        ].join("\n");
        const run = await runProgram(() => {
            const federation = new Federation("fleet", { clusters: members, propagation: { karmada: {} } });
            new FederatedManifests("apps", { federation, yaml });
        }, { liveState: joinedAsDeclared(members) });
        assert.match(String(run.error), /FederatedManifests "apps" yaml document 0 \(FederatedDeployment shop\/web\) at line 6, column 3, field spec\.retainReplicas: has no Karmada mode equivalent/);
        assert.deepEqual(run.resources.filter((resource) => resource.type === "federation:index:FederatedManifests" || resource.type.startsWith("kubernetes:apps")), []);
    });
});

describe("Karmada mode: hostile and malformed arguments", () => {
    it("ends every wrong shape in a clear error naming the field, registering nothing", async () => {
        const cases: Array<[unknown, RegExp]> = [
            [{ clusters: [{ name: "a" }], propagation: null }, /field propagation: must be \{ karmada:/],
            [{ clusters: [{ name: "a" }], propagation: { karmada: null } }, /field propagation\.karmada: must be an object, got null/],
            [{ clusters: [{ name: "a" }], propagation: { karmada: [] } }, /field propagation\.karmada: must be an object/],
            [{ clusters: [{ name: "a" }], propagation: { karmada: { kubeconfig: 42 } } }, /field propagation\.karmada\.kubeconfig: must be kubeconfig contents or a path/],
            [{ clusters: [{ name: "a" }], propagation: { karmada: { checkClusters: "yes" } } }, /field propagation\.karmada\.checkClusters: must be true or false/],
            [{ clusters: [null], propagation: { karmada: {} } }, /clusters\[0\]/],
            [{ clusters: [{ name: "a" }], propagation: JSON.parse('{"karmada": {"__proto__": {"x": 1}}}') }, /field propagation\.karmada\.__proto__: is not a Karmada mode option/],
            [{ clusters: [{ name: "a" }], kubeconfig: "k", propagation: { karmada: {} } }, /field kubeconfig: is not used in Karmada mode/],
        ];
        for (const [args, message] of cases) {
            const run = await runProgram(() => new Federation("f", args as never));
            assert.match(String(run.error), message);
            assert.deepEqual(run.resources, [], String(message));
        }
    });
});

describe("Karmada mode: where members differ from push mode, it says so", () => {
    it("warns that a cluster planned at 0 replicas gets no object from Karmada (push mode keeps it scaled to 0)", async () => {
        const members: MemberClusterArgs[] = [{ name: "a", labels: {} }, { name: "b", labels: {} }];
        const program = () => {
            const federation = new Federation("fleet", { clusters: members, propagation: { karmada: { checkClusters: false } } });
            new FederatedDeployment("web", {
                federation, namespace: "shop", placement: { clusterSelector: {} },
                scheduling: { totalReplicas: 3, clusters: { b: { weight: 1, maxReplicas: 0 }, "*": { weight: 1 } } },
                template: { spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } } },
            });
        };
        const run = await runProgram(program);
        assert.equal(run.error, undefined, String(run.error));
        assert.ok(run.warnings.some((warning) => /FederatedDeployment "web": b is planned at 0 replicas: push mode keeps the object there scaled to 0, Karmada's scheduler gives that cluster no object/.test(warning)), run.warnings.join("\n"));
        // The review shows what Karmada will do: nothing on b.
        assert.deepEqual(perCluster(run, "b"), []);
        assert.equal((perCluster(run, "a")[0].object as any).spec.replicas, 3);
    });
});

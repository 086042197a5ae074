/**
 * A large fleet: members in many regions, a generated list of federated services, and per-cluster
 * resources of the program's own, written the way that keeps a big program fast and lean.
 *
 * - The federated components need nothing special: each registers its per-cluster objects in
 *   bounded turns of the event loop, however many are declared in one loop.
 * - The program's own per-cluster resources (here a ResourceQuota per member, registered directly
 *   on each member's provider) are a loop this program controls: exported as an async function,
 *   it waits for the next turn of the event loop every few members, so the SDK's work for the
 *   earlier ones is sent and collected instead of piling up.
 * - `oldestKubernetes: "1.27"`: every member has run 1.27 or later, so the per-cluster objects keep
 *   aliases only to API versions those releases serve.
 *
 * Stack config: `members` (default 12), `services` (default 40), `contexts` (member name ->
 * kubeconfig context: `pulumi config set --path 'contexts.m0' my-context`). Members without a
 * context render YAML to rendered/<stack>/<member>/ instead of contacting a cluster.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FederatedConfigMap, FederatedDeployment, FederatedNamespace, Federation } from "../../components";

const config = new pulumi.Config();
const memberCount = config.getNumber("members") ?? 12;
const serviceCount = config.getNumber("services") ?? 40;
const contexts = config.getObject<Record<string, string>>("contexts") ?? {};
const regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-south-1", "ap-northeast-1"];

/** Resolves in the next turn of the event loop (after pending I/O and callbacks). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export = async () => {
    const federation = new Federation("fleet", {
        clusters: Array.from({ length: memberCount }, (_, i) => {
            const name = `m${i}`;
            return {
                name,
                labels: { region: regions[i % regions.length], tier: i % 4 === 0 ? "canary" : "prod" },
                context: contexts[name],
                providerOptions: contexts[name] ? undefined : { renderYamlToDirectory: `rendered/${pulumi.getStack()}/${name}` },
            };
        }),
        oldestKubernetes: "1.27",
    });
    const apps = new FederatedNamespace("apps", { federation, placement: { clusterSelector: {} } });

    // Federated objects: one synchronous loop is fine.
    for (let i = 0; i < serviceCount; i++) {
        const labels = { app: `svc${i}` };
        new FederatedConfigMap(`svc${i}-config`, { federation, namespace: apps, template: { data: { index: String(i) } }, placement: { clusterSelector: {} } });
        new FederatedDeployment(`svc${i}`, {
            federation,
            namespace: apps,
            placement: { clusterSelector: {} },
            template: {
                metadata: { labels },
                spec: {
                    replicas: 2,
                    selector: { matchLabels: labels },
                    template: { metadata: { labels }, spec: { containers: [{ name: "app", image: `registry.example.com/svc${i}:1.0`, envFrom: [{ configMapRef: { name: `svc${i}-config` } }] }] } },
                },
            },
            overrides: [{ clusterSelector: { matchLabels: { tier: "canary" } }, clusterOverrides: [{ path: "/spec/replicas", value: 1 }] }],
        });
    }

    // The program's own per-cluster resources: a loop it controls, in turns of a few members.
    for (const [index, name] of federation.memberNames.entries()) {
        new k8s.core.v1.ResourceQuota(`quota-${name}`, {
            metadata: { name: "apps-quota", namespace: "apps" },
            spec: { hard: { pods: "200" } },
        }, { provider: federation.members[name].provider, dependsOn: [apps.resources[name]] });
        if (index % 4 === 3) await nextTurn();
    }

    return { members: federation.memberNames.length, perClusterObjects: federation.memberNames.length * (1 + 2 * serviceCount) };
};

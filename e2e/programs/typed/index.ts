/**
 * The end-to-end suite's typed federation: three members, a FederatedNamespace, a
 * FederatedDeployment placed by label selector with a KubeFed JSON-patch override and a typed
 * patch override, a scheduled FederatedDeployment, a FederatedConfigMap, a FederatedSecret, a
 * FederatedService and an orphaned FederatedConfigMap.
 *
 * Stack config (set by the suite):
 *   kubeconfig        secret: the kubeconfig contents, one context per member
 *   members           [{ name, context, labels, host?, unavailable?, providerOptions? }]
 *   dbPassword        secret: the FederatedSecret's value
 *   cluster2Replicas  the JSON-patch value of web's replicas in cluster2 (default 2)
 *   keepClusters      where the orphaned ConfigMap `keep` is placed (default: every member)
 *   badOverride       true: add an override for a cluster that is not a member
 *
 * No kubelet runs in the suite's clusters, so workloads carry the provider's skip-await annotation.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    FederatedConfigMap,
    FederatedDeployment,
    FederatedNamespace,
    FederatedSecret,
    FederatedService,
    Federation,
    MemberClusterArgs,
} from "../../../components";

const config = new pulumi.Config();
const members = config.requireObject<MemberClusterArgs[]>("members");
const kubeconfig = config.requireSecret("kubeconfig");
const cluster2Replicas = config.getNumber("cluster2Replicas") ?? 2;
const keepClusters = config.getObject<string[]>("keepClusters") ?? members.map((m) => m.name);

const federation = new Federation("fleet", { kubeconfig, clusters: members });

const skipAwait = { "pulumi.com/skipAwait": "true" };
const apps = new FederatedNamespace("e2e-apps", { federation, placement: { clusterSelector: {} } });

const webLabels = { app: "web" };
const web = new FederatedDeployment("web", {
    federation,
    namespace: apps,
    template: {
        metadata: { labels: webLabels, annotations: skipAwait },
        spec: {
            replicas: 1,
            selector: { matchLabels: webLabels },
            template: {
                metadata: { labels: webLabels },
                spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 8080 }] }] },
            },
        },
    },
    placement: { clusterSelector: { matchLabels: { tier: "prod" } } },
    overrides: [
        { clusterName: "cluster2", clusterOverrides: [
            { path: "/spec/replicas", value: cluster2Replicas },
            { op: "add", path: "/metadata/annotations/example.com~1rollout", value: "canary" },
        ] },
        { clusterSelector: { matchLabels: { region: "eu" } }, patch: { metadata: { labels: { gdpr: "true" } } } },
        ...(config.getBoolean("badOverride") ? [{ clusterName: "cluster9", clusterOverrides: [{ path: "/spec/replicas", value: 9 }] }] : []),
    ],
});

const apiLabels = { app: "api" };
const api = new FederatedDeployment("api", {
    federation,
    namespace: apps,
    template: {
        metadata: { labels: apiLabels, annotations: skipAwait },
        spec: {
            selector: { matchLabels: apiLabels },
            template: {
                metadata: { labels: apiLabels },
                spec: { containers: [{ name: "api", image: "ghcr.io/example/api:2.1.0" }] },
            },
        },
    },
    placement: { clusterSelector: {} },
    scheduling: { totalReplicas: 6 },
});

const settings = new FederatedConfigMap("settings", {
    federation,
    namespace: apps,
    template: { data: { mode: "standard", "log.level": "info" } },
    placement: { clusterSelector: {} },
    overrides: [{ clusterName: "cluster3", patch: { data: { mode: "edge" } } }],
});

const credentials = new FederatedSecret("credentials", {
    federation,
    namespace: apps,
    template: { type: "Opaque", stringData: { password: config.requireSecret("dbPassword") } },
    placement: { clusterSelector: { matchLabels: { tier: "prod" } } },
});

const service = new FederatedService("web-service", {
    federation,
    namespace: apps,
    template: {
        metadata: { name: "web", annotations: skipAwait },
        spec: { selector: webLabels, ports: [{ name: "http", port: 80, targetPort: 8080 }] },
    },
    placement: { clusterSelector: { matchLabels: { tier: "prod" } } },
});

const keep = new FederatedConfigMap("keep", {
    federation,
    namespace: "default",
    orphan: true,
    template: { data: { note: "stays when it stops being placed" } },
    placement: { clusters: keepClusters },
});

export const placements = Object.fromEntries(
    [apps, web, api, settings, credentials, service, keep].map((c) => [c.kind + "/" + c.objectName, c.clusters]));
export const apiReplicas = api.replicaPlan;

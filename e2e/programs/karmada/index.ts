/**
 * The end-to-end suite's program for Karmada mode: the same federation either pushed to the three
 * members (`mode: push`) or propagated by a real Karmada control plane (`mode: karmada`), so the
 * suite can compare what each member ends up holding.
 *
 * Stack config (set by the suite):
 *   mode               push | karmada
 *   members            [{ name, context?, labels }]
 *   kubeconfig         secret: the members' kubeconfig (push mode)
 *   karmadaKubeconfig  secret: the Karmada API server's kubeconfig (Karmada mode)
 *   dbPassword         secret: the FederatedSecret's value
 *   conflictResolution Karmada mode: Overwrite takes over the objects push mode left (the switch runbook)
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedConfigMap, FederatedDeployment, FederatedNamespace, FederatedSecret, FederatedService, Federation, MemberClusterArgs } from "../../../components";

const config = new pulumi.Config();
const mode = config.require("mode");
const members = config.requireObject<MemberClusterArgs[]>("members");

const federation = mode === "karmada"
    ? new Federation("fleet", {
        clusters: members.map(({ name, labels }) => ({ name, labels })),
        propagation: { karmada: { kubeconfig: config.requireSecret("karmadaKubeconfig"), conflictResolution: config.get("conflictResolution") as "Overwrite" | undefined } },
    })
    : new Federation("fleet", { kubeconfig: config.requireSecret("kubeconfig"), clusters: members });

// No kubelet runs in the suite's members: push mode must not wait for workloads to become ready
// (Karmada mode waits for Karmada's claim instead, on its own).
const skipAwait = mode === "push" ? { annotations: { "pulumi.com/skipAwait": "true" } } : {};

const shop = new FederatedNamespace("e2e-karmada", { federation, placement: { clusterSelector: { matchLabels: { tier: "prod" } } } });

const settings = new FederatedConfigMap("settings", {
    federation,
    namespace: shop,
    placement: { clusterSelector: {} },
    template: { metadata: { labels: { app: "shop" } }, data: { currency: "EUR", banner: "welcome" } },
    overrides: [
        { clusterName: "cluster2", clusterOverrides: [{ path: "/data/currency", value: "USD" }, { op: "remove", path: "/data/banner" }] },
        { clusterSelector: { matchLabels: { region: "eu" } }, patch: { metadata: { labels: { gdpr: "true" } } } },
    ],
});

new FederatedSecret("credentials", {
    federation,
    namespace: shop,
    placement: { clusters: ["cluster1", "cluster2"] },
    template: { stringData: { password: config.requireSecret("dbPassword") } },
});

const labels = { app: "shop" };
const web = new FederatedDeployment("web", {
    federation,
    namespace: shop,
    placement: { clusterSelector: {} },
    // 5 replicas, twice as many on cluster2: 2 on cluster1, 3 on cluster2 in both modes.
    scheduling: { totalReplicas: 5, clusters: { cluster2: { weight: 2 }, "*": { weight: 1 } } },
    template: {
        metadata: { labels, ...skipAwait },
        spec: {
            selector: { matchLabels: labels },
            template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 8080 }] }] } },
        },
    },
    overrides: [{ clusterSelector: { matchLabels: { region: "us" } }, patch: { spec: { template: { spec: { containers: [{ name: "web", image: "mirror.us.example.com/nginx:1.27" }] } } } } }],
});

new FederatedService("web", {
    federation,
    namespace: shop,
    placement: { clusterSelector: {} },
    template: { metadata: { ...skipAwait }, spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] } },
});

export const placements = { settings: settings.placedClusters, web: web.placedClusters };
export const replicaPlan = web.replicaPlan;
/** Per member, from Karmada's ResourceBinding in Karmada mode (live objects in push mode). */
export const settingsStatus = settings.status;

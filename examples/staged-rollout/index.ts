/**
 * Staged rollout: a change to a workload reaches the clusters ring by ring, each ring only after
 * the previous one is ready, so a bad image stops on the canary instead of reaching every cluster.
 * - `web` gives its own rollout: the canary by name, then the `early` ring by label, two clusters
 *   at a time, then the clusters no stage names (the `rest` stage), with a soak between stages and
 *   a timeout for each cluster's rollout;
 * - the Federation's `rollout` is the default for every Deployment, StatefulSet and DaemonSet
 *   that gives none: `sessions` (a StatefulSet) takes it. It is not placed on the canary, so its
 *   stages start with `early`;
 * - `web-settings` (a ConfigMap) is not a workload: it takes no default and is not staged.
 * Each stage's objects depend on the previous stage's; the Kubernetes provider's readiness await
 * is the gate. `pulumi up` stops at the first stage that does not become ready.
 *
 * Set a kubeconfig context per member to deploy for real:
 *   pulumi config set --path 'contexts.eu-canary' my-canary-context
 * `webImage` sets web's image (a new one rolls out ring by ring); `soakSeconds` replaces both soaks.
 * Members without one render YAML to rendered/<stack>/<cluster>/ instead of contacting a cluster.
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedConfigMap, FederatedDeployment, FederatedNamespace, FederatedStatefulSet, Federation, MemberClusterArgs } from "../../components";

const config = new pulumi.Config();
const contexts = config.getObject<Record<string, string>>("contexts") ?? {};
const webImage = config.get("webImage") ?? "ghcr.io/example/web:2.4.0";
// The soak is a wait after a stage's objects were created or updated in a cluster (a member that
// renders YAML has none): `pulumi config set soakSeconds N` changes both soaks.
const soakSeconds = config.getNumber("soakSeconds");

// The rings: one canary, three early clusters, one main cluster. A stage takes its members in
// this order, so maxParallel cuts the early ring into eu-west-1 + us-east-1, then ap-south-1.
const fleet: MemberClusterArgs[] = [
    { name: "eu-canary", labels: { ring: "canary", region: "europe" }, host: true },
    { name: "eu-west-1", labels: { ring: "early", region: "europe" } },
    { name: "us-east-1", labels: { ring: "early", region: "north-america" } },
    { name: "ap-south-1", labels: { ring: "early", region: "asia" } },
    { name: "us-west-2", labels: { ring: "main", region: "north-america" } },
];

const federation = new Federation("rings", {
    clusters: fleet.map((member) => ({
        ...member,
        context: contexts[member.name],
        providerOptions: contexts[member.name] ? undefined : { renderYamlToDirectory: `rendered/${pulumi.getStack()}/${member.name}` },
    })),
    // The default for workloads that give no rollout: the canary ring, then the early ring one
    // cluster at a time, then the rest; a minute of soak between stages, 15 minutes per cluster.
    rollout: {
        stages: [
            { name: "canary", clusterSelector: { matchLabels: { ring: "canary" } } },
            { name: "early", clusterSelector: { matchLabels: { ring: "early" } }, maxParallel: 1 },
        ],
        soakSeconds: soakSeconds ?? 60,
        timeoutSeconds: 900,
    },
});

const storefront = new FederatedNamespace("storefront", { federation, placement: { clusterSelector: {} } });

// Not staged: a ConfigMap is not a workload, and the provider has no readiness to wait for.
const settings = new FederatedConfigMap("web-settings", {
    federation,
    namespace: storefront,
    template: { data: { LOG_LEVEL: "info", CHECKOUT_TIMEOUT: "10s" } },
    placement: { clusterSelector: {} },
});

const webLabels = { app: "web" };
const web = new FederatedDeployment("web", {
    federation,
    namespace: storefront,
    template: {
        metadata: { labels: webLabels },
        spec: {
            replicas: 3,
            selector: { matchLabels: webLabels },
            template: {
                metadata: { labels: webLabels },
                spec: {
                    containers: [{
                        name: "web",
                        image: webImage,
                        ports: [{ containerPort: 8080 }],
                        envFrom: [{ configMapRef: { name: "web-settings" } }],
                        readinessProbe: { httpGet: { path: "/healthz", port: 8080 } },
                    }],
                },
            },
        },
    },
    placement: { clusterSelector: {} },
    // Its own rollout (the Federation's default does not apply): the canary by name, the early
    // ring by label, two clusters at a time; us-west-2, which no stage names, comes last as `rest`.
    // Five minutes of soak after the canary and after the early ring; ten minutes per cluster.
    rollout: {
        stages: [
            { name: "canary", clusters: ["eu-canary"] },
            { name: "early", clusterSelector: { matchLabels: { ring: "early" } }, maxParallel: 2 },
        ],
        soakSeconds: soakSeconds ?? 300,
        timeoutSeconds: 600,
    },
});

const sessionLabels = { app: "sessions" };
// No rollout of its own: the Federation's applies. Placed off the canary ring, so its stages are
// early (eu-west-1, us-east-1, ap-south-1, one at a time) and rest (us-west-2).
const sessions = new FederatedStatefulSet("sessions", {
    federation,
    namespace: storefront,
    template: {
        metadata: { labels: sessionLabels },
        spec: {
            serviceName: "sessions",
            replicas: 2,
            selector: { matchLabels: sessionLabels },
            template: {
                metadata: { labels: sessionLabels },
                spec: { containers: [{ name: "redis", image: "redis:7.4", ports: [{ containerPort: 6379 }] }] },
            },
        },
    },
    placement: { clusterSelector: { matchExpressions: [{ key: "ring", operator: "NotIn", values: ["canary"] }] } },
});

export const placements = {
    web: web.placedClusters,
    sessions: sessions.placedClusters,
    settings: settings.placedClusters,
};

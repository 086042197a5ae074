/**
 * Placement policy: rules the platform team sets once on the Federation, and that every
 * federated object must keep. A placement that breaks a rule is an error before anything is
 * registered, and the error names the rule, the object and the cluster.
 * - payments data stays in the EU: everything in namespace `payments` may only go to members
 *   whose `region` is an EU region;
 * - no Deployment runs on more than 2 clusters (capacity is planned per pair);
 * - anything labelled `tier: critical` runs on at least 2 clusters.
 *
 * Try breaking a rule: `pulumi config set paymentsClusters '["eu-west-1","us-east-1"]'` (README).
 * Set a kubeconfig context per member to deploy for real:
 *   pulumi config set --path 'contexts.eu-west-1' my-eu-context
 * Members without one render YAML to rendered/<stack>/<cluster>/ instead of contacting a cluster.
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedConfigMap, FederatedDeployment, FederatedNamespace, FederatedSecret, Federation, MemberClusterArgs, PlacementPolicy } from "../../components";

const config = new pulumi.Config();
const contexts = config.getObject<Record<string, string>>("contexts") ?? {};
// Where payments-api runs; the default keeps every rule.
const paymentsClusters = config.getObject<string[]>("paymentsClusters") ?? ["eu-west-1", "eu-central-1"];

const fleet: MemberClusterArgs[] = [
    { name: "eu-west-1", labels: { region: "eu-west-1" }, host: true },
    { name: "eu-central-1", labels: { region: "eu-central-1" } },
    { name: "eu-north-1", labels: { region: "eu-north-1" } },
    { name: "us-east-1", labels: { region: "us-east-1" } },
];
const euRegions = ["eu-west-1", "eu-central-1", "eu-north-1"];

const policies: PlacementPolicy[] = [
    {
        name: "payments-stay-in-eu",
        match: { namespaces: ["payments"] },
        allowedClusters: { matchExpressions: [{ key: "region", operator: "In", values: euRegions }] },
    },
    { name: "deployments-on-at-most-2", match: { kinds: ["Deployment"] }, maxClusters: 2 },
    { name: "critical-on-at-least-2", match: { labels: { matchLabels: { tier: "critical" } } }, minClusters: 2 },
];

const federation = new Federation("policy", {
    clusters: fleet.map((member) => ({
        ...member,
        context: contexts[member.name],
        providerOptions: contexts[member.name] ? undefined : { renderYamlToDirectory: `rendered/${pulumi.getStack()}/${member.name}` },
    })),
    policies,
});

// The namespace itself exists in every cluster (same quotas and RBAC everywhere); the policy
// governs what is put in it. A namespace placed only in the EU would also keep its objects
// there, but silently: the policy turns a wrong placement into an error instead.
const payments = new FederatedNamespace("payments", { federation, placement: { clusterSelector: {} } });
const inEu = { clusterSelector: { matchExpressions: [{ key: "region", operator: "In" as const, values: euRegions }] } };

new FederatedSecret("payments-db", {
    federation,
    namespace: payments,
    template: { stringData: { url: "postgres://payments-db.payments.svc:5432/payments" } },
    placement: inEu, // all three EU members: a Secret is no Deployment, so no "at most 2"
});

const critical = { tier: "critical" };
const paymentsApi = new FederatedDeployment("payments-api", {
    federation,
    namespace: payments,
    template: {
        metadata: { labels: { app: "payments-api", ...critical } },
        spec: {
            replicas: 3,
            selector: { matchLabels: { app: "payments-api" } },
            template: {
                metadata: { labels: { app: "payments-api" } },
                spec: { containers: [{ name: "api", image: "ghcr.io/example/payments-api:5.0.1", envFrom: [{ secretRef: { name: "payments-db" } }] }] },
            },
        },
    },
    placement: { clusters: paymentsClusters }, // in the EU, 2 clusters: keeps all three rules
});

const statusPage = new FederatedDeployment("status-page", {
    federation,
    namespace: "default",
    template: {
        metadata: { labels: { app: "status-page", ...critical } },
        spec: {
            selector: { matchLabels: { app: "status-page" } },
            template: { metadata: { labels: { app: "status-page" } }, spec: { containers: [{ name: "web", image: "ghcr.io/example/status-page:2.4.0" }] } },
        },
    },
    placement: { clusters: ["eu-west-1", "us-east-1"] }, // not payments: may leave the EU; critical: 2 clusters
});

// No rule matches a plain ConfigMap outside payments: it may go everywhere.
const banner = new FederatedConfigMap("maintenance-banner", {
    federation,
    namespace: "default",
    template: { data: { message: "" } },
    placement: { clusterSelector: {} },
});

export const rules = federation.policies.map((policy) => policy.name);
export const placements = {
    payments: payments.placedClusters,
    paymentsApi: paymentsApi.placedClusters,
    statusPage: statusPage.placedClusters,
    banner: banner.placedClusters,
};

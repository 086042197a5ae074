/**
 * Dependencies and status.
 * - The orders service's ConfigMap, Secret and ServiceAccount are federated and declared before
 *   the Deployment that refers to them (envFrom, secretKeyRef, serviceAccountName). The
 *   federation checks they are placed wherever the Deployment runs, and each cluster's
 *   Deployment waits for that cluster's objects only: a slow cluster never holds up the others.
 * - `status` aggregates the live objects: ready replicas per cluster and in total, and the
 *   addresses each cluster's LoadBalancer Service was given.
 *
 * Set a kubeconfig context per member to deploy for real:
 *   pulumi config set --path 'contexts.eu-west-1' my-eu-context
 *   pulumi config set --secret dbPassword '...'
 * Members without one render YAML to rendered/<stack>/<cluster>/ instead of contacting a cluster.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    FederatedConfigMap,
    FederatedDeployment,
    FederatedNamespace,
    FederatedSecret,
    FederatedService,
    FederatedServiceAccount,
    Federation,
    MemberClusterArgs,
} from "../../components";

const config = new pulumi.Config();
const contexts = config.getObject<Record<string, string>>("contexts") ?? {};
const dbPassword = config.getSecret("dbPassword") ?? pulumi.secret("local-dev-password");

const fleet: MemberClusterArgs[] = [
    { name: "eu-west-1", labels: { region: "eu-west-1" }, host: true },
    { name: "us-east-1", labels: { region: "us-east-1" } },
    { name: "ap-southeast-1", labels: { region: "ap-southeast-1" } },
];

const federation = new Federation("orders", {
    clusters: fleet.map((member) => ({
        ...member,
        context: contexts[member.name],
        providerOptions: contexts[member.name] ? undefined : { renderYamlToDirectory: `rendered/${pulumi.getStack()}/${member.name}` },
    })),
});

const everywhere = { clusterSelector: {} };
const orders = new FederatedNamespace("orders", { federation, placement: everywhere });

// What the pods refer to, declared first. Each goes wherever the Deployment goes.
new FederatedConfigMap("orders-config", {
    federation,
    namespace: orders,
    template: { data: { LOG_LEVEL: "info", PAYMENT_TIMEOUT: "10s" } },
    placement: everywhere,
    overrides: [{ clusterName: "ap-southeast-1", patch: { data: { PAYMENT_TIMEOUT: "20s" } } }],
});
new FederatedSecret("orders-db", {
    federation,
    namespace: orders,
    template: { stringData: { password: dbPassword } }, // stays a Pulumi secret in every cluster
    placement: everywhere,
});
new FederatedServiceAccount("orders", { federation, namespace: orders, template: {}, placement: everywhere });

const labels = { app: "orders" };
const deployment = new FederatedDeployment("orders", {
    federation,
    namespace: orders,
    template: {
        spec: {
            replicas: 3,
            selector: { matchLabels: labels },
            template: {
                metadata: { labels },
                spec: {
                    serviceAccountName: "orders",
                    containers: [{
                        name: "orders",
                        image: "ghcr.io/example/orders:4.1.0",
                        ports: [{ containerPort: 8080 }],
                        envFrom: [{ configMapRef: { name: "orders-config" } }],
                        env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "orders-db", key: "password" } } }],
                    }],
                },
            },
        },
    },
    placement: everywhere,
    // The smallest cluster runs 2.
    overrides: [{ clusterName: "ap-southeast-1", clusterOverrides: [{ path: "/spec/replicas", value: 2 }] }],
});

const service = new FederatedService("orders", {
    federation,
    namespace: orders,
    template: { spec: { type: "LoadBalancer", selector: labels, ports: [{ port: 80, targetPort: 8080 }] } },
    placement: everywhere,
});

// { clusters: { <name>: { ready, replicas, readyReplicas, ... } }, clustersReady, totalReadyReplicas, ... }
export const deploymentStatus = deployment.status;
export const serviceStatus = service.status;
// Where to point DNS: each cluster's load balancer addresses (empty until one is handed out).
export const endpoints = service.status.apply((status) =>
    Object.fromEntries(Object.entries(status.clusters).map(([cluster, s]) => [cluster, (s.loadBalancer ?? []).map((a) => a.ip ?? a.hostname)])),
);

/**
 * Replica scheduling: say how many replicas a workload needs in total and let the federation
 * divide them over the clusters it is placed on, instead of writing a count per cluster.
 * - `checkout` uses KubeFed's ReplicaSchedulingPreference form: preferences by member name, with
 *   "*" for every member without one, each a weight plus optional minReplicas / maxReplicas;
 * - `catalog` uses Karmada's static weight list (clusters chosen by label selector) and a spread
 *   constraint that keeps it in exactly two regions.
 * Each cluster's Deployment gets its share as spec.replicas; `replicaPlan` shows the division.
 *
 * Set a kubeconfig context per member to deploy for real:
 *   pulumi config set --path 'contexts.us-east-1' my-us-context
 * Members without one render YAML to rendered/<stack>/<cluster>/ instead of contacting a cluster.
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedDeployment, FederatedNamespace, Federation, MemberClusterArgs } from "../../components";

const config = new pulumi.Config();
const contexts = config.getObject<Record<string, string>>("contexts") ?? {};

// Member order matters for spread constraints: regions are taken in the order of their first member.
const fleet: MemberClusterArgs[] = [
    { name: "eu-west-1", labels: { region: "europe", cloud: "aws" }, host: true },
    { name: "eu-central-1", labels: { region: "europe", cloud: "aws" } },
    { name: "us-east-1", labels: { region: "north-america", cloud: "aws" } },
    { name: "ap-south-1", labels: { region: "asia", cloud: "aws" } },
];

const federation = new Federation("scheduling", {
    clusters: fleet.map((member) => ({
        ...member,
        context: contexts[member.name],
        providerOptions: contexts[member.name] ? undefined : { renderYamlToDirectory: `rendered/${pulumi.getStack()}/${member.name}` },
    })),
});

const shop = new FederatedNamespace("shop", { federation, placement: { clusterSelector: {} } });

/** A small web Deployment; no spec.replicas: scheduling sets it per cluster. */
function web(app: string, image: string) {
    return {
        metadata: { labels: { app } },
        spec: {
            selector: { matchLabels: { app } },
            template: {
                metadata: { labels: { app } },
                spec: { containers: [{ name: app, image, ports: [{ containerPort: 8080 }] }] },
            },
        },
    };
}

// KubeFed form. 14 replicas over all four members:
// - us-east-1 has the most traffic: weight 2, and never fewer than 2 replicas;
// - ap-south-1 is a small cluster: weight 1 but at most 1 replica;
// - every other member ("*"): weight 1 and at least 1 replica.
const checkout = new FederatedDeployment("checkout", {
    federation,
    namespace: shop,
    template: web("checkout", "ghcr.io/example/checkout:3.2.0"),
    placement: { clusterSelector: {} },
    scheduling: {
        totalReplicas: 14,
        clusters: {
            "us-east-1": { weight: 2, minReplicas: 2 },
            "ap-south-1": { weight: 1, maxReplicas: 1 },
            "*": { weight: 1, minReplicas: 1 },
        },
    },
});

// Karmada form: weights by label selector (a cluster takes the highest weight among the entries that match it).
// The spread constraint keeps the catalog in exactly two regions: europe and north-america,
// the first two regions in member order, so ap-south-1 gets no catalog at all.
const catalog = new FederatedDeployment("catalog", {
    federation,
    namespace: shop,
    template: web("catalog", "ghcr.io/example/catalog:1.8.1"),
    placement: {
        clusterSelector: {},
        spreadConstraints: [{ spreadByLabel: "region", minGroups: 2, maxGroups: 2 }],
    },
    scheduling: {
        totalReplicas: 8,
        staticWeights: [
            { targetCluster: { labelSelector: { matchLabels: { region: "north-america" } } }, weight: 2 },
            { targetCluster: { labelSelector: { matchExpressions: [{ key: "region", operator: "In", values: ["europe"] }] } }, weight: 1 },
        ],
    },
});

// `pulumi stack output replicaPlans`: the replicas each cluster runs.
export const replicaPlans = {
    checkout: checkout.replicaPlan,
    catalog: catalog.replicaPlan,
};
export const placements = {
    checkout: checkout.placedClusters,
    catalog: catalog.placedClusters,
};

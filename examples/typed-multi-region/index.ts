/**
 * A storefront across three clusters in two clouds, written with the typed components:
 * - the `shop` namespace and its config go everywhere;
 * - the storefront runs on the primary tier (selected by label), sized per region with typed
 *   patches, and gets a cloud-specific load balancer annotation through a selector override;
 * - an edge cache runs only on edge clusters.
 *
 * Set a kubeconfig context per member to deploy for real:
 *   pulumi config set --path 'contexts.aws-us-east-1' my-us-context
 * Members without one render YAML to rendered/<stack>/<cluster>/ instead of contacting a cluster.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    FederatedConfigMap,
    FederatedDeployment,
    FederatedNamespace,
    FederatedService,
    Federation,
    MemberClusterArgs,
} from "../../components";

const config = new pulumi.Config();
const contexts = config.getObject<Record<string, string>>("contexts") ?? {};

const regions: MemberClusterArgs[] = [
    { name: "aws-us-east-1", labels: { cloud: "aws", region: "us-east-1", tier: "primary" }, host: true },
    { name: "gcp-europe-west1", labels: { cloud: "gcp", region: "europe-west1", tier: "primary" } },
    { name: "aws-ap-southeast-2", labels: { cloud: "aws", region: "ap-southeast-2", tier: "edge" } },
];

const federation = new Federation("multi-region", {
    clusters: regions.map((member) => ({
        ...member,
        context: contexts[member.name],
        providerOptions: contexts[member.name] ? undefined : { renderYamlToDirectory: `rendered/${pulumi.getStack()}/${member.name}` },
    })),
});

const shop = new FederatedNamespace("shop", { federation, placement: { clusterSelector: {} } });

const settings = new FederatedConfigMap("storefront-settings", {
    federation,
    namespace: shop,
    template: { data: { currency: "USD", "checkout.timeout": "30s" } },
    placement: { clusterSelector: {} },
    overrides: [
        // Typed patch: a partial of the ConfigMap, merged in.
        { clusterSelector: { matchLabels: { cloud: "gcp" } }, patch: { data: { currency: "EUR" } } },
    ],
});

const labels = { app: "storefront" };
const storefront = new FederatedDeployment("storefront", {
    federation,
    namespace: shop,
    template: {
        metadata: { labels },
        spec: {
            replicas: 3,
            selector: { matchLabels: labels },
            template: {
                metadata: { labels },
                spec: {
                    containers: [{
                        name: "storefront",
                        image: "ghcr.io/example/storefront:1.4.2",
                        ports: [{ containerPort: 8080 }],
                        envFrom: [{ configMapRef: { name: "storefront-settings" } }],
                    }],
                },
            },
        },
    },
    placement: { clusterSelector: { matchLabels: { tier: "primary" } } },
    overrides: [
        // KubeFed's form, by cluster name: Europe runs smaller.
        { clusterName: "gcp-europe-west1", clusterOverrides: [{ path: "/spec/replicas", value: 2 }] },
    ],
});

new FederatedService("storefront", {
    federation,
    namespace: shop,
    template: { spec: { type: "LoadBalancer", selector: labels, ports: [{ port: 80, targetPort: 8080 }] } },
    placement: { clusterSelector: { matchLabels: { tier: "primary" } } },
    overrides: [
        // By selector, typed: every AWS member gets an NLB.
        {
            clusterSelector: { matchLabels: { cloud: "aws" } },
            patch: { metadata: { annotations: { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" } } },
        },
    ],
});

const edgeCache = new FederatedDeployment("edge-cache", {
    federation,
    namespace: shop,
    template: {
        spec: {
            replicas: 2,
            selector: { matchLabels: { app: "edge-cache" } },
            template: {
                metadata: { labels: { app: "edge-cache" } },
                spec: { containers: [{ name: "varnish", image: "varnish:7.5", ports: [{ containerPort: 6081 }] }] },
            },
        },
    },
    placement: { clusterSelector: { matchExpressions: [{ key: "tier", operator: "In", values: ["edge"] }] } },
});

export const members = federation.memberTable;
export const placements = {
    shop: shop.placedClusters,
    settings: settings.placedClusters,
    storefront: storefront.placedClusters,
    edgeCache: edgeCache.placedClusters,
};
export const overridesApplied = storefront.overridesApplied;

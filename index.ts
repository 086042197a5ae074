/**
 * The federation stack program (`pulumi up` runs this). Members come from stack config:
 *
 *   pulumi-federation:clusters:
 *     - name: cluster1          # DNS-1123 label
 *       context: kind-cluster1  # or kubeconfig: <path or contents>; neither = render mode
 *       labels: { region: eu-west }
 *       host: true
 *
 * A member with neither context nor kubeconfig renders its objects as YAML to
 * rendered/<cluster>/ instead of contacting a cluster (the dev stack does this).
 *
 * What it federates: the KubeFed walkthrough's namespace and Redis deployment, on every member.
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedDeployment, FederatedNamespace, Federation, MemberClusterArgs } from "./components";

interface ClusterConfig {
    name: string;
    context?: string;
    kubeconfig?: string;
    labels?: Record<string, string>;
    host?: boolean;
    namespace?: string;
}

const config = new pulumi.Config();
const clusters = config.requireObject<ClusterConfig[]>("clusters");
const renderDirectory = config.get("renderDirectory") ?? "rendered";

function memberArgs(cluster: ClusterConfig): MemberClusterArgs {
    const reachable = cluster.context !== undefined || cluster.kubeconfig !== undefined;
    return {
        ...cluster,
        // No credentials: write YAML instead of talking to a cluster (plain text, secrets included).
        providerOptions: reachable ? undefined : { renderYamlToDirectory: `${renderDirectory}/${cluster.name}` },
    };
}

const federation = new Federation("federation", { clusters: clusters.map(memberArgs) });

const namespace = new FederatedNamespace("federated-namespace", { federation, placement: { clusterSelector: {} } });

const redis = new FederatedDeployment("redis", {
    federation,
    namespace,
    template: {
        metadata: { labels: { app: "redis" } },
        spec: {
            replicas: 1,
            selector: { matchLabels: { app: "redis" } },
            template: {
                metadata: { labels: { app: "redis" } },
                spec: { containers: [{ name: "redis", image: "redis:alpine", ports: [{ containerPort: 6379 }] }] },
            },
        },
    },
    placement: { clusterSelector: {} },
});

/** Like `kubectl get kubefedclusters`: every member, its labels, and which one is the host. */
export const members = federation.memberTable;
/** For each federated resource, the clusters it landed in. */
export const placements = { [namespace.namespaceName]: namespace.placedClusters, redis: redis.placedClusters };

/**
 * KubeFed's retainReplicas on real API servers: a FederatedDeployment on cluster1 and cluster3
 * whose replicas a cluster's autoscaler may change. Stack config (set by the suite):
 *   kubeconfig  secret: the kubeconfig contents, one context per member
 *   members     [{ name, context, labels, host? }]
 *   version     the template's `version` label (changing it is the update under test)
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedDeployment, FederatedNamespace, Federation, MemberClusterArgs } from "../../../components";

const config = new pulumi.Config();
const federation = new Federation("retain", { kubeconfig: config.requireSecret("kubeconfig"), clusters: config.requireObject<MemberClusterArgs[]>("members") });
const version = config.get("version") ?? "1";
const placement = { clusters: ["cluster1", "cluster3"] };

const namespace = new FederatedNamespace("e2e-retain", { federation, placement });
const labels = { app: "scaled" };
new FederatedDeployment("scaled", {
    federation,
    namespace,
    placement,
    retainReplicas: true,
    template: {
        // No kubelet runs in the suite's clusters: the provider must not wait for ready pods.
        metadata: { labels: { ...labels, version }, annotations: { "pulumi.com/skipAwait": "true" } },
        spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "app", image: "nginx:1.27" }] } } },
    },
});

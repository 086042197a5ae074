/**
 * The end-to-end suite's adoption program. The suite first creates these objects directly in the
 * members' API servers (as KubeFed would have left them), then adopts them through the file
 * `pulumi-federation import` writes.
 *
 * Stack config: members [{ name, context, labels }]. The kubeconfig is the ambient one
 * (KUBECONFIG), as `pulumi import` uses it.
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedConfigMap, FederatedDeployment, FederatedNamespace, Federation, MemberClusterArgs } from "../../../components";

const config = new pulumi.Config();
const federation = new Federation("fleet", { clusters: config.requireObject<MemberClusterArgs[]>("members") });

const apps = new FederatedNamespace("e2e-adopt", { federation, placement: { clusters: ["cluster1", "cluster2"] } });

new FederatedConfigMap("settings", {
    federation,
    namespace: apps,
    placement: { clusterSelector: {} },
    template: { data: { mode: "adopted" } },
    overrides: [{ clusterName: "cluster2", clusterOverrides: [{ path: "/data/mode", value: "adopted-2" }] }],
});

const labels = { app: "adopted" };
new FederatedDeployment("web", {
    federation,
    namespace: apps,
    placement: { clusterSelector: {} },
    template: {
        // No kubelet in the suite's members.
        metadata: { labels, annotations: { "pulumi.com/skipAwait": "true" } },
        spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
    },
});

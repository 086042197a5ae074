/**
 * The end-to-end suite's health-aware planning: Federation.connect probes the three members
 * before planning; a scheduled FederatedDeployment of 6 replicas and a FederatedConfigMap on
 * every member. With a member's API server stopped, `pulumi up` (no config edited) plans it as
 * unavailable; started again, the next `pulumi up` plans it back and adopts its surviving objects.
 *
 * Stack config (set by the suite):
 *   kubeconfig   secret: the kubeconfig contents, one context per member
 *   members      [{ name, context, labels }]
 *
 * No kubelet runs in the suite's clusters, so the workload carries the provider's skip-await annotation.
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedConfigMap, FederatedDeployment, FederatedNamespace } from "../../../components";
import { connectProbedFleet } from "../probedFleet";

export = async () => {
    const config = new pulumi.Config();
    const federation = await connectProbedFleet(config);
    const namespace = new FederatedNamespace("e2e-health", { federation, placement: { clusterSelector: {} } });
    new FederatedConfigMap("settings", { federation, namespace, template: { data: { mode: "ha" } }, placement: { clusterSelector: {} } });
    const labels = { app: "api" };
    const api = new FederatedDeployment("api", {
        federation,
        namespace,
        placement: { clusterSelector: {} },
        scheduling: { totalReplicas: 6 },
        template: {
            metadata: { labels, annotations: { "pulumi.com/skipAwait": "true" } },
            spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "api", image: "ghcr.io/example/api:2.1.0" }] } } },
        },
    });
    return { replicas: api.replicaPlan, members: federation.memberTable };
};

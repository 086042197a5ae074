/**
 * The end-to-end suite's drift and reconcile loop: a federation that probes its members before
 * planning (Federation.connect with `health.probe`), with a FederatedConfigMap, a FederatedSecret
 * and a scheduled FederatedDeployment of 6 replicas on every member. The suite edits and deletes
 * objects in the members behind Pulumi's back, and stops and starts a member, while
 * `pulumi-federation drift` and `reconcile` watch.
 *
 * Stack config (set by the suite):
 *   kubeconfig   secret: the kubeconfig contents, one context per member
 *   members      [{ name, context, labels }]
 *   password     secret: the Secret's value (it must never be printed)
 *
 * No kubelet runs in the suite's clusters, so the workload carries the provider's skip-await annotation.
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedConfigMap, FederatedDeployment, FederatedNamespace, FederatedSecret } from "../../../components";
import { connectProbedFleet } from "../probedFleet";

export = async () => {
    const config = new pulumi.Config();
    const federation = await connectProbedFleet(config);
    const placement = { clusterSelector: {} };
    const namespace = new FederatedNamespace("e2e-reconcile", { federation, placement });
    new FederatedConfigMap("settings", { federation, namespace, placement, template: { data: { mode: "ha" } } });
    new FederatedSecret("credentials", { federation, namespace, placement, template: { type: "Opaque", stringData: { password: config.requireSecret("password") } } });
    const labels = { app: "api" };
    const api = new FederatedDeployment("api", {
        federation,
        namespace,
        placement,
        scheduling: { totalReplicas: 6 },
        template: {
            metadata: { labels, annotations: { "pulumi.com/skipAwait": "true" } },
            spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "api", image: "ghcr.io/example/api:2.1.0" }] } } },
        },
    });
    return { replicas: api.replicaPlan, members: federation.memberTable };
};

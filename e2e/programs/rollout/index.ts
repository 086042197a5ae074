/**
 * The end-to-end suite's staged rollout: a FederatedDeployment on the three members, rolled out
 * stage by stage (cluster1 the canary, then cluster2, then cluster3 as the clusters no stage
 * names), with a soak after each stage and a timeout for each cluster's rollout. No skip-await
 * annotation: the provider waits for each Deployment to roll out, which is the stages' gate. The
 * fleet runs the deployment and replicaset controllers for this test and the test plays the
 * kubelet for the clusters whose pods it lets become ready.
 *
 * Stack config (set by the suite):
 *   kubeconfig       secret: the kubeconfig contents, one context per member
 *   members          [{ name, context, labels }]
 *   image            the container image
 *   soakSeconds      the soak after each stage
 *   timeoutSeconds   how long a cluster's rollout may take
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedDeployment, FederatedNamespace, Federation, MemberClusterArgs } from "../../../components";

const config = new pulumi.Config();
const federation = new Federation("fleet", {
    kubeconfig: config.requireSecret("kubeconfig"),
    clusters: config.requireObject<MemberClusterArgs[]>("members"),
});
const namespace = new FederatedNamespace("e2e-rollout", { federation, placement: { clusterSelector: {} } });
const labels = { app: "web" };
const web = new FederatedDeployment("web", {
    federation,
    namespace,
    placement: { clusterSelector: {} },
    template: {
        metadata: { labels },
        spec: {
            replicas: 1,
            selector: { matchLabels: labels },
            template: { metadata: { labels }, spec: { containers: [{ name: "web", image: config.require("image") }] } },
        },
    },
    rollout: {
        stages: [{ name: "canary", clusters: ["cluster1"] }, { name: "second", clusters: ["cluster2"] }],
        soakSeconds: config.requireNumber("soakSeconds"),
        timeoutSeconds: config.requireNumber("timeoutSeconds"),
    },
});
export const clusters = web.placedClusters;

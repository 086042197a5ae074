/**
 * One federated HorizontalPodAutoscaler (autoscaling/v2) on cluster1 and cluster2, whose cluster2
 * object an override may move to another API version. Stack config (set by the suite):
 *   kubeconfig         secret: the kubeconfig contents, one context per member
 *   members            [{ name, context, labels, host? }]
 *   cluster2Version    cluster2's apiVersion (default: the template's, autoscaling/v2)
 *   oldestKubernetes   the federation's oldestKubernetes (default: the library's)
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedNamespace, FederatedResource, Federation, MemberClusterArgs } from "../../../components";

const config = new pulumi.Config();
const oldestKubernetes = config.get("oldestKubernetes");
const federation = new Federation("versions", {
    kubeconfig: config.requireSecret("kubeconfig"),
    clusters: config.requireObject<MemberClusterArgs[]>("members"),
    ...(oldestKubernetes ? { oldestKubernetes } : {}),
});
const placement = { clusters: ["cluster1", "cluster2"] };
const namespace = new FederatedNamespace("e2e-versions", { federation, placement });
const cluster2Version = config.get("cluster2Version");

new FederatedResource("scaler", {
    federation,
    namespace,
    placement,
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    // Fields both API versions have, so the object is the same one read through either.
    template: { spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 3 } },
    overrides: cluster2Version ? [{ clusterName: "cluster2", clusterOverrides: [{ path: "/apiVersion", value: cluster2Version }] }] : undefined,
});

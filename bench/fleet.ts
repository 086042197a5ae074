/**
 * The benchmark's fleet: `clusters` members and `resources` federated objects, declared either
 * with the library's components or by hand (the baseline: a loop that registers the same
 * per-cluster Kubernetes resources directly on per-cluster providers).
 */
import * as k8s from "@pulumi/kubernetes";
import { FederatedConfigMap, FederatedDeployment, FederatedNamespace, Federation, MemberClusterArgs } from "../components";

export interface FleetSize {
    clusters: number;
    resources: number;
}

export function members(size: FleetSize): MemberClusterArgs[] {
    return Array.from({ length: size.clusters }, (_, i) => ({ name: `c${i}`, labels: { region: `r${i % 5}` } }));
}

const deploymentSpec = (i: number) => ({
    replicas: 2,
    selector: { matchLabels: { app: `app${i}` } },
    template: { metadata: { labels: { app: `app${i}` } }, spec: { containers: [{ name: "app", image: `registry.example.com/app${i}:1.0` }] } },
});

/** Resource i: even ones are Deployments, odd ones ConfigMaps; all in one namespace, everywhere. */
function kindOf(i: number): "Deployment" | "ConfigMap" {
    return i % 2 === 0 ? "Deployment" : "ConfigMap";
}

/**
 * With the library: one Federation, one FederatedNamespace, resources - 1 federated objects.
 * `karmada`: the same program in Karmada mode (no Karmada to check Clusters against here).
 * `oldestKubernetes`: the federation's (see FederationArgs).
 */
export function federationProgram(size: FleetSize, karmada = false, oldestKubernetes?: string): void {
    const federation = new Federation("fleet", {
        clusters: members(size),
        ...(karmada ? { propagation: { karmada: { checkClusters: false } } } : {}),
        ...(oldestKubernetes ? { oldestKubernetes } : {}),
    });
    const namespace = new FederatedNamespace("bench", { federation, placement: { clusterSelector: {} } });
    for (let i = 1; i < size.resources; i++) {
        const placement = { clusterSelector: {} };
        // Every fifth object has one override for cluster c0, as real fleets do.
        const overrides = i % 5 === 0 ? [{ clusterName: "c0", clusterOverrides: [{ path: "/metadata/labels", op: "add" as const, value: { tier: "canary" } }] }] : undefined;
        if (kindOf(i) === "Deployment") new FederatedDeployment(`r${i}`, { federation, namespace, template: { metadata: { labels: { bench: "yes" } }, spec: deploymentSpec(i) }, placement, overrides });
        else new FederatedConfigMap(`r${i}`, { federation, namespace, template: { metadata: { labels: { bench: "yes" } }, data: { index: String(i) } }, placement, overrides });
    }
}

/** By hand: a provider per member, then the same objects per cluster, waiting for the namespace. */
export function baselineProgram(size: FleetSize): void {
    for (const member of members(size)) {
        const provider = new k8s.Provider(`fleet-${member.name}`, { clusterIdentifier: member.name });
        const namespace = new k8s.core.v1.Namespace(`bench-${member.name}`, { metadata: { name: "bench" } }, { provider });
        for (let i = 1; i < size.resources; i++) {
            const labels: Record<string, string> = i % 5 === 0 && member.name === "c0" ? { bench: "yes", tier: "canary" } : { bench: "yes" };
            const metadata = { name: `r${i}`, namespace: "bench", labels };
            const opts = { provider, dependsOn: [namespace] };
            if (kindOf(i) === "Deployment") new k8s.apps.v1.Deployment(`r${i}-${member.name}`, { metadata, spec: deploymentSpec(i) }, opts);
            else new k8s.core.v1.ConfigMap(`r${i}-${member.name}`, { metadata, data: { index: String(i) } }, opts);
        }
    }
}

/**
 * KubeFed's type configuration: the target types `Federated<Kind>` documents propagate, the
 * defaults this library knows without a FederatedTypeConfig, and the FederatedTypeConfig
 * documents that add to or change them.
 */
import { FederationError } from "../errors";
import { isPlainObject } from "../planning/opaque";
import { ManifestDocument } from "./load";
import { documentLabel, specOf } from "./kubefed";

/** The Kubernetes type a `Federated<Kind>` propagates. */
export interface TargetType {
    apiVersion: string;
    kind: string;
    clusterScoped: boolean;
}


/**
 * Target types of the kinds `kubefedctl enable` is commonly used for, at the API versions
 * current clusters serve. A FederatedTypeConfig in the manifests adds or replaces an entry.
 */
export const KNOWN_TARGETS: Record<string, [apiVersion: string, clusterScoped: boolean]> = {
    ConfigMap: ["v1", false],
    Secret: ["v1", false],
    Service: ["v1", false],
    ServiceAccount: ["v1", false],
    PersistentVolumeClaim: ["v1", false],
    LimitRange: ["v1", false],
    ResourceQuota: ["v1", false],
    Namespace: ["v1", true],
    Deployment: ["apps/v1", false],
    StatefulSet: ["apps/v1", false],
    DaemonSet: ["apps/v1", false],
    ReplicaSet: ["apps/v1", false],
    Job: ["batch/v1", false],
    CronJob: ["batch/v1", false],
    Ingress: ["networking.k8s.io/v1", false],
    NetworkPolicy: ["networking.k8s.io/v1", false],
    HorizontalPodAutoscaler: ["autoscaling/v2", false],
    PodDisruptionBudget: ["policy/v1", false],
    Role: ["rbac.authorization.k8s.io/v1", false],
    RoleBinding: ["rbac.authorization.k8s.io/v1", false],
    ClusterRole: ["rbac.authorization.k8s.io/v1", true],
    ClusterRoleBinding: ["rbac.authorization.k8s.io/v1", true],
    StorageClass: ["storage.k8s.io/v1", true],
    PriorityClass: ["scheduling.k8s.io/v1", true],
    CustomResourceDefinition: ["apiextensions.k8s.io/v1", true],
};


export function readTypeConfig(document: ManifestDocument): [string, TargetType] {
    const label = documentLabel(document);
    const spec = specOf(document, label, true);
    // v1beta1 says targetType + scope; v1alpha1 said target + namespaced.
    const target = spec.targetType ?? spec.target;
    const federated = spec.federatedType;
    if (!isPlainObject(target) || typeof target.kind !== "string" || typeof target.version !== "string") {
        throw new FederationError({ resource: label, field: "spec.targetType" }, "needs kind, version and (for non-core types) group");
    }
    const group = typeof target.group === "string" ? target.group : "";
    const clusterScoped = target.scope !== undefined ? target.scope === "Cluster" : spec.namespaced === false;
    const federatedKind = isPlainObject(federated) && typeof federated.kind === "string" ? federated.kind : `Federated${target.kind}`;
    return [federatedKind, { apiVersion: group ? `${group}/${target.version}` : target.version, kind: target.kind, clusterScoped }];
}


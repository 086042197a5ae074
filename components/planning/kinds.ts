/**
 * Facts about Kubernetes kinds the planner needs without talking to a cluster: how an
 * apiVersion splits into group and version, and which built-in kinds are cluster-scoped.
 */

/** An apiVersion split into its API group and version. */
export interface GroupVersion {
    /** "" for the core group. */
    group: string;
    /** The version, e.g. `v1`. */
    version: string;
}

/** Splits an apiVersion at its first "/": `apps/v1` into group `apps` and version `v1`; `v1` is the core group's. */
export function parseApiVersion(apiVersion: string): GroupVersion {
    const slash = apiVersion.indexOf("/");
    return slash < 0
        ? { group: "", version: apiVersion }
        : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Kubernetes' version priority: GA before beta before alpha, higher numbers first, other names last by name. */
export function compareKubeVersions(a: string, b: string): number {
    const rank = (version: string): [number, number, number, string] => {
        const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
        if (!match) return [3, 0, 0, version];
        return [match[2] === undefined ? 0 : match[2] === "beta" ? 1 : 2, -Number(match[1]), -Number(match[3] ?? 0), version];
    };
    const [x, y] = [rank(a), rank(b)];
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
    return x[3] < y[3] ? -1 : x[3] > y[3] ? 1 : 0;
}

/** Built-in cluster-scoped kinds, keyed `group/Kind` (the version does not change scope). */
const CLUSTER_SCOPED = new Set<string>([
    "/Namespace",
    "/Node",
    "/PersistentVolume",
    "/ComponentStatus",
    "rbac.authorization.k8s.io/ClusterRole",
    "rbac.authorization.k8s.io/ClusterRoleBinding",
    "apiextensions.k8s.io/CustomResourceDefinition",
    "apiregistration.k8s.io/APIService",
    "storage.k8s.io/StorageClass",
    "storage.k8s.io/CSIDriver",
    "storage.k8s.io/CSINode",
    "storage.k8s.io/VolumeAttachment",
    "storage.k8s.io/VolumeAttributesClass",
    "scheduling.k8s.io/PriorityClass",
    "node.k8s.io/RuntimeClass",
    "networking.k8s.io/IngressClass",
    "networking.k8s.io/IPAddress",
    "networking.k8s.io/ServiceCIDR",
    "admissionregistration.k8s.io/MutatingWebhookConfiguration",
    "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
    "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
    "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
    "admissionregistration.k8s.io/MutatingAdmissionPolicy",
    "admissionregistration.k8s.io/MutatingAdmissionPolicyBinding",
    "certificates.k8s.io/CertificateSigningRequest",
    "certificates.k8s.io/ClusterTrustBundle",
    "flowcontrol.apiserver.k8s.io/FlowSchema",
    "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
    "policy/PodSecurityPolicy",
    "resource.k8s.io/DeviceClass",
    "resource.k8s.io/ResourceSlice",
    "storagemigration.k8s.io/StorageVersionMigration",
    "internal.apiserver.k8s.io/StorageVersion",
]);

/** True for built-in cluster-scoped kinds. Custom kinds say their scope themselves. */
export function isClusterScopedKind(apiVersion: string, kind: string): boolean {
    return CLUSTER_SCOPED.has(`${parseApiVersion(apiVersion).group}/${kind}`);
}

import { strict as assert } from "assert";
import { GroupVersion, isClusterScopedKind, parseApiVersion } from "../../components/planning/kinds";

describe("planning/kinds: parseApiVersion", () => {
    const cases: { name: string; apiVersion: string; expected: GroupVersion }[] = [
        { name: "core group v1", apiVersion: "v1", expected: { group: "", version: "v1" } },
        { name: "apps/v1", apiVersion: "apps/v1", expected: { group: "apps", version: "v1" } },
        { name: "dotted group with a beta version", apiVersion: "networking.k8s.io/v1beta1", expected: { group: "networking.k8s.io", version: "v1beta1" } },
        { name: "custom resource group", apiVersion: "example.com/v1alpha2", expected: { group: "example.com", version: "v1alpha2" } },
    ];
    for (const c of cases) {
        it(c.name, () => {
            assert.deepStrictEqual(parseApiVersion(c.apiVersion), c.expected);
        });
    }
});

describe("planning/kinds: isClusterScopedKind", () => {
    const cases: { name: string; apiVersion: string; kind: string; expected: boolean }[] = [
        { name: "Namespace is cluster-scoped", apiVersion: "v1", kind: "Namespace", expected: true },
        { name: "PersistentVolume is cluster-scoped", apiVersion: "v1", kind: "PersistentVolume", expected: true },
        { name: "Node is cluster-scoped", apiVersion: "v1", kind: "Node", expected: true },
        { name: "ClusterRole is cluster-scoped", apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", expected: true },
        { name: "ClusterRoleBinding is cluster-scoped", apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", expected: true },
        { name: "CustomResourceDefinition is cluster-scoped", apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", expected: true },
        { name: "StorageClass is cluster-scoped", apiVersion: "storage.k8s.io/v1", kind: "StorageClass", expected: true },
        { name: "PriorityClass is cluster-scoped", apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", expected: true },
        { name: "IngressClass is cluster-scoped", apiVersion: "networking.k8s.io/v1", kind: "IngressClass", expected: true },
        { name: "ValidatingWebhookConfiguration is cluster-scoped", apiVersion: "admissionregistration.k8s.io/v1", kind: "ValidatingWebhookConfiguration", expected: true },
        { name: "scope does not depend on the version", apiVersion: "rbac.authorization.k8s.io/v1beta1", kind: "ClusterRole", expected: true },
        { name: "Deployment is namespaced", apiVersion: "apps/v1", kind: "Deployment", expected: false },
        { name: "Service is namespaced", apiVersion: "v1", kind: "Service", expected: false },
        { name: "Secret is namespaced", apiVersion: "v1", kind: "Secret", expected: false },
        { name: "ConfigMap is namespaced", apiVersion: "v1", kind: "ConfigMap", expected: false },
        { name: "Role is namespaced", apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", expected: false },
        { name: "RoleBinding is namespaced", apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", expected: false },
        { name: "Ingress is namespaced", apiVersion: "networking.k8s.io/v1", kind: "Ingress", expected: false },
        { name: "an unknown custom kind is not cluster-scoped", apiVersion: "example.com/v1", kind: "Widget", expected: false },
        { name: "a custom kind named Namespace in another group is not the built-in", apiVersion: "example.com/v1", kind: "Namespace", expected: false },
        { name: "ClusterRole in the core group is not the RBAC kind", apiVersion: "v1", kind: "ClusterRole", expected: false },
        { name: "kinds are case-sensitive", apiVersion: "v1", kind: "namespace", expected: false },
    ];
    for (const c of cases) {
        it(c.name, () => {
            assert.equal(isClusterScopedKind(c.apiVersion, c.kind), c.expected);
        });
    }
});

/**
 * `kubefedctl enable -o yaml`, pure and offline: for a kind, built-in or custom (from its CRD),
 * the FederatedTypeConfig and the CustomResourceDefinition of its `Federated<Kind>`, as
 * kubefedctl writes them (its pkg/kubefedctl/enable):
 *
 * - the type config is named `<plural>[.<group>]`; its targetType has no group for the core group;
 *   the federated type is `Federated<Kind>` / `federated<plural>` in `types.kubefed.io/v1beta1`
 *   (or `--federated-group` / `--federated-version`), with the target's scope, except that a
 *   FederatedNamespace is namespaced; propagation is Enabled;
 * - the CRD has one served and stored version with a status subresource, short names `f<short>`,
 *   and a schema of placement, overrides, `template` (unless the target's CRD schema has no
 *   properties) and `retainReplicas` (only for kinds whose `spec.replicas` is an int32).
 *
 * A name resolves as kubefedctl resolves it, case-insensitively: plural, singular, kind,
 * `plural.group` or short name, a core kind first. kubefedctl asks the cluster; here the kinds
 * are the built-ins below, or the kinds of the CRD documents given (whose schema is read, from the
 * first version as kubefedctl reads it, and whose version is the one an API server prefers).
 */
import { FederationError } from "../errors";
import { isPlainObject } from "../planning/opaque";
import { compareKubeVersions } from "../planning/kinds";

export { compareKubeVersions };
import { ManifestDocument } from "./load";
import { withPositions } from "./positions";

export interface EnableTarget {
    group: string;
    version: string;
    kind: string;
    plural: string;
    /** A CRD's singular name, when it gives one (else the kind in lower case). */
    singular?: string;
    scope: "Namespaced" | "Cluster";
    shortNames: string[];
    /** The target's schema has properties (else the federated CRD gets no `template`). */
    hasSchema: boolean;
    /** `spec.replicas` is an int32 (the federated CRD then has `retainReplicas`). */
    scalable: boolean;
}

/** The built-in kinds, with their plural and short names as API servers serve them. */
const BUILT_IN: ReadonlyArray<[apiVersion: string, kind: string, plural: string, shortNames: string[], cluster?: true, scalable?: true]> = [
    ["v1", "ConfigMap", "configmaps", ["cm"]],
    ["v1", "Secret", "secrets", []],
    ["v1", "Service", "services", ["svc"]],
    ["v1", "ServiceAccount", "serviceaccounts", ["sa"]],
    ["v1", "PersistentVolumeClaim", "persistentvolumeclaims", ["pvc"]],
    ["v1", "LimitRange", "limitranges", ["limits"]],
    ["v1", "ResourceQuota", "resourcequotas", ["quota"]],
    ["v1", "ReplicationController", "replicationcontrollers", ["rc"], undefined, true],
    ["v1", "Namespace", "namespaces", ["ns"], true],
    ["apps/v1", "Deployment", "deployments", ["deploy"], undefined, true],
    ["apps/v1", "StatefulSet", "statefulsets", ["sts"], undefined, true],
    ["apps/v1", "DaemonSet", "daemonsets", ["ds"]],
    ["apps/v1", "ReplicaSet", "replicasets", ["rs"], undefined, true],
    ["batch/v1", "Job", "jobs", []],
    ["batch/v1", "CronJob", "cronjobs", ["cj"]],
    ["networking.k8s.io/v1", "Ingress", "ingresses", ["ing"]],
    ["networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", ["netpol"]],
    ["autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", ["hpa"]],
    ["policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", ["pdb"]],
    ["rbac.authorization.k8s.io/v1", "Role", "roles", []],
    ["rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", []],
    ["rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", [], true],
    ["rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", [], true],
    ["storage.k8s.io/v1", "StorageClass", "storageclasses", ["sc"], true],
    ["scheduling.k8s.io/v1", "PriorityClass", "priorityclasses", ["pc"], true],
    ["apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", ["crd", "crds"], true],
];

export function builtInTargets(): EnableTarget[] {
    return BUILT_IN.map(([apiVersion, kind, plural, shortNames, cluster, scalable]) => ({
        group: apiVersion.includes("/") ? apiVersion.split("/")[0] : "",
        version: apiVersion.includes("/") ? apiVersion.split("/")[1] : apiVersion,
        kind, plural, shortNames, scope: cluster ? "Cluster" : "Namespaced", hasSchema: true, scalable: scalable === true,
    }));
}

/** The kinds a set of CRD documents defines. */
export function crdTargets(documents: readonly ManifestDocument[], label: (document: ManifestDocument) => string, version?: string): EnableTarget[] {
    return withPositions(documents, label, () => crdTargetsOf(documents, label, version));
}

function crdTargetsOf(documents: readonly ManifestDocument[], label: (document: ManifestDocument) => string, version?: string): EnableTarget[] {
    return documents.filter((document) => document.object.kind === "CustomResourceDefinition").map((document) => {
        const fail = (field: string, reason: string): never => {
            throw new FederationError({ resource: label(document), field }, reason);
        };
        const spec = isPlainObject(document.object.spec) ? document.object.spec : fail("spec", "must be a mapping");
        const names = isPlainObject(spec.names) ? spec.names : fail("spec.names", "must be a mapping with kind and plural");
        if (typeof spec.group !== "string" || spec.group === "") fail("spec.group", "must be the API group");
        if (typeof names.kind !== "string" || typeof names.plural !== "string") fail("spec.names", "must have kind and plural");
        if (names.shortNames !== undefined && (!Array.isArray(names.shortNames) || !names.shortNames.every((short) => typeof short === "string" && short !== ""))) {
            fail("spec.names.shortNames", "must be a list of names");
        }
        if (names.singular !== undefined && typeof names.singular !== "string") fail("spec.names.singular", "must be a name");
        if (spec.scope !== "Namespaced" && spec.scope !== "Cluster") fail("spec.scope", 'must be "Namespaced" or "Cluster"');
        const versions = Array.isArray(spec.versions) ? spec.versions.filter(isPlainObject) : [];
        const served = versions.filter((version) => version.served !== false && typeof version.name === "string").map((version) => String(version.name));
        if (served.length === 0) fail("spec.versions", "must list at least one served version");
        if (version !== undefined && !served.includes(version)) fail("spec.versions", `does not serve ${version} (it serves ${served.join(", ")})`);
        // kubefedctl reads the schema of the first version listed.
        const schema = (versions[0]?.schema as { openAPIV3Schema?: Record<string, any> } | undefined)?.openAPIV3Schema;
        const replicas = schema?.properties?.spec?.properties?.replicas;
        return {
            group: spec.group as string,
            version: version ?? [...served].sort(compareKubeVersions)[0],
            kind: names.kind as string,
            plural: names.plural as string,
            shortNames: Array.isArray(names.shortNames) ? names.shortNames.map(String) : [],
            ...(typeof names.singular === "string" ? { singular: names.singular } : {}),
            scope: spec.scope as "Namespaced" | "Cluster",
            hasSchema: isPlainObject(schema?.properties) && Object.keys(schema!.properties).length > 0,
            scalable: replicas?.type === "integer" && replicas?.format === "int32",
        };
    });
}

/** The target `name` names, as kubefedctl resolves it. */
export function resolveTarget(name: string, targets: readonly EnableTarget[], version?: string): EnableTarget {
    const wanted = name.toLowerCase();
    const matches = targets.filter((target) => (version === undefined || target.version === version) && [
        target.plural, target.singular ?? target.kind.toLowerCase(), target.kind.toLowerCase(), target.group ? `${target.plural}.${target.group}` : target.plural, ...target.shortNames,
    ].some((candidate) => candidate.toLowerCase() === wanted));
    const core = matches.find((target) => target.group === "");
    if (core) return core;
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) throw new FederationError({ resource: name }, `is matched by several kinds: ${matches.map((target) => `${target.plural}.${target.group}`).join(", ")}; give a group-qualified plural name`);
    throw new FederationError({ resource: name }, `is not a kind known offline (${targets.map((target) => target.plural).join(", ")}); for a custom kind, give its CustomResourceDefinition file`);
}

export interface FederatedTypeOptions {
    federatedGroup?: string;
    federatedVersion?: string;
}

/** The FederatedTypeConfig and the federated CRD for `target`, as kubefedctl enable -o yaml writes them. */
export function enableType(target: EnableTarget, options: FederatedTypeOptions = {}): [Record<string, unknown>, Record<string, unknown>] {
    const group = options.federatedGroup ?? "types.kubefed.io";
    const version = options.federatedVersion ?? "v1beta1";
    const kind = `Federated${target.kind}`;
    const plural = `federated${target.plural}`;
    const federatedScope = target.group === "" && target.plural === "namespaces" ? "Namespaced" : target.scope;
    const typeConfig = {
        apiVersion: "core.kubefed.io/v1beta1",
        kind: "FederatedTypeConfig",
        metadata: { name: target.group ? `${target.plural}.${target.group}` : target.plural },
        spec: {
            federatedType: { group, kind, pluralName: plural, scope: federatedScope, version },
            propagation: "Enabled",
            targetType: { ...(target.group ? { group: target.group } : {}), kind: target.kind, pluralName: target.plural, scope: target.scope, version: target.version },
        },
    };
    const specProperties: Record<string, unknown> = { overrides: OVERRIDES_SCHEMA, placement: PLACEMENT_SCHEMA };
    if (target.scalable) specProperties.retainReplicas = { type: "boolean" };
    if (target.hasSchema) specProperties.template = { type: "object", "x-kubernetes-preserve-unknown-fields": true };
    const crd = {
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name: `${plural}.${group}` },
        spec: {
            group,
            names: { kind, plural, ...(target.shortNames.length > 0 ? { shortNames: target.shortNames.map((short) => `f${short}`) } : {}) },
            scope: federatedScope,
            versions: [{
                name: version,
                schema: {
                    openAPIV3Schema: {
                        properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, spec: { properties: specProperties, type: "object" }, status: STATUS_SCHEMA },
                        required: ["spec"],
                        type: "object",
                    },
                },
                served: true,
                storage: true,
                subresources: { status: {} },
            }],
        },
    };
    return [typeConfig, crd];
}

const strings = { items: { type: "string" }, type: "array" };

const PLACEMENT_SCHEMA = {
    properties: {
        clusterSelector: {
            properties: {
                matchExpressions: { items: { properties: { key: { type: "string" }, operator: { type: "string" }, values: strings }, required: ["key", "operator"], type: "object" }, type: "array" },
                matchLabels: { additionalProperties: { type: "string" }, type: "object" },
            },
            type: "object",
        },
        clusters: { items: { properties: { name: { type: "string" } }, required: ["name"], type: "object" }, type: "array" },
    },
    type: "object",
};

const OVERRIDES_SCHEMA = {
    items: {
        properties: {
            clusterName: { type: "string" },
            clusterOverrides: {
                items: {
                    properties: { op: { pattern: "^(add|remove|replace)?$", type: "string" }, path: { type: "string" }, value: { "x-kubernetes-preserve-unknown-fields": true } },
                    required: ["path"],
                    type: "object",
                },
                type: "array",
            },
        },
        type: "object",
    },
    type: "array",
};

const STATUS_SCHEMA = {
    properties: {
        clusters: {
            items: {
                properties: { name: { type: "string" }, remoteStatus: { type: "object", "x-kubernetes-preserve-unknown-fields": true }, status: { type: "string" } },
                required: ["name"],
                type: "object",
            },
            type: "array",
        },
        conditions: {
            items: {
                properties: {
                    lastTransitionTime: { format: "date-time", type: "string" },
                    lastUpdateTime: { format: "date-time", type: "string" },
                    reason: { type: "string" },
                    status: { type: "string" },
                    type: { type: "string" },
                },
                required: ["type", "status"],
                type: "object",
            },
            type: "array",
        },
        observedGeneration: { format: "int64", type: "integer" },
    },
    type: "object",
};

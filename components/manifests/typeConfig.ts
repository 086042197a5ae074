/**
 * KubeFed's type configuration: the target types `Federated<Kind>` documents propagate, the
 * defaults this library knows without a FederatedTypeConfig, and the FederatedTypeConfig
 * documents that add to or change them.
 */
import { FederationError } from "../errors";
import { apiVersionProblem, describeType, isDns1123Subdomain, kindProblem } from "../planning/names";
import { isPlainObject } from "../planning/opaque";
import { suggestion, unknownFieldReason } from "../planning/suggest";
import { ManifestDocument } from "./manifestDocument";
import { documentLabel, specOf } from "./documentParts";

/** The Kubernetes type a `Federated<Kind>` propagates. */
export interface TargetType {
    /** The target's apiVersion, e.g. `apps/v1`. */
    apiVersion: string;
    /** The target's kind, e.g. `Deployment`. */
    kind: string;
    /** Whether the kind is cluster-scoped. */
    clusterScoped: boolean;
}

/** A target type as the manifests configure it: where it came from and whether it propagates. */
export interface ConfiguredTarget extends TargetType {
    /** The FederatedTypeConfig document that set it (none for the built-in defaults). */
    configuredBy?: string;
    /** With `propagation: Disabled` in that document. */
    disabled?: boolean;
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


/** What a FederatedTypeConfig says: the type its Federated<Kind> propagates, and whether it does. */
export interface TypeConfiguration {
    federatedKind: string;
    target: TargetType;
    /** `propagation: Disabled`: KubeFed stops that type's sync controller. */
    disabled: boolean;
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SPEC_FIELDS = ["targetType", "federatedType", "statusType", "propagation", "statusCollection"];
const API_RESOURCE_FIELDS = ["group", "version", "kind", "pluralName", "scope"];
const SWITCH = ["Enabled", "Disabled"];
const SCOPES = ["Cluster", "Namespaced"];

/**
 * Reads a FederatedTypeConfig with KubeFed's own admission rules (its validating webhook runs
 * before any defaulting): core.kubefed.io/v1beta1 needs targetType and federatedType with
 * version, kind, pluralName and scope, a federatedType group with a dot, propagation Enabled or
 * Disabled, and the name `<pluralName>[.<group>]` of the target. Older versions (v1alpha1:
 * `target` + `namespaced`) are read as they were written, without those rules.
 */
export function readTypeConfig(document: ManifestDocument): TypeConfiguration {
    const label = documentLabel(document);
    const spec = specOf(document, label, true);
    const fail = (field: string, reason: string) => new FederationError({ resource: label, field }, reason);
    const version = String(document.object.apiVersion).split("/")[1];
    if (version !== "v1beta1") return readLegacyTypeConfig(spec, label);
    for (const key of Object.keys(spec)) {
        if (!SPEC_FIELDS.includes(key)) {
            const hint = key === "target" || key === "namespaced" ? "; v1beta1 writes targetType with a scope (target and namespaced are v1alpha1)" : suggestion(key, SPEC_FIELDS);
            throw fail(`spec.${key}`, `is not a FederatedTypeConfig spec field (expected ${SPEC_FIELDS.join(", ")})${hint}`);
        }
    }
    const target = checkApiResource(spec.targetType, "spec.targetType", false, fail);
    const federated = checkApiResource(spec.federatedType, "spec.federatedType", true, fail);
    if (spec.statusType !== undefined) checkApiResource(spec.statusType, "spec.statusType", true, fail);
    checkSwitch(spec.propagation, "spec.propagation", true, fail);
    checkSwitch(spec.statusCollection, "spec.statusCollection", false, fail);
    const name = isPlainObject(document.object.metadata) ? document.object.metadata.name : undefined;
    const expected = target.group ? `${target.pluralName}.${target.group}` : target.pluralName;
    if (name !== expected) {
        throw fail("metadata.name", `a FederatedTypeConfig is named after its target's plural and group, as KubeFed requires: "${expected}", not ${describeType(name)}`);
    }
    return {
        federatedKind: federated.kind,
        target: { apiVersion: target.group ? `${target.group}/${target.version}` : target.version, kind: target.kind, clusterScoped: target.scope === "Cluster" },
        disabled: spec.propagation === "Disabled",
    };
}

interface ApiResource {
    group: string;
    version: string;
    kind: string;
    pluralName: string;
    scope: string;
}

/** KubeFed's ValidateAPIResource (and, for federated and status types, its group-with-a-dot rule). */
function checkApiResource(value: unknown, field: string, federated: boolean, fail: (field: string, reason: string) => FederationError): ApiResource {
    if (!isPlainObject(value)) throw fail(field, `must be a mapping with ${API_RESOURCE_FIELDS.join(", ")}, got ${describeType(value)}`);
    for (const key of Object.keys(value)) {
        if (!API_RESOURCE_FIELDS.includes(key)) throw fail(`${field}.${key}`, unknownFieldReason(key, API_RESOURCE_FIELDS, "API resource"));
    }
    const { group, version, kind, pluralName, scope } = value;
    if (group !== undefined && group !== "") {
        if (typeof group !== "string" || !isDns1123Subdomain(group)) throw fail(`${field}.group`, `must be an API group (a DNS-1123 subdomain such as "apps" or "cert-manager.io"), got ${describeType(group)}`);
    }
    if (federated && (typeof group !== "string" || !group.includes("."))) {
        throw fail(`${field}.group`, `is required and must be a domain with at least one dot (KubeFed's is "types.kubefed.io"), got ${describeType(group)}`);
    }
    const label = (key: string, text: unknown, checked: unknown, what: string) => {
        if (text === undefined || text === "") throw fail(`${field}.${key}`, `is required (${what})`);
        if (typeof text !== "string" || typeof checked !== "string" || checked.length > 63 || !DNS1035_LABEL.test(checked)) {
            throw fail(`${field}.${key}`, `must be ${what}, got ${describeType(text)}`);
        }
    };
    label("version", version, version, 'a version such as "v1" (a DNS-1035 label: lower-case, starting with a letter)');
    // The kind rule programs get too (planning/names.ts): the lower-case kind is a DNS-1035 label.
    if (kind === undefined || kind === "") throw fail(`${field}.kind`, 'is required (a kind such as "Deployment")');
    if (kindProblem(kind)) throw fail(`${field}.kind`, `must be a kind such as "Deployment" (letters, digits and "-", starting with a letter), got ${describeType(kind)}`);
    label("pluralName", pluralName, pluralName, 'the lower-case plural such as "deployments" (a DNS-1035 label)');
    if (scope === undefined || scope === "") throw fail(`${field}.scope`, `is required (${SCOPES.join(" or ")})`);
    if (!SCOPES.includes(scope as string)) {
        const match = typeof scope === "string" ? SCOPES.find((known) => known.toLowerCase() === scope.toLowerCase()) : undefined;
        throw fail(`${field}.scope`, `must be ${SCOPES.join(" or ")}, got ${describeType(scope)}${match ? `; write "${match}"` : ""}`);
    }
    return { group: typeof group === "string" ? group : "", version: version as string, kind: kind as string, pluralName: pluralName as string, scope: scope as string };
}

function checkSwitch(value: unknown, field: string, required: boolean, fail: (field: string, reason: string) => FederationError): void {
    if (value === undefined && !required) return;
    if (!SWITCH.includes(value as string)) {
        const match = typeof value === "string" ? SWITCH.find((known) => known.toLowerCase() === value.toLowerCase()) : undefined;
        throw fail(field, `${value === undefined ? "is required" : `must be Enabled or Disabled, got ${describeType(value)}`}${match ? `; write "${match}"` : ""}${value === undefined ? " (Enabled or Disabled)" : ""}`);
    }
}

/** v1alpha1 wrote `target` (group, version, kind) and `namespaced`; read it as written. */
function readLegacyTypeConfig(spec: Record<string, unknown>, label: string): TypeConfiguration {
    const target = spec.targetType ?? spec.target;
    const federated = spec.federatedType;
    if (!isPlainObject(target) || typeof target.kind !== "string" || typeof target.version !== "string") {
        throw new FederationError({ resource: label, field: "spec.target" }, "needs kind, version and (for non-core types) group");
    }
    const group = typeof target.group === "string" ? target.group : "";
    // Without v1beta1's webhook rules, but a target the API server could never serve is refused as in a program.
    const at = `spec.${spec.targetType !== undefined ? "targetType" : "target"}`;
    const kindReason = kindProblem(target.kind);
    if (kindReason) throw new FederationError({ resource: label, field: `${at}.kind` }, kindReason);
    const apiVersionReason = apiVersionProblem(group ? `${group}/${target.version}` : target.version);
    if (apiVersionReason) throw new FederationError({ resource: label, field: `${at}.${group && !isDns1123Subdomain(group) ? "group" : "version"}` }, apiVersionReason);
    const clusterScoped = target.scope !== undefined ? target.scope === "Cluster" : spec.namespaced === false;
    const federatedKind = isPlainObject(federated) && typeof federated.kind === "string" ? federated.kind : `Federated${target.kind}`;
    return {
        federatedKind,
        target: { apiVersion: group ? `${group}/${target.version}` : target.version, kind: target.kind, clusterScoped },
        disabled: spec.propagation === "Disabled",
    };
}

/**
 * The kind and apiVersion of a target no FederatedTypeConfig declared (the Federated<Kind>'s own
 * name and its template's apiVersion), by the rules programs get (planning/names.ts).
 */
export function checkTargetNames(target: TargetType, label: string): void {
    const kindReason = kindProblem(target.kind);
    if (kindReason) throw new FederationError({ resource: label, field: "kind" }, `the target kind of Federated${target.kind}: ${kindReason}`);
    const apiVersionReason = apiVersionProblem(target.apiVersion);
    if (apiVersionReason) throw new FederationError({ resource: label, field: "spec.template.apiVersion" }, apiVersionReason);
}

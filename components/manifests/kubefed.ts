/**
 * KubeFed's API objects read as this library's terms: `Federated<Kind>` and `FederatedNamespace`
 * become federated resource specs, `KubeFedCluster` becomes a member, `FederatedTypeConfig`
 * teaches a target type, `ReplicaSchedulingPreference` becomes the `scheduling` of the
 * FederatedDeployment (or FederatedReplicaSet) with its name and namespace, and the annotation
 * `kubefed.io/orphan: "true"` becomes `orphan`.
 */
import { shellWord } from "./shellWord";
import { FederationError } from "../errors";
import { MemberInfo } from "../planning/members";
import { describeType, dns1123LabelProblem, objectNameProblem } from "../planning/names";
import { isClusterScopedKind } from "../planning/kinds";
import { isPlainObject } from "../planning/opaque";
import { builtInKinds, isBuiltInGroup } from "../planning/kubernetesFields";
import { closestName, suggestion, unknownFieldReason } from "../planning/suggest";
import { OverrideEntry } from "../planning/overrideEntries";
import { Placement } from "../planning/placement";
import { readRollout } from "./rolloutSpec";
import { Scheduling } from "../planning/scheduling";
import { ManifestDocument, checkManifestDocuments } from "./load";
import { withPositions } from "./positions";
import { documentLabel, groupOf, metadataOf, specOf } from "./documentParts";
import { readCluster } from "./kubefedClusters";

// Where other modules have always found them.
export { documentLabel, specOf } from "./documentParts";
export { membersWithKubeFedClusters } from "./kubefedClusters";
import { ConfiguredTarget, KNOWN_TARGETS, TargetType, checkTargetNames, readTypeConfig } from "./typeConfig";

export { TargetType } from "./typeConfig";

const TYPES_GROUP = "types.kubefed.io";
/** KubeFed itself serves v1beta1; some guides and older installations write the others. */
const TYPES_VERSIONS = ["v1beta1", "v1alpha2", "v1alpha1"];
const CORE_GROUP = "core.kubefed.io";
const SCHEDULING_GROUP = "scheduling.kubefed.io";

/** A federated object read from a manifest, in the arguments' terms. */
export interface ManifestResource {
    /** The document it was read from. */
    document: ManifestDocument;
    /** How errors name it: `file.yaml document 1 (FederatedDeployment ns/redis)`. */
    label: string;
    /** `FederatedDeployment`, `FederatedNamespace`, … */
    federatedKind: string;
    /** metadata.name of the federated object (and of the object it propagates). */
    name: string;
    /** For namespaced targets: metadata.namespace of the federated object. */
    namespace?: string;
    /** The Kubernetes type it propagates (built in, or from a FederatedTypeConfig). */
    target: TargetType;
    /** `spec.template`: the object every placed cluster gets before overrides. */
    template: Record<string, unknown>;
    /**
     * `spec.placement`, in the arguments' form (`clusters` as names); every member when a
     * ReplicaSchedulingPreference schedules it without `intersectWithClusterSelector`.
     */
    placement?: Placement;
    /** `spec.overrides`. */
    overrides?: OverrideEntry[];
    /** From the ReplicaSchedulingPreference of the same name and namespace, if any. */
    scheduling?: Scheduling;
    /** The preference document `scheduling` came from (errors about it name this). */
    schedulingSource?: string;
    /** `kubefed.io/orphan: "true"` on the federated object. */
    orphan?: boolean;
    /** KubeFed's spec.retainReplicas. */
    retainReplicas?: boolean;
    /** `spec.rollout`: this package's staged rollout (manifests/rolloutSpec.ts). */
    rollout?: ReturnType<typeof readRollout>;
    /** When its type's FederatedTypeConfig disables propagation: that document's label. */
    disabledBy?: string;
}

/** A KubeFed ReplicaSchedulingPreference as written. */
export interface SchedulingPreferenceDocument {
    /** The document it was read from. */
    document: ManifestDocument;
    /** Its metadata.name: the name of the object it schedules. */
    name: string;
    /** Its metadata.namespace: the namespace of the object it schedules. */
    namespace?: string;
    /** Its spec, as written. */
    spec: Record<string, unknown>;
}

/** What {@link interpretManifests} read from KubeFed documents, before any planning. */
export interface InterpretedManifests {
    /** The KubeFedCluster documents, as members. */
    members: (MemberInfo & {
        /** The KubeFedCluster document. */
        document: ManifestDocument;
    })[];
    /** The FederatedNamespace documents. */
    namespaces: ManifestResource[];
    /** The other `Federated<Kind>` documents, in document order. */
    resources: ManifestResource[];
    /** The ReplicaSchedulingPreference documents. */
    schedulingPreferences: SchedulingPreferenceDocument[];
    /** Documents understood but without effect here, with the reason (`warning`: the user should hear of it). */
    ignored: {
        /** The document. */
        document: ManifestDocument;
        /** Why it has no effect. */
        reason: string;
        /** The user should hear of it (FederatedManifests logs it as a warning). */
        warning?: boolean;
    }[];
}

/** Reads every document; throws a FederationError naming file, document, kind/name and field. */
export function interpretManifests(documents: readonly ManifestDocument[]): InterpretedManifests {
    checkManifestDocuments(documents, "interpretManifests");
    return withPositions(documents, documentLabel, () => {
        const result: InterpretedManifests = { members: [], namespaces: [], resources: [], schedulingPreferences: [], ignored: [] };
        interpretDocuments(documents, result);
        attachSchedulingPreferences(result);
        return result;
    });
}

/**
 * KubeFed's replica scheduler writes the plan into the FederatedDeployment (or ReplicaSet) that
 * shares the preference's name and namespace; here the preference becomes that object's
 * `scheduling`. A preference without such an object has no effect (as in KubeFed) and is listed
 * in `ignored`.
 */
function attachSchedulingPreferences(result: InterpretedManifests): void {
    // Looked up by (kind, namespace, name), the first such object winning as a scan would: linear in the documents.
    const key = (kind: string, namespace: string | undefined, name: string) => JSON.stringify([kind, namespace ?? null, name]);
    const byName = new Map<string, ManifestResource>();
    for (const resource of result.resources) {
        const k = key(resource.federatedKind, resource.namespace, resource.name);
        if (!byName.has(k)) byName.set(k, resource);
    }
    for (const preference of result.schedulingPreferences) {
        const targetKind = (preference.spec.targetKind as string | undefined) ?? "FederatedDeployment";
        const target = byName.get(key(targetKind, preference.namespace, preference.name));
        if (!target) {
            result.ignored.push({ document: preference.document, reason: `no ${targetKind} ${preference.namespace ?? ""}/${preference.name} in the manifests to schedule` });
            continue;
        }
        // KubeFed's scheduler owns /spec/replicas overrides of its target (it rewrites them on
        // every pass), so exported manifests carry its last output: drop those, as it would.
        if (target.overrides) {
            target.overrides = target.overrides.map((entry) =>
                Array.isArray(entry.clusterOverrides) ? { ...entry, clusterOverrides: entry.clusterOverrides.filter((override) => override?.path !== "/spec/replicas") } : entry,
            );
        }
        // KubeFed's default (intersectWithClusterSelector: false) schedules over every member,
        // whatever the target's placement says; true keeps the target's placement.
        if (preference.spec.intersectWithClusterSelector !== true) target.placement = { clusterSelector: {} };
        const { totalReplicas, rebalance, clusters } = preference.spec;
        target.scheduling = { totalReplicas, clusters: clusters ?? { "*": { weight: 1 } }, ...(rebalance === undefined ? {} : { rebalance }) } as Scheduling;
        target.schedulingSource = documentLabel(preference.document);
    }
}

function interpretDocuments(documents: readonly ManifestDocument[], result: InterpretedManifests): void {
    const targets = new Map<string, ConfiguredTarget>(
        Object.entries(KNOWN_TARGETS).map(([kind, [apiVersion, clusterScoped]]) => [kind, { apiVersion, kind, clusterScoped }]),
    );
    // Type configuration first, so it applies wherever it stands in the files.
    for (const document of documents) {
        if (groupOf(document) === CORE_GROUP && document.object.kind === "FederatedTypeConfig") {
            const { federatedKind, target, disabled } = readTypeConfig(document);
            targets.set(federatedKind.replace(/^Federated/, ""), { ...target, configuredBy: documentLabel(document), disabled });
            result.ignored.push({
                document,
                reason: disabled
                    ? `type configuration: propagation of ${federatedKind} (${target.apiVersion} ${target.kind}) is Disabled`
                    : `type configuration: ${federatedKind} propagates ${target.apiVersion} ${target.kind}`,
            });
        }
    }
    for (const document of documents) {
        const { apiVersion, kind } = document.object;
        const label = documentLabel(document);
        if (typeof apiVersion !== "string" || typeof kind !== "string") {
            throw new FederationError({ resource: label, field: typeof apiVersion !== "string" ? "apiVersion" : "kind" }, "every manifest needs apiVersion and kind");
        }
        const group = groupOf(document);
        if (group === TYPES_GROUP) {
            const version = apiVersion.split("/")[1];
            if (!TYPES_VERSIONS.includes(version)) {
                throw new FederationError({ resource: label, field: "apiVersion" }, `${apiVersion} is not a KubeFed types version (use ${TYPES_GROUP}/v1beta1)`);
            }
            const resource = readFederated(document, label, targets);
            if (resource.disabledBy) {
                // KubeFed stops the type's sync controller: its objects are left as they are.
                result.ignored.push({ document, reason: `not propagated: propagation of ${kind} is Disabled by ${resource.disabledBy}`, warning: true });
                continue;
            }
            (kind === "FederatedNamespace" ? result.namespaces : result.resources).push(resource);
        } else if (group === CORE_GROUP) {
            if (kind === "KubeFedCluster") result.members.push(readCluster(document, label));
            else if (kind === "FederatedTypeConfig") continue;
            else if (kind === "KubeFedConfig") result.ignored.push({ document, reason: "controller settings: there is no controller here" });
            else throw new FederationError({ resource: label, field: "kind" }, `${kind} is not a ${CORE_GROUP} kind this library reads (KubeFedCluster, FederatedTypeConfig, KubeFedConfig)`);
        } else if (group === SCHEDULING_GROUP && kind === "ReplicaSchedulingPreference") {
            result.schedulingPreferences.push(readSchedulingPreference(document, label));
        } else if (group === SCHEDULING_GROUP) {
            throw new FederationError({ resource: label, field: "kind" }, `${kind} is not a ${SCHEDULING_GROUP} kind this library reads (ReplicaSchedulingPreference)`);
        } else if (isFederatedTypeDefinition(document)) {
            // kubefedctl enable installs it in the host cluster for KubeFed's API; nothing propagates it.
            result.ignored.push({ document, reason: "the CustomResourceDefinition of a federated type (KubeFed's API in its host cluster): not needed here" });
        } else {
            throw new FederationError({ resource: label, field: "kind" }, plainObjectReason(document, documents, apiVersion, kind));
        }
    }
}

/**
 * A plain object among the manifests: `pulumi-federation federate` writes its Federated<Kind>
 * (it reads plain objects only, so a file that mixes them with KubeFed documents is split first).
 */
function plainObjectReason(document: ManifestDocument, documents: readonly ManifestDocument[], apiVersion: string, kind: string): string {
    const file = document.source === "<inline>" ? "FILE" : shellWord(document.source);
    const mixed = document.source !== "<inline>" && documents.some((other) => other.source === document.source && /\.kubefed\.io$/.test(groupOf(other)));
    const steps = mixed
        ? `move it out of ${file} (federate reads plain objects only) into a file of its own; pulumi-federation federate -f NEW_FILE then writes`
        : `pulumi-federation federate -f ${file} writes`;
    return (
        `${apiVersion} ${kind} is a plain Kubernetes object, not a KubeFed federated one; federate it first: ${steps} the Federated${kind} ` +
        `to use in its place (apiVersion: ${TYPES_GROUP}/v1beta1, kind: Federated${kind}, the object under spec.template, and ` +
        `spec.placement on every member, or where federate's --clusters or --placement say)`
    );
}

/** A CRD of KubeFed's federated types (kubefedctl enable writes one beside each FederatedTypeConfig). */
function isFederatedTypeDefinition(document: ManifestDocument): boolean {
    const { apiVersion, kind, spec } = document.object;
    if (kind !== "CustomResourceDefinition" || typeof apiVersion !== "string" || !apiVersion.startsWith("apiextensions.k8s.io/") || !isPlainObject(spec)) return false;
    const names = isPlainObject(spec.names) ? spec.names : {};
    return spec.group === TYPES_GROUP && typeof names.kind === "string" && names.kind.startsWith("Federated");
}

function readFederated(document: ManifestDocument, label: string, targets: Map<string, ConfiguredTarget>): ManifestResource {
    const federatedKind = document.object.kind as string;
    const metadata = metadataOf(document, label);
    const isNamespace = federatedKind === "FederatedNamespace";
    const spec = specOf(document, label, !isNamespace);
    if (!federatedKind.startsWith("Federated") || federatedKind === "Federated") {
        throw new FederationError({ resource: label, field: "kind" }, `${federatedKind} is not a federated kind (they are named Federated<Kind>, e.g. FederatedDeployment)`);
    }
    const targetKind = federatedKind.slice("Federated".length);
    checkFederatedFields(document.object, spec, federatedKind, label);
    // Names are checked here, not only by the components, so that one bad document stops the
    // whole set before anything is registered.
    if (metadata.namespace !== undefined) {
        const problem = dns1123LabelProblem(metadata.namespace);
        if (problem) throw new FederationError({ resource: label, field: "metadata.namespace" }, `namespace name ${problem}`);
    }
    if (isNamespace) {
        const problem = dns1123LabelProblem(metadata.name);
        if (problem) throw new FederationError({ resource: label, field: "metadata.name" }, `namespace name ${problem}`);
    }
    const template = spec.template ?? (isNamespace ? {} : undefined);
    if (template === undefined) {
        throw new FederationError({ resource: label, field: "spec.template" }, `is missing: a ${federatedKind} needs the ${targetKind} every cluster gets, under spec.template`);
    }
    if (!isPlainObject(template)) {
        throw new FederationError({ resource: label, field: "spec.template" }, `must be a mapping, got ${describeType(template)}`);
    }
    // KubeFed names the propagated object after the federated one, whatever the template says;
    // a different name (or namespace) in the template is a mistake, not a rename.
    const templateMetadata = isPlainObject(template.metadata) ? template.metadata : {};
    for (const key of ["name", "namespace"] as const) {
        const given = templateMetadata[key];
        const expected = key === "name" ? metadata.name : metadata.namespace;
        if (given !== undefined && expected !== undefined && given !== expected) {
            throw new FederationError(
                { resource: label, field: `spec.template.metadata.${key}` },
                `is ${JSON.stringify(given)}, but the object is the ${federatedKind}'s own ${key} (${JSON.stringify(expected ?? null)}); leave it out of the template`,
            );
        }
    }
    let target: ConfiguredTarget | undefined = targets.get(targetKind);
    if (!target && typeof template.apiVersion === "string") {
        // Built-in kinds have a known scope; for others, KubeFed's rule: a namespaced federated
        // object always has a namespace, so one without is cluster-scoped.
        target = { apiVersion: template.apiVersion, kind: targetKind, clusterScoped: isClusterScopedKind(template.apiVersion, targetKind) || metadata.namespace === undefined };
    }
    if (!target) {
        throw new FederationError(
            { resource: label, field: "kind" },
            `${federatedKind} is not a known federated kind: add a FederatedTypeConfig for it to the manifests, or give spec.template.apiVersion` +
                suggestion(targetKind, [...targets.keys()]).replace("did you mean ", "did you mean Federated"),
        );
    }
    // A kind its own FederatedTypeConfig declares is taken as declared (another release may serve it).
    if (!target.configuredBy) { checkTargetNames(target, label); checkBuiltInKind(target, federatedKind, label); }
    if (!isNamespace) {
        // The same rule per kind as for typed components (planning/names.ts).
        const problem = objectNameProblem(target.kind, metadata.name);
        if (problem) throw new FederationError({ resource: label, field: "metadata.name" }, problem);
    }
    if (isNamespace && metadata.namespace !== undefined && metadata.namespace !== metadata.name) {
        throw new FederationError(
            { resource: label, field: "metadata.namespace" },
            `a FederatedNamespace lives in the namespace it federates: name and namespace must both be "${metadata.name}"`,
        );
    }
    if (!target.clusterScoped && !isNamespace && metadata.namespace === undefined && templateMetadata.namespace !== undefined) {
        throw new FederationError(
            { resource: label, field: "spec.template.metadata.namespace" },
            `the ${federatedKind}'s own metadata.namespace says where its object goes; move "${String(templateMetadata.namespace)}" there`,
        );
    }
    if (target.clusterScoped && !isNamespace && metadata.namespace !== undefined) {
        throw new FederationError({ resource: label, field: "metadata.namespace" }, `${target.kind} is cluster-scoped, so ${federatedKind} takes no namespace`);
    }
    const written = (document.object.metadata as Record<string, unknown>).annotations;
    const annotations = isPlainObject(written) ? written : {};
    return {
        document,
        label,
        federatedKind,
        orphan: annotations["kubefed.io/orphan"] === "true" || undefined,
        name: metadata.name,
        namespace: isNamespace || target.clusterScoped ? undefined : metadata.namespace,
        target: { apiVersion: target.apiVersion, kind: target.kind, clusterScoped: target.clusterScoped },
        template,
        placement: readPlacement(spec.placement, label),
        overrides: spec.overrides as OverrideEntry[] | undefined,
        ...(spec.retainReplicas === undefined ? {} : { retainReplicas: spec.retainReplicas as boolean }),
        ...(spec.rollout === undefined ? {} : { rollout: readRollout(spec.rollout, label) }),
        ...(target.disabled ? { disabledBy: target.configuredBy } : {}),
    };
}

/** What a `Federated<Kind>` object has: KubeFed's CRDs define these and no more. */
const DOCUMENT_FIELDS = ["apiVersion", "kind", "metadata", "spec", "status"];
const SPEC_FIELDS = ["template", "placement", "overrides", "retainReplicas", "rollout"];

/**
 * Unknown fields are errors with the nearest valid name: KubeFed's API server would drop a
 * misspelled `overides:` without a word, and the clusters would silently miss the overrides.
 */
function checkFederatedFields(object: Record<string, unknown>, spec: Record<string, unknown>, federatedKind: string, label: string): void {
    for (const key of Object.keys(object)) {
        if (DOCUMENT_FIELDS.includes(key)) continue;
        const misplaced = SPEC_FIELDS.includes(key) ? `; ${key} belongs under spec (check its indentation)` : suggestion(key, DOCUMENT_FIELDS);
        throw new FederationError({ resource: label, field: key }, `is not a field of ${federatedKind} (expected ${DOCUMENT_FIELDS.join(", ")})${misplaced}`);
    }
    for (const key of Object.keys(spec)) {
        if (!SPEC_FIELDS.includes(key)) throw new FederationError({ resource: label, field: `spec.${key}` }, unknownFieldReason(key, SPEC_FIELDS, `${federatedKind} spec`));
    }
}

/**
 * A federated kind whose target is in a built-in API group must be a kind of that group: a
 * misspelled `FederatedDeploymnet` of apps/v1 is a typo, not a new kind.
 */
function checkBuiltInKind(target: TargetType, federatedKind: string, label: string): void {
    const group = target.apiVersion.includes("/") ? target.apiVersion.split("/")[0] : "";
    if (!isBuiltInGroup(group) || builtInKinds(group).includes(target.kind)) return;
    const guess = closestName(target.kind, builtInKinds(group));
    throw new FederationError(
        { resource: label, field: "kind" },
        `${target.kind} is not a kind of the built-in API group ${group ? `"${group}"` : "core"} (${target.apiVersion})` +
            (guess ? `; did you mean Federated${guess}?` : `; its kinds are ${builtInKinds(group).sort().join(", ")}`),
    );
}

/** KubeFed writes `clusters: [{ name }]`; the library takes `clusters: [name]`. */
function readPlacement(placement: unknown, label: string): Placement | undefined {
    if (placement === undefined || placement === null) return undefined;
    if (!isPlainObject(placement)) throw new FederationError({ resource: label, field: "spec.placement" }, `must be a mapping, got ${describeType(placement)}`);
    const { clusters, ...rest } = placement;
    if (clusters === undefined || clusters === null) return rest as Placement;
    if (!Array.isArray(clusters)) {
        throw new FederationError({ resource: label, field: "spec.placement.clusters" }, `must be a list of { name: <cluster> }, got ${describeType(clusters)}`);
    }
    const names = clusters.map((entry, index) => {
        const name = isPlainObject(entry) ? entry.name : undefined;
        if (typeof name !== "string") {
            throw new FederationError(
                { resource: label, field: `spec.placement.clusters[${index}]` },
                `must be { name: <cluster> }, got ${typeof entry === "string" ? `the bare string "${entry}"` : describeType(entry)}`,
            );
        }
        return name;
    });
    return { ...rest, clusters: names } as Placement;
}

function readSchedulingPreference(document: ManifestDocument, label: string): SchedulingPreferenceDocument {
    const metadata = metadataOf(document, label);
    const spec = specOf(document, label, true);
    if (typeof spec.totalReplicas !== "number" || !Number.isInteger(spec.totalReplicas) || spec.totalReplicas < 0) {
        throw new FederationError({ resource: label, field: "spec.totalReplicas" }, `must be a whole number of replicas, got ${describeType(spec.totalReplicas)}`);
    }
    if (spec.targetKind !== undefined && spec.targetKind !== "FederatedDeployment" && spec.targetKind !== "FederatedReplicaSet") {
        throw new FederationError({ resource: label, field: "spec.targetKind" }, `must be FederatedDeployment or FederatedReplicaSet, got ${describeType(spec.targetKind)}`);
    }
    return { document, name: metadata.name, namespace: metadata.namespace, spec };
}

/**
 * `planFederation`: KubeFed-style documents in, every member's Kubernetes objects out, with no
 * Pulumi involved. The same `planResource` the components use does the work, so a YAML user and
 * a TypeScript user get the same objects.
 */
import { checkAwaitedObjects, validateRollout } from "../planning/rollout";
import { FederationError } from "../errors";
import { Member, MemberInfo, PLANNER_MEMBER_FIELDS, validateMembers } from "../planning/members";
import { ClusterObject, planResource } from "../planning/resourcePlan";
import { checkPlannedObjects } from "../planning/objectLabels";
import { describeType } from "../planning/names";
import { parseKubernetesMinor } from "../planning/aliases";
import { DeclaredIndex, DeclaredObject, checkDependencies, checkNoSharedObjects } from "../planning/dependencies";
import { PlacementPolicy } from "../planning/policy";
import { FieldValidation, checkFieldValidation } from "../planning/unknownFields";
import { workloadReferences } from "../planning/references";
import { InterpretedManifests, ManifestResource, SchedulingPreferenceDocument, documentLabel, interpretManifests } from "./kubefed";
import { ManifestDocument, checkManifestDocuments } from "./load";
import { withPositions } from "./positions";

/** One federated object of the manifests, planned: where it goes and what each cluster gets. */
export interface PlannedManifest {
    /** The federated object as read from its document. */
    resource: ManifestResource;
    /** The clusters it is placed in, in member order. */
    clusters: string[];
    /** Each placed cluster's object, in member order. */
    objects: ClusterObject[];
    /** The object every cluster starts from, before overrides and scheduling (read-only). */
    template: Readonly<Record<string, unknown>>;
    /** With scheduling: the replicas planned for each placed cluster. */
    replicas?: Readonly<Record<string, number>>;
    /** When it is in a FederatedNamespace of the manifests: that namespace's clusters. */
    namespaceClusters?: readonly string[];
}

/** What {@link planFederation} makes of a set of manifests: the members, and every member's objects. */
export interface FederationPlan {
    /** The members planned over: those given, or else those of the KubeFedCluster documents. */
    members: MemberInfo[];
    /** FederatedNamespaces first, then the other federated objects in document order. */
    planned: PlannedManifest[];
    /** What each member receives, in the order above. */
    byCluster: Record<string, Record<string, unknown>[]>;
    /** The ReplicaSchedulingPreference documents (each schedules the FederatedDeployment of its name). */
    schedulingPreferences: SchedulingPreferenceDocument[];
    /** Documents read and left alone (controller settings, preferences without effect), with the reason. */
    ignored: InterpretedManifests["ignored"];
    /**
     * What a member may refuse, each naming its document: `in.yaml document 2 (FederatedIngress
     * shop/web): Ingress extensions/v1beta1 was removed in Kubernetes 1.22; use networking.k8s.io/v1 (…)`.
     * FederatedManifests does not repeat them: its components warn the same.
     */
    warnings: string[];
}

/** Options of {@link planFederation}: the checks FederatedManifests makes, and the federation's context. */
export interface PlanFederationOptions {
    /** Check each cluster's object against the Kubernetes schema (FederatedManifests does). */
    validateSchema?: boolean;
    /** With validateSchema: unknown template fields are errors (`"Strict"`, the default) or not. */
    fieldValidation?: FieldValidation;
    /** The federation's placement rules. */
    policies?: readonly PlacementPolicy[];
    /** Federated objects declared outside the manifests, for the dependency checks. */
    declared?: readonly DeclaredObject[];
    /**
     * The oldest Kubernetes release a member runs, as "1.M" (the Federation's `oldestKubernetes`,
     * default "1.16"): an API version no release from it on serves is an error, one removed
     * later a warning in {@link FederationPlan.warnings}.
     */
    oldestKubernetes?: string;
}

/**
 * Plans every document. Members are `members` when given (KubeFedCluster documents must then
 * name some of them), else the KubeFedCluster documents. Throws a FederationError naming the
 * file, document, kind/name and field of the first problem.
 */
export function planFederation(documents: readonly ManifestDocument[], members?: readonly Member[], options: PlanFederationOptions = {}): FederationPlan {
    checkManifestDocuments(documents, "planFederation");
    if (members !== undefined) validateMembers(members as MemberInfo[], "planFederation", "members", PLANNER_MEMBER_FIELDS);
    if (options === null || typeof options !== "object" || Array.isArray(options)) throw new FederationError({ resource: "planFederation", field: "options" }, `must be an object, got ${describeType(options)}`);
    checkFieldValidation(options.fieldValidation, { resource: "planFederation", field: "options" });
    if (options.oldestKubernetes !== undefined && (typeof options.oldestKubernetes !== "string" || parseKubernetesMinor(options.oldestKubernetes) === undefined)) {
        throw new FederationError({ resource: "planFederation", field: "options.oldestKubernetes" }, `must be a Kubernetes release as "1.M" (e.g. "1.25"), got ${describeType(options.oldestKubernetes)}`);
    }
    return withPositions(documents, documentLabel, () => planDocuments(documents, members, options));
}

function planDocuments(documents: readonly ManifestDocument[], members: readonly Member[] | undefined, options: PlanFederationOptions): FederationPlan {
    const read = interpretManifests(documents);
    const memberList = resolveMembers(read, members);
    checkUnique(read);

    const namespaceClusters = new Map<string, { clusters: string[]; unavailable: string[] }>();
    const planned: PlannedManifest[] = [];
    const declared = new DeclaredIndex(options.declared ?? []);
    const warnings: string[] = [];
    const oldestKubernetesMinor = options.oldestKubernetes === undefined ? undefined : parseKubernetesMinor(options.oldestKubernetes);
    for (const resource of [...read.namespaces, ...read.resources]) {
        const namespace = resource.namespace ? namespaceClusters.get(resource.namespace) : undefined;
        const plan = planManifestResource(resource, memberList, namespace?.clusters, options.validateSchema, options.policies, namespace?.unavailable, options.fieldValidation, oldestKubernetesMinor);
        for (const warning of plan.warnings ?? []) warnings.push(`${resource.label}: ${warning}`);
        if (resource.federatedKind === "FederatedNamespace") namespaceClusters.set(resource.name, { clusters: plan.clusters, unavailable: plan.skippedUnavailable });
        // Dependencies follow their workload and one object has one owner, across the whole set.
        const subject: DeclaredObject = {
            resource: resource.label,
            kind: resource.target.kind,
            namespace: resource.namespace,
            name: resource.name,
            clusters: plan.clusters,
            references: workloadReferences(resource.target.kind, resource.template, resource.target.apiVersion),
        };
        inManifestTerms(() => {
            checkDependencies(subject, declared);
            checkNoSharedObjects(subject, declared);
        });
        declared.add(subject);
        planned.push({ resource, clusters: plan.clusters, objects: plan.objects, template: plan.template, replicas: plan.replicas?.plan, namespaceClusters: namespace?.clusters });
    }
    const byCluster: Record<string, Record<string, unknown>[]> = Object.fromEntries(memberList.map((member) => [member.name, []]));
    for (const entry of planned) for (const object of entry.objects) byCluster[object.cluster].push(object.object);
    return { members: memberList, planned, byCluster, schedulingPreferences: read.schedulingPreferences, ignored: read.ignored, warnings };
}

/** Plans one manifest resource, turning argument-relative error fields into manifest fields. */
export function planManifestResource(
    resource: ManifestResource,
    members: readonly Member[],
    namespaceClusters?: readonly string[],
    validateSchema = false,
    policies?: readonly PlacementPolicy[],
    namespaceUnavailable?: readonly string[],
    fieldValidation?: FieldValidation,
    oldestKubernetesMinor?: number,
) {
    try {
        const plan = planResource({
            resource: resource.label,
            name: resource.name,
            apiVersion: resource.target.apiVersion,
            kind: resource.target.kind,
            clusterScoped: resource.target.clusterScoped,
            namespace: resource.namespace,
            namespaceClusters,
            template: resource.template,
            placement: resource.placement,
            overrides: resource.overrides,
            scheduling: resource.scheduling,
            retainReplicas: resource.retainReplicas,
            members,
            validateSchema,
            policies,
            namespaceUnavailable,
            fieldValidation,
            oldestKubernetesMinor,
        });
        // Labels and selectors, the template's and each cluster's, as FederatedObject checks them for a program.
        checkPlannedObjects(plan, resource.target.apiVersion, resource.target.kind, { resource: resource.label });
        if (resource.rollout !== undefined) {
            withinResource(resource.label, () => validateRollout(resource.rollout, members));
            withinResource(resource.label, () => checkAwaitedObjects(plan.objects, "remove the annotation, or spec.rollout"));
        }
        return plan;
    } catch (error) {
        if (!(error instanceof FederationError)) throw error;
        if (resource.schedulingSource && error.field?.startsWith("scheduling")) {
            // The preference's own document is where the fix goes.
            throw new FederationError({ resource: resource.schedulingSource, cluster: error.cluster, field: error.field.replace(/^scheduling/, "spec") }, error.reason);
        }
        // The target's apiVersion is the template's, when it says one, else the kind's (or its FederatedTypeConfig's).
        if (error.field === "apiVersion") {
            throw new FederationError({ resource: error.resource, field: typeof resource.template.apiVersion === "string" ? "spec.template.apiVersion" : "kind" }, error.reason);
        }
        throw new FederationError({ resource: error.resource, cluster: error.cluster, field: manifestField(error.field) }, error.reason);
    }
}

/** Runs `check`, turning argument-relative error fields into manifest fields. */
function inManifestTerms(check: () => void): void {
    try {
        check();
    } catch (error) {
        if (!(error instanceof FederationError)) throw error;
        throw new FederationError({ resource: error.resource, cluster: error.cluster, field: manifestField(error.field) }, error.reason);
    }
}

/** `placement.clusters[1]` -> `spec.placement.clusters[1].name`, `overrides[0]…` -> `spec.overrides[0]…`. */
export function manifestField(field: string | undefined): string | undefined {
    if (field === undefined) return undefined;
    if (/^rollout\.stages\[\d+\]\.clusters\[\d+\]$/.test(field)) return `spec.${field}.name`;
    if (field === "namespace") return "metadata.namespace";
    if (field === "template.metadata.name") return "metadata.name";
    if (/^placement\.clusters\[\d+\]$/.test(field)) return `spec.${field}.name`;
    return `spec.${field}`;
}

function resolveMembers(read: InterpretedManifests, members: readonly Member[] | undefined): MemberInfo[] {
    if (members === undefined) {
        const fromDocuments = read.members.map(({ name, labels }) => ({ name, labels }));
        try {
            validateMembers(fromDocuments, "KubeFedCluster documents");
        } catch (error) {
            if (!(error instanceof FederationError)) throw error;
            const index = Number(/^clusters\[(\d+)\]/.exec(error.field ?? "")?.[1] ?? 0);
            const document = read.members[index]?.document;
            const where = document ? documentLabel(document) : "KubeFedCluster documents";
            // clusters[i].name -> metadata.name, clusters[i].labels["k"] -> metadata.labels["k"]
            const field = (error.field ?? "").replace(/^clusters\[\d+\]\.?/, "");
            throw new FederationError({ resource: where, cluster: error.cluster, field: field ? `metadata.${field}` : "metadata" }, error.reason);
        }
        return fromDocuments;
    }
    const known = new Set(members.map((member) => member.name));
    for (const cluster of read.members) {
        if (!known.has(cluster.name)) {
            throw new FederationError(
                { resource: documentLabel(cluster.document), cluster: cluster.name, field: "metadata.name" },
                `is not a member of the federation (members: ${members.map((member) => member.name).join(", ") || "none"}); join it first`,
            );
        }
    }
    return members.map((member) => ({ ...member }));
}

/** Two documents for the same object would fight over it in every cluster. */
function checkUnique(read: InterpretedManifests): void {
    const seen = new Map<string, ManifestResource>();
    for (const resource of [...read.namespaces, ...read.resources]) {
        const key = `${resource.target.apiVersion}/${resource.target.kind}/${resource.namespace ?? ""}/${resource.name}`;
        const earlier = seen.get(key);
        if (earlier) {
            throw new FederationError({ resource: resource.label, field: "metadata.name" }, `the same ${resource.target.kind} is already federated by ${earlier.label}`);
        }
        seen.set(key, resource);
    }
}

/** Runs a check whose errors name no resource, naming `resource`. */
function withinResource(resource: string, check: () => void): void {
    try {
        check();
    } catch (error) {
        throw error instanceof FederationError ? error.within({ resource }) : error;
    }
}

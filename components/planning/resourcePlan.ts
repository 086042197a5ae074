/**
 * The plan for one federated resource: which members get it and, for each, the object it gets.
 * This is the whole of propagation minus the Pulumi calls: template + placement + overrides in,
 * one Kubernetes object per selected cluster out.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { Member } from "./members";
import { checkBounded, refuseDroppedKeys } from "./bounded";
import { applyMergePatch } from "./mergePatch";
import { describeType, dns1123LabelProblem, objectNameProblem } from "./names";
import { Defer, clonePlain, isOpaque, isPlainObject } from "./opaque";
import { OverrideEntry, overrideOrderFor, validateOverrideEntries } from "./overrideEntries";
import { applyOverrides } from "./overrides";
import { overridersPlan } from "./overriders";
import { Placement, resolvePlacement } from "./placement";
import { SCALABLE_KINDS } from "./podSpec";
import { PlacementPolicy, checkPolicies } from "./policy";
import { planReplicas } from "./replicas";
import { Scheduling, SchedulingPlan, schedulingPreference } from "./scheduling";
import { planKarmadaReplicas } from "./karmadaScheduling";
import { checkRemovedApiVersions } from "./removedApis";
import { Labels } from "./selector";
import { FieldValidation, checkFieldValidation, refuseUnknownFields } from "./unknownFields";
import { validateAgainstSchema } from "./schema";
import { checkRetainReplicas } from "./retainReplicas";
import { emptyNullMapValues } from "./kubernetesFields";

/** Everything {@link planResource} plans one federated resource from: what a federated component's arguments say, plus the members and the federation's rules. */
export interface ResourcePlanInput {
    /** How errors name the resource, e.g. `FederatedDeployment "redis"`. */
    resource: string;
    /** Default `metadata.name` when the template has none (the component's name). */
    name: string;
    /** The template's apiVersion. */
    apiVersion: string;
    /** The template's kind. */
    kind: string;
    /** Whether the kind is cluster-scoped (it then takes no namespace). */
    clusterScoped: boolean;
    /** The namespace for a namespaced kind, when one is given outside the template. */
    namespace?: string;
    /**
     * When the namespace is itself federated: the clusters it is placed in. The resource goes
     * only where its namespace goes.
     */
    namespaceClusters?: readonly string[];
    /** The namespace's clusters left out for being unavailable or draining. */
    namespaceUnavailable?: readonly string[];
    /** The object every placed cluster gets before overrides (apiVersion and kind may be left out). */
    template: unknown;
    /** Where the object goes; left out, it goes nowhere. */
    placement?: Placement;
    /** Per-cluster variations, as a component's `overrides`. */
    overrides?: readonly OverrideEntry[];
    /** Divide `totalReplicas` over the placed clusters (scalable kinds only). */
    scheduling?: Scheduling;
    /** The federation's placement rules. */
    policies?: readonly PlacementPolicy[];
    /** The federation's members, in order. */
    members: readonly Member[];
    /** Resolves deployment-time values that a patch must look into (see opaque.ts). */
    defer?: Defer;
    /** Check every per-cluster object of a built-in kind against its schema (the components do). */
    validateSchema?: boolean;
    /**
     * With validateSchema: `"Strict"` (the default) refuses fields the kind does not have, as
     * `kubectl apply --validate=strict` does; `"Ignore"` lets them through to the API server.
     */
    fieldValidation?: FieldValidation;
    /** KubeFed's retainReplicas: updates keep each cluster's replicas (see retainReplicas.ts). */
    retainReplicas?: boolean;
    /**
     * The minor of the oldest Kubernetes release a member runs (the federation's `oldestKubernetes`,
     * default 16): an API version no release from it on serves is an error, one removed later a
     * warning (see removedApis.ts).
     */
    oldestKubernetesMinor?: number;
}

/** One placed cluster's object in a {@link ResourcePlan}. */
export interface ClusterObject {
    /** The member it goes to. */
    cluster: string;
    /** The object to register in that cluster: plain, with opaque leaves where the template had them. */
    object: Record<string, unknown>;
    /** What changed it from the template, in order: `replace /spec/replicas`, `patch`, `scheduling`. */
    overridesApplied: string[];
}

/** What {@link planResource} decided for one federated resource: the clusters, and each one's object. */
export interface ResourcePlan {
    /** The object every cluster starts from (identity set, before overrides and scheduling); read-only. */
    template: Readonly<Record<string, unknown>>;
    /** Selected members, in member order. */
    clusters: string[];
    /** Each selected cluster's object, in member order. */
    objects: ClusterObject[];
    /** Clusters the placement selected that are unavailable or draining (so got nothing). */
    skippedUnavailable: string[];
    /** With failover groups: the index of the group in use. */
    failoverGroup?: number;
    /** Updates keep each cluster's spec.replicas (register with ignoreChanges on it). */
    retainReplicas?: true;
    /**
     * What the plan could make but a member may refuse, for the caller to report (present only
     * when there is something): an API version a later Kubernetes release removed.
     */
    warnings?: string[];
    /** With scheduling: replicas per cluster, replicas no cluster could take, capacity overflow. */
    replicas?: {
        /** Replicas per placed cluster. */
        plan: Record<string, number>;
        /** Replicas that found no cluster. */
        unplaced: number;
        /** Replicas a cluster would have taken beyond its capacity. */
        overflow: Record<string, number>;
    };
}

/** Validates everything, then plans. Throws a FederationError before returning anything. */
export function planResource(input: ResourcePlanInput): ResourcePlan {
    const location: FederationErrorLocation = { resource: input.resource };
    // Everything below walks these recursively: a cycle or absurd depth must stop here.
    checkBounded(input.template, { ...location, field: "template" }, "the template", { sentToPulumi: true });
    checkBounded(input.overrides, { ...location, field: "overrides" }, "the overrides", { sentToPulumi: true });
    const base = baseObject(input, location);
    // Checked whatever validateSchema says: a misspelled value is an error, never a silent default.
    const fieldValidation = checkFieldValidation(input.fieldValidation, location);
    const strict = input.validateSchema === true && fieldValidation === "Strict";
    if (strict) refuseUnknownFields(base, input, location, "template");
    // As the API server stores them (and KubeFed's sample data: { A: null } gives). The base is
    // our own copy, the same for every cluster: an object an override made is checked below.
    if (input.validateSchema) emptyNullMapValues(base, input.apiVersion, input.kind);
    validateOverrideEntries(input.overrides, input.members, location);
    const scheduling = input.scheduling === undefined ? undefined : checkScheduling(input, location);
    const retainReplicas = checkRetainReplicas(input, location);

    let placed;
    try {
        placed = resolvePlacement(input.placement, input.members, { within: input.namespaceClusters, withinUnavailable: input.namespaceUnavailable });
    } catch (error) {
        throw error instanceof FederationError ? error.within(location) : error;
    }
    let clusters = placed.clusters;

    let replicas: ResourcePlan["replicas"];
    if (scheduling) {
        const namespace = input.namespace ?? (isPlainObject(base.metadata) && typeof base.metadata.namespace === "string" ? base.metadata.namespace : "");
        const name = isPlainObject(base.metadata) && typeof base.metadata.name === "string" ? base.metadata.name : input.name;
        const result =
            scheduling.form === "kubefed"
                ? planReplicas(scheduling.preference, clusters, { ...scheduling.options, key: `${namespace}/${name}` })
                : karmadaReplicaPlan(scheduling, clusters, location);
        replicas = { plan: result.plan, unplaced: result.unplaced, overflow: result.overflow };
        if (scheduling.zeroReplicas === "omit") clusters = clusters.filter((cluster) => result.plan[cluster] > 0);
    }

    if (input.policies && input.policies.length > 0) {
        const metadata = isPlainObject(base.metadata) ? base.metadata : {};
        const labels = isOpaque(metadata.labels) || isOpaque(base.metadata) ? "unknown" : isPlainObject(metadata.labels) ? (metadata.labels as Labels) : undefined;
        const namespace = typeof metadata.namespace === "string" ? metadata.namespace : input.namespace;
        checkPolicies(input.policies, { kind: input.kind, namespace, namespaced: !input.clusterScoped, labels }, clusters, input.members, location, placed.skippedUnavailable);
    }

    const byName = new Map(input.members.map((member) => [member.name, member]));
    const objects = clusters.map((cluster) => {
        let object = base;
        const applied: string[] = [];
        for (const index of overrideOrderFor(input.overrides, byName.get(cluster)!)) {
            const entry = input.overrides![index];
            const entryLocation = { ...location, cluster, field: `overrides[${index}]` };
            if (entry.patch !== undefined) {
                object = withLocation(entryLocation, "patch", () => applyMergePatch(object, entry.patch, input.defer));
                applied.push("patch");
            }
            if (entry.overriders !== undefined) {
                const overridersLocation = { ...entryLocation, field: `${entryLocation.field}.overriders` };
                const { operations, plaintext, skipped } = overridersPlan(object, entry.overriders, overridersLocation);
                object = applyOverrides(object, operations, { defer: input.defer, location: overridersLocation });
                object = applyOverrides(object, plaintext, { defer: input.defer, location: { ...overridersLocation, field: `${overridersLocation.field}.plaintext` }, replaceMissing: "error" });
                for (const operation of [...operations, ...plaintext]) applied.push(`${operation.op} ${operation.path}`);
                applied.push(...skipped);
            }
            if (entry.clusterOverrides && entry.clusterOverrides.length > 0) {
                object = applyOverrides(object, entry.clusterOverrides, { defer: input.defer, location: entryLocation });
                for (const override of entry.clusterOverrides) applied.push(`${override.op ?? "replace"} ${override.path}`);
            }
        }
        if (replicas) {
            object = applyMergePatch(object, { spec: { replicas: replicas.plan[cluster] } }, input.defer);
            applied.push(`scheduling: ${replicas.plan[cluster]} replicas`);
        }
        if (input.validateSchema) {
            if (object !== base) emptyNullMapValues(object, String(object.apiVersion), input.kind);
            const context = applied.length > 0 ? `, as planned for this cluster after ${applied.join(", ")}` : "";
            if (strict && applied.length > 0) refuseUnknownFields(object, { apiVersion: String(object.apiVersion), kind: input.kind }, { ...location, cluster }, `the object planned for this cluster after ${applied.join(", ")}`);
            validateAgainstSchema(object, { ...location, cluster }, context);
        }
        if (object !== base) refuseDroppedKeys(object, { ...location, cluster }, applied);
        return { cluster, object: object === base ? clonePlain(base) : object, overridesApplied: applied };
    });
    const warnings = checkRemovedApiVersions(input, objects, input.oldestKubernetesMinor, location, (cluster) => apiVersionOverrideField(input, byName.get(cluster)!));
    return {
        template: base, clusters, objects, skippedUnavailable: placed.skippedUnavailable, failoverGroup: placed.failoverGroup, replicas,
        ...(retainReplicas ? { retainReplicas: true as const } : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
    };
}

/** The override that gave `member`'s object its apiVersion (the last applied), as an error field. */
function apiVersionOverrideField(input: ResourcePlanInput, member: Member): string {
    let field = "overrides";
    for (const index of overrideOrderFor(input.overrides, member)) {
        const at = (input.overrides![index].clusterOverrides ?? []).findIndex((override) => override.path === "/apiVersion");
        if (at >= 0) field = `overrides[${index}].clusterOverrides[${at}].value`;
    }
    return field;
}

/** Karmada's numbers; a declared capacity they exceed (static weights ignore it, as Karmada does) is reported as overflow. */
function karmadaReplicaPlan(scheduling: Extract<SchedulingPlan, { form: "karmada" }>, clusters: readonly string[], location: FederationErrorLocation) {
    const at = (field?: string, cluster?: string): FederationErrorLocation => ({ ...location, cluster, field: field ? `scheduling.${field}` : "scheduling" });
    const plan = planKarmadaReplicas(scheduling.schedule, scheduling.totalReplicas, clusters, at);
    const overflow: Record<string, number> = {};
    for (const cluster of clusters) {
        const room = scheduling.options.capacity && Object.prototype.hasOwnProperty.call(scheduling.options.capacity, cluster) ? scheduling.options.capacity[cluster] : undefined;
        if (room !== undefined && plan[cluster] > room) overflow[cluster] = plan[cluster] - room;
    }
    return { plan, unplaced: 0, overflow };
}

/** Scheduling sets spec.replicas itself: only scalable kinds, and no override may set it too. */
function checkScheduling(input: ResourcePlanInput, location: FederationErrorLocation) {
    if (!SCALABLE_KINDS.includes(input.kind)) {
        throw new FederationError({ ...location, field: "scheduling" }, `${input.kind} has no spec.replicas to schedule (scheduling works for ${SCALABLE_KINDS.join(", ")})`);
    }
    (input.overrides ?? []).forEach((entry, index) => {
        const cluster = entry.clusterName;
        (entry.clusterOverrides ?? []).forEach((override, j) => {
            if (override.path === "/spec/replicas" || override.path === "/spec") {
                throw new FederationError(
                    { ...location, cluster, field: `overrides[${index}].clusterOverrides[${j}].path` },
                    `"${override.path}" would set the replicas that scheduling divides; set per-cluster limits in scheduling.clusters instead`,
                );
            }
        });
        const spec = isPlainObject(entry.patch) ? entry.patch.spec : undefined;
        if (entry.patch !== undefined && (spec === null || (isPlainObject(spec) && spec.replicas !== undefined))) {
            throw new FederationError(
                { ...location, cluster, field: `overrides[${index}].patch.spec${spec === null ? "" : ".replicas"}` },
                "would set the replicas that scheduling divides; set per-cluster limits in scheduling.clusters instead",
            );
        }
    });
    return schedulingPreference(input.scheduling, input.members, location);
}

/**
 * The template with its identity filled in: apiVersion, kind, metadata.name (the template's, or
 * the component name) and metadata.namespace for namespaced kinds. Checks that the template does
 * not contradict the component's own arguments.
 */
function baseObject(input: ResourcePlanInput, location: FederationErrorLocation): Record<string, unknown> {
    const { template } = input;
    if (!isPlainObject(template)) {
        throw new FederationError({ ...location, field: "template" }, `must be an object (the resource without apiVersion and kind is enough), got ${describeType(template)}`);
    }
    for (const key of ["apiVersion", "kind"] as const) {
        const value = template[key];
        if (value !== undefined && !isOpaque(value) && value !== input[key]) {
            throw new FederationError({ ...location, field: `template.${key}` }, `is ${JSON.stringify(value)} but this federated resource is ${input.apiVersion} ${input.kind}`);
        }
    }
    if (input.clusterScoped && input.namespace !== undefined) {
        throw new FederationError({ ...location, field: "namespace" }, `${input.kind} is cluster-scoped and cannot be put in namespace "${input.namespace}"`);
    }
    const object = clonePlain(template);
    object.apiVersion = input.apiVersion;
    object.kind = input.kind;
    const metadata = object.metadata ?? {};
    if (isOpaque(metadata)) {
        // The whole metadata is a deployment-time value: fill in identity once it is known.
        if (!input.defer) throw new FederationError({ ...location, field: "template.metadata" }, "is only known at deployment time");
        object.metadata = input.defer(metadata, (resolved) => withIdentity(clonePlain(resolved ?? {}) as Record<string, unknown>, input, location));
    } else if (isPlainObject(metadata)) {
        object.metadata = withIdentity(metadata, input, location);
    } else {
        throw new FederationError({ ...location, field: "template.metadata" }, `must be an object, got ${describeType(metadata)}`);
    }
    return object;
}

function withIdentity(metadata: Record<string, unknown>, input: ResourcePlanInput, location: FederationErrorLocation): Record<string, unknown> {
    const { name, namespace } = metadata;
    if (name !== undefined && !isOpaque(name) && (typeof name !== "string" || name.length === 0)) {
        throw new FederationError({ ...location, field: "template.metadata.name" }, `must be a non-empty string, got ${describeType(name)}`);
    }
    if (metadata.generateName !== undefined) {
        throw new FederationError(
            { ...location, field: "template.metadata.generateName" },
            "is not allowed: a federated resource has the same name in every cluster (set metadata.name, or leave it to the component name)",
        );
    }
    const objectName = name ?? input.name;
    if (!isOpaque(objectName)) {
        const problem = objectNameProblem(input.kind, objectName);
        if (problem) {
            throw name === undefined
                ? new FederationError({ ...location, field: "name" }, `${problem}; the component name is the object's name when the template gives none`)
                : new FederationError({ ...location, field: "template.metadata.name" }, problem);
        }
    }
    if (namespace !== undefined && !isOpaque(namespace)) {
        if (input.clusterScoped) {
            throw new FederationError({ ...location, field: "template.metadata.namespace" }, `${input.kind} is cluster-scoped and has no namespace`);
        }
        const problem = dns1123LabelProblem(namespace);
        if (problem) throw new FederationError({ ...location, field: "template.metadata.namespace" }, `namespace name ${problem}`);
        if (input.namespace !== undefined && namespace !== input.namespace) {
            throw new FederationError(
                { ...location, field: "template.metadata.namespace" },
                `is ${JSON.stringify(namespace)} but the namespace argument is "${input.namespace}"; give it in one place`,
            );
        }
    }
    const result: Record<string, unknown> = { ...metadata, name: name ?? input.name };
    if (!input.clusterScoped && input.namespace !== undefined) result.namespace = input.namespace;
    return result;
}

function withLocation<T>(location: FederationErrorLocation, field: string, run: () => T): T {
    try {
        return run();
    } catch (error) {
        throw error instanceof FederationError ? error.within({ ...location, field: `${location.field}.${field}` }) : error;
    }
}

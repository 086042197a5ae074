import { ConstructionSite, atConstructionSite, failedConstruction, constructionSite, withConstructionSite } from "./callSite";
import * as pulumi from "@pulumi/pulumi";
import { Federation, FederatedObjectRecord } from "./federation";
import { KubernetesResourceClass, keepAliasesThatMatter, requiredInputsOf, resourceClassFor } from "./kindRegistry";
import { FederationError } from "../errors";
import { checkComponentName } from "../planning/arguments";
import { Defer } from "../planning/opaque";
import { OverrideEntry } from "../planning/overrideEntries";
import { noClusterReason } from "../planning/placement";
import { ClusterObject, planResource } from "../planning/resourcePlan";
import { DeclaredObject, checkDependencies, checkNoSharedObjects } from "../planning/dependencies";
import { workloadReferences } from "../planning/references";
import { RETAINED_REPLICAS_PATH } from "../planning/retainReplicas";
import { FederatedStatus, aggregateStatus, clusterStatus } from "../planning/status";
import { isOpaque, isPlainObject } from "../planning/opaque";
import { dns1123LabelProblem, objectNameProblem } from "../planning/names";
import { checkPlannedObjects } from "../planning/objectLabels";
import { planKarmadaObject } from "../karmada/objectPlan";
import { QueuedRegistration, queueRegistration } from "./registrationTurns";
import { KarmadaResources, karmadaNameClaims, karmadaObjectClaims, karmadaStatus, registerOnKarmada } from "./karmadaRegistration";

import { FederatedNamespaceRef, FederatedObjectSpec, checkArgs } from "./federatedArgs";
import { planStagedRollout, registerStaged, stageOptions } from "./rollout";

export type { FederatedArgsBase, FederatedNamespaceRef, FederatedObjectSpec, NamespacedArgs, ScalableArgs } from "./federatedArgs";

/**
 * Resolves deployment-time values that a patch must look into. `pulumi.output` keeps secrets
 * secret and unknowns unknown; the inner `pulumi.output` lifts Outputs the patch itself holds.
 */
const deferToDeployment: Defer = (value, transform) =>
    pulumi.output(value as pulumi.Input<any>).apply((resolved: unknown) => pulumi.output(transform(resolved) as pulumi.Input<any>));

/**
 * The shared machinery of every federated component: validate, plan (pure), then register one
 * Kubernetes object per selected member, on that member's provider, as a child of this component.
 */
export abstract class FederatedObject<R extends pulumi.CustomResource = pulumi.CustomResource> extends pulumi.ComponentResource {
    /** The federation whose members the object is placed on. */
    readonly federation: Federation;
    /** The component's own name (its Pulumi name). */
    readonly name: string;
    /** The Kubernetes kind of the per-cluster objects. */
    readonly kind: string;
    /** The apiVersion of the template (an `/apiVersion` override may give one cluster's object another). */
    readonly apiVersion: string;
    /** The objects' `metadata.name` (the same in every cluster), when known at plan time. */
    readonly objectName: string | undefined;
    /** The objects' namespace (undefined for cluster-scoped kinds or when not given). */
    readonly objectNamespace: string | undefined;
    /** Each placed cluster's object as planned (what was registered; fields may be Outputs). */
    readonly plannedObjects: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
    /** The clusters this object is placed in, in member order. */
    readonly clusters: readonly string[];
    /** Clusters the placement selected that are unavailable or draining (so got nothing). */
    readonly unavailableClusters: readonly string[];
    /** The FederatedNamespace the object is in, if it is in one. */
    readonly federatedNamespace: FederatedNamespaceRef | undefined;
    private registeredResources!: Readonly<Record<string, R>>;
    private registeredKarmada: KarmadaResources | undefined;
    /** The children, waiting for this component's turn (see registrationTurns.ts). */
    private queuedChildren!: QueuedRegistration;
    /** For each placed cluster, the overrides that shaped its object, in the order applied. */
    readonly overridesApplied: Readonly<Record<string, readonly string[]>>;
    /** `clusters` as an output. */
    readonly placedClusters: pulumi.Output<string[]>;
    private urnsOutput: pulumi.Output<Record<string, string>> | undefined;
    /** With scheduling: the replicas planned for each placed cluster. */
    readonly replicaPlan: Readonly<Record<string, number>> | undefined;
    private statusOutput: pulumi.Output<FederatedStatus> | undefined;
    private readonly statusSource: () => pulumi.Output<FederatedStatus>;

    /**
     * Checks the arguments and plans every cluster's object before registering anything (bad input
     * registers nothing); the children register later, in this component's turn. Called by the
     * federated components with their Pulumi type token and their arguments completed into a spec.
     *
     * @internal
     */
    protected constructor(type: string, name: string, spec: FederatedObjectSpec<unknown>, opts?: pulumi.ComponentResourceOptions) {
        const site = constructionSite(new.target.name);
        try {
            checkComponentName(type.split(":").pop()!, name);
            const resource = `${type.split(":").pop()} "${name}"`;
            // Everything is checked and planned before the component registers, so bad input
            // registers nothing at all.
            const { federation, namespaceName, namespaceRef } = checkArgs(resource, spec);
            const members = federation.plannerMembers();
            const planInput: Parameters<typeof planResource>[0] = {
                resource,
                name,
                apiVersion: spec.apiVersion,
                kind: spec.kind,
                clusterScoped: spec.clusterScoped,
                namespace: namespaceName,
                namespaceClusters: namespaceRef?.clusters,
                namespaceUnavailable: namespaceRef?.unavailableClusters,
                template: spec.template,
                placement: spec.placement,
                overrides: spec.overrides as OverrideEntry[] | undefined,
                scheduling: spec.scheduling,
                policies: federation.policies,
                members,
                defer: (value, transform) => deferToDeployment(value, (resolved) => withConstructionSite(site, () => transform(resolved))),
                validateSchema: spec.validateSchema !== false,
                fieldValidation: spec.fieldValidation,
                retainReplicas: spec.retainReplicas,
                oldestKubernetesMinor: federation.oldestKubernetesMinor,
            };
            const plan = planResource(planInput);
            const staged = planStagedRollout(resource, spec, { rollout: federation.rollout, karmada: federation.karmada !== undefined }, members, plan.objects);
            // Labels and selectors by the API server's rules, the template's and each cluster's (the YAML path checks the same).
            checkPlannedObjects(plan, spec.apiVersion, spec.kind, { resource });
            const declared = declaredObject(resource, name, spec, namespaceName, plan.clusters);
            const dependencies = checkDependencies(declared, federation.federatedObjectIndex(), { resource });
            checkNoSharedObjects(declared, federation.federatedObjectIndex(), { resource });
            // An /apiVersion override (allowed, as in KubeFed) makes that cluster's object a resource
            // of its own apiVersion's class.
            const classes = new Map(plan.objects.map((planned) => [planned.cluster, clusterResourceClass(spec, planned.object)]));
            checkRequiredInputs(resource, plan.objects.map(({ cluster, object }) => ({ cluster, object, resourceClass: classes.get(cluster)! })));
            // Karmada mode: the template and policies Karmada needs instead of one object per member.
            // Where Karmada divides by live capacity, any selected cluster may get replicas: each needs its rule.
            const liveDivision = spec.scheduling?.dynamicWeight !== undefined || spec.scheduling?.replicaDivisionPreference === "Aggregated";
            const karmadaPlan = federation.karmada === undefined ? undefined : planKarmadaObject({
                resource, apiVersion: spec.apiVersion, kind: spec.kind, clusterScoped: spec.clusterScoped, placement: spec.placement, scheduling: spec.scheduling,
                orphan: spec.orphan, retainReplicas: spec.retainReplicas, members, namespaceClusters: namespaceRef?.clusters, plan, options: federation.karmada.options,
                candidates: liveDivision ? planResource({ ...planInput, scheduling: undefined }).objects : undefined,
            }).plan;
            // One Karmada API server holds every template: an object there is claimed stack-wide.
            federation.claimNames(undefined, karmadaObjectClaims(karmadaPlan), resource);
            federation.claimNames(
                opts?.parent,
                [
                    { key: `${type}::${name}`, what: `the name "${name}"` },
                    ...(federation.karmada !== undefined
                        ? karmadaNameClaims(type, name, childTypeOf(spec.resourceClass, plan.template, spec), karmadaPlan)
                        : plan.objects.map(({ cluster, object }) => ({
                            key: `${type}$${childTypeOf(classes.get(cluster)!, object, spec)}::${name}-${cluster}`,
                            cluster,
                            what: `the per-cluster resource name "${name}-${cluster}" (${spec.kind} on ${cluster})`,
                        }))),
                ],
                resource,
            );
            // Last, when nothing else can refuse the component: an apply on a value nothing will register could only fail unheard.
            if (federation.karmada === undefined) for (const planned of plan.objects) checkIdentityWhenKnown(resource, spec, planned, site);

            super(type, name, {}, opts);
            this.federation = federation;
            this.registeredResources = {};
            this.name = name;
            this.kind = spec.kind;
            this.apiVersion = spec.apiVersion;
            this.objectName = declared.name;
            this.objectNamespace = declared.namespace;
            this.plannedObjects = Object.fromEntries(plan.objects.map((planned) => [planned.cluster, planned.object]));
            this.clusters = plan.clusters;
            this.unavailableClusters = plan.skippedUnavailable;
            this.federatedNamespace = namespaceRef;
            this.replicaPlan = plan.replicas?.plan;
            this.overridesApplied = Object.fromEntries(plan.objects.map((planned) => [planned.cluster, planned.overridesApplied]));
            const records = dependencies as FederatedObjectRecord[];
            const present = (list: (pulumi.Resource | undefined)[]) => list.filter((dependency): dependency is pulumi.Resource => dependency !== undefined);
            // Aliases to the API versions this object may have had: those the program gives it, and
            // those a member release could have served.
            const programTypes = new Set([childTypeOf(spec.resourceClass, plan.template, spec), ...plan.objects.map(({ cluster, object }) => childTypeOf(classes.get(cluster)!, object, spec))]);
            const aliases = keepAliasesThatMatter(federation.oldestKubernetesMinor, programTypes);
            // The children register in a later turn of the event loop (registrationTurns.ts), or at
            // once when anything asks for them first: a workload's children read its ConfigMap's.
            // What it registers: an object per placed cluster, or Karmada's template and two policies.
            this.queuedChildren = queueRegistration(federation.karmada !== undefined ? 3 : plan.clusters.length, () => {
                if (federation.karmada !== undefined) {
                    if (karmadaPlan === undefined) return;
                    const after = present([namespaceRef?.karmadaResources?.template, ...records.map((record) => record.karmada)]);
                    this.registeredKarmada = registerOnKarmada(this, name, federation.karmada, karmadaPlan, spec.resourceClass, after, aliases);
                    return;
                }
                const byCluster = new Map(plan.objects.map((planned) => [planned.cluster, planned]));
                this.registeredResources = registerStaged(plan.objects.map((planned) => planned.cluster), staged, (cluster, previousStage) => {
                    const planned = byCluster.get(cluster)!;
                    // This cluster's Namespace and dependencies; only a rollout's previous stage crosses clusters.
                    const dependsOn = present([namespaceRef?.resources[cluster], ...records.map((record) => record.resources[cluster]), ...previousStage]);
                    const orphan = spec.orphan === true || federation.members[cluster].orphan;
                    const stage = staged === undefined ? {} : stageOptions(resource, staged, cluster, federation.members[cluster].renders === true);
                    return this.registerClusterObject(name, planned, classes.get(cluster)!, dependsOn, orphan, plan.retainReplicas === true, aliases, stage) as R;
                });
            });
            this.statusSource = federation.karmada !== undefined && karmadaPlan
                ? () => karmadaStatus(this, name, federation.karmada!, this.karmadaResources!, karmadaPlan, plan.clusters, spec.clusterScoped)
                : () => liveStatus(spec.kind, this.resources);
            const component = this;
            federation.recordFederatedObject({
                ...declared,
                get resources() { return component.resources; },
                get karmada() { return component.karmadaResources?.template; },
            });
            this.report(resource, spec, namespaceRef, plan);
            for (const difference of karmadaPlan?.differences ?? []) pulumi.log.warn(`${resource}: ${difference}`, this);
            this.placedClusters = pulumi.output([...plan.clusters]);
            // Registered once the children are: the update waits for them (and fails with them).
            this.registerOutputs(this.getData().then(() => ({
                clusters: this.placedClusters,
                overridesApplied: this.overridesApplied,
                replicaPlan: this.replicaPlan,
                clusterScoped: spec.clusterScoped,
                ...(staged ? { rolloutStages: Object.fromEntries([...staged.batchOf].map(([cluster, batch]) => [cluster, `${batch.stage} (${batch.stageNumber} of ${staged.batches.at(-1)!.stageNumber})`])) } : {}),
            })));
        } catch (error) {
            throw failedConstruction(error, site);
        }
    }

    /** The per-cluster Kubernetes resources, by cluster name (none in Karmada mode: Karmada makes them). */
    get resources(): Readonly<Record<string, R>> {
        this.queuedChildren.now();
        return this.registeredResources;
    }

    /** In Karmada mode: the template and policies on the Karmada API server (undefined when placed nowhere). */
    get karmadaResources(): KarmadaResources | undefined {
        this.queuedChildren.now();
        return this.registeredKarmada;
    }

    /**
     * Called by the SDK during construction; resumes after the constructor has finished, and
     * settles once the children are registered (in this component's turn, see registrationTurns.ts)
     * or canceled by a failed declaration.
     */
    protected async initialize(): Promise<void> {
        await Promise.resolve(); // the constructor's body runs first
        if (this.queuedChildren === undefined) return; // it threw
        await this.queuedChildren.registered;
    }

    /** Each cluster's object URN, by cluster name (built on first use). */
    get resourceUrns(): pulumi.Output<Record<string, string>> {
        this.urnsOutput ??= pulumi.output(Object.fromEntries(Object.entries(this.resources).map(([cluster, resource]) => [cluster, resource.urn])));
        return this.urnsOutput;
    }

    /**
     * How the object is doing in every cluster (live status fields) and in aggregate. Unknown
     * during preview, never a guess. Built on first use: a fleet of thousands of objects pays for
     * the status outputs it reads, not for all of them.
     */
    get status(): pulumi.Output<FederatedStatus> {
        this.statusOutput ??= this.statusSource();
        return this.statusOutput;
    }

    /** Tells the user what the plan could not do as asked. */
    private report(resource: string, spec: FederatedObjectSpec<unknown>, namespaceRef: FederatedNamespaceRef | undefined, plan: ReturnType<typeof planResource>): void {
        if (plan.clusters.length === 0) {
            const namespace = namespaceRef && { name: namespaceRef.namespaceName, clusters: namespaceRef.clusters };
            const zeroReplicas = plan.replicas !== undefined && Object.keys(plan.replicas.plan).length > 0;
            pulumi.log.warn(`${resource} is placed in no cluster${noClusterReason(spec.placement, this.federation.plannerMembers(), { namespace, zeroReplicas })}`, this);
        }
        for (const warning of plan.warnings ?? []) pulumi.log.warn(`${resource}: ${warning}`, this);
        if (plan.skippedUnavailable.length > 0) {
            pulumi.log.warn(`${resource} is not placed on ${plan.skippedUnavailable.join(", ")}: unavailable or draining`, this);
        }
        if (plan.failoverGroup !== undefined && plan.failoverGroup > 0) {
            pulumi.log.warn(`${resource} runs on failover group ${plan.failoverGroup} (${plan.clusters.join(", ")}): the groups before it cannot be used`, this);
        }
        if (plan.replicas && plan.replicas.unplaced > 0) {
            pulumi.log.warn(`${resource}: ${plan.replicas.unplaced} of ${spec.scheduling!.totalReplicas} replicas fit on no placed cluster (maxReplicas, capacity or weights)`, this);
        }
        for (const [cluster, extra] of Object.entries(plan.replicas?.overflow ?? {})) {
            pulumi.log.warn(`${resource}: ${extra} replicas would exceed the capacity of ${cluster}`, this);
        }
    }

    private registerClusterObject(
        name: string,
        planned: ClusterObject,
        resourceClass: KubernetesResourceClass,
        present: pulumi.Resource[],
        orphan: boolean,
        retainReplicas: boolean,
        aliases: pulumi.ResourceTransformation,
        stage: pulumi.CustomResourceOptions,
    ): pulumi.CustomResource {
        return new resourceClass(`${name}-${planned.cluster}`, planned.object, {
            parent: this,
            transformations: [aliases],
            provider: this.federation.members[planned.cluster].provider,
            dependsOn: present.length > 0 ? present : undefined,
            retainOnDelete: orphan || undefined,
            deleteBeforeReplace: this.federation.members[planned.cluster].renders || undefined,
            ignoreChanges: retainReplicas ? [RETAINED_REPLICAS_PATH] : undefined,
            ...stage,
        });
    }
}

/**
 * The one check that waits for deployment: a template's metadata.name or metadata.namespace given
 * as an Output (or a Promise) is checked by the plan-time rule once it resolves, before that
 * cluster's object is sent to the cluster. A bad value fails that object's registration (and so
 * the update) with a FederationError naming the resource, the cluster and the field; nothing of
 * it is applied. Unknown during preview, it is checked by the update.
 */
function checkIdentityWhenKnown(resource: string, spec: FederatedObjectSpec<unknown>, planned: ClusterObject, site: ConstructionSite): void {
    const metadata = planned.object.metadata;
    if (!isPlainObject(metadata)) return; // an Output metadata is checked as a whole where it resolves (planning/resourcePlan.ts)
    const rules: Record<"name" | "namespace", (value: unknown) => string | undefined> = {
        name: (value) => objectNameProblem(spec.kind, value),
        namespace: (value) => {
            if (spec.clusterScoped) return value === undefined || value === null || value === "" ? undefined : `${spec.kind} is cluster-scoped and has no namespace`;
            const problem = dns1123LabelProblem(value);
            return problem && `namespace name ${problem}`;
        },
    };
    let checked: Record<string, unknown> | undefined;
    for (const key of ["name", "namespace"] as const) {
        if (!isOpaque(metadata[key])) continue;
        const location = { resource, cluster: planned.cluster, field: `template.metadata.${key}` };
        const value = pulumi.output(metadata[key] as pulumi.Input<unknown>);
        checked ??= { ...metadata };
        checked[key] = pulumi.all([value, pulumi.isSecret(value)]).apply(([resolved, secret]) => {
            // A name is shown wherever the object is (kubectl, events, URNs, synth's tables and
            // file names): it cannot stay secret, so a secret one is refused, never shown.
            if (secret && rules[key](resolved) === undefined) {
                throw atConstructionSite(new FederationError(location, `is a secret, but an object's ${key} is shown wherever the object is (kubectl, events, Pulumi's URNs, synth's tables and file names) and cannot stay secret: give a plain value (the value is not shown)`), site);
            }
            const problem = rules[key](resolved);
            if (problem === undefined) return resolved;
            // A secret is never shown, not even a bad one.
            const reason = secret ? `resolved to a secret value that is not a valid ${key} for a ${spec.kind} (the value is not shown)` : `${problem} (known only at deployment time, checked when it resolved)`;
            throw atConstructionSite(new FederationError(location, reason), site);
        });
    }
    if (checked !== undefined) planned.object = { ...planned.object, metadata: checked };
}

/** Each cluster's object has what its typed class cannot be constructed without (see requiredInputsOf). */
function checkRequiredInputs(resource: string, objects: { cluster: string; object: Record<string, unknown>; resourceClass: KubernetesResourceClass }[]): void {
    for (const { cluster, object, resourceClass } of objects) {
        const missing = requiredInputsOf(resourceClass).find((property) => object[property] === undefined);
        if (missing !== undefined) {
            throw new FederationError({ resource, cluster, field: `template.${missing}` }, `is required: the @pulumi/kubernetes class of this kind cannot register an object without it (with validateSchema: false, nothing else checks it)`);
        }
    }
}

/** The class registering one cluster's object: the component's, unless an override changed the apiVersion. */
function clusterResourceClass(spec: FederatedObjectSpec<unknown>, object: Record<string, unknown>): KubernetesResourceClass {
    const apiVersion = object.apiVersion;
    return typeof apiVersion === "string" && apiVersion !== spec.apiVersion ? resourceClassFor(apiVersion, spec.kind) : spec.resourceClass;
}

function childTypeOf(resourceClass: KubernetesResourceClass, object: Record<string, unknown>, spec: FederatedObjectSpec<unknown>): string {
    return (resourceClass as { __pulumiType?: string }).__pulumiType ?? `kubernetes:${String(object.apiVersion ?? spec.apiVersion)}:${spec.kind}`;
}

/** The record the federation keeps for dependency checks. */
function declaredObject(resource: string, name: string, spec: FederatedObjectSpec<unknown>, namespace: string | undefined, clusters: string[]): DeclaredObject {
    const metadata = isPlainObject(spec.template) && isPlainObject(spec.template.metadata) ? spec.template.metadata : {};
    const objectName = metadata.name === undefined ? name : typeof metadata.name === "string" ? metadata.name : undefined;
    const objectNamespace = namespace ?? (typeof metadata.namespace === "string" ? metadata.namespace : undefined);
    return {
        resource,
        kind: spec.kind,
        apiGroup: spec.apiVersion.includes("/") ? spec.apiVersion.slice(0, spec.apiVersion.indexOf("/")) : "",
        namespace: spec.clusterScoped ? undefined : objectNamespace,
        name: objectName,
        clusters,
        references: spec.dependencies === "ignore" ? [] : workloadReferences(spec.kind, spec.template, spec.apiVersion),
    };
}

/** Every cluster's live spec and status, summarized; unknown until all are known. */
function liveStatus(kind: string, resources: Readonly<Record<string, pulumi.CustomResource>>): pulumi.Output<FederatedStatus> {
    const perCluster = Object.entries(resources).map(([cluster, resource]) => {
        const live = resource as unknown as { spec?: pulumi.Output<any>; status?: pulumi.Output<any> };
        return pulumi.all([cluster, live.spec, live.status]);
    });
    return pulumi.all(perCluster).apply((entries) =>
        // A preview sees the state of the last update (or a dry run's guess), not the cluster
        // after this change: report unknown rather than something that may be stale.
        pulumi.runtime.isDryRun()
            ? (pulumi.unknown as unknown as FederatedStatus)
            : aggregateStatus(Object.fromEntries(entries.map(([cluster, liveSpec, live]) => [cluster, clusterStatus(kind, liveSpec, live)]))),
    );
}


import * as pulumi from "@pulumi/pulumi";
import { FederationError } from "./errors";
import { Federation } from "./federation";
import { KubernetesResourceClass } from "./kindRegistry";
import { dns1123LabelProblem, describeType } from "./planning/names";
import { Defer } from "./planning/opaque";
import { OverrideEntry } from "./planning/overrideEntries";
import { Placement } from "./planning/placement";
import { ClusterObject, planResource } from "./planning/resourcePlan";
import { OverrideEntryFor } from "./types";

/** What a federated resource needs to know of the FederatedNamespace it lives in. */
export interface FederatedNamespaceRef {
    readonly federation: Federation;
    /** The namespace's Kubernetes name, the same in every cluster. */
    readonly namespaceName: string;
    /** Where the namespace is placed. */
    readonly clusters: readonly string[];
    /** The Namespace object in each of those clusters. */
    readonly resources: Readonly<Record<string, pulumi.Resource>>;
}

/** Arguments every federated component shares. */
export interface FederatedArgsBase<T> {
    federation: Federation;
    /**
     * Where the object goes: `{ clusters: [...] }` or `{ clusterSelector: {...} }` (KubeFed
     * semantics; no placement places nowhere, `clusterSelector: {}` everywhere).
     */
    placement?: Placement;
    /** Per-cluster variations: KubeFed JSON patch (`clusterOverrides`) and/or a typed `patch`. */
    overrides?: OverrideEntryFor<T>[];
}

/** Arguments of namespaced federated components. */
export interface NamespacedArgs {
    /**
     * A FederatedNamespace (the object then goes only where the namespace goes, and waits for
     * that cluster's Namespace) or the plain name of a namespace that exists in every cluster.
     */
    namespace?: string | FederatedNamespaceRef;
}

export interface FederatedObjectSpec<T> extends FederatedArgsBase<T>, NamespacedArgs {
    apiVersion: string;
    kind: string;
    clusterScoped: boolean;
    template: T;
    resourceClass: KubernetesResourceClass;
}

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
    readonly federation: Federation;
    /** The clusters this object is placed in, in member order. */
    readonly clusters: readonly string[];
    /** The per-cluster Kubernetes resources, by cluster name. */
    readonly resources: Readonly<Record<string, R>>;
    /** For each placed cluster, the overrides that shaped its object, in the order applied. */
    readonly overridesApplied: Readonly<Record<string, readonly string[]>>;
    /** `clusters` as an output. */
    readonly placedClusters: pulumi.Output<string[]>;
    /** Each cluster's object URN, by cluster name. */
    readonly resourceUrns: pulumi.Output<Record<string, string>>;

    protected constructor(type: string, name: string, spec: FederatedObjectSpec<unknown>, opts?: pulumi.ComponentResourceOptions) {
        const resource = `${type.split(":").pop()} "${name}"`;
        // Everything is checked and planned before the component registers, so bad input
        // registers nothing at all.
        const { federation, namespaceName, namespaceRef } = checkArgs(resource, spec);
        const plan = planResource({
            resource,
            name,
            apiVersion: spec.apiVersion,
            kind: spec.kind,
            clusterScoped: spec.clusterScoped,
            namespace: namespaceName,
            namespaceClusters: namespaceRef?.clusters,
            template: spec.template,
            placement: spec.placement,
            overrides: spec.overrides as OverrideEntry[] | undefined,
            members: federation.plannerMembers(),
            defer: deferToDeployment,
        });

        super(type, name, {}, opts);
        this.federation = federation;
        this.clusters = plan.clusters;
        this.overridesApplied = Object.fromEntries(plan.objects.map((planned) => [planned.cluster, planned.overridesApplied]));
        this.resources = Object.fromEntries(
            plan.objects.map((planned) => [planned.cluster, this.registerClusterObject(name, planned, spec.resourceClass, namespaceRef) as R]),
        );
        if (plan.clusters.length === 0) {
            pulumi.log.warn(`${resource} is placed in no cluster${placementHint(spec.placement, namespaceRef)}`, this);
        }
        this.placedClusters = pulumi.output([...plan.clusters]);
        this.resourceUrns = pulumi.output(Object.fromEntries(Object.entries(this.resources).map(([cluster, res]) => [cluster, res.urn])));
        this.registerOutputs({ clusters: this.placedClusters, resources: this.resourceUrns, overridesApplied: this.overridesApplied });
    }

    private registerClusterObject(
        name: string,
        planned: ClusterObject,
        resourceClass: KubernetesResourceClass,
        namespaceRef: FederatedNamespaceRef | undefined,
    ): pulumi.CustomResource {
        const member = this.federation.members[planned.cluster];
        // Only this cluster's Namespace: no dependency edge ever crosses clusters.
        const namespaceObject = namespaceRef?.resources[planned.cluster];
        return new resourceClass(`${name}-${planned.cluster}`, planned.object, {
            parent: this,
            provider: member.provider,
            dependsOn: namespaceObject ? [namespaceObject] : undefined,
        });
    }
}

function checkArgs(resource: string, spec: FederatedObjectSpec<unknown>) {
    if (!(spec.federation instanceof Federation)) {
        throw new FederationError({ resource, field: "federation" }, `must be a Federation, got ${describeType(spec.federation)}`);
    }
    const namespace = spec.namespace;
    if (namespace === undefined) return { federation: spec.federation, namespaceName: undefined, namespaceRef: undefined };
    if (typeof namespace === "string") {
        const problem = dns1123LabelProblem(namespace);
        if (problem) throw new FederationError({ resource, field: "namespace" }, `namespace name ${problem}`);
        return { federation: spec.federation, namespaceName: namespace, namespaceRef: undefined };
    }
    if (namespace === null || typeof namespace !== "object" || typeof namespace.namespaceName !== "string") {
        throw new FederationError({ resource, field: "namespace" }, `must be a namespace name or a FederatedNamespace, got ${describeType(namespace)}`);
    }
    if (namespace.federation !== spec.federation) {
        throw new FederationError({ resource, field: "namespace" }, `FederatedNamespace "${namespace.namespaceName}" belongs to another federation`);
    }
    return { federation: spec.federation, namespaceName: namespace.namespaceName, namespaceRef: namespace };
}

function placementHint(placement: Placement | undefined, namespaceRef: FederatedNamespaceRef | undefined): string {
    if (placement === undefined) return " (it has no placement; give placement.clusters or placement.clusterSelector: {} for every member)";
    if (namespaceRef && namespaceRef.clusters.length === 0) return ` (its namespace "${namespaceRef.namespaceName}" is placed nowhere)`;
    return "";
}

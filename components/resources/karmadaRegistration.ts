/**
 * Karmada mode's registration layer: what a federated component registers when its Federation
 * propagates through Karmada. Three resources on the Karmada API server's provider whatever the
 * member count (the template, its PropagationPolicy, its OverridePolicy when there is one), or
 * none when the object is placed nowhere. The mapping itself is pure (karmada/objectPlan.ts).
 *
 * Order: the policies first, then the template, so Karmada never propagates a template that its
 * overrides do not shape yet; both policies wait for the check of the members' Cluster objects,
 * so a mismatch changes nothing.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { KarmadaControlPlane, readKarmadaObject } from "./karmadaControlPlane";
import { KarmadaObjectPlan } from "../karmada/objectPlan";
import { KARMADA_BINDING_API_VERSION, karmadaBindingName, karmadaBindingStatus } from "../karmada/bindingStatus";
import { KubernetesResourceClass } from "./kindRegistry";
import { FederatedStatus } from "../planning/status";
import type { NameClaim } from "./federation";

/** What a federated object registers on the Karmada API server in Karmada mode. */
export interface KarmadaResources {
    /** The resource template: the plain object, as push mode's planner builds it. */
    template: pulumi.CustomResource;
    /** Its PropagationPolicy (ClusterPropagationPolicy for cluster-scoped kinds): which members get it, and with how many replicas. */
    propagationPolicy: k8s.apiextensions.CustomResource;
    /** Its OverridePolicy (ClusterOverridePolicy for cluster-scoped kinds), when there is one: what differs per member. */
    overridePolicy?: k8s.apiextensions.CustomResource;
}

const policyType = (kind: string) => `kubernetes:policy.karmada.io/v1alpha1:${kind}`;

/** The Pulumi names the registrations take under a component of `type` (see Federation.claimNames). */
export function karmadaNameClaims(type: string, name: string, templateType: string, plan: KarmadaObjectPlan | undefined): NameClaim[] {
    if (plan === undefined) return [];
    const kinds = [plan.propagationPolicy.kind, ...(plan.overridePolicy ? [plan.overridePolicy.kind] : [])];
    return [
        { key: `${type}$${templateType}::${name}`, what: `the resource template name "${name}" on Karmada` },
        ...kinds.map((kind) => ({ key: `${type}$${policyType(kind)}::${name}`, what: `the ${kind} name "${name}" on Karmada` })),
    ];
}

/**
 * What the objects are on the Karmada API server, claimed stack-wide (see Federation.claimNames):
 * one API server holds every template, so two components may not declare one object there even
 * for disjoint clusters (push mode allows that), nor two policies of one name.
 */
export function karmadaObjectClaims(plan: KarmadaObjectPlan | undefined): NameClaim[] {
    if (plan === undefined) return [];
    const { template, propagationPolicy } = plan;
    const metadata = template.metadata as { name: string; namespace?: string };
    const group = String(template.apiVersion).includes("/") ? String(template.apiVersion).split("/")[0] : "";
    const namespace = propagationPolicy.metadata.namespace ?? "";
    return [
        { key: `karmada-object:${group}/${String(template.kind)}/${namespace}/${metadata.name}`, what: `${String(template.kind)} ${namespace ? `${namespace}/` : ""}${metadata.name} on the Karmada API server (one template for every member)` },
        { key: `karmada-object:policy/${propagationPolicy.kind}/${namespace}/${propagationPolicy.metadata.name}`, what: `the ${propagationPolicy.kind} ${propagationPolicy.metadata.name} on the Karmada API server` },
    ];
}

export function registerOnKarmada(
    parent: pulumi.Resource,
    name: string,
    karmada: KarmadaControlPlane,
    plan: KarmadaObjectPlan,
    resourceClass: KubernetesResourceClass,
    dependsOn: pulumi.Resource[],
    aliases: pulumi.ResourceTransformation,
): KarmadaResources {
    const provider = karmada.provider;
    const after = dependsOn.length > 0 ? dependsOn : undefined;
    const { apiVersion, kind, metadata, spec } = plan.propagationPolicy;
    const propagationPolicy = new k8s.apiextensions.CustomResource(
        name,
        { apiVersion, kind, metadata, spec: karmada.clustersChecked.apply(() => spec) },
        { parent, provider, dependsOn: after },
    );
    // Its spec may hold deployment-time values: pulumi.output lifts them, keeping them secret.
    const overridePolicy = plan.overridePolicy === undefined
        ? undefined
        : new k8s.apiextensions.CustomResource(
            name,
            { ...plan.overridePolicy, spec: pulumi.all([karmada.clustersChecked, pulumi.output(plan.overridePolicy.spec)]).apply(([, spec]) => spec) } as unknown as k8s.apiextensions.CustomResourceArgs,
            { parent, provider, dependsOn: after },
        );
    const template = new resourceClass(name, plan.template, {
        parent,
        provider,
        transformations: [aliases],
        dependsOn: [...dependsOn, propagationPolicy, ...(overridePolicy ? [overridePolicy] : [])],
    });
    return { template, propagationPolicy, overridePolicy };
}

/**
 * How long after the template is in place the binding is read. Karmada's detector claims a
 * template (the label the template's provider waits for) and then, in a second API call, makes its
 * ResourceBinding; a read between the two fails the update. On a loaded machine the gap was seen
 * to outlast the engine's round trip (end-to-end suite, test 11); a second covers it with room.
 */
export const BINDING_READ_DELAY_MS = 1_000;

/**
 * Status from the object's ResourceBinding, read once the template is in place (its provider waits
 * for Karmada's claim) and BINDING_READ_DELAY_MS later. Unknown during preview.
 */
export function karmadaStatus(
    parent: pulumi.Resource,
    name: string,
    karmada: KarmadaControlPlane,
    resources: KarmadaResources,
    plan: KarmadaObjectPlan,
    placed: readonly string[],
    clusterScoped: boolean,
): pulumi.Output<FederatedStatus> {
    if (pulumi.runtime.isDryRun()) return pulumi.output(pulumi.unknown as unknown as FederatedStatus);
    const metadata = plan.propagationPolicy.metadata;
    const templateName = (plan.propagationPolicy.spec.resourceSelectors as Array<{ name: string }>)[0].name;
    const bindingName = karmadaBindingName(String(plan.template.kind), templateName);
    const id = clusterScoped || metadata.namespace === undefined ? bindingName : `${metadata.namespace}/${bindingName}`;
    const afterClaim = resources.template.urn.apply(() => new Promise<string>((resolve) => setTimeout(() => resolve(id), BINDING_READ_DELAY_MS)));
    const binding = readKarmadaObject(`${name}-binding`, KARMADA_BINDING_API_VERSION, clusterScoped ? "ClusterResourceBinding" : "ResourceBinding", afterClaim, ["spec", "status"], {
        parent,
        provider: karmada.provider,
        dependsOn: [resources.template],
    });
    return pulumi.all([binding.spec, binding.status]).apply(([spec, status]) => karmadaBindingStatus(String(plan.template.kind), plan.template, { spec, status }, placed));
}

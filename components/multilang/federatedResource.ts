/** `FederatedResource` for every Pulumi language (see federation.ts): any kind, built-in or custom. */
import * as pulumi from "@pulumi/pulumi";
import { FederatedResource as FederatedResourceComponent, FederatedResourceArgs as FederatedResourceComponentArgs } from "../resources/federatedResource";
import { FederatedInputs, federatedBase, namespaceFor, plainFields } from "./federatedArgs";
import { plainString, plainTemplate, quiet } from "./inputs";

export interface FederatedResourceArgs extends FederatedInputs {
    /** e.g. `apps/v1`, `v1`, `example.com/v1alpha1`. */
    apiVersion: string;
    /** e.g. `Deployment`, or a custom resource kind. */
    kind: string;
    /** The object as every cluster gets it before overrides; apiVersion and kind may be left out. */
    template: any;
    /** A FederatedNamespace's `namespaceName` (the object then goes only where the namespace goes), or a namespace every cluster has. */
    namespace?: pulumi.Input<string>;
    /** Whether the kind is cluster-scoped: known for built-in kinds; say true for a cluster-scoped custom kind. */
    clusterScoped?: boolean;
    /** Divide replicas over the placed clusters: KubeFed's ReplicaSchedulingPreference, or Karmada's replicaScheduling. */
    scheduling?: any;
    /** An update keeps the replicas each cluster runs (KubeFed's retainReplicas). */
    retainReplicas?: boolean;
    /** `check` (the default): the ConfigMaps, Secrets and ServiceAccounts the pods use must be federated where the workload runs; `ignore`. */
    dependencies?: string;
    /** Check each cluster's object of a built-in kind against the Kubernetes schema (default true). */
    validateSchema?: boolean;
    /** Unknown template fields: `Strict` (the default) is an error, `Ignore` sends them as they are. */
    fieldValidation?: string;
    /** Update the placed clusters stage by stage, each after the previous one is ready: `{ stages: [{ name, clusters | clusterSelector, maxParallel }], soakSeconds, timeoutSeconds }`. */
    rollout?: any;
}

/** Federates an object of any kind: one object per placed member, with that member's overrides. */
export class FederatedResource extends pulumi.ComponentResource {
    /** The clusters the object is placed on. */
    public readonly clusters: pulumi.Output<string[]>;
    /** How the object is doing in every cluster (live status fields) and in aggregate. */
    public readonly status: pulumi.Output<any>;

    constructor(name: string, args: FederatedResourceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:FederatedResource", name, {}, opts);
        const resource = `FederatedResource "${name}"`;
        const component = (async () => {
            const { federation, federationName, rest } = await federatedBase(args, resource);
            const componentArgs = {
                federation,
                ...rest,
                apiVersion: await plainString(args?.apiVersion, resource, "apiVersion"),
                kind: await plainString(args?.kind, resource, "kind"),
                template: await plainTemplate(args?.template, resource, "template"),
                ...(args?.namespace !== undefined ? { namespace: await namespaceFor(args.namespace, federationName, resource) } : {}),
                ...(await plainFields(args as unknown as Record<string, unknown>, ["clusterScoped", "scheduling", "retainReplicas", "dependencies", "validateSchema", "fieldValidation", "rollout"], resource)),
            } as FederatedResourceComponentArgs;
            return new FederatedResourceComponent(name, componentArgs, { parent: this });
        })();
        this.clusters = pulumi.output(component.then((built) => built.placedClusters));
        this.status = pulumi.output(component.then((built) => built.status, quiet(undefined)));
        // Only once it stands: a failed component's error reaches the engine through its outputs, once.
        component.then(() => this.registerOutputs({ clusters: this.clusters, status: this.status }), () => undefined);
    }
}

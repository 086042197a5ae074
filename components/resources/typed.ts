/**
 * Typed federated components: the template is the matching `@pulumi/kubernetes` input type and
 * each cluster gets the typed class, so Pulumi's await logic and per-field diffs apply.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FederatedArgsBase, FederatedObject, NamespacedArgs, ScalableArgs } from "./federatedObject";
import { KubernetesResourceClass } from "./kindRegistry";

/** Arguments of a typed federated component whose template is a `T`. */
export interface TypedFederatedArgs<T> extends FederatedArgsBase<T> {
    /** The object as every cluster gets it before overrides (apiVersion and kind may be left out). */
    template: T;
}

/** Arguments of a typed component for a namespaced kind. */
export type NamespacedTypedArgs<T> = TypedFederatedArgs<T> & NamespacedArgs;

type TypedClass<A, R extends pulumi.CustomResource> =
    /**
     * Checks the arguments and plans every placed cluster's object before anything registers (bad
     * arguments are a FederationError and register nothing), then registers one object of the
     * kind per placed cluster, on that member's provider, as a child of this component (in
     * Karmada mode: the template and its policies on the Karmada API server).
     *
     * @param name The Pulumi name, and the objects' `metadata.name` unless the template gives one; each cluster's resource is `<name>-<cluster>`.
     * @param args The federation, the template and where and how it is placed.
     * @param opts Pulumi resource options for the component.
     */
    new (name: string, args: A, opts?: pulumi.ComponentResourceOptions) => FederatedObject<R>;

/** The class of a typed federated component for one kind. */
function typedKind<A extends TypedFederatedArgs<unknown>, R extends pulumi.CustomResource>(
    apiVersion: string,
    kind: string,
    resourceClass: KubernetesResourceClass,
    clusterScoped: boolean,
): TypedClass<A, R> {
    const type = `federation:index:Federated${kind}`;
    return class extends FederatedObject<R> {
        // Documented on TypedClass: its construct signature is the one the typed classes show.
        constructor(name: string, args: A, opts?: pulumi.ComponentResourceOptions) {
            super(type, name, { ...args, apiVersion, kind, clusterScoped, resourceClass }, opts);
        }
    };
}

/** Arguments of {@link FederatedDeployment}: an `apps/v1` Deployment template, a namespace, and replica scheduling. */
export type FederatedDeploymentArgs = NamespacedTypedArgs<k8s.types.input.apps.v1.Deployment> & ScalableArgs;
/** A Deployment in each selected member. */
export class FederatedDeployment extends typedKind<FederatedDeploymentArgs, k8s.apps.v1.Deployment>("apps/v1", "Deployment", k8s.apps.v1.Deployment, false) {}

/** Arguments of {@link FederatedStatefulSet}: an `apps/v1` StatefulSet template, a namespace, and replica scheduling. */
export type FederatedStatefulSetArgs = NamespacedTypedArgs<k8s.types.input.apps.v1.StatefulSet> & ScalableArgs;
/** A StatefulSet in each selected member. */
export class FederatedStatefulSet extends typedKind<FederatedStatefulSetArgs, k8s.apps.v1.StatefulSet>("apps/v1", "StatefulSet", k8s.apps.v1.StatefulSet, false) {}

/** Arguments of {@link FederatedDaemonSet}: an `apps/v1` DaemonSet template and a namespace. */
export type FederatedDaemonSetArgs = NamespacedTypedArgs<k8s.types.input.apps.v1.DaemonSet>;
/** A DaemonSet in each selected member. */
export class FederatedDaemonSet extends typedKind<FederatedDaemonSetArgs, k8s.apps.v1.DaemonSet>("apps/v1", "DaemonSet", k8s.apps.v1.DaemonSet, false) {}

/** Arguments of {@link FederatedService}: a `v1` Service template and a namespace. */
export type FederatedServiceArgs = NamespacedTypedArgs<k8s.types.input.core.v1.Service>;
/** A Service in each selected member, with the same name everywhere so that cross-cluster discovery lines up. */
export class FederatedService extends typedKind<FederatedServiceArgs, k8s.core.v1.Service>("v1", "Service", k8s.core.v1.Service, false) {}

/** Arguments of {@link FederatedConfigMap}: a `v1` ConfigMap template and a namespace. */
export type FederatedConfigMapArgs = NamespacedTypedArgs<k8s.types.input.core.v1.ConfigMap>;
/** A ConfigMap in each selected member. */
export class FederatedConfigMap extends typedKind<FederatedConfigMapArgs, k8s.core.v1.ConfigMap>("v1", "ConfigMap", k8s.core.v1.ConfigMap, false) {}

/** Arguments of {@link FederatedSecret}: a `v1` Secret template and a namespace. */
export type FederatedSecretArgs = NamespacedTypedArgs<k8s.types.input.core.v1.Secret>;
/** A Secret in each selected member. `data` and `stringData` stay Pulumi secrets in every cluster, overrides included. */
export class FederatedSecret extends typedKind<FederatedSecretArgs, k8s.core.v1.Secret>("v1", "Secret", k8s.core.v1.Secret, false) {}

/** Arguments of {@link FederatedServiceAccount}: a `v1` ServiceAccount template and a namespace. */
export type FederatedServiceAccountArgs = NamespacedTypedArgs<k8s.types.input.core.v1.ServiceAccount>;
/** A ServiceAccount in each selected member. */
export class FederatedServiceAccount extends typedKind<FederatedServiceAccountArgs, k8s.core.v1.ServiceAccount>("v1", "ServiceAccount", k8s.core.v1.ServiceAccount, false) {}

/** Arguments of {@link FederatedIngress}: a `networking.k8s.io/v1` Ingress template and a namespace. */
export type FederatedIngressArgs = NamespacedTypedArgs<k8s.types.input.networking.v1.Ingress>;
/** An Ingress in each selected member. */
export class FederatedIngress extends typedKind<FederatedIngressArgs, k8s.networking.v1.Ingress>("networking.k8s.io/v1", "Ingress", k8s.networking.v1.Ingress, false) {}

/** Arguments of {@link FederatedJob}: a `batch/v1` Job template and a namespace. */
export type FederatedJobArgs = NamespacedTypedArgs<k8s.types.input.batch.v1.Job>;
/** A Job in each selected member. */
export class FederatedJob extends typedKind<FederatedJobArgs, k8s.batch.v1.Job>("batch/v1", "Job", k8s.batch.v1.Job, false) {}

/** Arguments of {@link FederatedClusterRole}: an `rbac.authorization.k8s.io/v1` ClusterRole template (cluster-scoped: no namespace). */
export type FederatedClusterRoleArgs = TypedFederatedArgs<k8s.types.input.rbac.v1.ClusterRole>;
/** A ClusterRole in each selected member (cluster-scoped: no namespace). */
export class FederatedClusterRole extends typedKind<FederatedClusterRoleArgs, k8s.rbac.v1.ClusterRole>("rbac.authorization.k8s.io/v1", "ClusterRole", k8s.rbac.v1.ClusterRole, true) {}

/** Arguments of {@link FederatedClusterRoleBinding}: an `rbac.authorization.k8s.io/v1` ClusterRoleBinding template (cluster-scoped: no namespace). */
export type FederatedClusterRoleBindingArgs = TypedFederatedArgs<k8s.types.input.rbac.v1.ClusterRoleBinding>;
/** A ClusterRoleBinding in each selected member (cluster-scoped: no namespace). */
export class FederatedClusterRoleBinding extends typedKind<FederatedClusterRoleBindingArgs, k8s.rbac.v1.ClusterRoleBinding>("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", k8s.rbac.v1.ClusterRoleBinding, true) {}

/** The constructor of a typed federated component ({@link FederatedDeployment}, ...), as {@link typedFederatedClassFor} returns it. */
export type TypedFederatedClass = new (name: string, args: any, opts?: pulumi.ComponentResourceOptions) => FederatedObject;

const TYPED_BY_TARGET: Record<string, TypedFederatedClass> = {
    "apps/v1/Deployment": FederatedDeployment,
    "apps/v1/StatefulSet": FederatedStatefulSet,
    "apps/v1/DaemonSet": FederatedDaemonSet,
    "v1/Service": FederatedService,
    "v1/ConfigMap": FederatedConfigMap,
    "v1/Secret": FederatedSecret,
    "v1/ServiceAccount": FederatedServiceAccount,
    "networking.k8s.io/v1/Ingress": FederatedIngress,
    "batch/v1/Job": FederatedJob,
    "rbac.authorization.k8s.io/v1/ClusterRole": FederatedClusterRole,
    "rbac.authorization.k8s.io/v1/ClusterRoleBinding": FederatedClusterRoleBinding,
};

/** The typed federated component for a target type, if there is one (else use FederatedResource). */
export function typedFederatedClassFor(apiVersion: string, kind: string): TypedFederatedClass | undefined {
    return TYPED_BY_TARGET[`${apiVersion}/${kind}`];
}

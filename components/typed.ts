/**
 * Typed federated components: the template is the matching `@pulumi/kubernetes` input type and
 * each cluster gets the typed class, so Pulumi's await logic and per-field diffs apply.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FederatedArgsBase, FederatedObject, NamespacedArgs } from "./federatedObject";

/** Arguments of a typed federated component whose template is a `T`. */
export interface TypedFederatedArgs<T> extends FederatedArgsBase<T> {
    /** The object as every cluster gets it before overrides (apiVersion and kind may be left out). */
    template: T;
}

export type FederatedDeploymentArgs = TypedFederatedArgs<k8s.types.input.apps.v1.Deployment> & NamespacedArgs;

/** A Deployment in each selected member. */
export class FederatedDeployment extends FederatedObject<k8s.apps.v1.Deployment> {
    constructor(name: string, args: FederatedDeploymentArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:FederatedDeployment", name, { ...args, apiVersion: "apps/v1", kind: "Deployment", clusterScoped: false, resourceClass: k8s.apps.v1.Deployment }, opts);
    }
}

export type FederatedStatefulSetArgs = TypedFederatedArgs<k8s.types.input.apps.v1.StatefulSet> & NamespacedArgs;

/** A StatefulSet in each selected member. */
export class FederatedStatefulSet extends FederatedObject<k8s.apps.v1.StatefulSet> {
    constructor(name: string, args: FederatedStatefulSetArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:FederatedStatefulSet", name, { ...args, apiVersion: "apps/v1", kind: "StatefulSet", clusterScoped: false, resourceClass: k8s.apps.v1.StatefulSet }, opts);
    }
}

export type FederatedDaemonSetArgs = TypedFederatedArgs<k8s.types.input.apps.v1.DaemonSet> & NamespacedArgs;

/** A DaemonSet in each selected member. */
export class FederatedDaemonSet extends FederatedObject<k8s.apps.v1.DaemonSet> {
    constructor(name: string, args: FederatedDaemonSetArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:FederatedDaemonSet", name, { ...args, apiVersion: "apps/v1", kind: "DaemonSet", clusterScoped: false, resourceClass: k8s.apps.v1.DaemonSet }, opts);
    }
}

export type FederatedServiceArgs = TypedFederatedArgs<k8s.types.input.core.v1.Service> & NamespacedArgs;

/** A Service in each selected member, with the same name everywhere so that cross-cluster discovery lines up. */
export class FederatedService extends FederatedObject<k8s.core.v1.Service> {
    constructor(name: string, args: FederatedServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:FederatedService", name, { ...args, apiVersion: "v1", kind: "Service", clusterScoped: false, resourceClass: k8s.core.v1.Service }, opts);
    }
}

export type FederatedConfigMapArgs = TypedFederatedArgs<k8s.types.input.core.v1.ConfigMap> & NamespacedArgs;

/** A ConfigMap in each selected member. */
export class FederatedConfigMap extends FederatedObject<k8s.core.v1.ConfigMap> {
    constructor(name: string, args: FederatedConfigMapArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:FederatedConfigMap", name, { ...args, apiVersion: "v1", kind: "ConfigMap", clusterScoped: false, resourceClass: k8s.core.v1.ConfigMap }, opts);
    }
}

export type FederatedSecretArgs = TypedFederatedArgs<k8s.types.input.core.v1.Secret> & NamespacedArgs;

/** A Secret in each selected member. `data` and `stringData` stay Pulumi secrets in every cluster, overrides included. */
export class FederatedSecret extends FederatedObject<k8s.core.v1.Secret> {
    constructor(name: string, args: FederatedSecretArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:FederatedSecret", name, { ...args, apiVersion: "v1", kind: "Secret", clusterScoped: false, resourceClass: k8s.core.v1.Secret }, opts);
    }
}

export type FederatedServiceAccountArgs = TypedFederatedArgs<k8s.types.input.core.v1.ServiceAccount> & NamespacedArgs;

/** A ServiceAccount in each selected member. */
export class FederatedServiceAccount extends FederatedObject<k8s.core.v1.ServiceAccount> {
    constructor(name: string, args: FederatedServiceAccountArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:FederatedServiceAccount", name, { ...args, apiVersion: "v1", kind: "ServiceAccount", clusterScoped: false, resourceClass: k8s.core.v1.ServiceAccount }, opts);
    }
}

export type FederatedIngressArgs = TypedFederatedArgs<k8s.types.input.networking.v1.Ingress> & NamespacedArgs;

/** An Ingress in each selected member. */
export class FederatedIngress extends FederatedObject<k8s.networking.v1.Ingress> {
    constructor(name: string, args: FederatedIngressArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:FederatedIngress", name, { ...args, apiVersion: "networking.k8s.io/v1", kind: "Ingress", clusterScoped: false, resourceClass: k8s.networking.v1.Ingress }, opts);
    }
}

export type FederatedJobArgs = TypedFederatedArgs<k8s.types.input.batch.v1.Job> & NamespacedArgs;

/** A Job in each selected member. */
export class FederatedJob extends FederatedObject<k8s.batch.v1.Job> {
    constructor(name: string, args: FederatedJobArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:FederatedJob", name, { ...args, apiVersion: "batch/v1", kind: "Job", clusterScoped: false, resourceClass: k8s.batch.v1.Job }, opts);
    }
}

export type FederatedClusterRoleArgs = TypedFederatedArgs<k8s.types.input.rbac.v1.ClusterRole>;

/** A ClusterRole in each selected member (cluster-scoped: no namespace). */
export class FederatedClusterRole extends FederatedObject<k8s.rbac.v1.ClusterRole> {
    constructor(name: string, args: FederatedClusterRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:FederatedClusterRole", name, { ...args, apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", clusterScoped: true, resourceClass: k8s.rbac.v1.ClusterRole }, opts);
    }
}

export type FederatedClusterRoleBindingArgs = TypedFederatedArgs<k8s.types.input.rbac.v1.ClusterRoleBinding>;

/** A ClusterRoleBinding in each selected member (cluster-scoped: no namespace). */
export class FederatedClusterRoleBinding extends FederatedObject<k8s.rbac.v1.ClusterRoleBinding> {
    constructor(name: string, args: FederatedClusterRoleBindingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:FederatedClusterRoleBinding", name, { ...args, apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", clusterScoped: true, resourceClass: k8s.rbac.v1.ClusterRoleBinding }, opts);
    }
}

type TypedFederatedClass = new (name: string, args: any, opts?: pulumi.ComponentResourceOptions) => FederatedObject;

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

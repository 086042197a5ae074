/**
 * The arguments of federated components, and their checks before anything is planned.
 */
import * as pulumi from "@pulumi/pulumi";
import { FederationError } from "../errors";
import { Federation } from "./federation";
import { KubernetesResourceClass } from "./kindRegistry";
import { dns1123LabelProblem, describeType } from "../planning/names";
import { OverrideEntryFor } from "./types";
import { Placement } from "../planning/placement";
import { RolloutArgs } from "../planning/rollout";
import { Scheduling } from "../planning/scheduling";
import { suggestion } from "../planning/suggest";

/** What a federated resource needs to know of the FederatedNamespace it lives in. */
export interface FederatedNamespaceRef {
    /** The federation the namespace belongs to (a resource in it must belong to the same one). */
    readonly federation: Federation;
    /** The namespace's Kubernetes name, the same in every cluster. */
    readonly namespaceName: string;
    /** Where the namespace is placed. */
    readonly clusters: readonly string[];
    /** The Namespace object in each of those clusters. */
    readonly resources: Readonly<Record<string, pulumi.Resource>>;
    /** Clusters the namespace would be in but for being unavailable or draining. */
    readonly unavailableClusters?: readonly string[];
    /** In Karmada mode: the Namespace template on the Karmada API server. */
    readonly karmadaResources?: {
        /** The Namespace's resource template; the namespace's objects register after it. */
        readonly template: pulumi.Resource;
    };
}

/** Arguments every federated component shares. */
export interface FederatedArgsBase<T> {
    /** The federation whose members the object is placed on. */
    federation: Federation;
    /**
     * Where the object goes: `{ clusters: [...] }` or `{ clusterSelector: {...} }` (KubeFed
     * semantics; no placement places nowhere, `clusterSelector: {}` everywhere).
     */
    placement?: Placement;
    /** Per-cluster variations: KubeFed JSON patch (`clusterOverrides`) and/or a typed `patch`. */
    overrides?: OverrideEntryFor<T>[];
    /**
     * Leave the object in a cluster when it stops being placed there (or the component is
     * deleted), like KubeFed's `kubefed.io/orphan` annotation: Pulumi `retainOnDelete`.
     */
    orphan?: boolean;
    /**
     * For workloads: federated ConfigMaps, Secrets and ServiceAccounts the pods refer to must be
     * placed wherever the workload runs (`"check"`, the default: an error otherwise, and a
     * per-cluster dependency), or are not looked at (`"ignore"`).
     */
    dependencies?: "check" | "ignore";
    /**
     * Check each cluster's object of a built-in kind against the Kubernetes schema before
     * registering it (default true; false for objects the installed schemas do not know yet).
     */
    validateSchema?: boolean;
    /**
     * Unknown fields in the template (`imag:` in a container), found from the Kubernetes schema
     * of built-in kinds: `"Strict"` (the default) is an error, as `kubectl apply
     * --validate=strict`; `"Ignore"` sends them to the API server as they are.
     */
    fieldValidation?: "Strict" | "Ignore";
    /**
     * Update the placed clusters stage by stage: a stage's objects only after the previous
     * stage's became ready (the provider's await), so a bad change stops at the first stage
     * (see docs/guide/rollouts.md). Workloads take the Federation's `rollout` unless they give one;
     * `null` opts one out of it.
     */
    rollout?: RolloutArgs | null;
}

/** Arguments of federated components for scalable kinds (Deployment, StatefulSet). */
export interface ScalableArgs {
    /** Divide `totalReplicas` over the placed clusters (KubeFed's ReplicaSchedulingPreference planner). */
    scheduling?: Scheduling;
    /**
     * KubeFed's retainReplicas: an update keeps the replicas each cluster runs (set by its
     * HorizontalPodAutoscaler) instead of resetting them; a new object starts with the
     * template's. Not with scheduling or a replicas override.
     */
    retainReplicas?: boolean;
}

/** Arguments of namespaced federated components. */
export interface NamespacedArgs {
    /**
     * A FederatedNamespace (the object then goes only where the namespace goes, and waits for
     * that cluster's Namespace) or the plain name of a namespace that exists in every cluster.
     */
    namespace?: string | FederatedNamespaceRef;
}

/**
 * Everything FederatedObject's constructor needs: a component's arguments, completed with the
 * kind, its scope and the `@pulumi/kubernetes` class that registers it.
 *
 * @internal
 */
export interface FederatedObjectSpec<T> extends FederatedArgsBase<T>, NamespacedArgs, ScalableArgs {
    /** The template's apiVersion. */
    apiVersion: string;
    /** The template's kind. */
    kind: string;
    /** Whether the kind is cluster-scoped (it then takes no namespace). */
    clusterScoped: boolean;
    /** The object every placed cluster gets before overrides. */
    template: T;
    /** The class each cluster's object is registered with. */
    resourceClass: KubernetesResourceClass;
}


/** Every argument a federated component may take (the typed ones take a subset). */
const ARGUMENTS = [
    "federation", "template", "placement", "overrides", "namespace", "scheduling", "orphan", "dependencies", "validateSchema", "fieldValidation", "retainReplicas", "rollout",
    "apiVersion", "kind", "clusterScoped", "resourceClass",
];

export function checkArgs(resource: string, spec: FederatedObjectSpec<unknown>) {
    if (!(spec.federation instanceof Federation)) {
        throw new FederationError({ resource, field: "federation" }, `must be a Federation, got ${describeType(spec.federation)}`);
    }
    const unknown = Object.keys(spec).filter((key) => !ARGUMENTS.includes(key));
    if (unknown.length > 0) {
        throw new FederationError(
            { resource, field: unknown[0] },
            `is not an argument of federated components (expected ${ARGUMENTS.join(", ")})${suggestion(unknown[0], ARGUMENTS)}`,
        );
    }
    for (const flag of ["orphan", "validateSchema"] as const) {
        if (spec[flag] !== undefined && typeof spec[flag] !== "boolean") {
            throw new FederationError({ resource, field: flag }, `must be true or false, got ${describeType(spec[flag])}`);
        }
    }
    if (spec.dependencies !== undefined && spec.dependencies !== "check" && spec.dependencies !== "ignore") {
        throw new FederationError({ resource, field: "dependencies" }, `must be "check" or "ignore", got ${describeType(spec.dependencies)}`);
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


import * as pulumi from "@pulumi/pulumi";
import { FederationError } from "../errors";
import { checkComponentName } from "../planning/arguments";
import { FederatedArgsBase, FederatedObject, NamespacedArgs, ScalableArgs } from "./federatedObject";
import { builtInClassFor, resourceClassFor } from "./kindRegistry";
import { isClusterScopedKind } from "../planning/kinds";
import { apiVersionProblem, kindProblem } from "../planning/names";

/** A Kubernetes object of any kind; fields may be Inputs. */
export type KubernetesObjectTemplate = Record<string, pulumi.Input<any>>;

/** Arguments of {@link FederatedResource}: the kind and its template, besides what every federated component takes. */
export interface FederatedResourceArgs extends FederatedArgsBase<KubernetesObjectTemplate>, NamespacedArgs, ScalableArgs {
    /** e.g. `apps/v1`, `v1`, `example.com/v1alpha1`. */
    apiVersion: string;
    /** e.g. `Deployment`, or a custom resource kind. */
    kind: string;
    /** The object as every cluster gets it before overrides; apiVersion and kind may be left out. */
    template: KubernetesObjectTemplate;
    /**
     * Whether the kind is cluster-scoped. Known for built-in kinds; say `true` for a
     * cluster-scoped custom kind (the default for unknown kinds is namespaced).
     */
    clusterScoped?: boolean;
}

/**
 * Federates an object of any kind, built-in or custom (KubeFed's `Federated<Kind>` with type
 * configuration built in). Built-in kinds are registered with their typed `@pulumi/kubernetes`
 * class, other kinds with `CustomResource`.
 */
export class FederatedResource extends FederatedObject {
    /**
     * Checks the arguments and plans every placed cluster's object before anything registers (bad
     * arguments are a FederationError and register nothing).
     *
     * @param name The Pulumi name, and the objects' `metadata.name` unless the template gives one; each cluster's resource is `<name>-<cluster>`.
     * @param args The federation, the kind, the template and where and how it is placed.
     * @param opts Pulumi resource options for the component.
     */
    constructor(name: string, args: FederatedResourceArgs, opts?: pulumi.ComponentResourceOptions) {
        checkComponentName("FederatedResource", name);
        for (const field of ["apiVersion", "kind"] as const) {
            if (typeof args?.[field] !== "string" || args[field].length === 0) {
                throw new FederationError({ resource: `FederatedResource "${name}"`, field }, `must be a non-empty string such as ${field === "kind" ? '"Deployment"' : '"apps/v1"'}`);
            }
            // The API server's rules (planning/names.ts): "apps/v1 beta" or "My Kind" would otherwise
            // register and fail only when applied, after other clusters had changed.
            const problem = field === "kind" ? kindProblem(args.kind) : apiVersionProblem(args.apiVersion);
            if (problem) throw new FederationError({ resource: `FederatedResource "${name}"`, field }, problem);
        }
        const builtIn = builtInClassFor(args.apiVersion, args.kind) !== undefined;
        const knownScope = isClusterScopedKind(args.apiVersion, args.kind);
        if (builtIn && args.clusterScoped !== undefined && args.clusterScoped !== knownScope) {
            throw new FederationError(
                { resource: `FederatedResource "${name}"`, field: "clusterScoped" },
                `${args.kind} is ${knownScope ? "cluster-scoped" : "namespaced"} in Kubernetes; leave clusterScoped out for built-in kinds`,
            );
        }
        super(
            "federation:index:FederatedResource",
            name,
            {
                ...args,
                clusterScoped: args.clusterScoped ?? isClusterScopedKind(args.apiVersion, args.kind),
                resourceClass: resourceClassFor(args.apiVersion, args.kind),
            },
            opts,
        );
    }
}

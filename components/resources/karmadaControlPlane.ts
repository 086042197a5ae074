import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FederationError } from "../errors";
import { KarmadaModeOptions, OFFLINE_ENV, clusterLabelProblem } from "../karmada/arguments";
import { Labels } from "../planning/selector";
import { definedOnly } from "../planning/arguments";
import type { MemberProviderOptions } from "./types";

/** `propagation.karmada` of a Federation: where the Karmada control plane is, and how to use it. */
export interface KarmadaPropagationArgs extends KarmadaModeOptions {
    /** Kubeconfig (contents or path) of the Karmada API server; defaults to the ambient one. Kept secret. */
    kubeconfig?: pulumi.Input<string>;
    /** The kubeconfig context that reaches the Karmada API server (e.g. `karmada-apiserver`). */
    context?: pulumi.Input<string>;
    /** Default namespace on the Karmada API server for namespaced objects that name none. */
    namespace?: pulumi.Input<string>;
    /** Further `@pulumi/kubernetes` provider options for the Karmada API server's provider. */
    providerOptions?: MemberProviderOptions;
    /** What identifies the Karmada control plane to Pulumi (changing it replaces every object). Default `karmada`. */
    clusterIdentifier?: pulumi.Input<string>;
}

/** `propagation` of a Federation: leave it out to push to the members; give `karmada` to propagate through Karmada. */
export interface PropagationArgs {
    /** The Karmada control plane to propagate through, and how to use it. */
    karmada: KarmadaPropagationArgs;
}

const CLUSTER_API_VERSION = "cluster.karmada.io/v1alpha1";

/**
 * The Karmada control plane a federation propagates through: one Kubernetes provider for the
 * Karmada API server, on which every federated object registers its template and policies, and
 * a read of each declared member's Karmada `Cluster`, checked against the declared name and labels.
 */
export class KarmadaControlPlane extends pulumi.ComponentResource {
    /** The Kubernetes provider for the Karmada API server: every template and policy registers with it. */
    readonly provider: k8s.Provider;
    /** The Karmada mode options of `propagation.karmada` (checkClusters, conflictResolution, propagateDeps). */
    readonly options: Readonly<KarmadaModeOptions>;
    /**
     * Resolves to the member names once every member's Cluster matched its declaration, and fails
     * the update (naming the member and the labels) otherwise. Policies wait for it, so a mismatch
     * changes nothing.
     */
    get clustersChecked(): pulumi.Output<string[]> {
        // A new Output for each reader, failing as the reader takes it: a mismatch is an error in
        // every output that waits for the check, and never a rejection nobody is waiting for yet
        // (the policies read this when their component initializes, after the check may have failed).
        return this.check.apply((check) => {
            if (check.error !== undefined) throw check.error;
            return check.names;
        });
    }
    /** The outcome of the check: it never fails itself (see clustersChecked). */
    private readonly check: pulumi.Output<{ names: string[]; error?: FederationError }>;

    /**
     * Made by {@link Federation} for `propagation: { karmada }`: `members` are the declared members
     * whose Cluster objects are checked, `owner` names the federation in errors.
     *
     * @internal
     */
    constructor(name: string, args: KarmadaPropagationArgs, members: ReadonlyArray<{ name: string; labels: Labels }>, owner: string, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:KarmadaControlPlane", name, {}, opts);
        this.options = { checkClusters: args.checkClusters, conflictResolution: args.conflictResolution, propagateDeps: args.propagateDeps };
        this.provider = new k8s.Provider(
            name,
            {
                ...definedOnly(args.providerOptions),
                kubeconfig: args.kubeconfig === undefined ? undefined : pulumi.secret(args.kubeconfig),
                context: args.context,
                namespace: args.namespace,
                clusterIdentifier: args.clusterIdentifier ?? "karmada",
            },
            { parent: this },
        );
        const offline = process.env[OFFLINE_ENV] === "1";
        if (args.checkClusters === false || offline) {
            if (offline && args.checkClusters !== false) {
                pulumi.log.info(`${owner}: Karmada's Cluster objects are not checked offline (pulumi up checks that ${members.map((member) => member.name).join(", ")} joined Karmada with the declared labels)`, this);
            }
            this.check = pulumi.output({ names: members.map((member) => member.name) });
        } else {
            const checks = members.map((member) => {
                const cluster = readKarmadaObject(`${name}-${member.name}`, CLUSTER_API_VERSION, "Cluster", member.name, ["metadata"], { parent: this, provider: this.provider });
                return (cluster as unknown as { metadata: pulumi.Output<unknown> }).metadata.apply((metadata): FederationError | undefined => {
                    const problem = clusterLabelProblem(member, { metadata });
                    if (problem === undefined) return undefined;
                    const error = new FederationError({ resource: owner, cluster: member.name, field: "labels" }, problem);
                    // The engine reports the error wrapped in each waiting input's serialization;
                    // this line says it plainly, on the control plane.
                    pulumi.log.error(error.message, this);
                    return error;
                });
            });
            // The first mismatching member in declaration order names the error.
            this.check = pulumi.all(checks).apply((errors) => ({ names: members.map((member) => member.name), error: errors.find((error) => error !== undefined) }));
        }
        this.registerOutputs({ clusters: this.clustersChecked });
    }
}

/**
 * Reads an object from the Karmada API server. `CustomResource.get` makes outputs only of
 * apiVersion and kind; naming the fields to read (as undefined inputs of a read) makes them outputs.
 */
export function readKarmadaObject(name: string, apiVersion: string, kind: string, id: pulumi.Input<string>, fields: readonly string[], opts: pulumi.CustomResourceOptions): Record<string, pulumi.Output<unknown>> {
    const args = { apiVersion, kind, ...Object.fromEntries(fields.map((field) => [field, undefined])) };
    return new k8s.apiextensions.CustomResource(name, args, { ...opts, id }) as unknown as Record<string, pulumi.Output<unknown>>;
}

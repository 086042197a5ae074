/**
 * A member cluster of a federation: its arguments (KubeFed's "join"), its state, and the component
 * that holds the Kubernetes provider reaching it. The Federation (federation.ts) makes one per
 * entry of its `clusters`.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FederationError } from "../errors";
import { Labels } from "../planning/selector";
import { definedOnly } from "../planning/arguments";
import { MemberProviderOptions } from "./types";

/** One entry of `Federation`'s `clusters`: KubeFed's "join" of a member cluster. */
export interface MemberClusterArgs {
    /** The member's name: a DNS-1123 label, unique in the federation. Placement refers to it. */
    name: string;
    /** Kubeconfig contents or a path to one. Defaults to the federation's, then the ambient one. Kept secret. */
    kubeconfig?: pulumi.Input<string>;
    /** The kubeconfig context that reaches this cluster. */
    context?: pulumi.Input<string>;
    /** Labels for placement selectors: region, cloud, tier, … */
    labels?: Labels;
    /** Marks the host cluster (where federation-wide objects such as DNS records live). At most one. */
    host?: boolean;
    /** Default namespace for namespaced objects that name none (the provider's `namespace`). */
    namespace?: pulumi.Input<string>;
    /**
     * What identifies the cluster to Pulumi: changing it replaces every object on the member, and
     * nothing else does (credentials, context and endpoint can rotate freely). Defaults to the
     * member name.
     */
    clusterIdentifier?: pulumi.Input<string>;
    /** Further `@pulumi/kubernetes` provider options for this member. */
    providerOptions?: MemberProviderOptions;
    /**
     * The cluster is down. Nothing is placed on it, scheduled replicas move to the other members,
     * and its provider gets `deleteUnreachable` and `skipUpdateUnreachable` so that Pulumi drops
     * what it cannot reach instead of failing the update (see docs/operations/outage-runbook.md).
     */
    unavailable?: boolean;
    /** The cluster is being emptied on purpose: nothing is placed on it, and its objects are deleted normally. */
    draining?: boolean;
    /** Objects that stop being placed on this member are left in the cluster (Pulumi `retainOnDelete`). */
    orphan?: boolean;
}

/** A member as shown in outputs: what `kubectl get kubefedclusters` would list. */
export interface MemberSummary {
    /** The member's name. */
    name: string;
    /** The member's labels, as declared. */
    labels: Labels;
    /** Whether it is the host cluster. */
    host: boolean;
    /** "available", "draining" or "unavailable". */
    state: MemberState;
    /** With health probes (Federation.connect): whether its API server answered ready. */
    ready?: "True" | "False" | "Unknown";
    /** With health probes: why it is not ready (the probe's error), or why it was not probed. */
    reason?: string;
}

/**
 * A member's availability: `"unavailable"` (its `unavailable` flag: down) and `"draining"` (its
 * `draining` flag: being emptied) get nothing placed on them; `"available"` is every other member.
 */
export type MemberState = "available" | "draining" | "unavailable";

/**
 * One member cluster of a federation, with the Kubernetes provider that reaches it. Everything
 * the federation puts on this member is registered with `provider`.
 */
export class MemberCluster extends pulumi.ComponentResource {
    /** The member's name, as given in the federation's `clusters`. */
    readonly name: string;
    /** The member's labels, which placement selectors match. */
    readonly labels: Labels;
    /** Whether this is the host cluster (where federation-wide objects such as DNS records live). */
    readonly host: boolean;
    /** Available, draining or unavailable, from the member's `draining` and `unavailable` flags. */
    readonly state: MemberState;
    /** The member's `orphan` flag: objects that stop being placed here stay in the cluster. */
    readonly orphan: boolean;
    /** The provider's default namespace when given as a plain string. */
    readonly defaultNamespace: string | undefined;
    /**
     * The member renders YAML (`renderYamlToDirectory`) instead of applying to a cluster. Its
     * objects are replaced by deleting the old file first: a replacement writes the same path,
     * which deleting the original afterwards would remove.
     */
    readonly renders: boolean;
    private readonly ownProvider: k8s.Provider | undefined;

    /**
     * Made by {@link Federation}, one per entry of its `clusters`, with the federation's
     * kubeconfig and provider options to fall back on (and, in Karmada mode, no provider).
     *
     * @internal
     */
    constructor(
        resourceName: string,
        args: MemberClusterArgs & { federationKubeconfig?: pulumi.Input<string>; federationProviderOptions?: MemberProviderOptions; viaKarmada?: boolean },
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super("federation:index:MemberCluster", resourceName, {}, opts);
        this.name = args.name;
        this.labels = { ...(args.labels ?? {}) };
        this.host = args.host === true;
        this.state = args.unavailable ? "unavailable" : args.draining ? "draining" : "available";
        this.orphan = args.orphan === true;
        this.defaultNamespace = typeof args.namespace === "string" ? args.namespace : undefined;
        this.renders = false;
        if (args.viaKarmada) {
            // Karmada reaches the member: this program has no connection to it.
            this.ownProvider = undefined;
            this.registerOutputs({ name: this.name, labels: this.labels, host: this.host, state: this.state });
            return;
        }
        const renderTo = args.providerOptions?.renderYamlToDirectory ?? args.federationProviderOptions?.renderYamlToDirectory;
        // (The provider takes an empty directory as none.)
        const renders = renderTo !== undefined && renderTo !== "";
        this.renders = renders;
        // A rendering member reaches no cluster: it does not take the federation's kubeconfig.
        const kubeconfig = args.kubeconfig ?? (renders ? undefined : args.federationKubeconfig);
        // An unreachable cluster must not block the update: Pulumi forgets what it cannot delete
        // or update there. The member's own provider options can still say otherwise.
        const outage = args.unavailable ? { deleteUnreachable: true, skipUpdateUnreachable: true } : {};
        this.ownProvider = new k8s.Provider(
            resourceName,
            {
                ...definedOnly(args.federationProviderOptions),
                ...outage,
                ...definedOnly(args.providerOptions),
                // A rendering member given no kubeconfig gets an empty one: the provider SDK would
                // otherwise take KUBECONFIG from the environment, and the provider refuses a
                // kubeconfig beside renderYamlToDirectory (it treats "" as none).
                kubeconfig: kubeconfig !== undefined ? pulumi.secret(kubeconfig) : renders ? "" : undefined,
                context: args.context,
                namespace: args.namespace,
                // Rendering YAML and applying to the cluster are two destinations: with one
                // identifier for both, the provider would take a switch between them as a plain
                // update and Pulumi would believe the rendered objects were in the cluster.
                clusterIdentifier: renders ? pulumi.interpolate`${args.clusterIdentifier ?? args.name} (rendered to ${renderTo})` : args.clusterIdentifier ?? args.name,
            },
            { parent: this },
        );
        if (renders) {
            pulumi.log.warn(
                `member ${this.name} renders its objects as YAML instead of applying them; Secret data and other secret values are written there in plain text`,
                this,
            );
        }
        this.registerOutputs({ name: this.name, labels: this.labels, host: this.host, state: this.state });
    }

    /** The Kubernetes provider that reaches this member (push mode only). */
    get provider(): k8s.Provider {
        if (this.ownProvider === undefined) {
            throw new FederationError({ cluster: this.name }, "has no provider in Karmada mode: Karmada propagates to it, and this program only talks to the Karmada API server");
        }
        return this.ownProvider;
    }

    /** The member as the federation's `memberTable` lists it: name, labels, host and state. */
    summary(): MemberSummary {
        return { name: this.name, labels: { ...this.labels }, host: this.host, state: this.state };
    }
}

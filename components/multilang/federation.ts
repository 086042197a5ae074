/**
 * `Federation` for every Pulumi language: the same component as the TypeScript `Federation`
 * (which it constructs, as its one child), with inputs the package schema can describe.
 */
import * as pulumi from "@pulumi/pulumi";
import { Federation as FederationComponent, FederationArgs as FederationComponentArgs } from "../resources/federation";
import { eachEntry, plainTop, plainValue, quiet } from "./inputs";
import { registerFederation } from "./registry";

/** One member cluster: KubeFed's "join" of a cluster. */
export interface MemberClusterInput {
    /** The member's name: a DNS-1123 label, unique in the federation. Placement refers to it. */
    name: string;
    /** Kubeconfig contents or a path to one. Defaults to the federation's, then the ambient one. Kept secret. */
    kubeconfig?: pulumi.Input<string>;
    /** The kubeconfig context that reaches this cluster. */
    context?: pulumi.Input<string>;
    /** Labels for placement selectors: region, cloud, tier. */
    labels?: Record<string, string>;
    /** Marks the host cluster (where federation-wide objects such as DNS records live). At most one. */
    host?: boolean;
    /** Default namespace for namespaced objects that name none. */
    namespace?: pulumi.Input<string>;
    /** What identifies the cluster to Pulumi; changing it replaces every object on the member. Defaults to the name. */
    clusterIdentifier?: pulumi.Input<string>;
    /** Further Kubernetes provider options for this member (as the kubernetes Provider's inputs). */
    providerOptions?: any;
    /** The cluster is down: nothing is placed on it, and Pulumi drops what it cannot reach. */
    unavailable?: boolean;
    /** The cluster is being emptied on purpose: nothing is placed on it. */
    draining?: boolean;
    /** Objects that stop being placed on this member are left in the cluster. */
    orphan?: boolean;
}

export interface FederationArgs {
    /** The member clusters. */
    clusters: MemberClusterInput[];
    /** Kubeconfig (contents or path) for members that give none; each picks its context. Kept secret. */
    kubeconfig?: pulumi.Input<string>;
    /** Provider options applied to every member (a member's own options win). */
    providerOptions?: any;
    /** A folder where members with no context and no kubeconfig render their objects as YAML (`<renderDirectory>/<member>/`) instead of deploying. */
    renderDirectory?: string;
    /** Placement rules every federated object of this federation must keep (see docs/guide/placement-and-scheduling.md). */
    policies?: any[];
    /** How objects reach the members: left out, one object per member; `{ karmada: {...} }`, through Karmada. */
    propagation?: any;
    /** The oldest Kubernetes release any member runs or ran, as "1.M" (default "1.16"): which API versions' aliases the objects keep. */
    oldestKubernetes?: string;
    /** The staged rollout of every Deployment, StatefulSet and DaemonSet that gives none: `{ stages: [{ name, clusters | clusterSelector, maxParallel }], soakSeconds, timeoutSeconds }`. */
    rollout?: any;
}

/**
 * A federation of member clusters (KubeFed's cluster registration), with a Kubernetes provider
 * per member. Other components name it by its `federationName` output.
 */
export class Federation extends pulumi.ComponentResource {
    /** The federation's name: what the federated components' `federation` input takes. */
    public readonly federationName: pulumi.Output<string>;
    /** The members' names, in order. */
    public readonly clusterNames: pulumi.Output<string[]>;

    constructor(name: string, args: FederationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:Federation", name, {}, opts);
        const resource = `Federation "${name}"`;
        const federation = (async () => {
            const plain: FederationComponentArgs = {
                ...args,
                clusters: (await memberList(args?.clusters, resource)) as FederationComponentArgs["clusters"],
                providerOptions: (await plainTop(args?.providerOptions, resource, "providerOptions")) as FederationComponentArgs["providerOptions"],
                renderDirectory: (await plainValue(args?.renderDirectory, resource, "renderDirectory")) as string | undefined,
                policies: (await plainValue(args?.policies, resource, "policies")) as FederationComponentArgs["policies"],
                propagation: (await plainValue(args?.propagation, resource, "propagation")) as FederationComponentArgs["propagation"],
                oldestKubernetes: (await plainValue(args?.oldestKubernetes, resource, "oldestKubernetes")) as string | undefined,
                rollout: (await plainValue(args?.rollout, resource, "rollout")) as FederationComponentArgs["rollout"],
            };
            return new FederationComponent(name, plain, { parent: this });
        })();
        registerFederation(name, federation);
        this.federationName = pulumi.output(federation.then(() => name));
        this.clusterNames = pulumi.output(federation.then((built) => Object.values(built.members).map((member) => member.name), quiet<string[]>([])));
        // Only once it stands: a failed component's error reaches the engine through its outputs, once.
        federation.then(() => this.registerOutputs({ federationName: this.federationName, clusterNames: this.clusterNames }), () => undefined);
    }
}

/** Connection fields stay Inputs (a kubeconfig may come from the cluster another resource creates). */
const CONNECTION_FIELDS = new Set(["kubeconfig", "context", "namespace", "clusterIdentifier"]);

/**
 * The member list awaited: names, labels and flags decide placement; connection fields stay as
 * they are. An empty `context` or `kubeconfig` is left out: Pulumi YAML cannot leave a property
 * out conditionally, so a config value that defaults to "" is how it says "none".
 */
function memberList(clusters: unknown, resource: string): Promise<unknown> {
    return eachEntry(clusters, resource, "clusters", async (member, at) => {
        const given = Object.entries(member).filter(([key, value]) => !((key === "context" || key === "kubeconfig") && value === ""));
        const entries = await Promise.all(given.map(async ([key, value]) => {
            const field = `${at}.${key}`;
            if (CONNECTION_FIELDS.has(key)) return [key, value] as const;
            return [key, key === "providerOptions" ? await plainTop(value, resource, field) : await plainValue(value, resource, field)] as const;
        }));
        return Object.fromEntries(entries);
    });
}

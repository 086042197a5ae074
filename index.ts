/**
 * The federation stack program: what `pulumi up` runs, and what `npm start` synthesizes offline.
 *
 * Stack config (see Pulumi.dev.yaml):
 *   pulumi-federation:clusters:      # the members ("kubefedctl join")
 *     - name: cluster1               # DNS-1123 label
 *       context: kind-cluster1       # or kubeconfig: <path or contents>; neither = render mode
 *       labels: { region: eu-west }
 *       host: true
 *   pulumi-federation:manifests:     # KubeFed-style YAML files or folders
 *     - examples/kubefed-redis/      # (the default)
 *   pulumi-federation:renderDirectory: rendered/<stack>   # (the default)
 *   pulumi-federation:propagation:   # optional: propagate through Karmada instead of pushing
 *     karmada: { context: karmada-apiserver }   # kubeconfig?, namespace?, conflictResolution?, ...
 *   pulumi-federation:health:        # optional: probe the members before planning
 *     probe: true                    # a member that fails is unavailable for this update
 *
 * With propagation, members are only names and labels (Karmada reaches them; their connection
 * fields are left out), and without a context or kubeconfig for Karmada its objects render as
 * YAML to <renderDirectory>/@karmada/ (and the members' Cluster objects are not checked).
 *
 * Every key in the project's namespace is one of these five, and each value has the shape above:
 * a misspelt key or a wrong shape is an error naming the key (and the field), before anything
 * registers (components/manifests/stackConfig.ts).
 *
 * KubeFedCluster documents in the manifests join members too (their labels merge under the
 * config's). A member with neither context nor kubeconfig renders its objects as YAML to
 * <renderDirectory>/<cluster>/ instead of contacting a cluster: by default rendered/<stack>/<cluster>/,
 * beside what offline synth writes (rendered/<stack>/<cluster>/*.yaml).
 */
import * as pulumi from "@pulumi/pulumi";
import {
    FederatedManifests,
    Federation,
    MemberClusterArgs,
    interpretManifests,
    loadFederationManifests,
    membersWithKubeFedClusters,
    planFederation,
    validateMembers,
} from "./components";
import { checkStackConfig } from "./components/manifests/stackConfig";

interface ClusterConfig {
    name: string;
    context?: string;
    kubeconfig?: string;
    labels?: Record<string, string>;
    host?: boolean;
    namespace?: string;
    unavailable?: boolean;
    draining?: boolean;
    orphan?: boolean;
    providerOptions?: MemberClusterArgs["providerOptions"];
}

// The project's namespace, as `new pulumi.Config()` reads it: every key in it known, every value of the right shape.
const namespace = pulumi.getProject();
const config = checkStackConfig(pulumi.runtime.allConfig(), namespace);
const propagation = config.propagation;
const manifestPaths = config.manifests ?? ["examples/kubefed-redis/"];
const renderDirectory = config.renderDirectory ?? `rendered/${pulumi.getStack()}`;
const documents = loadFederationManifests(manifestPaths);

// Members: the stack config's, plus any KubeFedCluster in the manifests that config does not name.
const configured = (config.clusters ?? []) as unknown as ClusterConfig[];
const joined = interpretManifests(documents).members;
const clusters: ClusterConfig[] = membersWithKubeFedClusters(configured, joined);

function memberArgs(cluster: ClusterConfig): MemberClusterArgs {
    const reachable = cluster.context !== undefined || cluster.kubeconfig !== undefined;
    return {
        ...cluster,
        // No credentials: write YAML instead of talking to a cluster (plain text, secrets included).
        providerOptions: reachable ? cluster.providerOptions : { ...cluster.providerOptions, renderYamlToDirectory: `${renderDirectory}/${cluster.name}` },
    };
}

/** In Karmada mode a member is its name, labels and state: Karmada reaches it. */
function karmadaMemberArgs({ name, labels, host, unavailable, draining }: ClusterConfig): MemberClusterArgs {
    return { name, labels, host, unavailable, draining };
}

/** Karmada's API server; without credentials its objects render as YAML (nothing to check Clusters against). */
function karmadaArgs(karmada: Record<string, unknown>): Record<string, unknown> {
    if (karmada.context !== undefined || karmada.kubeconfig !== undefined) return karmada;
    const providerOptions = { ...(karmada.providerOptions as object | undefined), renderYamlToDirectory: `${renderDirectory}/@karmada` };
    return { ...karmada, providerOptions, checkClusters: false };
}

// Check the members and plan every manifest before anything registers: a bad stack changes nothing.
validateMembers(clusters, `stack config ${namespace}:clusters`);
planFederation(documents, clusters, { validateSchema: true });

// Health probing needs to wait for the probes: the program is an async function, whose result is
// the stack's outputs (Pulumi's Node.js host awaits it).
export = async () => {
    const federation = propagation === undefined
        ? await Federation.connect("federation", { clusters: clusters.map(memberArgs), ...(config.health ? { health: config.health } : {}) })
        : new Federation("federation", { clusters: clusters.map(karmadaMemberArgs), propagation: { karmada: karmadaArgs(propagation.karmada) }, ...(config.health ? { health: config.health } : {}) });

    const manifests = new FederatedManifests("manifests", { federation, documents });

    // Typed additions: declare more federated components here, for example
    //   new FederatedConfigMap("settings", { federation, namespace: manifests.namespaces["federated-namespace"],
    //       template: { data: { mode: "ha" } }, placement: { clusterSelector: {} } });

    return {
        /** Like `kubectl get kubefedclusters`: every member, its labels, which one is the host, and (with health probes) whether it is ready. */
        members: federation.memberTable,
        /** For each federated object (`<FederatedKind>/<namespace>/<name>`), the clusters it landed in. */
        placements: manifests.placements,
    };
};

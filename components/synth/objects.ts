/**
 * From a captured program to what each member cluster receives: every registered Kubernetes
 * object, attributed to its member through its provider, with the overrides that shaped it.
 */
import { isClusterScopedKind } from "../planning/kinds";
import { Capture, Registration } from "./capture";
import { KARMADA_FOLDER, karmadaReview, onKarmada } from "./karmadaReview";
import { encodePathComponent } from "./pathNames";

export interface SynthObject {
    /**
     * The member (or `@karmada`), as named: a MemberCluster's name, a provider's name or its
     * clusterIdentifier. Its folder is clusterFolder(cluster).
     */
    cluster: string;
    apiVersion: string;
    kind: string;
    /** Undefined for cluster-scoped objects. */
    namespace?: string;
    name: string;
    /**
     * The file name inside the cluster's folder: `<namespace>-<kind>-<name>.yaml`, encoded as one
     * path component (pathNames.ts), since none of these names is ours to trust.
     */
    file: string;
    /** The object as registered. */
    object: Record<string, any>;
    /** JSON pointers of secret values in `object` ("" when the whole of it is secret). */
    secretPaths: string[];
    /** What changed it from its template, in order (from the federated component). */
    overridesApplied: string[];
    /** Its stage in the component's staged rollout (`canary (1 of 3)`), when it has one. */
    stage?: string;
}

export interface ClusterObjects {
    /** Members in declaration order (clusters that received nothing included). */
    clusters: string[];
    /** Objects grouped by cluster in `clusters` order, then by namespace (cluster-scoped first), kind and name. */
    objects: SynthObject[];
}

const MEMBER_TYPE = "federation:index:MemberCluster";

export function clusterObjects(capture: Capture): ClusterObjects {
    const byUrn = new Map(capture.registrations.map((r) => [r.urn, r]));
    const clusters = capture.registrations.filter((r) => r.type === MEMBER_TYPE).map(memberName);
    const objects: SynthObject[] = [];
    for (const registration of capture.registrations) {
        if (!registration.custom || !registration.type.startsWith("kubernetes:")) continue;
        const cluster = clusterOf(registration, byUrn);
        if (!clusters.includes(cluster)) clusters.push(cluster);
        objects.push(describe(registration, cluster, byUrn));
    }
    // Karmada mode: each member's folder shows what Karmada will make there.
    for (const { cluster, template, object, secretPaths } of karmadaReview(capture.registrations, byUrn)) {
        objects.push(describe({ ...template, inputs: object, secretPaths }, cluster, byUrn));
    }
    // Registration order depends on when each Input resolved; sort for output that never varies.
    const order = new Map(clusters.map((cluster, index) => [cluster, index]));
    const sortKey = (object: SynthObject) => `${object.namespace ?? ""}\u0000${object.kind}\u0000${object.name}`;
    objects.sort((a, b) => order.get(a.cluster)! - order.get(b.cluster)! || (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    return { clusters, objects };
}

/**
 * The folder a cluster's objects go to. The name may be a provider's or a clusterIdentifier
 * (`../x`, `a/b`), so it is encoded like any other name; `@karmada` and DNS labels stay as they are.
 */
export function clusterFolder(cluster: string): string {
    return encodePathComponent(cluster);
}

function memberName(member: Registration): string {
    return typeof member.outputs?.name === "string" ? member.outputs.name : member.name;
}

/** The member an object goes to: its provider's MemberCluster, else the provider's identity. */
function clusterOf(registration: Registration, byUrn: Map<string, Registration>): string {
    if (!registration.provider) return "default";
    if (onKarmada(registration, byUrn)) return KARMADA_FOLDER;
    const provider = byUrn.get(registration.provider.slice(0, registration.provider.lastIndexOf("::")));
    if (!provider) return "default";
    const parent = byUrn.get(provider.parent);
    if (parent?.type === MEMBER_TYPE) return memberName(parent);
    return typeof provider.inputs.clusterIdentifier === "string" ? provider.inputs.clusterIdentifier : provider.name;
}

function describe(registration: Registration, cluster: string, byUrn: Map<string, Registration>): SynthObject {
    const object = registration.inputs;
    const apiVersion = String(object.apiVersion ?? "");
    const kind = String(object.kind ?? registration.type.split(":").pop());
    const name = String(object.metadata?.name ?? registration.name);
    let namespace: string | undefined = object.metadata?.namespace;
    const parent = byUrn.get(registration.parent);
    // The federated component knows the scope (custom kinds included); else the built-in table.
    const clusterScoped = typeof parent?.outputs?.clusterScoped === "boolean" ? parent.outputs.clusterScoped : isClusterScopedKind(apiVersion, kind);
    if (namespace === undefined && !clusterScoped) {
        // The provider's default namespace applies, as it would in the cluster.
        const provider = byUrn.get(registration.provider.slice(0, registration.provider.lastIndexOf("::")));
        namespace = typeof provider?.inputs.namespace === "string" ? provider.inputs.namespace : "default";
    }
    const applied = parent?.outputs?.overridesApplied?.[cluster];
    return {
        cluster,
        apiVersion,
        kind,
        namespace,
        name,
        file: encodePathComponent(`${namespace === undefined ? "" : `${namespace}-`}${kind.toLowerCase()}-${name}`, ".yaml"),
        object,
        secretPaths: registration.secretPaths,
        overridesApplied: Array.isArray(applied) ? applied.map(String) : [],
        ...(typeof parent?.outputs?.rolloutStages?.[cluster] === "string" ? { stage: parent.outputs.rolloutStages[cluster] as string } : {}),
    };
}

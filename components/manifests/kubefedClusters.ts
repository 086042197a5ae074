/**
 * KubeFed's cluster registration in manifests: a KubeFedCluster document as a member, and the
 * members a stack uses when its config and its manifests both name some.
 */
import { FederationError } from "../errors";
import { MemberInfo } from "../planning/members";
import { describeType, dns1123LabelProblem } from "../planning/names";
import { metadataOf } from "./documentParts";
import { ManifestDocument } from "./load";

/** A KubeFedCluster document as a member: its name (a DNS-1123 label) and labels. */
export function readCluster(document: ManifestDocument, label: string): MemberInfo & { document: ManifestDocument } {
    const metadata = metadataOf(document, label);
    const problem = dns1123LabelProblem(metadata.name);
    if (problem) throw new FederationError({ resource: label, field: "metadata.name" }, `member cluster name ${problem}`);
    for (const [key, value] of Object.entries(metadata.labels ?? {})) {
        if (typeof value !== "string") {
            throw new FederationError({ resource: label, cluster: metadata.name, field: `metadata.labels["${key}"]` }, `label values are strings, got ${describeType(value)}`);
        }
    }
    return { document, name: metadata.name, labels: metadata.labels ?? {} };
}

/**
 * The members a stack uses: those its config names (their labels laid over any KubeFedCluster
 * document's of the same name), then the KubeFedCluster documents' members config does not name.
 */
export function membersWithKubeFedClusters<M extends MemberInfo>(configured: readonly M[], joined: readonly MemberInfo[]): (M | MemberInfo)[] {
    const named = new Set(configured.map((member) => member.name));
    return [
        ...configured.map((member) => ({ ...member, labels: { ...joined.find((j) => j.name === member.name)?.labels, ...member.labels } })),
        ...joined.filter((j) => !named.has(j.name)).map(({ name, labels }) => ({ name, labels: { ...labels } })),
    ];
}

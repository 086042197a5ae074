/**
 * The member list as the planner sees it: names and labels. Credentials and providers belong to
 * the Pulumi layer; placement only ever needs these plain values.
 */
import { FederationError } from "../errors";
import { describeType, dns1123LabelProblem } from "./names";
import { Labels } from "./selector";

export interface Member {
    name: string;
    labels?: Labels;
    /** Down: nothing is placed here; replicas are planned onto the other members. */
    unavailable?: boolean;
    /** Being emptied on purpose (maintenance, migration): nothing is placed here. */
    draining?: boolean;
    /** Where namespaced objects that name no namespace land (the provider's default; "default" when unset). */
    defaultNamespace?: string;
}

export interface MemberInfo extends Member {
    host?: boolean;
}

/** What a member entry may say (the Pulumi layer's MemberClusterArgs). */
export const MEMBER_FIELDS: readonly string[] = [
    "name", "labels", "host", "kubeconfig", "context", "namespace", "clusterIdentifier", "providerOptions", "unavailable", "draining", "orphan",
];

/**
 * Checks a federation's member list: zero members is allowed (an empty federation
 * places nothing), names are unique DNS-1123 labels, label values are strings, and at most one
 * member is the host. `owner` names the federation in errors.
 */
export function validateMembers(members: readonly MemberInfo[], owner: string): void {
    if (!Array.isArray(members)) {
        throw new FederationError({ resource: owner, field: "clusters" }, `must be a list of member clusters, got ${describeType(members)}`);
    }
    const seen = new Map<string, number>();
    let host: string | undefined;
    members.forEach((member, index) => {
        const field = `clusters[${index}]`;
        if (member === null || typeof member !== "object") {
            throw new FederationError({ resource: owner, field }, `must be an object with at least a name, got ${describeType(member)}`);
        }
        const problem = dns1123LabelProblem(member.name);
        if (problem) {
            throw new FederationError({ resource: owner, field: `${field}.name` }, `member cluster name ${problem}`);
        }
        const cluster = member.name;
        const earlier = seen.get(cluster);
        if (earlier !== undefined) {
            throw new FederationError(
                { resource: owner, cluster, field: `${field}.name` },
                `duplicate member cluster name (also clusters[${earlier}].name)`,
            );
        }
        seen.set(cluster, index);
        if (member.labels !== undefined) {
            if (member.labels === null || typeof member.labels !== "object" || Array.isArray(member.labels)) {
                throw new FederationError({ resource: owner, cluster, field: `${field}.labels` }, `must be an object of label -> value, got ${describeType(member.labels)}`);
            }
            for (const [key, value] of Object.entries(member.labels)) {
                if (typeof value !== "string") {
                    throw new FederationError({ resource: owner, cluster, field: `${field}.labels["${key}"]` }, `label values are strings, got ${describeType(value)}`);
                }
            }
        }
        const unknown = Object.keys(member).filter((key) => !MEMBER_FIELDS.includes(key));
        if (unknown.length > 0) {
            throw new FederationError(
                { resource: owner, cluster, field: `${field}.${unknown[0]}` },
                `is not a member field (expected ${MEMBER_FIELDS.join(", ")})`,
            );
        }
        for (const flag of ["host", "unavailable", "draining", "orphan"] as const) {
            const value = (member as MemberInfo & { orphan?: unknown })[flag];
            if (value !== undefined && typeof value !== "boolean") {
                throw new FederationError({ resource: owner, cluster, field: `${field}.${flag}` }, `must be true or false, got ${describeType(value)}`);
            }
        }
        if (member.host) {
            if (host !== undefined) {
                throw new FederationError(
                    { resource: owner, cluster, field: `${field}.host` },
                    `only one member can be the host cluster, and "${host}" already is`,
                );
            }
            host = cluster;
        }
    });
}

/**
 * The member list as the planner sees it: names and labels. Credentials and providers belong to
 * the Pulumi layer; placement only ever needs these plain values.
 */
import { badLabelKey, badLabelValue } from "./labels";
import { FederationError, FederationErrorLocation } from "../errors";
import { describeType, dns1123LabelProblem } from "./names";
import { isOpaque, isPlainObject } from "./opaque";
import { Labels } from "./selector";
import { unknownFieldReason } from "./suggest";

/** A member as the planner sees it: its name, its labels and its availability. */
export interface Member {
    /** The member's name. */
    name: string;
    /** Its labels, which placement selectors match. */
    labels?: Labels;
    /** Down: nothing is placed here; replicas are planned onto the other members. */
    unavailable?: boolean;
    /** Being emptied on purpose (maintenance, migration): nothing is placed here. */
    draining?: boolean;
    /** Where namespaced objects that name no namespace land (the provider's default; "default" when unset). */
    defaultNamespace?: string;
}

/** A member as {@link validateMembers} checks it: the planner's view, and whether it is the host. */
export interface MemberInfo extends Member {
    /** Marks the host cluster. At most one. */
    host?: boolean;
}

/** What a member entry may say (the Pulumi layer's MemberClusterArgs). */
export const MEMBER_FIELDS: readonly string[] = [
    "name", "labels", "host", "kubeconfig", "context", "namespace", "clusterIdentifier", "providerOptions", "unavailable", "draining", "orphan",
];

/** What the planner's members may say: the member fields and the planner's own. */
export const PLANNER_MEMBER_FIELDS: readonly string[] = [...MEMBER_FIELDS, "defaultNamespace"];

/**
 * Checks a federation's member list: zero members is allowed (an empty federation
 * places nothing), names are unique DNS-1123 labels, label values are strings, and at most one
 * member is the host. `owner` names the federation in errors.
 */
export function validateMembers(members: readonly MemberInfo[], owner: string, listField = "clusters", fields: readonly string[] = MEMBER_FIELDS): void {
    if (!Array.isArray(members)) {
        throw new FederationError({ resource: owner, field: listField }, `must be a list of member clusters, got ${describeType(members)}`);
    }
    const seen = new Map<string, number>();
    let host: string | undefined;
    members.forEach((member, index) => {
        const field = `${listField}[${index}]`;
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
                `duplicate member cluster name (also ${listField}[${earlier}].name)`,
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
                // A member's labels are what selectors match: the rules selectors are held to.
                const problem = badLabelKey(key) ?? badLabelValue(value);
                if (problem) throw new FederationError({ resource: owner, cluster, field: `${field}.labels["${key}"]` }, problem);
            }
        }
        const unknown = Object.keys(member).filter((key) => !fields.includes(key));
        if (unknown.length > 0) {
            throw new FederationError(
                { resource: owner, cluster, field: `${field}.${unknown[0]}` },
                unknownFieldReason(unknown[0], fields, "member"),
            );
        }
        checkConnectionFields(member as unknown as Record<string, unknown>, { resource: owner, cluster }, field);
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

/** Provider arguments that are member fields of their own, so not provider options. */
const CONNECTION_FIELDS = ["kubeconfig", "context", "namespace", "clusterIdentifier"];

/**
 * How a connection value is described in errors: by its type only, since a string here may be
 * kubeconfig contents (credentials).
 */
function describeConnectionValue(value: unknown): string {
    if (typeof value === "string") return `a string of ${value.length} character${value.length === 1 ? "" : "s"}`;
    return typeof value === "number" || typeof value === "boolean" ? typeof value : describeType(value);
}

/**
 * The connection fields of a member (`prefix` = "clusters[i]") or of the federation (`prefix` =
 * ""): kubeconfig, context and clusterIdentifier are non-empty strings or deployment-time values,
 * namespace a DNS-1123 label, providerOptions an object that does not repeat those fields.
 */
export function checkConnectionFields(args: Record<string, unknown>, location: FederationErrorLocation, prefix: string): void {
    const at = (field: string) => ({ ...location, field: prefix ? `${prefix}.${field}` : field });
    for (const field of ["kubeconfig", "context", "clusterIdentifier"]) {
        const value = args[field];
        if (value === undefined || isOpaque(value)) continue;
        if (typeof value !== "string") {
            const what = field === "kubeconfig" ? "kubeconfig contents or a path to a kubeconfig file" : field === "context" ? "the name of a kubeconfig context" : "a string";
            throw new FederationError(at(field), `must be ${what} (a string or an Output), got ${describeConnectionValue(value)}`);
        }
        if (value.trim().length === 0) throw new FederationError(at(field), "must not be empty (leave it out for the default)");
    }
    if (args.namespace !== undefined && prefix) {
        const problem = dns1123LabelProblem(args.namespace);
        if (problem) throw new FederationError(at("namespace"), `namespace name ${problem}`);
    }
    const options = args.providerOptions;
    if (options !== undefined) {
        if (!isPlainObject(options)) {
            throw new FederationError(at("providerOptions"), `must be an object of @pulumi/kubernetes provider options, got ${describeConnectionValue(options)}`);
        }
        const repeated = Object.keys(options).find((key) => CONNECTION_FIELDS.includes(key));
        if (repeated) {
            const owner = prefix === "propagation.karmada" ? "propagation.karmada's" : prefix ? "the member's" : "the federation's";
            throw new FederationError(at(`providerOptions.${repeated}`), `give ${repeated} as ${owner} own field, not as a provider option`);
        }
    }
}

/**
 * A member whose provider renders YAML (its own or the federation's `renderYamlToDirectory`)
 * talks to no cluster: the Kubernetes provider refuses a kubeconfig or a context beside it. Such a
 * member does not inherit the federation's kubeconfig (see MemberCluster); one of its own is a
 * contradiction, said here before anything registers.
 */
export function checkRenderingMembers(members: readonly Record<string, unknown>[], federationProviderOptions: unknown, owner: string, listField = "clusters"): void {
    const renderDirectory = (options: unknown) => (isPlainObject(options) ? options.renderYamlToDirectory : undefined);
    const federationRenders = renderDirectory(federationProviderOptions);
    members.forEach((member, index) => {
        const own = renderDirectory(member.providerOptions);
        const renders = own ?? federationRenders;
        if (renders === undefined || renders === "") return;
        for (const field of ["kubeconfig", "context"]) {
            if (member[field] === undefined) continue;
            const where = own !== undefined ? "its providerOptions.renderYamlToDirectory" : "the federation's providerOptions.renderYamlToDirectory";
            throw new FederationError(
                { resource: owner, cluster: String(member.name), field: `${listField}[${index}].${field}` },
                `cannot go with ${where}: a member either renders its objects as YAML or applies them to a cluster (leave out ${field} to render, or renderYamlToDirectory to apply)`,
            );
        }
    });
}

/**
 * The federation's `renderDirectory`: each member that has no way to reach a cluster (no context
 * and no kubeconfig of its own, no federation kubeconfig) and no render directory of its own
 * renders its objects as YAML to `<renderDirectory>/<member>/`. A member with a context, or one
 * given later, deploys; this is how a program keeps working offline until its contexts are set.
 */
export function withRenderDirectory<M extends { name: string; context?: unknown; kubeconfig?: unknown; providerOptions?: object }>(
    members: readonly M[],
    renderDirectory: unknown,
    federationKubeconfig: unknown,
    owner: string,
): M[] {
    if (renderDirectory === undefined) return [...members];
    if (typeof renderDirectory !== "string" || renderDirectory.trim() === "") {
        throw new FederationError({ resource: owner, field: "renderDirectory" }, `must be a folder to render unreachable members' YAML into (a non-empty string), got ${describeConnectionValue(renderDirectory)}`);
    }
    if (federationKubeconfig !== undefined) return [...members];
    return members.map((member) => {
        const own = isPlainObject(member.providerOptions) ? member.providerOptions.renderYamlToDirectory : undefined;
        if (member.context !== undefined || member.kubeconfig !== undefined || own !== undefined) return member;
        return { ...member, providerOptions: { ...(member.providerOptions ?? {}), renderYamlToDirectory: `${renderDirectory.replace(/[\\/]+$/, "")}/${member.name}` } };
    });
}

/**
 * Placement policy: rules a federation sets on where its objects may go, checked against every
 * federated object's final placement. A rule matches objects by namespace, kind and labels, and
 * restricts them to members matching a selector and/or to a number of clusters. Breaking a rule is
 * an error before anything is registered, and the error names the rule.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { Member } from "./members";
import { describeType } from "./names";
import { isPlainObject } from "./opaque";
import { LabelSelector, Labels, matchesSelector, validateSelector } from "./selector";
import { unknownFieldReason } from "./suggest";

/** Which objects a placement policy governs: every condition given must hold. */
export interface PolicyMatch {
    /** Objects in one of these namespaces (cluster-scoped objects have none). */
    namespaces?: string[];
    /** Objects of one of these kinds (`Deployment`, `Secret`, ...). */
    kinds?: string[];
    /** Objects whose template labels match. */
    labels?: LabelSelector;
}

/**
 * A placement rule of a federation: the objects it matches may only be placed on members matching
 * `allowedClusters`, and on at most `maxClusters` / at least `minClusters` clusters.
 */
export interface PlacementPolicy {
    /** Named in every error the rule raises. */
    name: string;
    /** Which objects the rule governs; every object when omitted. */
    match?: PolicyMatch;
    /** The members the objects may be placed on. */
    allowedClusters?: LabelSelector;
    /** The most clusters one object may be placed on. */
    maxClusters?: number;
    /** The fewest clusters an object that is placed at all must reach. */
    minClusters?: number;
}

/** What a rule looks at of a federated object. */
export interface PolicySubject {
    /** The object's kind. */
    kind: string;
    /** Undefined for cluster-scoped objects, and for namespaced ones that name none (see below). */
    namespace?: string;
    /** A namespaced object without a namespace lands in each member's default namespace. */
    namespaced?: boolean;
    /** "unknown" when the labels are only known at deployment time. */
    labels?: Labels | "unknown";
}

/**
 * True when `policy` governs `subject`: its namespace, kind and labels meet every condition of
 * the policy's `match` (a policy without `match` governs every object). Matching by labels an
 * object only knows at deployment time is a FederationError.
 */
export function policyApplies(policy: PlacementPolicy, subject: PolicySubject): boolean {
    const match = policy.match;
    if (!match) return true;
    if (match.namespaces && (subject.namespace === undefined || !match.namespaces.includes(subject.namespace))) return false;
    if (match.kinds && !match.kinds.includes(subject.kind)) return false;
    if (match.labels) {
        if (subject.labels === "unknown") {
            throw new FederationError({ field: "template.metadata.labels" }, `policy "${policy.name}" matches by labels, and these are only known at deployment time: give them as plain values`);
        }
        if (!matchesSelector(match.labels, subject.labels)) return false;
    }
    return true;
}

/** Throws a FederationError (field `placement`) naming the first rule `clusters` breaks. */
export function checkPolicies(
    policies: readonly PlacementPolicy[],
    subject: PolicySubject,
    clusters: readonly string[],
    members: readonly Member[],
    location: FederationErrorLocation = {},
    /** Clusters left out for being unavailable or draining, named in minClusters errors. */
    skipped: readonly string[] = [],
): void {
    const byName = new Map(members.map((member) => [member.name, member]));
    // Where a namespaced object names no namespace, each member's default namespace decides.
    const subjectIn = (cluster: string): PolicySubject =>
        subject.namespace === undefined && subject.namespaced ? { ...subject, namespace: byName.get(cluster)?.defaultNamespace ?? "default" } : subject;
    for (const policy of policies) {
        let governed: string[];
        try {
            governed = clusters.filter((cluster) => policyApplies(policy, subjectIn(cluster)));
        } catch (error) {
            throw error instanceof FederationError ? error.within(location) : error;
        }
        if (governed.length === 0 && !(clusters.length === 0 && policyApplies(policy, subject))) continue;
        const where = { ...location, field: location.field ?? "placement" };
        if (policy.allowedClusters) {
            for (const cluster of governed) {
                const labels = byName.get(cluster)?.labels ?? {};
                if (!matchesSelector(policy.allowedClusters, labels)) {
                    throw new FederationError(
                        { ...where, cluster },
                        `policy "${policy.name}" allows only members matching ${describeSelector(policy.allowedClusters)}, and ${cluster} has ${describeLabels(labels)}`,
                    );
                }
            }
        }
        if (policy.maxClusters !== undefined && governed.length > policy.maxClusters) {
            throw new FederationError(where, `policy "${policy.name}" allows at most ${policy.maxClusters} cluster${policy.maxClusters === 1 ? "" : "s"}, and this is placed on ${governed.length} (${governed.join(", ")})`);
        }
        if (policy.minClusters !== undefined && governed.length > 0 && governed.length < policy.minClusters) {
            const why = skipped.length > 0 ? `; ${skipped.join(", ")} ${skipped.length === 1 ? "is" : "are"} unavailable or draining` : "";
            throw new FederationError(where, `policy "${policy.name}" needs at least ${policy.minClusters} clusters, and this is placed on ${governed.length} (${governed.join(", ")})${why}`);
        }
    }
}

export function describeSelector(selector: LabelSelector): string {
    const parts = [
        ...Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`),
        ...(selector.matchExpressions ?? []).map((requirement) =>
            requirement.operator === "Exists" || requirement.operator === "DoesNotExist"
                ? `${requirement.key} ${requirement.operator}`
                : `${requirement.key} ${requirement.operator} (${(requirement.values ?? []).join(", ")})`,
        ),
    ];
    return parts.length === 0 ? "anything" : parts.join(", ");
}

function describeLabels(labels: Labels): string {
    const entries = Object.entries(labels);
    return entries.length === 0 ? "no labels" : entries.map(([key, value]) => `${key}=${value}`).join(", ");
}

/** Checks a federation's rule list; fields `policies[i]...`. */
export function validatePolicies(policies: unknown, owner: string): asserts policies is PlacementPolicy[] {
    const fail = (field: string, reason: string) => new FederationError({ resource: owner, field }, reason);
    if (!Array.isArray(policies)) throw fail("policies", `must be a list of placement rules, got ${describeType(policies)}`);
    const names = new Set<string>();
    policies.forEach((policy, index) => {
        const field = `policies[${index}]`;
        if (!isPlainObject(policy)) throw fail(field, `must be a rule { name, match?, allowedClusters?, maxClusters?, minClusters? }, got ${describeType(policy)}`);
        const { name, match, allowedClusters, maxClusters, minClusters, ...rest } = policy;
        const extra = Object.keys(rest);
        if (extra.length > 0) throw fail(`${field}.${extra[0]}`, unknownFieldReason(extra[0], ["name", "match", "allowedClusters", "maxClusters", "minClusters"], "rule"));
        if (typeof name !== "string" || name.length === 0) throw fail(`${field}.name`, "every rule needs a name (errors name the rule)");
        if (names.has(name)) throw fail(`${field}.name`, `another rule is also called "${name}"`);
        names.add(name);
        if (allowedClusters === undefined && maxClusters === undefined && minClusters === undefined) {
            throw fail(field, `rule "${name}" restricts nothing: give allowedClusters, maxClusters or minClusters`);
        }
        for (const [key, value] of [["maxClusters", maxClusters], ["minClusters", minClusters]] as const) {
            if (value !== undefined && (typeof value !== "number" || !Number.isInteger(value) || value < 0)) {
                throw fail(`${field}.${key}`, `must be a whole number, got ${describeType(value)}`);
            }
        }
        if (typeof minClusters === "number" && typeof maxClusters === "number" && minClusters > maxClusters) {
            throw fail(`${field}.minClusters`, `rule "${name}" needs at least ${minClusters} clusters but allows at most ${maxClusters}: nothing could keep it`);
        }
        const selectorAt = (selector: unknown, at: string) => {
            try {
                validateSelector(selector);
            } catch (error) {
                throw error instanceof FederationError ? error.within({ resource: owner, field: at }) : error;
            }
        };
        if (allowedClusters !== undefined) selectorAt(allowedClusters, `${field}.allowedClusters`);
        if (match !== undefined) {
            if (!isPlainObject(match)) throw fail(`${field}.match`, `must be { namespaces?, kinds?, labels? }, got ${describeType(match)}`);
            const { namespaces, kinds, labels, ...other } = match;
            const unknown = Object.keys(other);
            if (unknown.length > 0) throw fail(`${field}.match.${unknown[0]}`, unknownFieldReason(unknown[0], ["namespaces", "kinds", "labels"], "match"));
            for (const [key, value] of [["namespaces", namespaces], ["kinds", kinds]] as const) {
                if (value !== undefined && (!Array.isArray(value) || value.some((item) => typeof item !== "string"))) {
                    throw fail(`${field}.match.${key}`, `must be a list of names, got ${describeType(value)}`);
                }
            }
            if (labels !== undefined) selectorAt(labels, `${field}.match.labels`);
        }
    });
}

/**
 * Karmada mode, pure: the per-cluster differences of a federated object as Karmada's
 * `OverridePolicy` (`ClusterOverridePolicy` for a cluster-scoped kind).
 *
 * Every kind of override push mode knows (KubeFed's JSON patch, selector entries, typed merge
 * patches, Karmada-style overriders, in their order) has already been applied by the planner to
 * each cluster's object. The policy is made from the result: for each cluster whose object differs
 * from the resource template, one rule targeting that cluster by name, whose `plaintext` operations
 * (RFC 6902, computed in linear time by jsonDiff.ts, a differing top-level field replaced whole: see granularity below) turn the template into that object. So each member
 * gets exactly push mode's object, whatever the entries' order, and the rules never depend on one
 * another: a rule's operations only add what the template lacks and replace or remove what it has,
 * so none of them can fail the way Karmada's plaintext fails on a missing path.
 *
 * What Karmada mode adds to the Karmada API server's copy (template.ts) is removed by a first rule
 * without `targetCluster`, which Karmada applies to every cluster. A whole `metadata.labels` or
 * `metadata.annotations` map is never removed, only its keys: Karmada puts its own labels and
 * annotations on the object before it applies overrides.
 *
 * `spec.replicas` is left to Karmada when it divides the replicas (overrides run after its
 * division). A per-cluster `apiVersion` has no Karmada equivalent (one resource template is one
 * API version) and is refused, and so are per-cluster Secret values: an OverridePolicy is not a
 * Secret, so they would be readable by whoever can read policies.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { DiffOperation, jsonDiff } from "./jsonDiff";
import { isStandIn } from "./opaqueLeaves";
import { KARMADA_POLICY_API_VERSION, karmadaPolicyName } from "./propagationPolicy";
import { checkKarmadaSpec } from "./schema";
import { tokensToPointer } from "../planning/jsonPointer";
import { KarmadaAddition, additionPointer } from "./template";

export interface KarmadaOverrideInput {
    resource: string;
    kind: string;
    name: string;
    namespace?: string;
    clusterScoped: boolean;
    /** The planner's resource template (plain, resolved), without Karmada mode's additions. */
    template: Record<string, unknown>;
    /** What the Karmada API server's copy carries beyond it (template.ts), removed in every member. */
    additions?: readonly KarmadaAddition[];
    /** Each placed cluster's object as the planner made it (plain, resolved), in member order. */
    objects: ReadonlyArray<{ cluster: string; object: Record<string, unknown> }>;
    /** JSON pointers Karmada sets itself (e.g. `/spec/replicas` when it divides replicas); left out. */
    karmadaOwned?: readonly string[];
}

export interface KarmadaPlaintext {
    operator: "add" | "remove" | "replace";
    path: string;
    value?: unknown;
}

export interface KarmadaOverridePolicy {
    apiVersion: typeof KARMADA_POLICY_API_VERSION;
    kind: "OverridePolicy" | "ClusterOverridePolicy";
    metadata: { name: string; namespace?: string };
    spec: {
        resourceSelectors: Array<Record<string, string>>;
        overrideRules: Array<{ targetCluster?: { clusterNames: string[] }; overriders: { plaintext: KarmadaPlaintext[] } }>;
    };
}

/** The OverridePolicy that gives each cluster push mode's object; undefined when no cluster differs. */
export function karmadaOverridePolicy(input: KarmadaOverrideInput): KarmadaOverridePolicy | undefined {
    const location: FederationErrorLocation = { resource: input.resource };
    const owned = input.karmadaOwned ?? [];
    const rules: KarmadaOverridePolicy["spec"]["overrideRules"] = [];
    if ((input.additions ?? []).length > 0) {
        rules.push({ overriders: { plaintext: input.additions!.map((addition) => ({ operator: "remove", path: additionPointer(addition) })) } });
    }
    for (const { cluster, object } of input.objects) {
        if (object.apiVersion !== input.template.apiVersion) {
            throw new FederationError(
                { ...location, cluster, field: "overrides" },
                `changes apiVersion to ${JSON.stringify(object.apiVersion)} for this cluster, which Karmada cannot do: one resource template has one API version; federate that version as its own object instead`,
            );
        }
        const plaintext = jsonDiff(input.template, object, { isLeaf: granularity(owned) })
            .flatMap((operation) => keyByKey(operation, input.template))
            .filter((operation) => !owned.some((pointer) => operation.path === pointer || operation.path.startsWith(`${pointer}/`)))
            .map((operation): KarmadaPlaintext => (operation.op === "remove" ? { operator: "remove", path: operation.path } : { operator: operation.op, path: operation.path, value: operation.value }));
        if (input.kind === "Secret" && plaintext.some((operation) => /^\/(data|stringData)(\/|$)/.test(operation.path))) {
            throw new FederationError(
                { ...location, cluster, field: "overrides" },
                "changes the Secret's data for this cluster, which Karmada mode would have to write into an OverridePolicy, an object that is not a Secret and is readable by whoever can read policies; federate a Secret per variant instead",
            );
        }
        if (plaintext.length > 0) rules.push({ targetCluster: { clusterNames: [cluster] }, overriders: { plaintext } });
    }
    if (rules.length === 0) return undefined;
    const selector: Record<string, string> = { apiVersion: String(input.template.apiVersion), kind: input.kind, name: input.name };
    if (!input.clusterScoped && input.namespace !== undefined) selector.namespace = input.namespace;
    const kind = input.clusterScoped ? "ClusterOverridePolicy" : "OverridePolicy";
    const spec = { resourceSelectors: [selector], overrideRules: rules };
    checkKarmadaSpec(kind, spec, location);
    return {
        apiVersion: KARMADA_POLICY_API_VERSION,
        kind,
        metadata: { name: karmadaPolicyName(String(input.template.apiVersion), input.kind, input.name, location), ...(input.clusterScoped || input.namespace === undefined ? {} : { namespace: input.namespace }) },
        spec,
    };
}

/**
 * Removing a whole labels or annotations map becomes removing each of the template's keys: Karmada
 * has put its own keys in those maps by the time the overrides run.
 */
function keyByKey(operation: DiffOperation, template: Record<string, unknown>): DiffOperation[] {
    const map = /^\/metadata\/(labels|annotations)$/.exec(operation.path)?.[1];
    if (map === undefined || operation.op !== "remove") return [operation];
    const keys = Object.keys((template.metadata as Record<string, Record<string, unknown>>)[map] ?? {});
    return keys.map((key) => ({ op: "remove" as const, path: tokensToPointer(["metadata", map, key]) }));
}

/**
 * How coarse a cluster's operations are. Karmada patches the copy the Karmada API server stored,
 * with that server's defaults filled in, while push mode sends the object as written and the member
 * defaults it. A field-level patch would keep defaults that the change makes invalid (a
 * Deployment's rollingUpdate after a switch to Recreate, a Service's node ports after a switch to
 * ClusterIP). So a top-level field that differs is replaced whole by the cluster's value as
 * written, which the member then defaults as in push mode. Exceptions:
 * - metadata: labels and annotations key by key (Karmada's own keys are in them), its other
 *   fields whole (nothing defaults them);
 * - a field holding a path Karmada sets itself (spec, when Karmada divides /spec/replicas): its
 *   children are replaced whole instead, and the owned path is left out.
 * A stand-in for a deployment-time value is always compared whole.
 */
function granularity(owned: readonly string[]): (value: unknown, path: readonly string[]) => boolean {
    const ownedTop = new Set(owned.map((pointer) => pointer.split("/")[1]));
    return (value, path) => {
        if (isStandIn(value)) return true;
        if (path.length === 1) return path[0] !== "metadata" && !ownedTop.has(path[0]);
        if (path.length === 2) return path[0] === "metadata" ? path[1] !== "labels" && path[1] !== "annotations" : ownedTop.has(path[0]);
        return path.length > 2 && path[0] === "metadata";
    };
}

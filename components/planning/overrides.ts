/**
 * KubeFed-format overrides for one cluster: `{ op?, path, value? }` JSON patch operations
 * (RFC 6902 `add`, `remove`, `replace`; `op` defaults to `replace`), applied in order to a copy
 * of the template, with validation that names the failing field, protected identity paths, and
 * patching through values that are only known at deployment time. As in KubeFed (json-patch v4),
 * `replace` of a key an existing object lacks sets it; a missing parent is an error.
 *
 * JSON pointers are parsed by the `rfc6902` package. The three operations themselves are applied
 * here, after the RFC's checks are made on own properties only: the package's evaluator reads
 * inherited properties (so a missing "toString" key "exists"), steps over keys named
 * `__proto__`, `constructor` and `prototype`, and deep-copies inserted values (turning Outputs
 * into plain objects). Template keys come from users, so none of that is acceptable here.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { childAt, describeMissing, pointerProblem, pointerTokens, tokensToPointer } from "./jsonPointer";
import { clonePlain, Defer, isOpaque, isPlainObject, setOwn } from "./opaque";
import { describeType } from "./names";
import { unknownFieldReason } from "./suggest";

/** An RFC 6902 JSON patch operation, as KubeFed's overrides take it. */
export type OverrideOperation = "add" | "remove" | "replace";

/** One of KubeFed's `clusterOverrides`: a JSON patch operation on a cluster's copy of the template. */
export interface ClusterOverride {
    /** Defaults to `replace`, as in KubeFed. */
    op?: OverrideOperation;
    /** A JSON pointer into the object, e.g. `/spec/replicas` or `/metadata/annotations/foo`. */
    path: string;
    /** Required for `add` and `replace`; not allowed for `remove`. */
    value?: unknown;
}

/** Options of {@link applyOverrides}. */
export interface ApplyOverridesOptions {
    /**
     * Resolves a value known only at deployment time when a path leads through it. Without it,
     * such a path is an error.
     */
    defer?: Defer;
    /** Prefixed to every error (also errors raised later, inside deferred patches). */
    location?: FederationErrorLocation;
    /**
     * `replace` of a key an existing object lacks: `"set"` (the default) sets it, as KubeFed's
     * json-patch v4 does; `"error"` refuses it, as RFC 6902 and Karmada's json-patch v5 do.
     */
    replaceMissing?: "set" | "error";
    /**
     * The operations patch a document held inside a field (Karmada's fieldOverrider), not a
     * Kubernetes object: no identity paths to protect.
     */
    embedded?: boolean;
}

const OPERATIONS: readonly OverrideOperation[] = ["add", "remove", "replace"];

/**
 * Fields that identify an object. Changing them per cluster would make the "same" resource a
 * different object in each cluster, breaking the one-name-everywhere rule services and DNS need.
 * `/apiVersion` is not among them: as in KubeFed, one kind may be served under different API
 * versions in different clusters (see checkApiVersionOverride).
 */
export const PROTECTED_PATHS: readonly string[] = [
    "/kind",
    "/metadata/name",
    "/metadata/namespace",
    "/metadata/generateName",
];
const PROTECTED_TOKENS = PROTECTED_PATHS.map(pointerTokens);

/** The protected path that `tokens` would change (itself, inside or above it), if any. */
export function protectedPathTouched(tokens: readonly string[]): string | undefined {
    for (let i = 0; i < PROTECTED_TOKENS.length; i++) {
        const guarded = PROTECTED_TOKENS[i];
        const shared = Math.min(guarded.length, tokens.length);
        let same = true;
        for (let j = 0; j < shared && same; j++) same = guarded[j] === tokens[j];
        if (same) return PROTECTED_PATHS[i];
    }
    return undefined;
}

/** For each protected path: what another value in one cluster takes instead of an override. */
const PROTECTED_LEAVES: Readonly<Record<string, { value: string; object: string }>> = {
    "/kind": { value: "kind", object: "of that kind" },
    "/metadata/name": { value: "name", object: "with that name" },
    "/metadata/namespace": { value: "namespace", object: "in that namespace" },
    "/metadata/generateName": { value: "name", object: "with that name" },
};

/**
 * Why an override of `path` is refused, `guarded` being the protected path it would change, with
 * advice that fits: a path above the protected one (`/metadata`) has fields below it to override
 * instead; the protected path itself is a string, with nothing below it, so another name,
 * namespace or kind in one cluster is another federated object.
 */
export function protectedPathReason(path: string, guarded: string): string {
    const reason = `"${path}" would change ${guarded}, which must be the same in every cluster`;
    const tokens = pointerTokens(path);
    if (tokens.length < pointerTokens(guarded).length) {
        const example = tokens.length === 1 && tokens[0] === "metadata" ? ` (such as "/metadata/labels/<key>")` : "";
        return `${reason}; override fields below it instead${example}, leaving ${guarded} as it is`;
    }
    const leaf = PROTECTED_LEAVES[guarded] ?? { value: "value", object: "with that value" };
    return (
        `${reason}: it is a string, with no fields below it to override. To use another ${leaf.value} in one cluster, ` +
        `declare another federated object ${leaf.object} placed on that cluster (and leave that cluster out of this one's placement)`
    );
}

/**
 * Checks one cluster's override list without applying it: known ops, valid pointers, a value
 * where one is needed, no protected path and no path twice. Error fields are relative to the
 * list (`clusterOverrides[2].path`) and prefixed with `location`.
 */
export function validateClusterOverrides(clusterOverrides: unknown, location: FederationErrorLocation = {}, embedded = false): asserts clusterOverrides is ClusterOverride[] {
    const fail = (field: string, reason: string) => new FederationError({ ...location, field: joinField(location.field, field) }, reason);
    if (!Array.isArray(clusterOverrides)) {
        throw fail("clusterOverrides", `must be a list of { op, path, value } operations, got ${describeType(clusterOverrides)}`);
    }
    const firstUse = new Map<string, number>();
    clusterOverrides.forEach((override, index) => {
        const field = `clusterOverrides[${index}]`;
        if (!isPlainObject(override)) {
            throw fail(field, `must be an object { op, path, value }, got ${describeType(override)}`);
        }
        const { op, path, value, ...rest } = override;
        if (op !== undefined && !OPERATIONS.includes(op as OverrideOperation)) {
            throw fail(`${field}.op`, `${JSON.stringify(op)} is not a supported operation (use add, remove or replace; replace is the default)`);
        }
        const extra = Object.keys(rest);
        if (extra.length > 0) {
            throw fail(`${field}.${extra[0]}`, unknownFieldReason(extra[0], ["op", "path", "value"], "override"));
        }
        const problem = pointerProblem(path);
        if (problem) throw fail(`${field}.path`, problem);
        const tokens = pointerTokens(path as string);
        const guarded = embedded ? undefined : protectedPathTouched(tokens);
        if (guarded) throw fail(`${field}.path`, protectedPathReason(path as string, guarded));
        const effectiveOp = (op ?? "replace") as OverrideOperation;
        if (tokens[0] === "apiVersion" && !embedded) checkApiVersionOverride(tokens, effectiveOp, value, `${field}`, fail);
        const hasValue = Object.prototype.hasOwnProperty.call(override, "value") && value !== undefined;
        if (effectiveOp !== "remove" && !hasValue) {
            throw fail(`${field}.value`, `operation ${effectiveOp} of "${path}" needs a value`);
        }
        if (effectiveOp === "remove" && hasValue) {
            throw fail(`${field}.value`, `operation remove of "${path}" takes no value`);
        }
        const canonical = tokensToPointer(tokens);
        const earlier = firstUse.get(canonical);
        if (earlier !== undefined) {
            throw fail(`${field}.path`, `duplicate path "${path}" (also clusterOverrides[${earlier}].path); combine them into one operation`);
        }
        firstUse.set(canonical, index);
    });
}

/** An apiVersion `group/version` (or a core `version`), as Kubernetes spells them. */
const API_VERSION = /^(?:[a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/;

/**
 * KubeFed allows `/apiVersion` overrides on purpose: one kind served under different API
 * versions in different clusters (an Ingress of networking.k8s.io/v1 here, extensions/v1beta1
 * there). The object in that cluster is then registered as that apiVersion's resource. Removing
 * it, or a path inside the string, cannot make a valid object.
 */
function checkApiVersionOverride(tokens: readonly string[], op: OverrideOperation, value: unknown, field: string, fail: (field: string, reason: string) => FederationError): void {
    if (tokens.length > 1) throw fail(`${field}.path`, `/apiVersion is a string: override it whole ("/apiVersion"), not "${tokensToPointer(tokens)}"`);
    if (op === "remove") throw fail(`${field}.op`, "every object needs an apiVersion: replace /apiVersion with the version this cluster serves instead of removing it");
    if (value === undefined) return; // the missing value is reported below
    if (typeof value !== "string" || !API_VERSION.test(value)) {
        throw fail(`${field}.value`, `must be an apiVersion such as "networking.k8s.io/v1" or "v1", got ${describeType(value)}`);
    }
}

/**
 * Applies one cluster's overrides to `object` and returns the result; `object` is not changed.
 * Paths that lead through a value known only at deployment time are applied to that value once
 * it is known, through `options.defer`.
 */
export function applyOverrides<T>(object: T, clusterOverrides: readonly ClusterOverride[], options: ApplyOverridesOptions = {}): T {
    const location = options.location ?? {};
    validateClusterOverrides(clusterOverrides, location, options.embedded);
    if (!isPlainObject(object) && !(options.embedded && Array.isArray(object))) {
        throw new FederationError(location, `overrides apply to an object, got ${describeType(object)}`);
    }
    let document: unknown = clonePlain(object);
    clusterOverrides.forEach((override, index) => {
        const field = joinField(location.field, `clusterOverrides[${index}]`);
        document = applyOne(document, override, { ...location, field }, options.defer, [], options.replaceMissing === "error");
    });
    return document as T;
}

/**
 * Applies one operation. `prefix` is the part of the original path already walked when this runs
 * inside a deferred value, so messages always show the path the user wrote.
 */
function applyOne(
    document: unknown,
    override: ClusterOverride,
    location: FederationErrorLocation,
    defer: Defer | undefined,
    prefix: readonly string[] = [],
    strictReplace = false,
): unknown {
    const tokens = pointerTokens(override.path);
    // Walk the parents of the target. If one is opaque, hand the rest of the path to `defer`.
    let node = document;
    for (let i = 0; i < tokens.length - 1; i++) {
        const child = childAt(node, tokens[i]);
        if (child === undefined) break; // the patch below reports the missing part
        if (isOpaque(child)) {
            const walked = [...prefix, ...tokens.slice(0, i + 1)];
            if (!defer) {
                throw new FederationError(
                    location,
                    `"${tokensToPointer([...prefix, ...tokens])}" leads through ${tokensToPointer(walked)}, whose value is only known at deployment time`,
                );
            }
            const rest = { ...override, path: tokensToPointer(tokens.slice(i + 1)) };
            setChild(node, tokens[i], defer(child, (resolved) => applyOne(clonePlain(resolved), rest, location, defer, walked, strictReplace)));
            return document;
        }
        node = child;
    }

    const op = override.op ?? "replace";
    const problem = targetProblem(document, op, tokens, prefix, strictReplace);
    if (problem) throw new FederationError(location, problem);
    const parent = navigate(document, tokens.slice(0, -1)) as Record<string, unknown> | unknown[];
    const key = tokens[tokens.length - 1];
    // Our own copy keeps Outputs inside the value as they are (opaque leaves are shared).
    const value = clonePlain(override.value);
    if (Array.isArray(parent)) {
        const index = key === "-" ? parent.length : Number(key);
        if (op === "add") parent.splice(index, 0, value);
        else if (op === "remove") parent.splice(index, 1);
        else parent[index] = value;
    } else if (op === "remove") {
        delete parent[key];
    } else {
        setOwn(parent, key, value);
    }
    return document;
}

const LIST_INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * Why `op` cannot apply at `tokens` in `document`, or undefined when it can: RFC 6902's rules on
 * own properties only: `add` needs the parent (an object, or a list with an index up to its
 * length or "-"), `remove` and `replace` need the target itself.
 */
function targetProblem(document: unknown, op: string, tokens: readonly string[], prefix: readonly string[], strictReplace: boolean): string | undefined {
    const path = tokensToPointer([...prefix, ...tokens]);
    const parentTokens = tokens.slice(0, -1);
    const parentPath = tokensToPointer([...prefix, ...parentTokens]);
    const parent = navigate(document, parentTokens);
    if (parent === undefined) {
        return `cannot ${op} "${path}": ${describeMissing(document, tokens, parentTokens.length, prefix)}`;
    }
    const last = tokens[tokens.length - 1];
    if (Array.isArray(parent)) {
        if (op === "add") {
            if (last === "-" || (LIST_INDEX.test(last) && Number(last) <= parent.length)) return undefined;
            return `cannot add at "${path}": ${parentPath} is a list of ${parent.length} items; use an index from 0 to ${parent.length}, or "-" to append`;
        }
        if (last === "-") return `cannot ${op} "${path}": "-" means "after the last item" and only works with add`;
        if (LIST_INDEX.test(last) && Number(last) < parent.length) return undefined;
        return `cannot ${op} "${path}": ${parentPath} is a list of ${parent.length} items, with no index "${last}"`;
    }
    if (!isPlainObject(parent)) {
        return `cannot ${op} "${path}": ${parentPath || "the object"} is ${parent === null ? "null" : typeof parent}, not an object or list`;
    }
    // KubeFed applies overrides with evanphx/json-patch v4, whose replace of a key missing from an
    // existing object sets it, like add (KubeFed's own e2e tests replace /metadata/labels on
    // templates without labels). RFC 6902 would refuse it; KubeFed manifests rely on it.
    if (op === "add" || (op === "replace" && !strictReplace) || Object.prototype.hasOwnProperty.call(parent, last)) return undefined;
    const hint = op === "replace" ? ' (Karmada applies this as RFC 6902 JSON patch, whose replace needs an existing value; use operator "add" to create it)' : "";
    return `cannot ${op} "${path}": ${describeMissing(document, tokens, tokens.length, prefix)}${hint}`;
}

function navigate(document: unknown, tokens: readonly string[]): unknown {
    let node = document;
    for (const token of tokens) node = childAt(node, token);
    return node;
}

function setChild(node: unknown, token: string, value: unknown): void {
    if (Array.isArray(node)) node[Number(token)] = value;
    else setOwn(node as Record<string, unknown>, token, value);
}

function joinField(outer: string | undefined, inner: string): string {
    return outer ? `${outer}.${inner}` : inner;
}

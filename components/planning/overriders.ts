/**
 * Karmada-style overriders (the `overriders` of a Karmada OverridePolicy) translated into KubeFed
 * JSON patch operations, so that they run through the same `applyOverrides` as hand-written
 * `clusterOverrides`. The translation is pure: it reads the object, never changes it, and returns
 * concrete operations (`replace /spec/template/spec/containers/0/image`, ...).
 *
 * Overriders run in Karmada's order: image, command, args, labels, annotations; within each list
 * in list order, each one seeing what the earlier ones did. The operations returned express the
 * net change at each path they touch, once per path (applyOverrides refuses a path twice):
 * `add` where the field was absent, `replace` where it changed, `remove` where it is gone, and
 * nothing where the overriders ended where the object started.
 *
 * Decisions (where Karmada is silent, or does something this library will not do):
 * - Images are parsed as Docker does (distribution/reference): the first "/"-part is the registry
 *   when it contains "." or ":", is "localhost", or has upper-case letters; the tag follows the
 *   last ":" after the last "/"; a digest follows "@". Karmada instead treats any first part as
 *   the registry ("library/redis" would have registry "library"). No "docker.io/library/" is
 *   added: "redis" has no registry, and a registry added to it gives "mirror.example.com/redis".
 * - The Tag component is the tag-or-digest slot, as in Karmada: replace with "sha256:<hex>" pins
 *   a digest (and drops any tag), replace with a tag drops any digest, remove drops both (also
 *   both of "app:1.0@sha256:..."). add appends to the tag (Karmada's add always appends); add on
 *   an image pinned by a digest is an error, since a digest cannot be extended.
 * - A Registry value may carry a path ("harbor.example.com/proxy"), as registry mirrors often
 *   need. Every result is parsed again and must be a valid reference that Docker reads with the
 *   intended registry: "mirror" + "/redis" would be Docker Hub's "mirror/redis", so it is an
 *   error, as is a Repository value that would be read as a registry.
 * - Repository remove is an error (an image needs a repository).
 * - Image overriders cover `containers` and `initContainers` (optionally only those named
 *   `containerName`); command and args overriders the containers with that name in either list
 *   (Kubernetes keeps container names unique across both). An unknown name is an error.
 * - command/args remove drops every occurrence of each listed item; a list left empty is removed
 *   (an empty command means the same as none: the image's entrypoint).
 * - Labels and annotations: add sets keys (creating the map when absent), replace changes only
 *   keys that exist (a missing one is an error), remove deletes the listed keys and ignores their
 *   values (a missing key is no error). Keys must be valid Kubernetes keys ([prefix/]name) and
 *   label values valid label values. Keys are JSON-pointer escaped ("example.com/team" ->
 *   "example.com~1team"; "~" is never valid in a key); Karmada does not escape them.
 * - A workload kind counts only in its own API group (a `batch.volcano.sh` Job has no pod
 *   template at /spec/template/spec); without an apiVersion the kind alone decides.
 * - A value only known at deployment time (an Output) where an overrider must read is an error
 *   that says so; opaque items inside a command or args list are carried through by add.
 */
import { WORKLOAD_LIST, Workload, workloadFor } from "./podSpec";
import { FederationError, FederationErrorLocation } from "../errors";
import { childAt, tokensToPointer } from "./jsonPointer";
import { describeType, dns1123LabelProblem, isDns1123Subdomain } from "./names";
import { clonePlain, isOpaque, isPlainObject, setOwn } from "./opaque";
import { ClusterOverride } from "./overrides";

export type OverriderOperator = "add" | "remove" | "replace";
export type ImageComponent = "Registry" | "Repository" | "Tag";

export interface ImageOverrider {
    /** Which part of the image reference: [registry/]repository[:tag|@digest] */
    component: ImageComponent;
    operator: OverriderOperator;
    /** Required for add and replace, not allowed for remove. */
    value?: string;
    /** Only containers with this name (default: every container and initContainer). */
    containerName?: string;
}

export interface CommandArgsOverrider {
    containerName: string;
    operator: "add" | "remove";
    value: string[];
}

export interface LabelAnnotationOverrider {
    operator: OverriderOperator;
    /** For remove only the keys count. */
    value: Record<string, string>;
}

export interface Overriders {
    imageOverrider?: ImageOverrider[];
    commandOverrider?: CommandArgsOverrider[];
    argsOverrider?: CommandArgsOverrider[];
    labelsOverrider?: LabelAnnotationOverrider[];
    annotationsOverrider?: LabelAnnotationOverrider[];
}

/** The overrider lists, in the order they run. */
const OVERRIDER_KEYS = ["imageOverrider", "commandOverrider", "argsOverrider", "labelsOverrider", "annotationsOverrider"] as const;
type OverriderKey = (typeof OVERRIDER_KEYS)[number];
const OPERATORS: readonly OverriderOperator[] = ["add", "remove", "replace"];
const COMPONENTS: readonly ImageComponent[] = ["Registry", "Repository", "Tag"];

type Fail = (field: string | undefined, reason: string) => FederationError;

function failAt(location: FederationErrorLocation): Fail {
    return (field, reason) => new FederationError({ ...location, field: joinField(location.field, field) }, reason);
}

function joinField(outer: string | undefined, inner: string | undefined): string | undefined {
    if (!inner) return outer;
    return outer ? `${outer}.${inner}` : inner;
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/**
 * Throws a FederationError with fields relative to the overriders object, e.g.
 * `imageOverrider[0].component`, prefixed by location.field when given (joined with "."). An
 * error about the overriders object as a whole carries location.field itself.
 */
export function validateOverriders(overriders: unknown, location: FederationErrorLocation = {}): asserts overriders is Overriders {
    const fail = failAt(location);
    if (!isPlainObject(overriders)) {
        throw fail(undefined, `overriders must be an object with ${OVERRIDER_KEYS.join(", ")}, got ${describeType(overriders)}`);
    }
    for (const key of Object.keys(overriders)) {
        if (!(OVERRIDER_KEYS as readonly string[]).includes(key)) throw fail(key, unknownOverriderReason(key));
    }
    for (const key of OVERRIDER_KEYS) {
        const list = overriders[key];
        if (list === undefined) continue;
        if (!Array.isArray(list)) throw fail(key, `must be a list of ${ITEM_NAMES[key]}s, got ${describeType(list)}`);
        list.forEach((item, index) => {
            const field = `${key}[${index}]`;
            if (!isPlainObject(item)) throw fail(field, `must be ${article(ITEM_NAMES[key])} object, got ${describeType(item)}`);
            if (key === "imageOverrider") validateImageOverrider(item, field, fail);
            else if (key === "commandOverrider" || key === "argsOverrider") validateCommandArgsOverrider(item, field, fail, key === "commandOverrider" ? "command" : "args");
            else validateLabelAnnotationOverrider(item, field, fail, key === "labelsOverrider" ? "label" : "annotation");
        });
    }
}

const ITEM_NAMES: Record<OverriderKey, string> = {
    imageOverrider: "image overrider",
    commandOverrider: "command overrider",
    argsOverrider: "args overrider",
    labelsOverrider: "labels overrider",
    annotationsOverrider: "annotations overrider",
};

function article(noun: string): string {
    return (/^[aeiou]/.test(noun) ? "an " : "a ") + noun;
}

function unknownOverriderReason(key: string): string {
    if (key === "plaintext" || key === "fieldOverrider") {
        return `is a Karmada overrider that is not translated here; write it as clusterOverrides (JSON patch operations) instead`;
    }
    const guess = closest(key, OVERRIDER_KEYS);
    return `is not an overrider (expected ${OVERRIDER_KEYS.join(", ")})` + (guess ? `; did you mean ${guess}?` : "");
}

/** Rejects keys outside `known`, suggesting the nearest known key for a typo. */
function rejectUnknownFields(item: Record<string, unknown>, known: readonly string[], field: string, fail: Fail, what: string, special: Record<string, string> = {}): void {
    for (const key of Object.keys(item)) {
        if (known.includes(key)) continue;
        if (hasOwn(special, key)) throw fail(`${field}.${key}`, special[key]);
        const guess = closest(key, known);
        throw fail(`${field}.${key}`, `is not ${article(what)} field (expected ${known.join(", ")})` + (guess ? `; did you mean ${guess}?` : ""));
    }
}

/** The candidate within a small edit distance of `word` (ignoring case), if one is. */
function closest(word: string, candidates: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
    for (const candidate of candidates) {
        const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}

function checkOperator(operator: unknown, allowed: readonly string[], field: string, fail: Fail, what: string): void {
    if (operator === undefined) throw fail(`${field}.operator`, `is required (${listWords(allowed)})`);
    if (typeof operator === "string" && OPERATORS.includes(operator as OverriderOperator) && !allowed.includes(operator)) {
        throw fail(`${field}.operator`, `${what}s support ${listWords(allowed)}, not ${operator}`);
    }
    if (!allowed.includes(operator as string)) {
        const hint = typeof operator === "string" && allowed.includes(operator.toLowerCase()) ? `; operators are lower-case: "${operator.toLowerCase()}"` : "";
        throw fail(`${field}.operator`, `${JSON.stringify(operator)} is not an operator (use ${listWords(allowed)})${hint}`);
    }
}

function listWords(words: readonly string[]): string {
    return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function validateImageOverrider(item: Record<string, unknown>, field: string, fail: Fail): void {
    rejectUnknownFields(item, ["component", "operator", "value", "containerName"], field, fail, "image overrider", {
        predicate: "is not supported here: image overriders find images by containerName (default: every container and initContainer)",
    });
    const { component, operator, value, containerName } = item;
    if (component === undefined) throw fail(`${field}.component`, `is required (${listWords(COMPONENTS)})`);
    if (!COMPONENTS.includes(component as ImageComponent)) {
        const match = typeof component === "string" ? COMPONENTS.find((known) => known.toLowerCase() === component.toLowerCase()) : undefined;
        const hint = match ? `; components are capitalised: "${match}"` : "";
        throw fail(`${field}.component`, `${JSON.stringify(component)} is not an image component (use ${listWords(COMPONENTS)})${hint}`);
    }
    checkOperator(operator, OPERATORS, field, fail, "image overrider");
    if (component === "Repository" && operator === "remove") {
        throw fail(`${field}.operator`, "remove does not apply to Repository: an image needs a repository (use replace)");
    }
    if (operator === "remove") {
        if (value !== undefined) throw fail(`${field}.value`, `operator remove takes no value`);
    } else {
        if (value === undefined) throw fail(`${field}.value`, `operator ${operator} of ${component} needs a value`);
        if (typeof value !== "string") throw fail(`${field}.value`, `must be a string, got ${describeType(value)}`);
        const problem = imageValueProblem(component as ImageComponent, operator as OverriderOperator, value);
        if (problem) throw fail(`${field}.value`, problem);
    }
    if (containerName !== undefined) {
        const problem = containerNameProblem(containerName);
        if (problem) throw fail(`${field}.containerName`, problem);
    }
}

/** Why `value` cannot be used for `operator` on `component`, checked before seeing any image. */
function imageValueProblem(component: ImageComponent, operator: OverriderOperator, value: string): string | undefined {
    if (value === "") return "must not be empty";
    if (component === "Registry") {
        if (operator === "replace") return registryValueProblem(value);
        if (!/^[A-Za-z0-9.:/_[\]-]+$/.test(value)) return `"${value}" cannot be part of a registry (letters, digits, ".", "-", ":" and a port, "/" and a path)`;
        return undefined;
    }
    if (component === "Repository") {
        if (operator === "replace") return REMOTE_NAME.test(value) ? undefined : `"${value}" is not ${REPOSITORY_RULE}`;
        if (!/^[a-z0-9._/-]+$/.test(value)) return `"${value}" cannot be part of a repository (lower-case letters, digits, ".", "_", "-" and "/")`;
        return undefined;
    }
    if (operator === "add") {
        return /^[\w.-]+$/.test(value) ? undefined : `"${value}" cannot be added to a tag (letters, digits, "_", "." and "-")`;
    }
    if (value.startsWith("@")) return `write the digest without "@": "${value.slice(1)}"`;
    if (value.includes(":")) return digestProblem(value);
    return TAG.test(value) ? undefined : `"${value}" is not ${TAG_RULE}`;
}

/** A registry to set: host[:port] that Docker reads as a registry, optionally with a path. */
function registryValueProblem(value: string): string | undefined {
    const [host, ...path] = value.split("/");
    if (!DOMAIN_AND_PORT.test(host)) return `"${host}" is not a registry host[:port] (like "registry.example.com" or "localhost:5000")`;
    if (!looksLikeRegistry(host)) {
        return `Docker would read "${host}" as the first part of a Docker Hub repository, not as a registry: a registry has a "." or a ":port", or is "localhost" (e.g. "${host}.example.com" or "${host}:5000")`;
    }
    for (const part of path) {
        if (!PATH_COMPONENT.test(part)) return `"${value}": the path after the registry host is not ${REPOSITORY_RULE}`;
    }
    return undefined;
}

function validateCommandArgsOverrider(item: Record<string, unknown>, field: string, fail: Fail, target: "command" | "args"): void {
    rejectUnknownFields(item, ["containerName", "operator", "value"], field, fail, `${target} overrider`);
    const { containerName, operator, value } = item;
    if (containerName === undefined) throw fail(`${field}.containerName`, `is required: the container whose ${target} to change`);
    const nameProblem = containerNameProblem(containerName);
    if (nameProblem) throw fail(`${field}.containerName`, nameProblem);
    checkOperator(operator, ["add", "remove"], field, fail, `${target} overrider`);
    if (value === undefined) throw fail(`${field}.value`, `is required: the ${target} items to ${operator}`);
    if (!Array.isArray(value)) throw fail(`${field}.value`, `must be a list of strings, got ${describeType(value)}`);
    if (value.length === 0) throw fail(`${field}.value`, `must not be empty: ${operator} of no items changes nothing`);
    value.forEach((entry, index) => {
        if (typeof entry !== "string") throw fail(`${field}.value[${index}]`, `must be a string, got ${describeType(entry)}`);
    });
}

/** Container names are DNS-1123 labels, so anything else could never match. */
function containerNameProblem(name: unknown): string | undefined {
    const problem = dns1123LabelProblem(name);
    if (!problem) return undefined;
    return problem.startsWith("must") ? `a container name ${problem}` : `${problem}, so it is no container name`;
}

function validateLabelAnnotationOverrider(item: Record<string, unknown>, field: string, fail: Fail, what: "label" | "annotation"): void {
    rejectUnknownFields(item, ["operator", "value"], field, fail, `${what}s overrider`);
    const { operator, value } = item;
    checkOperator(operator, OPERATORS, field, fail, `${what}s overrider`);
    if (value === undefined) throw fail(`${field}.value`, `is required: the ${what}s to ${operator}, as key: value`);
    if (!isPlainObject(value)) throw fail(`${field}.value`, `must be an object of ${what} key -> value, got ${describeType(value)}`);
    const keys = Object.keys(value);
    if (keys.length === 0) throw fail(`${field}.value`, `must not be empty: ${operator} of no ${what}s changes nothing`);
    for (const key of keys) {
        const keyField = `${field}.value["${key}"]`;
        const entry = value[key];
        if (typeof entry !== "string") throw fail(keyField, `${what} values are strings, got ${describeType(entry)}`);
        const keyProblem = qualifiedNameProblem(key);
        if (keyProblem) throw fail(keyField, `"${key}" is not a valid ${what} key: ${keyProblem}`);
        if (what === "label" && operator !== "remove") {
            const valueProblem = labelValueProblem(entry);
            if (valueProblem) throw fail(keyField, `"${entry}" is not a valid label value: ${valueProblem}`);
        }
    }
}

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Kubernetes' rule for label and annotation keys: [DNS-1123 subdomain "/"] name. */
function qualifiedNameProblem(key: string): string | undefined {
    const slash = key.indexOf("/");
    const name = slash < 0 ? key : key.slice(slash + 1);
    if (slash >= 0) {
        const prefix = key.slice(0, slash);
        if (!isDns1123Subdomain(prefix)) return `the prefix "${prefix}" must be a lower-case DNS subdomain such as "example.com"`;
    }
    if (name.length === 0) return "the name part is empty";
    if (name.length > 63) return "the name part is longer than 63 characters";
    if (!NAME_PART.test(name)) return "the name part must be letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
    return undefined;
}

function labelValueProblem(value: string): string | undefined {
    if (value.length > 63) return "it is longer than 63 characters";
    if (value !== "" && !NAME_PART.test(value)) return "use letters, digits, '-', '_' and '.', starting and ending with a letter or digit (or leave it empty)";
    return undefined;
}

// ---------------------------------------------------------------------------------------------
// Image references (Docker's grammar, github.com/distribution/reference)
// ---------------------------------------------------------------------------------------------

export interface ImageReference {
    /** host[:port], or "" when the reference names none (Docker Hub). */
    registry: string;
    /** The path after the registry: "nginx", "library/redis". */
    repository: string;
    /** "" when there is none. */
    tag: string;
    /** "sha256:<64 hex>", or "" when there is none. */
    digest: string;
}

const ALPHANUMERIC = "[a-z0-9]+";
const PATH_PART = `${ALPHANUMERIC}(?:(?:[._]|__|-+)${ALPHANUMERIC})*`;
const PATH_COMPONENT = new RegExp(`^${PATH_PART}$`);
const REMOTE_NAME = new RegExp(`^${PATH_PART}(?:/${PATH_PART})*$`);
const DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN_AND_PORT = new RegExp(`^(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):([0-9a-fA-F]{32,})$/;
const DIGEST_LENGTHS = new Map([
    ["sha256", 64],
    ["sha384", 96],
    ["sha512", 128],
]);
const NAME_MAX = 255;
const REPOSITORY_RULE = 'a valid repository (lower-case letters and digits, separated by ".", "_", "__" or "-", in "/"-separated parts)';
const TAG_RULE = 'a valid tag (letters, digits, "_", "." and "-", at most 128 characters, not starting with "." or "-")';

/** Docker's rule for whether the first "/"-part of a name is a registry. */
function looksLikeRegistry(part: string): boolean {
    return part.includes(".") || part.includes(":") || part === "localhost" || part.toLowerCase() !== part;
}

function digestProblem(digest: string): string | undefined {
    const match = DIGEST.exec(digest);
    if (!match) return `"${digest}" is not a valid digest (algorithm:hex, such as "sha256:" and 64 hex digits)`;
    const [, algorithm, hex] = match;
    const length = DIGEST_LENGTHS.get(algorithm);
    if (length === undefined) return `digest algorithm "${algorithm}" is not supported (use ${listWords([...DIGEST_LENGTHS.keys()])})`;
    if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) return `a ${algorithm} digest has ${length} lower-case hex digits, "${digest}" has ${hex.length}${/[A-F]/.test(hex) ? " with upper-case ones" : ""}`;
    return undefined;
}

/**
 * Splits an image reference as Docker does: `[registry/]repository[:tag][@digest]`. Returns the
 * reason when `reference` is not a valid one.
 */
export function parseImageReference(reference: string): ImageReference | string {
    if (reference === "") return "it is empty";
    let name = reference;
    let digest = "";
    let tag = "";
    const at = name.indexOf("@");
    if (at >= 0) {
        digest = name.slice(at + 1);
        name = name.slice(0, at);
        const problem = digestProblem(digest);
        if (problem) return problem;
    }
    const colon = name.lastIndexOf(":");
    if (colon > name.lastIndexOf("/")) {
        tag = name.slice(colon + 1);
        name = name.slice(0, colon);
        if (!TAG.test(tag)) return `tag "${tag}" is not ${TAG_RULE}`;
    }
    if (name.length > NAME_MAX) return `the name is longer than ${NAME_MAX} characters`;
    let registry = "";
    let repository = name;
    const slash = name.indexOf("/");
    if (slash >= 0 && looksLikeRegistry(name.slice(0, slash))) {
        registry = name.slice(0, slash);
        repository = name.slice(slash + 1);
        if (!DOMAIN_AND_PORT.test(registry)) return `registry "${registry}" is not a valid host[:port]`;
    }
    if (!REMOTE_NAME.test(repository)) return `repository "${repository}" is not ${REPOSITORY_RULE}`;
    return { registry, repository, tag, digest };
}

export function formatImageReference(reference: ImageReference): string {
    return (
        (reference.registry ? `${reference.registry}/` : "") +
        reference.repository +
        (reference.tag ? `:${reference.tag}` : "") +
        (reference.digest ? `@${reference.digest}` : "")
    );
}

/** The image with `overrider` applied, or why it cannot be. */
function overrideImage(image: ImageReference, overrider: ImageOverrider): string | { problem: string } {
    const value = overrider.value ?? "";
    const next = { ...image };
    if (overrider.component === "Registry") {
        next.registry = overrider.operator === "add" ? image.registry + value : overrider.operator === "replace" ? value : "";
    } else if (overrider.component === "Repository") {
        next.repository = overrider.operator === "add" ? image.repository + value : value;
    } else if (overrider.operator === "remove") {
        next.tag = "";
        next.digest = "";
    } else if (overrider.operator === "replace") {
        const isDigest = value.includes(":");
        next.tag = isDigest ? "" : value;
        next.digest = isDigest ? value : "";
    } else {
        if (image.digest) return { problem: `it is pinned by digest ${image.digest}, which cannot be extended (use replace)` };
        next.tag = image.tag + value;
    }
    const text = formatImageReference(next);
    const reread = parseImageReference(text);
    if (typeof reread === "string") return { problem: `the result "${text}" is not a valid image reference: ${reread}` };
    const host = next.registry.split("/")[0];
    if (reread.registry !== host) {
        return {
            problem: host
                ? `the result "${text}" would not be read with registry "${host}": Docker reads it as "${reread.repository}" on Docker Hub (a registry has a "." or a ":port", or is "localhost")`
                : `the result "${text}" would be read as repository "${reread.repository}" in registry "${reread.registry}"`,
        };
    }
    return text;
}

// ---------------------------------------------------------------------------------------------
// Translation
// ---------------------------------------------------------------------------------------------

/**
 * The JSON patch operations (ClusterOverride[], concrete paths, op add/remove/replace) that apply
 * `overriders` to `object` (a plain Kubernetes object), in Karmada's order: image, command, args,
 * labels, annotations; within each list, in order, each seeing the previous ones' effect.
 */
export function overridersToOperations(object: Record<string, unknown>, overriders: Overriders, location: FederationErrorLocation = {}): ClusterOverride[] {
    validateOverriders(overriders, location);
    const fail = failAt(location);
    if (!isPlainObject(object)) throw fail(undefined, `overriders apply to an object, got ${describeType(object)}`);
    const working = clonePlain(object);
    const changes = new Changes();
    overriders.imageOverrider?.forEach((overrider, index) => applyImageOverrider(working, overrider, `imageOverrider[${index}]`, fail, changes));
    overriders.commandOverrider?.forEach((overrider, index) => applyCommandArgsOverrider(working, overrider, `commandOverrider[${index}]`, fail, changes, "command"));
    overriders.argsOverrider?.forEach((overrider, index) => applyCommandArgsOverrider(working, overrider, `argsOverrider[${index}]`, fail, changes, "args"));
    overriders.labelsOverrider?.forEach((overrider, index) => applyMapOverrider(working, overrider, `labelsOverrider[${index}]`, fail, changes, "labels"));
    overriders.annotationsOverrider?.forEach((overrider, index) => applyMapOverrider(working, overrider, `annotationsOverrider[${index}]`, fail, changes, "annotations"));
    return changes.operations(object, working);
}

interface ContainerRef {
    /** Tokens of the container itself: [...podSpec, "containers", "0"]. */
    tokens: string[];
    container: Record<string, unknown>;
}

/** The containers and then initContainers of the object's pod spec (none when it has none). */
function podContainers(object: Record<string, unknown>, field: string, fail: Fail, what: string): ContainerRef[] {
    const workload = workloadOf(object);
    if (!workload) throw fail(field, `${what} overriders apply to the containers of ${WORKLOAD_LIST}, not to ${describeKind(object)}`);
    let node: unknown = object;
    const walked: string[] = [];
    for (const token of workload.podSpec) {
        walked.push(token);
        const child = childAt(node, token);
        if (child === undefined || child === null) return [];
        if (isOpaque(child)) throw fail(field, `${tokensToPointer(walked)} is only known at deployment time, so its containers cannot be found`);
        if (!isPlainObject(child)) throw fail(field, `${tokensToPointer(walked)} must be an object, got ${describeType(child)}`);
        node = child;
    }
    const refs: ContainerRef[] = [];
    for (const list of ["containers", "initContainers"]) {
        const items = childAt(node, list);
        const listTokens = [...walked, list];
        if (items === undefined || items === null) continue;
        if (isOpaque(items)) throw fail(field, `${tokensToPointer(listTokens)} is only known at deployment time, so its containers cannot be found`);
        if (!Array.isArray(items)) throw fail(field, `${tokensToPointer(listTokens)} must be a list, got ${describeType(items)}`);
        items.forEach((container, index) => {
            const tokens = [...listTokens, String(index)];
            if (isOpaque(container)) throw fail(field, `${tokensToPointer(tokens)} is only known at deployment time`);
            if (!isPlainObject(container)) throw fail(field, `${tokensToPointer(tokens)} must be a container object, got ${describeType(container)}`);
            refs.push({ tokens, container });
        });
    }
    return refs;
}

function workloadOf(object: Record<string, unknown>): Workload | undefined {
    return workloadFor(object.kind, object.apiVersion);
}

function describeKind(object: Record<string, unknown>): string {
    const { kind, apiVersion } = object;
    if (isOpaque(kind)) return "an object whose kind is only known at deployment time";
    if (typeof kind !== "string") return "an object without a kind";
    return typeof apiVersion === "string" ? `${apiVersion} ${kind}` : kind;
}

function describeContainer(ref: ContainerRef): string {
    const name = ref.container.name;
    return typeof name === "string" ? `container "${name}" (${tokensToPointer(ref.tokens)})` : `the container at ${tokensToPointer(ref.tokens)}`;
}

/** The containers named `containerName` (all of them without a name); none is an error. */
function selectContainers(refs: ContainerRef[], containerName: string | undefined, field: string, fail: Fail, object: Record<string, unknown>): ContainerRef[] {
    if (containerName === undefined) return refs;
    const selected = refs.filter((ref) => ref.container.name === containerName);
    if (selected.length > 0) return selected;
    const names = refs.map((ref) => ref.container.name).filter((name): name is string => typeof name === "string");
    const hidden = refs.some((ref) => isOpaque(ref.container.name)) ? "; some container names are only known at deployment time" : "";
    const has = names.length > 0 ? `it has ${names.map((name) => `"${name}"`).join(", ")}` : "it has no containers";
    throw fail(`${field}.containerName`, `${describeKind(object)} has no container or initContainer named "${containerName}" (${has}${hidden})`);
}

function applyImageOverrider(working: Record<string, unknown>, overrider: ImageOverrider, field: string, fail: Fail, changes: Changes): void {
    const refs = selectContainers(podContainers(working, field, fail, "image"), overrider.containerName, field, fail, working);
    for (const ref of refs) {
        const image = childAt(ref.container, "image");
        const where = describeContainer(ref);
        if (isOpaque(image)) {
            throw fail(field, `the image of ${where} is only known at deployment time; an image overrider needs the image text (set the whole image with clusterOverrides instead)`);
        }
        if (image === undefined || image === null) throw fail(field, `${where} has no image to override`);
        if (typeof image !== "string") throw fail(field, `the image of ${where} must be a string, got ${describeType(image)}`);
        const parsed = parseImageReference(image);
        if (typeof parsed === "string") throw fail(field, `the image of ${where}, "${image}", is not a valid image reference: ${parsed}`);
        const result = overrideImage(parsed, overrider);
        if (typeof result !== "string") {
            throw fail(field, `cannot ${overrider.operator} the ${overrider.component} of ${where}, image "${image}": ${result.problem}`);
        }
        setOwn(ref.container, "image", result);
        changes.leaf([...ref.tokens, "image"]);
    }
}

function applyCommandArgsOverrider(
    working: Record<string, unknown>,
    overrider: CommandArgsOverrider,
    field: string,
    fail: Fail,
    changes: Changes,
    target: "command" | "args",
): void {
    const refs = selectContainers(podContainers(working, field, fail, target), overrider.containerName, field, fail, working);
    for (const ref of refs) {
        const current = childAt(ref.container, target);
        const where = describeContainer(ref);
        if (isOpaque(current)) throw fail(field, `the ${target} of ${where} is only known at deployment time; a ${target} overrider needs the list`);
        if (current !== undefined && current !== null && !Array.isArray(current)) {
            throw fail(field, `the ${target} of ${where} must be a list, got ${describeType(current)}`);
        }
        const items: unknown[] = Array.isArray(current) ? current : [];
        let next: unknown[];
        if (overrider.operator === "add") {
            next = [...items, ...overrider.value];
        } else {
            const hidden = items.findIndex(isOpaque);
            if (hidden >= 0) {
                throw fail(field, `${target}[${hidden}] of ${where} is only known at deployment time, so it cannot be compared with the items to remove`);
            }
            next = items.filter((item) => !overrider.value.includes(item as string));
            if (next.length === items.length) continue; // nothing to remove
        }
        if (next.length === 0) delete ref.container[target];
        else setOwn(ref.container, target, next);
        changes.leaf([...ref.tokens, target]);
    }
}

function applyMapOverrider(
    working: Record<string, unknown>,
    overrider: LabelAnnotationOverrider,
    field: string,
    fail: Fail,
    changes: Changes,
    which: "labels" | "annotations",
): void {
    const singular = which === "labels" ? "label" : "annotation";
    const metadata = childAt(working, "metadata");
    if (isOpaque(metadata)) throw fail(field, `/metadata is only known at deployment time, so its ${which} cannot be changed here`);
    if (metadata !== undefined && metadata !== null && !isPlainObject(metadata)) {
        throw fail(field, `/metadata must be an object, got ${describeType(metadata)}`);
    }
    if (!isPlainObject(metadata) && overrider.operator === "add") throw fail(field, `the object has no metadata to add ${which} to`);
    let map = isPlainObject(metadata) ? childAt(metadata, which) : undefined;
    if (isOpaque(map)) throw fail(field, `/metadata/${which} is only known at deployment time, so it cannot be changed key by key`);
    if (map !== undefined && map !== null && !isPlainObject(map)) {
        throw fail(field, `/metadata/${which} must be an object, got ${describeType(map)}`);
    }
    const tokens = ["metadata", which];
    for (const [key, value] of Object.entries(overrider.value)) {
        const exists = isPlainObject(map) && hasOwn(map, key);
        if (overrider.operator === "remove") {
            if (exists) delete (map as Record<string, unknown>)[key];
        } else if (overrider.operator === "replace" && !exists) {
            const missing = isPlainObject(map) ? `/metadata/${which} has no "${key}"` : `the object has no ${which}`;
            throw fail(`${field}.value["${key}"]`, `cannot replace ${singular} "${key}": ${missing} (use operator add to create it)`);
        } else {
            if (!isPlainObject(map)) {
                map = {};
                setOwn(metadata as Record<string, unknown>, which, map);
            }
            setOwn(map as Record<string, unknown>, key, value);
        }
        changes.mapKey(tokens, key);
    }
}

type Tracked = { kind: "leaf"; tokens: string[] } | { kind: "map"; tokens: string[]; keys: string[] };

/**
 * The paths the overriders touched, in the order first touched. The operations are the net
 * difference at each of them between the original object and the overridden copy.
 */
class Changes {
    private readonly tracked: Tracked[] = [];
    private readonly byPath = new Map<string, Tracked>();

    leaf(tokens: string[]): void {
        const path = tokensToPointer(tokens);
        if (this.byPath.has(path)) return;
        const entry: Tracked = { kind: "leaf", tokens };
        this.byPath.set(path, entry);
        this.tracked.push(entry);
    }

    mapKey(tokens: string[], key: string): void {
        const path = tokensToPointer(tokens);
        let entry = this.byPath.get(path);
        if (!entry) {
            entry = { kind: "map", tokens, keys: [] };
            this.byPath.set(path, entry);
            this.tracked.push(entry);
        }
        if (entry.kind === "map" && !entry.keys.includes(key)) entry.keys.push(key);
    }

    operations(original: unknown, result: unknown): ClusterOverride[] {
        const operations: ClusterOverride[] = [];
        for (const entry of this.tracked) {
            if (entry.kind === "leaf") {
                diffLeaf(operations, entry.tokens, lookup(original, entry.tokens), lookup(result, entry.tokens));
                continue;
            }
            const before = lookup(original, entry.tokens);
            const after = lookup(result, entry.tokens);
            if (!isPlainObject(before)) {
                // The map was absent (or null): one add creates it with everything it ends with.
                if (isPlainObject(after) && Object.keys(after).length > 0) {
                    operations.push({ op: "add", path: tokensToPointer(entry.tokens), value: clonePlain(after) });
                }
                continue;
            }
            for (const key of entry.keys) {
                diffLeaf(operations, [...entry.tokens, key], childAt(before, key), childAt(after, key));
            }
        }
        return operations;
    }
}

function lookup(document: unknown, tokens: readonly string[]): unknown {
    let node = document;
    for (const token of tokens) node = childAt(node, token);
    return node;
}

function diffLeaf(operations: ClusterOverride[], tokens: string[], before: unknown, after: unknown): void {
    const path = tokensToPointer(tokens);
    if (before !== undefined && after !== undefined) {
        if (!sameValue(before, after)) operations.push({ op: "replace", path, value: clonePlain(after) });
    } else if (before !== undefined) {
        operations.push({ op: "remove", path });
    } else if (after !== undefined) {
        operations.push({ op: "add", path, value: clonePlain(after) });
    }
}

/** Equal strings, or lists of the same items (opaque items by identity). */
function sameValue(a: unknown, b: unknown): boolean {
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index]);
    return a === b;
}

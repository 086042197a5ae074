/**
 * Karmada's overriders (the `overriders` of a Karmada OverridePolicy rule) translated into JSON
 * patch operations, so that they run through the same `applyOverrides` as hand-written
 * `clusterOverrides`. The translation is pure: it reads the object, never changes it, and returns
 * concrete operations (`replace /spec/template/spec/containers/0/image`, ...).
 *
 * Overriders run in Karmada's order: image, command, args, labels, annotations, field, plaintext;
 * within each list in list order, each one seeing what the earlier ones did. The operations
 * express the net change at each path they touch, once per path, then the plaintext operations
 * as written (checked first, strictly, against the object as the others left it).
 *
 * As Karmada does:
 * - Images are parsed as distribution/reference parses them, without Docker Hub normalisation:
 *   the first "/"-part is the registry only when it contains "." or ":" or is "localhost"
 *   ("library/redis" has no registry; a first part with upper-case letters is read as a
 *   registry too, as Docker reads it). Registry and Repository add append to the text.
 * - The Tag component is the tag-or-digest slot: replace with "sha256:<hex>" pins a digest,
 *   replace with a tag drops any digest, remove clears it.
 * - Without a predicate, image overriders change the `containers` of the pod template (not the
 *   initContainers); `predicate.path` names one image exactly, which must exist.
 * - command/args add appends, remove drops every occurrence of each listed item.
 * - Labels and annotations: add sets keys (creating the map), replace changes only keys that
 *   exist and skips the others key by key (noted in overridesApplied, where Karmada says
 *   nothing), remove ignores the values given and missing keys. An empty value changes nothing.
 * - A value given with an image remove is ignored.
 * Stricter than Karmada, on purpose (each error says what Karmada would have done):
 * - Every image result must be a valid reference read with the intended registry; Repository
 *   remove (Karmada writes "host/:tag"), a Tag value "@sha256:..." and Tag add on a digest
 *   (Karmada leaves the image unchanged without a word) are errors. An image with a tag and a
 *   digest keeps its digest through Registry and Repository changes (Karmada drops it).
 * - An unknown containerName, and an image, command or args overrider on a kind without a pod
 *   template, are errors (Karmada changes nothing). CronJob's pod template counts (Karmada skips
 *   CronJobs). `containerName` on image overriders is this library's addition; it looks in
 *   containers and initContainers.
 * - command/args remove on a container without that list changes nothing (Karmada adds an empty
 *   list, which means the same).
 * - Keys are JSON-pointer escaped ("example.com/team" -> "example.com~1team"); Karmada escapes
 *   only "/". A workload kind counts only in its own API group.
 * - A value only known at deployment time (an Output) where an overrider must read is an error
 *   that says so; opaque items inside a command or args list are carried through by add.
 */
import { WORKLOAD_LIST, Workload, workloadFor } from "./podSpec";
import { FederationErrorLocation } from "../errors";
import { childAt, pointerTokens, tokensToPointer } from "./jsonPointer";
import { applyFieldOverrider, plaintextOperations } from "./fieldOverrider";
import { describeType } from "./names";
import { clonePlain, isOpaque, isPlainObject, setOwn } from "./opaque";
import { ClusterOverride } from "./overrides";
import { Changes } from "./overriderChanges";
import { ImageReference, formatImageReference, parseImageReference } from "./imageReference";
import { CommandArgsOverrider, Fail, ImageOverrider, LabelAnnotationOverrider, Overriders, failAt, hasOwn } from "./overriderTypes";
import { validateOverriders } from "./overriderValidation";

export { CommandArgsOverrider, FieldOverrider, FieldPatchOperation, ImageComponent, ImageOverrider, LabelAnnotationOverrider, OverriderOperator, Overriders, PlaintextOverrider } from "./overriderTypes";
export { ImageReference, formatImageReference, parseImageReference } from "./imageReference";
export { validateOverriders } from "./overriderValidation";

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
        if (image.digest) return { problem: `it is pinned by digest ${image.digest}, which cannot be extended (use replace; Karmada would leave the image unchanged)` };
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


/**
 * The JSON patch operations (ClusterOverride[], concrete paths, op add/remove/replace) that apply
 * `overriders` to `object` (a plain Kubernetes object), in Karmada's order: image, command, args,
 * labels, annotations; within each list, in order, each seeing the previous ones' effect.
 */
export function overridersToOperations(object: Record<string, unknown>, overriders: Overriders, location: FederationErrorLocation = {}): ClusterOverride[] {
    const plan = overridersPlan(object, overriders, location);
    return [...plan.operations, ...plan.plaintext];
}

/** What Karmada's overriders do to one object, as JSON patch operations, and what they skipped. */
export interface OverridersPlan {
    /** The net change of every overrider but plaintext, for applyOverrides. */
    operations: ClusterOverride[];
    /**
     * The plaintext operations as written, to apply after `operations` (in a second
     * applyOverrides, with replaceMissing "error": they may touch a path `operations` touched).
     */
    plaintext: ClusterOverride[];
    /** What Karmada skips without a word, said out loud: `skipped replace of label "team": no such label`. */
    skipped: string[];
}

/** overridersToOperations, with the notes of what was skipped as Karmada skips it. */
export function overridersPlan(object: Record<string, unknown>, overriders: Overriders, location: FederationErrorLocation = {}): OverridersPlan {
    validateOverriders(overriders, location);
    const fail = failAt(location);
    if (!isPlainObject(object)) throw fail(undefined, `overriders apply to an object, got ${describeType(object)}`);
    const working = clonePlain(object);
    const changes = new Changes();
    const skipped: string[] = [];
    overriders.imageOverrider?.forEach((overrider, index) => applyImageOverrider(working, overrider, `imageOverrider[${index}]`, fail, changes));
    overriders.commandOverrider?.forEach((overrider, index) => applyCommandArgsOverrider(working, overrider, `commandOverrider[${index}]`, fail, changes, "command"));
    overriders.argsOverrider?.forEach((overrider, index) => applyCommandArgsOverrider(working, overrider, `argsOverrider[${index}]`, fail, changes, "args"));
    const note = (field: string) => (reason: string) => skipped.push(`${reason} (${location.field ? `${location.field}.${field}` : field})`);
    overriders.labelsOverrider?.forEach((overrider, index) => applyMapOverrider(working, overrider, `labelsOverrider[${index}]`, fail, changes, "labels", note(`labelsOverrider[${index}]`)));
    overriders.annotationsOverrider?.forEach((overrider, index) =>
        applyMapOverrider(working, overrider, `annotationsOverrider[${index}]`, fail, changes, "annotations", note(`annotationsOverrider[${index}]`)),
    );
    overriders.fieldOverrider?.forEach((overrider, index) => changes.leaf(applyFieldOverrider(working, overrider, `fieldOverrider[${index}]`, fail, location)));
    const operations = changes.operations(object, working);
    const plaintext = plaintextOperations(working, overriders.plaintext ?? [], location);
    return { operations, plaintext, skipped };
}

interface ContainerRef {
    /** Tokens of the container itself: [...podSpec, "containers", "0"]. */
    tokens: string[];
    container: Record<string, unknown>;
}

/**
 * The containers (and, with `withInit`, then the initContainers) of the object's pod spec (none
 * when it has none).
 */
function podContainers(object: Record<string, unknown>, field: string, fail: Fail, what: string, withInit = true): ContainerRef[] {
    const workload = workloadOf(object);
    if (!workload) throw fail(field, `${what} overriders apply to the containers of ${WORKLOAD_LIST}, not to ${describeKind(object)} (Karmada would leave it unchanged)`);
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
    for (const list of withInit ? ["containers", "initContainers"] : ["containers"]) {
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
    throw fail(`${field}.containerName`, `${describeKind(object)} has no container or initContainer named "${containerName}" (${has}${hidden}; Karmada would change nothing)`);
}

function applyImageOverrider(working: Record<string, unknown>, overrider: ImageOverrider, field: string, fail: Fail, changes: Changes): void {
    if (overrider.predicate) {
        overrideImageAt(working, overrider, field, fail, changes);
        return;
    }
    // Karmada's default: the containers (not the initContainers); containerName (this library's) looks in both.
    const refs = selectContainers(podContainers(working, field, fail, "image", overrider.containerName !== undefined), overrider.containerName, field, fail, working);
    for (const ref of refs) overrideContainerImage(ref.container, [...ref.tokens, "image"], describeContainer(ref), overrider, field, fail, changes);
}

/** Karmada's predicate: the image at exactly that path, which must exist and be a string. */
function overrideImageAt(working: Record<string, unknown>, overrider: ImageOverrider, field: string, fail: Fail, changes: Changes): void {
    const tokens = pointerTokens(overrider.predicate!.path);
    let parent: unknown = working;
    for (let i = 0; i < tokens.length - 1; i++) {
        parent = childAt(parent, tokens[i]);
        if (isOpaque(parent)) throw fail(`${field}.predicate.path`, `${tokensToPointer(tokens.slice(0, i + 1))} is only known at deployment time, so the image cannot be found`);
        if (parent === undefined || parent === null) throw fail(`${field}.predicate.path`, `the object has no ${tokensToPointer(tokens.slice(0, i + 1))} (Karmada fails the override the same way)`);
    }
    if (!isPlainObject(parent) && !Array.isArray(parent)) throw fail(`${field}.predicate.path`, `${tokensToPointer(tokens.slice(0, -1))} is ${describeType(parent)}, not an object or list`);
    overrideContainerImage(parent as Record<string, unknown>, tokens, overrider.predicate!.path, overrider, field, fail, changes, tokens[tokens.length - 1]);
}

function overrideContainerImage(
    holder: Record<string, unknown>,
    tokens: string[],
    where: string,
    overrider: ImageOverrider,
    field: string,
    fail: Fail,
    changes: Changes,
    key = "image",
): void {
    {
        const image = childAt(holder, key);
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
        if (Array.isArray(holder)) holder[Number(key)] = result;
        else setOwn(holder, key, result);
        changes.leaf(tokens);
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
    skip: (reason: string) => void,
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
            // Karmada skips it without a word; the plan says so.
            skip(`skipped replace of ${singular} "${key}": the object has no such ${singular}, and Karmada's replace never adds one`);
            continue;
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

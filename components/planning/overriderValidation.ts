/**
 * Validation of the `overriders` argument: every field's type, operator and value is checked
 * before any overrider runs, with typo suggestions for unknown keys. Errors name the field
 * relative to the overriders object (`imageOverrider[0].component`).
 */
import { FederationErrorLocation } from "../errors";
import { describeType, dns1123LabelProblem } from "./names";
import { badLabelKey, badLabelValue } from "./labels";
import { isPlainObject } from "./opaque";
import { closestName } from "./suggest";
import { pointerProblem, pointerTokens } from "./jsonPointer";
import { protectedPathTouched } from "./overrides";
import { DOMAIN_AND_PORT, PATH_COMPONENT, REMOTE_NAME, REPOSITORY_RULE, TAG, TAG_RULE, digestProblem, looksLikeRegistry } from "./imageReference";
import {
    COMPONENTS, Fail, ImageComponent, OPERATORS, OVERRIDER_KEYS, OverriderKey, OverriderOperator, Overriders, failAt, hasOwn, listWords,
} from "./overriderTypes";

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
            else if (key === "fieldOverrider") validateFieldOverrider(item, field, fail);
            else if (key === "plaintext") validatePlaintextOverrider(item, field, fail);
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
    fieldOverrider: "field overrider",
    plaintext: "plaintext overrider",
};

function article(noun: string): string {
    return (/^[aeiou]/.test(noun) ? "an " : "a ") + noun;
}

function unknownOverriderReason(key: string): string {
    const guess = closestName(key, OVERRIDER_KEYS);
    return `is not an overrider (expected ${OVERRIDER_KEYS.join(", ")})` + (guess ? `; did you mean ${guess}?` : "");
}

/** Rejects keys outside `known`, suggesting the nearest known key for a typo. */
function rejectUnknownFields(item: Record<string, unknown>, known: readonly string[], field: string, fail: Fail, what: string, special: Record<string, string> = {}): void {
    for (const key of Object.keys(item)) {
        if (known.includes(key)) continue;
        if (hasOwn(special, key)) throw fail(`${field}.${key}`, special[key]);
        const guess = closestName(key, known);
        throw fail(`${field}.${key}`, `is not ${article(what)} field (expected ${known.join(", ")})` + (guess ? `; did you mean ${guess}?` : ""));
    }
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


function validateImageOverrider(item: Record<string, unknown>, field: string, fail: Fail): void {
    rejectUnknownFields(item, ["component", "operator", "value", "predicate", "containerName"], field, fail, "image overrider");
    const { component, operator, value, containerName, predicate } = item;
    if (component === undefined) throw fail(`${field}.component`, `is required (${listWords(COMPONENTS)})`);
    if (!COMPONENTS.includes(component as ImageComponent)) {
        const match = typeof component === "string" ? COMPONENTS.find((known) => known.toLowerCase() === component.toLowerCase()) : undefined;
        const hint = match ? `; components are capitalised: "${match}"` : "";
        throw fail(`${field}.component`, `${JSON.stringify(component)} is not an image component (use ${listWords(COMPONENTS)})${hint}`);
    }
    checkOperator(operator, OPERATORS, field, fail, "image overrider");
    if (component === "Repository" && operator === "remove") {
        throw fail(`${field}.operator`, 'remove does not apply to Repository: an image needs a repository (use replace; Karmada would write "host/:tag", which is no valid image)');
    }
    // A value given with remove is ignored, as Karmada ignores it.
    if (operator !== "remove") {
        if (value === undefined) throw fail(`${field}.value`, `operator ${operator} of ${component} needs a value`);
        if (typeof value !== "string") throw fail(`${field}.value`, `must be a string, got ${describeType(value)}`);
        const problem = imageValueProblem(component as ImageComponent, operator as OverriderOperator, value);
        if (problem) throw fail(`${field}.value`, problem);
    }
    if (containerName !== undefined) {
        const problem = containerNameProblem(containerName);
        if (problem) throw fail(`${field}.containerName`, problem);
    }
    if (predicate !== undefined) {
        if (!isPlainObject(predicate)) throw fail(`${field}.predicate`, `must be { path: "<JSON pointer to an image>" }, got ${describeType(predicate)}`);
        rejectUnknownFields(predicate, ["path"], `${field}.predicate`, fail, "predicate");
        const problem = pointerProblem(predicate.path);
        if (problem) throw fail(`${field}.predicate.path`, problem);
        if (containerName !== undefined) throw fail(`${field}.containerName`, "give containerName or predicate, not both: the predicate already names one image");
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
    if (value.startsWith("@")) return `write the digest without "@": "${value.slice(1)}" (Karmada would leave the image unchanged)`;
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
    // An empty map changes nothing, as in Karmada.
    for (const key of Object.keys(value)) {
        const keyField = `${field}.value["${key}"]`;
        const entry = value[key];
        if (typeof entry !== "string") throw fail(keyField, `${what} values are strings, got ${describeType(entry)}`);
        // Annotation keys follow the label key rule (both are qualified names); only label values have one.
        const keyProblem = badLabelKey(key, what);
        if (keyProblem) throw fail(keyField, keyProblem);
        if (what === "label" && operator !== "remove") {
            const valueProblem = badLabelValue(entry);
            if (valueProblem) throw fail(keyField, valueProblem);
        }
    }
}

/** A JSON pointer operation of plaintext or fieldOverrider: path, operator and value. */
function validatePatchOperation(
    item: Record<string, unknown>,
    pathKey: "path" | "subPath",
    field: string,
    fail: Fail,
    what: string,
    valueOnRemove: "ignored" | "refused",
): void {
    rejectUnknownFields(item, [pathKey, "operator", "value"], field, fail, what);
    checkOperator(item.operator, OPERATORS, field, fail, what);
    const problem = pointerProblem(item[pathKey]);
    if (problem) throw fail(`${field}.${pathKey}`, problem);
    if (item.operator === "remove" && item.value !== undefined && valueOnRemove === "refused") {
        throw fail(`${field}.value`, "operator remove takes no value (Karmada's webhook refuses one)");
    }
    if (item.operator !== "remove" && item.value === undefined && valueOnRemove === "refused") {
        throw fail(`${field}.value`, `operator ${String(item.operator)} needs a value (Karmada's webhook refuses an empty one)`);
    }
}

function validatePlaintextOverrider(item: Record<string, unknown>, field: string, fail: Fail): void {
    validatePatchOperation(item, "path", field, fail, "plaintext overrider", "ignored");
    const guarded = protectedPathTouched(pointerTokens(item.path as string));
    if (guarded) {
        throw fail(`${field}.path`, `"${String(item.path)}" would change ${guarded}, which must be the same in every cluster (Karmada would change it, making it a different object in that cluster)`);
    }
}

function validateFieldOverrider(item: Record<string, unknown>, field: string, fail: Fail): void {
    rejectUnknownFields(item, ["fieldPath", "json", "yaml"], field, fail, "field overrider");
    const problem = pointerProblem(item.fieldPath);
    if (problem) throw fail(`${field}.fieldPath`, problem);
    if (protectedPathTouched(pointerTokens(item.fieldPath as string))) throw fail(`${field}.fieldPath`, "names an identity field, which holds no JSON or YAML document");
    if ((item.json === undefined) === (item.yaml === undefined)) throw fail(field, "needs exactly one of json and yaml (as Karmada's webhook requires)");
    const format = item.json !== undefined ? "json" : "yaml";
    const list = item[format];
    if (!Array.isArray(list) || list.length === 0) throw fail(`${field}.${format}`, `must be a non-empty list of { subPath, operator, value }, got ${describeType(list)}`);
    list.forEach((operation, index) => {
        const at = `${field}.${format}[${index}]`;
        if (!isPlainObject(operation)) throw fail(at, `must be an operation { subPath, operator, value }, got ${describeType(operation)}`);
        validatePatchOperation(operation, "subPath", at, fail, `${format} operation`, "refused");
    });
}

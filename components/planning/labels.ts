/**
 * Kubernetes' rules for label keys and values (apimachinery's IsQualifiedName and
 * IsValidLabelValue), in one place for every path that carries labels: object and pod-template
 * labels, selectors (placement, overrides, policies, templates) and Karmada's labels overrider.
 * The API server refuses an object or selector that breaks them, so a plan must refuse it first:
 * otherwise an update stops halfway, with some clusters changed and others not.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { describeType, isDns1123Subdomain } from "./names";
import { isOpaque, isPlainObject } from "./opaque";

/** A label name part or a non-empty value: alphanumeric at both ends, `-`, `_` and `.` inside. */
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/** The longest name part of a key, and the longest value. */
const NAME_MAX = 63;

/**
 * Why `key` is not a qualified name (the rule for label and annotation keys), or undefined: an
 * optional prefix that is a DNS-1123 subdomain (at most 253 characters) and a "/", then a name
 * part of at most 63 characters of letters, digits, `-`, `_` and `.`, alphanumeric at both ends.
 */
export function labelKeyProblem(key: unknown): string | undefined {
    if (typeof key !== "string") return `a label key must be a string, got ${describeType(key)}`;
    if (key.length === 0) return "the key is empty";
    const slash = key.indexOf("/");
    const name = slash < 0 ? key : key.slice(slash + 1);
    if (slash >= 0) {
        const prefix = key.slice(0, slash);
        if (!isDns1123Subdomain(prefix)) {
            return `the prefix ${shown(prefix)} must be a lower-case DNS subdomain such as "example.com" (at most 253 characters)`;
        }
    }
    if (name.length === 0) return "the name part is empty";
    if (name.length > NAME_MAX) return `the name part is longer than ${NAME_MAX} characters`;
    if (!NAME_PART.test(name)) {
        return `the name part must be letters, digits, '-', '_' and '.', starting and ending with a letter or digit${name.includes("/") ? " (a key has at most one '/')" : ""}`;
    }
    return undefined;
}

/** Why `value` is not a label value, or undefined: empty, or at most 63 characters by the name-part rule. */
export function labelValueProblem(value: unknown): string | undefined {
    if (typeof value !== "string") return `label values are strings, got ${describeType(value)}`;
    if (value.length > NAME_MAX) return `it is longer than ${NAME_MAX} characters`;
    if (value !== "" && !NAME_PART.test(value)) return "use letters, digits, '-', '_' and '.', starting and ending with a letter or digit (or leave it empty)";
    return undefined;
}

/** The message for a bad key: `"my key" is not a valid label key: <why>`. */
export function badLabelKey(key: string, what: "label" | "annotation" = "label"): string | undefined {
    const problem = labelKeyProblem(key);
    return problem && `${shown(key)} is not a valid ${what} key: ${problem}`;
}

/** The message for a bad value (a string): `"not valid!" is not a valid label value: <why>`. */
export function badLabelValue(value: unknown): string | undefined {
    const problem = labelValueProblem(value);
    if (problem === undefined) return undefined;
    return typeof value === "string" ? `${shown(value)} is not a valid label value: ${problem}` : problem;
}

/**
 * Checks a label map (`metadata.labels`, a Service selector) at `field`: an object of valid keys
 * and values. Values known only at deployment time (and the whole map, when it is one) are left
 * alone; null and undefined maps are none, and a null value is the empty string (as the API
 * server stores it).
 */
export function checkLabelMap(labels: unknown, location: FederationErrorLocation, field: string, context = ""): void {
    if (labels === undefined || labels === null || isOpaque(labels)) return;
    if (!isPlainObject(labels)) {
        throw new FederationError({ ...location, field }, `must be an object of label key -> value, got ${describeType(labels)}${context}`);
    }
    for (const key of Object.keys(labels)) {
        const at = { ...location, field: `${field}["${key}"]` };
        const keyProblem = badLabelKey(key);
        if (keyProblem) throw new FederationError(at, keyProblem + context);
        const value = labels[key];
        if (value === null || isOpaque(value)) continue;
        const valueProblem = badLabelValue(value);
        if (valueProblem) throw new FederationError(at, valueProblem + context);
    }
}

/** A key or value as a message shows it: quoted, or described by its size when long (it may be anything). */
function shown(text: string): string {
    return text.length > 80 || /[\n\r]/.test(text) ? describeType(text) : JSON.stringify(text);
}

/**
 * Kubernetes label selectors (`metav1.LabelSelector`) matched against member cluster labels.
 * Semantics follow the Kubernetes API: all `matchLabels` and all `matchExpressions` must hold,
 * and an empty selector matches everything.
 */
import { FederationError } from "../errors";
import { badLabelKey, badLabelValue } from "./labels";
import { describeType } from "./names";
import { unknownFieldReason } from "./suggest";

/**
 * How a requirement tests its label: `In` (present, with one of the values), `NotIn` (absent, or
 * with none of the values), `Exists` (present), `DoesNotExist` (absent).
 */
export type SelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

/** One of a selector's `matchExpressions`: a test of one label. */
export interface LabelSelectorRequirement {
    /** The label tested. */
    key: string;
    /** How it is tested. */
    operator: SelectorOperator;
    /** The values for `In` and `NotIn` (non-empty); left out for `Exists` and `DoesNotExist`. */
    values?: string[];
}

/**
 * A Kubernetes label selector (`metav1.LabelSelector`), matched against member labels: every
 * `matchLabels` entry and every `matchExpressions` requirement must hold; `{}` matches every member.
 */
export interface LabelSelector {
    /** Labels a member must have, with exactly these values. */
    matchLabels?: Record<string, string>;
    /** Requirements a member's labels must all meet. */
    matchExpressions?: LabelSelectorRequirement[];
}

/** Labels, as member clusters and objects carry them: label name to value. */
export type Labels = Record<string, string>;

const OPERATORS: readonly SelectorOperator[] = ["In", "NotIn", "Exists", "DoesNotExist"];

/** True when `labels` satisfy every requirement of `selector`. `{}` matches any labels. */
export function matchesSelector(selector: LabelSelector, labels: Labels | undefined): boolean {
    const have = labels ?? {};
    for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
        if (!hasLabel(have, key) || have[key] !== value) return false;
    }
    for (const requirement of selector.matchExpressions ?? []) {
        if (!matchesRequirement(requirement, have)) return false;
    }
    return true;
}

function matchesRequirement(requirement: LabelSelectorRequirement, labels: Labels): boolean {
    const present = hasLabel(labels, requirement.key);
    const values = requirement.values ?? [];
    switch (requirement.operator) {
        case "In":
            return present && values.includes(labels[requirement.key]);
        case "NotIn":
            // As in Kubernetes: a missing label satisfies NotIn.
            return !present || !values.includes(labels[requirement.key]);
        case "Exists":
            return present;
        case "DoesNotExist":
            return !present;
    }
}

function hasLabel(labels: Labels, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(labels, key);
}

/**
 * Checks a selector the way the Kubernetes API server does: known operators, `values` non-empty
 * for In/NotIn and absent for Exists/DoesNotExist, and every key and value by the label rules
 * (labels.ts; a selector no label can match is refused, not quietly matching nothing). Throws a
 * FederationError whose field is relative to the selector (`matchExpressions[1].operator`).
 */
export function validateSelector(selector: unknown): asserts selector is LabelSelector {
    if (selector === null || typeof selector !== "object" || Array.isArray(selector)) {
        throw new FederationError({}, `a label selector must be an object, got ${describeType(selector)}`);
    }
    const { matchLabels, matchExpressions, ...rest } = selector as Record<string, unknown>;
    const unknownKeys = Object.keys(rest);
    if (unknownKeys.length > 0) {
        throw new FederationError(
            { field: unknownKeys[0] },
            unknownFieldReason(unknownKeys[0], ["matchLabels", "matchExpressions"], "label selector"),
        );
    }
    if (matchLabels !== undefined) {
        if (matchLabels === null || typeof matchLabels !== "object" || Array.isArray(matchLabels)) {
            throw new FederationError({ field: "matchLabels" }, `must be an object of label -> value, got ${describeType(matchLabels)}`);
        }
        for (const [key, value] of Object.entries(matchLabels)) {
            const problem = badLabelKey(key) ?? badLabelValue(value);
            if (problem) throw new FederationError({ field: `matchLabels["${key}"]` }, problem);
        }
    }
    if (matchExpressions !== undefined) {
        if (!Array.isArray(matchExpressions)) {
            throw new FederationError({ field: "matchExpressions" }, `must be a list, got ${describeType(matchExpressions)}`);
        }
        matchExpressions.forEach((requirement, index) => validateRequirement(requirement, `matchExpressions[${index}]`));
    }
}

function validateRequirement(requirement: unknown, field: string): void {
    if (requirement === null || typeof requirement !== "object" || Array.isArray(requirement)) {
        throw new FederationError({ field }, `must be an object with key, operator and values, got ${describeType(requirement)}`);
    }
    const { key, operator, values } = requirement as Record<string, unknown>;
    if (typeof key !== "string" || key.length === 0) {
        throw new FederationError({ field: `${field}.key` }, "must be a non-empty label key");
    }
    const keyProblem = badLabelKey(key);
    if (keyProblem) throw new FederationError({ field: `${field}.key` }, keyProblem);
    if (!OPERATORS.includes(operator as SelectorOperator)) {
        throw new FederationError(
            { field: `${field}.operator` },
            `${JSON.stringify(operator)} is not a selector operator (use one of ${OPERATORS.join(", ")})`,
        );
    }
    const needsValues = operator === "In" || operator === "NotIn";
    if (needsValues) {
        if (!Array.isArray(values) || values.length === 0) {
            throw new FederationError({ field: `${field}.values` }, `operator ${operator} needs a non-empty list of values`);
        }
        values.forEach((value, index) => {
            const problem = badLabelValue(value);
            if (problem) throw new FederationError({ field: `${field}.values[${index}]` }, problem);
        });
    } else if (values !== undefined && !(Array.isArray(values) && values.length === 0)) {
        throw new FederationError({ field: `${field}.values` }, `operator ${operator} takes no values`);
    }
}

/**
 * The `fieldValidation` switch and the errors for unknown fields in a template (or in an object
 * an override produced), worded for the person who made the typo: the field, the type that has
 * no such field, and the nearest field it does have.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { describeType } from "./names";
import { unknownFields, UnknownField } from "./kubernetesFields";

/** As the API server's `fieldValidation` (kubectl's `--validate`), without Warn. */
export type FieldValidation = "Strict" | "Ignore";
const VALUES: readonly FieldValidation[] = ["Strict", "Ignore"];

export function checkFieldValidation(value: unknown, location: FederationErrorLocation): FieldValidation {
    if (value === undefined) return "Strict";
    if (VALUES.includes(value as FieldValidation)) return value as FieldValidation;
    const match = typeof value === "string" ? VALUES.find((known) => known.toLowerCase() === value.toLowerCase()) : undefined;
    throw new FederationError({ ...location, field: location.field ? `${location.field}.fieldValidation` : "fieldValidation" }, `must be "Strict" or "Ignore", got ${describeType(value)}${match ? `; write "${match}"` : ""}`);
}

/** Fields of a federated resource that a mis-indented manifest puts inside its template. */
const FEDERATED_FIELDS = ["placement", "overrides"];

interface UnknownFieldInput {
    apiVersion: string;
    kind: string;
}

/**
 * Throws for the first unknown field of `object`, with the field under `template.` (the object
 * is the template, or what overrides made of it: `what` says which).
 */
export function refuseUnknownFields(object: Record<string, unknown>, input: UnknownFieldInput, location: FederationErrorLocation, what: string): void {
    for (const key of FEDERATED_FIELDS) {
        if (Object.prototype.hasOwnProperty.call(object, key)) {
            throw new FederationError(
                { ...location, field: `template.${key}` },
                `${key} belongs next to the template, not inside it (check its indentation): a ${input.kind} has no field ${key}`,
            );
        }
    }
    const found = unknownFields(object, input.apiVersion, input.kind, 2);
    if (found.length === 0) return;
    const first = found[0];
    throw new FederationError({ ...location, field: fieldOf(first.tokens) }, reasonFor(first, input, what, found.length > 1));
}

/**
 * How an unknown-field error ends: the switch that lets such fields through. FederatedManifests,
 * the components and planFederation have that switch; a caller without it (the `convert` command)
 * passes its errors through {@link withoutFieldValidationHint} so as not to offer an option it lacks.
 */
export const FIELD_VALIDATION_HINT = ' (fieldValidation: "Ignore" lets unknown fields through)';

/** `error` without {@link FIELD_VALIDATION_HINT}, for callers that have no fieldValidation option; other errors as they are. */
export function withoutFieldValidationHint<E>(error: E): E | FederationError {
    if (!(error instanceof FederationError) || !error.reason.endsWith(FIELD_VALIDATION_HINT)) return error;
    const { resource, cluster, field, position } = error;
    return new FederationError({ resource, cluster, field, position }, error.reason.slice(0, -FIELD_VALIDATION_HINT.length), error.callSite);
}

function reasonFor(field: UnknownField, input: UnknownFieldInput, what: string, more: boolean): string {
    const name = field.tokens[field.tokens.length - 1];
    const hint = field.suggestion ? `did you mean ${field.suggestion}?` : `${field.typeName} has ${listSome(field.known)}`;
    return (
        `unknown field "${name}" in ${what}: ${field.typeName} (in the ${input.apiVersion} ${input.kind} schema) has no such field; ${hint}` +
        `${more ? " (there are more unknown fields)" : ""}${FIELD_VALIDATION_HINT}`
    );
}

function listSome(names: readonly string[]): string {
    const shown = names.slice(0, 12).join(", ");
    return names.length > 12 ? `${shown}, …` : shown;
}

/** `["spec", "containers", "0", "imag"]` -> `template.spec.containers[0].imag`. */
export function fieldOf(tokens: readonly string[]): string {
    let field = "template";
    for (const token of tokens) field += /^\d+$/.test(token) ? `[${token}]` : /^[A-Za-z_$][\w$]*$/.test(token) ? `.${token}` : `[${JSON.stringify(token)}]`;
    return field;
}

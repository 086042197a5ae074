/**
 * Every Karmada policy this package generates is checked against Karmada's own published schema
 * for its kind (karmadaSchemaTable.ts, generated from Karmada's CRDs) before anything is
 * registered: a wrong field, type or enum value is a plan-time error naming the federated
 * resource and the field, never an API server rejection halfway through an update.
 *
 * The check is the structural part of what the API server does with a CRD schema: types, enums,
 * required fields, unknown fields (pruning would drop them silently; here they are errors),
 * minimum, maximum, maxLength and minItems.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { describeType } from "../planning/names";
import { isPlainObject } from "../planning/opaque";
import { unknownFieldReason } from "../planning/suggest";
import { KARMADA_SPEC_SCHEMAS, KARMADA_VERSION } from "../generated/karmadaSchemaTable";

interface SchemaNode {
    t?: string;
    e?: unknown[];
    r?: string[];
    p?: Record<string, SchemaNode>;
    i?: SchemaNode;
    a?: SchemaNode;
    x?: 1;
    min?: number;
    max?: number;
    ml?: number;
    mi?: number;
}

export type KarmadaPolicyKind = "PropagationPolicy" | "ClusterPropagationPolicy" | "OverridePolicy" | "ClusterOverridePolicy";

let schemas: Record<KarmadaPolicyKind, SchemaNode> | undefined;

/** Throws a FederationError for the first place where `spec` breaks Karmada's schema of `kind`. */
export function checkKarmadaSpec(kind: KarmadaPolicyKind, spec: unknown, location: FederationErrorLocation): void {
    schemas ??= JSON.parse(KARMADA_SPEC_SCHEMAS) as Record<KarmadaPolicyKind, SchemaNode>;
    const schema = schemas[kind];
    if (schema === undefined) throw new FederationError(location, `${kind} is not a Karmada policy kind this package generates`);
    check(spec, schema, `${kind}.spec`, kind, location);
}

function check(value: unknown, node: SchemaNode, field: string, kind: string, location: FederationErrorLocation): void {
    const fail = (reason: string): never => {
        throw new FederationError({ ...location, field }, `${reason}, by Karmada's ${kind} schema (policy.karmada.io/v1alpha1, Karmada ${KARMADA_VERSION}); this is what Karmada's API server would refuse`);
    };
    if (node.t !== undefined && !hasType(value, node.t)) fail(`must be ${article(node.t)}, got ${describeType(value)}`);
    if (node.e !== undefined && !node.e.includes(value)) fail(`must be one of ${node.e.map((entry) => JSON.stringify(entry)).join(", ")}, got ${JSON.stringify(value)}`);
    if (typeof value === "number") {
        if (node.min !== undefined && value < node.min) fail(`must be at least ${node.min}, got ${value}`);
        if (node.max !== undefined && value > node.max) fail(`must be at most ${node.max}, got ${value}`);
    }
    if (typeof value === "string" && node.ml !== undefined && value.length > node.ml) fail(`must be at most ${node.ml} characters, got ${value.length}`);
    if (Array.isArray(value)) {
        if (node.mi !== undefined && value.length < node.mi) fail(`must have at least ${node.mi} item${node.mi === 1 ? "" : "s"}, got ${value.length}`);
        if (node.i !== undefined) value.forEach((item, index) => check(item, node.i!, `${field}[${index}]`, kind, location));
        return;
    }
    if (!isPlainObject(value)) return;
    for (const required of node.r ?? []) {
        if (value[required] === undefined) fail(`needs ${required}`);
    }
    for (const [key, item] of Object.entries(value)) {
        if (item === undefined) continue;
        const child = node.p?.[key] ?? node.a;
        if (child === undefined) {
            if (node.x === 1 || node.p === undefined) continue; // free-form (preserve-unknown-fields, or no properties listed)
            throw new FederationError({ ...location, field: `${field}.${key}` }, `${unknownFieldReason(key, Object.keys(node.p), field)}, by Karmada's ${kind} schema (Karmada ${KARMADA_VERSION})`);
        }
        check(item, child, `${field}.${key}`, kind, location);
    }
}

function hasType(value: unknown, type: string): boolean {
    switch (type) {
        case "object":
            return isPlainObject(value);
        case "array":
            return Array.isArray(value);
        case "string":
            return typeof value === "string";
        case "integer":
            return typeof value === "number" && Number.isInteger(value);
        case "number":
            return typeof value === "number" && Number.isFinite(value);
        case "boolean":
            return typeof value === "boolean";
        default:
            return true;
    }
}

function article(type: string): string {
    return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

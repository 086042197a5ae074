/**
 * Unknown fields in objects of built-in kinds, found from the Kubernetes OpenAPI document (the
 * field table kubernetesFieldTable.ts, written by scripts/kubernetes-fields.js), as the API server
 * finds them with `fieldValidation=Strict` (`kubectl apply --validate=strict`): `imag:` in a
 * container, `replica:` in a Deployment spec, `placement:` indented under a template.
 *
 * The table covers the kinds of the Kubernetes release the end-to-end suite runs; kinds it does
 * not list (custom resources, kinds of other releases) are not checked. Free-form values (maps
 * of strings, raw JSON, int-or-string) are never entered. Values only known at deployment time
 * are skipped.
 */
import { isOpaque, isPlainObject } from "./opaque";
import { closestName } from "./suggest";
import { FIELD_TABLE_JSON } from "../generated/kubernetesFieldTable";

interface FieldTable {
    kubernetes: string;
    kinds: Record<string, number>;
    names: Record<string, string>;
    types: Record<string, string>[];
}

const TABLE: FieldTable = JSON.parse(FIELD_TABLE_JSON);

/** The Kubernetes release the field table was taken from. */
export const KUBERNETES_FIELDS_RELEASE = TABLE.kubernetes;

export interface UnknownField {
    /** JSON pointer tokens of the unknown field, from the object's root. */
    tokens: string[];
    /** The OpenAPI type that has no such field (`Container`). */
    typeName: string;
    /** The fields that type has. */
    known: string[];
    /** The known field closest to the unknown one, when one is close. */
    suggestion?: string;
}

/** True when the field table lists `apiVersion` `kind`. */
export function hasFieldTable(apiVersion: string, kind: string): boolean {
    return Object.prototype.hasOwnProperty.call(TABLE.kinds, `${apiVersion} ${kind}`);
}

/** Every API version (`apps/v1`) at which the newest release in the table serves `kind`. */
export function servedApiVersions(kind: string): string[] {
    const versions: string[] = [];
    for (const key of Object.keys(TABLE.kinds)) {
        const [apiVersion, served] = key.split(" ");
        if (served === kind) versions.push(apiVersion);
    }
    return versions;
}

/** The table's kinds by API group, built once: every manifest document asks. */
let kindsByGroup: Map<string, string[]> | undefined;

/** Built-in kinds of an API group that the table lists, for "did you mean" on a kind. */
export function builtInKinds(group: string): string[] {
    if (kindsByGroup === undefined) {
        const groups = new Map<string, Set<string>>();
        for (const key of Object.keys(TABLE.kinds)) {
            const [apiVersion, kind] = key.split(" ");
            const keyGroup = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
            if (kind.endsWith("List")) continue;
            if (!groups.has(keyGroup)) groups.set(keyGroup, new Set());
            groups.get(keyGroup)!.add(kind);
        }
        kindsByGroup = new Map([...groups].map(([group, kinds]) => [group, [...kinds]]));
    }
    return [...(kindsByGroup.get(group) ?? [])];
}

/** True when `group` is an API group of built-in kinds (`""`, `apps`, `batch`, …). */
export function isBuiltInGroup(group: string): boolean {
    return builtInKinds(group).length > 0;
}

/**
 * Every unknown field of `object` (an `apiVersion` `kind` object), in document order, at most
 * `limit`; an empty list when the kind is not in the table.
 */
export function unknownFields(object: unknown, apiVersion: string, kind: string, limit = 10): UnknownField[] {
    const root = TABLE.kinds[`${apiVersion} ${kind}`];
    const found: UnknownField[] = [];
    if (root === undefined || !Object.prototype.hasOwnProperty.call(TABLE.kinds, `${apiVersion} ${kind}`)) return found;
    walk(object, String(root), [], found, limit);
    return found;
}

function walk(value: unknown, code: string, tokens: string[], found: UnknownField[], limit: number): void {
    if (code === "" || found.length >= limit || value === null || value === undefined || isOpaque(value)) return;
    if (code.startsWith("[")) {
        if (Array.isArray(value)) value.forEach((item, index) => walk(item, code.slice(1), [...tokens, String(index)], found, limit));
        return;
    }
    if (code.startsWith("{")) {
        if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) walk(item, code.slice(1), [...tokens, key], found, limit);
        return;
    }
    if (!isPlainObject(value)) return; // a wrong type is the schema check's to report
    const index = Number(code);
    const fields = TABLE.types[index];
    for (const [key, item] of Object.entries(value)) {
        if (found.length >= limit) return;
        if (Object.prototype.hasOwnProperty.call(fields, key)) {
            walk(item, fields[key], [...tokens, key], found, limit);
        } else {
            const known = Object.keys(fields);
            found.push({ tokens: [...tokens, key], typeName: TABLE.names[index], known, suggestion: closestName(key, known) });
        }
    }
}

/**
 * `object` with every null value of a string map (Secret and ConfigMap data, labels, annotations,
 * selectors) replaced by "": the API server decodes JSON null into a Go map's string (or bytes)
 * value as the empty value, so that is what the cluster stores, and what KubeFed's sample
 * override `data: { A: null }` gives. The object is changed in place; the pointers changed are
 * returned.
 */
export function emptyNullMapValues(object: unknown, apiVersion: string, kind: string): string[][] {
    const root = TABLE.kinds[`${apiVersion} ${kind}`];
    const changed: string[][] = [];
    if (root === undefined || !Object.prototype.hasOwnProperty.call(TABLE.kinds, `${apiVersion} ${kind}`)) return changed;
    fillNulls(object, String(root), [], changed);
    return changed;
}

function fillNulls(value: unknown, code: string, tokens: string[], changed: string[][]): void {
    if (code === "" || value === null || value === undefined || isOpaque(value)) return;
    if (code === "{") {
        if (!isPlainObject(value)) return;
        for (const [key, item] of Object.entries(value)) {
            if (item === null) {
                value[key] = "";
                changed.push([...tokens, key]);
            }
        }
        return;
    }
    if (code.startsWith("[")) {
        if (Array.isArray(value)) value.forEach((item, index) => fillNulls(item, code.slice(1), [...tokens, String(index)], changed));
        return;
    }
    if (code.startsWith("{")) {
        if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) fillNulls(item, code.slice(1), [...tokens, key], changed);
        return;
    }
    if (!isPlainObject(value)) return;
    const fields = TABLE.types[Number(code)];
    for (const [key, item] of Object.entries(value)) {
        if (Object.prototype.hasOwnProperty.call(fields, key)) fillNulls(item, fields[key], [...tokens, key], changed);
    }
}

/**
 * Karmada's fieldOverrider and plaintext overriders.
 *
 * fieldOverrider patches a JSON or YAML document held in a string field (a ConfigMap's
 * `config.yaml`), as Karmada does: the string is parsed, the operations apply as RFC 6902 JSON
 * patch (replace needs an existing value, as with Karmada's json-patch v5), and the result is
 * written back. JSON comes back compact, in its key order, with `<`, `>` and `&` escaped as Go's
 * encoder escapes them. YAML comes back as Karmada's yaml.v2 writes it: keys sorted, block style,
 * list items level with their key; comments are lost (as in Karmada). Only the first YAML document
 * is read, as Karmada reads it. Long strings are not folded at 80 columns as yaml.v2 folds them
 * (the value is the same; only the line breaks differ).
 *
 * plaintext operations are RFC 6902 operations on the object, applied last and strictly; a value
 * left out of add or replace is null, and one given with remove is ignored, as in Karmada.
 */
import { parseDocument, stringify } from "yaml";
import { FederationError, FederationErrorLocation } from "../errors";
import { checkBounded } from "./bounded";
import { childAt, pointerTokens, tokensToPointer } from "./jsonPointer";
import { describeType } from "./names";
import { isOpaque, setOwn } from "./opaque";
import { ClusterOverride, applyOverrides } from "./overrides";
import { Fail, FieldOverrider, PlaintextOverrider } from "./overriderTypes";

/** Applies one field overrider to `working` (changed in place); returns the tokens of the field it rewrote. */
export function applyFieldOverrider(working: Record<string, unknown>, overrider: FieldOverrider, field: string, fail: Fail, location: FederationErrorLocation): string[] {
    const tokens = pointerTokens(overrider.fieldPath);
    let parent: unknown = working;
    for (let i = 0; i < tokens.length - 1; i++) {
        parent = childAt(parent, tokens[i]);
        if (isOpaque(parent)) throw fail(`${field}.fieldPath`, `${tokensToPointer(tokens.slice(0, i + 1))} is only known at deployment time, so the field cannot be read`);
    }
    const key = tokens[tokens.length - 1];
    const text = childAt(parent, key);
    if (isOpaque(text)) throw fail(`${field}.fieldPath`, `${overrider.fieldPath} is only known at deployment time; a field overrider needs its text`);
    if (typeof text !== "string") {
        throw fail(`${field}.fieldPath`, `${overrider.fieldPath} must be a string holding JSON or YAML, got ${describeType(text)} (Karmada: "is not string")`);
    }
    const format = overrider.json !== undefined ? "json" : "yaml";
    const operations: ClusterOverride[] = (overrider[format] ?? []).map((operation) => ({
        op: operation.operator,
        path: operation.subPath,
        ...(operation.operator === "remove" ? {} : { value: operation.value }),
    }));
    const document = format === "json" ? parseJson(text, overrider.fieldPath, field, fail) : parseYaml(text, overrider.fieldPath, field, fail);
    const patched = inOwnTerms(() =>
        applyOverrides(document, operations, { embedded: true, replaceMissing: "error", location: { ...location, field: joinField(location.field, `${field}.${format}`) } }),
    );
    const result = format === "json" ? goJson(patched) : goYaml(patched);
    if (Array.isArray(parent)) parent[Number(key)] = result;
    else setOwn(parent as Record<string, unknown>, key, result);
    return tokens;
}

function parseJson(text: string, fieldPath: string, field: string, fail: Fail): unknown {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        throw fail(`${field}.fieldPath`, `${fieldPath} does not hold JSON: ${error instanceof RangeError ? "it nests too deeply" : (error as Error).message}`);
    }
    return bounded(value, fieldPath, field, fail);
}

function parseYaml(text: string, fieldPath: string, field: string, fail: Fail): unknown {
    // YAML 1.1, as Karmada's sigs.k8s.io/yaml reads it (yes and on are true); the first document.
    let value: unknown;
    try {
        const document = parseDocument(text, { version: "1.1", prettyErrors: false });
        if (document.errors.length > 0) throw fail(`${field}.fieldPath`, `${fieldPath} does not hold YAML: ${document.errors[0].message.split("\n")[0]}`);
        value = document.toJS({ maxAliasCount: 100 }) ?? null;
    } catch (error) {
        if (error instanceof FederationError) throw error;
        throw fail(`${field}.fieldPath`, `${fieldPath} does not hold YAML that can be read: ${error instanceof RangeError ? "it nests too deeply" : (error as Error).message}`);
    }
    return bounded(value, fieldPath, field, fail);
}

/** The document a field holds is user input too: no cycles (YAML aliases), no absurd depth. */
function bounded(value: unknown, fieldPath: string, field: string, fail: Fail): unknown {
    try {
        checkBounded(value, {}, `the document in ${fieldPath}`, { jsonOnly: true });
    } catch (error) {
        if (error instanceof FederationError) throw fail(`${field}.fieldPath`, `${error.field ? `${error.field}: ` : ""}${error.reason}`);
        throw error;
    }
    return value;
}

/** Compact JSON with Go's HTML escaping (encoding/json's default, which Karmada's json-patch keeps). */
export function goJson(value: unknown): string {
    return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** YAML as yaml.v2 writes it: sorted keys, block style, list items level with their key. */
export function goYaml(value: unknown): string {
    return stringify(value, { sortMapEntries: true, indentSeq: false, lineWidth: 0, version: "1.1" });
}

/**
 * The plaintext operations as applyOverrides operations, after checking that each applies to
 * `working` as Karmada applies it (strictly). `working` is left as it was.
 */
export function plaintextOperations(working: Record<string, unknown>, plaintext: readonly PlaintextOverrider[], location: FederationErrorLocation): ClusterOverride[] {
    const operations: ClusterOverride[] = plaintext.map((item) => ({
        op: item.operator,
        path: item.path,
        // Karmada sends a left-out value as null, and the value of a remove is ignored.
        ...(item.operator === "remove" ? {} : { value: item.value === undefined ? null : item.value }),
    }));
    if (operations.length === 0) return operations;
    // All of a rule's plaintext operations are one patch in Karmada: it applies whole or not at all.
    inOwnTerms(() => applyOverrides(working, operations, { replaceMissing: "error", location: { ...location, field: joinField(location.field, "plaintext") } }));
    return operations;
}

function joinField(outer: string | undefined, inner: string): string {
    return outer ? `${outer}.${inner}` : inner;
}

/** Runs `apply`, naming operations as the overrider's own list does (`plaintext[1]`, not `plaintext.clusterOverrides[1]`). */
function inOwnTerms<T>(apply: () => T): T {
    try {
        return apply();
    } catch (error) {
        if (!(error instanceof FederationError) || !error.field) throw error;
        throw new FederationError({ resource: error.resource, cluster: error.cluster, field: error.field.replace(/\.clusterOverrides\[/, "["), position: error.position }, error.reason);
    }
}

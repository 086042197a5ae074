/**
 * Bounded input: templates, override values and patches, and YAML documents are walked by the
 * planner recursively, so a value that refers to itself (from code, or a YAML alias of its own
 * ancestor) or nests absurdly deep would end in a stack overflow. This check walks a value once,
 * iteratively, before anything else reads it, and refuses both with the path where it happens.
 * Deployment-time values (Outputs, Promises) are leaves: they are not looked into.
 *
 * With `sentToPulumi`, the same walk refuses a key named `__proto__`: the Pulumi SDK builds the
 * objects it sends with `obj[key] = value` (runtime/rpc.js), which sets the prototype instead of
 * a property, so the key would silently never reach the cluster.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { isOpaque } from "./opaque";

/** Deeper than any Kubernetes object (a CRD's nested schema included) needs. */
export const MAX_NESTING = 100;

interface Frame {
    value: object;
    /** The frame this value is a child of, and its key there (paths are built only for an error). */
    parent: Frame | undefined;
    key: string;
    /** The value's keys, visited in order from `next`. */
    keys: string[];
    next: number;
}

function step(path: readonly string[], key: string, isArray: boolean): string[] {
    return [...path, isArray ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`];
}

/** The path of `key` in `frame`'s value, from the walk's root. */
function pathOf(frame: Frame | undefined, key?: string): string[] {
    const chain: { key: string; inArray: boolean }[] = [];
    if (frame && key !== undefined) chain.push({ key, inArray: Array.isArray(frame.value) });
    for (let at = frame; at?.parent; at = at.parent) chain.push({ key: at.key, inArray: Array.isArray(at.parent.value) });
    return chain.reverse().reduce<string[]>((path, { key, inArray }) => step(path, key, inArray), []);
}

function fieldOf(field: string | undefined, path: readonly string[], limit = path.length): string {
    const shown = path.slice(0, limit).join("");
    const text = `${field ?? ""}${shown}`.replace(/^\./, "");
    return limit < path.length ? `${text}...` : text;
}

/**
 * Throws a FederationError at `location` (its field extended by the path inside `value`) when
 * `value` contains a cycle or nests deeper than MAX_NESTING levels.
 */
export function checkBounded(value: unknown, location: FederationErrorLocation, what = "the value", options: { jsonOnly?: boolean; sentToPulumi?: boolean } = {}): void {
    if (options.jsonOnly) checkJsonLeaf(value, location, () => []);
    if (value === null || typeof value !== "object" || isOpaque(value)) return;
    const onPath = new Set<object>();
    const stack: Frame[] = [{ value, parent: undefined, key: "", keys: Object.keys(value), next: 0 }];
    onPath.add(value);
    while (stack.length > 0) {
        const frame = stack[stack.length - 1];
        if (frame.next >= frame.keys.length) {
            onPath.delete(frame.value);
            stack.pop();
            continue;
        }
        const key = frame.keys[frame.next++];
        const child = (frame.value as Record<string, unknown>)[key];
        if (options.jsonOnly) checkJsonLeaf(child, location, () => pathOf(frame, key));
        if (options.sentToPulumi && key === "__proto__") {
            throw new FederationError(
                { ...location, field: fieldOf(location.field, pathOf(frame, key)) },
                `is a key named "__proto__", which the Pulumi SDK cannot send: its serializer assigns keys with obj[key] = value, so this key would be dropped and never reach the cluster`,
            );
        }
        if (child === null || typeof child !== "object" || isOpaque(child)) continue;
        if (onPath.has(child)) {
            const target = stack.find((f) => f.value === child)!;
            const targetPath = pathOf(target);
            throw new FederationError(
                { ...location, field: fieldOf(location.field, pathOf(frame, key)) },
                `is a cycle in ${what}: it refers back to ${targetPath.length === 0 ? location.field ?? "the value" : fieldOf(location.field, targetPath)} (for example a YAML alias inside its own anchor)`,
            );
        }
        if (stack.length >= MAX_NESTING) {
            const path = pathOf(frame, key);
            throw new FederationError(
                { ...location, field: fieldOf(location.field, path, 8) },
                `nests deeper than ${MAX_NESTING} levels (in ${what})`,
            );
        }
        onPath.add(child);
        stack.push({ value: child, parent: frame, key, keys: Object.keys(child), next: 0 });
    }
}

/** What YAML's non-JSON types become when read: the type names a user would recognise. */
function yamlTypeOf(value: object): string {
    if (value instanceof Date) return "a timestamp (YAML !!timestamp; quote it to keep it a string)";
    if (value instanceof Uint8Array) return "binary data (YAML !!binary; put base64 text in a Secret's data or a ConfigMap's binaryData as a plain string)";
    if (value instanceof Set) return "a set (YAML !!set; write a list)";
    if (value instanceof Map) return "an ordered map or pairs (YAML !!omap / !!pairs; write a mapping)";
    return `a ${value.constructor?.name ?? "non-JSON"} value`;
}

/**
 * A manifest holds only what JSON can: mappings, lists, strings, numbers, booleans and null. YAML
 * can say more (timestamps, binary, sets, ordered maps), and such values would otherwise look like
 * deployment-time values to the planner.
 */
function checkJsonLeaf(value: unknown, location: FederationErrorLocation, path: () => readonly string[]): void {
    if (value === null || typeof value === "string" || typeof value === "boolean") return;
    if (typeof value === "number") {
        if (Number.isFinite(value)) return;
        throw new FederationError({ ...location, field: fieldOf(location.field, path()) || undefined }, `is ${String(value)}, which JSON (and so Kubernetes) cannot hold`);
    }
    if (typeof value === "object" && (Array.isArray(value) || !isOpaque(value))) return;
    const what = typeof value === "object" ? yamlTypeOf(value) : `a ${typeof value}`;
    throw new FederationError({ ...location, field: fieldOf(location.field, path()) || undefined }, `is ${what}, which a Kubernetes manifest cannot hold`);
}

/**
 * A key named `__proto__` that an override put into a cluster's object (a JSON patch path such as
 * `/data/__proto__` makes one): refused as checkBounded's `sentToPulumi` refuses one in the
 * template, naming the object's field. Deployment-time values are not looked into.
 */
export function refuseDroppedKeys(object: unknown, location: FederationErrorLocation, applied: readonly string[]): void {
    const stack: { value: unknown; path: () => string[] }[] = [{ value: object, path: () => [] }];
    while (stack.length > 0) {
        const { value, path } = stack.pop()!;
        if (value === null || typeof value !== "object" || isOpaque(value)) continue;
        const inArray = Array.isArray(value);
        for (const key of Object.keys(value)) {
            const at = () => step(path(), key, inArray);
            if (key === "__proto__") {
                throw new FederationError(
                    { ...location, field: fieldOf(undefined, at()) },
                    `is a key named "__proto__" in the object planned for this cluster after ${applied.join(", ")}, which the Pulumi SDK cannot send: its serializer assigns keys with obj[key] = value, so this key would be dropped and never reach the cluster`,
                );
            }
            stack.push({ value: (value as Record<string, unknown>)[key], path: at });
        }
    }
}

/**
 * Templates are plain objects whose leaves may be values known only at deployment time (a Pulumi
 * `Output`, a `Promise`). The planner never looks inside such values: to it they are opaque
 * leaves, carried through untouched. Anything that is not a plain object, an array or a primitive
 * counts as opaque, so the core needs no `@pulumi` import to recognise Outputs.
 */

/** An object literal (or `Object.create(null)`): something the planner may walk into. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (value === null || typeof value !== "object") return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

/** A value the planner must not walk into: an Output, a Promise, a class instance, a function. */
export function isOpaque(value: unknown): boolean {
    if (typeof value === "function") return true;
    return value !== null && typeof value === "object" && !Array.isArray(value) && !isPlainObject(value);
}

/** True when `value` holds an opaque value anywhere (itself included). */
export function containsOpaque(value: unknown): boolean {
    if (isOpaque(value)) return true;
    if (Array.isArray(value)) return value.some(containsOpaque);
    if (isPlainObject(value)) return Object.values(value).some(containsOpaque);
    return false;
}

/**
 * A deep copy of the plain parts of `value`; opaque leaves are shared, not copied, so an Output
 * stays the same Output (and keeps its secrecy and dependencies).
 */
export function clonePlain<T>(value: T): T {
    if (Array.isArray(value)) return value.map(clonePlain) as unknown as T;
    if (isPlainObject(value)) {
        const copy: Record<string, unknown> = {};
        for (const key of Object.keys(value)) setOwn(copy, key, clonePlain(value[key]));
        return copy as T;
    }
    return value;
}

/**
 * How the Pulumi layer resolves an opaque value so the planner can work on what it holds:
 * it must return a value standing for `transform(resolved value)` (the components use
 * `pulumi.output(value).apply(transform)`, which keeps secrets secret and unknowns unknown).
 */
export type Defer = (value: unknown, transform: (resolved: unknown) => unknown) => unknown;

/**
 * `object[key] = value` that always makes an own data property, even for the key "__proto__"
 * (which plain assignment would treat as a prototype change). Keys come from user YAML and JSON.
 */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
    if (key === "__proto__") Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
    else object[key] = value;
}

/**
 * `record[key]` when `key` is the record's own property, else undefined: a user's string as key
 * (a label such as `constructor`, an Ingress host such as `toString`) must never read what the
 * object inherits from Object.prototype.
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
    return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * The typed override form: a partial of the template merged in with JSON merge patch semantics
 * (RFC 7396): objects merge key by key, `null` deletes a key, and anything else (lists included)
 * replaces what was there. Written here rather than taken from a package because it must carry
 * Outputs through as opaque values and patch *through* them when needed (see opaque.ts); the
 * algorithm is the RFC's ten-line pseudo-code.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { clonePlain, Defer, isOpaque, isPlainObject, setOwn } from "./opaque";
import { describeType } from "./names";

/** The template-relative fields a merge patch must not set (see PROTECTED_PATHS). */
const PROTECTED_TOP = ["apiVersion", "kind"];
const PROTECTED_METADATA = ["name", "namespace", "generateName"];

/** Checks a merge patch: a plain object that leaves the identifying fields alone. */
export function validateMergePatch(patch: unknown, location: FederationErrorLocation = {}): void {
    if (!isPlainObject(patch)) {
        throw new FederationError(location, `a patch is a partial of the template (an object), got ${describeType(patch)}`);
    }
    for (const key of PROTECTED_TOP) {
        if (patch[key] !== undefined) {
            throw new FederationError({ ...location, field: `${location.field ?? "patch"}.${key}` }, `${key} must be the same in every cluster and cannot be patched`);
        }
    }
    const metadata = patch.metadata;
    if (metadata === undefined) return;
    if (metadata === null) {
        throw new FederationError({ ...location, field: `${location.field ?? "patch"}.metadata` }, "metadata cannot be removed");
    }
    if (!isPlainObject(metadata)) {
        throw new FederationError(
            { ...location, field: `${location.field ?? "patch"}.metadata` },
            "must be a plain object in a patch (so that name and namespace can be checked); patch its fields instead",
        );
    }
    for (const key of PROTECTED_METADATA) {
        if (metadata[key] !== undefined) {
            throw new FederationError(
                { ...location, field: `${location.field ?? "patch"}.metadata.${key}` },
                `metadata.${key} must be the same in every cluster and cannot be patched`,
            );
        }
    }
}

/**
 * Returns `target` with `patch` merged in (RFC 7396); `target` is not changed. Where the patch
 * reaches into an opaque value of the target, the rest of the merge goes through `defer`.
 */
export function applyMergePatch<T>(target: T, patch: unknown, defer?: Defer): T {
    return merge(clonePlain(target), patch, defer, "") as T;
}

function merge(target: unknown, patch: unknown, defer: Defer | undefined, path: string): unknown {
    if (!isPlainObject(patch)) return clonePlain(patch);
    if (isOpaque(target)) {
        if (!defer) throw new FederationError({}, `the patch leads through ${path || "the object"}, whose value is only known at deployment time`);
        return defer(target, (resolved) => merge(clonePlain(resolved), patch, defer, path));
    }
    const result: Record<string, unknown> = isPlainObject(target) ? target : {};
    for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue; // an optional field left out, not a deletion
        if (value === null) delete result[key];
        else setOwn(result, key, merge(Object.prototype.hasOwnProperty.call(result, key) ? result[key] : undefined, value, defer, `${path}/${key}`));
    }
    return result;
}

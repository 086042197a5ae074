/**
 * The engine's property paths, as a preview's `detailedDiff` keys them: `data.mode`,
 * `spec.template.spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`. Drift
 * reports name a field by its path and read the live and declared values at it.
 */

/** A path's segments: property names and array indexes. */
export function pathSegments(path: string): Array<string | number> {
    const segments: Array<string | number> = [];
    let at = 0;
    while (at < path.length) {
        if (path[at] === ".") {
            at++;
            continue;
        }
        if (path[at] === "[") {
            const close = path.indexOf("]", at);
            const inner = close < 0 ? path.slice(at + 1) : path.slice(at + 1, close);
            if (inner.startsWith('"')) {
                // A quoted key as the engine writes it (Pulumi's PropertyPath grammar): `\"` is a quote, every
                // other character (a backslash too) itself. Not JSON: `["a\b"]` is the key a\b, and never throws.
                const end = quotedEnd(path, at + 1);
                segments.push((end < 0 ? path.slice(at + 2) : path.slice(at + 2, end)).replace(/\\"/g, '"'));
                at = end < 0 ? path.length : path.indexOf("]", end) + 1 || path.length;
            } else {
                segments.push(/^\d+$/.test(inner) ? Number(inner) : inner);
                at = close < 0 ? path.length : close + 1;
            }
            continue;
        }
        let end = at;
        while (end < path.length && path[end] !== "." && path[end] !== "[") end++;
        segments.push(path.slice(at, end));
        at = end;
    }
    return segments;
}

/** The index of the quote that closes the quoted key opening at `open` (`\"` does not), or -1. */
function quotedEnd(path: string, open: number): number {
    for (let at = open + 1; at < path.length; at++) {
        if (path[at] === "\\" && path[at + 1] === '"') at++;
        else if (path[at] === '"') return at;
    }
    return -1;
}

/** The value at a path, or undefined where the path leads nowhere. */
export function valueAtPath(root: unknown, path: string): unknown {
    let node = root;
    for (const segment of pathSegments(path)) {
        if (node === null || typeof node !== "object") return undefined;
        if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
        node = (node as Record<string | number, unknown>)[segment];
    }
    return node;
}

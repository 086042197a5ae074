/**
 * JSON Pointer (RFC 6901) helpers on top of the `rfc6902` package's Pointer, which does the
 * escaping. These add what error messages need: finding how much of a path exists.
 */
import { Pointer } from "rfc6902/pointer";
import { escapeToken } from "rfc6902/pointer";
import { isPlainObject } from "./opaque";

/** Why `path` is not a JSON pointer to a field, or undefined when it is one. */
export function pointerProblem(path: unknown): string | undefined {
    if (typeof path !== "string") return `must be a JSON pointer string such as "/spec/replicas", got ${typeof path}`;
    if (path === "") return `"" points at the whole object; point at a field such as "/spec/replicas"`;
    if (!path.startsWith("/")) return `"${path}" is not a JSON pointer: it must start with "/" (for example "/spec/replicas")`;
    if (/~(?![01])/.test(path)) return `"${path}" is not a JSON pointer: "~" must be written "~0" and "/" inside a key "~1"`;
    return undefined;
}

/** The unescaped reference tokens of a valid pointer, without the leading empty token. */
export function pointerTokens(path: string): string[] {
    return Pointer.fromJSON(path).tokens.slice(1);
}

export function tokensToPointer(tokens: readonly string[]): string {
    return tokens.map((token) => "/" + escapeToken(token)).join("");
}

/** The child of a plain object or array by pointer token, or undefined when there is none. */
export function childAt(node: unknown, token: string): unknown {
    if (Array.isArray(node)) {
        return /^(0|[1-9][0-9]*)$/.test(token) ? node[Number(token)] : undefined;
    }
    if (isPlainObject(node)) {
        return Object.prototype.hasOwnProperty.call(node, token) ? node[token] : undefined;
    }
    return undefined;
}

/**
 * Explains why `tokens` cannot be followed through `document`: which prefix exists and what the
 * next step found there, e.g. `/spec/template/spec/containers has 1 item, no index 3`.
 */
export function describeMissing(document: unknown, tokens: readonly string[], upTo = tokens.length, prefix: readonly string[] = []): string {
    let node = document;
    for (let i = 0; i < upTo; i++) {
        const next = childAt(node, tokens[i]);
        if (next === undefined) {
            const walked = [...prefix, ...tokens.slice(0, i)];
            const where = walked.length === 0 ? "the object" : tokensToPointer(walked);
            if (Array.isArray(node)) {
                return `${where} is a list of ${node.length} item${node.length === 1 ? "" : "s"}, with no index "${tokens[i]}"`;
            }
            if (isPlainObject(node)) {
                const keys = Object.keys(node);
                const shown = keys.slice(0, 8).join(", ") + (keys.length > 8 ? ", …" : "");
                return `${where} has no "${tokens[i]}"` + (keys.length > 0 ? ` (it has: ${shown})` : " (it is empty)");
            }
            return `${where} is ${node === null ? "null" : typeof node}, not an object or list`;
        }
        node = next;
    }
    return `${tokensToPointer([...prefix, ...tokens.slice(0, upTo)])} exists`;
}

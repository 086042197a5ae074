/**
 * Container image references in Docker's grammar (github.com/distribution/reference):
 * `[registry/]repository[:tag][@digest]`, parsed, formatted and checked for the image overrider.
 */
import { listWords } from "./overriderTypes";

/** A container image reference split into its parts, as {@link parseImageReference} reads it. */
export interface ImageReference {
    /** host[:port], or "" when the reference names none (Docker Hub). */
    registry: string;
    /** The path after the registry: "nginx", "library/redis". */
    repository: string;
    /** "" when there is none. */
    tag: string;
    /** "sha256:<64 hex>", or "" when there is none. */
    digest: string;
}

const ALPHANUMERIC = "[a-z0-9]+";
const PATH_PART = `${ALPHANUMERIC}(?:(?:[._]|__|-+)${ALPHANUMERIC})*`;
export const PATH_COMPONENT = new RegExp(`^${PATH_PART}$`);
export const REMOTE_NAME = new RegExp(`^${PATH_PART}(?:/${PATH_PART})*$`);
const DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
export const DOMAIN_AND_PORT = new RegExp(`^(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
export const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):([0-9a-fA-F]{32,})$/;
const DIGEST_LENGTHS = new Map([
    ["sha256", 64],
    ["sha384", 96],
    ["sha512", 128],
]);
const NAME_MAX = 255;
export const REPOSITORY_RULE = 'a valid repository (lower-case letters and digits, separated by ".", "_", "__" or "-", in "/"-separated parts)';
export const TAG_RULE = 'a valid tag (letters, digits, "_", "." and "-", at most 128 characters, not starting with "." or "-")';

/** Docker's rule for whether the first "/"-part of a name is a registry. */
export function looksLikeRegistry(part: string): boolean {
    return part.includes(".") || part.includes(":") || part === "localhost" || part.toLowerCase() !== part;
}

export function digestProblem(digest: string): string | undefined {
    const match = DIGEST.exec(digest);
    if (!match) return `"${digest}" is not a valid digest (algorithm:hex, such as "sha256:" and 64 hex digits)`;
    const [, algorithm, hex] = match;
    const length = DIGEST_LENGTHS.get(algorithm);
    if (length === undefined) return `digest algorithm "${algorithm}" is not supported (use ${listWords([...DIGEST_LENGTHS.keys()])})`;
    if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) return `a ${algorithm} digest has ${length} lower-case hex digits, "${digest}" has ${hex.length}${/[A-F]/.test(hex) ? " with upper-case ones" : ""}`;
    return undefined;
}

/**
 * Splits an image reference as Docker does: `[registry/]repository[:tag][@digest]`. Returns the
 * reason when `reference` is not a valid one.
 */
export function parseImageReference(reference: string): ImageReference | string {
    if (reference === "") return "it is empty";
    let name = reference;
    let digest = "";
    let tag = "";
    const at = name.indexOf("@");
    if (at >= 0) {
        digest = name.slice(at + 1);
        name = name.slice(0, at);
        const problem = digestProblem(digest);
        if (problem) return problem;
    }
    const colon = name.lastIndexOf(":");
    if (colon > name.lastIndexOf("/")) {
        tag = name.slice(colon + 1);
        name = name.slice(0, colon);
        if (!TAG.test(tag)) return `tag "${tag}" is not ${TAG_RULE}`;
    }
    if (name.length > NAME_MAX) return `the name is longer than ${NAME_MAX} characters`;
    let registry = "";
    let repository = name;
    const slash = name.indexOf("/");
    if (slash >= 0 && looksLikeRegistry(name.slice(0, slash))) {
        registry = name.slice(0, slash);
        repository = name.slice(slash + 1);
        if (!DOMAIN_AND_PORT.test(registry)) return `registry "${registry}" is not a valid host[:port]`;
    }
    if (!REMOTE_NAME.test(repository)) return `repository "${repository}" is not ${REPOSITORY_RULE}`;
    return { registry, repository, tag, digest };
}

/** The text of an image reference: `[registry/]repository[:tag][@digest]`, leaving out the empty parts. */
export function formatImageReference(reference: ImageReference): string {
    return (
        (reference.registry ? `${reference.registry}/` : "") +
        reference.repository +
        (reference.tag ? `:${reference.tag}` : "") +
        (reference.digest ? `@${reference.digest}` : "")
    );
}

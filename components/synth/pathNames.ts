/**
 * File and folder names made from names synth does not control (object names, kinds, namespaces,
 * member names, provider names, cluster identifiers). A name never becomes a path as it is: it is
 * encoded into one path component that holds no separator, is never "", "." or "..", never starts
 * with "." (no hidden or dot-dot names), holds no control character and is at most
 * MAX_COMPONENT_BYTES long, the same on Linux, macOS and Windows. Names that are already safe
 * and short enough (DNS names, so most Kubernetes names and every member's, Karmada's `@karmada`)
 * stay byte-identical, so existing renderings keep their file names; a `:` (RBAC names such as
 * `system:aggregate-to-edit`) is encoded, as Windows takes it for a drive or a stream.
 */
import { createHash } from "crypto";

/**
 * At most this many bytes per component: well under the 255 of Linux and macOS file names (a
 * 253-character name in a 63-character namespace is shortened, never ENAMETOOLONG), and a path
 * of three components under a folder of ordinary length stays within Windows' 260.
 */
export const MAX_COMPONENT_BYTES = 100;

/** Hex digits of sha256 a shortened component ends with (before its suffix). */
const HASH_LENGTH = 10;

/**
 * Kept as they are: letters, digits, `.`, `_`, `-`, and `@` (valid on every file system, and
 * what keeps Karmada's folder `@karmada` readable). Every other character is percent-encoded.
 */
const KEPT = /^[A-Za-z0-9._@-]$/;

/** The names Windows reserves for devices, with or without an extension (`nul`, `COM1.yaml`). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/** Encoded text: only kept characters and `%XX` escapes, so `%` is the one escape. */
const ENCODED = /^(?:[A-Za-z0-9._@-]|%[0-9A-F]{2})+$/;

/** The empty text, encoded: a `%` that is no escape, so no other text gives it. */
const EMPTY = "%";

/**
 * `text` as one safe path component, then `suffix` (itself safe, e.g. `.yaml`). The rule:
 * - the text is NFC-normalized first, so names that are one file on macOS are one name here;
 * - characters in [A-Za-z0-9._@-] are kept, every other one is written `%XX` per UTF-8 byte
 *   (uppercase hex; `%` itself is `%25`, so encoding never merges two names);
 * - a `.` that starts or ends the text is written `%2E` (no hidden, `.`, `..` or, on Windows,
 *   trailing-dot names), and so is the first character of a Windows device name (`%6Eul`);
 * - the empty text is `%`;
 * - a result longer than MAX_COMPONENT_BYTES keeps as many whole characters of its start as fit,
 *   then `-` and the first HASH_LENGTH hex digits of sha256 of the whole encoded text, then
 *   `suffix`, at most MAX_COMPONENT_BYTES bytes in all.
 */
export function encodePathComponent(text: string, suffix = ""): string {
    if (suffix !== "" && (!ENCODED.test(suffix) || suffix.length > 20)) throw new Error(`encodePathComponent: suffix ${JSON.stringify(suffix)} is not a short safe name`);
    const characters = [...text.normalize("NFC")];
    // One piece per character, so that shortening never cuts a character (or an escape) in two.
    const pieces = characters.map((character, index) => {
        const edgeDot = character === "." && (index === 0 || index === characters.length - 1);
        return KEPT.test(character) && !edgeDot ? character : escape(character);
    });
    if (pieces.length === 0) return EMPTY + suffix;
    if (WINDOWS_DEVICE.test(pieces.join(""))) pieces[0] = escape(pieces[0]);
    const encoded = pieces.join("");
    if (encoded.length + suffix.length <= MAX_COMPONENT_BYTES) return encoded + suffix;
    const hash = createHash("sha256").update(encoded).digest("hex").slice(0, HASH_LENGTH);
    const room = MAX_COMPONENT_BYTES - suffix.length - HASH_LENGTH - 1;
    let start = "";
    for (const piece of pieces) {
        if (start.length + piece.length > room) break;
        start += piece;
    }
    return `${start}-${hash}${suffix}`;
}

/** `%XX` for each UTF-8 byte of `character` (a lone surrogate, in no valid name, as U+FFFD: names merged so are refused as one file). */
function escape(character: string): string {
    return [...Buffer.from(character, "utf8")].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

/**
 * Whether `name` is a component encodePathComponent can give: what synth checks before it
 * writes a file or makes a folder, whatever built the name.
 */
export function isEncodedComponent(name: string): boolean {
    const text = name.startsWith(EMPTY) && !/^%[0-9A-F]{2}/.test(name) ? name.slice(EMPTY.length) : name;
    return (
        (text === "" || ENCODED.test(text)) &&
        Buffer.byteLength(name) <= MAX_COMPONENT_BYTES &&
        !name.startsWith(".") &&
        !name.endsWith(".") &&
        !WINDOWS_DEVICE.test(name)
    );
}

/**
 * Two names with one key are one file on a case-insensitive file system (macOS and Windows by
 * default) or after Unicode normalization (macOS): NFC-normalized, then lower-cased.
 */
export function collisionKey(name: string): string {
    return name.normalize("NFC").toLowerCase();
}

/**
 * The fast reader for manifest files: js-yaml (about ten times faster than `yaml` on large files),
 * made to read every document exactly as `yaml` reads it with YAML 1.1, which stays the reader of
 * record (load.ts). A 50 MB file of 42,000 documents took `yaml` 30 s on this project's two-core
 * machine; js-yaml reads it in 2 s.
 *
 * Only what both read alike goes the fast way, and everything else goes to `yaml`, one document
 * at a time:
 * - The text is split into documents at the lines YAML itself forbids inside any document (`---`
 *   or `...` at the start of a line, then a space or the line's end; YAML 1.2 §9.1.3 "c-forbidden"),
 *   so each piece holds one document; a text with a directive (`%YAML`, `%TAG`) is not split.
 * - Plain scalars resolve by `yaml`'s own YAML 1.1 rules (its null, bool, int and float tags, in
 *   its order, with its conversions), so `0644` is 420, `yes` true and `1_000` 1000 on both paths.
 * - A document js-yaml cannot read, or that uses what the two could read differently (anchors and
 *   aliases, tags, merge keys, timestamps and sexagesimal numbers, a null or complex mapping key),
 *   is read by `yaml`: its errors and values are the reader of record's.
 * `tests/manifests/fastYaml.test.ts` reads a corpus both ways and compares.
 */
import * as jsYaml from "js-yaml";

/** One document's place in the text. */
export interface DocumentPiece {
    /** Offsets of its text: the comments before it, its markers and its content. */
    start: number;
    end: number;
    /** Where `yaml` says the document starts (its `---`, else its first content line). */
    documentStart: number;
    /** The 1-based line of documentStart. */
    documentLine: number;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/;
const BLANK_OR_COMMENT = /^[ \t\uFEFF]*(?:#.*)?\r?$/;

/**
 * The documents of `text`, split at document markers, or undefined when the text has a directive
 * (a line starting with `%`): those belong to the next document and only a whole-text read keeps them.
 */
export function splitDocuments(text: string): DocumentPiece[] | undefined {
    const pieces: DocumentPiece[] = [];
    /** The piece being read: open once it holds a marker or content. */
    let start = 0;
    let documentStart = -1;
    let documentLine = 0;
    let open = false;
    let line = 0;
    for (let position = 0; position < text.length; ) {
        line++;
        const newline = text.indexOf("\n", position);
        const next = newline === -1 ? text.length : newline + 1;
        const content = text.slice(position, newline === -1 ? text.length : newline);
        if (content.startsWith("%")) return undefined;
        const marker = MARKER.exec(content)?.[0];
        if (marker === "---") {
            if (open) pieces.push({ start, end: position, documentStart, documentLine });
            // Comments before a `---` belong to its document.
            if (open) start = position;
            documentStart = position;
            documentLine = line;
            open = true;
        } else if (marker === "...") {
            if (!open) {
                // A lone `...` is an empty document.
                documentStart = position;
                documentLine = line;
            }
            pieces.push({ start, end: next, documentStart, documentLine });
            start = next;
            open = false;
        } else if (!open && !BLANK_OR_COMMENT.test(content)) {
            documentStart = position;
            documentLine = line;
            open = true;
        }
        position = next;
    }
    if (open) pieces.push({ start, end: text.length, documentStart, documentLine });
    else if (pieces.length > 0) pieces[pieces.length - 1].end = text.length; // trailing comments
    return pieces;
}

/** What js-yaml and `yaml` could read differently: such a document is read by `yaml`. */
const NOT_FOR_FAST_READING = [
    /[&*!]/, // anchors, aliases, tags (and, conservatively, any text holding those characters)
    /<</, // merge keys
    /(?:^|[\s,[{?-]):(?:[ \t\r\n]|$)/m, // an empty (null) key (`yaml` makes it "", js-yaml "null")
    /[\]}][ \t]*:(?:[ \t\r\n]|$)/, // a flow collection as a key
    /^[ \t-]*\?(?:[ \t\r\n]|$)/m, // an explicit (complex) key
    /\t/, // tabs: where indentation may not use them, the two disagree on what is an error
];

/** A null key (`yaml` makes it "", js-yaml "null"), looked for only where the text names null. */
const NULL_KEY = /(?:^|[\s,[{?-])(?:~|null|Null|NULL)[ \t]*:(?:[ \t\r\n]|$)/m;

/** Thrown by the tags `yaml` would resolve to something js-yaml should not guess. */
class ReadWithYaml extends Error {}

/**
 * A plain scalar tag that resolves by `test` and converts with `construct`, as one of `yaml`'s
 * YAML 1.1 tags does. Each gets a name of its own (js-yaml keeps one type per name; explicit tags
 * never reach js-yaml, see NOT_FOR_FAST_READING).
 */
function plainTag(name: string, test: RegExp, construct: (text: string) => unknown): jsYaml.Type {
    return new jsYaml.Type(`tag:pulumi-federation,2026:yaml-1.1/${name}`, { kind: "scalar", resolve: (text: string | null) => test.test(text ?? ""), construct: (text: string | null) => construct(text ?? "") });
}

/** `yaml`'s YAML 1.1 integer conversion: sign, prefix, underscores, then parseInt. */
function integer(prefix: number, radix: number): (text: string) => number {
    return (text) => {
        const sign = text[0];
        const digits = text.substring(prefix + (sign === "-" || sign === "+" ? 1 : 0)).replace(/_/g, "");
        const value = parseInt(digits, radix);
        return sign === "-" ? -1 * value : value;
    };
}

const refuse = () => {
    throw new ReadWithYaml();
};

/** `yaml` 2's YAML 1.1 schema (dist/schema/yaml-1.1/schema.js), its tags in its order. */
const YAML_1_1 = jsYaml.FAILSAFE_SCHEMA.extend({
    implicit: [
        plainTag("null", /^(?:~|[Nn]ull|NULL)?$/, () => null),
        plainTag("true", /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/, () => true),
        plainTag("false", /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/, () => false),
        plainTag("intBin", /^[-+]?0b[0-1_]+$/, integer(2, 2)),
        plainTag("intOct", /^[-+]?0[0-7_]+$/, integer(1, 8)),
        plainTag("int", /^[-+]?[0-9][0-9_]*$/, integer(0, 10)),
        plainTag("intHex", /^[-+]?0x[0-9a-fA-F_]+$/, integer(2, 16)),
        plainTag("floatNaN", /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (text) => (text.slice(-3).toLowerCase() === "nan" ? NaN : text[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY)),
        plainTag("floatExp", /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/, (text) => parseFloat(text.replace(/_/g, ""))),
        plainTag("float", /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/, (text) => parseFloat(text.replace(/_/g, ""))),
        // Sexagesimal numbers and timestamps (a Date): left to `yaml`.
        plainTag("intTime", /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/, refuse),
        plainTag("floatTime", /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/, refuse),
        plainTag("timestamp", /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/, refuse),
    ],
});

/**
 * The value of one document's text as `yaml` (YAML 1.1) would read it, or undefined when it must
 * be read by `yaml` (see above). `piece` holds exactly one document (see splitDocuments).
 */
export function readFast(piece: string): { value: unknown } | undefined {
    if (NOT_FOR_FAST_READING.some((pattern) => pattern.test(piece))) return undefined;
    if (/~|null|Null|NULL/.test(piece) && NULL_KEY.test(piece)) return undefined;
    try {
        return { value: jsYaml.load(piece, { schema: YAML_1_1 }) };
    } catch {
        // A syntax error (reported in `yaml`'s words), a tag left to `yaml`, or nesting too deep.
        return undefined;
    }
}

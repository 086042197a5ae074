/**
 * Where a field is written in a manifest file: every error about a document gets the line and
 * column of the offending field (`app.yaml:12:7`), not only YAML syntax errors.
 *
 * Nothing is kept per node while reading: each parsed document remembers its text and position
 * in it, and only when an error is raised is that text parsed again to find the field's node.
 * The happy path pays for one reference per document.
 */
import { Document, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments } from "yaml";
import { FederationError, SourcePosition } from "../errors";
import type { ManifestDocument } from "./manifestDocument";

interface DocumentSource {
    source: string;
    text: string;
    /** The document's position in the text. */
    index: number;
    /** For the items of a v1 List: the item's position. */
    item?: number;
    /** The document's own piece of the text, when it was read alone (see fastYaml.ts). */
    piece?: { start: number; end: number };
}

const sources = new WeakMap<object, DocumentSource>();

/** Notes where `object` (a parsed manifest) was read from. */
export function rememberSource(object: object, source: DocumentSource): void {
    sources.set(object, source);
}

/** The most recently re-parsed text: several errors about one file parse it once. */
let lastParsed: { text: string; documents: Document.Parsed[] } | undefined;

function parsedDocuments(text: string): Document.Parsed[] {
    if (lastParsed?.text !== text) lastParsed = { text, documents: parseAllDocuments(text, { version: "1.1", merge: true }) as Document.Parsed[] };
    return lastParsed.documents;
}

/**
 * The position of `field` (as errors name fields: `spec.overrides[0].clusterOverrides[1].path`,
 * `metadata.labels["k"]`) in the document `object` was read from: the field's key when the field
 * is a mapping key, else its value, else the nearest enclosing node that exists.
 */
export function fieldPosition(object: object, field: string | undefined): SourcePosition | undefined {
    const origin = sources.get(object);
    if (!origin) return undefined;
    // A document read alone is parsed alone: an error in the last of 42,000 does not parse them all.
    const document = origin.piece
        ? (parseAllDocuments(origin.text.slice(origin.piece.start, origin.piece.end), { version: "1.1", merge: true })[0] as Document.Parsed | undefined)
        : parsedDocuments(origin.text)[origin.index];
    if (!document) return undefined;
    const tokens = [...(origin.item === undefined ? [] : ["items", String(origin.item)]), ...fieldTokens(field ?? "")];
    return positionInDocument(document, origin.text, origin.source, tokens, origin.piece?.start ?? 0);
}

/**
 * The position of the node at `tokens` in a parsed YAML document (or of its nearest ancestor);
 * `offset`: where the text the document was parsed from starts in `text`.
 */
export function positionInDocument(document: Document.Parsed, text: string, source: string, tokens: readonly string[], offset = 0): SourcePosition | undefined {
    let node: unknown = document.contents;
    let at = rangeStart(node);
    for (const token of tokens) {
        if (isAlias(node)) node = node.resolve(document);
        if (isMap(node)) {
            const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === token);
            if (!pair) break;
            at = rangeStart(pair.key) ?? at;
            node = pair.value;
        } else if (isSeq(node) && /^\d+$/.test(token) && Number(token) < node.items.length) {
            node = node.items[Number(token)];
            at = rangeStart(node) ?? at;
        } else {
            break;
        }
    }
    if (at === undefined) return undefined;
    return { source, ...lineIndex(text)(offset + at) };
}

function rangeStart(node: unknown): number | undefined {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? range[0] : undefined;
}

/** Maps a character offset to its 1-based line and column. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
    const starts = [0];
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", newline + 1)) starts.push(newline + 1);
    return (offset) => {
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (starts[mid] <= offset) low = mid;
            else high = mid - 1;
        }
        return { line: low + 1, column: offset - starts[low] + 1 };
    };
}

/** `a.b[0]["c.d"]` -> `["a", "b", "0", "c.d"]`. */
export function fieldTokens(field: string): string[] {
    const tokens: string[] = [];
    const pattern = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([^.[\]]+)/g;
    for (let match = pattern.exec(field); match; match = pattern.exec(field)) {
        if (match[1] !== undefined) tokens.push(match[1]);
        else if (match[2] !== undefined) tokens.push(readQuoted(match[2]));
        else tokens.push(match[3]);
    }
    return tokens;
}

function readQuoted(inner: string): string {
    try {
        return JSON.parse(`"${inner}"`);
    } catch {
        return inner;
    }
}

/**
 * Runs `work`; a FederationError about one of `documents` (by its label) gets the position of
 * its field in that document's file.
 */
export function withPositions<T>(documents: readonly ManifestDocument[], labelOf: (document: ManifestDocument) => string, work: () => T): T {
    try {
        return work();
    } catch (error) {
        if (!(error instanceof FederationError) || error.position || !error.resource) throw error;
        const document = documents.find((candidate) => labelOf(candidate) === error.resource);
        const position = document ? fieldPosition(document.object, error.field) : undefined;
        if (!position) throw error;
        throw new FederationError({ resource: error.resource, cluster: error.cluster, field: error.field, position }, error.reason);
    }
}

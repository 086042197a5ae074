/**
 * Reading KubeFed-style YAML: multi-document text or files, each document kept with where it
 * came from (file, index, line) so that every later error can point back to it.
 */
import * as fs from "fs";
import * as path from "path";
import { Document, YAMLError, parseAllDocuments } from "yaml";
import { FederationError } from "../errors";
import { checkBounded } from "../planning/bounded";
import { describeType } from "../planning/names";
import { isPlainObject } from "../planning/opaque";
import { DocumentPiece, readFast, splitDocuments } from "./fastYaml";
import { fieldTokens, lineIndex, positionInDocument, rememberSource } from "./positions";

export type { ManifestDocument } from "./manifestDocument";
import type { ManifestDocument } from "./manifestDocument";

/**
 * Parses KubeFed-style manifests. A string is YAML text (multi-document); a list names files
 * or folders (every `.yaml` / `.yml` file in a folder, in name order). Empty documents are
 * skipped; anything that is not a mapping is an error.
 */
export function loadFederationManifests(input: string | readonly string[], source = "<inline>"): ManifestDocument[] {
    if (typeof source !== "string") throw new FederationError({ resource: "loadFederationManifests", field: "source" }, `must be a string naming the text, got ${describeType(source)}`);
    if (typeof input === "string") return parseManifestText(input, source);
    checkPathList(input, "loadFederationManifests", "paths");
    return manifestFiles(input).flatMap((file) => parseManifestText(readManifestFile(file), file));
}

/** The largest manifest file read (a bigger one is refused before it is read, not failed on by V8). */
export const MAX_MANIFEST_FILE_BYTES = 64 * 1024 * 1024;

/** What a path that is not a regular file is, for the error that refuses it. */
function fileKind(stat: fs.Stats): string {
    if (stat.isFIFO()) return "a named pipe (FIFO), which would block the read";
    if (stat.isCharacterDevice()) return "a character device";
    if (stat.isBlockDevice()) return "a block device";
    if (stat.isSocket()) return "a socket";
    return "not a regular file";
}

/**
 * A manifest file's text: only a regular file (a FIFO or a device would block or never end) of
 * at most MAX_MANIFEST_FILE_BYTES, checked before anything is read.
 */
export function readManifestFile(file: string): string {
    let stat: fs.Stats;
    try {
        stat = fs.statSync(file);
    } catch {
        throw new FederationError({ resource: file }, "no such manifest file or folder");
    }
    if (!stat.isFile()) throw new FederationError({ resource: file }, `is ${fileKind(stat)}: manifests are read from regular files and folders of them`);
    if (stat.size > MAX_MANIFEST_FILE_BYTES) {
        throw new FederationError({ resource: file }, `is ${(stat.size / 1024 / 1024).toFixed(1)} MB: a manifest file is read up to ${MAX_MANIFEST_FILE_BYTES / 1024 / 1024} MB (split it into several files in a folder)`);
    }
    return fs.readFileSync(file, "utf8");
}

/** The YAML files that `paths` name, folders expanded, each once, in a stable order. */
export function manifestFiles(paths: readonly string[]): string[] {
    checkPathList(paths, "manifestFiles", "paths");
    const files: string[] = [];
    for (const entry of paths) {
        let stat: fs.Stats;
        try {
            stat = fs.statSync(entry);
        } catch {
            throw new FederationError({ resource: entry }, "no such manifest file or folder");
        }
        if (stat.isDirectory()) {
            const inFolder = fs
                .readdirSync(entry)
                .filter((name) => /\.(ya?ml|json)$/i.test(name) && fs.statSync(path.join(entry, name)).isFile())
                .sort();
            if (inFolder.length === 0) throw new FederationError({ resource: entry }, "the folder has no .yaml, .yml or .json files");
            files.push(...inFolder.map((name) => path.join(entry, name)));
        } else if (stat.isFile()) {
            files.push(entry);
        } else {
            throw new FederationError({ resource: entry }, `is ${fileKind(stat)}: manifests are read from regular files and folders of them`);
        }
    }
    // The same file however it is spelled (relative, absolute, with ./) is read once.
    const seen = new Set<string>();
    return files.filter((file) => {
        const key = path.resolve(file);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/**
 * The manifests of one YAML text. Its documents are read by the fast reader where it reads them
 * as `yaml` does, and by `yaml` (YAML 1.1, as kubectl: `0644` is octal, `<<` merges) otherwise;
 * see fastYaml.ts. Every error names the document, and the line and column of its field.
 */
export function parseManifestText(text: string, source: string): ManifestDocument[] {
    // Lines are counted while splitting; the index of every line is built only for an error's position.
    let lines: ReturnType<typeof lineIndex> | undefined;
    const lineOf = (offset: number) => (lines ??= lineIndex(text))(offset);
    const pieces = splitDocuments(text);
    if (pieces !== undefined) {
        const documents: ManifestDocument[] = [];
        let index = 0;
        for (; index < pieces.length; index++) {
            const piece = pieces[index];
            const pieceText = text.slice(piece.start, piece.end);
            const fast = readFast(pieceText);
            if (fast === undefined) {
                const reading = { source, text, lineOf, offset: piece.start, firstIndex: index, single: true, inStream: () => firstErrorInStream(text, pieces, index) };
                if (!readWithYaml(pieceText, reading, documents)) break;
                continue;
            }
            const line = piece.documentLine;
            const origin: DocumentOrigin = { source, text, index, line, where: `${source} document ${index} (line ${line})`, piece };
            try {
                addDocument(fast.value, origin, documents);
            } catch (error) {
                throw locatedInDocument(error, origin, () => parseAllDocuments(pieceText, YAML_OPTIONS)[0], piece.start, lineOf);
            }
        }
        if (index === pieces.length) return documents;
    }
    // A directive, or a piece `yaml` did not read as one document: the whole text, as one stream.
    return parseManifestTextWithYaml(text, source, lineOf);
}

/**
 * The manifests of one YAML text, every document read by `yaml` in one stream: the reader of
 * record, which the fast reader must match (tests/manifests/fastYaml.test.ts compares the two).
 *
 * @internal
 */
export function parseManifestTextWithYaml(text: string, source: string, lineOf = lineIndex(text)): ManifestDocument[] {
    const documents: ManifestDocument[] = [];
    readWithYaml(text, { source, text, lineOf, offset: 0, firstIndex: 0, single: false }, documents);
    return documents;
}

/** YAML 1.1, as kubectl reads manifests: 0644 is octal (420) and << merges mappings. */
const YAML_OPTIONS = { prettyErrors: false, version: "1.1", merge: true } as const;

interface YamlReading {
    source: string;
    /** The whole text (`yamlText` is it, or a piece of it at `offset`). */
    text: string;
    lineOf: (offset: number) => { line: number; column: number };
    offset: number;
    firstIndex: number;
    /** `yamlText` is one document's piece: false when `yaml` reads it as anything else. */
    single: boolean;
    /** For a piece: its first syntax error as the whole stream shows it (undefined: it has none there). */
    inStream?: () => YAMLError | undefined;
}

/**
 * The first syntax error of document `index` as `yaml` reading the whole text reports it. Where
 * the error is placed can depend on the text after the document (an unclosed quote runs on to the
 * next quote), so `yaml` reads from the document on, over twice as many pieces each time, until
 * it has started a later document (this one is then read as in the whole text) or reached the end.
 */
function firstErrorInStream(text: string, pieces: readonly DocumentPiece[], index: number): YAMLError | undefined {
    for (let count = 1; ; count *= 2) {
        const last = Math.min(pieces.length - 1, index + count);
        const end = last === pieces.length - 1 ? text.length : pieces[last].end;
        const parsed = parseAllDocuments(text.slice(pieces[index].start, end), YAML_OPTIONS);
        if (parsed.length >= 2 || end === text.length) return parsed[0]?.errors[0];
    }
}

/** Reads `yamlText` with `yaml`, adding its documents; false (adding nothing) when `single` and it is not one document. */
function readWithYaml(yamlText: string, reading: YamlReading, documents: ManifestDocument[]): boolean {
    const { source, text, lineOf, offset, firstIndex } = reading;
    let parsed: ReturnType<typeof parseAllDocuments>;
    try {
        parsed = parseAllDocuments(yamlText, YAML_OPTIONS);
    } catch (error) {
        // The parser recurses per nesting level; absurdly deep text exhausts the stack.
        throw new FederationError({ resource: source }, `cannot be read as YAML: ${error instanceof RangeError ? "it nests too deeply" : (error as Error).message}`);
    }
    if (reading.single && parsed.length !== 1) return false;
    for (const [position, document] of parsed.entries()) {
        const index = firstIndex + position;
        let problem: YAMLError | undefined = document.errors[0];
        if (problem && reading.inStream !== undefined) {
            problem = reading.inStream();
            if (problem === undefined) return false; // the piece was not the stream's document: read the whole text
        }
        if (problem) {
            const line = lineOf(offset + problem.pos[0]);
            throw new FederationError(
                { resource: `${source}:${line.line}:${line.column}` },
                `YAML syntax error in document ${index}: ${/Maximum call stack/.test(problem.message) ? "it nests too deeply to read" : problem.message.split("\n")[0]}`,
            );
        }
        const line = lineOf(offset + (document.range?.[0] ?? 0)).line;
        const origin: DocumentOrigin = {
            source, text, index, line, where: `${source} document ${index} (line ${line})`,
            piece: reading.single ? { start: offset, end: offset + yamlText.length } : undefined,
        };
        try {
            let object: unknown;
            try {
                object = document.toJS({ maxAliasCount: 100 });
            } catch (error) {
                throw new FederationError({ resource: origin.where }, `cannot be read: ${(error as Error).message}`);
            }
            addDocument(object, origin, documents);
        } catch (error) {
            throw locatedInDocument(error, origin, () => document as Document.Parsed, offset, lineOf);
        }
    }
    return true;
}

interface DocumentOrigin {
    source: string;
    text: string;
    index: number;
    line: number;
    /** How errors name the document. */
    where: string;
    /** The document's own piece of the text (see fastYaml.ts), when it was read alone. */
    piece?: { start: number; end: number };
}

/** An error about the document, with the position of its field (or of the document). */
function locatedInDocument(error: unknown, origin: DocumentOrigin, parsed: () => Document.Parsed | undefined, offset: number, lineOf: YamlReading["lineOf"]): unknown {
    if (!(error instanceof FederationError) || error.position || error.resource !== origin.where) return error;
    const document = parsed();
    const position = (document && positionInDocument(document, origin.text, origin.source, fieldTokens(error.field ?? ""), offset)) ??
        { source: origin.source, ...lineOf(offset + (document?.range?.[0] ?? 0)) };
    return new FederationError({ resource: origin.where, cluster: error.cluster, field: error.field, position }, error.reason);
}

/** Adds the manifests of one document's value (several for a v1 List) to `documents`. */
function addDocument(object: unknown, origin: DocumentOrigin, documents: ManifestDocument[]): void {
    const { source, text, index, line, where, piece } = origin;
    if (object === null || object === undefined) return; // an empty document (for example a trailing ---)
    if (typeof object === "object") rememberSource(object, { source, text, index, piece });
    checkBounded(object, { resource: where }, "the document", { jsonOnly: true });
    if (!isPlainObject(object)) {
        throw new FederationError({ resource: where }, "a manifest must be a mapping with apiVersion, kind and metadata");
    }
    if (object.kind === "List" && object.apiVersion === "v1") {
        // What `kubectl get ... -o yaml` prints for several objects: each item is a manifest.
        if (!Array.isArray(object.items)) throw new FederationError({ resource: where, field: "items" }, "a v1 List needs a list of items");
        object.items.forEach((item, itemIndex) => {
            if (!isPlainObject(item)) throw new FederationError({ resource: where, field: `items[${itemIndex}]` }, "a manifest must be a mapping with apiVersion, kind and metadata");
            rememberSource(item, { source, text, index, item: itemIndex, piece });
            documents.push({ source, index, item: itemIndex, line, object: item });
        });
        return;
    }
    documents.push({ source, index, line, object });
}

/** A list of file or folder paths, each a non-empty string; `field` names it in the error. */
export function checkPathList(paths: unknown, resource: string, field: string): asserts paths is readonly string[] {
    if (!Array.isArray(paths)) {
        throw new FederationError({ resource, field }, `must be YAML text, or a list of manifest files and folders, got ${describeType(paths)}`);
    }
    paths.forEach((entry, index) => {
        if (typeof entry !== "string" || entry.length === 0) {
            throw new FederationError({ resource, field: `${field}[${index}]` }, `must be the path of a manifest file or folder, got ${describeType(entry)}`);
        }
    });
}

/**
 * Checks that `documents` is what loadFederationManifests returns: a list of { source, index,
 * line, object } with a mapping as the object. `resource` names the caller in errors.
 */
export function checkManifestDocuments(documents: unknown, resource: string, field = "documents"): asserts documents is readonly ManifestDocument[] {
    if (!Array.isArray(documents)) {
        throw new FederationError({ resource, field }, `must be a list of documents from loadFederationManifests, got ${describeType(documents)}`);
    }
    documents.forEach((document, index) => {
        const at = { resource, field: `${field}[${index}]` };
        if (!isPlainObject(document)) throw new FederationError(at, `must be a document from loadFederationManifests ({ source, index, line, object }), got ${describeType(document)}`);
        if (typeof document.source !== "string") throw new FederationError({ ...at, field: `${at.field}.source` }, `must be a string, got ${describeType(document.source)}`);
        for (const key of ["index", "line"] as const) {
            if (!Number.isInteger(document[key])) throw new FederationError({ ...at, field: `${at.field}.${key}` }, `must be a whole number, got ${describeType(document[key])}`);
        }
        if (!isPlainObject(document.object)) throw new FederationError({ ...at, field: `${at.field}.object` }, `must be a mapping (the parsed Kubernetes object), got ${describeType(document.object)}`);
        checkBounded(document.object, { ...at, field: `${at.field}.object` }, "the document", { jsonOnly: true });
    });
}

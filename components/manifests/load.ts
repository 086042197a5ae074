/**
 * Reading KubeFed-style YAML: multi-document text or files, each document kept with where it
 * came from (file, index, line) so that every later error can point back to it.
 */
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { FederationError } from "../errors";
import { isPlainObject } from "../planning/opaque";

export interface ManifestDocument {
    /** The file the document came from, or `<inline>` for text. */
    source: string;
    /** The document's position in its file, from 0. */
    index: number;
    /** For the items of a `v1 List` document: the item's position in it. */
    item?: number;
    /** The 1-based line the document starts on. */
    line: number;
    /** The parsed object. */
    object: Record<string, unknown>;
}

/**
 * Parses KubeFed-style manifests. A string is YAML text (multi-document); a list names files
 * or folders (every `.yaml` / `.yml` file in a folder, in name order). Empty documents are
 * skipped; anything that is not a mapping is an error.
 */
export function loadFederationManifests(input: string | readonly string[], source = "<inline>"): ManifestDocument[] {
    if (typeof input === "string") return parseManifestText(input, source);
    return manifestFiles(input).flatMap((file) => parseManifestText(fs.readFileSync(file, "utf8"), file));
}

/** The YAML files that `paths` name, folders expanded, each once, in a stable order. */
export function manifestFiles(paths: readonly string[]): string[] {
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
        } else {
            files.push(entry);
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

export function parseManifestText(text: string, source: string): ManifestDocument[] {
    const documents: ManifestDocument[] = [];
    const lineOf = lineIndex(text);
    // YAML 1.1, as kubectl reads manifests: 0644 is octal (420) and << merges mappings.
    parseAllDocuments(text, { prettyErrors: false, version: "1.1", merge: true }).forEach((document, index) => {
        const problem = document.errors[0];
        if (problem) {
            const line = lineOf(problem.pos[0]);
            throw new FederationError(
                { resource: `${source}:${line.line}:${line.column}` },
                `YAML syntax error in document ${index}: ${problem.message.split("\n")[0]}`,
            );
        }
        const line = lineOf(document.range[0]).line;
        const where = `${source} document ${index} (line ${line})`;
        let object: unknown;
        try {
            object = document.toJS({ maxAliasCount: 100 });
        } catch (error) {
            throw new FederationError({ resource: where }, `cannot be read: ${(error as Error).message}`);
        }
        if (object === null || object === undefined) return; // an empty document (for example a trailing ---)
        if (!isPlainObject(object)) {
            throw new FederationError({ resource: where }, "a manifest must be a mapping with apiVersion, kind and metadata");
        }
        if (object.kind === "List" && object.apiVersion === "v1") {
            // What `kubectl get ... -o yaml` prints for several objects: each item is a manifest.
            if (!Array.isArray(object.items)) throw new FederationError({ resource: where, field: "items" }, "a v1 List needs a list of items");
            object.items.forEach((item, itemIndex) => {
                if (!isPlainObject(item)) throw new FederationError({ resource: where, field: `items[${itemIndex}]` }, "a manifest must be a mapping with apiVersion, kind and metadata");
                documents.push({ source, index, item: itemIndex, line, object: item });
            });
            return;
        }
        documents.push({ source, index, line, object });
    });
    return documents;
}

/** Maps a character offset to its 1-based line and column. */
function lineIndex(text: string): (offset: number) => { line: number; column: number } {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
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

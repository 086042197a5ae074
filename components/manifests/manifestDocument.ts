/**
 * One YAML document of a manifest file, as the loader read it: where it came from (for errors that
 * name the file, document and line) and the parsed object. Its own file so that the loader and the
 * position finder can both use it without importing each other.
 */
/** One document of a manifest file or text, as {@link loadFederationManifests} read it: where it came from, and the parsed object. */
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

/**
 * Rendered YAML: one file per object under `<out>/<stack>/<cluster>/`, written so that the same
 * objects always give the same bytes (keys sorted, apiVersion/kind/metadata first), whatever order
 * the program built them in. Every folder and file name is an encoded path component
 * (pathNames.ts), checked to lie inside the output folder, and synth never writes, reads or
 * deletes through a symbolic link below the output folder (see noLinks.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { yamlText } from "../manifests/yamlText";
import { FederationError } from "../errors";
import { isPlainObject } from "../planning/opaque";
import { SynthObject, clusterFolder } from "./objects";
import { collisionKey, isEncodedComponent } from "./pathNames";
import { entryAt, expectFile, expectFolder, readFile, writeFile } from "./noLinks";

/** Cluster folder -> file name -> YAML text (both encoded path components). */
export type Rendering = Map<string, Map<string, string>>;

const FIRST_KEYS = ["apiVersion", "kind", "metadata"];

const SECRET_HEADER = "# pulumi-federation secret paths: ";

/**
 * The object as YAML. When parts of it are secret, a first comment line lists their JSON
 * pointers, so that a later diff can mask their old values too. The list is JSON (one line
 * whatever the keys hold: spaces, newlines, "~" and "/" are escaped by the pointer and by JSON).
 */
export function toYaml(object: unknown, secretPaths: readonly string[] = []): string {
    // YAML 1.1 quoting: kubectl (and Go's YAML readers) read `yes`, `on` or `0755` unquoted as
    // booleans and numbers; quoted, the strings stay strings.
    const header = secretPaths.length > 0 ? `${SECRET_HEADER}${JSON.stringify([...new Set(secretPaths)].sort())}\n` : "";
    return header + yamlText(ordered(object, true));
}

/**
 * The secret paths a rendered file's header lists ("" for the whole object). Reads the JSON list,
 * and the space-separated list that earlier versions wrote ("/" for the whole object).
 */
export function secretPathsIn(text: string): string[] {
    if (!text.startsWith(SECRET_HEADER)) return [];
    const listed = text.slice(SECRET_HEADER.length, text.indexOf("\n"));
    if (listed.startsWith("[")) {
        try {
            const paths: unknown = JSON.parse(listed);
            if (Array.isArray(paths) && paths.every((p) => typeof p === "string")) return paths;
        } catch {
            // Not ours after all: fall through to the older form.
        }
    }
    return listed.split(" ").filter(Boolean).map((p) => (p === "/" ? "" : p));
}

function ordered(value: unknown, top = false): unknown {
    if (Array.isArray(value)) return value.map((item) => ordered(item));
    if (!isPlainObject(value)) return value;
    const keys = Object.keys(value).sort((a, b) => {
        const rankA = top ? FIRST_KEYS.indexOf(a) : -1;
        const rankB = top ? FIRST_KEYS.indexOf(b) : -1;
        if (rankA !== rankB) return (rankA < 0 ? FIRST_KEYS.length : rankA) - (rankB < 0 ? FIRST_KEYS.length : rankB);
        return a < b ? -1 : a > b ? 1 : 0;
    });
    const result: Record<string, unknown> = {};
    for (const key of keys) Object.defineProperty(result, key, { value: ordered(value[key]), enumerable: true, writable: true, configurable: true });
    return result;
}

/**
 * The rendering of `objects`: each cluster's folder, then each object's file. Refuses, before
 * anything is written, a name that is no encoded path component and two objects (or two
 * clusters) that would share a file (or a folder), also where only a case-insensitive file
 * system (macOS and Windows by default) or Unicode normalization makes them one.
 */
export function renderObjects(clusters: readonly string[], objects: readonly SynthObject[]): Rendering {
    const rendering: Rendering = new Map();
    const folderOwners = new Map<string, { cluster: string; folder: string }>();
    // Names are checked to be encoded components before anything is written (checkNames).
    const addFolder = (cluster: string, folder: string) => {
        const earlier = folderOwners.get(collisionKey(folder));
        if (earlier && earlier.cluster !== cluster) {
            throw new FederationError(
                { cluster },
                `would be rendered to the folder ${folder}, which is ${earlier.folder === folder ? "" : `on a case-insensitive file system (macOS, Windows) `}the folder ${earlier.folder} of cluster ${shown(earlier.cluster)}: give the clusters names that differ in more than letter case or Unicode normalization`,
            );
        }
        folderOwners.set(collisionKey(folder), { cluster, folder });
        if (!rendering.has(folder)) rendering.set(folder, new Map<string, string>());
        return rendering.get(folder)!;
    };
    for (const cluster of clusters) addFolder(cluster, clusterFolder(cluster));
    const owners = new Map<string, SynthObject>();
    for (const object of objects) {
        const folder = clusterFolder(object.cluster);
        const files = addFolder(object.cluster, folder);
        const location = { resource: objectName(object), cluster: object.cluster };
        const key = `${collisionKey(folder)}/${collisionKey(object.file)}`;
        const earlier = owners.get(key);
        if (earlier) {
            // Names with dashes can make two objects share a file name; never let one silently win.
            throw new FederationError(
                location,
                earlier.file === object.file
                    ? `would be written to ${object.file}, as ${shown(objectName(earlier))} is`
                    : `would be written to ${object.file}, which is on a case-insensitive file system (macOS, Windows) the file ${earlier.file} of ${shown(objectName(earlier))}: names that differ only in letter case cannot both be rendered`,
            );
        }
        owners.set(key, object);
        files.set(object.file, toYaml(object.object, object.kind === "Secret" ? [...object.secretPaths, "/data", "/stringData"] : object.secretPaths));
    }
    return rendering;
}

function objectName(object: SynthObject): string {
    return `${object.kind} ${object.namespace ?? ""}/${object.name}`;
}

/** A name in a message: quoted and escaped when it holds a control character, else as it is. */
function shown(text: string): string {
    return /[\u0000-\u001f\u007f-\u009f]/.test(text) ? JSON.stringify(text) : text;
}

/**
 * What synth wrote, kept beside the files (`<out>/.pulumi-federation-rendering.json`): later
 * renderings remove or overwrite only those files, never a file of the user's in the folder.
 */
export const RECORD_FILE = ".pulumi-federation-rendering.json";

type Written = Map<string, Set<string>>;

/**
 * Marks a record written in a stack's own folder (`<out>/<stack>/`). A record without it is of
 * the layout before per-stack folders (`<out>/<cluster>/`): only such a record is ever taken for
 * that layout, so `--out rendered/dev` never mistakes the dev stack's own rendering for one.
 */
const STACK_LAYOUT = "stack";

function readRecord(directory: string, root: string): Written | undefined {
    const file = path.join(directory, RECORD_FILE);
    if (expectFile(root, file) === "missing") return undefined;
    let parsed: unknown;
    try {
        parsed = JSON.parse(readFile(file));
    } catch (error) {
        if (error instanceof FederationError) throw error;
        throw new FederationError({ resource: file }, "cannot be read as JSON: it is synth's record of the files it wrote; delete it together with the files it lists");
    }
    const files = isPlainObject(parsed) && isPlainObject(parsed.files) ? parsed.files : undefined;
    if (!files) throw new FederationError({ resource: file }, "is not synth's record of the files it wrote ({ files: { <cluster>: [<file>, ...] } })");
    const written: Written = new Map();
    for (const [cluster, list] of Object.entries(files)) {
        // Names of earlier versions (before encoding) are taken as long as they stay in their folder.
        if (!Array.isArray(list) || !list.every((entry) => typeof entry === "string" && safeName(entry) && safeName(cluster))) {
            throw new FederationError({ resource: file, field: `files.${cluster}` }, "must list file names of that cluster's folder");
        }
        written.set(cluster, new Set(list as string[]));
    }
    return written;
}

/** A plain file or folder name: nothing that reaches outside the output folder. */
function safeName(name: string): boolean {
    return name.length > 0 && name !== "." && name !== ".." && !/[/\\\0]/.test(name);
}

/** Every folder and file name of `rendering` is an encoded path component: checked before any write. */
function checkNames(rendering: Rendering): void {
    for (const [cluster, files] of rendering) {
        for (const name of [cluster, ...files.keys()]) {
            if (!isEncodedComponent(name)) throw new FederationError({ resource: shown(name), cluster }, "is not an encoded file name (pathNames.ts): synth writes no other");
        }
    }
}

function writeRecord(directory: string, rendering: Rendering): void {
    const files = Object.fromEntries([...rendering].filter(([, entries]) => entries.size > 0).map(([cluster, entries]) => [cluster, [...entries.keys()].sort()]));
    writeFile(path.join(directory, RECORD_FILE), JSON.stringify({ layout: STACK_LAYOUT, files }, null, 2) + "\n");
}

/**
 * The files a previous synth wrote, as its record lists them. Without a record nothing in the
 * folder is synth's: there is no previous rendering to compare with. `root` is the `--out`
 * folder `directory` is in (see entryAt).
 */
export function readRendering(directory: string, root: string = directory): Rendering {
    const rendering: Rendering = new Map();
    if (expectFolder(root, directory) === "missing") return rendering;
    const record = readRecord(directory, root);
    if (!record) return rendering;
    for (const cluster of [...record.keys()].sort()) {
        const folder = path.join(directory, cluster);
        if (expectFolder(root, folder) === "missing") continue;
        const files = [...record.get(cluster)!].filter((file) => expectFile(root, path.join(folder, file)) === "file").sort();
        if (files.length === 0) continue;
        rendering.set(cluster, new Map(files.map((file) => [file, readFile(path.join(folder, file))])));
    }
    return rendering;
}

/**
 * Refuses a rendering that would overwrite a file synth did not write (its record does not list
 * it), or write through a link: the error names the file and the object, before anything is
 * written. Every mode checks this, so `--check` and `--diff` report what writing would refuse.
 */
export function checkNothingInTheWay(directory: string, rendering: Rendering, objectOf: (cluster: string, file: string) => string = (_, file) => file.replace(/\.yaml$/, ""), root: string = directory): void {
    checkNames(rendering);
    expectFolder(root, directory);
    const record = readRecord(directory, root);
    for (const [cluster, files] of rendering) {
        if (files.size === 0) continue;
        if (expectFolder(root, path.join(directory, cluster)) === "missing") continue;
        for (const [file, text] of files) {
            const target = path.join(directory, cluster, file);
            const entry = entryAt(root, target);
            if (entry === "missing") continue;
            if (entry === "file" && (recorded(record, directory, cluster, file) || readFile(target) === text)) continue;
            throw new FederationError(
                { resource: target, cluster },
                `exists and was not written by synth; it would be overwritten by the rendering of ${objectOf(cluster, file)}: move it out of ${directory}, or choose another --out`,
            );
        }
    }
}

/**
 * Whether the record lists `<cluster>/<file>`: by that name, or by a name that differs in letter
 * case and is this very file (a case-insensitive file system, where an object renamed `Web` to
 * `web` still has its earlier file).
 */
function recorded(record: Written | undefined, directory: string, cluster: string, file: string): boolean {
    if (record?.get(cluster)?.has(file)) return true;
    const target = fs.lstatSync(path.join(directory, cluster, file));
    for (const [other, files] of record ?? []) {
        if (collisionKey(other) !== collisionKey(cluster)) continue;
        for (const name of files) {
            if (collisionKey(name) !== collisionKey(file)) continue;
            const earlier = fs.lstatSync(path.join(directory, other, name), { throwIfNoEntry: false });
            if (earlier?.isFile() && earlier.ino === target.ino && earlier.dev === target.dev) return true;
        }
    }
    return false;
}

/**
 * What removing the files `record` lists (but `keep` does) takes: the files that are there, and
 * the cluster folders to remove when they are left empty. Checks every path, so that a link
 * refuses the whole rendering before anything is removed.
 */
function removals(directory: string, root: string, record: Written, keep?: Rendering): { files: string[]; folders: string[] } {
    const files: string[] = [];
    const folders: string[] = [];
    for (const [cluster, listed] of record) {
        const folder = path.join(directory, cluster);
        if (expectFolder(root, folder) === "missing") continue;
        for (const file of listed) {
            if (keep?.get(cluster)?.has(file)) continue;
            if (expectFile(root, path.join(folder, file)) === "file") files.push(path.join(folder, file));
        }
        if (!keep?.get(cluster)?.size) folders.push(folder);
    }
    return { files, folders };
}

/** Removes what removals found (every path was checked then), and the folders left empty. */
function remove(stale: { files: string[]; folders: string[] }): void {
    for (const file of stale.files) fs.rmSync(file);
    for (const folder of stale.folders) if (fs.readdirSync(folder).length === 0) fs.rmdirSync(folder);
}

/**
 * Makes `<dir>` hold `rendering`: writes changed files, removes the files of earlier renderings
 * that are gone (only those synth's record lists) and cluster folders left empty by that. A file
 * synth did not write is never removed or overwritten (see checkNothingInTheWay), and nothing is
 * written, read or removed through a link below `root`, the `--out` folder (see entryAt).
 */
export function writeRendering(directory: string, rendering: Rendering, onClusterWritten?: (cluster: string, files: number) => void, objectOf?: (cluster: string, file: string) => string, root: string = directory): void {
    checkNothingInTheWay(directory, rendering, objectOf, root);
    const record = readRecord(directory, root);
    const stale = record ? removals(directory, root, record, rendering) : { files: [], folders: [] };
    // Every check is done: from here on, only writes.
    remove(stale);
    for (const [cluster, files] of rendering) {
        if (files.size === 0) continue;
        fs.mkdirSync(path.join(directory, cluster), { recursive: true });
        for (const [file, text] of files) {
            const target = path.join(directory, cluster, file);
            if (entryAt(root, target) === "missing" || readFile(target) !== text) writeFile(target, text);
        }
        onClusterWritten?.(cluster, files.size);
    }
    fs.mkdirSync(directory, { recursive: true });
    writeRecord(directory, rendering);
}

/**
 * Refuses, naming the path, a rendering removeRendering would have to remove through a link:
 * what synth checks before it writes anything that is followed by a removal.
 */
export function checkRemovable(directory: string, root: string = directory): void {
    const record = readRecord(directory, root);
    if (record) removals(directory, root, record);
}

/**
 * Removes a rendering synth's record lists: its files, the cluster folders left empty, and the
 * record itself (files of the user's in those folders stay). Returns how many files it removed.
 * A link where the record puts a folder or a file refuses it all, before anything is removed.
 */
export function removeRendering(directory: string, root: string = directory): number {
    const record = readRecord(directory, root);
    if (!record) return 0;
    const stale = removals(directory, root, record);
    remove(stale);
    fs.rmSync(path.join(directory, RECORD_FILE));
    return stale.files.length;
}

/** Whether `directory` holds a rendering with synth's record (of this version's layout or not; a link there counts, to be refused when read). */
export function hasRecord(directory: string): boolean {
    return fs.lstatSync(path.join(directory, RECORD_FILE), { throwIfNoEntry: false }) !== undefined;
}

/** Whether `directory` holds a rendering of the layout before per-stack folders (its record has no layout mark). */
export function hasPreStackRecord(directory: string, root: string = directory): boolean {
    if (!hasRecord(directory)) return false;
    const file = path.join(directory, RECORD_FILE);
    if (expectFile(root, file) === "missing") return false;
    try {
        const parsed: unknown = JSON.parse(readFile(file));
        return isPlainObject(parsed) && parsed.layout === undefined;
    } catch (error) {
        if (error instanceof FederationError) throw error;
        return false;
    }
}

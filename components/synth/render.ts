/**
 * Rendered YAML: one file per object under `<out>/<cluster>/`, written so that the same objects
 * always give the same bytes (keys sorted, apiVersion/kind/metadata first), whatever order the
 * program built them in.
 */
import * as fs from "fs";
import * as path from "path";
import { yamlText } from "../manifests/yamlText";
import { FederationError } from "../errors";
import { isPlainObject } from "../planning/opaque";
import { SynthObject } from "./objects";

/** cluster -> file name -> YAML text. */
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

export function renderObjects(clusters: readonly string[], objects: readonly SynthObject[]): Rendering {
    const rendering: Rendering = new Map(clusters.map((cluster) => [cluster, new Map<string, string>()]));
    const owners = new Map<string, SynthObject>();
    for (const object of objects) {
        const key = `${object.cluster}/${object.file}`;
        const earlier = owners.get(key);
        if (earlier) {
            // Names with dashes can make two objects share a file name; never let one silently win.
            throw new FederationError(
                { resource: `${object.kind} ${object.namespace ?? ""}/${object.name}`, cluster: object.cluster },
                `would be written to ${object.file}, as ${earlier.kind} ${earlier.namespace ?? ""}/${earlier.name} is`,
            );
        }
        owners.set(key, object);
        rendering.get(object.cluster)!.set(object.file, toYaml(object.object, object.kind === "Secret" ? [...object.secretPaths, "/data", "/stringData"] : object.secretPaths));
    }
    return rendering;
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

function readRecord(directory: string): Written | undefined {
    const file = path.join(directory, RECORD_FILE);
    if (!fs.existsSync(file)) return undefined;
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
        throw new FederationError({ resource: file }, "cannot be read as JSON: it is synth's record of the files it wrote; delete it together with the files it lists");
    }
    const files = isPlainObject(parsed) && isPlainObject(parsed.files) ? parsed.files : undefined;
    if (!files) throw new FederationError({ resource: file }, "is not synth's record of the files it wrote ({ files: { <cluster>: [<file>, ...] } })");
    const written: Written = new Map();
    for (const [cluster, list] of Object.entries(files)) {
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

function writeRecord(directory: string, rendering: Rendering): void {
    const files = Object.fromEntries([...rendering].filter(([, entries]) => entries.size > 0).map(([cluster, entries]) => [cluster, [...entries.keys()].sort()]));
    fs.writeFileSync(path.join(directory, RECORD_FILE), JSON.stringify({ layout: STACK_LAYOUT, files }, null, 2) + "\n");
}

/**
 * The files a previous synth wrote, as its record lists them. Without a record nothing in the
 * folder is synth's: there is no previous rendering to compare with.
 */
export function readRendering(directory: string): Rendering {
    const rendering: Rendering = new Map();
    if (!fs.existsSync(directory)) return rendering;
    const record = readRecord(directory);
    if (!record) return rendering;
    for (const cluster of [...record.keys()].sort()) {
        const folder = path.join(directory, cluster);
        if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) continue;
        const files = [...record.get(cluster)!].filter((file) => fs.existsSync(path.join(folder, file)) && fs.statSync(path.join(folder, file)).isFile()).sort();
        if (files.length === 0) continue;
        rendering.set(cluster, new Map(files.map((file) => [file, fs.readFileSync(path.join(folder, file), "utf8")])));
    }
    return rendering;
}

/**
 * Refuses a rendering that would overwrite a file synth did not write (its record does not list
 * it): the error names the file and the object, before anything is written. Every mode checks
 * this, so `--check` and `--diff` report what writing would refuse.
 */
export function checkNothingInTheWay(directory: string, rendering: Rendering, objectOf: (cluster: string, file: string) => string = (_, file) => file.replace(/\.yaml$/, "")): void {
    const record = readRecord(directory);
    for (const [cluster, files] of rendering) {
        for (const [file, text] of files) {
            const target = path.join(directory, cluster, file);
            if (!fs.existsSync(target) || record?.get(cluster)?.has(file) === true) continue;
            if (fs.statSync(target).isFile() && fs.readFileSync(target, "utf8") === text) continue;
            throw new FederationError(
                { resource: target, cluster },
                `exists and was not written by synth; it would be overwritten by the rendering of ${objectOf(cluster, file)}: move it out of ${directory}, or choose another --out`,
            );
        }
    }
}

/**
 * Makes `<dir>` hold `rendering`: writes changed files, removes the files of earlier renderings
 * that are gone (only those synth's record lists) and cluster folders left empty by that. A file
 * synth did not write is never removed or overwritten (see checkNothingInTheWay).
 */
export function writeRendering(directory: string, rendering: Rendering, onClusterWritten?: (cluster: string, files: number) => void, objectOf?: (cluster: string, file: string) => string): void {
    checkNothingInTheWay(directory, rendering, objectOf);
    const record = readRecord(directory);
    for (const [cluster, files] of record ?? new Map<string, Set<string>>()) {
        for (const file of files) {
            if (!rendering.get(cluster)?.has(file)) fs.rmSync(path.join(directory, cluster, file), { force: true });
        }
        const folder = path.join(directory, cluster);
        if (!rendering.get(cluster)?.size && fs.existsSync(folder) && fs.readdirSync(folder).length === 0) fs.rmdirSync(folder);
    }
    for (const [cluster, files] of rendering) {
        if (files.size === 0) continue;
        fs.mkdirSync(path.join(directory, cluster), { recursive: true });
        for (const [file, text] of files) {
            const target = path.join(directory, cluster, file);
            if (!fs.existsSync(target) || fs.readFileSync(target, "utf8") !== text) fs.writeFileSync(target, text);
        }
        onClusterWritten?.(cluster, files.size);
    }
    fs.mkdirSync(directory, { recursive: true });
    writeRecord(directory, rendering);
}

/**
 * Removes a rendering synth's record lists: its files, the cluster folders left empty, and the
 * record itself (files of the user's in those folders stay). Returns how many files it removed.
 */
export function removeRendering(directory: string): number {
    const record = readRecord(directory);
    if (!record) return 0;
    let removed = 0;
    for (const [cluster, files] of record) {
        for (const file of files) {
            const target = path.join(directory, cluster, file);
            if (fs.existsSync(target) && fs.statSync(target).isFile()) {
                fs.rmSync(target);
                removed++;
            }
        }
        const folder = path.join(directory, cluster);
        if (fs.existsSync(folder) && fs.statSync(folder).isDirectory() && fs.readdirSync(folder).length === 0) fs.rmdirSync(folder);
    }
    fs.rmSync(path.join(directory, RECORD_FILE));
    return removed;
}

/** Whether `directory` holds a rendering with synth's record (of this version's layout or not). */
export function hasRecord(directory: string): boolean {
    return fs.existsSync(path.join(directory, RECORD_FILE));
}

/** Whether `directory` holds a rendering of the layout before per-stack folders (its record has no layout mark). */
export function hasPreStackRecord(directory: string): boolean {
    if (!hasRecord(directory)) return false;
    try {
        const parsed: unknown = JSON.parse(fs.readFileSync(path.join(directory, RECORD_FILE), "utf8"));
        return isPlainObject(parsed) && parsed.layout === undefined;
    } catch {
        return false;
    }
}

/**
 * Rendered YAML: one file per object under `<out>/<cluster>/`, written so that the same objects
 * always give the same bytes (keys sorted, apiVersion/kind/metadata first), whatever order the
 * program built them in.
 */
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
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
    const header = secretPaths.length > 0 ? `${SECRET_HEADER}${JSON.stringify([...new Set(secretPaths)].sort())}\n` : "";
    return header + stringify(ordered(object, true), { lineWidth: 0 });
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

/** The files a previous synth wrote: top-level `*.yaml` in each `<dir>/<cluster>/` folder. */
export function readRendering(directory: string): Rendering {
    const rendering: Rendering = new Map();
    if (!fs.existsSync(directory)) return rendering;
    for (const cluster of fs.readdirSync(directory).sort()) {
        const folder = path.join(directory, cluster);
        if (!fs.statSync(folder).isDirectory()) continue;
        const files = fs.readdirSync(folder).filter((file) => file.endsWith(".yaml") && fs.statSync(path.join(folder, file)).isFile()).sort();
        if (files.length === 0) continue;
        rendering.set(cluster, new Map(files.map((file) => [file, fs.readFileSync(path.join(folder, file), "utf8")])));
    }
    return rendering;
}

/**
 * Makes `<dir>` hold exactly `rendering`: writes changed files and removes the top-level YAML
 * files of earlier renderings that are gone. Sub-folders (such as those the Kubernetes
 * provider's render mode writes) are left alone.
 */
export function writeRendering(directory: string, rendering: Rendering): void {
    const previous = readRendering(directory);
    for (const [cluster, files] of previous) {
        for (const file of files.keys()) {
            if (!rendering.get(cluster)?.has(file)) fs.rmSync(path.join(directory, cluster, file));
        }
    }
    for (const [cluster, files] of rendering) {
        fs.mkdirSync(path.join(directory, cluster), { recursive: true });
        for (const [file, text] of files) {
            if (previous.get(cluster)?.get(file) !== text) fs.writeFileSync(path.join(directory, cluster, file), text);
        }
    }
}

/**
 * The stack program's config (the repository's index.ts): every key in the project's namespace
 * (`pulumi-federation:clusters`, ...) is one the program reads, and each value has the shape the
 * program expects, before anything registers. A misspelt key (`clustrs`) would otherwise be
 * ignored and fail far away ("members: none"); a misspelt or wrong `propagation` would switch
 * modes silently.
 *
 * The values are what Pulumi's language host passes (and offline synth too): text, JSON for
 * lists and objects. What the member fields hold is validateMembers' to check, and Karmada's
 * options are Federation's; this checks what the program itself reads before them: the lists and
 * objects, and the fields it merges or spreads first (a member's labels, Karmada's providerOptions).
 */
import { FederationError } from "../errors";
import { describeType } from "../planning/names";
import { isPlainObject } from "../planning/opaque";
import { closestName } from "../planning/suggest";

/** The keys the stack program reads, in its namespace (`<project>:<key>`). */
export const STACK_CONFIG_KEYS: readonly string[] = ["clusters", "manifests", "renderDirectory", "propagation", "health"];

/** The stack program's config, checked: what is not set is left out (the program has defaults). */
export interface StackConfig {
    /** The members, each an object (its fields are validateMembers' to check). */
    clusters?: Array<Record<string, unknown>>;
    /** KubeFed-style YAML files or folders. */
    manifests?: string[];
    /** Where members without credentials render their YAML. */
    renderDirectory?: string;
    /** Propagation through Karmada: the options of `propagation.karmada` (Federation checks them). */
    propagation?: { karmada: Record<string, unknown> };
    /** Health probing before planning (the Federation's `health`, which checks its fields). */
    health?: Record<string, unknown>;
}

/** Unknown keys named in one error, at most. */
const KEYS_SHOWN = 5;
/** A key is shown up to this many characters. */
const KEY_SHOWN_LENGTH = 100;

/** A key as an error shows it: quoted, cut short when long (a pasted value, hostile input). */
function quote(key: string): string {
    return key.length > KEY_SHOWN_LENGTH ? `${JSON.stringify(key.slice(0, KEY_SHOWN_LENGTH))}... (${key.length} characters)` : JSON.stringify(key);
}

/** `unknown key "x" (did you mean "y"?)`, or with `otherwise` when nothing is near. */
function unknownKey(key: string, known: readonly string[], prefix: string, otherwise: string): string {
    const guess = closestName(key.slice(prefix.length), known);
    return `unknown key ${quote(key)} ${guess === undefined ? otherwise : `(did you mean ${quote(prefix + guess)}?)`}`;
}

/**
 * Checks the stack program's config: `all` is every config key (`<namespace>:<key>` -> its text,
 * as `pulumi.runtime.allConfig()` gives it), `namespace` the project's name. Keys of other
 * namespaces (`kubernetes:context`, ...) are not the program's and are left alone. Throws a
 * FederationError naming the key (and the field) for an unknown key or a value of the wrong shape.
 */
export function checkStackConfig(all: Readonly<Record<string, string>>, namespace: string): StackConfig {
    const prefix = `${namespace}:`;
    const ours = Object.keys(all).filter((key) => key.startsWith(prefix));
    const unknown = ours.filter((key) => !STACK_CONFIG_KEYS.includes(key.slice(prefix.length)));
    if (unknown.length > 0) {
        const known = STACK_CONFIG_KEYS.map((key) => prefix + key).join(", ");
        const listed = unknown.slice(0, KEYS_SHOWN).map((key) => unknownKey(key, STACK_CONFIG_KEYS, prefix, "").trimEnd());
        const more = unknown.length > KEYS_SHOWN ? `, and ${unknown.length - KEYS_SHOWN} more` : "";
        throw new FederationError({ resource: "stack config" }, `${listed.join(", ")}${more}; the stack program reads ${known}`);
    }
    const raw = (key: string): string | undefined => (Object.prototype.hasOwnProperty.call(all, prefix + key) ? all[prefix + key] : undefined);
    const result: StackConfig = {};
    const clusters = raw("clusters");
    if (clusters !== undefined) result.clusters = checkClusters(parsed(clusters), `${prefix}clusters`);
    const manifests = raw("manifests");
    if (manifests !== undefined) result.manifests = checkManifests(manifests, `${prefix}manifests`);
    const renderDirectory = raw("renderDirectory");
    if (renderDirectory !== undefined) result.renderDirectory = checkRenderDirectory(renderDirectory, `${prefix}renderDirectory`);
    const propagation = raw("propagation");
    if (propagation !== undefined) result.propagation = checkPropagation(parsed(propagation), `${prefix}propagation`);
    // Its fields are the Federation's `health` (checked by it, naming the key); here, its shape.
    const health = raw("health");
    if (health !== undefined) {
        const value = parsed(health);
        if (!isPlainObject(value)) throw new FederationError(at(`${prefix}health`), `must be an object such as { probe: true }, got ${describe(value)}`);
        result.health = value;
    }
    return result;
}

/** What the config text holds: JSON for lists, objects, numbers and the like; otherwise the text itself. */
function parsed(text: unknown): unknown {
    if (typeof text !== "string") return text;
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/** A value's type for an error; never a string's text (it may be kubeconfig contents). */
function describe(value: unknown): string {
    return typeof value === "string" ? `a string of ${value.length} character${value.length === 1 ? "" : "s"}` : describeType(value);
}

function at(key: string, field?: string): { resource: string; field?: string } {
    return { resource: `stack config ${key}`, field };
}

/**
 * The members: a list of objects, and their labels an object (the program merges them with a
 * KubeFedCluster document's before validateMembers sees them, which checks everything else).
 */
function checkClusters(value: unknown, key: string): Array<Record<string, unknown>> {
    if (!Array.isArray(value)) {
        throw new FederationError(at(key), `must be a list of member clusters ({ name, labels?, context? or kubeconfig?, host?, ... }), got ${describe(value)}`);
    }
    value.forEach((member, index) => {
        const field = `clusters[${index}]`;
        if (!isPlainObject(member)) {
            throw new FederationError(at(key, field), `must be an object with at least a name, got ${describe(member)}`);
        }
        const labels = Object.prototype.hasOwnProperty.call(member, "labels") ? member.labels : undefined;
        if (labels !== undefined && !isPlainObject(labels)) {
            throw new FederationError(at(key, `${field}.labels`), `must be an object of label -> value, got ${describe(labels)}`);
        }
    });
    return value as Array<Record<string, unknown>>;
}

/** A path, or a list of paths: text that is not JSON is one path (as `pulumi config set` writes it). */
function checkManifests(text: string, key: string): string[] {
    const value = parsed(text);
    const paths = typeof value === "string" ? [value] : value;
    const expected = "a manifest file or folder, or a list of them";
    if (!Array.isArray(paths)) throw new FederationError(at(key), `must be ${expected}, got ${describeType(value)}`);
    paths.forEach((path, index) => {
        const field = typeof value === "string" ? undefined : `[${index}]`;
        if (typeof path !== "string") throw new FederationError(at(key, field), `must be a path to a manifest file or folder, got ${describeType(path)}`);
        if (path.trim() === "") throw new FederationError(at(key, field), "must not be empty (a path to a manifest file or folder)");
    });
    return paths;
}

/** A folder: text (a number is a folder's name too); not a list, an object, true, false or null, nor empty. */
function checkRenderDirectory(text: string, key: string): string {
    const value = parsed(text);
    const folder = typeof value === "string" ? value : typeof value === "number" ? String(text) : undefined;
    if (folder === undefined) throw new FederationError(at(key), `must be a folder (a string), got ${describeType(value)}`);
    if (folder.trim() === "") throw new FederationError(at(key), "must not be empty (leave it out for rendered/<stack>)");
    return folder;
}

/** `{ karmada: { ... } }`, exactly. */
function checkPropagation(value: unknown, key: string): { karmada: Record<string, unknown> } {
    const expected = "{ karmada: { context?, kubeconfig?, namespace?, ... } } (leave the key out to push to the members)";
    if (!isPlainObject(value)) throw new FederationError(at(key), `must be ${expected}, got ${describe(value)}`);
    const other = Object.keys(value).filter((name) => name !== "karmada");
    if (other.length > 0) {
        throw new FederationError(at(key), unknownKey(other[0], ["karmada"], "", `(the one key is "karmada": ${expected})`));
    }
    if (!Object.prototype.hasOwnProperty.call(value, "karmada")) throw new FederationError(at(key), `must be ${expected}: "karmada" is missing`);
    const karmada = value.karmada;
    if (!isPlainObject(karmada)) {
        throw new FederationError(at(key, "karmada"), `must be an object of the Karmada API server's context or kubeconfig and Karmada mode options (may be empty: {}), got ${describe(karmada)}`);
    }
    const options = Object.prototype.hasOwnProperty.call(karmada, "providerOptions") ? karmada.providerOptions : undefined;
    if (options !== undefined && !isPlainObject(options)) {
        throw new FederationError(at(key, "karmada.providerOptions"), `must be an object of @pulumi/kubernetes provider options, got ${describe(options)}`);
    }
    return { karmada };
}

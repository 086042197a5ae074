/**
 * The `overriders` argument (Karmada's overrider lists) and the helpers that its validation
 * (overriderValidation.ts) and its translation into JSON patch (overriders.ts) share.
 */
import { FederationError, FederationErrorLocation } from "../errors";

/** What an overrider does: what `add`, `remove` and `replace` mean is each overrider's own (see each). */
export type OverriderOperator = "add" | "remove" | "replace";
/** The part of an image reference `[registry/]repository[:tag|@digest]` an image overrider changes; `Tag` is the tag-or-digest slot. */
export type ImageComponent = "Registry" | "Repository" | "Tag";

/**
 * Karmada's image overrider: changes one part of container images. Without `predicate` or
 * `containerName` it changes every container of the pod template (not the initContainers).
 */
export interface ImageOverrider {
    /** Which part of the image reference: [registry/]repository[:tag|@digest] */
    component: ImageComponent;
    /**
     * `add` appends `value` to the part, `replace` sets it (a `Tag` value `sha256:<hex>` pins a
     * digest), `remove` drops it (not allowed for `Repository`, which every image needs).
     */
    operator: OverriderOperator;
    /** Required for add and replace; ignored for remove, as Karmada ignores it. */
    value?: string;
    /** Karmada's predicate: the image at exactly this JSON pointer (e.g. an initContainer's). */
    predicate?: {
        /** JSON pointer to one image field, which must exist. */
        path: string;
    };
    /** This library's addition: only the containers and initContainers with this name. */
    containerName?: string;
}

/** Karmada's command or args overrider: changes one container's `command` or `args` list. */
export interface CommandArgsOverrider {
    /** The container whose list changes; an unknown name is an error. */
    containerName: string;
    /** `add` appends the items; `remove` drops every occurrence of each item. */
    operator: "add" | "remove";
    /** The items to add or remove. */
    value: string[];
}

/** Karmada's labels or annotations overrider: changes keys of the object's `metadata.labels` or `metadata.annotations`. */
export interface LabelAnnotationOverrider {
    /**
     * `add` sets the keys (making the map if needed); `replace` changes only keys that exist (a
     * missing key is skipped, and `overridesApplied` says so); `remove` deletes the keys.
     */
    operator: OverriderOperator;
    /** For remove only the keys count. An empty map changes nothing, as in Karmada. */
    value: Record<string, string>;
}

/** One JSON patch operation of Karmada's plaintext overrider (RFC 6902, applied strictly). */
export interface PlaintextOverrider {
    /** JSON pointer into the object, e.g. `/spec/minReadySeconds`. */
    path: string;
    /** The RFC 6902 operation; `replace` needs an existing value. */
    operator: OverriderOperator;
    /** For add and replace (left out: null, as Karmada sends it); ignored for remove. */
    value?: unknown;
}

/** An operation inside the JSON or YAML document a string field holds. */
export interface FieldPatchOperation {
    /** JSON pointer inside the held document, e.g. `/log/level`. */
    subPath: string;
    /** The RFC 6902 operation. */
    operator: OverriderOperator;
    /** Required for add and replace; not allowed for remove (Karmada's webhook rule). */
    value?: unknown;
}

/** Karmada's fieldOverrider: patches JSON or YAML held in a string field (a ConfigMap key). */
export interface FieldOverrider {
    /** JSON pointer of the string field, e.g. "/data/config.yaml". */
    fieldPath: string;
    /** Operations on the field's text read as JSON. Exactly one of json and yaml. */
    json?: FieldPatchOperation[];
    /** Operations on the field's text read as YAML. Exactly one of json and yaml. */
    yaml?: FieldPatchOperation[];
}

/**
 * Karmada's overriders (an OverridePolicy rule's `overriders`), for an override entry. They run
 * in Karmada's order: image, command, args, labels, annotations, field, plaintext; each list in
 * order.
 */
export interface Overriders {
    /** Changes to parts of container images. */
    imageOverrider?: ImageOverrider[];
    /** Changes to containers' `command`. */
    commandOverrider?: CommandArgsOverrider[];
    /** Changes to containers' `args`. */
    argsOverrider?: CommandArgsOverrider[];
    /** Changes to `metadata.labels`. */
    labelsOverrider?: LabelAnnotationOverrider[];
    /** Changes to `metadata.annotations`. */
    annotationsOverrider?: LabelAnnotationOverrider[];
    /** Patches to JSON or YAML held in string fields. */
    fieldOverrider?: FieldOverrider[];
    /** JSON patch operations on the object, applied strictly, after every other overrider. */
    plaintext?: PlaintextOverrider[];
}

/** The overrider lists, in the order they run (Karmada's order within a rule). */
export const OVERRIDER_KEYS = ["imageOverrider", "commandOverrider", "argsOverrider", "labelsOverrider", "annotationsOverrider", "fieldOverrider", "plaintext"] as const;
export type OverriderKey = (typeof OVERRIDER_KEYS)[number];
export const OPERATORS: readonly OverriderOperator[] = ["add", "remove", "replace"];
export const COMPONENTS: readonly ImageComponent[] = ["Registry", "Repository", "Tag"];

export type Fail = (field: string | undefined, reason: string) => FederationError;

export function failAt(location: FederationErrorLocation): Fail {
    return (field, reason) => new FederationError({ ...location, field: joinField(location.field, field) }, reason);
}

function joinField(outer: string | undefined, inner: string | undefined): string | undefined {
    if (!inner) return outer;
    return outer ? `${outer}.${inner}` : inner;
}

export const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

export function listWords(words: readonly string[]): string {
    return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

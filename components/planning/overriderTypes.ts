/**
 * The `overriders` argument (Karmada's overrider lists) and the helpers that its validation
 * (overriderValidation.ts) and its translation into JSON patch (overriders.ts) share.
 */
import { FederationError, FederationErrorLocation } from "../errors";

export type OverriderOperator = "add" | "remove" | "replace";
export type ImageComponent = "Registry" | "Repository" | "Tag";

export interface ImageOverrider {
    /** Which part of the image reference: [registry/]repository[:tag|@digest] */
    component: ImageComponent;
    operator: OverriderOperator;
    /** Required for add and replace; ignored for remove, as Karmada ignores it. */
    value?: string;
    /** Karmada's predicate: the image at exactly this JSON pointer (e.g. an initContainer's). */
    predicate?: { path: string };
    /** This library's addition: only the containers and initContainers with this name. */
    containerName?: string;
}

export interface CommandArgsOverrider {
    containerName: string;
    operator: "add" | "remove";
    value: string[];
}

export interface LabelAnnotationOverrider {
    operator: OverriderOperator;
    /** For remove only the keys count. An empty map changes nothing, as in Karmada. */
    value: Record<string, string>;
}

/** One JSON patch operation of Karmada's plaintext overrider (RFC 6902, applied strictly). */
export interface PlaintextOverrider {
    path: string;
    operator: OverriderOperator;
    /** For add and replace (left out: null, as Karmada sends it); ignored for remove. */
    value?: unknown;
}

/** An operation inside the JSON or YAML document a string field holds. */
export interface FieldPatchOperation {
    subPath: string;
    operator: OverriderOperator;
    /** Required for add and replace; not allowed for remove (Karmada's webhook rule). */
    value?: unknown;
}

/** Karmada's fieldOverrider: patches JSON or YAML held in a string field (a ConfigMap key). */
export interface FieldOverrider {
    /** JSON pointer of the string field, e.g. "/data/config.yaml". */
    fieldPath: string;
    json?: FieldPatchOperation[];
    yaml?: FieldPatchOperation[];
}

export interface Overriders {
    imageOverrider?: ImageOverrider[];
    commandOverrider?: CommandArgsOverrider[];
    argsOverrider?: CommandArgsOverrider[];
    labelsOverrider?: LabelAnnotationOverrider[];
    annotationsOverrider?: LabelAnnotationOverrider[];
    fieldOverrider?: FieldOverrider[];
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

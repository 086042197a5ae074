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
    /** Required for add and replace, not allowed for remove. */
    value?: string;
    /** Only containers with this name (default: every container and initContainer). */
    containerName?: string;
}

export interface CommandArgsOverrider {
    containerName: string;
    operator: "add" | "remove";
    value: string[];
}

export interface LabelAnnotationOverrider {
    operator: OverriderOperator;
    /** For remove only the keys count. */
    value: Record<string, string>;
}

export interface Overriders {
    imageOverrider?: ImageOverrider[];
    commandOverrider?: CommandArgsOverrider[];
    argsOverrider?: CommandArgsOverrider[];
    labelsOverrider?: LabelAnnotationOverrider[];
    annotationsOverrider?: LabelAnnotationOverrider[];
}

/** The overrider lists, in the order they run. */
export const OVERRIDER_KEYS = ["imageOverrider", "commandOverrider", "argsOverrider", "labelsOverrider", "annotationsOverrider"] as const;
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

/**
 * An imported object's state as its program declares it, for an import file entry's `inputs` and
 * `outputs` (see importFile.ts): the engine records it without reading the object, and the
 * `pulumi refresh` that follows reads the object pruned to this shape.
 */
import { Registration, UNKNOWN_VALUE } from "./capture";

/** The signature Pulumi's state files give a secret (`apitype.SecretV1`, its `plaintext` form). */
const SECRET_SIGNATURE = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

/** The Kubernetes provider's checkpoint keys (pulumi-kubernetes `checkpointObject`). */
const INPUTS_KEY = "__inputs";
const INITIAL_API_VERSION_KEY = "__initialApiVersion";

export interface DeclaredState {
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
}

/** The state to record, or undefined when a value is known only at deployment time (then the object is read). */
export function declaredState(registration: Registration): DeclaredState | undefined {
    if (holdsUnknown(registration.inputs)) return undefined;
    const secrets = new Set(registration.secretPaths);
    const inputs = withSecretsWithheld(registration.inputs, "", secrets) as Record<string, unknown>;
    const outputs = { ...inputs, [INPUTS_KEY]: inputs, [INITIAL_API_VERSION_KEY]: registration.inputs.apiVersion };
    return { inputs, outputs };
}

function holdsUnknown(value: unknown): boolean {
    if (value === UNKNOWN_VALUE) return true;
    if (Array.isArray(value)) return value.some(holdsUnknown);
    if (value !== null && typeof value === "object") return Object.values(value).some(holdsUnknown);
    return false;
}

/** A copy in which each secret (by its JSON pointer) is a secret of the same shape with empty leaves. */
function withSecretsWithheld(value: unknown, pointer: string, secrets: ReadonlySet<string>): unknown {
    if (secrets.has(pointer)) return { ...SECRET_SIGNATURE, plaintext: JSON.stringify(shapeOf(value)) };
    if (Array.isArray(value)) return value.map((item, index) => withSecretsWithheld(item, `${pointer}/${index}`, secrets));
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withSecretsWithheld(item, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, secrets)]));
    }
    return value;
}

/** The same keys and lengths, every leaf an empty string: what the provider prunes the live object to. */
function shapeOf(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(shapeOf);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shapeOf(item)]));
    return "";
}

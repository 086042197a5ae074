/**
 * Schema validation of every per-cluster object of a built-in kind, before it is registered, so
 * that an override that produces an invalid object (replicas: "five", a container without a name)
 * fails at preview naming the cluster and the path instead of at the API server mid-update.
 *
 * The schemas are the Kubernetes OpenAPI ones, compiled by the maintained `kubernetes-models`
 * package (v4: CommonJS, Node 20). Values known only at deployment time (Outputs) are not
 * checked: errors at or under them are dropped, the rest of the object still is.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { pointerTokens, tokensToPointer } from "./jsonPointer";
import { fieldOf } from "./unknownFields";
import { isOpaque, isPlainObject } from "./opaque";

interface SchemaError {
    instancePath: string;
    message?: string;
    keyword: string;
    params: Record<string, unknown>;
}

type Validate = (object: unknown) => SchemaError[];

const validators = new Map<string, Validate | null>();

/** The validator for a built-in kind, or null when kubernetes-models has none (custom kinds). */
function validatorFor(apiVersion: string, kind: string): Validate | null {
    const key = `${apiVersion}/${kind}`;
    let validate = validators.get(key);
    if (validate === undefined) {
        validate = null;
        if (/^[a-z0-9.]*\/?v[0-9a-z]+$/.test(apiVersion) && /^[A-Z][A-Za-z0-9]*$/.test(kind)) {
            try {
                // eslint-disable-next-line @typescript-eslint/no-var-requires
                const model = require(`kubernetes-models/${apiVersion}/${kind}`)[kind] as new (data: unknown) => { validate(): void };
                if (typeof model === "function") {
                    validate = (object) => {
                        try {
                            new model(object).validate();
                            return [];
                        } catch (error) {
                            const errors = (error as { errors?: SchemaError[] }).errors;
                            if (!Array.isArray(errors)) throw error;
                            return errors;
                        }
                    };
                }
            } catch (error) {
                const code = (error as { code?: string }).code;
                if (code !== "MODULE_NOT_FOUND" && code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw error;
            }
        }
        validators.set(key, validate);
    }
    return validate;
}

/** True when the kind has a schema here. */
export function hasSchema(apiVersion: string, kind: string): boolean {
    return validatorFor(apiVersion, kind) !== null;
}

/**
 * Throws a FederationError for the first schema violation of `object` (fields as
 * `template.spec.replicas`), leaving out what is only known at deployment time.
 */
export function validateAgainstSchema(object: Record<string, unknown>, location: FederationErrorLocation, context = ""): void {
    const apiVersion = object.apiVersion;
    const kind = object.kind;
    if (typeof apiVersion !== "string" || typeof kind !== "string") return;
    const validate = validatorFor(apiVersion, kind);
    if (!validate) return;
    const opaque: string[] = [];
    const checked = withoutOpaque(object, [], opaque);
    const errors = validate(checked).filter((error) => !opaque.some((path) => error.instancePath === path || error.instancePath.startsWith(path + "/")));
    if (errors.length === 0) return;
    const first = errors[0];
    const pointer = first.keyword === "required" ? `${first.instancePath}/${String(first.params.missingProperty)}` : first.instancePath;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length === 2 ? "" : "s"})` : "";
    throw new FederationError(
        { ...location, field: fieldOf(pointerTokens(pointer)) },
        `${first.keyword === "required" ? "is required" : first.message ?? "is invalid"} by the ${apiVersion} ${kind} schema${context}${more}`,
    );
}

/** A copy with deployment-time values replaced by null, noting their paths. */
function withoutOpaque(value: unknown, tokens: string[], opaque: string[]): unknown {
    if (isOpaque(value)) {
        opaque.push(tokensToPointer(tokens));
        return null;
    }
    if (Array.isArray(value)) return value.map((item, index) => withoutOpaque(item, [...tokens, String(index)], opaque));
    if (isPlainObject(value)) {
        const copy: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) {
            if (item !== undefined) copy[key] = withoutOpaque(item, [...tokens, key], opaque);
        }
        return copy;
    }
    return value;
}

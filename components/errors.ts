/**
 * The one error type the library throws for bad input. It is plain TypeScript (no `@pulumi`
 * import) so the planning core can throw it too.
 *
 * Every message names where the problem is: the federated resource, the member cluster (when
 * there is one) and the field, so that a user with fifty clusters knows which line to fix.
 */
/** Where a problem is: what a {@link FederationError}'s message starts with. Every part is optional. */
export interface FederationErrorLocation {
    /** The federated component, e.g. `FederatedDeployment "redis"`. */
    resource?: string;
    /** The member cluster the problem is about, when there is one. */
    cluster?: string;
    /** The field, as a path into the component's arguments, e.g. `overrides[0].clusterName`. */
    field?: string;
    /** For manifests: where the field is written (`file`, 1-based `line` and `column`). */
    position?: SourcePosition;
}

/** Where something is written in a manifest file, for errors about KubeFed YAML. */
export interface SourcePosition {
    /** The file the document came from, or the name given to YAML text (`<inline>` by default). */
    source: string;
    /** 1-based line. */
    line: number;
    /** 1-based column. */
    column: number;
}

/**
 * The one error type the library throws for bad input, from the components and the pure
 * functions alike. Its message starts with where the problem is (the federated resource, the
 * member cluster when there is one, and the field), and the location's parts are properties too.
 */
export class FederationError extends Error {
    /** The federated component, e.g. `FederatedDeployment "redis"`, or the function that was called wrongly. */
    readonly resource?: string;
    /** The member cluster the problem is about, when there is one. */
    readonly cluster?: string;
    /** The field, as a path into the component's arguments, e.g. `overrides[0].clusterName`. */
    readonly field?: string;
    /** For manifests: where the field is written. */
    readonly position?: SourcePosition;
    /** The message without the location prefix. */
    readonly reason: string;
    /** Where the user's code constructed the failing component, e.g. `new FederatedDeployment (index.ts:12:15)`. */
    readonly callSite?: string;
    /**
     * Pulumi's language host prints errors that carry this marker (`pulumi.RunError`'s duck-typed
     * check) as a plain message, without a JavaScript stack trace: the location in the message is
     * what the user needs, not our call stack. Setting the marker here keeps `@pulumi` out of the
     * planning core.
     *
     * @internal
     */
    readonly __pulumiRunError = true;

    /**
     * An error whose message is the location, then the reason, then (when given) the call site.
     *
     * @param location Where the problem is; it prefixes the message.
     * @param reason What is wrong, without the location.
     * @param callSite Where the user's code constructed the failing component, shown under the message.
     */
    constructor(location: FederationErrorLocation, reason: string, callSite?: string) {
        super(formatLocation(location) + reason + (callSite === undefined ? "" : `\n    at ${callSite}`));
        this.name = "FederationError";
        this.resource = location.resource;
        this.cluster = location.cluster;
        this.field = location.field;
        this.position = location.position;
        this.reason = reason;
        this.callSite = callSite;
    }

    /** The same error, naming where the user's code constructed the component (a stack-frame line under the message). */
    at(callSite: string): FederationError {
        return new FederationError({ resource: this.resource, cluster: this.cluster, field: this.field, position: this.position }, this.reason, callSite);
    }

    /** The same error with missing parts of the location filled in from `outer`. */
    within(outer: FederationErrorLocation): FederationError {
        return new FederationError(
            {
                resource: this.resource ?? outer.resource,
                cluster: this.cluster ?? outer.cluster,
                field: joinFields(outer.field, this.field),
                position: this.position ?? outer.position,
            },
            this.reason,
            this.callSite,
        );
    }

    /** True when `value` is a FederationError (an `instanceof` check). */
    static isInstance(value: unknown): value is FederationError {
        return value instanceof FederationError;
    }
}

function formatLocation(location: FederationErrorLocation): string {
    const parts: string[] = [];
    // Names come from users and manifests: printed escaped (see printable).
    if (location.resource) parts.push(location.position ? `${printable(location.resource)} at line ${location.position.line}, column ${location.position.column}` : printable(location.resource));
    if (location.cluster) parts.push(`cluster "${printable(location.cluster)}"`);
    if (location.field) parts.push(`field ${printable(location.field)}`);
    return parts.length > 0 ? parts.join(", ") + ": " : "";
}

function joinFields(outer: string | undefined, inner: string | undefined): string | undefined {
    if (!outer) return inner;
    if (!inner) return outer;
    return inner.startsWith("[") ? outer + inner : `${outer}.${inner}`;
}

/**
 * Text safe to print to a terminal: every control character a name may carry (valid for some
 * kinds, or coming from a manifest) is shown escaped, as `\x1b` or `\u202e`, so that a name can
 * neither drive the terminal (colours, cursor moves, a title) nor reorder what is shown (bidi
 * controls). `keepLines` keeps newlines and tabs, for text of several lines; a name keeps none.
 */
export function printable(text: string, keepLines = false): string {
    // C0 controls, DEL, C1 controls, and the bidirectional embedding/override/isolate marks.
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (char) => {
        if (keepLines && (char === "\n" || char === "\t")) return char;
        const code = char.charCodeAt(0);
        return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
    });
}

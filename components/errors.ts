/**
 * The one error type the library throws for bad input. It is plain TypeScript (no `@pulumi`
 * import) so the planning core can throw it too.
 *
 * Every message names where the problem is: the federated resource, the member cluster (when
 * there is one) and the field, so that a user with fifty clusters knows which line to fix.
 */
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

export interface SourcePosition {
    source: string;
    line: number;
    column: number;
}

export class FederationError extends Error {
    readonly resource?: string;
    readonly cluster?: string;
    readonly field?: string;
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
     */
    readonly __pulumiRunError = true;

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

    static isInstance(value: unknown): value is FederationError {
        return value instanceof FederationError;
    }
}

function formatLocation(location: FederationErrorLocation): string {
    const parts: string[] = [];
    if (location.resource) parts.push(location.position ? `${location.resource} at line ${location.position.line}, column ${location.position.column}` : location.resource);
    if (location.cluster) parts.push(`cluster "${location.cluster}"`);
    if (location.field) parts.push(`field ${location.field}`);
    return parts.length > 0 ? parts.join(", ") + ": " : "";
}

function joinFields(outer: string | undefined, inner: string | undefined): string | undefined {
    if (!outer) return inner;
    if (!inner) return outer;
    return inner.startsWith("[") ? outer + inner : `${outer}.${inner}`;
}

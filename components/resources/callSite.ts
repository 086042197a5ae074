/**
 * Errors that point at the user's code: a component remembers where it was constructed (an
 * `Error` made in its constructor; V8 formats its stack only when it is read, on failure), and a
 * FederationError from it names the first frame outside this library, e.g.
 * `at new FederatedDeployment (index.ts:12:15)`, instead of a line inside the library.
 */
import * as path from "path";
import { FederationError } from "../errors";
import { cancelQueuedRegistrations } from "./registrationTurns";

/** This library's folder (components/ in a checkout, dist/components/ when installed). */
const LIBRARY = path.join(__dirname, "..") + path.sep;

/** Frames to keep: enough to get past the library's own, however deep a component nests. */
const FRAMES = 40;

export interface ConstructionSite {
    /** The constructor the user called (`new.target`'s name). */
    readonly what: string;
    readonly stack: Error;
}

export function constructionSite(what: string): ConstructionSite {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = FRAMES;
    try {
        return { what, stack: new Error() };
    } finally {
        Error.stackTraceLimit = limit;
    }
}

/** `file:line:column` of the first frame outside this library and node_modules, if any. */
export function userFrame(stack: string | undefined, cwd = process.cwd()): string | undefined {
    for (const line of (stack ?? "").split("\n").slice(1)) {
        const match = /^\s*at (?:.*? \()?((?:file:\/\/)?[^()]+?):(\d+):(\d+)\)?$/.exec(line);
        if (!match) continue;
        const file = match[1].startsWith("file://") ? decodeURIComponent(match[1].slice("file://".length)) : match[1];
        if (!path.isAbsolute(file) || file.startsWith(LIBRARY) || file.split(/[\\/]/).includes("node_modules")) continue;
        const relative = path.relative(cwd, file);
        return `${relative.startsWith("..") || path.isAbsolute(relative) ? file : relative}:${match[2]}:${match[3]}`;
    }
    return undefined;
}

/** `error`, when it is a FederationError without a call site yet, with the user's call site added. */
export function atConstructionSite(error: unknown, site: ConstructionSite): unknown {
    if (!(error instanceof FederationError) || error.callSite !== undefined) return error;
    const frame = userFrame(site.stack.stack);
    return frame === undefined ? error : error.at(`new ${site.what} (${frame})`);
}

/** Runs `build`, adding the construction site to a FederationError it throws. */
export function withConstructionSite<T>(site: ConstructionSite, build: () => T): T {
    try {
        return build();
    } catch (error) {
        throw atConstructionSite(error, site);
    }
}

/**
 * What a component's constructor throws when it fails: the error with the user's call site, after
 * canceling every registration still waiting for its turn (the program fails with this error, so
 * the objects of components declared before it must not reach the clusters either).
 */
export function failedConstruction(error: unknown, site: ConstructionSite): unknown {
    const thrown = atConstructionSite(error, site);
    cancelQueuedRegistrations(thrown);
    return thrown;
}

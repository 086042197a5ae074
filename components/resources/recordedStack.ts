/**
 * Per-cluster objects registered without the stack trace the Pulumi SDK records for each resource.
 *
 * The Node.js SDK captures the JavaScript stack of every resource it registers (source-mapped, so
 * each frame costs CPU) and the engine keeps it in the state (`sourcePosition`, `stackTrace`), then
 * writes the whole state at every step of an update (every checkpoint of a self-managed backend).
 * The package registers its per-cluster objects in its own turn of the event loop
 * (registrationTurns.ts), so their stack names only the package's scheduling functions, never the
 * program's line: a fifth of each object's state for nothing a user can use. Measured by `npm run
 * bench:e2e`, see docs/reference/performance.md. The components themselves, which the program
 * declares, keep their stack (it names the program's line).
 *
 * Only the SDK's own capture is emptied: any other stack formatted meanwhile goes to the formatter
 * that was installed (ts-node's source maps) or to V8's format.
 */
import * as path from "path";

type Formatter = (error: Error, frames: NodeJS.CallSite[]) => unknown;
/** The hook V8 formats stacks with (`Error.prepareStackTrace`), unset when none is installed. */
const v8 = Error as unknown as { prepareStackTrace?: Formatter };

/** The SDK's capture: `Resource.callsites()` in @pulumi/pulumi's resource.js. */
function isResourceCapture(frames: NodeJS.CallSite[]): boolean {
    const first = frames[0];
    if (first === undefined || first.getFunctionName() !== "callsites") return false;
    const file = first.getFileName() ?? "";
    return path.basename(file) === "resource.js" && file.split(/[\\/]/).includes("pulumi");
}

/**
 * V8's own format, for when no formatter was installed. (Node installs one, which maps stacks with
 * --enable-source-maps; this serves only a process where something deleted it.)
 */
function v8Format(error: Error, frames: NodeJS.CallSite[]): string {
    let header: string;
    try {
        header = Error.prototype.toString.call(error);
    } catch {
        header = "Error";
    }
    return header + frames.map((frame) => `\n    at ${frame}`).join("");
}

/** Registrations running now (a dependent may register another component's objects inside a turn). */
let active = 0;

/** Runs `register` with the SDK's stack capture returning no frames; restores the formatter after. */
export function withoutRecordedStacks<T>(register: () => T): T {
    const own = Object.prototype.hasOwnProperty.call(Error, "prepareStackTrace");
    const installed = v8.prepareStackTrace;
    // A wrapper kept by someone past this window passes everything through.
    const wrapper: Formatter = (error, frames) =>
        active > 0 && isResourceCapture(frames) ? "" : installed ? installed(error, frames) : v8Format(error, frames);
    try {
        v8.prepareStackTrace = wrapper;
    } catch {
        return register(); // a frozen Error (--frozen-intrinsics): the stacks stay recorded
    }
    active++;
    try {
        return register();
    } finally {
        active--;
        // Unless something installed its own formatter meanwhile (that one stays).
        if (v8.prepareStackTrace === wrapper) {
            if (own) v8.prepareStackTrace = installed;
            else delete v8.prepareStackTrace;
        }
    }
}

/**
 * The reconcile loop's operations on a real stack, through Pulumi's Automation API
 * (`@pulumi/pulumi/automation`, which runs the Pulumi CLI on PATH): the state with its secrets
 * decrypted in memory (`pulumi stack export --show-secrets`), a preview with `--refresh` (the
 * engine refreshes in memory only: the state file is not written), a refresh, and `up`. Member
 * probes are the health probes of `clusters` and `Federation.connect`, with the credentials the
 * state's providers hold.
 *
 * The Automation API is loaded when a command needs it, not when the CLI starts.
 */
import type { CommandError, EngineEvent, LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { FederationError } from "../errors";
import { kubeconfigContents, probeMember } from "../health/probe";
import { PlannedStep } from "./drift";
import { ReconcileOperations, StackLockedError } from "./loop";
import { readStackState } from "./stackState";

export interface StackTarget {
    /** The project folder (holding Pulumi.yaml). */
    directory: string;
    stack: string;
    /** Seconds a member probe may take; without it, the Federation's own probe timeout, else 3. */
    probeTimeoutSeconds?: number;
}

/** KubeFed's probe timeout, for a program that sets none. */
const DEFAULT_PROBE_TIMEOUT_SECONDS = 3;

type Automation = typeof import("@pulumi/pulumi/automation");

/** What an error from the Pulumi CLI says, without its captured progress output. */
export function cliErrorText(error: unknown): string {
    const result = (error as Partial<CommandError> & { commandResult?: { stdout?: string; stderr?: string; code?: number } }).commandResult;
    if (result === undefined) return error instanceof Error ? error.message : String(error);
    const said = [...(result.stdout ?? "").split("\n").filter((line) => /^\s*error:/.test(line)), ...(result.stderr ?? "").split("\n")]
        .map((line) => line.trim()).filter((line) => line !== "");
    return [...new Set(said)].join("\n") || `the pulumi command exited with status ${result.code}`;
}

/**
 * Runs an Automation call with its own signal, tied to the loop's for the call's length (the
 * Automation API adds a listener to the signal it is given and keeps it). A lock held by another
 * update becomes StackLockedError; any other failure an Error with the engine's error diagnostics,
 * else what the CLI said.
 */
async function cli<T>(automation: Automation, signal: AbortSignal | undefined, run: (options: { signal?: AbortSignal; onEvent: (event: EngineEvent) => void }) => Promise<T>, onEvent?: (event: EngineEvent) => void): Promise<T> {
    const own = new AbortController();
    const forward = () => own.abort();
    signal?.addEventListener("abort", forward);
    if (signal?.aborted) own.abort();
    const errors: string[] = [];
    const collect = (event: EngineEvent) => {
        const diagnostic = event.diagnosticEvent;
        if (diagnostic?.severity === "error") {
            const about = diagnostic.urn ? `${diagnostic.urn.slice(diagnostic.urn.lastIndexOf("::") + 2)}: ` : "";
            errors.push(`${about}${diagnostic.message.trim()}`);
        }
        onEvent?.(event);
    };
    try {
        return await run({ signal: signal ? own.signal : undefined, onEvent: collect });
    } catch (error) {
        if (error instanceof automation.ConcurrentUpdateError) throw new StackLockedError(cliErrorText(error));
        throw new Error(errors.length > 0 ? [...new Set(errors)].join("\n") : cliErrorText(error));
    } finally {
        signal?.removeEventListener("abort", forward);
    }
}

/** Runs a command in the project folder; resolves to its stdout, which stays in memory. */
function run(program: string, args: readonly string[], directory: string, signal?: AbortSignal): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile(program, [...args], { cwd: directory, maxBuffer: 1 << 30, signal, timeout: COMMAND_TIMEOUT_MS }, (error, stdout, stderr) => {
            if (!error) return resolve(stdout);
            const said = String(stderr).split("\n").map((line) => line.trim()).filter((line) => line !== "");
            reject(new Error((error as NodeJS.ErrnoException).code === "ENOENT" ? `the ${program} command is not on PATH` : said.join("\n") || error.message));
        });
    });
}

/** The longest a `pulumi stack export` or a git command may take. */
const COMMAND_TIMEOUT_MS = 600_000;

/** The version the end-to-end suite proves the loop with; an older CLI gets a warning. */
export const PROVEN_PULUMI_VERSION = "3.274.1";

/** True when version `a` (x.y.z) is older than `b`. */
export function olderVersion(a: string, b: string): boolean {
    const parts = (text: string) => text.replace(/^v/, "").split(/[.-]/).slice(0, 3).map((part) => Number.parseInt(part, 10) || 0);
    const [x, y] = [parts(a), parts(b)];
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i];
    return false;
}

/** A member's kubeconfig as the provider reads it: a relative path is the project folder's. */
function kubeconfigIn(directory: string, value: string | undefined): string | undefined {
    if (value === undefined || /[\n{]/.test(value) || path.isAbsolute(value)) return kubeconfigContents(value);
    return kubeconfigContents(path.resolve(directory, value));
}

/** The stack's operations for the loop (and drift's preview), with what is worth a warning at the start. */
export async function stackOperations(target: StackTarget): Promise<ReconcileOperations & { notes: string[] }> {
    const directory = path.resolve(target.directory);
    if (!["Pulumi.yaml", "Pulumi.yml"].some((name) => fs.existsSync(path.join(directory, name)))) {
        throw new FederationError({ resource: directory }, "no Pulumi.yaml here: point --dir at the project folder");
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when needed (a directory import, which import() refuses)
    const automation = require("@pulumi/pulumi/automation") as Automation;
    const workspace: LocalWorkspace = await cli(automation, undefined, () => automation.LocalWorkspace.create({ workDir: directory }));
    // Selecting a stack would change the folder's selected stack for the user; checking it exists is enough (every operation names it).
    workspace.selectStack = async (name: string) => {
        await run("pulumi", ["stack", "--stack", name, "--non-interactive"], directory);
    };
    const stack: Stack = await cli(automation, undefined, () => automation.Stack.select(target.stack, workspace));
    const stackArgs = ["--stack", target.stack, "--non-interactive"];
    const version = workspace.pulumiVersion;
    const notes = olderVersion(version, PROVEN_PULUMI_VERSION) ? [`the Pulumi CLI on PATH is ${version}; the loop is proven with ${PROVEN_PULUMI_VERSION} and needs --exclude on preview and refresh`] : [];
    return {
        notes,
        state: async (signal) => {
            const exported = await run("pulumi", ["stack", "export", "--show-secrets", ...stackArgs], directory, signal);
            let parsed: { deployment?: unknown };
            try {
                parsed = JSON.parse(exported) as { deployment?: unknown };
            } catch {
                // (Never the parser's message: it quotes the decrypted text around the fault.)
                throw new Error("pulumi stack export printed something that is not JSON");
            }
            return readStackState(parsed.deployment);
        },
        // The probe the program's own health checks make (/readyz with the member's credentials).
        probe: (member) => probeMember({ name: member.name, kubeconfig: kubeconfigIn(directory, member.kubeconfig), context: member.context }, target.probeTimeoutSeconds ?? member.probeTimeoutSeconds ?? DEFAULT_PROBE_TIMEOUT_SECONDS, false),
        heldBack: async (signal) => {
            const [last] = await cli(automation, signal, () => stack.history(1));
            const deployed = last?.environment?.["git.head"];
            if (deployed === undefined) return undefined;
            const checkout = (await run("git", ["rev-parse", "HEAD"], directory, signal).catch(() => "")).trim();
            if (checkout === "" || checkout === deployed) return undefined;
            // The checkout may be ahead (new commits to deploy); behind or beside, it would undo them.
            const ahead = await run("git", ["merge-base", "--is-ancestor", deployed, checkout], directory, signal).then(() => true, () => false);
            return ahead ? undefined : `the stack was last updated from commit ${deployed.slice(0, 12)}, which this checkout (${checkout.slice(0, 12)}) does not contain: update the checkout (git pull), or the loop would undo that update`;
        },
        preview: async (exclude, signal) => {
            const steps: PlannedStep[] = [];
            const onStep = (event: EngineEvent) => {
                const metadata = event.resourcePreEvent?.metadata;
                if (metadata) steps.push(metadata);
            };
            await cli(automation, signal, (options) => stack.preview({ ...options, refresh: true, exclude: [...exclude], color: "never", suppressProgress: true }), onStep);
            return steps;
        },
        refresh: async (exclude, signal) => {
            await cli(automation, signal, (options) => stack.refresh({ ...options, exclude: [...exclude], color: "never", suppressProgress: true }));
        },
        up: async (refresh, signal) => {
            await cli(automation, signal, (options) => stack.up({ ...options, refresh, color: "never", suppressProgress: true }));
        },
    };
}

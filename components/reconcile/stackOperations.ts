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

/** Runs the Pulumi CLI on PATH (as the Automation API does); resolves to its stdout, which stays in memory. */
function pulumi(args: readonly string[], directory: string): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile("pulumi", [...args], { cwd: directory, maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
            if (!error) return resolve(stdout);
            const said = String(stderr).split("\n").map((line) => line.trim()).filter((line) => line !== "");
            reject(new Error((error as NodeJS.ErrnoException).code === "ENOENT" ? "the pulumi command is not on PATH" : said.join("\n") || error.message));
        });
    });
}

/** The stack's operations for the loop (and drift's preview). */
export async function stackOperations(target: StackTarget): Promise<ReconcileOperations> {
    const directory = path.resolve(target.directory);
    if (!["Pulumi.yaml", "Pulumi.yml"].some((name) => fs.existsSync(path.join(directory, name)))) {
        throw new FederationError({ resource: directory }, "no Pulumi.yaml here: point --dir at the project folder");
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when needed (a directory import, which import() refuses)
    const automation = require("@pulumi/pulumi/automation") as Automation;
    const workspace: LocalWorkspace = await cli(automation, undefined, () => automation.LocalWorkspace.create({ workDir: directory }));
    // Selecting a stack would change the folder's selected stack for the user; checking it exists is enough (every operation names it).
    workspace.selectStack = async (name: string) => {
        await pulumi(["stack", "--stack", name, "--non-interactive"], directory);
    };
    const stack: Stack = await cli(automation, undefined, () => automation.Stack.select(target.stack, workspace));
    const stackArgs = ["--stack", target.stack, "--non-interactive"];
    return {
        state: async () => {
            const parsed = JSON.parse(await pulumi(["stack", "export", "--show-secrets", ...stackArgs], directory)) as { deployment?: unknown };
            return readStackState(parsed.deployment);
        },
        probe: (member) => probeMember({ name: member.name, kubeconfig: kubeconfigContents(member.kubeconfig), context: member.context }, target.probeTimeoutSeconds ?? member.probeTimeoutSeconds ?? DEFAULT_PROBE_TIMEOUT_SECONDS, true),
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

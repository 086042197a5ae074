/**
 * `pulumi-federation drift`: what differs between the member clusters and the program, changing
 * nothing. It probes the members the stack deploys to, previews the stack with a refresh the
 * engine keeps in memory (the state is not written, no cluster is touched), and prints per member
 * cluster and per federated object every field whose live value differs from the declared one.
 */
import { commandFailed, durationSeconds, flags } from "./argv";
import { Command } from "./command";
import { FederationError, printable } from "../errors";
import { DriftedObject, driftByCluster, driftReport } from "../reconcile/drift";
import { StackState, resourcesOfMember, scrubbed } from "../reconcile/stackState";
import { stackOperations } from "../reconcile/stackOperations";
import { stackName } from "../synth/stack";
import { alignedTable } from "../synth/table";

export const DRIFT_USAGE = `usage: pulumi-federation drift [--stack NAME] [--dir PROJECT] [--output table|json] [--probe-timeout S]

Reports, per member cluster and per federated object, every field whose live value differs from
what the program declares, and the objects deleted behind Pulumi's back; changes nothing. The
stack is previewed with a refresh that the engine keeps in memory (pulumi preview --refresh,
through Pulumi's Automation API, with the Pulumi CLI on PATH): neither the state nor any cluster
is written. Members whose API server does not answer are left out of the refresh and named.
Values of Secrets, and every value Pulumi holds as secret, are printed as [secret].

Exit status: 0 when nothing drifted, 2 when something did (or a member did not answer), 1 on error.

  --stack NAME          stack to read (default: dev)
  --dir PROJECT         project folder holding Pulumi.yaml (default: .)
  --output table|json   how to print (default: table)
  --probe-timeout S     seconds a member's API server has to answer, 0.5 to 300 (default: the
                        Federation's health.timeoutSeconds, else 3)`;

/** What drift found. */
export interface DriftResult {
    stack: string;
    /** Members that answered. */
    ready: string[];
    /** Members that did not, and why: left out of the refresh, so their drift is unknown. */
    notReady: Record<string, string>;
    /** Drifted objects per cluster. */
    drifted: Record<string, number>;
    objects: DriftedObject[];
}

/** Finds the drift of a stack (the library behind the command). */
export async function findDrift(directory: string, stack: string, probeTimeoutSeconds?: number): Promise<DriftResult> {
    const owner = { resource: `stack ${stack}` };
    const fail = (error: unknown): never => {
        throw error instanceof FederationError ? error : new FederationError(owner, (error as Error).message);
    };
    const operations = await stackOperations({ directory, stack, probeTimeoutSeconds }).catch(fail);
    for (const note of operations.notes) console.error(printable(`drift: ${note}`, true));
    const never = new AbortController().signal;
    const state: StackState = await operations.state(never).catch(fail);
    const probes = await Promise.all(state.members.map(async (member) => {
        const probe = await operations.probe(member, never);
        return [member.name, { ...probe, reason: probe.reason && scrubbed(probe.reason, state.secrets) }] as const;
    }));
    const down = probes.filter(([, probe]) => !probe.ok);
    // What the CLI says can quote a value: the state's secrets are scrubbed from it.
    const steps = await operations.preview(down.flatMap(([name]) => resourcesOfMember(state, name)), never).catch((error: Error) => fail(new Error(scrubbed(error.message, state.secrets))));
    const objects = driftReport(steps, state);
    return {
        stack,
        ready: probes.filter(([, probe]) => probe.ok).map(([name]) => name),
        notReady: Object.fromEntries(down.map(([name, probe]) => [name, probe.reason ?? "not ready"])),
        drifted: driftByCluster(objects), objects,
    };
}

/** A value for a table cell: JSON, cut to a width. */
function cell(value: unknown, present: boolean): string {
    if (!present) return "<none>";
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 48 ? `${text.slice(0, 45)}...` : text;
}

/** The table: one row per drifted field (or object, when no field is concerned). */
export function driftTable(result: DriftResult): string {
    const rows = result.objects.flatMap((entry) => {
        const base = [entry.cluster, entry.object, entry.federated ?? "", entry.change];
        if (entry.fields.length === 0) return [[...base, "", "", ""]];
        return entry.fields.map((field) => [...base, field.path, cell(field.live, "live" in field), cell(field.declared, "declared" in field)]);
    });
    const lines: string[] = [];
    if (rows.length > 0) {
        const header = ["CLUSTER", "OBJECT", "FEDERATED", "CHANGE", "FIELD", "LIVE", "DECLARED"];
        lines.push(...alignedTable(header, rows, "   "));
    } else {
        lines.push(`No drift: every object of stack ${result.stack} in ${result.ready.length} member${result.ready.length === 1 ? "" : "s"} matches the program.`);
    }
    for (const [name, reason] of Object.entries(result.notReady)) lines.push(printable(`member ${name} did not answer (${reason}): its objects were not compared`));
    return lines.join("\n");
}

export async function driftCommand(args: readonly string[]): Promise<number> {
    let stack = "dev";
    let directory = ".";
    let output = "table";
    let probeTimeout: number | undefined;
    try {
        for (const { flag, value } of flags(args)) {
            if (flag === "--stack" || flag === "-s") stack = value();
            else if (flag === "--dir") directory = value();
            else if (flag === "--output" || flag === "-o") output = value();
            else if (flag === "--probe-timeout") probeTimeout = durationSeconds(flag, value(), 0.5, 300);
            else throw new Error(flag.startsWith("-") ? `unknown option ${flag}` : `unexpected argument ${JSON.stringify(flag)}`);
        }
        if (output !== "table" && output !== "json") throw new Error(`--output must be table or json, got ${JSON.stringify(output)}`);
        stackName(stack);
        const result = await findDrift(directory, stack, probeTimeout);
        console.log(output === "json" ? JSON.stringify(result, null, 2) : driftTable(result));
        return result.objects.length === 0 && Object.keys(result.notReady).length === 0 ? 0 : 2;
    } catch (error) {
        return commandFailed("drift", DRIFT_USAGE, error);
    }
}

/** `drift` as the entry point lists it. */
export const DRIFT_COMMAND: Command = {
    name: "drift",
    summary: "what differs between the member clusters and the program, per cluster and field; changes nothing",
    usage: DRIFT_USAGE,
    run: driftCommand,
};

/**
 * `pulumi-federation clusters`: KubeFed's `kubectl get kubefedclusters` for a stack. It runs the
 * stack's program offline (as synth does) to learn its members and how each is reached, probes
 * each member's API server with the member's own credentials (health/probe.ts), and prints NAME,
 * READY, VERSION, labels and why a member is not ready. `--watch` keeps probing with KubeFed's
 * period and thresholds (health/thresholds.ts).
 */
import { execFile } from "child_process";
import { commandFailed, flags } from "./argv";
import { Command } from "./command";
import { FederationError, printable } from "../errors";
import { ProbeResult, probeMember } from "../health/probe";
import { KUBEFED_PROBE_DEFAULTS, MemberHealth, ProbeSettings, UNPROBED, afterProbe } from "../health/thresholds";
import { runStackProgram, stackName } from "../synth/stack";
import { StackMember, stackMembers } from "../synth/stackMembers";
import { alignedTable } from "../synth/table";

export const CLUSTERS_USAGE = `usage: pulumi-federation clusters [--stack NAME] [--dir PROJECT] [--config-file FILE] [--output table|json]
                                 [--watch [--count N]] [--period S] [--timeout S] [--failure-threshold N] [--success-threshold N]

Probes every member of the stack's federation, as KubeFed's kubefedclusters show them: NAME, READY
(True, False or Unknown), the API server's VERSION, the member's labels, and why it is not ready
(connection refused, timeout, x509, 401 or 403, the API server's answer). Each member's /readyz
(/healthz where there is none) is read with the member's own credentials, resolved as kubectl
resolves them, and those credentials must be able to list namespaces (/readyz is public: this
shows credentials that no longer work there, such as a deleted binding). The members come from running the stack's program offline, as synth does; config
the stack encrypts is read through the Pulumi CLI (pulumi config --show-secrets), in memory only.

Exit status: 0 when every member that reaches a cluster is ready, 2 when one is not, 1 on error.

  --stack NAME              stack to read (default: dev)
  --dir PROJECT             project folder holding Pulumi.yaml (default: .)
  --config-file FILE        stack config file to use instead of Pulumi.<stack>.yaml
  --output table|json       how to print (default: table)
  --watch                   keep probing every period; READY changes only at the thresholds
  --count N                 with --watch: stop after N rounds (default: until interrupted)
  --period S                seconds between probes (default: ${KUBEFED_PROBE_DEFAULTS.periodSeconds}, as KubeFed)
  --timeout S               seconds a probe may take (default: ${KUBEFED_PROBE_DEFAULTS.timeoutSeconds})
  --failure-threshold N     failed probes in a row that make a ready member not ready (default: ${KUBEFED_PROBE_DEFAULTS.failureThreshold})
  --success-threshold N     good probes in a row that make it ready again (default: ${KUBEFED_PROBE_DEFAULTS.successThreshold})
  --skip-type-check         run a TypeScript program without type-checking it first`;

/** One member's row. */
export interface ClusterRow {
    name: string;
    ready: MemberHealth["ready"];
    version?: string;
    labels: Record<string, string>;
    reason?: string;
    /** Rendering or reached through Karmada: not probed, and not counted in the exit status. */
    probed: boolean;
}

/** A positive number from a flag, or a usage error naming it. */
function positive(flag: string, text: string, integer: boolean): number {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) throw new Error(`${flag} must be a positive ${integer ? "whole number" : "number"}, got ${JSON.stringify(text)}`);
    return value;
}

/** The stack's decrypted config, through the Pulumi CLI: `project:key` -> text. */
function decryptedConfig(directory: string, stack: string, configFile: string | undefined): Promise<Record<string, string>> {
    const args = ["config", "--show-secrets", "--json", "--stack", stack, ...(configFile ? ["--config-file", configFile] : [])];
    return new Promise((resolve, reject) => {
        execFile("pulumi", args, { cwd: directory, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
            if (error) {
                const why = (error as NodeJS.ErrnoException).code === "ENOENT" ? "the pulumi command is not on PATH" : String(stderr).split("\n").find((line) => line.trim() !== "") ?? error.message;
                reject(new FederationError({ resource: `stack ${stack}` }, `has encrypted config, which only the Pulumi CLI can read: ${why}`));
                return;
            }
            const values = JSON.parse(stdout) as Record<string, { value?: unknown; objectValue?: unknown }>;
            resolve(Object.fromEntries(Object.entries(values).map(([key, entry]) => [key, typeof entry.value === "string" ? entry.value : JSON.stringify(entry.objectValue ?? entry.value)])));
        });
    });
}

/** Probes every member once, in parallel. */
async function probeRound(members: readonly StackMember[], settings: ProbeSettings): Promise<Map<string, ProbeResult | undefined>> {
    const results = await Promise.all(
        members.map(async (member) => [member.name, member.renders || member.viaKarmada ? undefined : await probeMember(member, settings.timeoutSeconds, true)] as const),
    );
    return new Map(results);
}

function rowOf(member: StackMember, health: MemberHealth, probe: ProbeResult | undefined): ClusterRow {
    if (member.renders || member.viaKarmada) {
        return { name: member.name, ready: "Unknown", labels: member.labels, reason: member.renders ? "renders YAML: no cluster to probe" : "reached through Karmada, not by this program", probed: false };
    }
    return { name: member.name, ready: health.ready, version: probe?.version, labels: member.labels, reason: health.reason, probed: true };
}

/** The table, kubectl's style: upper-case headers, columns padded. */
export function clustersTable(rows: readonly ClusterRow[]): string {
    const cells = rows.map((row) => [row.name, row.ready, row.version ?? "", Object.entries(row.labels).map(([key, value]) => `${key}=${value}`).join(",") || "<none>", row.reason ?? ""]);
    const header = ["NAME", "READY", "VERSION", "LABELS", "REASON"];
    return alignedTable(header, cells, "   ").join("\n");
}

export async function clustersCommand(args: readonly string[]): Promise<number> {
    let stack = "dev";
    let directory = ".";
    let configFile: string | undefined;
    let output = "table";
    let watch = false;
    let count: number | undefined;
    let typeCheck = true;
    const settings: ProbeSettings = { ...KUBEFED_PROBE_DEFAULTS };
    try {
        for (const { flag, value } of flags(args)) {
            if (flag === "--stack") stack = value();
            else if (flag === "--dir") directory = value();
            else if (flag === "--config-file") configFile = value();
            else if (flag === "--output" || flag === "-o") output = value();
            else if (flag === "--watch" || flag === "-w") watch = true;
            else if (flag === "--count") count = positive(flag, value(), true);
            else if (flag === "--period") settings.periodSeconds = positive(flag, value(), false);
            else if (flag === "--timeout") settings.timeoutSeconds = positive(flag, value(), false);
            else if (flag === "--failure-threshold") settings.failureThreshold = positive(flag, value(), true);
            else if (flag === "--success-threshold") settings.successThreshold = positive(flag, value(), true);
            else if (flag === "--skip-type-check") typeCheck = false;
            else throw new Error(flag.startsWith("-") ? `unknown option ${flag}` : `unexpected argument ${JSON.stringify(flag)}`);
        }
        if (output !== "table" && output !== "json") throw new Error(`--output must be table or json, got ${JSON.stringify(output)}`);
        if (count !== undefined && !watch) throw new Error("--count goes with --watch");
        stackName(stack);
        const onNote = (line: string) => console.error(printable(`clusters: ${line}`, true));
        let run = await runStackProgram({ directory, stack, configFile, typeCheck, onNote });
        if (run.encryptedKeys.length > 0) {
            run = await runStackProgram({ directory, stack, configFile, typeCheck, onNote: () => undefined, decrypted: await decryptedConfig(directory, stack, configFile) });
        }
        if (run.typeErrors.length > 0) throw new FederationError({ resource: run.main }, `does not type-check:\n${run.typeErrors.join("\n")}`);
        if (run.capture.error) throw run.capture.error;
        const members = stackMembers(run.capture);
        if (members.length === 0) throw new FederationError({ resource: `stack ${stack}` }, "declares no Federation members");
        const health = new Map(members.map((member) => [member.name, { ...UNPROBED } as MemberHealth]));
        let rows: ClusterRow[] = [];
        for (let round = 1; ; round++) {
            const probes = await probeRound(members, settings);
            rows = members.map((member) => {
                const probe = probes.get(member.name);
                if (probe) health.set(member.name, afterProbe(health.get(member.name)!, probe, settings));
                return rowOf(member, health.get(member.name)!, probe);
            });
            if (output === "json") console.log(JSON.stringify(rows.map(({ probed, ...row }) => ({ ...row, probed }))));
            else console.log(`${watch ? `${new Date().toISOString()}\n` : ""}${clustersTable(rows)}${watch ? "\n" : ""}`);
            if (!watch || (count !== undefined && round >= count)) break;
            await new Promise((resolve) => setTimeout(resolve, settings.periodSeconds * 1000));
        }
        return rows.every((row) => !row.probed || row.ready === "True") ? 0 : 2;
    } catch (error) {
        return commandFailed("clusters", CLUSTERS_USAGE, error);
    }
}

/** `clusters` as the entry point lists it. */
export const CLUSTERS_COMMAND: Command = {
    name: "clusters",
    summary: "every member's readiness, version and labels, probed as KubeFed's kubefedclusters",
    usage: CLUSTERS_USAGE,
    run: clustersCommand,
};

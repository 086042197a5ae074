/**
 * Health-aware planning (Federation.connect): every member that reaches a cluster is probed
 * before the federation is constructed, and one that fails its probe is planned as `unavailable`
 * for this update, as the outage runbook's flag would: its scheduled replicas move, failover
 * groups switch, its objects are forgotten (or kept, as `orphan` says). When it answers again, the
 * next update plans it as before; its provider adopts the objects that survived there
 * (`upsertExistingObjects`) instead of failing to create them.
 */
import * as pulumi from "@pulumi/pulumi";
import { kubeconfigContents, probeForUpdate } from "../health/probe";
import { ProbeSettings } from "../health/thresholds";
import { MemberClusterArgs } from "./memberCluster";

/** What a probe found, for the member table. */
export interface ProbedReadiness {
    ready: "True" | "False" | "Unknown";
    reason?: string;
}

/** An Input's value when it is known (a config value, a secret); undefined when it is not (preview). */
async function known<T>(input: pulumi.Input<T> | undefined): Promise<T | undefined> {
    if (input === undefined) return undefined;
    const output = pulumi.output(input) as pulumi.Output<T> & { isKnown?: Promise<boolean> };
    if (output.isKnown !== undefined && !(await output.isKnown)) return undefined;
    return new Promise((resolve) => output.apply((value) => { resolve(value as T); return value; }));
}

/**
 * Probes the members that reach a cluster (not those already unavailable or draining, nor those
 * that render YAML) and returns the members to plan with, each that failed marked `unavailable`,
 * with every member's readiness and a warning per failed member.
 */
export async function membersAfterProbe(
    owner: string,
    clusters: readonly MemberClusterArgs[],
    federationKubeconfig: pulumi.Input<string> | undefined,
    settings: Pick<ProbeSettings, "timeoutSeconds" | "failureThreshold" | "periodSeconds">,
): Promise<{ clusters: MemberClusterArgs[]; readiness: Record<string, ProbedReadiness>; warnings: string[] }> {
    const readiness: Record<string, ProbedReadiness> = {};
    const warnings: string[] = [];
    const fedKubeconfig = kubeconfigContents(await known(federationKubeconfig));
    const probed = await Promise.all(
        clusters.map(async (member) => {
            const renders = member.providerOptions?.renderYamlToDirectory !== undefined && member.providerOptions.renderYamlToDirectory !== "";
            if (member.unavailable || member.draining || renders) {
                readiness[member.name] = { ready: "Unknown", reason: member.unavailable ? "marked unavailable" : member.draining ? "draining" : "renders YAML" };
                return member;
            }
            const kubeconfig = member.kubeconfig !== undefined ? kubeconfigContents(await known(member.kubeconfig)) : fedKubeconfig;
            const context = await known(member.context);
            if ((member.kubeconfig !== undefined && kubeconfig === undefined) || (member.context !== undefined && context === undefined)) {
                readiness[member.name] = { ready: "Unknown", reason: "its connection is not known yet (an output of another resource): not probed" };
                return member;
            }
            const result = await probeForUpdate({ name: member.name, kubeconfig, context }, settings);
            if (result.ok) {
                readiness[member.name] = { ready: "True" };
                return member;
            }
            readiness[member.name] = { ready: "False", reason: result.reason };
            warnings.push(
                `${owner}: member ${member.name} failed its health probe (${result.reason}${result.attempts > 1 ? `, ${result.attempts} times in a row` : ""}): ` +
                    "it is treated as unavailable for this update, as the outage runbook's unavailable flag would (its replicas move, its objects are forgotten or kept as orphan says); the next update probes it again",
            );
            return { ...member, unavailable: true };
        }),
    );
    return { clusters: probed, readiness, warnings };
}

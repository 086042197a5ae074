/**
 * The members a stack's program declares, read from its offline run (synth's capture): each
 * MemberCluster's name, labels, host flag and state, and how its provider reaches the cluster
 * (kubeconfig and context), or that it renders YAML instead. What `clusters` probes.
 */
import { kubeconfigContents } from "../health/probe";
import type { Capture } from "./capture";

export interface StackMember {
    name: string;
    labels: Record<string, string>;
    host: boolean;
    /** As declared: available, unavailable or draining. */
    state: string;
    /** Kubeconfig contents (a path given in the program is read), or none: kubectl's own. */
    kubeconfig?: string;
    context?: string;
    /** Renders YAML instead of reaching a cluster (nothing to probe). */
    renders: boolean;
    /** Karmada reaches it; this program has no connection to it. */
    viaKarmada: boolean;
}

/** The members of every Federation in the run, in declaration order. */
export function stackMembers(capture: Capture): StackMember[] {
    const members: StackMember[] = [];
    for (const member of capture.registrations.filter((r) => r.type === "federation:index:MemberCluster")) {
        const outputs = (member.outputs ?? {}) as Record<string, unknown>;
        const provider = capture.registrations.find((r) => r.type === "pulumi:providers:kubernetes" && r.parent === member.urn);
        const inputs = (provider?.inputs ?? {}) as Record<string, unknown>;
        const kubeconfig = typeof inputs.kubeconfig === "string" && inputs.kubeconfig !== "" ? inputs.kubeconfig : undefined;
        members.push({
            name: String(outputs.name ?? member.name),
            labels: (outputs.labels ?? {}) as Record<string, string>,
            host: outputs.host === true,
            state: typeof outputs.state === "string" ? outputs.state : "available",
            kubeconfig: kubeconfigContents(kubeconfig),
            context: typeof inputs.context === "string" && inputs.context !== "" ? inputs.context : undefined,
            renders: typeof inputs.renderYamlToDirectory === "string" && inputs.renderYamlToDirectory !== "",
            viaKarmada: provider === undefined,
        });
    }
    return members;
}

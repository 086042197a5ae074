/**
 * Where a workload keeps its pod spec, by kind. Image overriders, dependency discovery and status
 * all need it; the planner reads only plain parts of templates.
 */
import { isPlainObject } from "./opaque";

const POD_SPEC_TOKENS: Record<string, readonly string[]> = {
    Pod: ["spec"],
    Deployment: ["spec", "template", "spec"],
    StatefulSet: ["spec", "template", "spec"],
    DaemonSet: ["spec", "template", "spec"],
    ReplicaSet: ["spec", "template", "spec"],
    ReplicationController: ["spec", "template", "spec"],
    Job: ["spec", "template", "spec"],
    CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
};

/** The path tokens of the pod spec for a workload kind, or undefined for other kinds. */
export function podSpecTokens(kind: string): readonly string[] | undefined {
    return POD_SPEC_TOKENS[kind];
}

/** Kinds whose `spec.replicas` replica scheduling may set. */
export const SCALABLE_KINDS: readonly string[] = ["Deployment", "StatefulSet", "ReplicaSet"];

/** The pod spec of `object` when it is plain all the way down, else undefined. */
export function podSpecOf(kind: string, object: unknown): Record<string, unknown> | undefined {
    const tokens = podSpecTokens(kind);
    if (!tokens) return undefined;
    let node: unknown = object;
    for (const token of tokens) {
        if (!isPlainObject(node)) return undefined;
        node = node[token];
    }
    return isPlainObject(node) ? node : undefined;
}

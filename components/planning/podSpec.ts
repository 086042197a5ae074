/**
 * Where a workload keeps its pod spec, by kind and API group. Image overriders, dependency
 * discovery and replica scheduling all need it; the planner reads only plain parts of templates.
 */
import { parseApiVersion } from "./kinds";

export interface Workload {
    /** The API group the kind belongs to ("" for core). */
    group: string;
    /** Path tokens of the pod spec. */
    podSpec: readonly string[];
}

const POD_TEMPLATE_SPEC = ["spec", "template", "spec"];
const WORKLOADS = new Map<string, Workload>([
    ["Pod", { group: "", podSpec: ["spec"] }],
    ["ReplicationController", { group: "", podSpec: POD_TEMPLATE_SPEC }],
    ["Deployment", { group: "apps", podSpec: POD_TEMPLATE_SPEC }],
    ["StatefulSet", { group: "apps", podSpec: POD_TEMPLATE_SPEC }],
    ["DaemonSet", { group: "apps", podSpec: POD_TEMPLATE_SPEC }],
    ["ReplicaSet", { group: "apps", podSpec: POD_TEMPLATE_SPEC }],
    ["Job", { group: "batch", podSpec: POD_TEMPLATE_SPEC }],
    ["CronJob", { group: "batch", podSpec: ["spec", "jobTemplate", "spec", "template", "spec"] }],
]);

/** The built-in workloads, for messages. */
export const WORKLOAD_LIST = "a Pod or ReplicationController (v1), Deployment, StatefulSet, DaemonSet, ReplicaSet (apps/v1), Job or CronJob (batch/v1)";

/**
 * The built-in workload `kind` names, or undefined. A kind only counts in its own API group (a
 * `batch.volcano.sh` Job has another layout); without an apiVersion the kind alone decides.
 */
export function workloadFor(kind: unknown, apiVersion?: unknown): Workload | undefined {
    const workload = typeof kind === "string" ? WORKLOADS.get(kind) : undefined;
    if (!workload) return undefined;
    if (typeof apiVersion === "string" && parseApiVersion(apiVersion).group !== workload.group) return undefined;
    return workload;
}

/** Kinds whose `spec.replicas` replica scheduling may set. */
export const SCALABLE_KINDS: readonly string[] = ["Deployment", "StatefulSet", "ReplicaSet"];

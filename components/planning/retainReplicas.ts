/**
 * KubeFed's `spec.retainReplicas`: for a scalable workload managed by an autoscaler in each
 * member cluster, an update keeps the replicas the cluster runs instead of resetting them to the
 * template's. A new object still starts with the template's replicas.
 *
 * Here the per-cluster object is registered with `ignoreChanges: ["spec.replicas"]`: on update the
 * Kubernetes provider then leaves the field to the manager that owns it in the cluster (the
 * HorizontalPodAutoscaler) or keeps its live value. KubeFed applies overrides after retaining, so
 * a /spec/replicas override (or its replica scheduler) would still win there; here such an
 * override would only take effect when the object is created, so the combination is refused.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { describeType } from "./names";
import { isPlainObject } from "./opaque";
import { OverrideEntry } from "./overrideEntries";
import { SCALABLE_KINDS } from "./podSpec";

export interface RetainReplicasInput {
    kind: string;
    retainReplicas?: unknown;
    scheduling?: unknown;
    overrides?: readonly OverrideEntry[];
}

/** True when the objects keep their cluster's replicas on update; throws for a combination that cannot. */
export function checkRetainReplicas(input: RetainReplicasInput, location: FederationErrorLocation): boolean {
    const { retainReplicas } = input;
    if (retainReplicas === undefined || retainReplicas === false) return false;
    const at = (field: string, cluster?: string): FederationErrorLocation => ({ ...location, cluster, field });
    if (retainReplicas !== true) throw new FederationError(at("retainReplicas"), `must be true or false, got ${describeType(retainReplicas)}`);
    if (!SCALABLE_KINDS.includes(input.kind)) {
        throw new FederationError(at("retainReplicas"), `${input.kind} has no spec.replicas to retain (as in KubeFed, only ${SCALABLE_KINDS.join(", ")} take retainReplicas)`);
    }
    if (input.scheduling !== undefined) {
        throw new FederationError(at("retainReplicas"), "scheduling sets every cluster's replicas, retainReplicas keeps them: use one (KubeFed lets its scheduler win; here the scheduler's numbers would only apply to new objects)");
    }
    (input.overrides ?? []).forEach((entry, index) => {
        (entry.clusterOverrides ?? []).forEach((override, j) => {
            if (override.path === "/spec/replicas" || override.path === "/spec") {
                throw new FederationError(
                    at(`overrides[${index}].clusterOverrides[${j}].path`, entry.clusterName),
                    `"${override.path}" sets the replicas that retainReplicas keeps: with retainReplicas the override would only apply when the object is created (KubeFed applies it on every update)`,
                );
            }
        });
        const spec = isPlainObject(entry.patch) ? entry.patch.spec : undefined;
        if (isPlainObject(spec) && spec.replicas !== undefined) {
            throw new FederationError(at(`overrides[${index}].patch.spec.replicas`, entry.clusterName), "sets the replicas that retainReplicas keeps; leave replicas to each cluster's autoscaler or drop retainReplicas");
        }
    });
    return true;
}

/** The Pulumi property path a retained field is ignored at. */
export const RETAINED_REPLICAS_PATH = "spec.replicas";

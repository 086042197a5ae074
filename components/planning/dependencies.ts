/**
 * Dependencies follow their workload: a ConfigMap, Secret or ServiceAccount that a federated
 * workload's pods refer to, and that is itself federated, must be placed on every cluster the
 * workload runs on. Checked in both directions (whichever of the two is declared second), so the
 * order of declarations never hides a gap.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { ObjectReference } from "./references";

/** What the check needs to know of a declared federated object. */
export interface DeclaredObject {
    /** How errors name it, e.g. `FederatedConfigMap "settings"`. */
    resource: string;
    kind: string;
    namespace?: string;
    /** Its Kubernetes name (undefined when only known at deployment time). */
    name?: string;
    clusters: readonly string[];
    /** What it refers to (workloads; empty for others, or when its check is switched off). */
    references: readonly ObjectReference[];
}

/**
 * Throws a FederationError when `subject` and an already declared object break the rule; returns
 * the declared objects `subject` refers to (for per-cluster dependencies).
 */
export function checkDependencies(subject: DeclaredObject, declared: readonly DeclaredObject[], location: FederationErrorLocation = {}): DeclaredObject[] {
    const found: DeclaredObject[] = [];
    for (const reference of subject.references) {
        // One object may be federated by several components, each on its own clusters.
        const owners = declared.filter((other) => other.kind === reference.kind && other.name === reference.name && other.namespace === subject.namespace);
        if (owners.length === 0) continue; // not federated here: assumed to exist in every cluster
        const covered = new Set(owners.flatMap((owner) => owner.clusters));
        const missing = subject.clusters.filter((cluster) => !covered.has(cluster));
        if (missing.length > 0) {
            const where = owners.map((owner) => `${owner.resource} places ${placesWhere(owner.clusters)}`).join(" and ");
            throw new FederationError(
                { ...location, resource: subject.resource, cluster: missing[0], field: reference.field },
                `refers to ${reference.kind} "${reference.name}", which ${where}; ` + `place it on ${missing.join(", ")} too, or set dependencies: "ignore"`,
            );
        }
        for (const owner of owners) if (!found.includes(owner)) found.push(owner);
    }
    if (subject.name !== undefined) {
        for (const workload of declared) {
            if (workload.namespace !== subject.namespace) continue;
            const reference = workload.references.find((ref) => ref.kind === subject.kind && ref.name === subject.name);
            if (!reference) continue;
            const missing = workload.clusters.filter((cluster) => !subject.clusters.includes(cluster));
            if (missing.length > 0) {
                throw new FederationError(
                    { ...location, resource: subject.resource, cluster: missing[0], field: "placement" },
                    `${workload.resource} refers to this ${subject.kind} (${reference.field}) and runs on ${missing.join(", ")}; place it there too`,
                );
            }
        }
    }
    return found;
}

function placesWhere(clusters: readonly string[]): string {
    return clusters.length === 0 ? "nowhere" : `only on ${clusters.join(", ")}`;
}

/**
 * Two federated objects must not manage the same Kubernetes object (kind, namespace, name) in
 * one cluster: Pulumi would apply both and they would undo each other on every update.
 */
export function checkNoSharedObjects(subject: DeclaredObject, declared: readonly DeclaredObject[], location: FederationErrorLocation = {}): void {
    if (subject.name === undefined) return;
    for (const other of declared) {
        if (other.kind !== subject.kind || other.name !== subject.name || other.namespace !== subject.namespace) continue;
        const shared = subject.clusters.filter((cluster) => other.clusters.includes(cluster));
        if (shared.length > 0) {
            const object = `${subject.kind} ${subject.namespace ? `${subject.namespace}/` : ""}${subject.name}`;
            throw new FederationError(
                { ...location, resource: subject.resource, cluster: shared[0], field: "template.metadata.name" },
                `${other.resource} already places ${object} on ${shared.join(", ")}; one object in a cluster can have only one owner`,
            );
        }
    }
}

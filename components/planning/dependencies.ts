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
    /** Its Kubernetes kind. */
    kind: string;
    /** The kind's API group ("" for the core group), when known: kinds of one name in two groups are two objects. */
    apiGroup?: string;
    /** Its namespace (undefined for cluster-scoped kinds, or when it names none). */
    namespace?: string;
    /** Its Kubernetes name (undefined when only known at deployment time). */
    name?: string;
    /** The clusters it is placed on. */
    clusters: readonly string[];
    /** What it refers to (workloads; empty for others, or when its check is switched off). */
    references: readonly ObjectReference[];
}

/**
 * The declared objects, indexed by the Kubernetes object they manage (kind, namespace, name) and
 * by what their workloads refer to, so that each check looks up what it needs instead of
 * scanning every declaration: planning N objects costs O(N), not O(N^2). Lists keep declaration
 * order, so errors name the first offender as a scan would.
 */
export class DeclaredIndex {
    private readonly byObject = new Map<string, DeclaredObject[]>();
    private readonly referrers = new Map<string, Array<{ workload: DeclaredObject; reference: ObjectReference }>>();

    constructor(declared: readonly DeclaredObject[] = []) {
        for (const object of declared) this.add(object);
    }

    add(object: DeclaredObject): void {
        if (object.name !== undefined) push(this.byObject, objectKey(object.kind, object.namespace, object.name), object);
        const seen = new Set<string>();
        for (const reference of object.references) {
            const key = objectKey(reference.kind, object.namespace, reference.name);
            if (seen.has(key)) continue; // the workload's first reference to an object is the one reported
            seen.add(key);
            push(this.referrers, key, { workload: object, reference });
        }
    }

    /** The declared objects that manage `kind` `namespace`/`name`, in declaration order. */
    owners(kind: string, namespace: string | undefined, name: string): readonly DeclaredObject[] {
        return this.byObject.get(objectKey(kind, namespace, name)) ?? [];
    }

    /** The declared workloads that refer to `kind` `namespace`/`name`, with their first such reference. */
    referring(kind: string, namespace: string | undefined, name: string): ReadonlyArray<{ workload: DeclaredObject; reference: ObjectReference }> {
        return this.referrers.get(objectKey(kind, namespace, name)) ?? [];
    }
}

function objectKey(kind: string, namespace: string | undefined, name: string): string {
    return JSON.stringify([kind, namespace ?? null, name]);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
}

function indexOf(declared: readonly DeclaredObject[] | DeclaredIndex): DeclaredIndex {
    return declared instanceof DeclaredIndex ? declared : new DeclaredIndex(declared);
}

/**
 * Throws a FederationError when `subject` and an already declared object break the rule; returns
 * the declared objects `subject` refers to (for per-cluster dependencies). Give a DeclaredIndex
 * when checking many objects in turn.
 */
export function checkDependencies(subject: DeclaredObject, declared: readonly DeclaredObject[] | DeclaredIndex, location: FederationErrorLocation = {}): DeclaredObject[] {
    const index = indexOf(declared);
    const found: DeclaredObject[] = [];
    for (const reference of subject.references) {
        // One object may be federated by several components, each on its own clusters.
        const owners = index.owners(reference.kind, subject.namespace, reference.name);
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
        const placed = new Set(subject.clusters);
        for (const { workload, reference } of index.referring(subject.kind, subject.namespace, subject.name)) {
            const missing = workload.clusters.filter((cluster) => !placed.has(cluster));
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
export function checkNoSharedObjects(subject: DeclaredObject, declared: readonly DeclaredObject[] | DeclaredIndex, location: FederationErrorLocation = {}): void {
    if (subject.name === undefined) return;
    for (const other of indexOf(declared).owners(subject.kind, subject.namespace, subject.name)) {
        if (subject.apiGroup !== undefined && other.apiGroup !== undefined && subject.apiGroup !== other.apiGroup) continue;
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

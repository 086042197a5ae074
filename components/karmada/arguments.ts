/**
 * Karmada mode's arguments, pure: `propagation: { karmada: {...} }` on a Federation, what members
 * may say in that mode, and the check of Karmada's `Cluster` objects against the declared members.
 *
 * In Karmada mode the program talks to the Karmada API server only; Karmada reaches the members
 * (they join with `karmadactl join`). So member connection settings have no meaning and are
 * refused rather than silently unused, and so is what Karmada cannot do per member.
 */
import { FederationError } from "../errors";
import { checkConnectionFields } from "../planning/members";
import { describeType } from "../planning/names";
import { isOpaque, isPlainObject } from "../planning/opaque";
import { Labels } from "../planning/selector";
import { suggestion } from "../planning/suggest";

/**
 * Set by offline synth while it runs a program: there is no API server to read from, so Karmada's
 * Cluster objects cannot be checked (synth says so).
 */
export const OFFLINE_ENV = "PULUMI_FEDERATION_OFFLINE";

/** Offline synth's `--unavailable`: members (a JSON list of names) planned as unavailable, as a failed health probe would. */
export const UNAVAILABLE_ENV = "PULUMI_FEDERATION_UNAVAILABLE";

/** The Karmada mode options that shape the policies and checks, beside the connection to the Karmada API server. */
export interface KarmadaModeOptions {
    /** Check each member's Karmada `Cluster`: it exists, with the declared labels (default true). */
    checkClusters?: boolean;
    /** `Overwrite` takes over objects that already exist in members (adoption); Karmada's default is `Abort`. */
    conflictResolution?: "Abort" | "Overwrite";
    /** Karmada's `propagateDeps`: the ConfigMaps, Secrets… a workload uses follow it to its clusters. */
    propagateDeps?: boolean;
}

const KARMADA_ARGUMENTS = ["kubeconfig", "context", "namespace", "providerOptions", "clusterIdentifier", "checkClusters", "conflictResolution", "propagateDeps"];

/** Member fields that mean nothing (or cannot be honoured) when Karmada propagates. */
const MEMBER_FIELDS_REFUSED: Readonly<Record<string, string>> = {
    kubeconfig: "Karmada reaches the members itself; give the Karmada API server's kubeconfig as propagation.karmada.kubeconfig",
    context: "Karmada reaches the members itself; give the Karmada API server's context as propagation.karmada.context",
    providerOptions: "no provider is made for a member in Karmada mode; give options for the Karmada API server's provider as propagation.karmada.providerOptions",
    clusterIdentifier: "no provider is made for a member in Karmada mode",
    namespace: "a member's default namespace cannot be honoured by Karmada (one template for all members); name the namespace in the objects, or give a default as propagation.karmada.namespace",
    orphan: "Karmada deletes an object from a cluster it no longer selects (preserveResourcesOnDeletion only keeps objects whose template is deleted); use orphan on the federated resources instead",
};

/** Checks `propagation` and returns the Karmada options, or undefined for push mode. */
export function checkPropagation(propagation: unknown, owner: string): Record<string, unknown> | undefined {
    if (propagation === undefined) return undefined;
    if (!isPlainObject(propagation) || Object.keys(propagation).length !== 1 || !("karmada" in propagation)) {
        throw new FederationError({ resource: owner, field: "propagation" }, `must be { karmada: { kubeconfig?, context?, ... } } (leave it out to push to the members), got ${isPlainObject(propagation) ? `{ ${Object.keys(propagation).join(", ")} }` : describeType(propagation)}`);
    }
    const karmada: unknown = propagation.karmada === undefined ? {} : propagation.karmada;
    if (!isPlainObject(karmada)) throw new FederationError({ resource: owner, field: "propagation.karmada" }, `must be an object, got ${describeType(karmada)}`);
    const unknown = Object.keys(karmada).find((key) => !KARMADA_ARGUMENTS.includes(key));
    if (unknown !== undefined) {
        throw new FederationError({ resource: owner, field: `propagation.karmada.${unknown}` }, `is not a Karmada mode option (expected ${KARMADA_ARGUMENTS.join(", ")})${suggestion(unknown, KARMADA_ARGUMENTS)}`);
    }
    checkConnectionFields(karmada as Record<string, unknown>, { resource: owner }, "propagation.karmada");
    for (const flag of ["checkClusters", "propagateDeps"]) {
        if (karmada[flag] !== undefined && typeof karmada[flag] !== "boolean") {
            throw new FederationError({ resource: owner, field: `propagation.karmada.${flag}` }, `must be true or false, got ${describeType(karmada[flag])}`);
        }
    }
    if (karmada.conflictResolution !== undefined && karmada.conflictResolution !== "Abort" && karmada.conflictResolution !== "Overwrite") {
        throw new FederationError({ resource: owner, field: "propagation.karmada.conflictResolution" }, `must be "Abort" or "Overwrite", got ${describeType(karmada.conflictResolution)}`);
    }
    return karmada;
}

/** Refuses member and federation fields that Karmada mode cannot honour. */
export function checkKarmadaMembers(federation: Record<string, unknown>, owner: string): void {
    for (const field of ["kubeconfig", "providerOptions"]) {
        if (federation[field] !== undefined) throw new FederationError({ resource: owner, field }, `is not used in Karmada mode: ${MEMBER_FIELDS_REFUSED[field]}`);
    }
    const clusters = Array.isArray(federation.clusters) ? federation.clusters : [];
    clusters.forEach((member: Record<string, unknown>, index) => {
        if (!isPlainObject(member)) return; // (validateMembers has refused it already)
        for (const [field, why] of Object.entries(MEMBER_FIELDS_REFUSED)) {
            if (member[field] !== undefined && member[field] !== false) {
                throw new FederationError({ resource: owner, cluster: String(member.name), field: `clusters[${index}].${field}` }, `is not used in Karmada mode: ${why}`);
            }
        }
    });
}

/** Label keys Karmada itself may put on a Cluster: not the user's to declare. */
const KARMADA_OWNED_LABEL = /(^|\.)karmada\.io\//;

/**
 * Why Karmada's `Cluster` object for a declared member does not match the declaration, or
 * undefined when it does: every declared label with its value, and no label of the user's that
 * the program does not declare (Karmada would select on it, the planner would not).
 */
export function clusterLabelProblem(member: { name: string; labels: Labels }, cluster: unknown): string | undefined {
    const metadata = isPlainObject(cluster) && isPlainObject(cluster.metadata) ? cluster.metadata : undefined;
    if (metadata === undefined || isOpaque(metadata)) return `has no Cluster object on the Karmada API server (join it with \`karmadactl join ${member.name}\`)`;
    const live = isPlainObject(metadata.labels) ? (metadata.labels as Record<string, unknown>) : {};
    const differing = Object.entries(member.labels).filter(([key, value]) => live[key] !== value);
    const undeclared = Object.keys(live).filter((key) => !(key in member.labels) && !KARMADA_OWNED_LABEL.test(key));
    if (differing.length === 0 && undeclared.length === 0) return undefined;
    const parts = [
        ...differing.map(([key, value]) => `${key} is ${JSON.stringify(value)} in the program but ${key in live ? JSON.stringify(live[key]) : "missing"} on Karmada's Cluster`),
        ...undeclared.map((key) => `${key}=${JSON.stringify(live[key])} is on Karmada's Cluster but not declared`),
    ];
    return `has labels that differ from Karmada's Cluster "${member.name}" (${parts.join("; ")}): placement by selector would differ between the plan and Karmada; make them the same (kubectl label cluster ${member.name} … on the Karmada API server, or the program's labels)`;
}

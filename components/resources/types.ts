import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterOverride } from "../planning/overrides";
import { LabelSelector } from "../planning/selector";
import { Overriders } from "../planning/overriders";

/** `T` without the `Input` wrapper (and without `undefined`): what a field holds once known. */
export type Known<T> = NonNullable<T extends pulumi.OutputInstance<infer U> ? U : T extends Promise<infer U> ? U : T>;

/**
 * A typed merge patch for a template of type `T`: every field optional, objects merged, `null`
 * deletes, lists replaced whole (RFC 7396).
 */
export type PatchOf<T> = Known<T> extends readonly unknown[]
    ? T
    : Known<T> extends object
      ? { [K in keyof Known<T>]?: PatchOf<Known<T>[K]> | null }
      : T;

/** An override entry whose `patch` is typed by the template. */
export interface OverrideEntryFor<T> {
    /** The member this entry is for. Exactly one of clusterName and clusterSelector. */
    clusterName?: string;
    /** Members whose labels match. Exactly one of clusterName and clusterSelector. */
    clusterSelector?: LabelSelector;
    /** KubeFed JSON patch operations, applied in order (after `patch` and `overriders`). */
    clusterOverrides?: ClusterOverride[];
    /** A partial of the template, merged in first (RFC 7396: objects merge, null deletes, lists replace). */
    patch?: PatchOf<T>;
    /** Karmada-style overriders: image parts, command and args, labels and annotations. */
    overriders?: Overriders;
}

/** Kubernetes provider settings a member may pass through (server-side apply, render mode, …). */
export type MemberProviderOptions = Omit<k8s.ProviderArgs, "kubeconfig" | "context" | "namespace" | "clusterIdentifier">;

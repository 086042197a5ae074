import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { parseApiVersion } from "./planning/kinds";

/** Anything that registers one Kubernetes object: a typed `@pulumi/kubernetes` class or CustomResource. */
export type KubernetesResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** API groups whose `@pulumi/kubernetes` module name is not the group's first label. */
const MODULE_OF_GROUP: Record<string, string> = { "": "core" };

/**
 * The typed `@pulumi/kubernetes` class for a built-in kind (so Pulumi's await logic and diffs
 * apply), or `CustomResource` for anything else. Found by the SDK's own type token rather than a
 * hand-kept table, so every kind the installed SDK knows is covered; only the one module asked
 * for is loaded.
 */
export function resourceClassFor(apiVersion: string, kind: string): KubernetesResourceClass {
    return builtInClassFor(apiVersion, kind) ?? (k8s.apiextensions.CustomResource as unknown as KubernetesResourceClass);
}

export function builtInClassFor(apiVersion: string, kind: string): KubernetesResourceClass | undefined {
    const { group, version } = parseApiVersion(apiVersion);
    const moduleName = MODULE_OF_GROUP[group] ?? group.split(".")[0];
    const sdkModule = (k8s as unknown as Record<string, Record<string, Record<string, unknown>> | undefined>)[moduleName];
    const candidate = sdkModule?.[version]?.[kind] as (KubernetesResourceClass & { __pulumiType?: string }) | undefined;
    return candidate?.__pulumiType === `kubernetes:${group || "core"}/${version}:${kind}` ? candidate : undefined;
}

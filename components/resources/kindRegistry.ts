import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { parseApiVersion } from "../planning/kinds";
import { aliasCanMatter } from "../planning/aliases";

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

/**
 * A transformation that drops the typed class's aliases that cannot matter (see
 * planning/aliases.ts). It runs in the Resource constructor before the SDK turns aliases into
 * URNs, which is where their cost is; every other option, and every alias given otherwise than as
 * a bare `{ type }`, passes through unchanged.
 */
export function keepAliasesThatMatter(oldestMinor: number, programTypes: ReadonlySet<string>): pulumi.ResourceTransformation {
    return ({ props, opts }) => {
        if (opts.aliases === undefined || opts.aliases.length === 0) return undefined;
        const aliases = opts.aliases.filter((alias) => !isTypeOnlyAlias(alias) || aliasCanMatter(alias.type, oldestMinor, programTypes));
        return aliases.length === opts.aliases.length ? undefined : { props, opts: { ...opts, aliases } };
    };
}

function isTypeOnlyAlias(alias: pulumi.Input<pulumi.URN | pulumi.Alias>): alias is { type: string } {
    return typeof alias === "object" && alias !== null && !pulumi.Output.isInstance(alias)
        && Object.keys(alias).length === 1 && typeof (alias as pulumi.Alias).type === "string";
}

const requiredByClass = new WeakMap<object, string[]>();

/**
 * The top-level properties a typed `@pulumi/kubernetes` class refuses to construct without (its
 * generated constructor throws "Missing required property 'spec'"), read once from the generated
 * constructor; none for CustomResource. The components check them before anything registers, so
 * that an object with `validateSchema: false` gets a FederationError naming it, not the SDK's
 * error after its component registered.
 */
export function requiredInputsOf(resourceClass: KubernetesResourceClass): readonly string[] {
    let required = requiredByClass.get(resourceClass);
    if (required === undefined) {
        required = [...Function.prototype.toString.call(resourceClass).matchAll(/Missing required property '(\w+)'/g)].map((m) => m[1]);
        requiredByClass.set(resourceClass, required);
    }
    return required;
}

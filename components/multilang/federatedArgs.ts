/**
 * The inputs every multi-language federated component shares, and their translation into the
 * TypeScript components' arguments: the federation and namespace looked up by name, placement
 * and override structure awaited, the template left as it came (its Outputs are deferred by the
 * planner as in TypeScript).
 */
import * as pulumi from "@pulumi/pulumi";
import { Federation } from "../resources/federation";
import { FederatedNamespace } from "../resources/federatedNamespace";
import { eachEntry, plainString, plainValue } from "./inputs";
import { federationNamed, namespaceNamed } from "./registry";

export interface FederatedInputs {
    /** The Federation's name: pass its `federationName` output, so that it is constructed first. */
    federation: pulumi.Input<string>;
    /** Where the object goes: `{ clusters: [...] }` or `{ clusterSelector: {...} }`, as KubeFed's placement. No placement places nowhere. */
    placement?: any;
    /** Per-cluster variations: `{ clusterName, clusterOverrides: [{ op, path, value }] }` (KubeFed's JSON patch), or a `patch`. */
    overrides?: any[];
    /** Leave the object in a cluster when it stops being placed there, as KubeFed's `kubefed.io/orphan`. */
    orphan?: boolean;
}

/** The TypeScript arguments for those inputs, only the ones given. */
export async function federatedBase(args: FederatedInputs | undefined, resource: string): Promise<{ federation: Federation; federationName: string; rest: Record<string, unknown> }> {
    const federationName = await plainString(args?.federation, resource, "federation");
    const federation = await federationNamed(federationName, resource);
    const rest: Record<string, unknown> = {};
    if (args?.placement !== undefined) rest.placement = await plainValue(args.placement, resource, "placement");
    if (args?.overrides !== undefined) rest.overrides = await overrideEntries(args.overrides, resource);
    if (args?.orphan !== undefined) rest.orphan = await plainValue(args.orphan, resource, "orphan");
    return { federation, federationName, rest };
}

/** The entries and their targets awaited; the values they set stay Inputs. */
function overrideEntries(overrides: unknown, resource: string): Promise<unknown> {
    return eachEntry(overrides, resource, "overrides", async (entry, at) => {
        const result: Record<string, unknown> = { ...entry };
        for (const key of ["clusterName", "clusterSelector"]) {
            if (result[key] !== undefined) result[key] = await plainValue(result[key], resource, `${at}.${key}`);
        }
        if (result.clusterOverrides !== undefined) {
            result.clusterOverrides = await eachEntry(result.clusterOverrides, resource, `${at}.clusterOverrides`, async (operation, where) => {
                const { op, path, ...others } = operation;
                return { ...(op !== undefined ? { op: await plainValue(op, resource, `${where}.op`) } : {}), path: await plainValue(path, resource, `${where}.path`), ...others };
            });
        }
        return result;
    });
}

/** A namespace by name: this program's FederatedNamespace of that name when it declares one, else the plain name. */
export async function namespaceFor(namespace: unknown, federationName: string, resource: string): Promise<string | FederatedNamespace | undefined> {
    if (namespace === undefined) return undefined;
    const name = await plainString(namespace, resource, "namespace");
    return (await namespaceNamed(federationName, name)) ?? name;
}

/** Copies the given (defined) fields, awaited. */
export async function plainFields(args: Record<string, unknown> | undefined, fields: readonly string[], resource: string): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    for (const field of fields) {
        if (args?.[field] !== undefined) result[field] = await plainValue(args[field], resource, field);
    }
    return result;
}

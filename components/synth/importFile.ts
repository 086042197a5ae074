/**
 * The Pulumi bulk-import file (`pulumi import --file`) for a stack's program, from a capture of
 * it: every Kubernetes object the program declares, to adopt the objects already running in the
 * clusters instead of creating them.
 *
 * - The components and providers are not in the file: `pulumi up` creates them first from the
 *   program itself, with every Kubernetes object excluded (EXCLUDE_OBJECTS), so each provider
 *   holds exactly the program's configuration, its kubeconfig secret included. The file then names
 *   them in its `nameTable` by the URNs the engine gave them (the parent's whole type chain before
 *   the type, the root Stack left out), each object's parent and provider by those names.
 * - An object's id is `namespace/name` (`name` for cluster-scoped kinds), as the Kubernetes
 *   provider reads it; a namespaced object without a namespace is in its provider's default one.
 * - Each object's entry carries its state as the program declares it: `inputs`, and `outputs` in
 *   the Kubernetes provider's checkpoint form (importState.ts). With `outputs`, the engine records
 *   them instead of reading the object. Read-based import would record the live object as the
 *   inputs, the server's defaults in it (an import file's `inputs` only fill in what the read
 *   cannot return), and the next preview would offer to drop every default. So `pulumi refresh`
 *   follows the import: the provider reads each object and prunes it to the shape of the
 *   program's inputs, so the preview after it shows only real differences; an object that does
 *   not exist leaves the state there, and the preview offers to create it. Nothing is adopted
 *   unchecked.
 * - The file is plain text, so no secret value is written: where the program's object holds a
 *   secret, the file holds a secret of the same shape with empty leaves, and the refresh reads the
 *   real values (kept secret: the provider marks live values secret where the inputs were). An
 *   object with a value known only at deployment time is imported by reading (no `inputs` or
 *   `outputs`), and its first preview offers to drop the server's defaults.
 */
import { Capture, Registration, UNKNOWN_VALUE } from "./capture";
import { declaredState } from "./importState";
import { isClusterScopedKind } from "../planning/kinds";
import { FederationError } from "../errors";

export interface ImportEntry {
    type: string;
    name: string;
    logicalName: string;
    parent?: string;
    provider?: string;
    id: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

export interface ImportFile {
    nameTable: Record<string, string>;
    resources: ImportEntry[];
}

const STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * The `pulumi up --exclude` globs that leave out every Kubernetes object (a child's type after `$`,
 * or a type at the root), and so create only the components and providers. Providers
 * (`pulumi:providers:kubernetes`) do not match. A glob's `*` stays within a URN part.
 */
export const EXCLUDE_OBJECTS = ["**$kubernetes:**", "urn:pulumi:*::*::kubernetes:**"];

export interface ImportFileOptions {
    stack: string;
    project: string;
}

export function importFile(capture: Capture, options: ImportFileOptions): ImportFile {
    const byUrn = new Map(capture.registrations.map((registration) => [registration.urn, registration]));
    const names = new Map<string, string>();
    const taken = new Set<string>();
    const nameOf = (registration: Registration): string => {
        let name = names.get(registration.urn);
        if (name === undefined) {
            name = registration.name;
            for (let counter = 2; taken.has(name); counter++) name = `${registration.name}-${counter}`;
            taken.add(name);
            names.set(registration.urn, name);
        }
        return name;
    };
    const resources: ImportEntry[] = [];
    const nameTable: Record<string, string> = {};
    const named = (registration: Registration): string => {
        const name = nameOf(registration);
        nameTable[name] = engineUrn(registration, byUrn, options.stack, options.project);
        return name;
    };
    for (const registration of capture.registrations) {
        if (!registration.custom || !registration.type.startsWith("kubernetes:")) continue;
        const parent = byUrn.get(registration.parent);
        const provider = registration.provider ? byUrn.get(registration.provider.slice(0, registration.provider.lastIndexOf("::"))) : undefined;
        const entry: ImportEntry = { type: registration.type, name: nameOf(registration), logicalName: registration.name, id: objectId(registration, provider, byUrn) };
        if (parent && parent.type !== STACK_TYPE) entry.parent = named(parent);
        if (provider) entry.provider = named(provider);
        const state = declaredState(registration);
        if (state) Object.assign(entry, state);
        resources.push(entry);
    }
    return { nameTable, resources };
}

/** The Kubernetes provider's id of an object: `namespace/name`, or `name` for cluster-scoped kinds. */
function objectId(registration: Registration, provider: Registration | undefined, byUrn: Map<string, Registration>): string {
    const object = registration.inputs;
    const name = object.metadata?.name;
    if (typeof name !== "string" || name === UNKNOWN_VALUE) {
        throw new FederationError({ resource: `${registration.type} ${registration.name}`, field: "metadata.name" }, "must be known to import the object (its id is its name)");
    }
    const component = byUrn.get(registration.parent);
    const clusterScoped = typeof component?.outputs?.clusterScoped === "boolean" ? component.outputs.clusterScoped : isClusterScopedKind(String(object.apiVersion ?? ""), String(object.kind ?? ""));
    if (clusterScoped) return name;
    const namespace = object.metadata?.namespace ?? provider?.inputs.namespace ?? "default";
    return `${namespace}/${name}`;
}

/** The URN the engine gives a registration: the parent's whole type chain, the root Stack left out. */
export function engineUrn(registration: Registration, byUrn: Map<string, Registration>, stack: string, project: string): string {
    const types: string[] = [registration.type];
    for (let parent = byUrn.get(registration.parent); parent && parent.type !== STACK_TYPE; parent = byUrn.get(parent.parent)) types.unshift(parent.type);
    return `urn:pulumi:${stack}::${project}::${types.join("$")}::${registration.name}`;
}

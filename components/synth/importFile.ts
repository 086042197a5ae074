/**
 * The Pulumi bulk-import file (`pulumi import --file`) for a stack's program, from a capture of
 * it: every Kubernetes object the program declares, to adopt the objects already running in the
 * clusters instead of creating them.
 *
 * - In two files, because the engine creates a file's providers before its components, and a
 *   provider's parent must exist: the first (`part: "components"`) creates the components (the
 *   Federation, its members, the federated components) with `component: true`; the second
 *   creates the Kubernetes providers from their inputs and imports the objects, naming the
 *   components (now in the stack's state) in its `nameTable` by URN. Each entry's parent is named,
 *   so the engine composes the URN the program's registration gets (the parent's whole type chain
 *   before the type, the root Stack left out), and a stack without state can adopt.
 * - A provider's kubeconfig is never written: the file is plain text. `pulumi import` then
 *   reaches the clusters through the ambient kubeconfig (`KUBECONFIG`) and the context each
 *   provider names; the next `pulumi up` stores the program's (secret) kubeconfig, an update
 *   of the provider that replaces nothing, since `clusterIdentifier` stays.
 * - An object's id is `namespace/name` (`name` for cluster-scoped kinds), as the Kubernetes
 *   provider reads it; a namespaced object without a namespace is in its provider's default one.
 * - The provider's import records the live object as the inputs, the server's defaults in it (an
 *   import file's `inputs` only fill in what its read cannot return). So the first preview shows
 *   updates that remove those defaults from the inputs; applying them changes nothing in the
 *   cluster (the server defaults them again), and from then on previews are empty.
 */
import { Capture, Registration, UNKNOWN_VALUE } from "./capture";
import { isClusterScopedKind } from "../planning/kinds";
import { FederationError } from "../errors";

export interface ImportEntry {
    type: string;
    name: string;
    logicalName: string;
    parent?: string;
    provider?: string;
    id?: string;
    component?: true;
    inputs?: Record<string, unknown>;
}

export interface ImportFile {
    nameTable: Record<string, string>;
    resources: ImportEntry[];
}

const STACK_TYPE = "pulumi:pulumi:Stack";
const PROVIDER_TYPE = "pulumi:providers:kubernetes";
/** Provider inputs that may hold credentials: never written (nor any input sent as a secret). */
const UNWRITTEN_PROVIDER_INPUTS = new Set(["kubeconfig"]);

export interface ImportFileOptions {
    /** `components` (the first file) or `objects` (the second). */
    part: "components" | "objects";
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
    for (const registration of capture.registrations) {
        if (registration.type === STACK_TYPE) continue;
        const parent = byUrn.get(registration.parent);
        const entry: ImportEntry = { type: registration.type, name: nameOf(registration), logicalName: registration.name };
        if (parent && parent.type !== STACK_TYPE) {
            entry.parent = nameOf(parent);
            if (options.part === "objects" && !parent.custom) nameTable[entry.parent] = engineUrn(parent, byUrn, options.stack, options.project);
        }
        if (!registration.custom) {
            if (options.part === "objects") continue;
            entry.component = true;
        } else if (options.part === "components") {
            continue;
        } else if (registration.type === PROVIDER_TYPE) {
            if (registration.inputs.kubeconfig !== undefined && typeof registration.inputs.context !== "string") {
                // Without its kubeconfig (never written) and without a context, the provider would reach
                // whatever cluster the ambient kubeconfig's current context is, and adopt objects there.
                throw new FederationError(
                    { resource: `provider ${registration.name}`, field: "context" },
                    "is needed to import: the member's kubeconfig is not written to the import file, and without a context pulumi import would reach the ambient kubeconfig's current context, perhaps another cluster; give the member the name of its context in the kubeconfig pulumi import runs with",
                );
            }
            entry.inputs = Object.fromEntries(Object.entries(registration.inputs).filter(([key]) => !UNWRITTEN_PROVIDER_INPUTS.has(key) && !registration.secretPaths.includes(`/${key}`)));
        } else if (registration.type.startsWith("kubernetes:")) {
            const provider = registration.provider ? byUrn.get(registration.provider.slice(0, registration.provider.lastIndexOf("::"))) : undefined;
            if (provider) entry.provider = nameOf(provider);
            entry.id = objectId(registration, provider, byUrn);

        } else {
            continue;
        }
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

/**
 * The federations and federated namespaces constructed in this provider process, by name. A
 * multi-language program passes a federation or a namespace to another component by its name
 * (resource references work only between `@pulumi/*` packages); the engine runs one provider
 * process per deployment, so each program's components meet here. Entries are promises: a
 * component that names a federation still being constructed waits for it.
 */
import { Federation } from "../resources/federation";
import { FederatedNamespace } from "../resources/federatedNamespace";
import { FederationError } from "../errors";
import { watchCanceledRegistrations } from "../resources/registrationTurns";

// A Construct that fails fails the program through its own reply; the registrations of other
// components it canceled (see registrationTurns.ts) need no second report from this process.
watchCanceledRegistrations(() => undefined);

const federations = new Map<string, Promise<Federation>>();
const namespaces = new Map<string, Promise<FederatedNamespace>>();

export function registerFederation(name: string, federation: Promise<Federation>): void {
    federations.set(name, federation);
    // A failed federation is reported by its own Construct; lookups see the rejection.
    federation.catch(() => undefined);
}

export function registerNamespace(federationName: string, namespaceName: string, namespace: Promise<FederatedNamespace>): void {
    namespaces.set(`${federationName}/${namespaceName}`, namespace);
    namespace.catch(() => undefined);
}

/** The federation of that name, or an error that says how to pass it. */
export async function federationNamed(name: string, resource: string): Promise<Federation> {
    const federation = federations.get(name);
    if (federation === undefined) {
        const known = [...federations.keys()];
        throw new FederationError(
            { resource, field: "federation" },
            `names no Federation of this program ("${name}"; ${known.length === 0 ? "none is constructed yet" : `constructed: ${known.map((k) => `"${k}"`).join(", ")}`}); pass the Federation's federationName output, so that it is constructed first`,
        );
    }
    try {
        return await federation;
    } catch {
        throw new FederationError({ resource, field: "federation" }, `names Federation "${name}", which failed (see its error)`);
    }
}

/** The FederatedNamespace of that name in the federation, when this program declares one. */
export async function namespaceNamed(federationName: string, namespaceName: string): Promise<FederatedNamespace | undefined> {
    const namespace = namespaces.get(`${federationName}/${namespaceName}`);
    return namespace === undefined ? undefined : namespace.catch(() => undefined);
}

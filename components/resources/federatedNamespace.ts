import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FederationError } from "../errors";
import { FederatedArgsBase, FederatedNamespaceRef, FederatedObject } from "./federatedObject";
import { dns1123LabelProblem } from "../planning/names";
import { checkComponentName } from "../planning/arguments";
import { isPlainObject } from "../planning/opaque";

/** Arguments of {@link FederatedNamespace}: where the namespace goes, and its labels and annotations. */
export interface FederatedNamespaceArgs extends FederatedArgsBase<k8s.types.input.core.v1.Namespace> {
    /** Labels, annotations, and a name when it differs from the component name. */
    template?: k8s.types.input.core.v1.Namespace;
}

/**
 * A Namespace in each selected member. Federated resources put in it go only where it goes,
 * and in each cluster wait for that cluster's Namespace.
 */
export class FederatedNamespace extends FederatedObject<k8s.core.v1.Namespace> implements FederatedNamespaceRef {
    /** The namespace's name, the same in every cluster. */
    readonly namespaceName: string;

    /**
     * Checks the arguments and plans every placed cluster's Namespace before anything registers
     * (bad arguments are a FederationError and register nothing).
     *
     * @param name The Pulumi name, and the namespace's name unless `template.metadata.name` gives one.
     * @param args The federation, where the namespace goes, and its template.
     * @param opts Pulumi resource options for the component.
     */
    constructor(name: string, args: FederatedNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        checkComponentName("FederatedNamespace", name);
        const namespaceName = namespaceNameOf(name, args?.template);
        super("federation:index:FederatedNamespace", name, {
            ...args,
            apiVersion: "v1",
            kind: "Namespace",
            clusterScoped: true,
            template: args?.template ?? {},
            resourceClass: k8s.core.v1.Namespace,
        }, opts);
        this.namespaceName = namespaceName;
    }
}

function namespaceNameOf(name: string, template: k8s.types.input.core.v1.Namespace | undefined): string {
    const resource = `FederatedNamespace "${name}"`;
    const metadata = template?.metadata;
    if (metadata !== undefined && !isPlainObject(metadata)) {
        throw new FederationError({ resource, field: "template.metadata" }, "must be a plain object: the namespace name is needed to plan the resources in it");
    }
    const given = (metadata as { name?: unknown } | undefined)?.name;
    const namespaceName = given ?? name;
    if (typeof namespaceName !== "string") {
        throw new FederationError({ resource, field: "template.metadata.name" }, "must be a plain string: the namespace name is needed to plan the resources in it");
    }
    const problem = dns1123LabelProblem(namespaceName);
    if (problem) throw new FederationError({ resource, field: given === undefined ? "name" : "template.metadata.name" }, `namespace name ${problem}`);
    return namespaceName;
}

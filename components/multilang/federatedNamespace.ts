/** `FederatedNamespace` for every Pulumi language (see federation.ts). */
import * as pulumi from "@pulumi/pulumi";
import { FederatedNamespace as FederatedNamespaceComponent, FederatedNamespaceArgs as FederatedNamespaceComponentArgs } from "../resources/federatedNamespace";
import { FederatedInputs, federatedBase } from "./federatedArgs";
import { quiet, plainTemplate as plainTemplateOf } from "./inputs";
import { registerNamespace } from "./registry";

export interface FederatedNamespaceArgs extends FederatedInputs {
    /** Labels, annotations, and a name when it differs from the component name (a Namespace without apiVersion and kind). */
    template?: any;
}

/**
 * A Namespace in each selected member. Federated resources whose `namespace` is its name go only
 * where it goes, and in each cluster wait for that cluster's Namespace.
 */
export class FederatedNamespace extends pulumi.ComponentResource {
    /** The namespace's name, the same in every cluster: what the federated resources' `namespace` takes. */
    public readonly namespaceName: pulumi.Output<string>;
    /** The clusters the namespace is placed on. */
    public readonly clusters: pulumi.Output<string[]>;

    constructor(name: string, args: FederatedNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:FederatedNamespace", name, {}, opts);
        const resource = `FederatedNamespace "${name}"`;
        const namespace = (async () => {
            const { federation, rest } = await federatedBase(args, resource);
            const plainTemplate = await plainTemplateOf(args?.template, resource, "template");
            const componentArgs = { federation, ...rest, ...(plainTemplate !== undefined ? { template: plainTemplate } : {}) } as FederatedNamespaceComponentArgs;
            return new FederatedNamespaceComponent(name, componentArgs, { parent: this });
        })();
        // Registered under its Kubernetes name, which is what other components give as `namespace`
        // (their `namespace: <this>.namespaceName` makes them wait for this Construct to end).
        namespace.then((built) => registerNamespace(built.federation.name, built.namespaceName, Promise.resolve(built)), () => undefined);
        this.namespaceName = pulumi.output(namespace.then((built) => built.namespaceName));
        this.clusters = pulumi.output(namespace.then((built) => [...built.clusters], quiet<string[]>([])));
        // Only once it stands: a failed component's error reaches the engine through its outputs, once.
        namespace.then(() => this.registerOutputs({ namespaceName: this.namespaceName, clusters: this.clusters }), () => undefined);
    }
}

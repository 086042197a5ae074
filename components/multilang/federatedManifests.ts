/** `FederatedManifests` for every Pulumi language (see federation.ts): KubeFed's own YAML, as it is. */
import * as pulumi from "@pulumi/pulumi";
import { FederatedManifests as FederatedManifestsComponent, FederatedManifestsArgs as FederatedManifestsComponentArgs } from "../resources/federatedManifests";
import { FederationError } from "../errors";
import { plainFields } from "./federatedArgs";
import { plainString, plainTop } from "./inputs";
import { federationNamed } from "./registry";

export interface FederatedManifestsArgs {
    /** The Federation's name: pass its `federationName` output, so that it is constructed first. */
    federation: pulumi.Input<string>;
    /** KubeFed YAML files or folders, relative to the program's folder. */
    files?: string[];
    /** KubeFed YAML text (one or more documents). */
    yaml?: string;
    /** KubeFed documents as objects. */
    documents?: any[];
    /** Unknown template fields: `Strict` (the default) is an error, `Ignore` sends them as they are. */
    fieldValidation?: string;
}

/**
 * KubeFed's federated YAML (FederatedTypeConfig, Federated<Kind>, ReplicaSchedulingPreference,
 * …) planned and registered as the TypeScript FederatedManifests does it.
 */
export class FederatedManifests extends pulumi.ComponentResource {
    /** Each federated object (`<namespace>/<name>` of its kind) and the clusters it is placed on. */
    public readonly placements: pulumi.Output<Record<string, string[]>>;

    constructor(name: string, args: FederatedManifestsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("federation:index:FederatedManifests", name, {}, opts);
        const resource = `FederatedManifests "${name}"`;
        const component = (async () => {
            const federation = await federationNamed(await plainString(args?.federation, resource, "federation"), resource);
            // YAML is planned as plain text and documents as plain objects: a secret given as
            // either would reach the clusters' objects and the state in plain text. Refused,
            // never shown; a FederatedResource keeps a secret template secret.
            for (const field of ["yaml", "documents", "files"] as const) {
                const value = args?.[field] as unknown;
                if (pulumi.Output.isInstance(value) && (await (value as unknown as { isSecret: Promise<boolean> }).isSecret)) {
                    throw new FederationError({ resource, field }, "is a secret, but KubeFed YAML is planned as plain text and its values would reach the clusters' objects in plain text: give secret values through a FederatedResource template, which keeps them secret (the value is not shown)");
                }
            }
            const componentArgs = {
                federation,
                ...(await plainFields(args as unknown as Record<string, unknown>, ["files", "yaml", "fieldValidation"], resource)),
                ...(args?.documents !== undefined ? { documents: await plainTop(args.documents, resource, "documents") } : {}),
            } as FederatedManifestsComponentArgs;
            return new FederatedManifestsComponent(name, componentArgs, { parent: this });
        })();
        this.placements = pulumi.output(component.then((built) => built.placements));
        // Only once it stands: a failed component's error reaches the engine through its outputs, once.
        component.then(() => this.registerOutputs({ placements: this.placements }), () => undefined);
    }
}

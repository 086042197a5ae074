/**
 * Multi-Cluster Services API: a ServiceExport beside a federated Service in every cluster it is
 * placed in, for in-cluster discovery where the clusters run an MCS implementation.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FederationError } from "../errors";
import { checkArgumentNames, checkComponentName } from "../planning/arguments";
import { constructionSite, failedConstruction } from "./callSite";
import { checkTarget } from "./dns";
import { FederatedObject } from "./federatedObject";
import { queueRegistration } from "./registrationTurns";

/** Arguments of {@link FederatedServiceExport}: the federated Service to export. */
export interface FederatedServiceExportArgs {
    /** A FederatedService: each placed cluster gets a ServiceExport of it. */
    service: FederatedObject;
}

/**
 * Multi-Cluster Services API: a `ServiceExport` (multicluster.x-k8s.io/v1alpha1) beside the
 * service in every cluster it is placed in, for clusters that run an MCS implementation. Each
 * waits for its own cluster's Service only.
 */
export class FederatedServiceExport extends pulumi.ComponentResource {
    private readonly exports: () => Readonly<Record<string, k8s.apiextensions.CustomResource>>;

    /** The ServiceExport in each cluster the service is placed in, by cluster name. */
    get resources(): Readonly<Record<string, k8s.apiextensions.CustomResource>> {
        return this.exports();
    }

    /**
     * Checks the argument before registering anything (the service must be a federated Service
     * whose name is known at plan time; not in Karmada mode); a wrong one is a FederationError.
     *
     * @param name The Pulumi name; each cluster's ServiceExport is `<name>-<cluster>`.
     * @param args The federated Service to export.
     * @param opts Pulumi resource options for the component.
     */
    constructor(name: string, args: FederatedServiceExportArgs, opts?: pulumi.ComponentResourceOptions) {
        const site = constructionSite("FederatedServiceExport");
        try {
            checkComponentName("FederatedServiceExport", name);
            const resource = `FederatedServiceExport "${name}"`;
            checkArgumentNames(resource, args, ["service"]);
            const service = checkTarget(resource, "service", args.service, "Service");
            if (service.objectName === undefined) throw new FederationError({ resource, field: "service" }, "the service's name must be known at plan time");
            service.federation.claimNames(
                undefined,
                service.clusters.map((cluster) => ({ key: `object:ServiceExport::${service.objectNamespace ?? ""}/${service.objectName}@${cluster}`, cluster })),
                resource,
            );
            super("federation:index:FederatedServiceExport", name, {}, opts);
            let resources: Record<string, k8s.apiextensions.CustomResource> = {};
            // In this component's turn, as the federated objects' (see registrationTurns.ts).
            const queued = queueRegistration(service.clusters.length, () => {
                resources = Object.fromEntries(
                    service.clusters.map((cluster) => [
                        cluster,
                        new k8s.apiextensions.CustomResource(
                            `${name}-${cluster}`,
                            {
                                apiVersion: "multicluster.x-k8s.io/v1alpha1",
                                kind: "ServiceExport",
                                metadata: { name: service.objectName, ...(service.objectNamespace ? { namespace: service.objectNamespace } : {}) },
                            },
                            { parent: this, provider: service.federation.members[cluster].provider, dependsOn: [service.resources[cluster]], deleteBeforeReplace: service.federation.members[cluster].renders || undefined },
                        ),
                    ]),
                );
            });
            this.exports = () => {
                queued.now();
                return resources;
            };
            this.registerOutputs(queued.registered.then(() => ({ clusters: service.clusters })));
        } catch (error) {
            throw failedConstruction(error, site);
        }
    }
}

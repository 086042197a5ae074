import { constructionSite, failedConstruction } from "./callSite";
import * as pulumi from "@pulumi/pulumi";
import { FederationError } from "../errors";
import { describeType } from "../planning/names";
import { Federation, childTypeChain } from "./federation";
import { FederatedNamespace } from "./federatedNamespace";
import { FederatedObject } from "./federatedObject";
import { FederatedResource } from "./federatedResource";
import { typedFederatedClassFor } from "./typed";
import { checkManifestsForKarmada } from "../karmada/manifests";
import { karmadaObjectClaims } from "./karmadaRegistration";
import { ManifestResource, SchedulingPreferenceDocument, documentLabel } from "../manifests/kubefed";
import { ManifestDocument, checkManifestDocuments, checkPathList, loadFederationManifests } from "../manifests/load";
import { checkArgumentNames, checkComponentName } from "../planning/arguments";
import { FederationPlan, planFederation } from "../manifests/plan";
import { resourceClassFor } from "./kindRegistry";
import { checkFieldValidation } from "../planning/unknownFields";

/** Arguments of {@link FederatedManifests}: the federation, and the manifests as exactly one of `files`, `yaml` or `documents`. */
export interface FederatedManifestsArgs {
    /** The federation whose members the manifests' objects are placed on. */
    federation: Federation;
    /** Manifest files or folders (every .yaml, .yml or .json file in a folder). */
    files?: string | string[];
    /** Manifest YAML text (multi-document). */
    yaml?: string;
    /** Documents already loaded with `loadFederationManifests`. */
    documents?: ManifestDocument[];
    /**
     * Unknown fields inside the templates of built-in kinds: `"Strict"` (the default) is an
     * error naming file, document, line and field; `"Ignore"` lets them through.
     */
    fieldValidation?: "Strict" | "Ignore";
}

/**
 * KubeFed-style manifests registered as this library's components: each FederatedNamespace as a
 * `FederatedNamespace`, each `Federated<Kind>` as the typed component for its kind (or
 * `FederatedResource`), named by `metadata.name`. The per-cluster objects are exactly those a
 * TypeScript program declaring the same components would get. Every document is planned before
 * anything is registered, so one bad document registers nothing at all.
 */
export class FederatedManifests extends pulumi.ComponentResource {
    /** The federated namespaces, by namespace name. */
    readonly namespaces: Readonly<Record<string, FederatedNamespace>>;
    /** Every federated component, keyed `<FederatedKind>/<namespace>/<name>` (no namespace part for cluster-scoped ones). */
    readonly components: Readonly<Record<string, FederatedObject>>;
    /** ReplicaSchedulingPreference documents (each schedules the FederatedDeployment of its name). */
    readonly schedulingPreferences: readonly SchedulingPreferenceDocument[];
    /** For each federated object, the clusters it landed in. */
    readonly placements: pulumi.Output<Record<string, string[]>>;

    /**
     * Reads and plans every document (a bad one is a FederationError naming file, document, line
     * and field) and checks every component's names before registering anything.
     *
     * @param name The Pulumi name of this component (the components it makes are named by `metadata.name`).
     * @param args The federation and the manifests.
     * @param opts Pulumi resource options for the component.
     */
    constructor(name: string, args: FederatedManifestsArgs, opts?: pulumi.ComponentResourceOptions) {
        const site = constructionSite("FederatedManifests");
        try {
            checkComponentName("FederatedManifests", name);
            checkArgumentNames(`FederatedManifests "${name}"`, args, ["federation", "files", "yaml", "documents", "fieldValidation"]);
            if (!(args?.federation instanceof Federation)) {
                throw new FederationError({ resource: `FederatedManifests "${name}"`, field: "federation" }, `must be a Federation, got ${describeType(args?.federation)}`);
            }
            checkFieldValidation(args.fieldValidation, { resource: `FederatedManifests "${name}"` });
            const documents = documentsOf(name, args);
            const plan = planFederation(documents, args.federation.plannerMembers(), {
                validateSchema: true,
                fieldValidation: args.fieldValidation,
                policies: args.federation.policies,
                declared: args.federation.federatedObjects(),
                oldestKubernetes: `1.${args.federation.oldestKubernetesMinor}`,
            });
            const resources = plan.planned.map((entry) => entry.resource);
            checkComponentNames(resources);
            checkChildNamesFree(args.federation, plan.planned, opts?.parent);
            if (args.federation.karmada !== undefined) {
                for (const [label, objects] of checkManifestsForKarmada(plan, documents, args.federation.karmada.options)) {
                    args.federation.checkNamesFree("", karmadaObjectClaims(objects), label);
                }
            }
            super("federation:index:FederatedManifests", name, {}, opts);

            const namespaces: Record<string, FederatedNamespace> = {};
            const components: Record<string, FederatedObject> = {};
            for (const resource of resources) {
                // Manifest overrides were validated by planFederation; their patches are untyped YAML.
                const common = {
                    federation: args.federation,
                    template: resource.template,
                    placement: resource.placement,
                    overrides: resource.overrides as any[] | undefined,
                    orphan: resource.orphan,
                    fieldValidation: args.fieldValidation,
                    ...(resource.retainReplicas === undefined ? {} : { retainReplicas: resource.retainReplicas }),
                    ...(resource.rollout === undefined ? {} : { rollout: resource.rollout }),
                };
                let component: FederatedObject;
                if (resource.federatedKind === "FederatedNamespace") {
                    component = namespaces[resource.name] = new FederatedNamespace(resource.name, common, { parent: this });
                } else {
                    const namespace = resource.namespace === undefined ? undefined : namespaces[resource.namespace] ?? resource.namespace;
                    const typed = typedFederatedClassFor(resource.target.apiVersion, resource.target.kind);
                    const scheduling = resource.scheduling;
                    component = typed
                        ? new typed(resource.name, { ...common, namespace, ...(scheduling ? { scheduling } : {}) }, { parent: this })
                        : new FederatedResource(
                              resource.name,
                              { ...common, namespace, scheduling, apiVersion: resource.target.apiVersion, kind: resource.target.kind, clusterScoped: resource.target.clusterScoped },
                              { parent: this },
                          );
                }
                components[componentKey(resource)] = component;
            }
            this.namespaces = namespaces;
            this.components = components;
            this.schedulingPreferences = plan.schedulingPreferences;
            for (const { document, reason, warning } of plan.ignored) {
                if (document.object.kind === "ReplicaSchedulingPreference") pulumi.log.warn(`${documentLabel(document)}: ReplicaSchedulingPreference has no effect: ${reason}`, this);
                else if (warning) pulumi.log.warn(`${documentLabel(document)}: ${reason}`, this);
            }
            this.placements = pulumi.output(Object.fromEntries(Object.entries(components).map(([key, component]) => [key, [...component.clusters]])));
            this.registerOutputs({ placements: this.placements });
        } catch (error) {
            throw failedConstruction(error, site);
        }
    }
}

export function componentKey(resource: ManifestResource): string {
    return [resource.federatedKind, resource.namespace, resource.name].filter((part) => part !== undefined).join("/");
}

function documentsOf(name: string, args: FederatedManifestsArgs): ManifestDocument[] {
    const given = [args.files, args.yaml, args.documents].filter((value) => value !== undefined).length;
    if (given !== 1) {
        throw new FederationError({ resource: `FederatedManifests "${name}"` }, "give exactly one of files, yaml and documents");
    }
    const resource = `FederatedManifests "${name}"`;
    if (args.documents !== undefined) {
        checkManifestDocuments(args.documents, resource);
        return args.documents;
    }
    if (args.yaml !== undefined) {
        if (typeof args.yaml !== "string") throw new FederationError({ resource, field: "yaml" }, `must be YAML text, got ${describeType(args.yaml)}`);
        return loadFederationManifests(args.yaml, `${resource} yaml`);
    }
    const files = typeof args.files === "string" ? [args.files] : args.files;
    checkPathList(files, resource, "files");
    return loadFederationManifests(files);
}

/** The component class a manifest resource becomes: kinds without a typed one are all FederatedResource. */
function componentTypeOf(resource: ManifestResource): string {
    return resource.federatedKind === "FederatedNamespace" || typedFederatedClassFor(resource.target.apiVersion, resource.target.kind)
        ? resource.federatedKind
        : "FederatedResource";
}

/**
 * The Pulumi names the components will take, checked against every name the federation has
 * given out under the same URN type chain (another FederatedManifests's children included)
 * before this component registers anything; each component reserves its own as it registers.
 */
function checkChildNamesFree(federation: Federation, planned: FederationPlan["planned"], parent: pulumi.Resource | undefined): void {
    const chain = childTypeChain(parent, "federation:index:FederatedManifests");
    for (const { resource, clusters } of planned) {
        const type = `federation:index:${componentTypeOf(resource)}`;
        const childType = (resourceClassFor(resource.target.apiVersion, resource.target.kind) as { __pulumiType?: string }).__pulumiType
            ?? `kubernetes:${resource.target.apiVersion}:${resource.target.kind}`;
        federation.checkNamesFree(chain, [
            { key: `${type}::${resource.name}`, what: `the name "${resource.name}"` },
            ...(federation.karmada !== undefined
                // Karmada mode: the template and its policy, under the component's name.
                ? clusters.length === 0 ? [] : [childType, `kubernetes:policy.karmada.io/v1alpha1:${resource.target.clusterScoped ? "Cluster" : ""}PropagationPolicy`].map((child) => ({ key: `${type}$${child}::${resource.name}`, what: `the name "${resource.name}" on Karmada` }))
                : clusters.map((cluster) => ({ key: `${type}$${childType}::${resource.name}-${cluster}`, cluster, what: `the per-cluster resource name "${resource.name}-${cluster}"` }))),
        ], resource.label);
    }
}

/**
 * Components are named by metadata.name, as a TypeScript user would name them; two objects of
 * one federated kind in different namespaces would share a Pulumi name.
 */
function checkComponentNames(resources: readonly ManifestResource[]): void {
    const seen = new Map<string, ManifestResource>();
    for (const resource of resources) {
        const componentType = componentTypeOf(resource);
        const key = `${componentType}/${resource.name}`;
        const earlier = seen.get(key);
        if (earlier) {
            throw new FederationError(
                { resource: resource.label, field: "metadata.name" },
                `${earlier.label} would be a component of the same type and name (components are named by metadata.name); declare one of them with a typed component under another name, with the object's name in template.metadata.name`,
            );
        }
        seen.set(key, resource);
    }
}

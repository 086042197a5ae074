/**
 * pulumi-federation: Kubernetes federation as typed Pulumi components.
 *
 * The public API, exported by name (what the API reference documents and nothing else):
 * - the components, which register resources: {@link Federation}, {@link MemberCluster},
 *   {@link FederatedNamespace}, {@link FederatedResource}, the typed `Federated<Kind>` classes,
 *   {@link FederatedManifests} for KubeFed YAML, and the DNS components;
 * - the pure planning functions (no Pulumi involved), each checking its arguments first:
 *   {@link computePlacement}, {@link matchesSelector}, {@link applyOverrides},
 *   {@link applyMergePatch}, {@link planResource}, {@link planReplicas}, {@link planFederation}, ...;
 * - the types of their arguments and results, and {@link FederationError}.
 *
 * docs/architecture.md explains how the folders under components/ depend on each other.
 *
 * @packageDocumentation
 */

export { FederationError, FederationErrorLocation, SourcePosition } from "./errors";

// The federation and its members.
export { Federation, FederationArgs } from "./resources/federation";
export { HealthArgs } from "./health/settings";
export { MemberCluster, MemberClusterArgs, MemberState, MemberSummary } from "./resources/memberCluster";
export { Known, MemberProviderOptions, OverrideEntryFor, PatchOf } from "./resources/types";

// Federated components.
export { FederatedArgsBase, FederatedNamespaceRef, NamespacedArgs, ScalableArgs } from "./resources/federatedArgs";
export { FederatedObject } from "./resources/federatedObject";
export { FederatedNamespace, FederatedNamespaceArgs } from "./resources/federatedNamespace";
export { FederatedResource, FederatedResourceArgs, KubernetesObjectTemplate } from "./resources/federatedResource";
export { KubernetesResourceClass } from "./resources/kindRegistry";
export {
    FederatedClusterRole, FederatedClusterRoleArgs, FederatedClusterRoleBinding, FederatedClusterRoleBindingArgs,
    FederatedConfigMap, FederatedConfigMapArgs, FederatedDaemonSet, FederatedDaemonSetArgs,
    FederatedDeployment, FederatedDeploymentArgs, FederatedIngress, FederatedIngressArgs,
    FederatedJob, FederatedJobArgs, FederatedSecret, FederatedSecretArgs,
    FederatedService, FederatedServiceArgs, FederatedServiceAccount, FederatedServiceAccountArgs,
    FederatedStatefulSet, FederatedStatefulSetArgs, NamespacedTypedArgs, TypedFederatedArgs,
    TypedFederatedClass, typedFederatedClassFor,
} from "./resources/typed";

// Placement, overrides and the per-cluster plan.
export { ApplyOverridesOptions, ClusterOverride, OverrideOperation, PROTECTED_PATHS } from "./planning/overrides";
export { Defer } from "./planning/opaque";
export { GroupVersion } from "./planning/kinds";
export { OverrideEntry } from "./planning/overrideEntries";
export { LabelSelector, LabelSelectorRequirement, Labels, SelectorOperator } from "./planning/selector";
export { Placement, PlacementGroup, PlacementOptions, PlacementResult } from "./planning/placement";
export { RolloutArgs, RolloutBatch, RolloutStage } from "./planning/rollout";
export { Member, MemberInfo } from "./planning/members";
export { ClusterObject, ResourcePlan, ResourcePlanInput } from "./planning/resourcePlan";
export { FieldValidation } from "./planning/unknownFields";
export { KUBERNETES_FIELDS_RELEASE } from "./planning/kubernetesFields";

// KubeFed manifests.
export { FederatedManifests, FederatedManifestsArgs } from "./resources/federatedManifests";
export { ManifestDocument, loadFederationManifests, manifestFiles } from "./manifests/load";
export { InterpretedManifests, ManifestResource, SchedulingPreferenceDocument, interpretManifests } from "./manifests/kubefed";
export { TargetType } from "./manifests/typeConfig";
export { FederationPlan, PlanFederationOptions, PlannedManifest, planFederation } from "./manifests/plan";

// Higher-level APIs: scheduling, spread and failover, policy, dependencies, status, overriders.
export { ClusterReplicaPreference, PlanReplicasOptions, ReplicaPlan, ReplicaSchedulingPreference } from "./planning/replicas";
export { ClusterAffinity, StaticClusterWeight } from "./planning/karmadaScheduling";
export { Scheduling } from "./planning/scheduling";
export { SpreadConstraint, SpreadResult } from "./planning/spread";
export { PlacementPolicy, PolicyMatch, PolicySubject } from "./planning/policy";
export { ObjectReference, ReferencedKind } from "./planning/references";
export { DeclaredObject } from "./planning/dependencies";
export { ClusterStatus, FederatedStatus } from "./planning/status";
export {
    CommandArgsOverrider, FieldOverrider, FieldPatchOperation, ImageOverrider, LabelAnnotationOverrider,
    ImageComponent, OverriderOperator, Overriders, PlaintextOverrider,
} from "./planning/overriderTypes";
export { ImageReference } from "./planning/imageReference";
export { OverridersPlan } from "./planning/overriders";

// Karmada mode: the same federation, propagated by a Karmada control plane.
export { KarmadaControlPlane, KarmadaPropagationArgs, PropagationArgs } from "./resources/karmadaControlPlane";
export { KarmadaResources } from "./resources/karmadaRegistration";
export { KarmadaModeOptions } from "./karmada/arguments";
export { KarmadaClusterStatus } from "./karmada/bindingStatus";

// Cross-cluster discovery.
export { IngressDNSRecord, IngressDNSRecordArgs, ServiceDNSRecord, ServiceDNSRecordArgs } from "./resources/dns";
export { FederatedServiceExport, FederatedServiceExportArgs } from "./resources/serviceExport";
export { ClusterAddresses, DnsNameInput, DnsRecord, DnsRecordType, HostnameRecords, RecordOptions, ServiceDnsInput } from "./planning/dns";

// The pure functions, in their argument-checking public form.
export {
    aggregateStatus, applyMergePatch, applyOverrides, applySpreadConstraints, checkDependencies,
    checkPolicies, clusterStatus, computePlacement, dnsEndpointSpec, fnv1Hash32, formatImageReference,
    ingressDnsRecords, intersectPlacement, isClusterScopedKind, isDns1123Label, isDns1123Subdomain,
    matchesSelector, membersWithKubeFedClusters, overrideOrderFor, overridersToOperations,
    parseApiVersion, parseImageReference, planReplicas, planResource, policyApplies, resolvePlacement,
    resourceClassFor, rolloutBatches, selectClusters, serviceDnsNames, serviceDnsRecords, validateClusterOverrides,
    validateDnsNaming, validateMembers, validateOverrideEntries, validateOverriders,
    validateReplicaPreference, validateSelector, workloadReferences,
} from "./resources/publicFunctions";

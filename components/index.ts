/**
 * pulumi-federation: Kubernetes federation as typed Pulumi components.
 *
 * Components (register resources): Federation, MemberCluster, FederatedNamespace,
 * FederatedResource and the typed Federated<Kind> classes.
 * Pure planning functions (no Pulumi involved): computePlacement, matchesSelector,
 * applyOverrides, applyMergePatch, planResource, and their validators.
 */
export { FederationError, FederationErrorLocation } from "./errors";
export * from "./federation";
export { FederatedArgsBase, FederatedNamespaceRef, FederatedObject, NamespacedArgs } from "./federatedObject";
export * from "./federatedNamespace";
export * from "./federatedResource";
export * from "./typed";
export * from "./types";

export { ClusterOverride, OverrideOperation, PROTECTED_PATHS } from "./planning/overrides";
export { OverrideEntry } from "./planning/overrideEntries";
export { LabelSelector, LabelSelectorRequirement, Labels, SelectorOperator } from "./planning/selector";
export { Placement } from "./planning/placement";
export { Member, MemberInfo } from "./planning/members";
export { ClusterObject, ResourcePlan, ResourcePlanInput } from "./planning/resourcePlan";

export { FederatedManifests, FederatedManifestsArgs } from "./federatedManifests";
export { typedFederatedClassFor } from "./typed";
export { ManifestDocument, loadFederationManifests, manifestFiles } from "./manifests/load";
export { InterpretedManifests, ManifestResource, SchedulingPreferenceDocument, TargetType, interpretManifests } from "./manifests/kubefed";
export { FederationPlan, PlannedManifest, planFederation } from "./manifests/plan";

// Higher-level APIs: scheduling, spread and failover, policy, dependencies, status.
export { ClusterReplicaPreference, PlanReplicasOptions, ReplicaPlan, ReplicaSchedulingPreference } from "./planning/replicas";
export { ClusterAffinity, Scheduling, StaticClusterWeight } from "./planning/scheduling";
export { FieldValidation } from "./planning/unknownFields";
export { KUBERNETES_FIELDS_RELEASE } from "./planning/kubernetesFields";
export { SourcePosition } from "./errors";
export { SpreadConstraint } from "./planning/spread";
export { PlacementGroup, PlacementOptions, PlacementResult } from "./planning/placement";
export { PlacementPolicy, PolicyMatch, PolicySubject } from "./planning/policy";
export { ObjectReference } from "./planning/references";
export { DeclaredObject } from "./planning/dependencies";
export { ClusterStatus, FederatedStatus } from "./planning/status";
export { ScalableArgs } from "./federatedObject";
export { CommandArgsOverrider, FieldOverrider, FieldPatchOperation, ImageOverrider, LabelAnnotationOverrider, OverriderOperator, Overriders, OverridersPlan, PlaintextOverrider } from "./planning/overriders";

// Karmada mode: the same federation, propagated by a Karmada control plane.
export { KarmadaControlPlane, KarmadaPropagationArgs, PropagationArgs } from "./karmadaControlPlane";
export { KarmadaResources } from "./karmadaRegistration";
export { KarmadaModeOptions } from "./karmada/arguments";
export { KarmadaClusterStatus } from "./karmada/bindingStatus";

// Cross-cluster discovery.
export * from "./dns";
export { ClusterAddresses, DnsRecord, DnsRecordType, ServiceDnsInput } from "./planning/dns";

// The pure functions, in their argument-checking public form.
export * from "./publicFunctions";

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
export { resourceClassFor } from "./kindRegistry";

export { ClusterOverride, OverrideOperation, PROTECTED_PATHS, applyOverrides, validateClusterOverrides } from "./planning/overrides";
export { applyMergePatch } from "./planning/mergePatch";
export { OverrideEntry, overrideOrderFor, validateOverrideEntries } from "./planning/overrideEntries";
export { LabelSelector, LabelSelectorRequirement, Labels, SelectorOperator, matchesSelector, validateSelector } from "./planning/selector";
export { Placement, computePlacement, intersectPlacement } from "./planning/placement";
export { Member, MemberInfo, validateMembers } from "./planning/members";
export { isClusterScopedKind, parseApiVersion } from "./planning/kinds";
export { isDns1123Label, isDns1123Subdomain } from "./planning/names";
export { ClusterObject, ResourcePlan, ResourcePlanInput, planResource } from "./planning/resourcePlan";

export { FederatedManifests, FederatedManifestsArgs } from "./federatedManifests";
export { typedFederatedClassFor } from "./typed";
export { ManifestDocument, loadFederationManifests, manifestFiles } from "./manifests/load";
export { InterpretedManifests, ManifestResource, SchedulingPreferenceDocument, TargetType, interpretManifests, membersWithKubeFedClusters } from "./manifests/kubefed";
export { FederationPlan, PlannedManifest, planFederation } from "./manifests/plan";

// Higher-level APIs: scheduling, spread and failover, policy, dependencies, status.
export { ClusterReplicaPreference, PlanReplicasOptions, ReplicaPlan, ReplicaSchedulingPreference, fnv1Hash32, planReplicas, validateReplicaPreference } from "./planning/replicas";
export { Scheduling, StaticClusterWeight } from "./planning/scheduling";
export { SpreadConstraint, applySpreadConstraints } from "./planning/spread";
export { PlacementGroup, PlacementOptions, PlacementResult, resolvePlacement, selectClusters } from "./planning/placement";
export { PlacementPolicy, PolicyMatch, PolicySubject, checkPolicies, policyApplies } from "./planning/policy";
export { ObjectReference, workloadReferences } from "./planning/references";
export { DeclaredObject, checkDependencies } from "./planning/dependencies";
export { ClusterStatus, FederatedStatus, aggregateStatus, clusterStatus } from "./planning/status";
export { ScalableArgs } from "./federatedObject";
export { CommandArgsOverrider, ImageOverrider, LabelAnnotationOverrider, OverriderOperator, Overriders, formatImageReference, overridersToOperations, parseImageReference, validateOverriders } from "./planning/overriders";

// Cross-cluster discovery.
export * from "./dns";
export { ClusterAddresses, DnsRecord, DnsRecordType, ServiceDnsInput, dnsEndpointSpec, ingressDnsRecords, serviceDnsNames, serviceDnsRecords, validateDnsNaming } from "./planning/dns";

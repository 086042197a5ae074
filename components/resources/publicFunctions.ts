/**
 * The public forms of the pure functions: each checks its arguments' shapes first
 * (withCheckedArguments), so that a wrong argument is a FederationError naming the function and the
 * parameter. Inside the library the unchecked functions are called directly.
 */
import { withCheckedArguments as checked } from "../planning/arguments";
import { resourceClassFor as resourceClassForUnchecked } from "./kindRegistry";
import { applyOverrides as applyOverridesUnchecked, validateClusterOverrides as validateClusterOverridesUnchecked } from "../planning/overrides";
import { applyMergePatch as applyMergePatchUnchecked } from "../planning/mergePatch";
import { overrideOrderFor as overrideOrderForUnchecked, validateOverrideEntries as validateOverrideEntriesUnchecked } from "../planning/overrideEntries";
import { matchesSelector as matchesSelectorUnchecked, validateSelector as validateSelectorUnchecked } from "../planning/selector";
import { computePlacement as computePlacementUnchecked, intersectPlacement as intersectPlacementUnchecked, resolvePlacement as resolvePlacementUnchecked, selectClusters as selectClustersUnchecked } from "../planning/placement";
import { validateMembers as validateMembersUnchecked } from "../planning/members";
import { isClusterScopedKind as isClusterScopedKindUnchecked, parseApiVersion as parseApiVersionUnchecked } from "../planning/kinds";
import { isDns1123Label as isDns1123LabelUnchecked, isDns1123Subdomain as isDns1123SubdomainUnchecked } from "../planning/names";
import { planResource as planResourceUnchecked } from "../planning/resourcePlan";
import { membersWithKubeFedClusters as membersWithKubeFedClustersUnchecked } from "../manifests/kubefed";
import { fnv1Hash32 as fnv1Hash32Unchecked, planReplicas as planReplicasUnchecked, validateReplicaPreference as validateReplicaPreferenceUnchecked } from "../planning/replicas";
import { applySpreadConstraints as applySpreadConstraintsUnchecked } from "../planning/spread";
import { checkPolicies as checkPoliciesUnchecked, policyApplies as policyAppliesUnchecked } from "../planning/policy";
import { workloadReferences as workloadReferencesUnchecked } from "../planning/references";
import { checkDependencies as checkDependenciesUnchecked } from "../planning/dependencies";
import { aggregateStatus as aggregateStatusUnchecked, clusterStatus as clusterStatusUnchecked } from "../planning/status";
import { formatImageReference as formatImageReferenceUnchecked, overridersToOperations as overridersToOperationsUnchecked, parseImageReference as parseImageReferenceUnchecked, validateOverriders as validateOverridersUnchecked } from "../planning/overriders";
import { dnsEndpointSpec as dnsEndpointSpecUnchecked, ingressDnsRecords as ingressDnsRecordsUnchecked, serviceDnsNames as serviceDnsNamesUnchecked, serviceDnsRecords as serviceDnsRecordsUnchecked, validateDnsNaming as validateDnsNamingUnchecked } from "../planning/dns";

export const resourceClassFor: typeof resourceClassForUnchecked = checked("resourceClassFor", ["apiVersion: string", "kind: string"], resourceClassForUnchecked);
export const applyOverrides: typeof applyOverridesUnchecked = checked("applyOverrides", ["object: object|array", "clusterOverrides: array", "options: object?"], applyOverridesUnchecked);
export const validateClusterOverrides: typeof validateClusterOverridesUnchecked = checked("validateClusterOverrides", ["clusterOverrides: any", "location: object?"], validateClusterOverridesUnchecked);
export const applyMergePatch: typeof applyMergePatchUnchecked = checked("applyMergePatch", ["target: any", "patch: any", "defer: any?"], applyMergePatchUnchecked);
export const overrideOrderFor: typeof overrideOrderForUnchecked = checked("overrideOrderFor", ["entries: array?", "member: object"], overrideOrderForUnchecked);
export const validateOverrideEntries: typeof validateOverrideEntriesUnchecked = checked("validateOverrideEntries", ["entries: any", "members: array", "location: object?"], validateOverrideEntriesUnchecked);
export const matchesSelector: typeof matchesSelectorUnchecked = checked("matchesSelector", ["selector: object", "labels: object?"], matchesSelectorUnchecked);
export const computePlacement: typeof computePlacementUnchecked = checked("computePlacement", ["placement: object?", "members: array", "options: object?"], computePlacementUnchecked);
export const intersectPlacement: typeof intersectPlacementUnchecked = checked("intersectPlacement", ["placed: array", "allowed: array"], intersectPlacementUnchecked);
export const resolvePlacement: typeof resolvePlacementUnchecked = checked("resolvePlacement", ["placement: object?", "members: array", "options: object?"], resolvePlacementUnchecked);
export const selectClusters: typeof selectClustersUnchecked = checked("selectClusters", ["placement: object", "members: array"], selectClustersUnchecked);
export const validateMembers: typeof validateMembersUnchecked = checked("validateMembers", ["members: any", "owner: string", "listField: string?", "fields: array?"], validateMembersUnchecked);
export const isClusterScopedKind: typeof isClusterScopedKindUnchecked = checked("isClusterScopedKind", ["apiVersion: string", "kind: string"], isClusterScopedKindUnchecked);
export const parseApiVersion: typeof parseApiVersionUnchecked = checked("parseApiVersion", ["apiVersion: string"], parseApiVersionUnchecked);
export const isDns1123Label: typeof isDns1123LabelUnchecked = checked("isDns1123Label", ["value: string"], isDns1123LabelUnchecked);
export const isDns1123Subdomain: typeof isDns1123SubdomainUnchecked = checked("isDns1123Subdomain", ["value: string"], isDns1123SubdomainUnchecked);
export const planResource: typeof planResourceUnchecked = checked("planResource", ["input: object"], planResourceUnchecked);
export const membersWithKubeFedClusters: typeof membersWithKubeFedClustersUnchecked = checked("membersWithKubeFedClusters", ["configured: array", "joined: array"], membersWithKubeFedClustersUnchecked);
export const fnv1Hash32: typeof fnv1Hash32Unchecked = checked("fnv1Hash32", ["text: string"], fnv1Hash32Unchecked);
export const planReplicas: typeof planReplicasUnchecked = checked("planReplicas", ["preference: any", "availableClusters: array", "options: object?"], planReplicasUnchecked);
export const validateReplicaPreference: typeof validateReplicaPreferenceUnchecked = checked("validateReplicaPreference", ["preference: any", "location: object?"], validateReplicaPreferenceUnchecked);
export const applySpreadConstraints: typeof applySpreadConstraintsUnchecked = checked("applySpreadConstraints", ["clusters: array", "members: array", "constraints: array"], applySpreadConstraintsUnchecked);
export const checkPolicies: typeof checkPoliciesUnchecked = checked("checkPolicies", ["policies: array", "subject: object", "clusters: array", "members: array", "location: object?"], checkPoliciesUnchecked);
export const policyApplies: typeof policyAppliesUnchecked = checked("policyApplies", ["policy: object", "subject: object"], policyAppliesUnchecked);
export const workloadReferences: typeof workloadReferencesUnchecked = checked("workloadReferences", ["kind: string", "template: any", "apiVersion: string?"], workloadReferencesUnchecked);
export const checkDependencies: typeof checkDependenciesUnchecked = checked("checkDependencies", ["subject: object", "declared: array", "location: object?"], checkDependenciesUnchecked);
export const aggregateStatus: typeof aggregateStatusUnchecked = checked("aggregateStatus", ["clusters: object"], aggregateStatusUnchecked);
export const clusterStatus: typeof clusterStatusUnchecked = checked("clusterStatus", ["kind: string", "spec: any", "status: any"], clusterStatusUnchecked);
export const formatImageReference: typeof formatImageReferenceUnchecked = checked("formatImageReference", ["reference: object"], formatImageReferenceUnchecked);
export const overridersToOperations: typeof overridersToOperationsUnchecked = checked("overridersToOperations", ["object: object", "overriders: any", "location: object?"], overridersToOperationsUnchecked);
export const parseImageReference: typeof parseImageReferenceUnchecked = checked("parseImageReference", ["reference: string"], parseImageReferenceUnchecked);
export const validateOverriders: typeof validateOverridersUnchecked = checked("validateOverriders", ["overriders: any", "location: object?"], validateOverridersUnchecked);
export const dnsEndpointSpec: typeof dnsEndpointSpecUnchecked = checked("dnsEndpointSpec", ["records: array", "options: object?"], dnsEndpointSpecUnchecked);
export const ingressDnsRecords: typeof ingressDnsRecordsUnchecked = checked("ingressDnsRecords", ["hosts: array", "addresses: array", "options: object?"], ingressDnsRecordsUnchecked);
export const serviceDnsNames: typeof serviceDnsNamesUnchecked = checked("serviceDnsNames", ["input: object", "members: array", "clusters: array", "location: object?"], serviceDnsNamesUnchecked);
export const serviceDnsRecords: typeof serviceDnsRecordsUnchecked = checked("serviceDnsRecords", ["input: object", "members: array", "addresses: array", "alsoNamed: array?"], serviceDnsRecordsUnchecked);
export const validateDnsNaming: typeof validateDnsNamingUnchecked = checked("validateDnsNaming", ["input: object", "location: object?"], validateDnsNamingUnchecked);
export const validateSelector: typeof validateSelectorUnchecked = checked("validateSelector", ["selector: any"], validateSelectorUnchecked);

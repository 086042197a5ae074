/**
 * The public forms of the pure functions: each checks its arguments' shapes first
 * (withCheckedArguments), so that a wrong argument is a FederationError naming the function and the
 * parameter. Inside the library the unchecked functions are called directly.
 *
 * Each is tagged `@function` so that the API reference (TypeDoc) shows it as the function it is,
 * with the doc comment of the unchecked function it wraps: document a function there.
 */
import { withCheckedArguments as checked } from "../planning/arguments";
import { resourceClassFor as resourceClassForUnchecked } from "./kindRegistry";
import { applyOverrides as applyOverridesUnchecked, validateClusterOverrides as validateClusterOverridesUnchecked } from "../planning/overrides";
import { applyMergePatch as applyMergePatchUnchecked } from "../planning/mergePatch";
import { overrideOrderFor as overrideOrderForUnchecked, validateOverrideEntries as validateOverrideEntriesUnchecked } from "../planning/overrideEntries";
import { matchesSelector as matchesSelectorUnchecked, validateSelector as validateSelectorUnchecked } from "../planning/selector";
import { RolloutArgs, RolloutBatch, rolloutBatches as rolloutBatchesUnchecked, validateRollout } from "../planning/rollout";
import { FederationError } from "../errors";
import { describeType } from "../planning/names";
import { computePlacement as computePlacementUnchecked, intersectPlacement as intersectPlacementUnchecked, resolvePlacement as resolvePlacementUnchecked, selectClusters as selectClustersUnchecked } from "../planning/placement";
import { Member, MemberInfo, validateMembers as validateMembersUnchecked } from "../planning/members";
import { isClusterScopedKind as isClusterScopedKindUnchecked, parseApiVersion as parseApiVersionUnchecked } from "../planning/kinds";
import { isDns1123Label as isDns1123LabelUnchecked, isDns1123Subdomain as isDns1123SubdomainUnchecked } from "../planning/names";
import { planResource as planResourceUnchecked } from "../planning/resourcePlan";
import { membersWithKubeFedClusters as membersWithKubeFedClustersUnchecked } from "../manifests/kubefed";
import { fnv1Hash32 as fnv1Hash32Unchecked, planReplicas as planReplicasUnchecked, validateReplicaPreference as validateReplicaPreferenceUnchecked } from "../planning/replicas";
import { applySpreadConstraints as applySpreadConstraintsUnchecked } from "../planning/spread";
import { checkPolicies as checkPoliciesUnchecked, policyApplies as policyAppliesUnchecked } from "../planning/policy";
import { workloadReferences as workloadReferencesUnchecked } from "../planning/references";
import { DeclaredObject, checkDependencies as checkDependenciesUnchecked } from "../planning/dependencies";
import { FederationErrorLocation } from "../errors";
import { aggregateStatus as aggregateStatusUnchecked, clusterStatus as clusterStatusUnchecked } from "../planning/status";
import { formatImageReference as formatImageReferenceUnchecked, overridersToOperations as overridersToOperationsUnchecked, parseImageReference as parseImageReferenceUnchecked, validateOverriders as validateOverridersUnchecked } from "../planning/overriders";
import { dnsEndpointSpec as dnsEndpointSpecUnchecked, ingressDnsRecords as ingressDnsRecordsUnchecked, serviceDnsNames as serviceDnsNamesUnchecked, serviceDnsRecords as serviceDnsRecordsUnchecked, validateDnsNaming as validateDnsNamingUnchecked } from "../planning/dns";

/** @function */
export const resourceClassFor: typeof resourceClassForUnchecked = checked("resourceClassFor", ["apiVersion: string", "kind: string"], resourceClassForUnchecked);
/** @function */
export const applyOverrides: typeof applyOverridesUnchecked = checked("applyOverrides", ["object: object|array", "clusterOverrides: array", "options: object?"], applyOverridesUnchecked);
/** @function */
export const validateClusterOverrides: typeof validateClusterOverridesUnchecked = checked("validateClusterOverrides", ["clusterOverrides: any", "location: object?"], validateClusterOverridesUnchecked);
/** @function */
export const applyMergePatch: typeof applyMergePatchUnchecked = checked("applyMergePatch", ["target: any", "patch: any", "defer: any?"], applyMergePatchUnchecked);
/** @function */
export const overrideOrderFor: typeof overrideOrderForUnchecked = checked("overrideOrderFor", ["entries: array?", "member: object"], overrideOrderForUnchecked);
/** @function */
export const validateOverrideEntries: typeof validateOverrideEntriesUnchecked = checked("validateOverrideEntries", ["entries: any", "members: array", "location: object?"], validateOverrideEntriesUnchecked);
/** @function */
export const matchesSelector: typeof matchesSelectorUnchecked = checked("matchesSelector", ["selector: object", "labels: object?"], matchesSelectorUnchecked);
/** @function */
export const computePlacement: typeof computePlacementUnchecked = checked("computePlacement", ["placement: object?", "members: array", "options: object?"], computePlacementUnchecked);
/** @function */
export const intersectPlacement: typeof intersectPlacementUnchecked = checked("intersectPlacement", ["placed: array", "allowed: array"], intersectPlacementUnchecked);
/** @function */
export const resolvePlacement: typeof resolvePlacementUnchecked = checked("resolvePlacement", ["placement: object?", "members: array", "options: object?"], resolvePlacementUnchecked);
/**
 * The batches in which an object's placed clusters are updated by a staged rollout (see
 * docs/guide/rollouts.md): the rollout and the members are checked first.
 *
 * @function
 */
export const rolloutBatches = checked("rolloutBatches", ["rollout: object", "placed: array", "members: array"], (rollout: RolloutArgs, placed: readonly string[], members: readonly Member[]): RolloutBatch[] => {
    validateMembersUnchecked(members as MemberInfo[], "rolloutBatches", "members");
    validateRollout(rollout, members);
    const names = new Set(members.map((member) => member.name));
    const seen = new Set<string>();
    for (let index = 0; index < placed.length; index++) {
        const cluster: unknown = placed[index];
        if (typeof cluster !== "string" || !names.has(cluster)) throw new FederationError({ resource: "rolloutBatches", field: `placed[${index}]` }, `must be a member's name, got ${typeof cluster === "string" ? JSON.stringify(cluster.slice(0, 80)) : describeType(cluster)}`);
        if (seen.has(cluster)) throw new FederationError({ resource: "rolloutBatches", cluster, field: `placed[${index}]` }, "is listed twice");
        seen.add(cluster);
    }
    return rolloutBatchesUnchecked(rollout, placed, members);
});
/** @function */
export const selectClusters: typeof selectClustersUnchecked = checked("selectClusters", ["placement: object", "members: array"], selectClustersUnchecked);
/** @function */
export const validateMembers: typeof validateMembersUnchecked = checked("validateMembers", ["members: any", "owner: string", "listField: string?", "fields: array?"], validateMembersUnchecked);
/** @function */
export const isClusterScopedKind: typeof isClusterScopedKindUnchecked = checked("isClusterScopedKind", ["apiVersion: string", "kind: string"], isClusterScopedKindUnchecked);
/** @function */
export const parseApiVersion: typeof parseApiVersionUnchecked = checked("parseApiVersion", ["apiVersion: string"], parseApiVersionUnchecked);
/** @function */
export const isDns1123Label: typeof isDns1123LabelUnchecked = checked("isDns1123Label", ["value: string"], isDns1123LabelUnchecked);
/** @function */
export const isDns1123Subdomain: typeof isDns1123SubdomainUnchecked = checked("isDns1123Subdomain", ["value: string"], isDns1123SubdomainUnchecked);
/** @function */
export const planResource: typeof planResourceUnchecked = checked("planResource", ["input: object"], planResourceUnchecked);
/** @function */
export const membersWithKubeFedClusters: typeof membersWithKubeFedClustersUnchecked = checked("membersWithKubeFedClusters", ["configured: array", "joined: array"], membersWithKubeFedClustersUnchecked);
/** @function */
export const fnv1Hash32: typeof fnv1Hash32Unchecked = checked("fnv1Hash32", ["text: string"], fnv1Hash32Unchecked);
/** @function */
export const planReplicas: typeof planReplicasUnchecked = checked("planReplicas", ["preference: any", "availableClusters: array", "options: object?"], planReplicasUnchecked);
/** @function */
export const validateReplicaPreference: typeof validateReplicaPreferenceUnchecked = checked("validateReplicaPreference", ["preference: any", "location: object?"], validateReplicaPreferenceUnchecked);
/** @function */
export const applySpreadConstraints: typeof applySpreadConstraintsUnchecked = checked("applySpreadConstraints", ["clusters: array", "members: array", "constraints: array"], applySpreadConstraintsUnchecked);
/** @function */
export const checkPolicies: typeof checkPoliciesUnchecked = checked("checkPolicies", ["policies: array", "subject: object", "clusters: array", "members: array", "location: object?"], checkPoliciesUnchecked);
/** @function */
export const policyApplies: typeof policyAppliesUnchecked = checked("policyApplies", ["policy: object", "subject: object"], policyAppliesUnchecked);
/** @function */
export const workloadReferences: typeof workloadReferencesUnchecked = checked("workloadReferences", ["kind: string", "template: any", "apiVersion: string?"], workloadReferencesUnchecked);
/**
 * The objects among `declared` that `subject` references (its ConfigMaps, Secrets,
 * ServiceAccounts, ...), each of which must be declared and placed wherever the subject is;
 * throws a FederationError naming the reference and the clusters it is missing from otherwise.
 * (The library's own index of declared objects is internal; the public form takes the list.)
 * @function
 */
export const checkDependencies: (subject: DeclaredObject, declared: readonly DeclaredObject[], location?: FederationErrorLocation) => DeclaredObject[] = checked("checkDependencies", ["subject: object", "declared: array", "location: object?"], checkDependenciesUnchecked);
/** @function */
export const aggregateStatus: typeof aggregateStatusUnchecked = checked("aggregateStatus", ["clusters: object"], aggregateStatusUnchecked);
/** @function */
export const clusterStatus: typeof clusterStatusUnchecked = checked("clusterStatus", ["kind: string", "spec: any", "status: any"], clusterStatusUnchecked);
/** @function */
export const formatImageReference: typeof formatImageReferenceUnchecked = checked("formatImageReference", ["reference: object"], formatImageReferenceUnchecked);
/** @function */
export const overridersToOperations: typeof overridersToOperationsUnchecked = checked("overridersToOperations", ["object: object", "overriders: any", "location: object?"], overridersToOperationsUnchecked);
/** @function */
export const parseImageReference: typeof parseImageReferenceUnchecked = checked("parseImageReference", ["reference: string"], parseImageReferenceUnchecked);
/** @function */
export const validateOverriders: typeof validateOverridersUnchecked = checked("validateOverriders", ["overriders: any", "location: object?"], validateOverridersUnchecked);
/** @function */
export const dnsEndpointSpec: typeof dnsEndpointSpecUnchecked = checked("dnsEndpointSpec", ["records: array", "options: object?"], dnsEndpointSpecUnchecked);
/** @function */
export const ingressDnsRecords: typeof ingressDnsRecordsUnchecked = checked("ingressDnsRecords", ["hosts: array", "addresses: array", "options: object?"], ingressDnsRecordsUnchecked);
/** @function */
export const serviceDnsNames: typeof serviceDnsNamesUnchecked = checked("serviceDnsNames", ["input: object", "members: array", "clusters: array", "location: object?"], serviceDnsNamesUnchecked);
/** @function */
export const serviceDnsRecords: typeof serviceDnsRecordsUnchecked = checked("serviceDnsRecords", ["input: object", "members: array", "addresses: array", "alsoNamed: array?"], serviceDnsRecordsUnchecked);
/** @function */
export const validateDnsNaming: typeof validateDnsNamingUnchecked = checked("validateDnsNaming", ["input: object", "location: object?"], validateDnsNamingUnchecked);
/** @function */
export const validateSelector: typeof validateSelectorUnchecked = checked("validateSelector", ["selector: any"], validateSelectorUnchecked);

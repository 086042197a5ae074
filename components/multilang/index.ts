/**
 * The multi-language surface: components the Pulumi package schema can describe (their classes
 * extend ComponentResource directly, their inputs are interfaces of Inputs), each constructing the
 * TypeScript component of the same name as its one child. No behaviour of their own: a program in
 * Pulumi YAML, Python, Go or C# gets the per-cluster objects the TypeScript API gives.
 */
export { Federation, FederationArgs, MemberClusterInput } from "./federation";
export { FederatedNamespace, FederatedNamespaceArgs } from "./federatedNamespace";
export { FederatedResource, FederatedResourceArgs } from "./federatedResource";
export { FederatedManifests, FederatedManifestsArgs } from "./federatedManifests";

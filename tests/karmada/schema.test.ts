/**
 * Karmada's published policy schemas (generated from its CRDs) refuse at plan time what its API
 * server would refuse, naming the federated resource and the field.
 */
import { strict as assert } from "assert";
import { FederationError } from "../../components/errors";
import { KarmadaPolicyKind, checkKarmadaSpec } from "../../components/karmada/schema";

const location = { resource: 'FederatedDeployment "web"' };
const selector = [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop" }];
const valid = { resourceSelectors: selector, placement: { clusterAffinity: { clusterNames: ["eu-1"] }, replicaScheduling: { replicaSchedulingType: "Duplicated" } } };

describe("Karmada's policy schemas", () => {
    it("accept what the mapping generates, for every kind", () => {
        checkKarmadaSpec("PropagationPolicy", valid, location);
        checkKarmadaSpec("ClusterPropagationPolicy", { ...valid, resourceSelectors: [{ apiVersion: "v1", kind: "Namespace", name: "shop" }] }, location);
        const rules = [{ targetCluster: { clusterNames: ["eu-1"] }, overriders: { plaintext: [{ operator: "replace", path: "/spec/replicas", value: 3 }, { operator: "remove", path: "/metadata/labels/x" }] } }];
        checkKarmadaSpec("OverridePolicy", { resourceSelectors: selector, overrideRules: rules }, location);
        checkKarmadaSpec("ClusterOverridePolicy", { resourceSelectors: selector, overrideRules: rules }, location);
    });

    const refused: Array<[string, KarmadaPolicyKind, unknown, string, RegExp]> = [
        ["an unknown field, with a suggestion", "PropagationPolicy", { ...valid, placement: { ...valid.placement, clusterAfinity: {} } }, "PropagationPolicy.spec.placement.clusterAfinity", /did you mean clusterAffinity\?/],
        ["a value outside an enum", "PropagationPolicy", { ...valid, placement: { replicaScheduling: { replicaSchedulingType: "Divide" } } }, "PropagationPolicy.spec.placement.replicaScheduling.replicaSchedulingType", /must be one of "Duplicated", "Divided", got "Divide"/],
        ["a wrong type", "PropagationPolicy", { ...valid, preserveResourcesOnDeletion: "yes" }, "PropagationPolicy.spec.preserveResourcesOnDeletion", /must be a boolean, got string/],
        ["a missing required field", "PropagationPolicy", { placement: {} }, "PropagationPolicy.spec", /needs resourceSelectors/],
        ["a required field of a list item", "PropagationPolicy", { resourceSelectors: [{ kind: "Deployment" }] }, "PropagationPolicy.spec.resourceSelectors[0]", /needs apiVersion/],
        ["a static weight that is not an integer", "PropagationPolicy", { resourceSelectors: selector, placement: { replicaScheduling: { replicaSchedulingType: "Divided", weightPreference: { staticWeightList: [{ targetCluster: {}, weight: 1.5 }] } } } }, "PropagationPolicy.spec.placement.replicaScheduling.weightPreference.staticWeightList[0].weight", /must be an integer, got number/],
        ["an unknown plaintext operator", "OverridePolicy", { resourceSelectors: selector, overrideRules: [{ overriders: { plaintext: [{ operator: "move", path: "/a" }] } }] }, "OverridePolicy.spec.overrideRules[0].overriders.plaintext[0].operator", /must be one of "add", "remove", "replace"/],
    ];
    for (const [what, kind, spec, field, reason] of refused) {
        it(`refuse ${what}, naming the resource and the field`, () => {
            assert.throws(
                () => checkKarmadaSpec(kind, spec, location),
                (error: FederationError) => error instanceof FederationError && error.resource === location.resource && error.field === field && reason.test(error.reason),
            );
        });
    }
});

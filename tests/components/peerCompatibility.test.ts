/**
 * KubeFed's semantics where they reach registration: an /apiVersion override registers that
 * cluster's object under the other version's class, retainReplicas registers with ignoreChanges
 * on spec.replicas, a FederatedTypeConfig with propagation Disabled warns, and Karmada's
 * division decides which clusters get an object at all.
 */
import { strict as assert } from "assert";
import * as fed from "../../components";
import { Run, runProgram } from "../harness";

const members: fed.MemberClusterArgs[] = [{ name: "east", labels: { tier: "prod" } }, { name: "west", labels: { tier: "prod" } }, { name: "lab", labels: { tier: "dev" } }];
const web = () => ({
    spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } },
});
const children = (run: Run, component: string) => {
    const parent = run.resources.find((r) => r.name === component && r.type.startsWith("federation:index:"));
    assert.ok(parent, `${component} was registered`);
    return Object.fromEntries(run.resources.filter((r) => r.parent === parent.urn).map((r) => [r.name.slice(component.length + 1), r]));
};

describe("KubeFed and Karmada semantics at registration", () => {
    it("an /apiVersion override registers that cluster's object as the other version's resource", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedResource("gadget", {
                federation, apiVersion: "example.com/v1", kind: "Gadget", clusterScoped: false, namespace: "shop",
                template: { spec: { size: 1 } }, placement: { clusters: ["east", "west"] },
                overrides: [{ clusterName: "west", clusterOverrides: [{ path: "/apiVersion", value: "example.com/v2" }] }],
            });
        });
        assert.equal(run.error, undefined, String(run.error));
        const objects = children(run, "gadget");
        assert.equal(objects.east.type, "kubernetes:example.com/v1:Gadget");
        assert.equal(objects.west.type, "kubernetes:example.com/v2:Gadget");
        assert.equal(objects.west.inputs.apiVersion, "example.com/v2");
    });

    it("retainReplicas registers every cluster's Deployment with ignoreChanges on spec.replicas", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedDeployment("web", { federation, namespace: "shop", template: web(), placement: { clusters: ["east", "west"] }, retainReplicas: true });
            new fed.FederatedDeployment("api", { federation, namespace: "shop", template: web(), placement: { clusters: ["east"] } });
        });
        assert.equal(run.error, undefined, String(run.error));
        for (const object of Object.values(children(run, "web"))) {
            assert.deepEqual(object.ignoreChanges, ["spec.replicas"]);
            assert.equal(object.inputs.spec.replicas, 2, "a new object starts with the template's replicas");
        }
        assert.deepEqual(children(run, "api").east.ignoreChanges, []);
    });

    it("retainReplicas with scheduling is refused before anything is registered", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedDeployment("web", { federation, namespace: "shop", template: web(), placement: { clusterSelector: {} }, retainReplicas: true, scheduling: { totalReplicas: 4 } });
        });
        assert.ok(run.error instanceof fed.FederationError);
        assert.match(run.error.message, /FederatedDeployment "web", field retainReplicas: scheduling sets every cluster's replicas, retainReplicas keeps them/);
        assert.equal(run.resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment").length, 0);
    });

    it("a FederatedTypeConfig with propagation Disabled: its objects are not registered, and a warning names the type", async () => {
        const yaml = [
            "apiVersion: core.kubefed.io/v1beta1",
            "kind: FederatedTypeConfig",
            "metadata: {name: gadgets.example.com}",
            "spec:",
            "  federatedType: {group: types.kubefed.io, version: v1beta1, kind: FederatedGadget, pluralName: federatedgadgets, scope: Namespaced}",
            "  targetType: {group: example.com, version: v1, kind: Gadget, pluralName: gadgets, scope: Namespaced}",
            "  propagation: Disabled",
            "---",
            "apiVersion: types.kubefed.io/v1beta1",
            "kind: FederatedGadget",
            "metadata: {name: g, namespace: shop}",
            "spec: {template: {spec: {}}, placement: {clusters: [{name: east}]}}",
        ].join("\n");
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedManifests("m", { federation, yaml });
        });
        assert.equal(run.error, undefined, String(run.error));
        assert.equal(run.resources.filter((r) => r.type.includes("Gadget")).length, 0);
        assert.ok(run.warnings.some((w) => /FederatedGadget .*not propagated: propagation of FederatedGadget is Disabled/.test(w)), run.warnings.join("\n"));
    });

    it("Karmada's static weights: a cluster no rule matches gets no object, the others Karmada's numbers", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedDeployment("web", {
                federation, namespace: "shop", template: web(), placement: { clusterSelector: {} },
                scheduling: { totalReplicas: 7, staticWeights: [{ targetCluster: { labelSelector: { matchLabels: { tier: "prod" } } }, weight: 1 }, { targetCluster: { clusterNames: ["east"] }, weight: 2 }] },
            });
        });
        assert.equal(run.error, undefined, String(run.error));
        const objects = children(run, "web");
        assert.deepEqual(Object.fromEntries(Object.entries(objects).map(([cluster, object]) => [cluster, object.inputs.spec.replicas])), { east: 5, west: 2 });
    });
});

describe("fieldValidation is checked wherever it is given", () => {
    it("on a component, even with validateSchema: false, and on FederatedManifests and planFederation, naming the caller", async () => {
        const component = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedDeployment("web", { federation, namespace: "shop", template: web(), placement: { clusters: ["east"] }, validateSchema: false, fieldValidation: "strict" as never });
        });
        assert.ok(component.error instanceof fed.FederationError, String(component.error));
        assert.equal(component.error.message.split("\n")[0], 'FederatedDeployment "web", field fieldValidation: must be "Strict" or "Ignore", got string "strict"; write "Strict"');
        assert.equal(component.resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment").length, 0);

        const manifests = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedManifests("m", { federation, yaml: "", fieldValidation: "Warn" as never });
        });
        assert.ok(manifests.error instanceof fed.FederationError, String(manifests.error));
        assert.match(manifests.error.message, /^FederatedManifests "m", field fieldValidation: must be "Strict" or "Ignore", got string "Warn"\n    at new FederatedManifests \(tests\/components\/peerCompatibility\.test\.ts:112:13\)$/);

        assert.throws(() => fed.planFederation([], [], { fieldValidation: 1 as never }), /^FederationError: planFederation, field options\.fieldValidation: must be "Strict" or "Ignore", got number 1$/);
    });
});

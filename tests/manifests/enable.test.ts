import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { Federation, FederatedManifests } from "../../components";
import { enable } from "../../components/cli/enable";
import { federate } from "../../components/cli/federate";
import { compareKubeVersions } from "../../components/manifests/enable";
import { clusterObjects } from "../../components/synth/objects";
import { runProgram } from "../harness";

const documents = (args: string[]) => parseAllDocuments(enable(args).text).map((document) => document.toJS());

const crdFile = (text: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "enable-")), "crd.yaml");
    fs.writeFileSync(file, text);
    return file;
};

const WIDGETS = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Widget, plural: widgets, singular: widget, shortNames: [wg] }
  versions:
  - name: v1alpha1
    served: true
    storage: false
    schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object, properties: { replicas: { type: integer, format: int32 } } } } } }
  - name: v1
    served: true
    storage: true
    schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object } } } }
`;

describe("pulumi-federation enable (kubefedctl enable -o yaml, offline)", () => {
    it("writes the FederatedTypeConfig and the federated CRD of a built-in kind, however it is named", () => {
        const [typeConfig, crd] = documents(["deploy"]);
        assert.deepEqual(typeConfig, {
            apiVersion: "core.kubefed.io/v1beta1",
            kind: "FederatedTypeConfig",
            metadata: { name: "deployments.apps" },
            spec: {
                federatedType: { group: "types.kubefed.io", kind: "FederatedDeployment", pluralName: "federateddeployments", scope: "Namespaced", version: "v1beta1" },
                propagation: "Enabled",
                targetType: { group: "apps", kind: "Deployment", pluralName: "deployments", scope: "Namespaced", version: "v1" },
            },
        });
        assert.equal(crd.metadata.name, "federateddeployments.types.kubefed.io");
        assert.deepEqual(crd.spec.names, { kind: "FederatedDeployment", plural: "federateddeployments", shortNames: ["fdeploy"] });
        const spec = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties;
        assert.deepEqual(Object.keys(spec).sort(), ["overrides", "placement", "retainReplicas", "template"]);
        for (const name of ["Deployment", "deployments", "deployments.apps", "DEPLOY"]) assert.equal(enable([name]).text, enable(["deploy"]).text, name);
        assert.ok(!("retainReplicas" in documents(["daemonsets"])[1].spec.versions[0].schema.openAPIV3Schema.properties.spec.properties), "no replicas, no retainReplicas");
    });

    it("makes a FederatedNamespace namespaced, names group-qualified types by plural.group, and takes another federated group", () => {
        const [namespaces] = documents(["ns"]);
        assert.equal(namespaces.metadata.name, "namespaces");
        assert.equal(namespaces.spec.targetType.scope, "Cluster");
        assert.equal(namespaces.spec.federatedType.scope, "Namespaced");
        assert.equal(namespaces.spec.targetType.group, undefined, "no group for the core group");
        assert.equal(documents(["clusterroles"])[0].metadata.name, "clusterroles.rbac.authorization.k8s.io");
        const [typeConfig, crd] = documents(["configmaps", "--federated-group", "kubefed.example.com", "--federated-version", "v1"]);
        assert.deepEqual([typeConfig.spec.federatedType.group, typeConfig.spec.federatedType.version, crd.metadata.name], ["kubefed.example.com", "v1", "federatedconfigmaps.kubefed.example.com"]);
    });

    it("enables the kinds of a CRD file: the version an API server prefers, the schema of its first version", () => {
        const file = crdFile(WIDGETS);
        const [typeConfig, crd] = documents([file]);
        assert.equal(typeConfig.metadata.name, "widgets.example.com");
        assert.deepEqual(typeConfig.spec.targetType, { group: "example.com", kind: "Widget", pluralName: "widgets", scope: "Namespaced", version: "v1" });
        assert.deepEqual(crd.spec.names.shortNames, ["fwg"]);
        // kubefedctl reads versions[0]'s schema: there spec.replicas is an int32.
        assert.ok("retainReplicas" in crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties);
        assert.equal(documents([file, "--version", "v1alpha1"])[0].spec.targetType.version, "v1alpha1");
        const bare = crdFile(WIDGETS.replace(/schema: \{ openAPIV3Schema: \{ type: object, properties: \{ spec: \{ type: object, properties: \{ replicas: \{ type: integer, format: int32 \} \} \} \} \} \}/, "schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }"));
        assert.ok(!("template" in documents([bare])[1].spec.versions[0].schema.openAPIV3Schema.properties.spec.properties), "a schema without properties gives no template, as kubefedctl");
        assert.deepEqual(["v1alpha1", "v2", "v1beta2", "v1", "foo", "v1beta1", "v10"].sort(compareKubeVersions), ["v10", "v2", "v1", "v1beta2", "v1beta1", "v1alpha1", "foo"]);
    });

    it("refuses names it cannot resolve, saying what it knows", () => {
        assert.throws(() => enable(["widgets"]), /widgets: is not a kind known offline \(configmaps, .*\); for a custom kind, give its CustomResourceDefinition file/);
        assert.throws(() => enable([]), /name the kind to enable/);
        assert.throws(() => enable([crdFile("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n")]), /holds no CustomResourceDefinition/);
    });

    it("gives a custom kind the type configuration that FederatedManifests needs for federate's output", async () => {
        const file = crdFile(WIDGETS);
        const widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w, namespace: shop }\nspec: { size: 3 }\n";
        const yaml = `${enable([file]).text}${federate(["-f", "-"], () => widget).text}`;
        const run = await runProgram(() => new FederatedManifests("m", { federation: new Federation("f", { clusters: [{ name: "eu" }, { name: "us" }] }), yaml }));
        assert.equal(run.error, undefined, String(run.error));
        const placed = clusterObjects({ registrations: run.resources, warnings: [], infos: [] }).objects.filter((object) => object.kind === "Widget");
        assert.deepEqual(placed.map((object) => [object.cluster, object.object.spec]), [["eu", { size: 3 }], ["us", { size: 3 }]]);
    });
});

/**
 * The federation package keeps secrets secret (issue 25, class 3): a template given whole as a
 * secret (as a Construct call passes a secret input) reaches every cluster's object with its
 * values still secret, the fields that name the object plain; an error about a wrong argument
 * describes what it got without showing it.
 */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as multilang from "../../components/multilang";
import { runProgram } from "../harness";

const PASSWORD = "hunter2-multilang-secret";

describe("the federation package: secrets stay secret", () => {
    it("a secret template: each cluster's object holds its values as secrets, its name and kind plain", async () => {
        const run = await runProgram(() => {
            const federation = new multilang.Federation("fleet", { clusters: [{ name: "a", context: "ctx-a" }, { name: "b", context: "ctx-b" }] });
            new multilang.FederatedResource("creds", {
                federation: federation.federationName as unknown as string,
                apiVersion: "v1",
                kind: "ConfigMap",
                namespace: "default",
                template: pulumi.secret({ metadata: { name: "creds" }, data: { password: PASSWORD, user: "admin" } }),
                placement: { clusterSelector: {} },
            } as multilang.FederatedResourceArgs);
        });
        assert.equal(run.error, undefined, String(run.error));
        for (const cluster of ["a", "b"]) {
            const object = run.named(`creds-${cluster}`, "kubernetes:core/v1:ConfigMap");
            assert.equal(object.inputs.metadata.name, "creds");
            assert.ok(!object.secretPaths.includes("/metadata/name"), "the name stays plain");
            for (const path of ["/data/password", "/data/user"]) {
                assert.ok(object.secretPaths.some((secret) => secret === "" || path === secret || path.startsWith(`${secret}/`)), `${cluster}: ${path} is secret (${object.secretPaths.join(", ")})`);
            }
        }
    });

    it("a wrong kind given as a secret is described, never shown", async () => {
        const run = await runProgram(() => {
            const federation = new multilang.Federation("fleet", { clusters: [{ name: "a", context: "ctx-a" }] });
            new multilang.FederatedResource("creds", {
                federation: federation.federationName as unknown as string,
                apiVersion: "v1",
                kind: pulumi.secret(42) as unknown as string,
                template: {},
                placement: { clusterSelector: {} },
            } as multilang.FederatedResourceArgs);
        });
        assert.match(String(run.error), /FederatedResource "creds", field kind: must be a non-empty string, got a number/);
        assert.doesNotMatch(String(run.error), /42/);
    });

    for (const field of ["yaml", "documents"] as const) {
        it(`FederatedManifests refuses ${field} given as a secret, without showing it`, async () => {
            const text = "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: { name: creds, namespace: default }\nspec: { template: { data: { password: " + PASSWORD + " } }, placement: { clusters: [{ name: a }] } }\n";
            const value = field === "yaml" ? pulumi.secret(text) : pulumi.secret([{ apiVersion: "types.kubefed.io/v1beta1", kind: "FederatedConfigMap", metadata: { name: "creds", namespace: "default" }, spec: { template: { data: { password: PASSWORD } } } }]);
            const run = await runProgram(() => {
                const federation = new multilang.Federation("fleet", { clusters: [{ name: "a", context: "ctx-a" }] });
                new multilang.FederatedManifests("kubefed", { federation: federation.federationName as unknown as string, [field]: value } as multilang.FederatedManifestsArgs);
            });
            assert.match(String(run.error), new RegExp(`FederatedManifests "kubefed", field ${field}: is a secret, but KubeFed YAML is planned as plain text`));
            assert.doesNotMatch(String(run.error), new RegExp(PASSWORD));
            assert.deepEqual(run.resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.name), []);
        });
    }
});

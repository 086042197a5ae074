/**
 * The typed `patch` override: checked by the compiler against the template's type (tsc runs
 * before the tests, so the @ts-expect-error lines fail the build if the types loosen), and merged
 * with RFC 7396 rules at run time.
 */
import { strict as assert } from "assert";
import * as k8s from "@pulumi/kubernetes";
import * as fed from "../../components";
import { runProgram } from "../harness";

type DeploymentPatch = fed.PatchOf<k8s.types.input.apps.v1.Deployment>;

const deleteLabel: DeploymentPatch = { metadata: { labels: { gdpr: null } } };
const resize: DeploymentPatch = { spec: { replicas: 3, template: { spec: { containers: [{ name: "web", image: "nginx:1.28" }] } } } };
// @ts-expect-error replicas is a number
const wrongType: DeploymentPatch = { spec: { replicas: "three" } };
// @ts-expect-error no such field
const unknownField: DeploymentPatch = { spec: { replica: 3 } };
void wrongType;
void unknownField;

describe("typed patch overrides", () => {
    it("null deletes, objects merge and lists replace, per matching cluster", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: [{ name: "eu", labels: { region: "eu" } }, { name: "us" }] });
            new fed.FederatedDeployment("web", {
                federation,
                template: {
                    metadata: { labels: { app: "web", gdpr: "true" } },
                    spec: {
                        replicas: 1,
                        selector: { matchLabels: { app: "web" } },
                        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] } },
                    },
                },
                placement: { clusterSelector: {} },
                overrides: [{ clusterName: "us", patch: deleteLabel }, { clusterSelector: { matchLabels: { region: "eu" } }, patch: resize }],
            });
        });
        assert.equal(run.error, undefined, String(run.error));
        const us = run.named("web-us", "kubernetes:apps/v1:Deployment").inputs;
        const eu = run.named("web-eu", "kubernetes:apps/v1:Deployment").inputs;
        assert.deepEqual(us.metadata.labels, { app: "web" });
        assert.equal(us.spec.replicas, 1);
        assert.deepEqual(eu.metadata.labels, { app: "web", gdpr: "true" });
        assert.equal(eu.spec.replicas, 3);
        assert.deepEqual(eu.spec.template.spec.containers, [{ name: "web", image: "nginx:1.28" }], "lists are replaced whole (ports gone)");
        assert.deepEqual(eu.spec.selector, { matchLabels: { app: "web" } }, "untouched fields stay");
    });
});

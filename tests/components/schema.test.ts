/** Schema validation of each cluster's object before it is registered. */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as fed from "../../components";
import { FederationError } from "../../components";
import { runProgram } from "../harness";

const members: fed.MemberClusterArgs[] = [{ name: "eu" }, { name: "us" }];
const deployment = () => ({
    spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } },
    },
});

describe("schema validation", () => {
    const refused: { name: string; build: (f: fed.Federation) => unknown; cluster: string; field: string; message: RegExp }[] = [
        {
            name: "an override that makes replicas a string, in that cluster only",
            build: (federation) => new fed.FederatedDeployment("web", { federation, template: deployment(), placement: { clusterSelector: {} }, overrides: [{ clusterName: "us", clusterOverrides: [{ path: "/spec/replicas", value: "five" }] }] }),
            cluster: "us", field: "template.spec.replicas", message: /must be integer by the apps\/v1 Deployment schema, as planned for this cluster after replace \/spec\/replicas/,
        },
        {
            name: "a container without a name",
            build: (federation) => new fed.FederatedDeployment("web", { federation, template: { ...deployment(), spec: { ...deployment().spec, template: { spec: { containers: [{ image: "nginx" } as any] } } } }, placement: { clusters: ["eu"] } }),
            cluster: "eu", field: "template.spec.template.spec.containers[0].name", message: /is required by the apps\/v1 Deployment schema/,
        },
        {
            name: "a Service port that is not a number, through FederatedResource",
            build: (federation) => new fed.FederatedResource("svc", { federation, apiVersion: "v1", kind: "Service", template: { spec: { ports: [{ port: "http" }] } }, placement: { clusters: ["eu"] } }),
            cluster: "eu", field: "template.spec.ports[0].port", message: /must be integer by the v1 Service schema/,
        },
    ];
    for (const c of refused) {
        it(`refuses ${c.name} before anything registers`, async () => {
            const run = await runProgram(() => c.build(new fed.Federation("fleet", { clusters: members })));
            assert.ok(run.error instanceof FederationError, String(run.error));
            assert.equal(run.error.cluster, c.cluster);
            assert.equal(run.error.field, c.field);
            assert.match(run.error.message, c.message);
            assert.deepEqual(run.resources.filter((r) => !r.name.startsWith("fleet")), []);
        });
    }

    it("leaves values known only at deployment time alone, and still checks the rest", async () => {
        const ok = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedDeployment("web", { federation, template: { ...deployment(), spec: { ...deployment().spec, replicas: pulumi.output(3) as any } }, placement: { clusterSelector: {} } });
        });
        assert.equal(ok.error, undefined, String(ok.error));
        const bad = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedDeployment("web", { federation, template: { spec: { ...deployment().spec, replicas: pulumi.output(3) as any, minReadySeconds: "soon" as any } }, placement: { clusterSelector: {} } });
        });
        assert.ok(bad.error instanceof FederationError);
        assert.equal(bad.error.field, "template.spec.minReadySeconds");
    });

    it("custom kinds are not checked, and validateSchema: false turns it off", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedResource("w", { federation, apiVersion: "example.com/v1", kind: "Widget", template: { spec: { anything: ["goes"] } }, placement: { clusterSelector: {} } });
            new fed.FederatedDeployment("web", { federation, template: { spec: { replicas: "many" } as any }, placement: { clusterSelector: {} }, validateSchema: false });
        });
        assert.equal(run.error, undefined, String(run.error));
    });

    it("manifests are checked too, naming the document", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedManifests("m", {
                federation,
                yaml: "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedDeployment\nmetadata: { name: web, namespace: shop }\nspec:\n  template: { spec: { replicas: five, selector: {}, template: {} } }\n  placement: { clusters: [{ name: eu }] }\n",
            });
        });
        assert.ok(run.error instanceof FederationError, String(run.error));
        assert.match(run.error.resource ?? "", /document 0 \(FederatedDeployment shop\/web\)/);
        assert.equal(run.error.cluster, "eu");
        assert.equal(run.error.field, "spec.template.spec.replicas");
    });
});

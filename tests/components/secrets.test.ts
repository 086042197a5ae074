/**
 * Secrets stay secret: kubeconfigs, Secret data and any secret Input, in every per-cluster
 * resource, after overrides, patches through Outputs and scheduling; and never in error messages.
 */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as fed from "../../components";
import { FederationError } from "../../components";
import { Registered, runProgram } from "../harness";

const members: fed.MemberClusterArgs[] = [{ name: "eu", labels: { region: "eu" } }, { name: "us", labels: { region: "us" } }];
const SECRET = "s3cr3t-Pa55";

/** True when `path` (a JSON pointer) is covered by one of the registration's secret paths. */
function isSecret(r: Registered, path: string): boolean {
    return r.secretPaths.some((secret) => secret === "" || path === secret || path.startsWith(secret + "/"));
}

describe("secrets", () => {
    it("kubeconfigs are secret on every provider, given as text, as a path, or as a secret Output", async () => {
        const run = await runProgram(() =>
            new fed.Federation("fleet", {
                kubeconfig: "apiVersion: v1\nkind: Config\n",
                clusters: [{ name: "a" }, { name: "b", kubeconfig: "/etc/kube/b" }, { name: "c", kubeconfig: pulumi.secret("token: abc") }],
            }),
        );
        for (const provider of run.ofType("pulumi:providers:kubernetes")) assert.ok(isSecret(provider, "/kubeconfig"), provider.name);
    });

    it("Secret data and stringData stay secret in every cluster after JSON patch and typed patch overrides", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedSecret("creds", {
                federation,
                template: { stringData: { password: SECRET }, data: { token: Buffer.from(SECRET).toString("base64") } },
                placement: { clusterSelector: {} },
                overrides: [
                    { clusterName: "us", clusterOverrides: [{ op: "add", path: "/stringData/user", value: "admin" }] },
                    { clusterSelector: { matchLabels: { region: "eu" } }, patch: { stringData: { password: "eu-only" } } },
                ],
            });
        });
        assert.equal(run.error, undefined, String(run.error));
        const secrets = run.ofType("kubernetes:core/v1:Secret");
        assert.equal(secrets.length, 2);
        for (const s of secrets) {
            assert.ok(isSecret(s, "/stringData/password") && isSecret(s, "/data/token"), `${s.name}: ${s.secretPaths}`);
        }
    });

    it("a secret Input in any template stays secret in every cluster, after overrides, deferred patches and scheduling", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            const password = pulumi.secret(SECRET);
            new fed.FederatedDeployment("web", {
                federation,
                template: {
                    spec: {
                        selector: { matchLabels: { app: "web" } },
                        template: pulumi.output({
                            metadata: { labels: { app: "web" } },
                            spec: { containers: [{ name: "web", image: "nginx", env: [{ name: "PASSWORD", value: password }] }] },
                        }) as any,
                    },
                },
                placement: { clusterSelector: {} },
                scheduling: { totalReplicas: 4 },
                // Reaches inside the Output pod template: applied once it is known.
                overrides: [{ clusterName: "us", clusterOverrides: [{ path: "/spec/template/spec/containers/0/image", value: "nginx:us" }] }],
            });
        });
        assert.equal(run.error, undefined, String(run.error));
        for (const d of run.ofType("kubernetes:apps/v1:Deployment")) {
            assert.ok(isSecret(d, "/spec/template/spec/containers/0/env/0/value"), `${d.name}: ${d.secretPaths}`);
            assert.equal(d.inputs.spec.template.spec.containers[0].env[0].value, SECRET);
        }
        assert.equal(run.named("web-us", "kubernetes:apps/v1:Deployment").inputs.spec.template.spec.containers[0].image, "nginx:us");
    });

    it("error messages name fields and keys, never secret values", async () => {
        const attempts: (() => void)[] = [
            () => {
                const federation = new fed.Federation("fleet", { clusters: members });
                new fed.FederatedSecret("creds", { federation, template: { stringData: { password: SECRET } }, placement: { clusterSelector: {} }, overrides: [{ clusterName: "eu", clusterOverrides: [{ op: "add", path: "/stringData/password/x", value: "y" }] }] });
            },
            () => {
                const federation = new fed.Federation("fleet", { clusters: members });
                new fed.FederatedSecret("creds", { federation, template: { stringData: { password: SECRET } }, placement: { clusterSelector: {} }, overrides: [{ clusterName: "eu", clusterOverrides: [{ path: "/stringData/passwd/x", value: "y" }] }] });
            },
            () => {
                const federation = new fed.Federation("fleet", { clusters: members });
                new fed.FederatedSecret("creds", { federation, template: { stringData: { password: SECRET }, data: { n: 5 as any } }, placement: { clusterSelector: {} } });
            },
            () => {
                const federation = new fed.Federation("fleet", { clusters: members });
                new fed.FederatedDeployment("web", { federation, template: { spec: { replicas: SECRET as any, selector: {}, template: {} } }, placement: { clusterSelector: {} } });
            },
        ];
        for (const attempt of attempts) {
            const run = await runProgram(attempt);
            assert.ok(run.error instanceof FederationError, String(run.error));
            assert.doesNotMatch(run.error.message, new RegExp(SECRET), run.error.message);
        }
    });

    it("render mode warns that it writes secrets in plain text", async () => {
        const run = await runProgram(() => new fed.Federation("fleet", { clusters: [{ name: "a", providerOptions: { renderYamlToDirectory: "rendered/a" } }, { name: "b" }] }));
        assert.deepEqual(run.warnings.filter((w) => /plain text/.test(w)), ["member a renders its objects as YAML instead of applying them; Secret data and other secret values are written there in plain text"]);
    });
});

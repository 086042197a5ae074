/**
 * Per-cluster objects keep only the aliases that can matter (planning/aliases.ts), as the engine
 * receives them, and register exactly as before otherwise.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { FederatedDeployment, FederatedIngress, FederatedNamespace, FederatedResource, FederatedSecret, Federation, FederationArgs } from "../../components";
import { aliasCanMatter, lastServedMinor } from "../../components/planning/aliases";
import { runProgram } from "../harness";

const clusters = [{ name: "a" }, { name: "b" }];
const pod = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } };
const deployment = { spec: { selector: { matchLabels: { app: "web" } }, template: pod } };
const hpa = { spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 3 } };

/** Each registered per-cluster object's aliases, by name. */
async function aliasesOf(program: () => void): Promise<Record<string, string[]>> {
    const run = await runProgram(program);
    assert.equal(run.error, undefined);
    return Object.fromEntries(run.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:")).map((r) => [r.name, [...(r.aliases ?? [])].sort()]));
}

function fleet(federationArgs: Partial<FederationArgs> = {}): void {
    const federation = new Federation("fleet", { clusters, ...federationArgs });
    const apps = new FederatedNamespace("apps", { federation, placement: { clusterSelector: {} } });
    new FederatedDeployment("web", { federation, namespace: apps, template: deployment, placement: { clusterSelector: {} } });
    new FederatedResource("scaler", {
        federation, namespace: apps, apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", template: hpa, placement: { clusterSelector: {} },
        overrides: [{ clusterName: "b", clusterOverrides: [{ path: "/apiVersion", value: "autoscaling/v1" }] }],
    });
    new FederatedIngress("site", { federation, namespace: apps, template: { spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } } }, placement: { clusterSelector: {} } });
    new FederatedSecret("credentials", { federation, namespace: apps, template: { stringData: { password: "s3cret" } }, placement: { clusterSelector: {} } });
}

describe("per-cluster objects: aliases", () => {
    it("by default keep aliases only to API versions a Kubernetes release from 1.16 on served, and to the program's own", async () => {
        const aliases = await aliasesOf(() => fleet());
        // apps/v1beta1, apps/v1beta2 and extensions/v1beta1 Deployments were removed in 1.16.
        assert.deepEqual(aliases["web-a"], []);
        // autoscaling/v1 is served by 1.36 (and b's object is one); v2beta1 and v2beta2 until 1.24 and 1.25.
        assert.deepEqual(aliases["scaler-a"], ["kubernetes:autoscaling/v1:HorizontalPodAutoscaler", "kubernetes:autoscaling/v2beta1:HorizontalPodAutoscaler", "kubernetes:autoscaling/v2beta2:HorizontalPodAutoscaler"]);
        assert.deepEqual(aliases["scaler-b"], ["kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "kubernetes:autoscaling/v2beta1:HorizontalPodAutoscaler", "kubernetes:autoscaling/v2beta2:HorizontalPodAutoscaler"]);
        assert.deepEqual(aliases["site-a"], ["kubernetes:extensions/v1beta1:Ingress", "kubernetes:networking.k8s.io/v1beta1:Ingress"]);
    });

    it("with members from a newer release, fewer: oldestKubernetes 1.26 keeps only autoscaling v1 <-> v2", async () => {
        const aliases = await aliasesOf(() => fleet({ oldestKubernetes: "1.26" }));
        assert.deepEqual(aliases["scaler-a"], ["kubernetes:autoscaling/v1:HorizontalPodAutoscaler"]);
        assert.deepEqual(aliases["scaler-b"], ["kubernetes:autoscaling/v2:HorizontalPodAutoscaler"]);
        assert.deepEqual(aliases["site-a"], []);
    });

    it("with members older than 1.16, every alias the typed class has", async () => {
        const aliases = await aliasesOf(() => fleet({ oldestKubernetes: "1.15" }));
        assert.deepEqual(aliases["web-a"], ["kubernetes:apps/v1beta1:Deployment", "kubernetes:apps/v1beta2:Deployment", "kubernetes:extensions/v1beta1:Deployment"]);
    });

    it("registers everything else exactly as with every alias: inputs, secrets, parents, providers, dependencies", async () => {
        const strip = (run: Awaited<ReturnType<typeof runProgram>>) => run.resources.map(({ aliases: _aliases, stackFrames: _frames, ...rest }) => rest).sort((x, y) => (x.urn < y.urn ? -1 : 1));
        const all = await runProgram(() => fleet({ oldestKubernetes: "1.0" }));
        const kept = await runProgram(() => fleet());
        assert.equal(all.error, undefined);
        assert.equal(kept.error, undefined);
        // Components' outputs included: only the aliases differ (and where the program stood).
        assert.deepEqual(strip(kept), strip(all));
        assert.ok(all.named("credentials-a").secretPaths.includes("/stringData"), "Secret data stays secret");
        assert.notDeepEqual(all.named("web-a").aliases, kept.named("web-a").aliases);
    });

    it("refuses an oldestKubernetes that is not a release, naming the field, before anything registers", async () => {
        for (const value of ["1.x", "2.0", 1.25, "1.25.3"]) {
            const run = await runProgram(() => fleet({ oldestKubernetes: value as string }));
            assert.match(String(run.error), /Federation "fleet", field oldestKubernetes: must be a Kubernetes release as "1\.M" \(e\.g\. "1\.25"\), got/);
            assert.deepEqual(run.resources, [], String(value));
        }
    });

    it("every alias a typed class of the installed SDK carries is known to the release tables", () => {
        // The SDK's generated classes state their aliases as `{ type: "kubernetes:<apiVersion>:<Kind>" }`.
        const root = path.dirname(require.resolve("@pulumi/kubernetes/package.json"));
        const types = new Set<string>();
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const file = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(file);
                else if (entry.name.endsWith(".js")) for (const m of fs.readFileSync(file, "utf8").matchAll(/\{ type: "(kubernetes:[^"]+)" \}/g)) types.add(m[1]);
            }
        };
        walk(root);
        const aliasTypes = [...types].filter((type) => !type.endsWith("Patch"));
        const unknown = aliasTypes.filter((type) => lastServedMinor(type) === undefined);
        assert.ok(aliasTypes.length > 150, `found ${aliasTypes.length} alias types`);
        // The release tables place the API versions every member release served...
        for (const type of ["kubernetes:extensions/v1beta1:Deployment", "kubernetes:apiextensions.k8s.io/v1beta1:CustomResourceDefinition", "kubernetes:batch/v1beta1:CronJob"]) {
            assert.ok(aliasTypes.includes(type) && lastServedMinor(type) !== undefined, type);
        }
        assert.ok(unknown.length < aliasTypes.length / 5, `unplaced: ${unknown.join(", ")}`);
        // ...and what they cannot place (alpha versions without a lifecycle, kinds of releases after
        // 1.36, the SDK's old spelling of the apiregistration group) is never dropped.
        for (const type of unknown) assert.ok(aliasCanMatter(type, 36, new Set()), type);
        assert.ok(unknown.includes("kubernetes:rbac.authorization.k8s.io/v1alpha1:Role"));
    });
});

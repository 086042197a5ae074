/**
 * 12. Adoption: objects created directly in the members' API servers (as a KubeFed installation
 * leaves them when it orphans) are taken over through the file `pulumi-federation import`
 * writes: after a `pulumi up` that excludes every object (components and providers only),
 * `pulumi import --file` adopts every one, each keeps its UID, and after `pulumi refresh`
 * (which reads each object) the preview shows no changes. A refresh also notices an adopted object
 * that is gone: it leaves the state, and the preview offers to create exactly that one.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { apply } from "../fleet/karmada";
import { listObjects, request } from "../fleet/kube";
import { Stack } from "../harness/pulumi";
import { endpoint, repoRoot, runDir, suite } from "./context";
import { EXCLUDE_OBJECTS } from "../../components/synth/importFile";
import { memberConfig, parsePreview } from "./expectations";

const NAMESPACE = "e2e-adopt";
const program = path.join(repoRoot, "e2e", "programs", "adopt");
const labels = { app: "adopted" };
const deployment = {
    apiVersion: "apps/v1", kind: "Deployment",
    metadata: { name: "web", namespace: NAMESPACE, labels, annotations: { "pulumi.com/skipAwait": "true" } },
    spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
};

async function uids(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const cluster of ["cluster1", "cluster2", "cluster3"]) {
        for (const [apiVersion, plural] of [["v1", "namespaces"], ["v1", "configmaps"], ["apps/v1", "deployments"]]) {
            for (const obj of await listObjects(endpoint(cluster), apiVersion, plural)) {
                const inScope = plural === "namespaces" ? obj.metadata.name === NAMESPACE : obj.metadata.namespace === NAMESPACE && obj.metadata.name !== "kube-root-ca.crt";
                if (inScope) out[`${cluster} ${plural} ${obj.metadata.name}`] = obj.metadata.uid!;
            }
        }
    }
    return out;
}

describe("12. adopting running objects through pulumi-federation import", function () {
    this.timeout(600_000);

    it("pulumi import --file adopts every object with its UID; after pulumi refresh the preview shows no changes, and a refresh notices a missing object", async () => {
        const { cli, fleet } = suite();
        // As KubeFed leaves them: the objects, in the members, made by someone else.
        for (const cluster of ["cluster1", "cluster2"]) {
            const member = endpoint(cluster);
            await apply(member, "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: NAMESPACE } });
            await apply(member, `/api/v1/namespaces/${NAMESPACE}/configmaps`, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: NAMESPACE }, data: { mode: cluster === "cluster2" ? "adopted-2" : "adopted" } });
            await apply(member, `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`, deployment);
        }
        const before = await uids();
        assert.strictEqual(Object.keys(before).length, 6);

        const settings = path.join(runDir, "Pulumi.e2e-adopt.yaml");
        const stack = new Stack(cli, program, "e2e-adopt", settings);
        await stack.init();
        await stack.setConfig("members", memberConfig());
        const ambient = { env: { KUBECONFIG: fleet.kubeconfigPath } };
        const file = path.join(runDir, "adopt.json");
        const written = execFileSync(process.execPath, [path.join(repoRoot, "bin", "pulumi-federation.js"), "import", "--dir", program, "--stack", "e2e-adopt", "--config-file", settings, "--out", file], { cwd: repoRoot, stdio: "pipe", encoding: "utf8" });
        assert.strictEqual(written, "", "the file goes to --out");
        const entries: { id: string }[] = JSON.parse(fs.readFileSync(file, "utf8")).resources;
        assert.strictEqual(entries.length, 6, "every object is in the file");
        // The components and providers, from the program, and no object.
        await stack.up(EXCLUDE_OBJECTS.flatMap((glob) => ["--exclude", glob]), ambient);
        const types = (JSON.parse(await stack.exportState()).deployment.resources as { type: string }[]).map((resource) => resource.type);
        assert.ok(types.includes("pulumi:providers:kubernetes") && types.includes("federation:index:FederatedConfigMap"), types.join());
        assert.deepStrictEqual(types.filter((type) => type.startsWith("kubernetes:")), [], "no object is created");
        assert.deepStrictEqual(await uids(), before);
        await cli.run(["import", "--file", file, "--protect=false", "--generate-code=false", "--yes", "--non-interactive", "--stack", "e2e-adopt", "--config-file", settings], { cwd: program, ...ambient });
        assert.deepStrictEqual(await uids(), before, "adopted in place: the same objects");

        await stack.refresh([], ambient);
        assert.deepStrictEqual(await uids(), before, "the refresh only reads");
        const changes = async () => (parsePreview((await stack.preview(["--json"], ambient)).stdout).steps ?? []).filter((step) => step.op !== "same").map((step) => `${step.op} ${step.urn.slice(step.urn.lastIndexOf("::") + 2)}`);
        assert.deepStrictEqual(await changes(), [], "after the refresh, the preview shows no changes");

        // An adopted object that is gone is noticed by the next refresh, not hidden by the recorded state.
        await request(endpoint("cluster2"), "DELETE", `/api/v1/namespaces/${NAMESPACE}/configmaps/settings`);
        await stack.refresh([], ambient);
        assert.deepStrictEqual(await changes(), ["create settings-cluster2"]);
        await stack.destroy([], ambient);
        await stack.remove();
    });
});

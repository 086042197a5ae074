/**
 * 12. Adoption: objects created directly in the members' API servers (as a KubeFed installation
 * leaves them when it orphans) are taken over through the file `pulumi-federation import`
 * writes: `pulumi import --file` adopts every one and each keeps its UID. The first preview
 * replaces, creates and deletes nothing: its updates only drop the server's defaults, which the
 * provider's import recorded as inputs; after one `pulumi up` (same UIDs) the preview is empty.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { apply } from "../fleet/karmada";
import { listObjects } from "../fleet/kube";
import { Stack } from "../harness/pulumi";
import { endpoint, repoRoot, runDir, suite } from "./context";
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

    it("pulumi import --file adopts every object with its UID; after one pulumi up, which replaces nothing, the preview is empty", async () => {
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
        // Two files: the components, then the providers and objects under them.
        let imported = 0;
        for (const part of ["components", "objects"]) {
            const file = path.join(runDir, `adopt-${part}.json`);
            execFileSync(process.execPath, [path.join(repoRoot, "bin", "pulumi-federation.js"), "import", `--${part}`, "--dir", program, "--stack", "e2e-adopt", "--config-file", settings, "--out", file], { cwd: repoRoot, stdio: "pipe" });
            imported += JSON.parse(fs.readFileSync(file, "utf8")).resources.filter((entry: { id?: string }) => entry.id).length;
            await cli.run(["import", "--file", file, "--protect=false", "--generate-code=false", "--yes", "--non-interactive", "--stack", "e2e-adopt", "--config-file", settings], { cwd: program, ...ambient });
        }
        assert.strictEqual(imported, 6, "every object is in the files");
        assert.deepStrictEqual(await uids(), before, "adopted in place: the same objects");

        const changes = async () => (parsePreview((await stack.preview(["--json"], ambient)).stdout).steps ?? []).filter((step) => step.op !== "same");
        const first = await changes();
        assert.deepStrictEqual([...new Set(first.map((step) => step.op))], ["update"], "nothing replaced, created or deleted");
        for (const step of first) {
            for (const [field, diff] of Object.entries(step.detailedDiff ?? {})) assert.strictEqual(diff.kind, "delete", `${step.urn}: ${field} is only dropped (a server default)`);
        }
        await stack.up([], ambient);
        assert.deepStrictEqual(await uids(), before, "the update keeps the same objects");
        assert.deepStrictEqual((await changes()).map((step) => `${step.op} ${step.urn}`), [], "then the preview is empty");
        await stack.destroy([], ambient);
        await stack.remove();
    });
});

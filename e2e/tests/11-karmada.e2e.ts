/**
 * 11. Karmada mode on a real Karmada control plane (built from the github.com/karmada-io/karmada
 * module, its own CRDs applied, the three members joined): `pulumi up` of the same program in push
 * mode and in Karmada mode leaves the same objects in every member; the Karmada stack holds three
 * resources per object and no member provider; status comes from Karmada's ResourceBindings; a
 * Cluster whose labels differ from the program's stops the update before any change.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startKarmada, karmadaMembersOf, Karmada } from "../fleet/karmada";
import { KubeObject, listObjects } from "../fleet/kube";
import { waitUntil } from "../fleet/processes";
import { KINDS, objectKey } from "../harness/objects";
import { Stack, stateUrns } from "../harness/pulumi";
import { binDir, endpoint, MEMBERS, repoRoot, runDir, suite } from "./context";
import { CLUSTERS, DB_PASSWORD, memberConfig, parsePreview } from "./expectations";

const NAMESPACE = "e2e-karmada";
const program = path.join(repoRoot, "e2e", "programs", "karmada");
/** Keys Karmada puts on member objects (its bookkeeping), and the push program's own skip-await annotation. */
const NOT_COMPARED = /^(([a-z0-9-]+\.)*karmada\.io\/|pulumi\.com\/skipAwait$)/;

/** Each member's objects in the namespace, without what the API server, Karmada or the program's mode set. */
async function memberObjects(): Promise<Record<string, Record<string, unknown>>> {
    const out: Record<string, Record<string, unknown>> = {};
    for (const cluster of CLUSTERS) {
        const objects: Record<string, unknown> = {};
        for (const k of KINDS) {
            for (const obj of await listObjects(endpoint(cluster), k.apiVersion, k.plural)) {
                const inScope = k.kind === "Namespace" ? obj.metadata.name === NAMESPACE : obj.metadata.namespace === NAMESPACE;
                if (!inScope || obj.metadata.name === "kube-root-ca.crt") continue;
                objects[objectKey(k.kind, obj.metadata.namespace, obj.metadata.name)] = comparable(k.kind, obj);
            }
        }
        out[cluster] = objects;
    }
    return out;
}

function comparable(kind: string, obj: KubeObject): Record<string, unknown> {
    const { status: _status, metadata, ...rest } = obj as KubeObject & Record<string, unknown>;
    void _status;
    const keep = (map: Record<string, string> | undefined) => Object.fromEntries(Object.entries(map ?? {}).filter(([key]) => !NOT_COMPARED.test(key)));
    const copy: Record<string, unknown> = { ...rest, metadata: { name: metadata.name, namespace: metadata.namespace, labels: keep(metadata.labels), annotations: keep(metadata.annotations) } };
    if (kind === "Service") {
        const spec = { ...(copy.spec as Record<string, unknown>) };
        delete spec.clusterIP; // allocated by each API server
        delete spec.clusterIPs;
        copy.spec = spec;
    }
    if (kind === "Namespace") delete (copy.metadata as Record<string, unknown> & { labels: Record<string, string> }).labels["kubernetes.io/metadata.name"];
    return copy;
}

/** Every member object's UID, by cluster and object. */
async function memberUids(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const cluster of CLUSTERS) {
        for (const k of KINDS) {
            for (const obj of await listObjects(endpoint(cluster), k.apiVersion, k.plural)) {
                const inScope = k.kind === "Namespace" ? obj.metadata.name === NAMESPACE : obj.metadata.namespace === NAMESPACE;
                if (inScope && obj.metadata.name !== "kube-root-ca.crt") out[`${cluster} ${objectKey(k.kind, obj.metadata.namespace, obj.metadata.name)}`] = obj.metadata.uid!;
            }
        }
    }
    return out;
}

/** How many member objects in the namespace Karmada has taken over (its managed-by label). */
async function managedByKarmada(): Promise<number> {
    let count = 0;
    for (const cluster of CLUSTERS) {
        for (const k of KINDS) {
            for (const obj of await listObjects(endpoint(cluster), k.apiVersion, k.plural)) {
                const inScope = k.kind === "Namespace" ? obj.metadata.name === NAMESPACE : obj.metadata.namespace === NAMESPACE;
                if (inScope && Object.keys(obj.metadata.labels ?? {}).some((key) => key.endsWith("karmada.io/managed") || key.startsWith("work.karmada.io/"))) count++;
            }
        }
    }
    return count;
}

async function configure(stack: Stack, mode: "push" | "karmada", karmada: Karmada, labels = Object.fromEntries(MEMBERS.map((m) => [m.name, m.labels]))): Promise<void> {
    await stack.setConfig("mode", mode);
    await stack.setConfig("members", memberConfig().map((member) => ({ ...member, labels: labels[member.name as string] })));
    await stack.setConfig("kubeconfig", suite().fleet.kubeconfig(), true);
    await stack.setConfig("karmadaKubeconfig", fs.readFileSync(karmada.kubeconfigPath, "utf8"), true);
    await stack.setConfig("dbPassword", DB_PASSWORD, true);
}

describe("11. Karmada mode: the same objects in every member as push mode", function () {
    this.timeout(900_000);
    let karmada: Karmada;
    let pushed: Record<string, Record<string, unknown>>;
    let uids: Record<string, string> = {};
    // One stack, first in push mode, then switched to Karmada mode.
    const fleetStack = () => new Stack(suite().cli, program, "e2e-karmada", path.join(runDir, "Pulumi.e2e-karmada.yaml"));
    const viaKarmada = fleetStack;

    before(async () => {
        const { fleet } = suite();
        karmada = await startKarmada({
            dir: fleet.dir, bin: binDir, etcdUrl: fleet.etcdUrl,
            members: karmadaMembersOf(fleet, Object.fromEntries(MEMBERS.map((m) => [m.name, { ...m.labels }]))),
        });
    });

    it("push mode: pulumi up puts the objects in the members (the reference)", async () => {
        const stack = fleetStack();
        await stack.init();
        await configure(stack, "push", karmada);
        await stack.up();
        pushed = await memberObjects();
        uids = await memberUids();
        assert.deepStrictEqual(Object.keys(pushed.cluster1).sort(), [
            "ConfigMap e2e-karmada/settings", "Deployment e2e-karmada/web", "Namespace e2e-karmada", "Secret e2e-karmada/credentials", "Service e2e-karmada/web",
        ]);
        assert.deepStrictEqual(Object.keys(pushed.cluster3), [], "cluster3 is not prod: its namespace, and so everything, is elsewhere");
    });

    it("Karmada mode: a Cluster with other labels than the program's stops the update before any change", async () => {
        const stack = new Stack(suite().cli, program, "e2e-karmada-labels", path.join(runDir, "Pulumi.e2e-karmada-labels.yaml"));
        await stack.init();
        const labels = Object.fromEntries(MEMBERS.map((m) => [m.name, { ...m.labels }]));
        labels.cluster3 = { ...labels.cluster3, tier: "prod" };
        await configure(stack, "karmada", karmada, labels);
        const failed = await stack.up([], { allowFailure: true });
        assert.notStrictEqual(failed.code, 0);
        assert.match(failed.stdout + failed.stderr, /cluster "cluster3", field labels: has labels that differ from Karmada's Cluster "cluster3" \(tier is "prod" in the program but "edge" on Karmada's Cluster\)/);
        const urns = stateUrns(await stack.exportState());
        assert.ok(!urns.some((urn) => urn.includes("policy.karmada.io")), `no policy was created: ${urns.join(", ")}`);
        await stack.remove();
        assert.deepStrictEqual(await memberUids(), uids, "the members' objects are untouched");
    });

    it("switching the running stack to Karmada mode (members orphaned first, then Overwrite) keeps every object, with its UID", async () => {
        const stack = fleetStack();
        // The runbook: orphan the members (Pulumi forgets instead of deleting), then switch.
        await stack.setConfig("members", memberConfig().map((member) => ({ ...member, orphan: true })));
        await stack.up();
        await stack.setConfig("mode", "karmada");
        await stack.setConfig("conflictResolution", "Overwrite");
        await stack.up();
        // Karmada applies asynchronously after its policies claim the templates.
        let propagated: Record<string, Record<string, unknown>> = {};
        await waitUntil("Karmada took over every object", 120_000, async () => {
            propagated = await memberObjects();
            return CLUSTERS.every((cluster) => Object.keys(propagated[cluster]).length === Object.keys(pushed[cluster]).length)
                && (await managedByKarmada()) === Object.values(pushed).reduce((sum, objects) => sum + Object.keys(objects).length, 0);
        });
        for (const cluster of CLUSTERS) assert.deepStrictEqual(propagated[cluster], pushed[cluster], `${cluster}'s objects`);
        assert.deepStrictEqual(await memberUids(), uids, "adopted in place: no object was deleted and made again");
        // What Karmada mode adds on the Karmada API server is gone in the members (the comparison
        // above leaves karmada.io keys out, so this one is looked at directly).
        for (const cluster of ["cluster1", "cluster2"]) {
            const namespace = (await listObjects(endpoint(cluster), "v1", "namespaces")).find((obj) => obj.metadata.name === NAMESPACE)!;
            assert.strictEqual(namespace.metadata.labels?.["namespace.karmada.io/skip-auto-propagation"], undefined, `${cluster}'s namespace`);
        }

        // Three Kubernetes resources per federated object on Karmada's provider, no member provider;
        // besides them, only reads: each member's Cluster (the label check) and the status's binding.
        const urns = stateUrns(await stack.exportState());
        const kubernetes = urns.filter((urn) => /\$kubernetes:|::kubernetes:/.test(urn.split("::")[2]) && !urn.includes("pulumi:providers"));
        const reads = kubernetes.filter((urn) => /kubernetes:(cluster|work)\.karmada\.io\//.test(urn));
        assert.deepStrictEqual(reads.map((urn) => urn.slice(urn.lastIndexOf("::") + 2)).sort(), ["fleet-karmada-cluster1", "fleet-karmada-cluster2", "fleet-karmada-cluster3", "settings-binding"]);
        assert.strictEqual(kubernetes.length - reads.length, 5 * 3, kubernetes.join("\n"));
        assert.deepStrictEqual(urns.filter((urn) => urn.includes("pulumi:providers:kubernetes")).map((urn) => urn.slice(urn.lastIndexOf("::") + 2)), ["fleet-karmada"]);
    });

    it("Karmada mode: a second run changes nothing, and status comes from the ResourceBinding", async () => {
        const stack = viaKarmada();
        const { stdout } = await stack.preview(["--json"]);
        // (The status's binding read is made only by updates, so a preview shows it as `discard`.)
        const changes = (parsePreview(stdout).steps ?? []).filter((step) => !["same", "read"].includes(step.op) && !(step.op === "discard" && step.urn.endsWith("::settings-binding")));
        assert.deepStrictEqual(changes.map((step) => `${step.op} ${step.urn}`), []);
        await stack.up();
        const status = (await stack.outputs()).settingsStatus as { clusters: Record<string, { applied: boolean; health: string; ready: boolean }> };
        assert.deepStrictEqual(Object.keys(status.clusters).sort(), ["cluster1", "cluster2"]);
        for (const cluster of ["cluster1", "cluster2"]) {
            assert.strictEqual(status.clusters[cluster].applied, true, `${cluster} applied`);
            assert.strictEqual(status.clusters[cluster].ready, true, `${cluster} ready`);
        }
    });

    it("Karmada mode: pulumi destroy removes the objects from every member", async () => {
        const stack = viaKarmada();
        await stack.destroy();
        await waitUntil("Karmada removed every object", 120_000, async () => Object.values(await memberObjects()).every((objects) => Object.keys(objects).length === 0));
        await stack.remove();
    });
});

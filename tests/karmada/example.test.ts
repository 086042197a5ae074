/**
 * examples/karmada, run as `pulumi up` would run it (under the mock monitor) in both modes: the
 * Karmada objects, and each member's objects the same in both.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { clusterObjects } from "../../components/synth/objects";
import { Run, promiseOf, runProgramFile } from "../harness";

const program = path.join(__dirname, "..", "..", "examples", "karmada", "index.ts");
const byCluster = (run: Run) => {
    const { objects } = clusterObjects({ registrations: run.resources, warnings: [], infos: [] });
    const grouped: Record<string, Array<{ kind: string; name: string; object: unknown }>> = {};
    for (const { cluster, kind, name, object } of objects) (grouped[cluster] ??= []).push({ kind, name, object });
    return grouped;
};

describe("examples/karmada", () => {
    it("registers templates and policies for Karmada, and gives each member what push mode gives it", async () => {
        const karmada = await runProgramFile(program, { project: "karmada" });
        const push = await runProgramFile(program, { project: "karmada", config: { "karmada:mode": "push" } });
        assert.equal(karmada.error, undefined, String(karmada.error));
        assert.equal(push.error, undefined, String(push.error));
        const viaKarmada = byCluster(karmada);
        const pushed = byCluster(push);
        assert.deepEqual(viaKarmada["@karmada"].map((object) => object.kind).sort(), [
            "ClusterOverridePolicy", "ClusterPropagationPolicy", "ConfigMap", "Deployment", "Namespace",
            "OverridePolicy", "OverridePolicy", "OverridePolicy", "PropagationPolicy", "PropagationPolicy", "PropagationPolicy", "Service",
        ]);
        for (const member of ["eu-west", "eu-central", "us-east"]) assert.deepEqual(viaKarmada[member], pushed[member], member);
        assert.equal(viaKarmada["us-lab"], undefined, "the lab member gets nothing (the namespace is on prod members)");
        // 10 replicas, weights 1:1:2 -> Karmada's division as the review shows it.
        const replicas = Object.fromEntries(["eu-west", "eu-central", "us-east"].map((member) => [member, (viaKarmada[member].find((object) => object.kind === "Deployment")!.object as any).spec.replicas]));
        assert.deepEqual(replicas, { "eu-west": 3, "eu-central": 2, "us-east": 5 });
        assert.deepEqual(await promiseOf((karmada.exports as any).placements.storefront), ["eu-west", "eu-central", "us-east"]);
        // Without a context the Karmada provider renders YAML, and there are no member providers.
        const providers = karmada.ofType("pulumi:providers:kubernetes");
        assert.deepEqual(providers.map((provider) => [provider.name, provider.inputs.renderYamlToDirectory]), [["storefront-karmada", "rendered/stack/@karmada"]]);
    });
});

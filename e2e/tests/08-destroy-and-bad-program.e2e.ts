/**
 * 8. A bad program (an override for a cluster that is not a member) fails `pulumi preview` and
 * `pulumi up` with the package's FederationError (its message names the resource, the cluster and
 * the field, then the program's own line that constructed the component) and changes nothing on
 * any server; a new stack whose last component clashes with the first ones creates nothing at all,
 * even when the program catches the error; then
 * `pulumi destroy` leaves no managed object behind, orphaned ones excepted.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { getObject } from "../fleet/kube";
import { waitUntil } from "../fleet/processes";
import { Stack, stateUrns } from "../harness/pulumi";
import { endpoint, repoRoot, suite } from "./context";
import { CLUSTERS, TYPED_NAMESPACES, YAML_NAMESPACES, clusterObjects, memberConfig } from "./expectations";

/** Every managed object of both stacks in every cluster, with its resourceVersion. */
async function snapshot(): Promise<string[]> {
    const objects = await clusterObjects([...TYPED_NAMESPACES, ...YAML_NAMESPACES]);
    return CLUSTERS.flatMap((c) => [...objects[c]].map(([key, o]) => `${c} ${key} ${o.metadata.uid} ${o.metadata.resourceVersion}`)).sort();
}

/** The 1-based line of the typed stack program that first holds `text`. */
function programLine(text: string): number {
    return fs.readFileSync(path.join(repoRoot, "e2e", "programs", "typed", "index.ts"), "utf8").split("\n").findIndex((line) => line.includes(text)) + 1;
}

describe("8. a bad program changes nothing; destroy leaves nothing behind", function () {
    this.timeout(900_000);

    it("an override for an unknown cluster fails preview and up with FederationError, nothing changes", async () => {
        const { typed } = suite();
        const before = await snapshot();
        const urnsBefore = stateUrns(await typed.exportState()).sort();
        await typed.setConfig("badOverride", true);
        for (const run of [() => typed.preview([], { allowFailure: true }), () => typed.up([], { allowFailure: true })]) {
            const result = await run();
            assert.notStrictEqual(result.code, 0);
            const output = result.stdout + result.stderr;
            // A FederationError is a Pulumi RunError: the engine prints its message, without a stack.
            // The message ends with the program's own line that constructed the component.
            assert.match(output, /error: FederatedDeployment "web", cluster "cluster9", field overrides\[2\]\.clusterName: is not a member of the federation \(members: cluster1, cluster2, cluster3\)\n\s+at new FederatedDeployment \(index\.ts:(\d+):\d+\)/);
            assert.equal(Number(/at new FederatedDeployment \(index\.ts:(\d+):/.exec(output)![1]), programLine("new FederatedDeployment("), "the call site is the program's line");
            assert.doesNotMatch(output, /at .*(components|node_modules)\/.*\.[jt]s:\d+/, "no frame of the library or the SDK");
        }
        assert.deepStrictEqual(await snapshot(), before, "no object changed on any server");
        assert.deepStrictEqual(stateUrns(await typed.exportState()).sort(), urnsBefore, "the state is unchanged");
        await typed.removeConfig("badOverride");
    });

    it("a clash in the last component stops the first ones' objects too: a new stack creates nothing, caught or not", async () => {
        const stack = new Stack(suite().cli, path.join(repoRoot, "e2e", "programs", "clash"), "e2e-clash");
        await stack.init();
        try {
            await stack.setConfig("kubeconfig", suite().fleet.kubeconfig(), true);
            await stack.setConfig("members", memberConfig());
            for (const caught of [false, true]) {
                await stack.setConfig("catchError", caught);
                const result = await stack.up([], { allowFailure: true });
                const output = result.stdout + result.stderr;
                assert.notStrictEqual(result.code, 0, `caught=${caught}: the update fails\n${output}`);
                const message = /FederatedConfigMap "settings-copy", cluster "cluster2", field template\.metadata\.name: FederatedConfigMap "settings" already places ConfigMap e2e-clash\/settings on cluster2/;
                // Reported once: the canceled registrations fail the update with the very error thrown.
                const diagnostics = output.split("Diagnostics:")[1] ?? "";
                const errors = diagnostics.split("\n").filter((line) => /^\s*error: /.test(line));
                assert.equal(errors.length, 1, `caught=${caught}: one error\n${output}`);
                assert.match(errors[0], message);
                assert.doesNotMatch(output, /error serializing/, "the error's message is the package's own");
                for (const cluster of CLUSTERS) {
                    assert.equal(await getObject(endpoint(cluster), "v1", "namespaces", "e2e-clash"), undefined, `caught=${caught}: no namespace e2e-clash in ${cluster}`);
                }
                const objects = stateUrns(await stack.exportState()).filter((urn) => /[:$]kubernetes:/.test(urn) && !urn.includes("pulumi:providers"));
                assert.deepStrictEqual(objects, [], `caught=${caught}: no Kubernetes object in the state`);
            }
        } finally {
            await stack.destroy();
            await stack.remove();
        }
    });

    it("pulumi destroy removes every managed object but the orphaned ones, and the namespaces terminate", async () => {
        const { typed, yaml } = suite();
        await typed.destroy();
        await yaml.destroy();
        // The namespace controller empties and removes the namespaces.
        await waitUntil("namespaces e2e-apps and e2e-yaml terminate", 180_000, async () => {
            const objects = await clusterObjects(["e2e-apps", "e2e-yaml"]);
            return CLUSTERS.every((c) => objects[c].size === 0);
        });
        const left = await clusterObjects([...TYPED_NAMESPACES, ...YAML_NAMESPACES]);
        assert.deepStrictEqual(Object.fromEntries(CLUSTERS.map((c) => [c, [...left[c].keys()]])), {
            cluster1: ["ConfigMap default/keep"],
            cluster2: ["ConfigMap default/keep"],
            cluster3: ["ConfigMap default/keep"],
        }, "only the orphaned ConfigMap remains");
        for (const stack of [typed, yaml]) {
            const urns = stateUrns(await stack.exportState()).filter((u) => u.includes("kubernetes:"));
            assert.deepStrictEqual(urns, [], `${stack.name}: no resource left in the state`);
        }
    });
});

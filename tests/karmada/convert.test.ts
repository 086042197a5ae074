/**
 * KubeFed -> Karmada: a KubeFed installation's manifests (the kubefed-migration example: clusters,
 * type configuration, a ReplicaSchedulingPreference, overrides) converted to Karmada objects, and
 * Karmada's rules played on them: each member gets what KubeFed's plan gives it.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { loadFederationManifests, planFederation } from "../../components";
import { parseAllDocuments } from "yaml";
import { main } from "../../components/cli";
import { convertToKarmada } from "../../components/karmada/convert";
import { playKarmada } from "./playKarmada";
import { karmadaPolicyName } from "../../components/karmada/propagationPolicy";

const example = path.join(__dirname, "..", "..", "examples", "kubefed-migration");

describe("convert --to karmada (pure)", () => {
    const documents = loadFederationManifests([example]);
    const plan = planFederation(documents, undefined, { validateSchema: true });
    const { documents: converted, report } = convertToKarmada(plan, documents);

    it("gives each member the object KubeFed's plan gives it", () => {
        // The example exercises every part: several objects, overrides and divided replicas.
        assert.ok(plan.planned.length >= 4, `${plan.planned.length} planned`);
        assert.ok(converted.some((object: any) => object.kind === "OverridePolicy"), "an OverridePolicy");
        assert.ok(converted.some((object: any) => object.spec?.placement?.replicaScheduling?.replicaSchedulingType === "Divided"), "divided replicas");
        // Karmada would propagate a Namespace everywhere without this label; its OverridePolicy removes it in each member.
        const namespace = converted.find((object: any) => object.kind === "Namespace") as any;
        assert.equal(namespace.metadata.labels["namespace.karmada.io/skip-auto-propagation"], "true");
        for (const entry of plan.planned) {
            const template = converted.find((object: any) => object.kind === entry.resource.target.kind && object.metadata?.name === entry.resource.name && object.apiVersion === entry.resource.target.apiVersion) as Record<string, any>;
            assert.ok(template, `${entry.resource.label}: no template`);
            const policyKind = entry.resource.target.clusterScoped ? "ClusterPropagationPolicy" : "PropagationPolicy";
            const byName = (kind: string) => converted.find((object: any) => object.kind === kind && object.metadata.name === karmadaPolicyName(entry.resource.target.apiVersion, entry.resource.target.kind, entry.resource.name) && object.metadata.namespace === (entry.resource.target.clusterScoped ? undefined : entry.resource.namespace)) as any;
            const policy = byName(policyKind);
            const overrides = byName(entry.resource.target.clusterScoped ? "ClusterOverridePolicy" : "OverridePolicy");
            const karmada = playKarmada(plan.members, template, policy.spec, overrides);
            assert.deepEqual([...karmada.keys()], entry.clusters, `${entry.resource.label}: clusters`);
            for (const { cluster, object } of entry.objects) assert.deepEqual(karmada.get(cluster), object, `${entry.resource.label} in ${cluster}`);
        }
    });

    it("reports what did not map: members to join, type configuration not needed, scheduling folded in", () => {
        assert.match(report.join("\n"), /KubeFedCluster document\(s\): not converted; join each member to Karmada with `karmadactl join <name>`/);
        assert.match(report.join("\n"), /FederatedTypeConfig document\(s\): not needed; Karmada propagates any kind/);
        assert.match(report.join("\n"), /ReplicaSchedulingPreference document\(s\): folded into their workloads' PropagationPolicy/);
        assert.ok(!converted.some((object: any) => /^(KubeFedCluster|FederatedTypeConfig|ReplicaSchedulingPreference|Federated)/.test(object.kind)), "no KubeFed object is left");
    });
});

describe("pulumi-federation convert --to karmada (the command)", () => {
    const capture = async (args: string[]) => {
        const [out, err] = [[] as string[], [] as string[]];
        const [write, error] = [process.stdout.write.bind(process.stdout), console.error];
        process.stdout.write = ((chunk: string) => { out.push(String(chunk)); return true; }) as typeof process.stdout.write;
        console.error = (...items: unknown[]) => { err.push(items.join(" ")); };
        try {
            const code = await main(args);
            return { code, stdout: out.join(""), stderr: err.join("\n") };
        } finally {
            process.stdout.write = write;
            console.error = error;
        }
    };

    it("writes the templates and policies as YAML and the report on stderr", async () => {
        const run = await capture(["convert", "--to", "karmada", example]);
        assert.equal(run.code, 0, run.stderr);
        const documents = parseAllDocuments(run.stdout).map((document) => document.toJS());
        const expected = convertToKarmada(planFederation(loadFederationManifests([example]), undefined, { validateSchema: true }), loadFederationManifests([example])).documents;
        assert.deepEqual(documents, JSON.parse(JSON.stringify(expected)));
        assert.match(run.stderr, /^convert: .*KubeFedCluster document\(s\): not converted/m);
    });

    it("takes members from --cluster for manifests without KubeFedCluster documents", async () => {
        const redis = path.join(__dirname, "..", "..", "examples", "kubefed-redis");
        const run = await capture(["convert", "--to=karmada", "--cluster", "cluster1:region=eu-west", "--cluster", "cluster2:region=us-east", redis]);
        assert.equal(run.code, 0, run.stderr);
        const overrides = parseAllDocuments(run.stdout).map((document) => document.toJS()).find((object) => object.kind === "OverridePolicy");
        // Only cluster2's own rule: the YAML is for kubectl, so no pulumi.com/waitFor to remove in every cluster.
        assert.deepEqual(overrides.spec.overrideRules.map((rule: any) => rule.targetCluster), [{ clusterNames: ["cluster2"] }]);
    });

    it("refuses a missing or other target, and no manifests, with the usage", async () => {
        for (const [args, message] of [
            [["convert", example], /--to karmada is needed/],
            [["convert", "--to", "ocm", example], /--to ocm: the only target is karmada/],
            [["convert", "--to", "karmada"], /name the manifests to convert/],
        ] as const) {
            const run = await capture([...args]);
            assert.equal(run.code, 1);
            assert.match(run.stderr, message);
            assert.match(run.stderr, /usage: pulumi-federation convert --to karmada/);
        }
    });
});

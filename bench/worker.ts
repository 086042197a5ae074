/**
 * One measurement in a fresh process (so peak memory is this variant's alone):
 *   worker.ts <federation|federation-all-aliases|baseline|karmada> <clusters> <resources> [synth]
 * Prints one JSON line: time, peak RSS, and the registered graph's shape. With `synth`, the time
 * includes what offline synth does after the run (each member's objects, Karmada mode's review
 * among them, rendered to YAML in memory).
 */
import { captureProgram, Registration } from "../components/synth/capture";
import { clusterObjects } from "../components/synth/objects";
import { renderObjects } from "../components/synth/render";
import { baselineProgram, federationProgram } from "./fleet";

async function main() {
    const [variant, clusters, resources, synth] = process.argv.slice(2);
    const size = { clusters: Number(clusters), resources: Number(resources) };
    // federation-all-aliases: the federation program with every alias the typed classes carry
    // (oldestKubernetes before the release tables), to show what keeping only those that matter buys.
    const program = variant === "baseline"
        ? () => baselineProgram(size)
        : () => federationProgram(size, variant === "karmada", variant === "federation-all-aliases" ? "1.0" : undefined);
    const start = process.hrtime.bigint();
    const capture = await captureProgram(program, { project: "bench", stack: "bench" });
    let memberObjects: number | undefined;
    if (synth === "synth") {
        const planned = clusterObjects(capture);
        renderObjects(planned.clusters, planned.objects);
        memberObjects = planned.objects.filter((object) => object.cluster !== "@karmada").length;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (capture.error) throw capture.error;
    const graph = shape(capture.registrations);
    const federated = size.resources;
    console.log(JSON.stringify({ variant, ...size, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, ...graph, memberObjects, registeredPerFederatedObject: graph.perClusterObjects / federated }));
}

/** Per-cluster objects, registrations per object, longest dependency chain, cross-cluster edges. */
function shape(registrations: Registration[]) {
    const byUrn = new Map(registrations.map((r) => [r.urn, r]));
    const providerOf = (r: Registration) => r.provider.slice(0, r.provider.lastIndexOf("::"));
    const objects = registrations.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
    // Longest chain of dependsOn / input dependencies, counted in resources.
    const depth = new Map<string, number>();
    const chain = (urn: string, seen: Set<string>): number => {
        const known = depth.get(urn);
        if (known !== undefined) return known;
        if (seen.has(urn)) return 0;
        seen.add(urn);
        const r = byUrn.get(urn);
        const value = 1 + Math.max(0, ...(r?.dependencies ?? []).map((d) => chain(d, seen)));
        depth.set(urn, value);
        return value;
    };
    let longest = 0;
    let crossCluster = 0;
    let edges = 0;
    for (const r of registrations) {
        longest = Math.max(longest, chain(r.urn, new Set()));
        for (const dependency of r.dependencies) {
            edges++;
            const target = byUrn.get(dependency);
            if (r.provider && target?.provider && providerOf(r) !== providerOf(target)) crossCluster++;
        }
    }
    return {
        registered: registrations.length,
        perClusterObjects: objects.length,
        registeredPerObject: registrations.length / objects.length,
        longestChain: longest,
        dependencyEdges: edges,
        crossClusterEdges: crossCluster,
    };
}

main().catch((error) => {
    console.error(error);
    process.exit(1);
});

/**
 * `npm run bench`: the library against a hand-written baseline in the same run.
 *
 * For each fleet size (clusters x federated resources) it runs, each in a fresh process under
 * Pulumi's mock monitor, the federation program (components/) and the baseline (the same
 * per-cluster Kubernetes resources registered directly on per-cluster providers), and prints
 * time and peak memory for both with their ratios, registrations per per-cluster object, the
 * longest dependency chain and the number of dependency edges that cross clusters. Then it times
 * the pure planner on 10,000 per-cluster objects and planFederation on 1k, 10k and 50k KubeFed
 * documents (the time per document must not grow). Targets are checked and printed, not asserted:
 * a benchmark informs, tests decide.
 */
import { execFileSync } from "child_process";
import * as path from "path";

interface Measurement {
    variant: string;
    clusters: number;
    resources: number;
    seconds: number;
    peakRssMb: number;
    registered: number;
    perClusterObjects: number;
    registeredPerObject: number;
    longestChain: number;
    dependencyEdges: number;
    crossClusterEdges: number;
}

const here = __dirname;
const run = (script: string, args: (string | number)[]) =>
    JSON.parse(execFileSync(process.execPath, ["--max-old-space-size=8192", path.join(here, script), ...args.map(String)], { encoding: "utf8", maxBuffer: 1 << 24 }).trim().split("\n").pop()!);

const sizes = (process.env.BENCH_SIZES ?? "10x100,50x200").split(",").map((size) => size.split("x").map(Number) as [number, number]);
// Each variant runs this many times, alternating with the other so that both see the same
// machine; the best time and the median peak memory are reported (single runs vary by ~10%).
const repeat = Number(process.env.BENCH_REPEAT ?? 3);

function measure(variant: "federation" | "baseline", clusters: number, resources: number): Measurement[] {
    return [run("worker.js", [variant, clusters, resources])];
}

function summarize(runs: Measurement[]): Measurement {
    const best = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const peaks = runs.map((r) => r.peakRssMb).sort((a, b) => a - b);
    return { ...best, peakRssMb: peaks[Math.floor(peaks.length / 2)] };
}
const rows: string[][] = [];
const checks: string[] = [];
for (const [clusters, resources] of sizes) {
    const federationRuns: Measurement[] = [];
    const baselineRuns: Measurement[] = [];
    for (let i = 0; i < repeat; i++) {
        federationRuns.push(...measure("federation", clusters, resources));
        baselineRuns.push(...measure("baseline", clusters, resources));
    }
    const federation = summarize(federationRuns);
    const baseline = summarize(baselineRuns);
    const timeRatio = federation.seconds / baseline.seconds;
    const memoryRatio = federation.peakRssMb / baseline.peakRssMb;
    rows.push([
        `${clusters}x${resources}`,
        String(federation.perClusterObjects),
        `${federation.seconds.toFixed(2)} s`,
        `${baseline.seconds.toFixed(2)} s`,
        timeRatio.toFixed(3),
        `${federation.peakRssMb.toFixed(0)} MB`,
        `${baseline.peakRssMb.toFixed(0)} MB`,
        memoryRatio.toFixed(3),
        federation.registeredPerObject.toFixed(3),
        String(federation.longestChain),
        String(federation.crossClusterEdges),
    ]);
    if (clusters === 50 && resources === 200) {
        checks.push(`time ratio at 50x200 <= 1.10: ${timeRatio.toFixed(3)} ${timeRatio <= 1.1 ? "met" : "NOT met"}`);
        checks.push(`memory ratio at 50x200 <= 1.10: ${memoryRatio.toFixed(3)} ${memoryRatio <= 1.1 ? "met" : "NOT met"}`);
    }
    checks.push(`dependency chain <= 3 at ${clusters}x${resources}: ${federation.longestChain} ${federation.longestChain <= 3 ? "met" : "NOT met"}`);
    checks.push(`cross-cluster edges = 0 at ${clusters}x${resources}: ${federation.crossClusterEdges} ${federation.crossClusterEdges === 0 ? "met" : "NOT met"}`);
}
const planner = run("planner.js", [50, 200]);
checks.push(`pure planner, ${planner.objects} per-cluster objects < 1 s: ${planner.seconds.toFixed(3)} s ${planner.seconds < 1 ? "met" : "NOT met"} (with schema validation: ${planner.secondsWithSchema.toFixed(3)} s)`);
// Planning KubeFed documents is linear: the time per document at 50k over that at 1k.
const planning = run("documents.js", [1000, 10000, 50000]) as unknown as {
    results: Array<{ documents: number; seconds: number; microsecondsPerDocument: number }>;
    perDocumentRatio: number;
};
checks.push(
    `planFederation per document, 50k / 1k documents < 2: ${planning.perDocumentRatio.toFixed(2)} ${planning.perDocumentRatio < 2 ? "met" : "NOT met"} (` +
        planning.results.map((r) => `${r.documents} documents ${r.seconds.toFixed(2)} s, ${r.microsecondsPerDocument.toFixed(0)} µs each`).join("; ") + ")",
);

// Karmada mode: registrations per federated object stay constant in the member count, and synth
// (run, then every member's objects rendered) at 100 members x 200 objects against push mode.
const karmadaRows: string[][] = [];
const karmadaSizes = (process.env.BENCH_KARMADA_SIZES ?? "10x200,100x200").split(",").map((size) => size.split("x").map(Number) as [number, number]);
const perObject: number[] = [];
for (const [clusters, resources] of karmadaSizes) {
    const karmadaRuns: Measurement[] = [];
    const pushRuns: Measurement[] = [];
    for (let i = 0; i < repeat; i++) {
        karmadaRuns.push(run("worker.js", ["karmada", clusters, resources, "synth"]));
        pushRuns.push(run("worker.js", ["federation", clusters, resources, "synth"]));
    }
    const karmada = summarize(karmadaRuns) as Measurement & { registeredPerFederatedObject: number; memberObjects: number };
    const push = summarize(pushRuns) as Measurement & { registeredPerFederatedObject: number; memberObjects: number };
    perObject.push(karmada.registeredPerFederatedObject);
    karmadaRows.push([
        `${clusters}x${resources}`,
        karmada.registeredPerFederatedObject.toFixed(2),
        push.registeredPerFederatedObject.toFixed(2),
        `${karmada.seconds.toFixed(2)} s`,
        `${push.seconds.toFixed(2)} s`,
        (karmada.seconds / push.seconds).toFixed(3),
        `${karmada.peakRssMb.toFixed(0)} MB`,
        `${push.peakRssMb.toFixed(0)} MB`,
        `${karmada.memberObjects} / ${push.memberObjects}`,
    ]);
}
const constant = perObject.every((value) => value === perObject[0]);
checks.push(`Karmada mode: Kubernetes registrations per federated object constant in member count (${karmadaSizes.map(([c]) => c).join(", ")} members): ${perObject.map((value) => value.toFixed(2)).join(", ")} ${constant ? "met" : "NOT met"}`);

const header = ["fleet", "objects", "federation", "baseline", "time ratio", "fed. peak", "base. peak", "mem. ratio", "regs/object", "chain", "cross-cluster edges"];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join("  ");
console.log(`pulumi-federation bench (node ${process.version}, mock monitor, each variant in its own process, best of ${repeat} runs)\n`);
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log("");
const karmadaHeader = ["fleet", "karmada regs/fed. object", "push regs/fed. object", "karmada synth", "push synth", "time ratio", "karmada peak", "push peak", "member objects (karmada / push)"];
const karmadaWidths = karmadaHeader.map((title, i) => Math.max(title.length, ...karmadaRows.map((row) => row[i].length)));
const karmadaLine = (cells: string[]) => cells.map((cell, i) => cell.padEnd(karmadaWidths[i])).join("  ");
console.log("Karmada mode against push mode (synth: the run, then every member's objects rendered)\n");
console.log(karmadaLine(karmadaHeader));
for (const row of karmadaRows) console.log(karmadaLine(row));
console.log("");
for (const check of checks) console.log(check);

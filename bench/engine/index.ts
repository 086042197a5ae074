/**
 * `npm run bench:e2e`: the federation against the hand-written loop on the real engine, as users
 * run it: the real Pulumi CLI, Kubernetes provider and API servers (the end-to-end fleet), the
 * package installed from its `npm pack` tarball and loaded compiled (see workspace.ts).
 *
 * For each size (BENCH_ENGINE_SIZES, ConfigMaps per member, default 100,300; BENCH_ENGINE_MEMBERS
 * members, default 3) it runs BENCH_ENGINE_REPEAT rounds (default 3). A round runs, for both
 * programs one right after the other (the order alternating by round; each program has its own
 * namespace, so the second runs beside the first one's objects): `pulumi up` (create), a
 * `pulumi preview` that must find no change, `pulumi up` after one field of every object changed,
 * and `pulumi destroy`; then kubectl (server-side apply, diff, apply of the change, delete, the
 * members in parallel) on the same objects, the floor. It prints each operation's per-round times
 * and ratios and their median, the program's peak memory and the state's resource count. A figure,
 * not a test: nothing here asserts a time.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Fleet } from "../../e2e/fleet/fleet";
import { PulumiCli, Stack } from "../../e2e/harness/pulumi";
import { median } from "../stats";
import { KubectlFloor, KubectlOperation } from "./kubectl";
import { prepareProgram } from "./workspace";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
const work = path.join(repoRoot, ".e2e", "bench-engine");
const sizes = (process.env.BENCH_ENGINE_SIZES ?? "100,300").split(",").map(Number);
const memberCount = Number(process.env.BENCH_ENGINE_MEMBERS ?? 3);
const repeat = Number(process.env.BENCH_ENGINE_REPEAT ?? 3);
// BENCH_ENGINE_SKIP_CHECKPOINTS=1: both programs run with the engine's PULUMI_SKIP_CHECKPOINTS
// (the state is written once at the end instead of at every step), to show what the state
// backend's checkpoints cost each (docs/reference/performance.md).
const skipCheckpoints = process.env.BENCH_ENGINE_SKIP_CHECKPOINTS === "1";
const engineEnvironment: NodeJS.ProcessEnv = skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {};
const OPERATIONS = ["up", "preview", "update", "destroy"] as const;
type Operation = typeof OPERATIONS[number];
const KUBECTL: Record<Operation, KubectlOperation> = { up: "apply", preview: "diff", update: "update", destroy: "delete" };
const VARIANTS = ["federation", "handwritten"] as const;
type Variant = typeof VARIANTS[number];

interface Round {
    seconds: Record<Variant, Record<Operation, number>>;
    kubectl: Record<Operation, number>;
    /** The program's peak resident memory during `up`, MB. */
    peakMb: Record<Variant, number>;
    /** The program's CPU time (user and system) during `up`, seconds. */
    programCpu: Record<Variant, number>;
    stateResources: Record<Variant, number>;
    /** The size of the state after `up` (what the engine writes at each checkpoint), bytes. */
    stateBytes: Record<Variant, number>;
}

async function main(): Promise<void> {
    for (const size of [...sizes, memberCount]) {
        if (!Number.isInteger(size) || size < 1) throw new Error(`BENCH_ENGINE_SIZES and BENCH_ENGINE_MEMBERS take positive whole numbers`);
    }
    const bin = execFileSync("bash", ["e2e/setup"], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    const kubectl = execFileSync("bash", ["e2e/setup", "--kubectl"], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    fs.rmSync(work, { recursive: true, force: true });
    const programDir = path.join(work, "program");
    console.log(`packing the package (npm pack) into ${programDir} ...`);
    const tarball = prepareProgram(programDir);

    const fleet = await Fleet.start({
        dir: path.join(work, "fleet"), bin,
        members: Array.from({ length: memberCount }, (_, i) => ({ name: `cluster${i + 1}`, auth: i % 2 === 0 ? "certificate" as const : "token" as const })),
    });
    const stop = () => { void fleet.stop().finally(() => process.exit(130)); };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
        const cli = new PulumiCli(bin, path.join(work, "run"));
        const providerVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules/@pulumi/kubernetes/package.json"), "utf8")) as { pulumi: { version: string } }).pulumi.version;
        await cli.run(["plugin", "install", "resource", "kubernetes", providerVersion, "--file", path.join(bin, "pulumi-resource-kubernetes")], { cwd: programDir });
        const floor = new KubectlFloor(kubectl, fleet.kubeconfigPath, fleet.members.map((m) => m.context), path.join(work, "kubectl"));
        const stacks = {} as Record<Variant, Stack>;
        for (const variant of VARIANTS) {
            stacks[variant] = new Stack(cli, programDir, `bench-${variant}`, undefined, { timeoutMs: 3_600_000 });
            await stacks[variant].init();
            await stacks[variant].setConfig("kubeconfig", fleet.kubeconfig(), true);
            await stacks[variant].setConfig("members", fleet.members.map((m) => ({ name: m.name, context: m.context })));
            await stacks[variant].setConfig("mode", variant);
            await stacks[variant].setConfig("namespace", `bench-${variant}`);
        }
        console.log(`${tarball}, ${fleet.members.length} members, ${repeat} rounds per size, Node ${process.version}, Pulumi ${(await cli.run(["version"], { cwd: programDir })).stdout.trim()}, file backend${skipCheckpoints ? ", PULUMI_SKIP_CHECKPOINTS=true" : ""}\n`);
        // Not counted: one preview of each, so that neither pays alone for the first start of the
        // CLI, the provider and the API servers' caches.
        for (const variant of VARIANTS) {
            await stacks[variant].setConfig("count", sizes[0]);
            await stacks[variant].setConfig("revision", "1");
            await stacks[variant].preview();
        }
        for (const count of sizes) {
            const rounds: Round[] = [];
            for (let round = 0; round < repeat; round++) {
                rounds.push(await runRound(stacks, floor, count, round));
                console.log(`  ${fleet.members.length} x ${count}, round ${round + 1}: ${roundLine(rounds[round])}`);
            }
            console.log(`\n${report(fleet.members.length, count, rounds)}\n`);
        }
        for (const variant of VARIANTS) await stacks[variant].remove();
    } finally {
        await fleet.stop();
    }
}

async function runRound(stacks: Record<Variant, Stack>, floor: KubectlFloor, count: number, round: number): Promise<Round> {
    const order: Variant[] = round % 2 === 0 ? ["federation", "handwritten"] : ["handwritten", "federation"];
    const result: Round = {
        seconds: { federation: {} as Record<Operation, number>, handwritten: {} as Record<Operation, number> },
        kubectl: {} as Record<Operation, number>,
        peakMb: { federation: 0, handwritten: 0 },
        programCpu: { federation: 0, handwritten: 0 },
        stateResources: { federation: 0, handwritten: 0 },
        stateBytes: { federation: 0, handwritten: 0 },
    };
    for (const variant of order) {
        await stacks[variant].setConfig("count", count);
        await stacks[variant].setConfig("revision", "1");
    }
    const usageFile = path.join(work, "program-usage.json");
    for (const operation of OPERATIONS) {
        for (const variant of order) {
            const stack = stacks[variant];
            if (operation === "update") await stack.setConfig("revision", "2");
            fs.rmSync(usageFile, { force: true });
            const env = { BENCH_ENGINE_USAGE_FILE: usageFile, ...engineEnvironment };
            const run = operation === "preview" ? stack.preview(["--expect-no-changes"], { env })
                : operation === "destroy" ? stack.destroy([], { env })
                : stack.up([], { env });
            result.seconds[variant][operation] = (await run).seconds;
            if (operation === "up") {
                const usage = JSON.parse(fs.readFileSync(usageFile, "utf8")) as { maxRSS: number; cpu: number };
                result.peakMb[variant] = usage.maxRSS / 1024;
                result.programCpu[variant] = usage.cpu / 1e6;
                const exported = await stack.exportState();
                result.stateBytes[variant] = Buffer.byteLength(exported);
                result.stateResources[variant] = (JSON.parse(exported) as { deployment: { resources?: unknown[] } }).deployment.resources?.length ?? 0;
            }
        }
    }
    for (const operation of OPERATIONS) {
        result.kubectl[operation] = await floor.time(KUBECTL[operation], "bench-kubectl", count, operation === "update" || operation === "destroy" ? "2" : "1");
    }
    return result;
}

const seconds = (value: number) => `${value.toFixed(1)} s`;

function roundLine(round: Round): string {
    return OPERATIONS.map((op) => `${op} ${(round.seconds.federation[op] / round.seconds.handwritten[op]).toFixed(2)}`).join(", ");
}

/** The size's table: per operation, each round's times and ratio, the median ratio, kubectl's median. */
function report(members: number, count: number, rounds: Round[]): string {
    const lines = [
        `real engine, ${members} members x ${count} ConfigMaps (+ a namespace each):`,
        "",
        "| operation | federation | hand-written loop | per-round ratios | median ratio | kubectl (median) |",
        "|---|---|---|---|---|---|",
    ];
    for (const op of OPERATIONS) {
        const ratios = rounds.map((r) => r.seconds.federation[op] / r.seconds.handwritten[op]);
        lines.push(`| ${op === "up" ? "`pulumi up` (create)" : op === "preview" ? "`pulumi preview` (no change)" : op === "update" ? "`pulumi up` (one field of every object)" : "`pulumi destroy`"} ` +
            `| ${rounds.map((r) => r.seconds.federation[op].toFixed(1)).join(" / ")} s ` +
            `| ${rounds.map((r) => r.seconds.handwritten[op].toFixed(1)).join(" / ")} s ` +
            `| ${ratios.map((v) => v.toFixed(2)).join(", ")} | **${median(ratios).toFixed(2)}** ` +
            `| ${seconds(median(rounds.map((r) => r.kubectl[op])))} |`);
    }
    const peak = (v: Variant) => median(rounds.map((r) => r.peakMb[v]));
    const cpu = (v: Variant) => median(rounds.map((r) => r.programCpu[v]));
    const last = rounds[rounds.length - 1];
    lines.push("",
        `during up (medians): the program's peak memory: federation ${peak("federation").toFixed(0)} MB, hand-written ${peak("handwritten").toFixed(0)} MB (ratio ${(peak("federation") / peak("handwritten")).toFixed(2)}); ` +
        `its CPU time: federation ${cpu("federation").toFixed(1)} s, hand-written ${cpu("handwritten").toFixed(1)} s (ratio ${(cpu("federation") / cpu("handwritten")).toFixed(2)})`,
        `the state after up: federation ${last.stateResources.federation} resources, ${(last.stateBytes.federation / 1024).toFixed(0)} KB; ` +
        `hand-written ${last.stateResources.handwritten} resources, ${(last.stateBytes.handwritten / 1024).toFixed(0)} KB (ratio ${(last.stateBytes.federation / last.stateBytes.handwritten).toFixed(2)})`);
    return lines.join("\n");
}

main().catch((error: Error) => {
    console.error(`bench:e2e: ${error.stack ?? error.message}`);
    process.exit(1);
});

/**
 * Offline synth: run the stack program under the mock monitor, write what each member would
 * receive to `<out>/<stack>/<cluster>/<namespace>-<kind>-<name>.yaml`, and report the per-cluster
 * difference against the previous rendering. No Pulumi CLI, cluster or backend is involved.
 */
import * as path from "path";
import { FederationError } from "../errors";
import { ClusterDiff, diffRenderings, hasChanges } from "./diff";
import { ClusterObjects, clusterFolder, clusterObjects } from "./objects";
import { KARMADA_FOLDER } from "./karmadaReview";
import { Rendering, checkNothingInTheWay, checkRemovable, hasPreStackRecord, hasRecord, readRendering, removeRendering, renderObjects, writeRendering } from "./render";
import { clusterTables, diffReport, diffSummary } from "./report";
import { stackOutputLines } from "./outputs";
import { tsconfigOptionAdvice } from "./tsNode";
import { runStackProgram, stackName } from "./stack";
import { progressReporter } from "./progress";

export type SynthMode = "write" | "diff" | "check";

export interface SynthOptions {
    /** The project folder (holding Pulumi.yaml). Default: the current folder. */
    directory?: string;
    /** Default: dev. */
    stack?: string;
    /** A stack config file to use instead of Pulumi.<stack>.yaml. */
    configFile?: string;
    /** Output folder, relative to the project folder; each stack renders to its own `<out>/<stack>/`. Default: rendered. */
    out?: string;
    /** write (default): diff, then write; diff: only print the diff; check: diff, exit 2 on changes. */
    mode?: SynthMode;
    /**
     * Type-check a TypeScript program before running it, as `pulumi up` does (default true;
     * PULUMI_NODEJS_TRANSPILE_ONLY=true and a tsconfig's noCheck skip it there and here).
     */
    typeCheck?: boolean;
    /**
     * Where progress lines go for big programs, and the note that a stack without its
     * Pulumi.<stack>.yaml runs with empty config (the command: stderr). Default: nowhere.
     */
    onProgress?: (line: string) => void;
    /** Objects per progress line, and the size from which members written are reported. Default 1000. */
    progressStep?: number;
    /** Members to plan as unavailable, previewing an outage (synth does not probe). */
    unavailable?: readonly string[];
}

export interface SynthResult {
    /** 0 success, 1 the program failed, 2 `check` found changes. */
    exitCode: number;
    /** What to print, in order. */
    lines: string[];
    /** Null when the program failed. */
    planned: ClusterObjects | null;
    rendering: Rendering | null;
    /** Null when there was no previous rendering to compare with. */
    diff: ClusterDiff[] | null;
    /** The stack's folder, `<out>/<stack>`. */
    outDirectory: string;
}

export async function synthesize(options: SynthOptions = {}): Promise<SynthResult> {
    const directory = path.resolve(options.directory ?? ".");
    const stack = options.stack ?? "dev";
    const mode = options.mode ?? "write";
    // Each stack has its own folder, so that switching stacks never shows another stack's objects as removed.
    const outRoot = path.resolve(directory, options.out ?? "rendered");
    const outDirectory = path.join(outRoot, stackName(stack));
    // An absolute --out is printed as given; a relative one relative to where the command runs.
    const shownRoot = options.out !== undefined && path.isAbsolute(options.out) ? options.out.replace(/[\\/]+$/, "") : path.relative(process.cwd(), outRoot) || ".";
    const shownOut = `${shownRoot}/${stackName(stack)}`;
    const lines: string[] = [];

    const progress = options.onProgress ? progressReporter(options.onProgress, options.progressStep) : undefined;
    const onNote = options.onProgress && ((line: string) => options.onProgress?.(`synth: ${line}`));
    const run = await runStackProgram({ directory, stack, configFile: options.configFile, typeCheck: options.typeCheck, onRegistration: progress?.registered, onNote, unavailable: options.unavailable });
    if (run.typeErrors.length > 0) {
        lines.push(
            `synth: the stack program ${path.relative(process.cwd(), run.main)} does not type-check, so \`pulumi up\` would not run it either (--skip-type-check runs it anyway):`,
            ...run.typeErrors.map((error) => `  ${error.replace(/\n/g, "\n  ")}`),
        );
        const advice = tsconfigOptionAdvice(run.typeErrors.join("\n"));
        if (advice) lines.push(`  ${advice}`);
        return { exitCode: 1, lines, planned: null, rendering: null, diff: null, outDirectory };
    }
    const failure = run.capture.error;
    if (failure !== undefined) {
        const described = describeFailure(failure);
        const advice = tsconfigOptionAdvice(described);
        lines.push(`synth: the stack program ${path.relative(process.cwd(), run.main)} failed:`, `  ${described}`, ...(advice ? [`  ${advice}`] : []));
        return { exitCode: 1, lines, planned: null, rendering: null, diff: null, outDirectory };
    }
    const members = run.capture.registrations.filter((r) => r.type === "federation:index:MemberCluster").map((r) => String((r.outputs as { name?: unknown } | undefined)?.name ?? r.name));
    const strangers = (options.unavailable ?? []).filter((name) => !members.includes(name));
    if (strangers.length > 0) {
        lines.push(`synth: --unavailable ${strangers.join(", ")}: no such member in the stack (members: ${members.join(", ") || "none"})`);
        return { exitCode: 1, lines, planned: null, rendering: null, diff: null, outDirectory };
    }
    for (const info of run.capture.infos) lines.push(`info: ${info}`);
    for (const warning of run.capture.warnings) lines.push(`warning: ${warning}`);
    for (const key of run.encryptedKeys) lines.push(`warning: config ${key} is encrypted; offline it holds a placeholder`);

    const planned = clusterObjects(run.capture);
    const rendering = renderObjects(planned.clusters, planned.objects);
    // A rendering from before per-stack folders (synth's record directly in <out>/) is compared
    // with when the stack has none of its own yet, and removed when this one is written.
    const legacy = hasPreStackRecord(outRoot) && !hasRecord(outDirectory);
    // outRoot, the folder the user chose, may be a link; nothing below it is followed (render.ts).
    const previous = readRendering(legacy ? outRoot : outDirectory, outRoot);
    const diff = previous.size > 0 || mode !== "write" ? diffRenderings(previous, rendering) : null;
    // In every mode: --check and --diff say what writing would refuse.
    const objectOf = (cluster: string, file: string) => {
        const object = planned.objects.find((candidate) => clusterFolder(candidate.cluster) === cluster && candidate.file === file);
        return object ? `${object.kind} ${object.namespace ? `${object.namespace}/` : ""}${object.name} (${cluster})` : file;
    };
    checkNothingInTheWay(outDirectory, rendering, objectOf, outRoot);
    // The earlier layout's files are removed after writing: a link among them is refused before.
    if (mode === "write" && hasPreStackRecord(outRoot)) checkRemovable(outRoot);

    if (diff) {
        const against = legacy ? `${shownRoot}/ (written before each stack had its own folder)` : `${shownOut}/ (stack ${stack})`;
        lines.push(previous.size > 0 ? `Changes against ${against}:` : `No previous rendering in ${shownOut}/: everything is new.`);
        lines.push(diffReport(diff), `diff: ${diffSummary(diff)}`, "");
    }
    if (mode === "write") {
        const members = [...rendering.values()].filter((files) => files.size > 0).length;
        writeRendering(outDirectory, rendering, progress && ((_, files) => files > 0 && progress.written(files, members, planned.objects.length)), objectOf, outRoot);
        if (hasPreStackRecord(outRoot)) {
            const removed = removeRendering(outRoot);
            lines.push(`note: removed the ${removed} file${removed === 1 ? "" : "s"} synth had written to ${shownRoot}/<cluster>/ before each stack had its own folder; stack ${stack} renders to ${shownOut}/`);
        }
        const withSecrets = planned.objects.filter((object) => object.secretPaths.length > 0 || object.kind === "Secret").length;
        if (withSecrets > 0) {
            lines.push(`warning: ${withSecrets} rendered object${withSecrets === 1 ? "" : "s"} hold secret values in plain text; keep ${shownOut}/ out of version control`);
        }
        lines.push(clusterTables(planned.clusters, planned.objects));
        lines.push(...stackOutputLines(run.capture));
        const perCluster = planned.clusters.map((cluster) => `${cluster}: ${planned.objects.filter((o) => o.cluster === cluster).length}`).join(", ");
        const memberCount = planned.clusters.filter((cluster) => cluster !== KARMADA_FOLDER).length;
        const viaKarmada = planned.clusters.includes(KARMADA_FOLDER) ? " via Karmada" : "";
        lines.push(`synth: stack ${stack}, ${memberCount} member${memberCount === 1 ? "" : "s"}${viaKarmada}, ${planned.objects.length} object${planned.objects.length === 1 ? "" : "s"} written to ${shownOut}/ (${perCluster})`);
    }
    const exitCode = mode === "check" && diff && hasChanges(diff) ? 2 : 0;
    if (mode === "check") lines.push(exitCode === 2 ? `check: ${shownOut}/ is out of date; run \`${writeCommand(options)}\` to update it` : `check: ${shownOut}/ is up to date`);
    return { exitCode, lines, planned, rendering, diff, outDirectory };
}

/** The command that writes the rendering `options` checked: the same stack, config, project and output. */
export function writeCommand(options: SynthOptions): string {
    const quote = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`);
    // Run through `npm start` (a checkout's script), the command is that script, not one on PATH.
    const parts = [process.env.npm_lifecycle_event === "start" ? "npm start --" : "pulumi-federation synth"];
    if (options.directory !== undefined && path.resolve(options.directory) !== process.cwd()) parts.push(`--dir ${quote(options.directory)}`);
    if (options.stack !== undefined) parts.push(`--stack ${quote(options.stack)}`);
    if (options.configFile !== undefined) parts.push(`--config-file ${quote(options.configFile)}`);
    if (options.out !== undefined) parts.push(`--out ${quote(options.out)}`);
    if (options.typeCheck === false) parts.push("--skip-type-check");
    return parts.join(" ");
}

function describeFailure(error: unknown): string {
    if (error instanceof FederationError) return error.message;
    if (error instanceof Error) {
        const frame = error.stack?.split("\n").find((line) => /^\s+at /.test(line) && !line.includes("node_modules") && !line.includes("node:internal"))
            ?.replace(/(\(|at )(\/[^():]+)(?=:\d+:\d+)/, (_, before: string, file: string) => before + (path.relative(process.cwd(), file).startsWith("..") ? file : path.relative(process.cwd(), file)));
        return `${error.name === "Error" ? "" : `${error.name}: `}${error.message}${frame ? `\n  ${frame.trim()}` : ""}`;
    }
    return String(error);
}

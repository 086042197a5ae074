/**
 * `pulumi-federation synth`: the stack program, rendered per cluster without a Pulumi CLI, a
 * cluster or a backend (see synth/synth.ts). `npm start` runs it on the embedded default, the dev
 * stack.
 */
import { printable } from "../errors";
import { SynthMode, synthesize } from "../synth/synth";
import { flags } from "./argv";
import { Command } from "./command";
import { packageVersion } from "./version";

export const SYNTH_USAGE = `usage: pulumi-federation synth [--stack NAME] [--config-file FILE] [--dir PROJECT] [--out FOLDER] [--diff | --check]
                              [--unavailable NAME[,NAME...]] [--skip-type-check]

Runs the stack program under Pulumi's in-process mock monitor with the stack's config file
(Pulumi.<stack>.yaml; without one, empty config, as pulumi does) and writes what each member
cluster would receive to <out>/<stack>/<cluster>/<namespace>-<kind>-<name>.yaml. When an earlier rendering of the stack
exists, it first prints the per-cluster diff against it. Only files synth wrote are ever
removed or overwritten.

  --stack NAME        stack config to use (default: dev)
  --config-file FILE  stack config file to use instead of Pulumi.<stack>.yaml
  --dir PROJECT       project folder holding Pulumi.yaml (default: .)
  --out FOLDER        output folder, relative to the project (default: rendered); each stack
                      renders to FOLDER/<stack>/
  --diff              only print the diff; write nothing
  --check             like --diff, and exit with 2 when the rendering is out of date (for CI)
  --unavailable NAMES plan these members as unavailable, as a failed health probe would:
                      preview an outage (replicas move, their objects go); synth never probes
  --skip-type-check   run a TypeScript program without type-checking it first (as
                      PULUMI_NODEJS_TRANSPILE_ONLY=true does for pulumi up)
  --version           print the version of pulumi-federation

Options take their value as the next argument or after "=" (--stack=prod).

Exit codes: 0 done, 1 the program or the arguments failed, 2 --check found changes.`;

const VALUE_FLAGS = ["--stack", "--dir", "--config-file", "--out", "--unavailable"];

/** The command: the report on stdout; progress, warnings and failures on stderr. */
export async function synthCommand(rest: readonly string[]): Promise<number> {
    const options: { stack?: string; configFile?: string; directory?: string; out?: string; mode: SynthMode; typeCheck?: boolean; unavailable?: string[] } = { mode: "write" };
    const given = new Set<string>();
    for (const { flag, inline, value } of flags(rest)) {
        try {
            if (given.has(flag)) throw new Error(`${flag} is given twice`);
            given.add(flag);
            if (inline !== undefined && !VALUE_FLAGS.includes(flag)) throw new Error(`${flag} takes no value`);
            if (flag === "--stack") options.stack = value();
            else if (flag === "--dir") options.directory = value();
            else if (flag === "--config-file") options.configFile = value();
            else if (flag === "--out") options.out = value();
            else if (flag === "--unavailable") options.unavailable = value().split(",").map((name) => name.trim()).filter((name) => name !== "");
            else if (flag === "--diff" || flag === "--check") {
                if (options.mode !== "write") throw new Error("--diff and --check cannot be combined (--check already prints the diff)");
                options.mode = flag === "--diff" ? "diff" : "check";
            } else if (flag === "--skip-type-check") {
                options.typeCheck = false;
            } else if (flag === "--version") {
                console.log(packageVersion());
                return 0;
            } else if (flag === "--help" || flag === "-h") {
                console.log(SYNTH_USAGE);
                return 0;
            } else throw new Error(`unknown option ${flag}`);
        } catch (error) {
            console.error(printable(`pulumi-federation synth: ${(error as Error).message}\n\n${SYNTH_USAGE}`, true));
            return 1;
        }
    }
    try {
        const result = await synthesize({ ...options, onProgress: (line) => console.error(printable(line, true)) });
        // Warnings (and a failure) go to stderr, so that stdout holds only the report.
        const isError = (line: string) => result.exitCode === 1 || /^warning: /.test(line);
        const report = result.lines.filter((line) => !isError(line));
        const errors = result.lines.filter(isError);
        if (errors.length > 0) console.error(printable(errors.join("\n"), true));
        if (report.length > 0) console.log(printable(report.join("\n"), true));
        return result.exitCode;
    } catch (error) {
        console.error(printable(`pulumi-federation synth: ${(error as Error).message ?? error}`, true));
        return 1;
    }
}

/** `synth` as the entry point lists it. */
export const SYNTH_COMMAND: Command = {
    name: "synth",
    summary: "render the stack program per member cluster offline, with a per-cluster diff (--check for CI)",
    usage: SYNTH_USAGE,
    run: synthCommand,
};

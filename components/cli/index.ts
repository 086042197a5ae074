#!/usr/bin/env node
/**
 * The `pulumi-federation` command's entry point: it finds the subcommand, answers `--help` and
 * `--version`, and hands the remaining arguments to the subcommand's own file (one file per
 * command in this folder; each owns its usage text, which docs/cli/reference.md is generated from).
 */
import { printable } from "../errors";
import { Command } from "./command";
import { CLUSTERS_COMMAND } from "./clusters";
import { CONVERT_COMMAND } from "./convert";
import { DRIFT_COMMAND } from "./drift";
import { ENABLE_COMMAND } from "./enable";
import { FEDERATE_COMMAND } from "./federate";
import { IMPORT_COMMAND } from "./import";
import { JOIN_COMMAND, UNJOIN_COMMAND } from "./join";
import { RECONCILE_COMMAND } from "./reconcile";
import { SYNTH_COMMAND } from "./synth";
import { packageVersion } from "./version";

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [SYNTH_COMMAND, JOIN_COMMAND, UNJOIN_COMMAND, CLUSTERS_COMMAND, DRIFT_COMMAND, RECONCILE_COMMAND, CONVERT_COMMAND, FEDERATE_COMMAND, ENABLE_COMMAND, IMPORT_COMMAND];

const HELP_FLAGS = ["--help", "-h"];

/** `pulumi-federation --help`: the commands, one line each. */
export function topUsage(): string {
    const width = Math.max(...COMMANDS.map((command) => command.name.length));
    return [
        "usage: pulumi-federation <command> [options]",
        "",
        "Kubernetes federation as typed Pulumi components: the tools beside the library.",
        "",
        "Commands:",
        ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
        "",
        "Options:",
        "  -h, --help     print this list, or with a command, that command's usage",
        "  --version      print the version of pulumi-federation",
        "",
        'Run "pulumi-federation <command> --help" for a command\'s options.',
    ].join("\n");
}

/** Runs the command line (without `node` and the script); resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
    const [name, ...rest] = argv;
    if (name === undefined) {
        // A usage error, like every other: on stderr.
        console.error(topUsage());
        return 1;
    }
    if (HELP_FLAGS.includes(name) || name === "help") {
        const about = name === "help" && rest.length > 0 ? COMMANDS.find((command) => command.name === rest[0]) : undefined;
        if (name === "help" && rest.length > 0 && about === undefined) return unknownCommand(rest[0]);
        console.log(about?.usage ?? topUsage());
        return 0;
    }
    if (name === "--version" || name === "version") {
        console.log(packageVersion());
        return 0;
    }
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (command === undefined) return unknownCommand(name);
    if (rest.some((argument) => HELP_FLAGS.includes(argument))) {
        console.log(command.usage);
        return 0;
    }
    return command.run(rest);
}

function unknownCommand(name: string): number {
    console.error(printable(`pulumi-federation: unknown command ${JSON.stringify(name)}\n\n${topUsage()}`, true));
    return 1;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => { process.exitCode = code; },
        (error) => { console.error(error); process.exitCode = 1; },
    );
}

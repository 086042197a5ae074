/**
 * `pulumi-federation import`: runs a stack's program offline, as synth does, and writes the
 * bulk-import file that `pulumi import --file` reads to adopt every object the program declares
 * (see synth/importFile.ts), and prints the three commands that adopt them. No cluster is contacted.
 */
import { shellWord } from "../manifests/shellWord";
import * as fs from "fs";
import { commandFailed, flags } from "./argv";
import { Command } from "./command";
import { FederationError, printable } from "../errors";
import { EXCLUDE_OBJECTS, importFile } from "../synth/importFile";
import { runStackProgram, stackName } from "../synth/stack";

export const IMPORT_USAGE = `usage: pulumi-federation import [--stack NAME] [--config-file FILE] [--dir PROJECT] [--out FILE] [--skip-type-check]

Writes the bulk-import file (pulumi import --file) that adopts every Kubernetes object the stack's
program declares, so that objects already running in the clusters are taken over instead of
created. Three steps, each printed when the file is written:

  1. pulumi up ${EXCLUDE_OBJECTS.map((glob) => `--exclude '${glob}'`).join(" ")}
     creates the components and providers from the program, and no Kubernetes object;
  2. pulumi import --file FILE --protect=false --generate-code=false
     records every object as the program declares it;
  3. pulumi refresh
     reads every adopted object: a missing one leaves the state, and the preview offers it.

  --stack NAME        stack config to use (default: dev)
  --config-file FILE  stack config file to use instead of Pulumi.<stack>.yaml
  --dir PROJECT       project folder holding Pulumi.yaml (default: .)
  --out FILE          write there instead of standard output
  --skip-type-check   run a TypeScript program without type-checking it first`;

export async function importCommand(args: readonly string[]): Promise<number> {
    let stack = "dev";
    let directory = ".";
    let configFile: string | undefined;
    let out: string | undefined;
    let typeCheck = true;
    try {
        for (const { flag, value } of flags(args)) {
            if (flag === "--stack") stack = value();
            else if (flag === "--dir") directory = value();
            else if (flag === "--config-file") configFile = value();
            else if (flag === "--out") out = value();
            else if (flag === "--skip-type-check") typeCheck = false;
            else throw new Error(flag.startsWith("-") ? `unknown option ${flag}` : `unexpected argument ${JSON.stringify(flag)}`);
        }
        stackName(stack);
        const run = await runStackProgram({ directory, stack, configFile, typeCheck, onNote: (line) => console.error(printable(`import: ${line}`, true)) });
        if (run.typeErrors.length > 0) throw new FederationError({ resource: run.main }, `does not type-check:\n${run.typeErrors.join("\n")}`);
        if (run.capture.error) throw run.capture.error;
        const text = `${JSON.stringify(importFile(run.capture, { stack: stackName(stack), project: run.project }), null, 4)}\n`;
        if (out !== undefined) fs.writeFileSync(out, text);
        else process.stdout.write(text);
        const file = out !== undefined ? shellWord(out) : "FILE";
        const stackFlag = `--stack ${stack}${configFile !== undefined ? ` --config-file ${shellWord(configFile)}` : ""}`;
        console.error(`pulumi-federation import: now run, in ${shellWord(directory)}:
  pulumi up ${stackFlag} ${EXCLUDE_OBJECTS.map((glob) => `--exclude '${glob}'`).join(" ")}
  pulumi import ${stackFlag} --file ${file} --protect=false --generate-code=false
  pulumi refresh ${stackFlag}`);
        return 0;
    } catch (error) {
        return commandFailed("import", IMPORT_USAGE, error);
    }
}

/** `import` as the entry point lists it. */
export const IMPORT_COMMAND: Command = {
    name: "import",
    summary: "the bulk-import file that adopts objects already running in the clusters (pulumi import --file)",
    usage: IMPORT_USAGE,
    run: importCommand,
};

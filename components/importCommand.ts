/**
 * `pulumi-federation import`: runs a stack's program offline, as synth does, and writes the
 * bulk-import file that `pulumi import --file` reads to adopt every object the program declares
 * (see synth/importFile.ts). No cluster is contacted.
 */
import * as fs from "fs";
import { flags } from "./argv";
import { FederationError } from "./errors";
import { importFile } from "./synth/importFile";
import { runStackProgram, stackName } from "./synth/stack";

export const IMPORT_USAGE = `usage: pulumi-federation import [--stack NAME] [--config-file FILE] [--dir PROJECT] [--out FILE] [--skip-type-check]

Writes the bulk-import file (pulumi import --file) that adopts every Kubernetes object the stack's
program declares, with the components and providers above them, so that objects already running
in the clusters are taken over instead of created. No kubeconfig is written: run pulumi import
with KUBECONFIG set. Then: pulumi import --file FILE --protect=false --generate-code=false.

  --stack NAME        stack config to use (default: dev)
  --config-file FILE  stack config file to use instead of Pulumi.<stack>.yaml
  --dir PROJECT       project folder holding Pulumi.yaml (default: .)
  --out FILE          write there instead of standard output`;

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
        const run = await runStackProgram({ directory, stack, configFile, typeCheck });
        if (run.typeErrors.length > 0) throw new FederationError({ resource: run.main }, `does not type-check:\n${run.typeErrors.join("\n")}`);
        if (run.capture.error) throw run.capture.error;
        const text = `${JSON.stringify(importFile(run.capture), null, 4)}\n`;
        if (out !== undefined) fs.writeFileSync(out, text);
        else process.stdout.write(text);
        return 0;
    } catch (error) {
        const usage = error instanceof FederationError || (error as { __pulumiRunError?: boolean }).__pulumiRunError ? "" : `\n\n${IMPORT_USAGE}`;
        console.error(`pulumi-federation import: ${(error as Error).message}${usage}`);
        return 1;
    }
}

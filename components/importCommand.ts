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

export const IMPORT_USAGE = `usage: pulumi-federation import --components|--objects [--stack NAME] [--config-file FILE] [--dir PROJECT] [--out FILE] [--skip-type-check]

Writes the bulk-import files (pulumi import --file) that adopt every Kubernetes object the stack's
program declares, so that objects already running in the clusters are taken over instead of
created: --components first (the components above them), then --objects (the providers and the
objects). No kubeconfig is written: run pulumi import with KUBECONFIG set. Each file then goes to
pulumi import --file FILE --protect=false --generate-code=false.

  --components        the first file: the program's components
  --objects           the second file: its providers and Kubernetes objects
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
    let part: "components" | "objects" | undefined;
    try {
        for (const { flag, value } of flags(args)) {
            if (flag === "--stack") stack = value();
            else if (flag === "--dir") directory = value();
            else if (flag === "--config-file") configFile = value();
            else if (flag === "--out") out = value();
            else if (flag === "--skip-type-check") typeCheck = false;
            else if (flag === "--components" || flag === "--objects") {
                if (part !== undefined) throw new Error("give one of --components and --objects");
                part = flag === "--components" ? "components" : "objects";
            }
            else throw new Error(flag.startsWith("-") ? `unknown option ${flag}` : `unexpected argument ${JSON.stringify(flag)}`);
        }
        if (part === undefined) throw new Error("say which file: --components (first) or --objects (then)");
        stackName(stack);
        const run = await runStackProgram({ directory, stack, configFile, typeCheck });
        if (run.typeErrors.length > 0) throw new FederationError({ resource: run.main }, `does not type-check:\n${run.typeErrors.join("\n")}`);
        if (run.capture.error) throw run.capture.error;
        const text = `${JSON.stringify(importFile(run.capture, { part, stack: stackName(stack), project: run.project }), null, 4)}\n`;
        if (out !== undefined) fs.writeFileSync(out, text);
        else process.stdout.write(text);
        return 0;
    } catch (error) {
        const usage = error instanceof FederationError || (error as { __pulumiRunError?: boolean }).__pulumiRunError ? "" : `\n\n${IMPORT_USAGE}`;
        console.error(`pulumi-federation import: ${(error as Error).message}${usage}`);
        return 1;
    }
}

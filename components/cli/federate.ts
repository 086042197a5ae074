/**
 * `pulumi-federation federate`: plain Kubernetes objects (files, folders, or `-` for stdin) as
 * KubeFed `Federated<Kind>` YAML, as `kubefedctl federate -f ... -o yaml` writes it, or with
 * `--typescript` as the typed program that declares the same federation. Offline: no cluster and
 * no kubeconfig (kubefedctl needs one even with -f). See manifests/federate.ts.
 */
import * as fs from "fs";
import { yamlText } from "../manifests/yamlText";
import { flags, labelPairs, runFileCommand } from "./argv";
import { Command } from "./command";
import { FederateOptions, federateDocuments } from "../manifests/federate";
import { federatedProgram } from "../manifests/federateProgram";
import { ManifestDocument, loadFederationManifests, parseManifestText } from "../manifests/load";
import { typedFederatedClassFor } from "../resources/typed";

export const FEDERATE_USAGE = `usage: pulumi-federation federate -f FILE|FOLDER|- [-f ...] [--clusters NAME,...] [--placement KEY=VALUE,...] [--typescript] [--out FILE]

Turns plain Kubernetes objects into KubeFed Federated<Kind> documents (types.kubefed.io/v1beta1),
as kubefedctl federate does: same name and namespace, the object as spec.template without what a
cluster sets, placed on every member. No cluster or kubeconfig is needed.

  -f, --filename PATH  a YAML file, a folder of them, or - for standard input (repeatable)
  --clusters LIST      place on these members (placement.clusters) instead of every member
  --placement LABELS   place by these member labels (clusterSelector.matchLabels), e.g. tier=prod
  --typescript         print the typed program that declares the same federation instead
  --out FILE           write there instead of standard output`;

export interface FederateOutput {
    text: string;
    notes: string[];
    out?: string;
}

/** Parses the arguments and federates; throws an Error (usage) or a FederationError (the objects). */
export function federate(args: readonly string[], readStdin: () => string = () => fs.readFileSync(0, "utf8")): FederateOutput {
    const inputs: string[] = [];
    const options: FederateOptions = {};
    let typescript = false;
    let out: string | undefined;
    for (const { flag, value } of flags(args)) {
        if (flag === "-f" || flag === "--filename") inputs.push(value());
        else if (flag === "--clusters") options.clusters = list(value(), "--clusters");
        else if (flag === "--placement") options.clusterSelector = { matchLabels: labelPairs(value(), "--placement") };
        else if (flag === "--typescript") typescript = true;
        else if (flag === "--out") out = value();
        else if (flag.startsWith("-")) throw new Error(`unknown option ${flag}`);
        else throw new Error(`${JSON.stringify(flag)}: name the objects to federate with -f (a file, a folder, or - for standard input)`);
    }
    if (inputs.length === 0) throw new Error("name the objects to federate with -f (a file, a folder, or - for standard input)");
    if (options.clusters && options.clusterSelector) throw new Error("give --clusters or --placement, not both");
    const documents: ManifestDocument[] = inputs.flatMap((input) => (input === "-" ? parseManifestText(readStdin(), "<stdin>") : loadFederationManifests([input])));
    const { federated, notes } = federateDocuments(documents, options);
    if (typescript) return { text: federatedProgram(federated, (apiVersion, kind) => typedFederatedClassFor(apiVersion, kind)?.name), notes, out };
    // As kubefedctl writes it: each document after "---", keys sorted, lists not indented under
    // their key, and strings YAML 1.1 would read as something else (yes, on, 0755) quoted, since
    // kubectl reads YAML 1.1.
    const text = federated.map(({ federated: object }) => `---\n${yamlText(object, { sortMapEntries: true, indentSeq: false })}`).join("");
    return { text, notes, out };
}

function list(text: string, flag: string): string[] {
    const names = text.split(",").map((name) => name.trim());
    if (names.some((name) => name === "")) throw new Error(`${flag}: a comma-separated list of member names`);
    return names;
}

/** The command: the documents (or program) to stdout or --out, notes to stderr. */
export function federateCommand(args: readonly string[]): number {
    return runFileCommand("federate", FEDERATE_USAGE, () => federate(args));
}

/** `federate` as the entry point lists it. */
export const FEDERATE_COMMAND: Command = {
    name: "federate",
    summary: "plain Kubernetes objects as KubeFed Federated<Kind> YAML, or as a typed program (--typescript)",
    usage: FEDERATE_USAGE,
    run: federateCommand,
};

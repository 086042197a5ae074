/**
 * `pulumi-federation convert --to karmada`: a KubeFed installation's manifests as the objects a
 * Karmada control plane needs (resource templates and policies), written as YAML, with a report
 * of what did not map on stderr. Offline: no cluster, no Karmada. See karmada/convert.ts.
 */
import { yamlText } from "../manifests/yamlText";
import { flags, labelPairs, runFileCommand } from "./argv";
import { Command } from "./command";
import { convertToKarmada } from "../karmada/convert";
import { loadFederationManifests } from "../manifests/load";
import { planFederation } from "../manifests/plan";
import { Member } from "../planning/members";

export const CONVERT_USAGE = `usage: pulumi-federation convert --to karmada [--cluster NAME[:key=value,...]]... [--out FILE] MANIFESTS...

Plans a KubeFed installation's manifests (files or folders) and writes, for each federated
object, its resource template, PropagationPolicy and (where clusters differ) OverridePolicy for
Karmada. What did not map is reported on stderr. Members come from the KubeFedCluster documents,
or from --cluster (repeatable), e.g. --cluster eu-1:region=eu,tier=prod.

  --to karmada        the target (the only one)
  --cluster SPEC      a member and its labels, instead of the KubeFedCluster documents
  --out FILE          write the YAML there instead of stdout`;

export interface ConvertOutput {
    yaml: string;
    report: string[];
}

/** Parses the arguments and converts; throws an Error (usage) or a FederationError (the manifests). */
export function convert(args: readonly string[]): ConvertOutput & { out?: string } {
    let to: string | undefined;
    let out: string | undefined;
    const clusters: Member[] = [];
    const paths: string[] = [];
    for (const { flag, value } of flags(args)) {
        if (flag === "--to") {
            if (to !== undefined) throw new Error("--to is given twice");
            to = value();
        } else if (flag === "--out") {
            if (out !== undefined) throw new Error("--out is given twice");
            out = value();
        } else if (flag === "--cluster") clusters.push(clusterSpec(value()));
        else if (flag.startsWith("-")) throw new Error(`unknown option ${flag}`);
        else paths.push(flag);
    }
    if (to !== "karmada") throw new Error(to === undefined ? "--to karmada is needed" : `--to ${to}: the only target is karmada`);
    if (paths.length === 0) throw new Error("name the manifests to convert (files or folders)");
    const documents = loadFederationManifests(paths);
    const plan = planFederation(documents, clusters.length > 0 ? clusters : undefined, { validateSchema: true });
    const { documents: converted, report } = convertToKarmada(plan, documents);
    const yaml = converted.map((object) => yamlText(object)).join("---\n");
    return { yaml, report, out };
}

/** `name` or `name:key=value,key=value`. */
function clusterSpec(spec: string): Member {
    const [name, labelText] = spec.split(/:(.*)/s, 2);
    return { name, labels: labelText ? labelPairs(labelText, `--cluster ${JSON.stringify(spec.slice(0, 120))}`) : {} };
}

/** The command: YAML to stdout or --out, the report to stderr. */
export function convertCommand(args: readonly string[]): number {
    return runFileCommand("convert", CONVERT_USAGE, () => {
        const result = convert(args);
        return { text: result.yaml, out: result.out, notes: result.report };
    });
}

/** `convert` as the entry point lists it. */
export const CONVERT_COMMAND: Command = {
    name: "convert",
    summary: "a KubeFed installation's manifests as Karmada resource templates and policies (YAML)",
    usage: CONVERT_USAGE,
    run: convertCommand,
};

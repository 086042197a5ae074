/**
 * `pulumi-federation convert --to karmada`: a KubeFed installation's manifests as the objects a
 * Karmada control plane needs (resource templates and policies), written as YAML, with a report
 * of what did not map on stderr. Offline: no cluster, no Karmada. See karmada/convert.ts.
 */
import { yamlText } from "../manifests/yamlText";
import { flags, labelPairs, runFileCommand } from "./argv";
import { Command } from "./command";
import { KarmadaConversion, conversionSummary, convertManifestsToKarmada } from "../karmada/convert";
import { loadFederationManifests } from "../manifests/load";
import { Member } from "../planning/members";

export const CONVERT_USAGE = `usage: pulumi-federation convert --to karmada [--cluster NAME[:key=value,...]]... [--out FILE] [--allow-drops] MANIFESTS...

Plans a KubeFed installation's manifests (files or folders) and writes, for each federated
object, its resource template, PropagationPolicy and (where clusters differ) OverridePolicy for
Karmada. Members come from the KubeFedCluster documents, or from --cluster (repeatable), e.g.
--cluster eu-1:region=eu,tier=prod. Notes go to stderr, ending with a summary of what was not
carried over. An object the mapping refuses is left out of the YAML (the rest is still written)
and the exit status is 1, unless --allow-drops is given.

  --to karmada        the target (the only one)
  --cluster SPEC      a member and its labels, instead of the KubeFedCluster documents
  --out FILE          write the YAML there instead of stdout
  --allow-drops       exit 0 even when objects were left out (the summary still lists them)

Exit codes: 0 done, 1 the arguments or the manifests failed, or an object was left out
(the YAML of the rest is written all the same).`;

export interface ConvertOutput {
    yaml: string;
    /** Every note, then the summary: for stderr. */
    report: string[];
    /** True when objects were left out and --allow-drops was not given: exit status 1. */
    failed: boolean;
    conversion: KarmadaConversion;
}

/** Parses the arguments and converts; throws an Error (usage) or a FederationError (the manifests). */
export function convert(args: readonly string[]): ConvertOutput & { out?: string } {
    let to: string | undefined;
    let out: string | undefined;
    let allowDrops = false;
    const clusters: Member[] = [];
    const paths: string[] = [];
    for (const { flag, value, inline } of flags(args)) {
        if (flag === "--to") {
            if (to !== undefined) throw new Error("--to is given twice");
            to = value();
        } else if (flag === "--out") {
            if (out !== undefined) throw new Error("--out is given twice");
            out = value();
        } else if (flag === "--allow-drops") {
            if (inline !== undefined) throw new Error("--allow-drops takes no value");
            allowDrops = true;
        } else if (flag === "--cluster") clusters.push(clusterSpec(value()));
        else if (flag.startsWith("-")) throw new Error(`unknown option ${flag}`);
        else paths.push(flag);
    }
    if (to !== "karmada") throw new Error(to === undefined ? "--to karmada is needed" : `--to ${to}: the only target is karmada`);
    if (paths.length === 0) throw new Error("name the manifests to convert (files or folders)");
    const documents = loadFederationManifests(paths);
    if (clusters.length === 0 && !documents.some((document) => document.object.kind === "KubeFedCluster")) {
        throw new Error(
            "the manifests declare no member (no KubeFedCluster document) and no --cluster is given: name each member with " +
                "--cluster NAME[:key=value,...] (repeatable), with the labels placement selects on, e.g. --cluster eu-1:region=eu; " +
                "or add the KubeFedCluster documents to the manifests",
        );
    }
    const conversion = convertManifestsToKarmada(documents, clusters.length > 0 ? clusters : undefined);
    const yaml = conversion.documents.map((object) => yamlText(object)).join("---\n");
    const destination = out ?? "stdout";
    const report = [...conversion.report, ...conversionSummary(conversion, { destination })];
    const dropped = conversion.dropped.length;
    const failed = dropped > 0 && !allowDrops;
    if (dropped > 0) {
        const them = dropped === 1 ? "it" : "them";
        report.push(
            allowDrops
                ? `--allow-drops: exit status 0 with ${dropped} object(s) left out; the YAML written to ${destination} holds everything else`
                : `exit status 1: ${dropped} object(s) left out. The YAML of what did convert is written to ${destination} all the same, to inspect; ` +
                      `fix ${them} in the manifests and convert again, or pass --allow-drops to accept leaving ${them} out`,
        );
    }
    return { yaml, report, failed, conversion, out };
}

/** `name` or `name:key=value,key=value`. */
function clusterSpec(spec: string): Member {
    const [name, labelText] = spec.split(/:(.*)/s, 2);
    return { name, labels: labelText ? labelPairs(labelText, `--cluster ${JSON.stringify(spec.slice(0, 120))}`) : {} };
}

/** The command: YAML to stdout or --out, the report and its summary to stderr; 1 when an object was left out. */
export function convertCommand(args: readonly string[]): number {
    let failed = false;
    const code = runFileCommand("convert", CONVERT_USAGE, () => {
        const result = convert(args);
        failed = result.failed;
        return { text: result.yaml, out: result.out, notes: result.report };
    });
    // The YAML is written either way; a lost object still fails the command (unless --allow-drops).
    return code === 0 && failed ? 1 : code;
}

/** `convert` as the entry point lists it. */
export const CONVERT_COMMAND: Command = {
    name: "convert",
    summary: "a KubeFed installation's manifests as Karmada resource templates and policies (YAML)",
    usage: CONVERT_USAGE,
    run: convertCommand,
};

/**
 * `pulumi-federation enable`: the FederatedTypeConfig and federated CRD for a kind, as
 * `kubefedctl enable <kind> -o yaml` writes them, offline: a built-in kind by name, or the kinds
 * of a CustomResourceDefinition file. See manifests/enable.ts.
 */
import * as fs from "fs";
import { yamlText } from "../manifests/yamlText";
import { flags, runFileCommand } from "./argv";
import { Command } from "./command";
import { FederationError } from "../errors";
import { builtInTargets, crdTargets, enableType, resolveTarget } from "../manifests/enable";
import { documentLabel } from "../manifests/kubefed";
import { loadFederationManifests } from "../manifests/load";

export const ENABLE_USAGE = `usage: pulumi-federation enable KIND|CRD-FILE [--kind NAME] [--version VERSION] [--federated-group GROUP] [--federated-version VERSION] [--out FILE]

Writes the FederatedTypeConfig and the CustomResourceDefinition of Federated<Kind>, as kubefedctl
enable -o yaml does. KIND is a built-in kind's plural, kind, short name or plural.group (deploy,
Deployment, deployments.apps); a file holding CustomResourceDefinitions enables each of their
kinds (or the one named with --kind).

  --kind NAME               with a CRD file: only this kind
  --version VERSION         the target's version (default: the one an API server prefers)
  --federated-group GROUP   the federated type's group (default types.kubefed.io)
  --federated-version V     the federated type's version (default v1beta1)
  --out FILE                write there instead of standard output`;

export function enable(args: readonly string[]): { text: string; out?: string } {
    const positional: string[] = [];
    let version: string | undefined;
    let kind: string | undefined;
    let out: string | undefined;
    const options: { federatedGroup?: string; federatedVersion?: string } = {};
    for (const { flag, value } of flags(args)) {
        if (flag === "--version") version = value();
        else if (flag === "--kind") kind = value();
        else if (flag === "--federated-group") options.federatedGroup = value();
        else if (flag === "--federated-version") options.federatedVersion = value();
        else if (flag === "--out") out = value();
        else if (flag.startsWith("-")) throw new Error(`unknown option ${flag}`);
        else positional.push(flag);
    }
    if (positional.length !== 1) throw new Error(positional.length === 0 ? "name the kind to enable, or a CustomResourceDefinition file" : "name one kind or one file");
    const [name] = positional;
    let targets;
    // A file (or a .yaml path) is a CRD file; a name such as `secrets` stays a name even where a
    // folder of that name exists.
    if ((fs.existsSync(name) && fs.statSync(name).isFile()) || /\.(ya?ml|json)$/.test(name)) {
        const fromFile = crdTargets(loadFederationManifests([name]), documentLabel, version);
        if (fromFile.length === 0) throw new FederationError({ resource: name }, "holds no CustomResourceDefinition");
        targets = kind === undefined ? fromFile : [resolveTarget(kind, fromFile, version)];
    } else {
        if (kind !== undefined) throw new Error("--kind goes with a CustomResourceDefinition file");
        targets = [resolveTarget(name, builtInTargets(), version)];
    }
    const documents = targets.flatMap((target) => enableType(target, options));
    return { text: documents.map((document) => `---\n${yamlText(document, { sortMapEntries: true, indentSeq: false })}`).join(""), out };
}

export function enableCommand(args: readonly string[]): number {
    return runFileCommand("enable", ENABLE_USAGE, () => enable(args));
}

/** `enable` as the entry point lists it. */
export const ENABLE_COMMAND: Command = {
    name: "enable",
    summary: "the FederatedTypeConfig and federated CRD for a kind, as kubefedctl enable -o yaml writes them",
    usage: ENABLE_USAGE,
    run: enableCommand,
};

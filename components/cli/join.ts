/**
 * `pulumi-federation join` and `unjoin`: kubefedctl's join and unjoin for a stack. Join checks the
 * context reaches a live API server, refuses a name or a server already joined, and adds the
 * member to the stack's config file (comments and order kept); with `--service-account` it makes
 * the federation its own identity in the member (join/identity.ts) and stores that identity's
 * kubeconfig as a Pulumi secret, through the Pulumi CLI, never the admin's credentials.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { commandFailed, flags, labelPairs } from "./argv";
import { Command } from "./command";
import { FederationError, printable } from "../errors";
import { connection, kubeconfigContents } from "../health/probe";
import { createFederationIdentity, deleteFederationIdentity, memberConnection, memberVersion, tokenKubeconfig } from "../join/identity";
import { listedMembers, readStackFile, withMember, withoutMember } from "../join/stackFile";
import { dns1123LabelProblem } from "../planning/names";
import { stackName } from "../synth/stack";

export const JOIN_USAGE = `usage: pulumi-federation join NAME --cluster-context CONTEXT [--kubeconfig FILE] [--labels K=V,...] [--host]
                              [--service-account] [--stack NAME] [--dir PROJECT] [--config-file FILE]

Joins a member cluster to the stack's federation, as kubefedctl join does: checks that the context
reaches a live API server (its version), refuses a name or an API server the stack already has,
and adds { name, context, labels, host } to the stack's <project>:clusters (comments and order kept).

With --service-account, the federation gets an identity of its own in the member: the namespace
kube-federation-system, a ServiceAccount, a ClusterRole with every verb on every resource (what
KubeFed's join grants: a federation deploys any kind) bound to it, and a token. The member's entry
then holds a kubeconfig for that identity, set as a Pulumi secret through the Pulumi CLI (the
stack's secrets provider encrypts it); the admin's credentials are only used to set this up.

  --cluster-context CONTEXT  the kubeconfig context that reaches the member (required)
  --kubeconfig FILE          the kubeconfig (default: kubectl's, KUBECONFIG or ~/.kube/config);
                             without --service-account the entry names this file
  --labels K=V,...           the member's labels (region, zone, tier...)
  --host                     the member is the host cluster (DNSEndpoints go there)
  --service-account          make and use a federation identity in the member (see above)
  --stack NAME               stack to join it to (default: dev)
  --dir PROJECT              project folder holding Pulumi.yaml (default: .)
  --config-file FILE         stack config file to use instead of Pulumi.<stack>.yaml`;

export const UNJOIN_USAGE = `usage: pulumi-federation unjoin NAME [--service-account --cluster-context CONTEXT [--kubeconfig FILE]]
                                [--stack NAME] [--dir PROJECT] [--config-file FILE]

Removes the member from the stack's <project>:clusters (comments and order kept), as kubefedctl
unjoin does. With --service-account, also deletes the identity join made in the member (the
ClusterRoleBinding, the ClusterRole, the token Secret and the ServiceAccount; the namespace stays).
The next pulumi up deletes the member's objects (or forgets them: mark it unavailable first if its
cluster is gone).

  --service-account          delete the federation identity join made in the member
  --cluster-context CONTEXT  with --service-account: the admin's context for the member
  --kubeconfig FILE          the kubeconfig (default: kubectl's)
  --stack NAME               stack (default: dev)
  --dir PROJECT              project folder holding Pulumi.yaml (default: .)
  --config-file FILE         stack config file to use instead of Pulumi.<stack>.yaml`;

interface Common {
    name?: string;
    context?: string;
    kubeconfigFile?: string;
    labels: Record<string, string>;
    host: boolean;
    serviceAccount: boolean;
    stack: string;
    directory: string;
    configFile?: string;
}

function parseArgs(args: readonly string[], command: string): Common {
    const options: Common = { labels: {}, host: false, serviceAccount: false, stack: "dev", directory: "." };
    for (const { flag, value } of flags(args)) {
        if (flag === "--cluster-context") options.context = value();
        else if (flag === "--kubeconfig") options.kubeconfigFile = value();
        else if (flag === "--labels" && command === "join") options.labels = labelPairs(value(), "--labels");
        else if (flag === "--host" && command === "join") options.host = true;
        else if (flag === "--service-account") options.serviceAccount = true;
        else if (flag === "--stack") options.stack = value();
        else if (flag === "--dir") options.directory = value();
        else if (flag === "--config-file") options.configFile = value();
        else if (!flag.startsWith("-") && options.name === undefined) options.name = flag;
        else throw new Error(flag.startsWith("-") ? `unknown option ${flag}` : `unexpected argument ${JSON.stringify(flag)}`);
    }
    if (options.name === undefined) throw new Error("give the member's NAME");
    const problem = dns1123LabelProblem(options.name);
    if (problem) throw new FederationError({ resource: `member ${JSON.stringify(options.name)}` }, `member cluster name ${problem}`);
    stackName(options.stack);
    return options;
}

/** The project's name (Pulumi.yaml) and its stack config file. */
function stackFileOf(options: Common): { project: string; file: string } {
    const projectFile = path.join(options.directory, "Pulumi.yaml");
    if (!fs.existsSync(projectFile)) throw new FederationError({ resource: projectFile }, "no Pulumi.yaml here: point --dir at the project folder");
    const project = String((parse(fs.readFileSync(projectFile, "utf8")) ?? {}).name ?? path.basename(path.resolve(options.directory)));
    return { project, file: options.configFile ?? path.join(options.directory, `Pulumi.${stackName(options.stack)}.yaml`) };
}

/** `pulumi config set --secret --path KEY`, the value on standard input (never on a command line). */
function setSecret(options: Common, key: string, value: string): Promise<void> {
    const args = ["config", "set", "--secret", "--path", key, "--stack", options.stack, ...(options.configFile ? ["--config-file", options.configFile] : [])];
    return new Promise((resolve, reject) => {
        const child = spawn("pulumi", args, { cwd: options.directory, stdio: ["pipe", "ignore", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
        child.on("error", (error) => reject(new Error((error as NodeJS.ErrnoException).code === "ENOENT" ? "the pulumi command is not on PATH: it sets the kubeconfig as a secret" : error.message)));
        child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`pulumi config set --secret failed: ${stderr.trim().split("\n").pop()}`))));
        child.stdin.end(value);
    });
}

export async function joinCommand(args: readonly string[]): Promise<number> {
    try {
        const options = parseArgs(args, "join");
        if (options.context === undefined) throw new Error("give --cluster-context: the kubeconfig context that reaches the member");
        const name = options.name!;
        const { project, file } = stackFileOf(options);
        const text = readStackFile(file);
        const listed = listedMembers(text, project);
        if (listed.some((member) => member.name === name)) throw new FederationError({ resource: `member ${name}` }, `is already joined to stack ${options.stack}; unjoin it first`);
        const kubeconfig = options.kubeconfigFile === undefined ? undefined : fs.readFileSync(options.kubeconfigFile, "utf8");
        const member = await memberConnection(kubeconfig, options.context).catch((error: Error) => {
            throw new FederationError({ resource: `member ${name}` }, `context ${JSON.stringify(options.context)}: ${error.message}`);
        });
        const version = await memberVersion(member).catch((error: Error) => {
            throw new FederationError({ resource: `member ${name}` }, `context ${JSON.stringify(options.context)} does not reach a live API server at ${member.server}: ${error.message}`);
        });
        // A server already joined under another name (by its context in the same kubeconfig).
        for (const other of listed) {
            if (other.context === undefined) continue;
            const otherKubeconfig = other.kubeconfig !== undefined ? kubeconfigContents(other.kubeconfig) : kubeconfig;
            const reach = await connection({ name: other.name, kubeconfig: otherKubeconfig, context: other.context }).catch(() => undefined);
            if (reach?.server === member.server) throw new FederationError({ resource: `member ${name}` }, `its API server ${member.server} is already joined as ${other.name}`);
        }
        const entry = { name, labels: options.labels, host: options.host, ...(options.serviceAccount ? {} : { context: options.context }) };
        const edited = withMember(text, project, entry);
        let identity: string | undefined;
        let kubeconfigForFederation: string | undefined;
        if (options.serviceAccount) {
            const { token, source } = await createFederationIdentity(member, options.stack).catch((error: Error) => {
                throw new FederationError({ resource: `member ${name}` }, `cannot make the federation's identity there: ${error.message}`);
            });
            kubeconfigForFederation = tokenKubeconfig(name, member, token);
            identity = source;
        }
        let written = edited.text;
        // Without --service-account, a kubeconfig other than kubectl's is named by its path.
        if (!options.serviceAccount && options.kubeconfigFile !== undefined) {
            written = withMember(text, project, { ...entry, kubeconfig: path.resolve(options.kubeconfigFile) }).text;
        }
        fs.writeFileSync(file, written);
        if (kubeconfigForFederation !== undefined) {
            await setSecret(options, `${project}:clusters[${edited.index}].kubeconfig`, kubeconfigForFederation).catch((error: Error) => {
                throw new FederationError({ resource: `member ${name}`, field: "kubeconfig" }, `${error.message}; the member's entry is written without it: unjoin it and join again`);
            });
        }
        console.log(printable(`joined ${name} (${member.server}, ${version}) to stack ${options.stack}${identity ? `, as the federation's ServiceAccount with ${identity}; its kubeconfig is a secret in the stack config` : ""}`));
        return 0;
    } catch (error) {
        return commandFailed("join", JOIN_USAGE, error);
    }
}

export async function unjoinCommand(args: readonly string[]): Promise<number> {
    try {
        const options = parseArgs(args, "unjoin");
        const name = options.name!;
        if (options.serviceAccount && options.context === undefined) throw new Error("--service-account needs --cluster-context: the admin's context to delete the identity with");
        const { project, file } = stackFileOf(options);
        const edited = withoutMember(readStackFile(file), project, name);
        if (edited === undefined) throw new FederationError({ resource: `member ${name}` }, `is not a member of stack ${options.stack}`);
        if (options.serviceAccount) {
            const kubeconfig = options.kubeconfigFile === undefined ? undefined : fs.readFileSync(options.kubeconfigFile, "utf8");
            await deleteFederationIdentity(await memberConnection(kubeconfig, options.context!), options.stack).catch((error: Error) => {
                throw new FederationError({ resource: `member ${name}` }, `cannot delete the federation's identity there: ${error.message}`);
            });
        }
        fs.writeFileSync(file, edited);
        console.log(printable(`unjoined ${name} from stack ${options.stack}${options.serviceAccount ? "; the federation's identity in it is deleted" : ""}`));
        return 0;
    } catch (error) {
        return commandFailed("unjoin", UNJOIN_USAGE, error);
    }
}

export const JOIN_COMMAND: Command = { name: "join", summary: "join a member cluster to a stack (kubefedctl join), optionally with a service account of its own", usage: JOIN_USAGE, run: joinCommand };
export const UNJOIN_COMMAND: Command = { name: "unjoin", summary: "remove a member from a stack (kubefedctl unjoin), and the identity join made", usage: UNJOIN_USAGE, run: unjoinCommand };

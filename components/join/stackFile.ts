/**
 * A stack's config file (Pulumi.<stack>.yaml) edited in place for `join` and `unjoin`: the
 * members list `<project>:clusters` gains or loses one entry, and every comment and the order of
 * everything else stay as they were (the `yaml` library's Document keeps them).
 */
import * as fs from "fs";
import { Document, isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from "yaml";
import { FederationError } from "../errors";

/** A member's entry as `join` writes it (a secret kubeconfig is set afterwards through the Pulumi CLI). */
export interface JoinedMember {
    name: string;
    context?: string;
    labels?: Record<string, string>;
    host?: boolean;
    /** A kubeconfig file's path (the provider takes a path or contents). */
    kubeconfig?: string;
}

/** The members list of the file's text: each entry's name and context (plain values only). */
export function listedMembers(text: string, project: string): { name: string; context?: string; kubeconfig?: string }[] {
    const document = parseDocument(text);
    const list = document.getIn(["config", `${project}:clusters`], true);
    if (list === undefined) return [];
    if (!isSeq(list)) throw new FederationError({ resource: `stack config ${project}:clusters` }, "must be a list of member clusters");
    return (list as YAMLSeq).items.map((item) => {
        const entry = isMap(item) ? (item.toJSON() as Record<string, unknown>) : {};
        return {
            name: String(entry.name ?? ""),
            context: typeof entry.context === "string" ? entry.context : undefined,
            kubeconfig: typeof entry.kubeconfig === "string" ? entry.kubeconfig : undefined,
        };
    });
}

/** The text with `member` appended to the members list (created when there is none), and the entry's index. */
export function withMember(text: string, project: string, member: JoinedMember): { text: string; index: number } {
    const document = text.trim() === "" ? new Document({ config: {} }) : parseDocument(text);
    if (document.errors.length > 0) throw new FederationError({ resource: "stack config file" }, `cannot be read as YAML: ${document.errors[0].message.split("\n")[0]}`);
    if (!document.has("config") || !isMap(document.get("config"))) document.set("config", document.createNode({}));
    const config = document.get("config") as YAMLMap;
    if (config.items.length === 0) config.flow = false; // `config: {}` grows into a block
    const key = `${project}:clusters`;
    if (!config.has(key)) config.set(key, document.createNode([]));
    const list = config.get(key, true);
    if (!isSeq(list)) throw new FederationError({ resource: `stack config ${key}` }, "must be a list of member clusters");
    const entry: Record<string, unknown> = { name: member.name };
    if (member.context !== undefined) entry.context = member.context;
    if (member.labels && Object.keys(member.labels).length > 0) entry.labels = member.labels;
    if (member.host) entry.host = true;
    if (member.kubeconfig !== undefined) entry.kubeconfig = member.kubeconfig;
    list.items.push(document.createNode(entry));
    return { text: document.toString(), index: list.items.length - 1 };
}

/** The text without the member named `name`; undefined when it has no such member. */
export function withoutMember(text: string, project: string, name: string): string | undefined {
    const document = parseDocument(text);
    const list = document.getIn(["config", `${project}:clusters`], true);
    if (!isSeq(list)) return undefined;
    const index = (list as YAMLSeq).items.findIndex((item) => isMap(item) && item.get("name") === name);
    if (index === -1) return undefined;
    (list as YAMLSeq).items.splice(index, 1);
    return document.toString();
}

/** The file's text, or "" when the stack has no config file yet (Pulumi creates it on the first `config set`). */
export function readStackFile(file: string): string {
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}

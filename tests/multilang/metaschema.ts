/**
 * Pulumi's package metaschema (pkg/codegen/schema/pulumi.json), read from the Go module the
 * end-to-end suite builds its CLI from: the same release, from the Go module proxy.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const TOOLS = path.join(__dirname, "..", "..", "e2e", "tools", "pulumi");

export function pulumiMetaschema(): Record<string, unknown> {
    const version = /github\.com\/pulumi\/pulumi\/pkg\/v3 (v\S+)/.exec(fs.readFileSync(path.join(TOOLS, "go.mod"), "utf8"))?.[1];
    if (!version) throw new Error("e2e/tools/pulumi/go.mod names no github.com/pulumi/pulumi/pkg/v3 version");
    const go = fs.existsSync("/usr/local/go/bin/go") ? "/usr/local/go/bin/go" : "go";
    // Downloads the module once into the Go module cache; later runs only read it.
    const info = JSON.parse(execFileSync(go, ["mod", "download", "-json", `github.com/pulumi/pulumi/pkg/v3@${version}`], { cwd: TOOLS, encoding: "utf8", timeout: 300_000 }));
    return JSON.parse(fs.readFileSync(path.join(info.Dir, "codegen", "schema", "pulumi.json"), "utf8"));
}

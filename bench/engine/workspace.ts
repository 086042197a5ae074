/**
 * The benchmark's program folder, with the package as users install it: `npm pack` of this
 * repository (which compiles it, npm running `prepare`), unpacked into the folder's
 * node_modules/pulumi-federation, and run compiled: the program is plain JavaScript (the language
 * host still registers ts-node and its source-map support, as for any Node.js program without
 * `typescript: false` in Pulumi.yaml; both programs pay that alike). The other packages the program and the package need
 * are linked from this repository's node_modules, at the versions its lock file installs, so that
 * the run needs no registry.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const repoRoot = path.resolve(__dirname, "..", "..", "..");

/** Packages the program requires itself, beside the package's own dependencies. */
const PROGRAM_DEPENDENCIES = ["@pulumi/pulumi", "@pulumi/kubernetes"];

/** Makes `dir` (emptied first) a program folder; returns the tarball's name. */
export function prepareProgram(dir: string): string {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
    const source = path.join(repoRoot, "bench", "engine", "program");
    for (const file of ["Pulumi.yaml", "index.js"]) fs.copyFileSync(path.join(source, file), path.join(dir, file));

    const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26 })) as Array<{ filename: string }>;
    const tarball = path.join(dir, path.basename(packed[0].filename));
    const target = path.join(dir, "node_modules", "pulumi-federation");
    fs.mkdirSync(target);
    execFileSync("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"]);

    const manifest = JSON.parse(fs.readFileSync(path.join(target, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    for (const name of [...PROGRAM_DEPENDENCIES, ...Object.keys(manifest.dependencies ?? {})]) {
        const link = path.join(dir, "node_modules", name);
        fs.mkdirSync(path.dirname(link), { recursive: true });
        fs.symlinkSync(path.join(repoRoot, "node_modules", name), link, "dir");
    }
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({
        name: "bench-engine", private: true, main: "index.js",
        dependencies: Object.fromEntries(["pulumi-federation", ...PROGRAM_DEPENDENCIES].map((name) => [name, "*"])),
    }, null, 2));
    return path.basename(tarball);
}

/** `pulumi-federation --version`: this package's name and version, from its own package.json. */
import * as fs from "fs";
import * as path from "path";

/** This package's version, from its package.json (above components/cli/ in a checkout, dist/components/cli/ when built). */
export function packageVersion(): string {
    for (const candidate of [path.join(__dirname, "..", "..", "package.json"), path.join(__dirname, "..", "..", "..", "package.json")]) {
        if (!fs.existsSync(candidate)) continue;
        const manifest = JSON.parse(fs.readFileSync(candidate, "utf8")) as { name?: string; version?: string };
        if (manifest.name === "pulumi-federation" && manifest.version) return `pulumi-federation ${manifest.version}`;
    }
    return "pulumi-federation (version unknown)";
}

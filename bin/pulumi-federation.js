#!/usr/bin/env node
// The `pulumi-federation` command. An installed package always runs its compiled CLI from dist/.
// Only a checkout of the repository (a git work tree outside node_modules, with its own ts-node)
// runs the TypeScript sources, so that it never runs a stale build; a consumer's ts-node is never
// used to load this package's sources.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const source = path.join(root, "components", "cli.ts");
const compiled = path.join(root, "dist", "components", "cli.js");

function ownTsNode() {
    if (path.resolve(root).split(path.sep).includes("node_modules")) return undefined;
    if (!fs.existsSync(path.join(root, ".git")) || !fs.existsSync(source)) return undefined;
    try {
        const resolved = require.resolve("ts-node", { paths: [root] });
        // Its own dependency, not one found further up (a consumer's).
        return resolved.startsWith(path.join(root, "node_modules") + path.sep) ? resolved : undefined;
    } catch {
        return undefined;
    }
}

let cli;
const tsNode = ownTsNode();
if (tsNode) {
    // Its own tsconfig.json, whatever the current folder (a consumer's project may hold another one).
    require(tsNode).register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
    cli = require(source);
} else if (fs.existsSync(compiled)) {
    cli = require(compiled);
} else {
    console.error(`pulumi-federation: ${compiled} is missing; build the package first (npm run build)`);
    process.exit(1);
}
cli.main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (error) => { console.error(error); process.exitCode = 1; },
);

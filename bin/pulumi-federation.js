#!/usr/bin/env node
// The `pulumi-federation` command. Runs the compiled CLI when the package is built (npm run
// build), else the TypeScript source through ts-node.
const fs = require("fs");
const path = require("path");

const compiled = path.join(__dirname, "..", "dist", "components", "cli.js");
let cli;
if (fs.existsSync(compiled)) {
    cli = require(compiled);
} else {
    require("ts-node").register({ transpileOnly: true });
    cli = require(path.join(__dirname, "..", "components", "cli.ts"));
}
cli.main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (error) => { console.error(error); process.exitCode = 1; },
);

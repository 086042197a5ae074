#!/usr/bin/env node
// The `pulumi-federation` command. In a checkout (the TypeScript sources are here) it runs them
// through ts-node, so it never runs a stale build; in an installed package it runs the compiled
// CLI from dist/.
const fs = require("fs");
const path = require("path");

const source = path.join(__dirname, "..", "components", "cli.ts");
const compiled = path.join(__dirname, "..", "dist", "components", "cli.js");
let cli;
if (fs.existsSync(source) && canLoad("ts-node")) {
    require("ts-node").register({ transpileOnly: true });
    cli = require(source);
} else {
    cli = require(compiled);
}
cli.main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (error) => { console.error(error); process.exitCode = 1; },
);

function canLoad(name) {
    try {
        require.resolve(name);
        return true;
    } catch {
        return false;
    }
}

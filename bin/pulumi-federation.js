#!/usr/bin/env node
// The `pulumi-federation` command. An installed package always runs its compiled CLI from dist/.
// Only a checkout of the repository (a git work tree outside node_modules, with its own ts-node)
// runs the TypeScript sources, so that it never runs a stale build; a consumer's ts-node is never
// used to load this package's sources.
const fs = require("fs");
const path = require("path");

// A larger young generation for V8: a program's registrations make a lot of short-lived garbage,
// and with the default semi-space size much of it outlives a scavenge and costs full collections
// (docs/reference/performance.md says what it measured). Node.js takes the flag only at start-up,
// so the command runs itself again with it, unless the flag was given (on the command line or in
// NODE_OPTIONS), which is also how to choose another size.
const SEMI_SPACE_FLAG = "--max-semi-space-size";
const SEMI_SPACE_MB = 64;
const nodeOptions = (process.env.NODE_OPTIONS || "").split(/\s+/);
if (![...process.execArgv, ...nodeOptions].some((arg) => arg === SEMI_SPACE_FLAG || arg.startsWith(`${SEMI_SPACE_FLAG}=`))) {
    const { spawn } = require("child_process");
    const child = spawn(process.execPath, [`${SEMI_SPACE_FLAG}=${SEMI_SPACE_MB}`, ...process.execArgv, __filename, ...process.argv.slice(2)], { stdio: "inherit" });
    const forward = (signal) => child.kill(signal);
    const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
    for (const signal of signals) process.on(signal, forward);
    child.on("error", (error) => { console.error(error); process.exitCode = 1; });
    child.on("exit", (code, signal) => {
        for (const s of signals) process.off(s, forward);
        // As PID 1 in a container, a signal to ourselves is ignored: the status must say it too.
        if (signal) {
            process.exitCode = 128 + (require("os").constants.signals[signal] || 0);
            process.kill(process.pid, signal);
        }
        else process.exitCode = code;
    });
    return;
}

const root = path.resolve(__dirname, "..");
const source = path.join(root, "components", "cli", "index.ts");
const compiled = path.join(root, "dist", "components", "cli", "index.js");

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

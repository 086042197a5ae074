#!/usr/bin/env node
// `npm run prepare`: compile the package to dist/ with its own TypeScript compiler.
//
// npm runs `prepare` in four situations, and only three of them install the devDependencies first:
// after `npm ci` / `npm install` in a checkout, before `npm pack`, and in the clone npm makes for
// `npm install git+...`. The fourth is `npm install /path/to/checkout` (a link) and
// `npm install --install-links /path/to/checkout` (a copy): npm runs `prepare` in the folder as it
// is, so a fresh checkout has no compiler ("tsc: not found"). Then this script does what npm does
// for a git dependency: `npm ci --include=dev --ignore-scripts` in the checkout, then compiles.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");

/** The TypeScript compiler installed in this package's own node_modules (never a consumer's). */
function ownCompiler() {
    const candidate = path.join(root, "node_modules", "typescript", "bin", "tsc");
    return fs.existsSync(candidate) ? candidate : undefined;
}

function run(command, args, env) {
    const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
    if (result.error) throw result.error;
    if (result.status !== 0) {
        console.error(`prepare: \`${[path.basename(command), ...args].join(" ")}\` failed with exit code ${result.status}`);
        process.exit(result.status ?? 1);
    }
}

/** The environment of the npm that runs this script, without the options it passes to its scripts:
 * those describe the consumer's install (e.g. --global, --omit=dev), not this package's own. */
function ownInstallEnvironment() {
    const keep = new Set(["npm_config_cache", "npm_config_registry", "npm_config_userconfig", "npm_config_globalconfig", "npm_config_cafile", "npm_config_prefer_offline", "npm_config_offline"]);
    return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || keep.has(key.toLowerCase())));
}

let tsc = ownCompiler();
if (!tsc) {
    if (!fs.existsSync(path.join(root, "package-lock.json"))) {
        console.error("prepare: TypeScript is not installed here and there is no package-lock.json to install it from; run `npm install` in this folder");
        process.exit(1);
    }
    console.error("prepare: installing this package's own build dependencies (npm ci --include=dev --ignore-scripts), as npm does for a git dependency");
    const npm = process.env.npm_execpath;
    const env = ownInstallEnvironment();
    if (npm && npm.endsWith(".js")) run(process.execPath, [npm, "ci", "--include=dev", "--ignore-scripts", "--no-audit", "--no-fund"], env);
    else run(process.platform === "win32" ? "npm.cmd" : "npm", ["ci", "--include=dev", "--ignore-scripts", "--no-audit", "--no-fund"], env);
    tsc = ownCompiler();
    if (!tsc) {
        console.error("prepare: npm ci did not install typescript; cannot compile");
        process.exit(1);
    }
}
// Only the library (what the package ships, dist/components/); `npm run build` compiles everything.
run(process.execPath, [tsc, "-p", "tsconfig.build.json"], process.env);

#!/usr/bin/env node
/**
 * Writes components/generated/kubernetesLifecycleTable.ts: for every built-in kind at an API
 * version that Kubernetes 1.36 no longer serves, the last Kubernetes minor release that served it.
 * The components use it to keep only the aliases that can matter (see planning/aliases.ts).
 *
 * Source: the k8s.io/api Go module of every minor release from 1.16 to 1.36 (and the modules of
 * the CustomResourceDefinition and APIService kinds), fetched from the Go module proxy. A kind is served by release 1.M when k8s.io/api v0.M registers it in its group
 * version (register.go's addKnownTypes) and the API's own lifecycle does not say it was removed at
 * or before 1.M (`APILifecycleRemoved` in zz_generated.prerelease-lifecycle.go, the value the API
 * server itself obeys; taken from the newest release that states it, since older releases did not
 * generate it). Kinds served by no release from 1.16 on are recorded as 15.
 *
 * Usage: node scripts/kubernetes-lifecycle.js   (needs Go)
 */
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

// One k8s.io/api release per Kubernetes minor (patch releases do not change what is served).
const RELEASES = [
    "v0.16.15", "v0.17.5", "v0.18.19", "v0.19.16", "v0.20.6", "v0.21.1", "v0.22.5", "v0.23.16", "v0.24.3", "v0.25.9", "v0.26.9",
    "v0.27.4", "v0.28.3", "v0.29.15", "v0.30.14", "v0.31.14", "v0.32.13", "v0.33.13", "v0.34.13", "v0.35.10", "v0.36.3",
];
const FIRST = 16;
const CURRENT = 36;
const go = process.env.GO ?? (fs.existsSync("/usr/local/go/bin/go") ? "/usr/local/go/bin/go" : "go");

// The built-in kinds k8s.io/api does not hold (CustomResourceDefinition, APIService): their
// modules at the current release, each kind taken as present in every release from 1.16 (both
// groups are older) and served until its lifecycle's removal.
const OTHER_MODULES = [
    { module: "k8s.io/apiextensions-apiserver", version: "v0.36.3", dir: "pkg/apis" },
    { module: "k8s.io/kube-aggregator", version: "v0.36.3", dir: "pkg/apis" },
];

function moduleDir(module, version) {
    return JSON.parse(execFileSync(go, ["mod", "download", "-json", `${module}@${version}`], { cwd: os.tmpdir(), encoding: "utf8" })).Dir;
}

/** Every group version's registered kinds and lifecycle facts under `root` (a folder of API groups). */
function readGroups(root) {
    const out = [];
    for (const groupDir of fs.readdirSync(root)) {
        const groupPath = path.join(root, groupDir);
        if (!fs.statSync(groupPath).isDirectory()) continue;
        for (const versionDir of fs.readdirSync(groupPath)) {
            const register = path.join(groupPath, versionDir, "register.go");
            if (!fs.existsSync(register)) continue;
            const source = fs.readFileSync(register, "utf8");
            const group = /const GroupName = "([^"]*)"/.exec(source)?.[1];
            const known = [...source.matchAll(/AddKnownTypes\(SchemeGroupVersion,([^)]*)\)/g)].map((m) => m[1]).join("\n");
            if (group === undefined || known === "") continue;
            const kinds = [...known.matchAll(/&([A-Z]\w*)\{\}/g)].map((m) => m[1]).filter((kind) => !kind.endsWith("List") && !kind.endsWith("Options"));
            const lifecyclePath = path.join(groupPath, versionDir, "zz_generated.prerelease-lifecycle.go");
            const lifecycle = fs.existsSync(lifecyclePath) ? fs.readFileSync(lifecyclePath, "utf8") : "";
            const removed = {};
            for (const m of lifecycle.matchAll(/func \(in \*(\w+)\) APILifecycleRemoved\(\) \(major, minor int\) \{\s*return 1, (\d+)/g)) removed[m[1]] = Number(m[2]);
            const apiVersion = group === "" ? versionDir : `${group}/${versionDir}`;
            for (const kind of kinds) out.push({ key: `${apiVersion} ${kind}`, removed: removed[kind] });
        }
    }
    return out;
}

const servedIn = new Map(); // key -> minors whose k8s.io/api registers it
const removedAt = new Map(); // key -> removal minor, from the newest release stating one
function record(facts, minors) {
    for (const { key, removed } of facts) {
        if (!servedIn.has(key)) servedIn.set(key, []);
        servedIn.get(key).push(...minors);
        if (removed !== undefined) removedAt.set(key, removed);
    }
}
RELEASES.forEach((version, index) => record(readGroups(moduleDir("k8s.io/api", version)), [FIRST + index]));
const allMinors = RELEASES.map((_, index) => FIRST + index);
for (const { module, version, dir } of OTHER_MODULES) record(readGroups(path.join(moduleDir(module, version), dir)), allMinors);
const lastServed = {};
for (const [key, minors] of [...servedIn].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const removed = removedAt.get(key);
    const served = minors.filter((minor) => removed === undefined || minor < removed);
    const last = served.length === 0 ? FIRST - 1 : Math.max(...served);
    if (last < CURRENT) lastServed[key] = last;
}
const out = path.join(__dirname, "..", "components", "generated", "kubernetesLifecycleTable.ts");
fs.writeFileSync(
    out,
    `// Generated by scripts/kubernetes-lifecycle.js from k8s.io/api ${RELEASES[0]} to ${RELEASES[RELEASES.length - 1]}. Do not edit.\n` +
        `// Built-in kinds at API versions Kubernetes 1.${CURRENT} no longer serves: the last minor release serving each\n` +
        `// (${FIRST - 1}: none from 1.${FIRST} on). Anything absent is served by 1.${CURRENT}, or is not built in.\n` +
        `export const FIRST_RECORDED_MINOR = ${FIRST};\n` +
        `export const CURRENT_MINOR = ${CURRENT};\n` +
        `export const LAST_SERVED_MINOR: Readonly<Record<string, number>> = ${JSON.stringify(lastServed, null, 4).replace(/\n}$/, ",\n}")};\n`,
);
console.log(`wrote ${path.relative(process.cwd(), out)}: ${Object.keys(lastServed).length} kinds no longer served`);

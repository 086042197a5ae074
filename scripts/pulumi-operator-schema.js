#!/usr/bin/env node
/**
 * Writes tests/docs/pulumiOperatorStackSchema.json: the structural OpenAPI schema the Kubernetes
 * API server checks a `Stack` of the Pulumi Kubernetes Operator against (group pulumi.com,
 * version v1), taken from the CRD in the github.com/pulumi/pulumi-kubernetes-operator Go module
 * (deploy/crds/pulumi.com_stacks.yaml, fetched from the Go module proxy). The docs test
 * tests/docs/reconcileManifests.test.ts validates examples/reconcile-loop/pulumi-operator-stack.yaml
 * against it, offline.
 *
 * Usage: node scripts/pulumi-operator-schema.js [version]   (needs Go; default v1.16.0)
 *
 * The operator's v1 line is the one the Go module proxy serves here; v2 (a different Stack
 * schema, run through workspaces) is not covered. Each schema node keeps only its structure:
 * type, format, enum, required, properties, items, additionalProperties,
 * x-kubernetes-preserve-unknown-fields and the bounds (minimum, maximum, minLength, maxLength,
 * minItems, maxItems, pattern). Descriptions and defaults are dropped. A schema construct the
 * test does not translate (anyOf, oneOf, allOf, not, x-kubernetes-int-or-string, ...) stops the
 * script, so that the test never checks less than the API server would.
 */
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { parse } = require("yaml");

const MODULE = "github.com/pulumi/pulumi-kubernetes-operator";
const CRD_FILE = "deploy/crds/pulumi.com_stacks.yaml";
const SERVED_VERSION = "v1";
const TARGET = path.join(__dirname, "..", "tests", "docs", "pulumiOperatorStackSchema.json");

/** Keys copied as they are. */
const KEPT = ["type", "format", "enum", "required", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern", "x-kubernetes-preserve-unknown-fields"];
/** Keys dropped: what only documents a field, or what the API server fills in. */
const DROPPED = ["description", "default", "example", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type"];

/** A schema node with only its structure, keys sorted so that the file diffs cleanly. */
function structural(node, at = "") {
    const out = {};
    for (const key of Object.keys(node).sort()) {
        const value = node[key];
        if (KEPT.includes(key)) out[key] = value;
        else if (key === "properties") out.properties = Object.fromEntries(Object.keys(value).sort().map((name) => [name, structural(value[name], `${at}.${name}`)]));
        else if (key === "items") out.items = structural(value, `${at}[]`);
        else if (key === "additionalProperties") out.additionalProperties = typeof value === "object" ? structural(value, `${at}.*`) : value;
        else if (!DROPPED.includes(key)) throw new Error(`${at || "(root)"}: the schema uses ${key}, which tests/docs/reconcileManifests.test.ts does not translate; extend it first`);
    }
    return out;
}

/** The generated file's content for a parsed CRD (exported for the docs test's freshness check). */
function stackSchemaFile(crd, version) {
    if (crd.kind !== "CustomResourceDefinition" || crd.spec.group !== "pulumi.com" || crd.spec.names.kind !== "Stack") {
        throw new Error(`${CRD_FILE} does not define pulumi.com Stack`);
    }
    const served = crd.spec.versions.find((entry) => entry.name === SERVED_VERSION);
    if (!served || !served.served) throw new Error(`${CRD_FILE} does not serve ${SERVED_VERSION}`);
    return {
        generatedBy: "scripts/pulumi-operator-schema.js",
        module: MODULE,
        moduleVersion: version,
        crd: CRD_FILE,
        group: crd.spec.group,
        kind: crd.spec.names.kind,
        version: SERVED_VERSION,
        storage: served.storage === true,
        schema: structural(served.schema.openAPIV3Schema),
    };
}

/** The module's folder in the Go module cache (downloaded from the proxy when missing). */
function moduleDirectory(version) {
    const go = process.env.GO ?? (fs.existsSync("/usr/local/go/bin/go") ? "/usr/local/go/bin/go" : "go");
    const download = JSON.parse(execFileSync(go, ["mod", "download", "-json", `${MODULE}@${version}`], { cwd: require("os").tmpdir(), encoding: "utf8" }));
    if (download.Error) throw new Error(download.Error);
    return download.Dir;
}

function main() {
    const version = process.argv[2] ?? "v1.16.0";
    const crd = parse(fs.readFileSync(path.join(moduleDirectory(version), CRD_FILE), "utf8"));
    const file = stackSchemaFile(crd, version);
    fs.writeFileSync(TARGET, `${JSON.stringify(file, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), TARGET)} (${file.group}/${file.version} ${file.kind} from ${MODULE}@${version})`);
}

module.exports = { MODULE, CRD_FILE, stackSchemaFile, structural };

if (require.main === module) main();

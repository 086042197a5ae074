#!/usr/bin/env node
/**
 * Writes components/planning/kubernetesFieldTable.json: the field names of every built-in Kubernetes
 * type, taken from the OpenAPI document of the Kubernetes release the end-to-end suite runs
 * (api/openapi-spec/swagger.json of the k8s.io/kubernetes Go module, fetched from the Go module
 * proxy). The planner uses it to refuse unknown fields in templates, as `kubectl apply
 * --validate=strict` does.
 *
 * Usage: node scripts/kubernetes-fields.js [version]   (needs Go; default v1.36.3)
 *
 * The table keeps only what the check needs. Each type is a map from field name to a code:
 *   ""   a value not checked further (string, number, boolean, IntOrString, Quantity, raw JSON)
 *   "7"  an object of type 7      "[7"  a list of type 7      "{7"  a map of type 7
 * Types without listed properties (free-form JSON, int-or-string, empty structs) are never
 * entered, so nothing inside them is refused.
 */
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const version = process.argv[2] ?? "v1.36.3";
const go = process.env.GO ?? (fs.existsSync("/usr/local/go/bin/go") ? "/usr/local/go/bin/go" : "go");
const download = JSON.parse(execFileSync(go, ["mod", "download", "-json", `k8s.io/kubernetes@${version}`], { cwd: require("os").tmpdir(), encoding: "utf8" }));
const swagger = JSON.parse(fs.readFileSync(path.join(download.Dir, "api/openapi-spec/swagger.json"), "utf8"));
const definitions = swagger.definitions;

const refName = (ref) => ref.replace("#/definitions/", "");
const objectTypes = Object.keys(definitions).filter((name) => definitions[name].properties && Object.keys(definitions[name].properties).length > 0).sort();
const indexOf = new Map(objectTypes.map((name, index) => [name, index]));

function code(schema) {
    if (schema.$ref) return indexOf.has(refName(schema.$ref)) ? String(indexOf.get(refName(schema.$ref))) : "";
    if (schema.type === "array" && schema.items) return "[" + code(schema.items);
    if (schema.type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object") return "{" + code(schema.additionalProperties);
    return "";
}

const types = objectTypes.map((name) => {
    const fields = {};
    for (const [field, schema] of Object.entries(definitions[name].properties)) fields[field] = code(schema);
    return fields;
});
const kinds = {};
for (const name of objectTypes) {
    for (const gvk of definitions[name]["x-kubernetes-group-version-kind"] ?? []) {
        if (!definitions[name].properties.metadata) continue; // option and list-less helper types
        const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        kinds[`${apiVersion} ${gvk.kind}`] = indexOf.get(name);
    }
}
const names = Object.fromEntries(objectTypes.map((name, index) => [index, name.split(".").pop()]));
const out = path.join(__dirname, "..", "components", "planning", "kubernetesFieldTable.json");
fs.writeFileSync(out, JSON.stringify({ kubernetes: version, source: `k8s.io/kubernetes@${version} api/openapi-spec/swagger.json`, kinds, names, types }) + "\n");
console.log(`${out}: ${Object.keys(kinds).length} kinds, ${types.length} types`);

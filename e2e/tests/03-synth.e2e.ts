/**
 * 3. Offline synth is faithful: `npm start` for the YAML stack (its settings file given with
 * `--config-file`, as to `pulumi`) renders, per cluster, what the API
 * server now holds. Each rendered object must be contained in the live one (the server adds its
 * defaults and metadata), and every field the provider applied to the live object (its
 * server-side-apply field set) must be in the rendered one: so the provider applied exactly what
 * synth rendered. The set of objects per cluster must match too.
 */
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import * as YAML from "yaml";
import { fieldSetLeaves, hasFieldPath, objectKey, pulumiManagers, subsetDifferences } from "../harness/objects";
import { repoRoot, runDir, suite } from "./context";
import { CLUSTERS, YAML_NAMESPACES, clusterObjects } from "./expectations";

describe("3. offline synth renders what the API servers hold", function () {
    this.timeout(300_000);

    it("npm start for the YAML stack renders, per cluster, the objects the provider applied", async () => {
        const out = path.join(runDir, "synth");
        fs.rmSync(out, { recursive: true, force: true });
        await promisify(execFile)("npm", ["start", "--silent", "--", "--stack", suite().yaml.name, "--config-file", suite().yaml.settingsFile(), "--out", out],
            { cwd: repoRoot, timeout: 180_000, env: { ...process.env, NO_COLOR: "1" } });

        const live = await clusterObjects(YAML_NAMESPACES);
        for (const cluster of CLUSTERS) {
            const dir = path.join(out, suite().yaml.name, cluster);
            const rendered = new Map<string, Record<string, any>>();
            for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
                const obj = YAML.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Record<string, any>;
                rendered.set(objectKey(obj.kind, obj.metadata.namespace, obj.metadata.name), obj);
            }
            assert.deepStrictEqual([...rendered.keys()].sort(), [...live[cluster].keys()].sort(), `objects of ${cluster}`);
            for (const [key, obj] of rendered) {
                const server = live[cluster].get(key)!;
                assert.deepStrictEqual(subsetDifferences(obj, server), [], `${cluster} ${key}: rendered fields the server does not hold`);
                const applied = pulumiManagers(server).flatMap((m) => fieldSetLeaves(m.fieldsV1));
                const notRendered = applied.filter((leaf) => !hasFieldPath(obj, leaf)).map((leaf) => leaf.join("."));
                assert.deepStrictEqual(notRendered, [], `${cluster} ${key}: fields the provider applied that synth did not render`);
            }
        }
    });
});

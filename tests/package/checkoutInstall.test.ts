/**
 * `npm install --install-links /path/to/checkout` on a fresh checkout (no node_modules, no dist):
 * npm runs `prepare` in the folder as it is, without installing its devDependencies first, so
 * `prepare` installs its own build dependencies and compiles; the consumer gets a compiled copy
 * that resolves the Pulumi SDK from the consumer's node_modules (one copy).
 *
 * The checkout is a copy of the files git tracks, as they are in the work tree.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { npm } from "./npm";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.join(__dirname, "..", "..");

describe("the package installed from a fresh checkout's folder", function () {
    this.timeout(300_000);
    let work: string;
    before(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-federation-checkout-")); });
    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("npm install --install-links <folder>: prepare installs its build dependencies, compiles, and the consumer gets one SDK", () => {
        const checkout = path.join(work, "pulumi-federation");
        const tracked = spawnSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" });
        assert.equal(tracked.status, 0, tracked.stderr);
        for (const file of tracked.stdout.split("\0").filter(Boolean)) {
            if (!fs.existsSync(path.join(root, file))) continue; // deleted in the work tree
            fs.mkdirSync(path.dirname(path.join(checkout, file)), { recursive: true });
            fs.copyFileSync(path.join(root, file), path.join(checkout, file));
        }
        assert.ok(!fs.existsSync(path.join(checkout, "node_modules")) && !fs.existsSync(path.join(checkout, "dist")), "a fresh checkout");

        const consumer = path.join(work, "consumer");
        fs.mkdirSync(consumer);
        fs.writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
        const install = npm(["install", "--install-links", "--prefer-offline", "--no-audit", "--no-fund", checkout], consumer);
        assert.equal(install.status, 0, `npm install --install-links failed:\n${install.stdout}\n${install.stderr}`);
        // npm keeps a successful script's output to itself; the checkout shows what prepare did.
        assert.ok(fs.existsSync(path.join(checkout, "node_modules", "typescript")), "prepare installed the checkout's build dependencies");

        const installed = path.join(consumer, "node_modules", "pulumi-federation");
        assert.ok(!fs.lstatSync(installed).isSymbolicLink(), "a copy, not a link");
        assert.ok(fs.existsSync(path.join(installed, "dist", "components", "index.js")), "compiled");
        const sdkCopies = spawnSync("find", [path.join(consumer, "node_modules"), "-path", "*/@pulumi/pulumi/package.json"], { encoding: "utf8" }).stdout.trim().split("\n");
        assert.deepEqual(sdkCopies, [path.join(consumer, "node_modules", "@pulumi", "pulumi", "package.json")]);
        const version = spawnSync(path.join(consumer, "node_modules", ".bin", "pulumi-federation"), ["--version"], { cwd: consumer, encoding: "utf8" });
        assert.equal(version.status, 0, version.stderr);
        assert.match(version.stdout, /^pulumi-federation \d+\.\d+\.\d+\n$/);
    });
});

/**
 * The unit suite holds on a loaded machine: CI shares two cores with other jobs, where a CPU-bound
 * test can take many times its usual time. So mocha has no default time limit (.mocharc.json
 * `timeout: 0`), and a test that sets its own limit (one waiting on npm or a child process) sets
 * a generous one: no test may fail only because the machine was busy.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const root = path.join(__dirname, "..");
const MINIMUM_OWN_LIMIT_MS = 120_000;

function testFiles(folder: string): string[] {
    return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(folder, entry.name);
        return entry.isDirectory() ? testFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
    });
}

/** Each `.timeout(<number>)` in a source text below the minimum, as `line: text`. */
export function shortLimits(text: string): string[] {
    const found: string[] = [];
    text.split("\n").forEach((line, index) => {
        for (const match of line.matchAll(/\.timeout\(\s*([\d_]+)\s*\)/g)) {
            const ms = Number(match[1].replace(/_/g, ""));
            if (ms !== 0 && ms < MINIMUM_OWN_LIMIT_MS) found.push(`${index + 1}: ${line.trim()}`);
        }
    });
    return found;
}

describe("the unit suite has no wall-clock limit a busy machine can hit", () => {
    it("mocha's default timeout is 0", () => {
        const config = JSON.parse(fs.readFileSync(path.join(root, ".mocharc.json"), "utf8")) as { timeout?: number };
        assert.equal(config.timeout, 0);
    });

    it("no test sets a limit below 120 s of its own", () => {
        // (This file is left out: its table holds short limits on purpose.)
        const offenders = testFiles(path.join(root, "tests")).filter((file) => file !== __filename).flatMap((file) => shortLimits(fs.readFileSync(file, "utf8")).map((line) => `${path.relative(root, file)}:${line}`));
        assert.deepEqual(offenders, []);
    });

    const cases: Array<[string, number]> = [
        ["this.timeout(20000);", 1],
        ["this.timeout(20_000)", 1],
        ["this.timeout(0); // none", 0],
        ["this.timeout(300_000);", 0],
        ["it('x', fn).timeout(5000)", 1],
    ];
    for (const [text, count] of cases) it(`finds ${count} short limit(s) in ${JSON.stringify(text)}`, () => assert.equal(shortLimits(text).length, count));
});

/**
 * The examples as a newcomer meets them: examples/README.md lists every example folder with its
 * offline command, each example's README has the sections a reader looks for (what it shows,
 * render it offline, what the output looks like, deploy it), and the offline command, the one
 * line of the first ```bash block under "## Render it offline", is run exactly as written, with a
 * shell from the repository root. It must exit 0, write the objects its summary line counts, and
 * print every line of the README's output excerpt.
 *
 * Each run type-checks and runs the program as `npm start` does (seconds to tens of seconds on a
 * loaded machine): no time limit per example.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { RECORD_FILE } from "../components/synth/render";

const root = path.join(__dirname, "..");
const examplesFolder = path.join(root, "examples");
const examples = fs.readdirSync(examplesFolder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "rendered")
    .map((entry) => entry.name)
    .sort();

const REQUIRED = ["What it shows", "Render it offline", "What the output looks like", "Deploy it"];

interface Block { language: string; lines: string[] }
interface Section { text: string[]; blocks: Block[] }

/** A README's `## ` sections by heading: their prose lines and fenced blocks (fences may be indented). */
function sections(markdown: string): Map<string, Section> {
    const result = new Map<string, Section>();
    let current: Section | undefined;
    let block: Block | undefined;
    for (const line of markdown.split("\n")) {
        const fence = /^\s*```(.*)$/.exec(line);
        if (block) {
            if (fence && fence[1].trim() === "") block = undefined;
            else block.lines.push(line);
            continue;
        }
        if (fence) {
            block = { language: fence[1].trim(), lines: [] };
            current?.blocks.push(block);
            continue;
        }
        const heading = /^## (.+?)\s*$/.exec(line);
        if (heading) {
            assert.ok(!result.has(heading[1]), `"## ${heading[1]}" appears twice`);
            current = { text: [], blocks: [] };
            result.set(heading[1], current);
        } else if (current && line.trim() !== "") {
            current.text.push(line);
        }
    }
    assert.equal(block, undefined, "a code block is not closed");
    return result;
}

function readme(example: string): Map<string, Section> {
    return sections(fs.readFileSync(path.join(examplesFolder, example, "README.md"), "utf8"));
}

/** The one command line of the first ```bash block under "## Render it offline". */
function offlineCommand(example: string): string {
    const section = readme(example).get("Render it offline");
    assert.ok(section, `examples/${example}/README.md has no "## Render it offline"`);
    const block = section.blocks.find((candidate) => candidate.language === "bash");
    assert.ok(block, `examples/${example}/README.md: no \`\`\`bash block under "## Render it offline"`);
    const lines = block.lines.filter((line) => line.trim() !== "");
    assert.equal(lines.length, 1, `examples/${example}/README.md: the offline command block holds exactly one line, not:\n${lines.join("\n")}`);
    assert.doesNotMatch(lines[0], /^\s*#/, "the offline command is a command, not a comment");
    return lines[0].trim();
}

/** The folders the examples' renderings may go to that exist now. */
function renderFolders(): Set<string> {
    const found = new Set<string>();
    for (const base of [root, ...examples.map((example) => path.join(examplesFolder, example))]) {
        const rendered = path.join(base, "rendered");
        if (!fs.existsSync(rendered)) continue;
        found.add(rendered);
        for (const stack of fs.readdirSync(rendered)) found.add(path.join(rendered, stack));
    }
    return found;
}

/** The YAML files under `folder` by cluster folder (synth's record left out). */
function writtenFiles(folder: string): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const cluster of fs.readdirSync(folder)) {
        if (cluster === RECORD_FILE) continue;
        counts[cluster] = fs.readdirSync(path.join(folder, cluster)).filter((file) => file.endsWith(".yaml")).length;
    }
    return counts;
}

describe("examples/README.md", () => {
    const index = fs.readFileSync(path.join(examplesFolder, "README.md"), "utf8");
    const rows = index.split("\n").filter((line) => line.startsWith("| ["));

    it("lists every example folder, linked, with the offline command its README gives", () => {
        assert.ok(examples.length >= 11, examples.join(", "));
        for (const example of examples) {
            const row = rows.find((line) => line.startsWith(`| [${example}](${example}/) |`));
            assert.ok(row, `examples/README.md has no row linking [${example}](${example}/)`);
            const cells = row.split(" | ");
            assert.ok(cells[1].trim().length > 20, `${example}: say in one line what it shows`);
            assert.equal(cells[2].replace(/\s*\|\s*$/, ""), `\`${offlineCommand(example)}\``, `${example}: the index's command is its README's`);
        }
        assert.equal(rows.length, examples.length, "one row per example, and no row for a folder that is not there");
    });
});

describe("each example's README", () => {
    for (const example of examples) {
        it(`examples/${example}: says what it shows, how to render it offline and deploy it, and what the output looks like`, () => {
            const found = readme(example);
            for (const heading of REQUIRED) {
                const section = found.get(heading);
                assert.ok(section, `examples/${example}/README.md has no "## ${heading}"`);
                assert.ok(section.text.length > 0 || section.blocks.length > 0, `"## ${heading}" is empty`);
            }
            offlineCommand(example);
            const deploy = found.get("Deploy it")!;
            const deployCommands = deploy.blocks.filter((block) => block.language === "bash").flatMap((block) => block.lines).join("\n");
            assert.match(deployCommands, /^pulumi stack init \S+/m, `examples/${example}: the deploy commands start a stack`);
            assert.match(deployCommands, /^pulumi up\b/m, `examples/${example}: the deploy commands run pulumi up`);
            assert.match([...deploy.text, ...deploy.blocks.flatMap((block) => block.lines)].join("\n"), /context/, `examples/${example}: says how members get their kubeconfig contexts`);
            const output = found.get("What the output looks like")!;
            assert.ok(output.blocks.some((block) => block.language === "" && block.lines.length > 0), `examples/${example}: an excerpt of the output`);
        });
    }
});

describe("each example's offline command, run as its README gives it", function () {
    // Type check and run per example, on a shared machine: no wall-clock limit.
    this.timeout(0);
    for (const example of examples) {
        it(`examples/${example}`, () => {
            const command = offlineCommand(example);
            const before = renderFolders();
            const started = Date.now();
            const run = spawnSync("bash", ["-c", command], {
                cwd: root,
                env: { ...process.env, CI: "true" },
                encoding: "utf8",
                maxBuffer: 256 * 1024 * 1024,
            });
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            const shown = `$ ${command}\n(exit ${run.status}${run.signal ? `, ${run.signal}` : ""}, ${seconds} s)\n--- stderr\n${run.stderr.slice(-4000)}\n--- stdout (end)\n${run.stdout.slice(-4000)}`;
            let outDirectory: string | undefined;
            try {
                assert.equal(run.error, undefined, String(run.error));
                assert.equal(run.status, 0, shown);

                // The summary a user reads last, and the files it counts.
                const summary = run.stdout.split("\n").map((line) => /^synth: stack (\S+), (\d+) members?(?: via Karmada)?, (\d+) objects? written to (.+)\/ \((.*)\)$/.exec(line)).find(Boolean);
                assert.ok(summary, `no "synth: stack ..." summary line:\n${shown}`);
                const [, stack, , objects, writtenTo, perCluster] = summary;
                outDirectory = path.resolve(root, writtenTo);
                assert.equal(path.basename(outDirectory), stack, "each stack renders to its own folder");
                const expected = Object.fromEntries(perCluster.split(", ").map((entry) => entry.split(": ")).filter(([, count]) => count !== "0").map(([cluster, count]) => [cluster, Number(count)]));
                const written = writtenFiles(outDirectory);
                assert.deepEqual(written, expected, `the files under ${writtenTo}/ are the summary's`);
                assert.equal(Object.values(written).reduce((sum, count) => sum + count, 0), Number(objects));
                assert.ok(Number(objects) > 0, "it renders something");

                // The README's excerpt is real: each of its lines is a line the command printed.
                const printed = new Set([...run.stdout.split("\n"), ...run.stderr.split("\n")].map((line) => line.trimEnd()));
                const excerpt = readme(example).get("What the output looks like")!.blocks.find((block) => block.language === "")!;
                const missing = excerpt.lines.filter((line) => line.trim() !== "..." && line.trim() !== "" && !printed.has(line.trimEnd()));
                assert.deepEqual(missing, [], `examples/${example}/README.md shows lines the command does not print:\n${shown}`);

                // Without a Pulumi.<stack>.yaml the stack runs with empty config, and says so.
                const projectFolder = fs.existsSync(path.join(examplesFolder, example, "Pulumi.yaml")) ? path.join(examplesFolder, example) : root;
                const noteShown = /^synth: no Pulumi\.\S+\.yaml in .*; running stack \S+ with empty config, as pulumi does/m.test(run.stderr);
                assert.equal(noteShown, !fs.existsSync(path.join(projectFolder, `Pulumi.${stack}.yaml`)), run.stderr);
                assert.doesNotMatch(run.stderr, /^(error|pulumi-federation synth):/m);
            } finally {
                // Remove what this run wrote where nothing was before; a rendering that was there stays.
                if (outDirectory !== undefined) {
                    const outRoot = path.dirname(outDirectory);
                    if (!before.has(outRoot)) fs.rmSync(outRoot, { recursive: true, force: true });
                    else if (!before.has(outDirectory)) fs.rmSync(outDirectory, { recursive: true, force: true });
                }
            }
        });
    }
});

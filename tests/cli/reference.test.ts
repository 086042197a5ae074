/**
 * The CLI reference page is generated from the commands' usage text (Karmada's verify-script idea):
 * a usage change without `npm run docs:cli` fails here. And the command answers --help as the page says.
 */
import * as assert from "assert";
import * as fs from "fs";
import { CLI_REFERENCE, cliReferenceMarkdown } from "../../scripts/cli-reference";
import { COMMANDS, topUsage } from "../../components/cli";
import { runCommandLine } from "./capture";

/** Runs the command in-process, capturing what it prints. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const { code, out, err } = await runCommandLine(argv);
    return { code, stdout: out, stderr: err };
}

describe("cli: the generated reference and --help", () => {
    it("docs/cli/reference.md is what npm run docs:cli writes now", () => {
        const committed = fs.existsSync(CLI_REFERENCE) ? fs.readFileSync(CLI_REFERENCE, "utf8") : "(missing)";
        assert.ok(committed === cliReferenceMarkdown(), "docs/cli/reference.md is stale: run `npm run docs:cli` and commit it");
    });

    it("the page holds every command's usage, verbatim, under its own heading", () => {
        const page = cliReferenceMarkdown();
        for (const command of COMMANDS) {
            assert.ok(page.includes(`\n## ${command.name}\n`), command.name);
            assert.ok(page.includes(command.usage), `${command.name}'s usage`);
            assert.match(command.usage, new RegExp(`^usage: pulumi-federation ${command.name} `));
        }
    });

    it("--help lists every command with its one line, and exits 0", async () => {
        for (const argv of [["--help"], ["-h"], ["help"]]) {
            const result = await run(argv);
            assert.equal(result.code, 0, argv.join(" "));
            assert.equal(result.stdout, topUsage());
            for (const command of COMMANDS) assert.match(result.stdout, new RegExp(`^  ${command.name} +${command.summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
        }
    });

    it("<command> --help (or -h, or help <command>) prints that command's usage and exits 0, wherever the flag stands", async () => {
        for (const command of COMMANDS) {
            for (const argv of [[command.name, "--help"], [command.name, "-h"], ["help", command.name], [command.name, "--out", "x.yaml", "--help"]]) {
                const result = await run(argv);
                assert.equal(result.code, 0, argv.join(" "));
                assert.equal(result.stdout, command.usage, argv.join(" "));
                assert.equal(result.stderr, "");
            }
        }
    });

    it("no command, or an unknown one, is a usage error on stderr (exit 1)", async () => {
        const none = await run([]);
        assert.equal(none.code, 1);
        assert.equal(none.stderr, topUsage());
        for (const argv of [["deploy"], ["help", "deploy"], ["__proto__"]]) {
            const unknown = await run(argv);
            assert.equal(unknown.code, 1, argv.join(" "));
            assert.match(unknown.stderr, /^pulumi-federation: unknown command "/);
            assert.equal(unknown.stdout, "");
        }
    });
});

/**
 * The project's Markdown holds no broken link: every relative link (and image) in README.md,
 * CHANGELOG.md, CONTRIBUTING.md, docs/ and the examples' READMEs names a file or folder that exists
 * in a checkout (not one git ignores, such as the generated docs/api/), and every `#anchor`, on the
 * same page or another, matches a heading of the target page as GitHub slugs it. Links with a
 * scheme (https:, mailto:, ...) are not followed.
 *
 * Markdown is read with markdown-it (the tokens a CommonMark renderer sees, so links in code are
 * not links) and headings are slugged with github-slugger (GitHub's own rules, duplicates `-1`,
 * `-2`, ...).
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import GithubSlugger = require("github-slugger");
import MarkdownIt = require("markdown-it");

const ROOT = path.join(__dirname, "..", "..");

/** What the checker needs to know about the tree the links point into (paths relative to its root, with `/`). */
export interface Tree {
    /** "file", "dir", or undefined when nothing is there. */
    kind(relative: string): "file" | "dir" | undefined;
    read(relative: string): string;
    /** The paths among these that a checkout would not have (git-ignored). */
    ignored(relatives: readonly string[]): Set<string>;
}

export interface LinkProblem {
    file: string;
    line: number;
    link: string;
    problem: string;
}

export function formatProblem(problem: LinkProblem): string {
    return `${problem.file}:${problem.line}: link "${problem.link}": ${problem.problem}`;
}

interface FoundLink {
    href: string;
    line: number;
}

const markdown = new MarkdownIt({ html: true, linkify: false });
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const HTML_REFERENCE = /\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const HTML_ANCHOR = /\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const LINE_ANCHOR = /^L\d+(?:C\d+)?(?:-L\d+(?:C\d+)?)?$/;

type Token = MarkdownIt.Token;

/** Each link and image of a Markdown text with its line (1-based), in order. */
export function linksOf(text: string): FoundLink[] {
    const lines = text.split("\n");
    const found: FoundLink[] = [];
    const tokens = markdown.parse(text, {});
    let lastMap: [number, number] = [0, 1];
    for (const token of tokens) {
        if (token.map) lastMap = token.map as [number, number];
        const blockText = lines.slice(lastMap[0], Math.max(lastMap[1], lastMap[0] + 1)).join("\n");
        let cursor = 0;
        // The line of a link: where its target is written in the block, searched in order.
        const lineOf = (written: string): number => {
            const at = written === "" ? -1 : blockText.indexOf(written, cursor);
            if (at < 0) return lastMap[0] + 1;
            cursor = at + written.length;
            return lastMap[0] + 1 + blockText.slice(0, at).split("\n").length - 1;
        };
        const add = (href: string) => found.push({ href, line: lineOf(writtenForm(href, blockText, cursor)) });
        if (token.type === "html_block") for (const href of htmlReferences(token.content)) add(href);
        for (const child of token.children ?? []) {
            if (child.type === "link_open") add(String(child.attrGet("href") ?? ""));
            else if (child.type === "image") add(String(child.attrGet("src") ?? ""));
            else if (child.type === "html_inline") for (const href of htmlReferences(child.content)) add(href);
        }
    }
    return found;
}

/** markdown-it percent-encodes what it normalises; find the target as the author wrote it. */
function writtenForm(href: string, blockText: string, cursor: number): string {
    if (blockText.indexOf(href, cursor) >= 0) return href;
    const decoded = safeDecode(href);
    return blockText.indexOf(decoded, cursor) >= 0 ? decoded : href;
}

function htmlReferences(html: string): string[] {
    return [...html.matchAll(HTML_REFERENCE)].map((match) => match[1] ?? match[2] ?? "");
}

function safeDecode(text: string): string {
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}

/** The anchors a Markdown page has, as GitHub makes them: each heading's slug, and HTML ids and names. */
export function anchorsOf(text: string): Set<string> {
    const slugger = new GithubSlugger();
    const anchors = new Set<string>();
    const tokens = markdown.parse(text, {});
    tokens.forEach((token, index) => {
        if (token.type === "heading_open") anchors.add(slugger.slug(headingText(tokens[index + 1])));
        const html = token.type === "html_block" ? [token.content] : (token.children ?? []).filter((child: Token) => child.type === "html_inline").map((child: Token) => child.content);
        for (const fragment of html) for (const match of fragment.matchAll(HTML_ANCHOR)) anchors.add(match[1] ?? match[2] ?? "");
    });
    return anchors;
}

/** A heading's text as GitHub reads it for the slug: text and code, without markup or images. */
function headingText(inline: Token | undefined): string {
    return (inline?.children ?? [])
        .map((child) => (child.type === "text" || child.type === "code_inline" ? child.content : child.type === "softbreak" ? " " : ""))
        .join("");
}

/** Every broken link of these Markdown files (paths relative to the tree's root). */
export function checkLinks(files: readonly string[], tree: Tree): LinkProblem[] {
    const problems: LinkProblem[] = [];
    const anchorCache = new Map<string, Set<string>>();
    const anchors = (page: string) => {
        let known = anchorCache.get(page);
        if (!known) anchorCache.set(page, (known = anchorsOf(tree.read(page))));
        return known;
    };
    const pending: Array<{ problem: LinkProblem; target: string }> = [];
    for (const file of files) {
        for (const { href, line } of linksOf(tree.read(file))) {
            const report = (problem: string) => problems.push({ file, line, link: href, problem });
            if (href.trim() === "") {
                report("the link has no target");
                continue;
            }
            if (SCHEME.test(href) || href.startsWith("//")) continue;
            const hash = href.indexOf("#");
            const pathPart = safeDecode((hash < 0 ? href : href.slice(0, hash)).replace(/\?.*$/, ""));
            const anchor = hash < 0 ? undefined : safeDecode(href.slice(hash + 1));
            const target = pathPart === "" ? file : resolveTarget(file, pathPart);
            if (target === undefined) {
                report("points outside the repository");
                continue;
            }
            const kind = tree.kind(target);
            if (kind === undefined) {
                report(`no such file or folder: ${target}`);
                continue;
            }
            pending.push({ problem: { file, line, link: href, problem: `${target} is git-ignored, so a checkout does not have it` }, target });
            if (anchor === undefined) continue;
            const page = kind === "dir" ? [`${target}/README.md`, `${target}/readme.md`].find((readme) => tree.kind(readme) === "file") : target;
            if (page === undefined) {
                report(`#${anchor}: the folder ${target} has no README.md to hold the anchor`);
            } else if (/\.md$/i.test(page)) {
                if (anchor === "") report("an empty #anchor");
                else if (!anchors(page).has(anchor)) report(`#${anchor} is not a heading of ${page}${closest(anchor, anchors(page))}`);
            } else if (!LINE_ANCHOR.test(anchor)) {
                report(`#${anchor}: ${page} is not Markdown, so only line anchors (#L12, #L12-L20) can point into it`);
            }
        }
    }
    const ignored = tree.ignored([...new Set(pending.map((entry) => entry.target))]);
    for (const entry of pending) if (ignored.has(entry.target)) problems.push(entry.problem);
    return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** A link's target relative to the root, or undefined when it climbs out of it. */
function resolveTarget(file: string, pathPart: string): string | undefined {
    const joined = pathPart.startsWith("/") ? path.posix.normalize(pathPart.slice(1)) : path.posix.join(path.posix.dirname(file), pathPart);
    const normal = path.posix.normalize(joined).replace(/\/+$/, "");
    if (normal === ".." || normal.startsWith("../")) return undefined;
    return normal === "" ? "." : normal;
}

function closest(anchor: string, known: Set<string>): string {
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const candidate of known) {
        const distance = editDistance(anchor, candidate);
        if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
    }
    return best !== undefined && bestDistance <= Math.max(3, anchor.length / 3) ? ` (did you mean #${best}?)` : "";
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
    }
    return previous[b.length];
}

/** The checkout on disk. */
function diskTree(root: string): Tree {
    return {
        kind(relative) {
            try {
                const stat = fs.statSync(path.join(root, relative));
                return stat.isDirectory() ? "dir" : stat.isFile() ? "file" : undefined;
            } catch {
                return undefined;
            }
        },
        read: (relative) => fs.readFileSync(path.join(root, relative), "utf8"),
        ignored(relatives) {
            if (relatives.length === 0) return new Set();
            try {
                return new Set(lines(execFileSync("git", ["check-ignore", "--no-index", "--stdin"], { cwd: root, input: relatives.join("\n"), encoding: "utf8", stdio: ["pipe", "pipe", "ignore"] })));
            } catch (error) {
                // Exit 1: none is ignored. Anything else (no git, not a checkout): nothing to go by.
                const failure = error as { status?: number; stdout?: string };
                return failure.status === 1 ? new Set() : new Set(lines(failure.stdout ?? ""));
            }
        },
    };
}

function lines(text: string): string[] {
    return text.split("\n").filter((line) => line !== "");
}

/** The Markdown the project publishes: the root's pages, docs/ (without the generated docs/api/), the examples' READMEs. */
export function projectMarkdown(root: string): string[] {
    const found = ["README.md", "CHANGELOG.md", "CONTRIBUTING.md"].filter((file) => fs.existsSync(path.join(root, file)));
    const walk = (folder: string, keep: (name: string) => boolean) => {
        const full = path.join(root, folder);
        if (!fs.existsSync(full)) return;
        for (const entry of fs.readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            const relative = `${folder}/${entry.name}`;
            if (entry.isDirectory()) {
                if (relative !== "docs/api" && entry.name !== "node_modules") walk(relative, keep);
            } else if (keep(entry.name)) {
                found.push(relative);
            }
        }
    };
    walk("docs", (name) => name.endsWith(".md"));
    walk("examples", (name) => name === "README.md");
    return found;
}

/** A tree held in memory, for the checker's own tests. */
function memoryTree(files: Record<string, string>, ignoredPaths: string[] = []): Tree {
    const folders = new Set(Object.keys(files).flatMap((file) => file.split("/").slice(0, -1).map((_, index, parts) => parts.slice(0, index + 1).join("/"))));
    return {
        kind: (relative) => (relative in files ? "file" : folders.has(relative) || relative === "." ? "dir" : undefined),
        read: (relative) => files[relative],
        ignored: (relatives) => new Set(relatives.filter((relative) => ignoredPaths.some((ignored) => relative === ignored || relative.startsWith(`${ignored}/`)))),
    };
}

describe("docs: links", () => {
    describe("the checker", () => {
        const pages: Record<string, string> = {
            "docs/guide/b.md": "# Page B\n\n## Sub section\n\n## Sub section\n\n### `propagation: { karmada }`\n\n<a id=\"kept-anchor\"></a>\n",
            "docs/api/index.html": "<html></html>",
            "components/index.ts": "export {};\n",
            "examples/karmada/README.md": "# Karmada\n\n## Run it\n",
        };
        const cases: Array<{ name: string; text: string; problems: string[] }> = [
            { name: "a good link to a page", text: "See [B](guide/b.md).", problems: [] },
            { name: "a good cross-page anchor", text: "See [B](guide/b.md#sub-section).", problems: [] },
            { name: "a duplicate heading's anchor, as GitHub numbers it", text: "[B](guide/b.md#sub-section-1)", problems: [] },
            { name: "a heading with inline code", text: "[B](guide/b.md#propagation--karmada-)", problems: [] },
            { name: "an HTML anchor", text: "[B](guide/b.md#kept-anchor)", problems: [] },
            { name: "a good same-page anchor", text: "# Top\n\n## Two words\n\n[up](#two-words)", problems: [] },
            { name: "a folder, and an anchor in its README", text: "[k](../examples/karmada/) and [r](../examples/karmada#run-it)", problems: [] },
            { name: "a line anchor into source", text: "[i](../components/index.ts#L1)", problems: [] },
            { name: "links with a scheme are not followed", text: "[w](https://example.com/missing.md) [m](mailto:a@example.com)", problems: [] },
            { name: "links in code are not links", text: "`[x](missing.md)`\n\n```md\n[y](missing.md)\n```\n", problems: [] },
            { name: "a broken file link", text: "One\n\nSee [C](guide/c.md) here.", problems: ['docs/a.md:3: link "guide/c.md": no such file or folder: docs/guide/c.md'] },
            {
                name: "a broken cross-page anchor, with the closest heading",
                text: "[B](guide/b.md#sub-sectoin)",
                problems: ['docs/a.md:1: link "guide/b.md#sub-sectoin": #sub-sectoin is not a heading of docs/guide/b.md (did you mean #sub-section?)'],
            },
            { name: "a broken same-page anchor", text: "# Top\n\n[up](#nowhere)", problems: ['docs/a.md:3: link "#nowhere": #nowhere is not a heading of docs/a.md'] },
            { name: "an anchor written in capitals", text: "[B](guide/b.md#Page-B)", problems: ['docs/a.md:1: link "guide/b.md#Page-B": #Page-B is not a heading of docs/guide/b.md (did you mean #page-b?)'] },
            { name: "a git-ignored target", text: "[api](api/index.html)", problems: ['docs/a.md:1: link "api/index.html": docs/api/index.html is git-ignored, so a checkout does not have it'] },
            { name: "a link out of the repository", text: "[up](../../x.md)", problems: ['docs/a.md:1: link "../../x.md": points outside the repository'] },
            { name: "a reference-style link, reported where it is used", text: "Text [B][b].\n\n[b]: guide/nope.md", problems: ['docs/a.md:1: link "guide/nope.md": no such file or folder: docs/guide/nope.md'] },
            { name: "an HTML link", text: "<p>\n<a href=\"guide/gone.md\">gone</a>\n</p>\n", problems: ['docs/a.md:2: link "guide/gone.md": no such file or folder: docs/guide/gone.md'] },
            { name: "a link in a table, on its row's line", text: "| a | b |\n|---|---|\n| x | [c](gone.md) |\n", problems: ['docs/a.md:3: link "gone.md": no such file or folder: docs/gone.md'] },
            { name: "a heading holding a link is slugged by its text", text: "## See [B](guide/b.md) first\n\n[here](#see-b-first)", problems: [] },
            {
                name: "each of several links on its own line",
                text: "- [a](guide/b.md)\n- [b](missing-1.md)\n- [c](guide/b.md#nope)\n",
                problems: ['docs/a.md:2: link "missing-1.md": no such file or folder: docs/missing-1.md', 'docs/a.md:3: link "guide/b.md#nope": #nope is not a heading of docs/guide/b.md'],
            },
        ];
        for (const { name, text, problems } of cases) {
            it(name, () => {
                const tree = memoryTree({ ...pages, "docs/a.md": text }, ["docs/api"]);
                assert.deepStrictEqual(checkLinks(["docs/a.md"], tree).map(formatProblem), problems);
            });
        }
    });

    const files = projectMarkdown(ROOT);
    const tree = diskTree(ROOT);

    it("finds the project's Markdown", () => {
        for (const expected of ["README.md", "CHANGELOG.md", "CONTRIBUTING.md", "docs/README.md"]) assert.ok(files.includes(expected), `${expected} is missing`);
    });

    for (const file of files) {
        it(`${file}: every relative link and anchor resolves`, () => {
            const problems = checkLinks([file], tree).map(formatProblem);
            if (problems.length > 0) assert.fail(`${problems.length} broken link(s):\n  ${problems.join("\n  ")}`);
        });
    }

    it("every page under docs/ is linked from another page", () => {
        const linked = new Set<string>();
        for (const file of files) {
            for (const { href } of linksOf(tree.read(file))) {
                if (SCHEME.test(href) || href.startsWith("#")) continue;
                const target = resolveTarget(file, safeDecode(href.replace(/[?#].*$/, "")));
                if (target !== undefined && target !== file) linked.add(tree.kind(target) === "dir" ? `${target}/README.md` : target);
            }
        }
        const orphans = files.filter((file) => file.startsWith("docs/") && !linked.has(file));
        if (orphans.length > 0) assert.fail(`pages no other page links to: ${orphans.join(", ")}`);
    });
});

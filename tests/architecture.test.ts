/**
 * The layer rule of components/ (docs/architecture.md), read from the imports themselves: a folder
 * imports only from its own folder and the layers below it, nothing imports in a cycle, the pure
 * folders never import `@pulumi`, and the root holds only the public index and what every layer
 * shares.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const COMPONENTS = path.join(__dirname, "..", "components");

/** Lowest first. A file may import from a layer of a lower rank, or from its own folder. */
export const LAYERS: ReadonlyArray<{ folder: string; rank: number; pure: boolean }> = [
    { folder: ".", rank: 0, pure: true }, // errors.ts: shared by every layer (index.ts is ranked apart)
    { folder: "generated", rank: 1, pure: true },
    { folder: "planning", rank: 2, pure: true },
    { folder: "manifests", rank: 3, pure: true },
    { folder: "karmada", rank: 4, pure: true },
    { folder: "health", rank: 4, pure: false }, // probes API servers (network I/O), no @pulumi
    { folder: "join", rank: 5, pure: false }, // join's identity in a member and its stack file edits (network and file I/O), no @pulumi
    { folder: "resources", rank: 5, pure: false },
    { folder: "synth", rank: 6, pure: false },
    { folder: "multilang", rank: 6, pure: false },
    { folder: "reconcile", rank: 6, pure: false }, // drift and the reconcile loop: the Automation API, probes, an HTTP endpoint
    { folder: "cli", rank: 7, pure: false },
];
const INDEX = "index.ts";
const INDEX_RANK = 8;
const ROOT_FILES_AT_MOST = 6;

export interface ImportEdge { from: string; to: string; specifier: string; line: number }

/** Every import, export-from, import-equals, require() and import() of a source file. */
export function importsOf(file: string, text: string): Array<{ specifier: string; line: number }> {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const found: Array<{ specifier: string; line: number }> = [];
    const add = (node: ts.Node, literal: ts.Expression | undefined) => {
        if (literal && ts.isStringLiteralLike(literal)) found.push({ specifier: literal.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    };
    const visit = (node: ts.Node): void => {
        if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
        else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression);
        else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) add(node, node.arguments[0]);
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}

function sourceFiles(folder: string): string[] {
    return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) return sourceFiles(full);
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [full] : [];
    });
}

function resolveLocal(from: string, specifier: string): string | undefined {
    const base = path.resolve(path.dirname(from), specifier);
    return [base, `${base}.ts`, path.join(base, "index.ts")].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
}

/** The import graph of components/, as paths relative to it. */
export function componentGraph(root = COMPONENTS): { files: string[]; edges: ImportEdge[]; external: Array<ImportEdge> } {
    const files = sourceFiles(root).map((file) => path.relative(root, file).split(path.sep).join("/")).sort();
    const edges: ImportEdge[] = [];
    const external: ImportEdge[] = [];
    for (const file of files) {
        const full = path.join(root, file);
        for (const { specifier, line } of importsOf(full, fs.readFileSync(full, "utf8"))) {
            if (!specifier.startsWith(".")) {
                external.push({ from: file, to: specifier, specifier, line });
                continue;
            }
            const target = resolveLocal(full, specifier);
            assert.ok(target, `${file}:${line}: "${specifier}" resolves to no file`);
            edges.push({ from: file, to: path.relative(root, target).split(path.sep).join("/"), specifier, line });
        }
    }
    return { files, edges, external };
}

/** Every cycle's files (one per strongly connected component with more than one file, or a self-import). */
export function cycles(files: string[], edges: ImportEdge[]): string[][] {
    const next = new Map<string, string[]>(files.map((file) => [file, []]));
    for (const edge of edges) next.get(edge.from)?.push(edge.to);
    // Tarjan's strongly connected components, iteratively (no recursion depth limit).
    const index = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>();
    const stack: string[] = [], found: string[][] = [];
    let counter = 0;
    for (const start of files) {
        if (index.has(start)) continue;
        const work: Array<{ node: string; child: number }> = [{ node: start, child: 0 }];
        index.set(start, counter); low.set(start, counter++); stack.push(start); onStack.add(start);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const children = next.get(frame.node) ?? [];
            if (frame.child < children.length) {
                const child = children[frame.child++];
                if (!index.has(child)) {
                    index.set(child, counter); low.set(child, counter++); stack.push(child); onStack.add(child);
                    work.push({ node: child, child: 0 });
                } else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
                continue;
            }
            work.pop();
            if (work.length > 0) low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node)!, low.get(frame.node)!));
            if (low.get(frame.node) === index.get(frame.node)) {
                const component: string[] = [];
                let member: string;
                do { member = stack.pop()!; onStack.delete(member); component.push(member); } while (member !== frame.node);
                if (component.length > 1 || children.includes(frame.node)) found.push(component.sort());
            }
        }
    }
    return found;
}

function layerOf(file: string): { folder: string; rank: number; pure: boolean } {
    if (file === INDEX) return { folder: ".", rank: INDEX_RANK, pure: false };
    const folder = file.includes("/") ? file.slice(0, file.indexOf("/")) : ".";
    const layer = LAYERS.find((candidate) => candidate.folder === folder);
    assert.ok(layer, `components/${file}: its folder "${folder}" is in no layer (add it to LAYERS and docs/architecture.md)`);
    return layer;
}

/** The rule's breaches, as messages naming the importing file and line. */
export function layerViolations(graph: ReturnType<typeof componentGraph>): string[] {
    const problems: string[] = [];
    for (const edge of graph.edges) {
        const from = layerOf(edge.from), to = layerOf(edge.to);
        if (from.folder === to.folder && edge.from !== INDEX) continue;
        if (to.rank >= from.rank) problems.push(`components/${edge.from}:${edge.line} imports "${edge.specifier}" (${to.folder}, rank ${to.rank}) from ${from.folder} (rank ${from.rank}): an upward or sideways import`);
    }
    for (const edge of graph.external) {
        if (layerOf(edge.from).pure && /^@pulumi\//.test(edge.specifier)) problems.push(`components/${edge.from}:${edge.line} imports "${edge.specifier}" in a pure folder`);
    }
    for (const cycle of cycles(graph.files, graph.edges)) problems.push(`an import cycle: ${cycle.map((file) => `components/${file}`).join(" <-> ")}`);
    return problems;
}

describe("architecture: the layers of components/", () => {
    const graph = componentGraph();

    it("imports only downward, never in a cycle, and never @pulumi from a pure folder", () => {
        assert.deepEqual(layerViolations(graph), []);
    });

    it("keeps at most six files at the root: the public index and what every layer shares", () => {
        const root = graph.files.filter((file) => !file.includes("/"));
        assert.ok(root.includes(INDEX));
        assert.ok(root.length <= ROOT_FILES_AT_MOST, `components/ holds ${root.length} files: ${root.join(", ")}`);
    });

    it("the public index exports by name (no `export *`, which would publish a module's internals)", () => {
        const index = ts.createSourceFile(INDEX, fs.readFileSync(path.join(COMPONENTS, INDEX), "utf8"), ts.ScriptTarget.Latest, true);
        const star = index.statements.filter((statement) => ts.isExportDeclaration(statement) && statement.exportClause === undefined);
        assert.deepEqual(star.map((statement) => statement.getText()), []);
    });

    it("notices what it is meant to notice (upward imports, cycles, @pulumi in a pure folder)", () => {
        const files = ["errors.ts", "planning/a.ts", "planning/b.ts", "resources/c.ts"];
        const edge = (from: string, to: string): ImportEdge => ({ from, to, specifier: to, line: 1 });
        const upward = layerViolations({ files, edges: [edge("planning/a.ts", "resources/c.ts")], external: [] });
        assert.match(upward.join("\n"), /components\/planning\/a\.ts:1 imports .* upward/);
        const cycle = layerViolations({ files, edges: [edge("planning/a.ts", "planning/b.ts"), edge("planning/b.ts", "planning/a.ts")], external: [] });
        assert.match(cycle.join("\n"), /cycle: components\/planning\/a\.ts <-> components\/planning\/b\.ts/);
        const impure = layerViolations({ files, edges: [], external: [edge("planning/a.ts", "@pulumi/pulumi")] });
        assert.match(impure.join("\n"), /"@pulumi\/pulumi" in a pure folder/);
        assert.deepEqual(layerViolations({ files, edges: [edge("resources/c.ts", "planning/a.ts"), edge("planning/a.ts", "errors.ts")], external: [edge("resources/c.ts", "@pulumi/pulumi")] }), []);
    });

    it("reads every form of import (import, export from, import =, require, import())", () => {
        const text = `import a from "./a"; export * from "./b"; import c = require("./c"); const d = require("./d"); void import("./e");`;
        assert.deepEqual(importsOf("x.ts", text).map((found) => found.specifier), ["./a", "./b", "./c", "./d", "./e"]);
    });
});

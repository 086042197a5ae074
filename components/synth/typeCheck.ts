/**
 * Type-checking a TypeScript stack program before synth runs it, so that synth reports the type
 * errors `pulumi up` would. Pulumi's Node.js runtime runs the program through ts-node with type
 * checking on, unless `PULUMI_NODEJS_TRANSPILE_ONLY=true` or the tsconfig sets `noCheck`
 * (tsNode.ts says how it sets ts-node up). The compiler options are the ones ts-node itself
 * computes from that setup (its `create`), so its defaults and fix-ups apply as under Pulumi.
 *
 * What is reported is what ts-node's language service reports: each loaded file's syntactic and
 * semantic diagnostics (not the declaration files' nor node_modules'), less the codes ts-node
 * ignores; not the options' own diagnostics nor the global ones, which ts-node never asks for
 * (so TypeScript 6's TS5107 for `moduleResolution: node` stops neither `pulumi up` nor synth while
 * the type check runs). ts-node checks the files the program loads, not the tsconfig's
 * `files`/`include`: so does this.
 */
import * as path from "path";
import type * as TypeScript from "typescript";
import { PulumiTypeScript, TS_NODE_IGNORED_DIAGNOSTICS } from "./tsNode";

/** The program's type errors, formatted as tsc prints them (paths relative to the current folder). */
export function typeErrors(setup: PulumiTypeScript, main: string): string[] {
    const { ts } = setup;
    let service;
    try {
        service = setup.tsNode.create({ ...setup.options, transpileOnly: false });
    } catch (error) {
        // The tsconfig's own errors (an unknown option, a wrong value), as ts-node raises them.
        const diagnostics = (error as { diagnostics?: unknown }).diagnostics;
        if (Array.isArray(diagnostics) && diagnostics.length > 0) return format(ts, diagnostics as TypeScript.Diagnostic[]);
        throw error;
    }
    const ignored = new Set([...TS_NODE_IGNORED_DIAGNOSTICS, ...(service.options.ignoreDiagnostics ?? []).map(Number)]);
    const program = service.ts.createProgram({ rootNames: [path.resolve(main)], options: service.config.options });
    const diagnostics: TypeScript.Diagnostic[] = [];
    for (const file of program.getSourceFiles()) {
        if (file.isDeclarationFile || file.fileName.split(/[\\/]/).includes("node_modules")) continue;
        diagnostics.push(...program.getSemanticDiagnostics(file), ...program.getSyntacticDiagnostics(file));
    }
    return format(service.ts, diagnostics.filter((diagnostic) => !ignored.has(diagnostic.code)));
}

function format(ts: typeof TypeScript, diagnostics: readonly TypeScript.Diagnostic[]): string[] {
    const host: TypeScript.FormatDiagnosticsHost = {
        getCanonicalFileName: (name) => name,
        getCurrentDirectory: () => process.cwd(),
        getNewLine: () => "\n",
    };
    return diagnostics.map((diagnostic) => ts.formatDiagnostics([diagnostic], host).trimEnd());
}

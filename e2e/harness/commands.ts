/**
 * Other commands the suite runs as a user would (npm, an installed pulumi-federation), each in a
 * given environment; resolves with the exit code and output (`commandOk` asserts it succeeded).
 */
import * as assert from "assert";
import { spawn } from "child_process";
import { CommandResult } from "./pulumi";

export function command(program: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
        const child = spawn(program, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (c: Buffer) => { stdout += c.toString(); });
        child.stderr.on("data", (c: Buffer) => { stderr += c.toString(); });
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr, seconds: (Date.now() - started) / 1000 }));
    });
}

export async function commandOk(program: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
    const result = await command(program, args, cwd, env);
    assert.strictEqual(result.code, 0, `${program} ${args.join(" ")} exited ${result.code}:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
    return result;
}

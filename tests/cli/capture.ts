/** Runs `pulumi-federation` in process with what it prints captured (for the command tests). */
import { main } from "../../components/cli";

export async function runCommandLine(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const [log, error] = [console.log, console.error];
    console.log = (...parts: unknown[]) => { out.push(parts.join(" ")); };
    console.error = (...parts: unknown[]) => { err.push(parts.join(" ")); };
    try {
        const code = await main(args);
        return { code, out: out.join("\n"), err: err.join("\n") };
    } finally {
        console.log = log;
        console.error = error;
    }
}

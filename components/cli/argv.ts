import * as fs from "fs";
import { FederationError, printable } from "../errors";
/** Command-line flags as every command reads them: `--flag value` or `--flag=value`. */

export interface Flag {
    /** The flag (or a positional argument) without any `=value`. */
    flag: string;
    /** The value given after `=`, if any. */
    inline?: string;
    /** The flag's value: after `=`, else the next argument (consumed); never empty or another flag. */
    value(): string;
}

/** Each argument in order; `value()` consumes the next one when the value was not given after `=`. */
export function* flags(args: readonly string[]): Generator<Flag> {
    for (let i = 0; i < args.length; i++) {
        const argument = args[i];
        const at = argument.startsWith("--") ? argument.indexOf("=") : -1;
        const flag = at > 0 ? argument.slice(0, at) : argument;
        const inline = at > 0 ? argument.slice(at + 1) : undefined;
        yield {
            flag,
            inline,
            value: () => {
                const next = inline ?? args[++i];
                if (next === undefined || next === "" || (inline === undefined && next.startsWith("--"))) throw new Error(`${flag} needs a value`);
                return next;
            },
        };
    }
}

/** `key=value,key=value` as labels; `owner` names the argument in the error. */
export function labelPairs(text: string, owner: string): Record<string, string> {
    const labels = new Map<string, string>();
    for (const pair of text.split(",")) {
        const at = pair.indexOf("=");
        if (at <= 0) throw new FederationError({ resource: owner }, "labels are key=value pairs separated by commas");
        labels.set(pair.slice(0, at), pair.slice(at + 1));
    }
    // Own properties whatever the key: `labels["__proto__"] = ...` would set the prototype instead.
    return Object.fromEntries(labels);
}

/** What a file-writing command produced: the text, where it goes, and lines for stderr. */
export interface CommandOutput {
    text: string;
    out?: string;
    notes?: readonly string[];
}

/**
 * Reports a command's failure on stderr and gives its exit status (1): an error about the input
 * (a FederationError, or the Pulumi SDK's RunError from the program) alone, any other (the
 * arguments) with the command's usage.
 */
export function commandFailed(name: string, usage: string, error: unknown): number {
    const aboutInput = error instanceof FederationError || (error as { __pulumiRunError?: boolean } | undefined)?.__pulumiRunError === true;
    console.error(printable(`pulumi-federation ${name}: ${(error as Error).message}${aboutInput ? "" : `\n\n${usage}`}`, true));
    return 1;
}

/**
 * Runs a command that writes one text to stdout or `--out`: a FederationError (the input) is
 * printed alone, any other error (the arguments) with the usage; notes go to stderr.
 */
export function runFileCommand(name: string, usage: string, run: () => CommandOutput): number {
    let result: CommandOutput;
    try {
        result = run();
    } catch (error) {
        return commandFailed(name, usage, error);
    }
    for (const note of result.notes ?? []) console.error(printable(`${name}: ${note}`, true));
    if (result.out !== undefined) fs.writeFileSync(result.out, result.text);
    else process.stdout.write(result.text);
    return 0;
}

const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/**
 * A duration flag in seconds: Go's duration syntax as kubectl and Kubernetes manifests write it
 * (`90s`, `1m30s`, `1.5h`, `500ms`), or a bare number of seconds, between `least` and `most`
 * seconds (zero and negatives are always refused).
 */
export function durationSeconds(flag: string, text: string, least = 0, most = Infinity): number {
    const parts = /^\d+(\.\d+)?$/.test(text) ? [[text, text, "s"]] : [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
    const seconds = parts.reduce((total, [, amount, unit]) => total + Number(amount) * DURATION_UNITS[unit], 0);
    const whole = parts.map(([part]) => part).join("") === text;
    if (!whole || !(seconds > 0) || !Number.isFinite(seconds)) throw new Error(`${flag} must be a duration such as 60s, 5m or 1m30s, got ${JSON.stringify(text)}`);
    if (seconds < least || seconds > most) throw new Error(`${flag} must be between ${spoken(least)} and ${spoken(most)}, got ${JSON.stringify(text)}`);
    return seconds;
}

function spoken(seconds: number): string {
    return seconds >= 3600 && seconds % 3600 === 0 ? `${seconds / 3600}h` : seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

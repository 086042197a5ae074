/**
 * The stack outputs synth prints after its tables (`members`, `placements`, whatever the program
 * exports), as `pulumi stack output` would show them, with secret values masked.
 */
import { Capture, UNKNOWN_VALUE } from "./capture";

/** `Stack outputs:` and one line per output, secret values as `[secret]`; nothing without outputs. */
export function stackOutputLines(capture: Capture): string[] {
    const stack = capture.registrations.find((registration) => registration.type === "pulumi:pulumi:Stack");
    const outputs = stack?.outputs;
    if (!outputs || Object.keys(outputs).length === 0) return [];
    const masked = mask(outputs, stack!.outputSecretPaths ?? []);
    // Values only known after a real deployment print as Pulumi prints them.
    return ["Stack outputs:", ...Object.keys(masked).sort().map((key) => `  ${key}: ${JSON.stringify(masked[key], (_, value) => (value === UNKNOWN_VALUE ? "[unknown]" : value))}`)];
}

function mask(outputs: Record<string, unknown>, secretPaths: readonly string[]): Record<string, unknown> {
    if (secretPaths.includes("")) return Object.fromEntries(Object.keys(outputs).map((key) => [key, "[secret]"]));
    const copy = JSON.parse(JSON.stringify(outputs)) as Record<string, unknown>;
    for (const pointer of secretPaths) {
        const tokens = pointer.split("/").slice(1).map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
        let node: any = copy;
        for (let i = 0; i < tokens.length - 1 && node !== null && typeof node === "object"; i++) node = node[tokens[i]];
        if (node !== null && typeof node === "object" && Object.prototype.hasOwnProperty.call(node, tokens[tokens.length - 1])) node[tokens[tokens.length - 1]] = "[secret]";
    }
    return copy;
}

/**
 * What every subcommand of `pulumi-federation` is to the entry point: its name, a one-line summary
 * for the command list, its usage text (printed by `<command> --help` and copied verbatim into
 * docs/cli/reference.md), and what runs it. A command's file owns all four.
 */
export interface Command {
    /** The word after `pulumi-federation`. */
    readonly name: string;
    /** One line for `pulumi-federation --help`. */
    readonly summary: string;
    /** The full usage text, starting `usage: pulumi-federation <name>`. */
    readonly usage: string;
    /** Runs the command on the arguments after its name; resolves to the process exit code. */
    run(args: readonly string[]): number | Promise<number>;
}

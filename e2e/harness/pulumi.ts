/**
 * Runs the real Pulumi CLI for the suite: a local file backend and plugin home in the run folder,
 * a passphrase secrets provider, the built tools first on PATH, no update checks and no plugin
 * downloads (a missing plugin fails instead of being fetched). Every command has a time limit and
 * its output is kept in the run folder's logs.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

export interface CommandResult {
    code: number;
    stdout: string;
    stderr: string;
    seconds: number;
}

export interface RunOptions {
    cwd: string;
    input?: string;
    timeoutMs?: number;
    /** Resolve with the result instead of throwing when the command exits non-zero. */
    allowFailure?: boolean;
    env?: NodeJS.ProcessEnv;
    /** Variables of the suite's environment to leave out (e.g. PULUMI_NODEJS_TRANSPILE_ONLY, to type-check), unless `env` sets them. */
    unset?: readonly string[];
}

export class PulumiCli {
    private count = 0;
    readonly env: NodeJS.ProcessEnv;

    constructor(readonly bin: string, readonly runDir: string, extraEnv: NodeJS.ProcessEnv = {}) {
        const home = path.join(runDir, "pulumi-home");
        const state = path.join(runDir, "state");
        fs.mkdirSync(home, { recursive: true });
        fs.mkdirSync(state, { recursive: true });
        fs.mkdirSync(path.join(runDir, "logs"), { recursive: true });
        this.env = {
            ...process.env,
            PATH: `${bin}:${process.env.PATH ?? ""}`,
            PULUMI_HOME: home,
            PULUMI_BACKEND_URL: `file://${state}`,
            PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            // The provider comes from the plugin folder (installed from the built binary), not PATH.
            PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            PULUMI_NODEJS_TRANSPILE_ONLY: "true",
            // No ambient cluster: every provider must use the kubeconfig its member gives it.
            KUBECONFIG: path.join(runDir, "no-ambient-kubeconfig"),
            NO_COLOR: "1",
            ...extraEnv,
        };
    }

    /** Runs `pulumi <args>`; throws with the command's output when it fails (unless allowFailure). */
    run(args: string[], options: RunOptions): Promise<CommandResult> {
        const timeoutMs = options.timeoutMs ?? 300_000;
        const started = Date.now();
        const n = ++this.count;
        const log = path.join(this.runDir, "logs", `pulumi-${String(n).padStart(3, "0")}-${args[0]}.log`);
        return new Promise((resolve, reject) => {
            const env = { ...this.env, ...options.env };
            // (A variable the command itself sets stays.)
            for (const name of options.unset ?? []) if (options.env?.[name] === undefined) delete env[name];
            const child = spawn(path.join(this.bin, "pulumi"), [...args, "--color=never"], {
                cwd: options.cwd, env, stdio: ["pipe", "pipe", "pipe"],
            });
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (c: Buffer) => { stdout += c.toString(); });
            child.stderr.on("data", (c: Buffer) => { stderr += c.toString(); });
            const timer = setTimeout(() => {
                child.kill("SIGTERM");
                setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
            }, timeoutMs);
            child.on("error", (err) => { clearTimeout(timer); reject(err); });
            child.on("close", (code, signal) => {
                clearTimeout(timer);
                const seconds = (Date.now() - started) / 1000;
                const result = { code: code ?? (signal ? 128 : 1), stdout, stderr, seconds };
                fs.writeFileSync(log, `$ pulumi ${args.join(" ")}  (in ${options.cwd})\nexit ${result.code} after ${seconds}s${signal ? ` (signal ${signal})` : ""}\n--- stdout\n${stdout}\n--- stderr\n${stderr}\n`);
                if (signal && Date.now() - started >= timeoutMs) {
                    reject(new Error(`pulumi ${args.join(" ")} timed out after ${timeoutMs / 1000}s; output in ${log}`));
                } else if (result.code !== 0 && !options.allowFailure) {
                    reject(new Error(`pulumi ${args.join(" ")} exited ${result.code} (log ${log}):\n${diagnostics(stdout)}${tail(stdout)}\n${tail(stderr)}`));
                } else {
                    resolve(result);
                }
            });
            child.stdin.end(options.input ?? "");
        });
    }
}

/** The "Diagnostics:" section of an update's output (each failed resource and its error), if any. */
function diagnostics(stdout: string): string {
    const section = /^Diagnostics:\n([\s\S]*?)(?=^(Outputs|Resources):)/m.exec(stdout);
    return section ? `Diagnostics:\n${section[1].split("\n").slice(0, 80).join("\n")}\n` : "";
}

function tail(text: string, lines = 40): string {
    return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** The commands that read the stack's settings file (and so take --config-file). */
const READS_SETTINGS = ["config", "preview", "up", "destroy", "refresh"];

/**
 * One stack of one project folder. With `configFile`, its settings live there instead of in
 * `Pulumi.<stack>.yaml` beside the project (the suite keeps the repository root clean that way).
 */
export class Stack {
    /** `defaults`: run options for every command of this stack (a command's own add to them). */
    constructor(readonly cli: PulumiCli, readonly dir: string, readonly name: string, readonly configFile?: string, readonly defaults: Partial<RunOptions> = {}) {}

    private run(args: string[], options: Partial<RunOptions> = {}): Promise<CommandResult> {
        const settings = this.configFile && READS_SETTINGS.includes(args[0]) ? ["--config-file", this.configFile] : [];
        const merged = { cwd: this.dir, ...this.defaults, ...options, env: { ...this.defaults.env, ...options.env }, unset: [...(this.defaults.unset ?? []), ...(options.unset ?? [])] };
        return this.cli.run([...args, "--stack", this.name, ...settings], merged);
    }

    /** Creates the stack, replacing one an earlier run left (its state and its settings file). */
    async init(): Promise<void> {
        await this.cli.run(["stack", "rm", "--yes", "--force", "--stack", this.name], { cwd: this.dir, allowFailure: true });
        fs.rmSync(this.settingsFile(), { force: true });
        await this.cli.run(["stack", "init", this.name, "--non-interactive"], { cwd: this.dir });
        if (this.configFile) {
            // stack init writes the passphrase's salt beside the project; the settings move whole.
            const created = path.join(this.dir, `Pulumi.${this.name}.yaml`);
            if (fs.existsSync(created)) fs.renameSync(created, this.configFile);
        }
    }

    settingsFile(): string {
        return this.configFile ?? path.join(this.dir, `Pulumi.${this.name}.yaml`);
    }

    /** Sets one config value, read from standard input so that no value appears in a process list. */
    async setConfig(key: string, value: string | number | boolean | object, secret = false): Promise<void> {
        const text = typeof value === "string" ? value : JSON.stringify(value);
        await this.run(["config", "set", key, ...(secret ? ["--secret"] : ["--plaintext"])], { input: text });
    }

    async removeConfig(key: string): Promise<void> {
        await this.run(["config", "rm", key]);
    }

    preview(extra: string[] = [], options: Partial<RunOptions> = {}): Promise<CommandResult> {
        return this.run(["preview", "--non-interactive", ...extra], options);
    }

    up(extra: string[] = [], options: Partial<RunOptions> = {}): Promise<CommandResult> {
        return this.run(["up", "--yes", "--non-interactive", "--skip-preview", ...extra], options);
    }

    refresh(extra: string[] = [], options: Partial<RunOptions> = {}): Promise<CommandResult> {
        return this.run(["refresh", "--yes", "--non-interactive", "--skip-preview", ...extra], options);
    }

    destroy(extra: string[] = [], options: Partial<RunOptions> = {}): Promise<CommandResult> {
        return this.run(["destroy", "--yes", "--non-interactive", "--skip-preview", ...extra], options);
    }

    /** The stack's state as `pulumi stack export` prints it (secrets encrypted). */
    async exportState(): Promise<string> {
        return (await this.run(["stack", "export"])).stdout;
    }

    async outputs(): Promise<Record<string, unknown>> {
        return JSON.parse((await this.run(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
    }

    /** Removes the stack and its settings file. */
    async remove(): Promise<void> {
        await this.cli.run(["stack", "rm", "--yes", "--force", "--stack", this.name], { cwd: this.dir, allowFailure: true });
        fs.rmSync(this.settingsFile(), { force: true });
    }
}

/** The URNs of the state's resources, from `pulumi stack export` output. */
export function stateUrns(exported: string): string[] {
    const state = JSON.parse(exported) as { deployment?: { resources?: Array<{ urn: string }> } };
    return (state.deployment?.resources ?? []).map((r) => r.urn);
}

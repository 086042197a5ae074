/**
 * A `pulumi-federation reconcile` loop the suite runs in the background, as an operator would run
 * it: its JSON lines are parsed as they come, and the suite waits for passes (never for a time).
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";

export interface LoopLine {
    time: string;
    event: "start" | "pass" | "action" | "waiting" | "stopping" | "stopped";
    pass?: number;
    /** When the pass started. */
    started?: string;
    action?: string;
    outcome?: string;
    ready?: string[];
    notReady?: Record<string, string>;
    drifted?: Record<string, number>;
    objects?: string[];
    readinessChanged?: string[];
    metrics?: string;
    error?: string;
    lockWaitSeconds?: number;
}

export class LoopProcess {
    readonly lines: LoopLine[] = [];
    private output = "";
    private readonly child: ChildProcess;
    readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
    private listeners: Array<() => void> = [];

    constructor(program: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, readonly log: string) {
        this.child = spawn(program, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        let pending = "";
        this.child.stdout!.on("data", (chunk: Buffer) => {
            this.output += chunk.toString();
            pending += chunk.toString();
            const complete = pending.split("\n");
            pending = complete.pop() ?? "";
            for (const line of complete) {
                if (line.startsWith("{")) this.lines.push(JSON.parse(line) as LoopLine);
            }
            this.listeners.forEach((listener) => listener());
        });
        this.child.stderr!.on("data", (chunk: Buffer) => { this.output += chunk.toString(); });
        this.exited = new Promise((resolve) => this.child.on("close", (code, signal) => {
            fs.writeFileSync(log, this.output);
            this.listeners.forEach((listener) => listener());
            resolve({ code, signal });
        }));
    }

    get passes(): LoopLine[] {
        return this.lines.filter((line) => line.event === "pass");
    }

    /** Everything it printed so far (for assertion messages). */
    text(): string {
        return this.output;
    }

    /** Resolves with the first line (from `from` on) that matches; rejects if the loop exits first or after `timeoutMs` (a hang guard). */
    waitFor(what: string, match: (line: LoopLine) => boolean, from = 0, timeoutMs = 900_000): Promise<LoopLine> {
        return new Promise((resolve, reject) => {
            let done = false;
            const check = () => {
                if (done) return;
                const found = this.lines.slice(from).find(match);
                if (found) {
                    done = true;
                    clearTimeout(timer);
                    resolve(found);
                } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
                    done = true;
                    clearTimeout(timer);
                    reject(new Error(`the loop exited before ${what}:\n${this.output.slice(-4000)}`));
                }
            };
            const timer = setTimeout(() => { done = true; reject(new Error(`no ${what} after ${timeoutMs / 1000}s:\n${this.output.slice(-4000)}`)); }, timeoutMs);
            this.listeners.push(check);
            check();
        });
    }

    /** Resolves once `count` passes have ended after line index `from`; with them. */
    async passesAfter(from: number, count: number): Promise<LoopLine[]> {
        const ended = () => this.lines.slice(from).filter((line) => line.event === "pass").length;
        await this.waitFor(`${count} passes`, () => ended() >= count, from);
        return this.lines.slice(from).filter((line) => line.event === "pass").slice(0, count);
    }

    /** Resolves once `count` passes that started at or after `time` have ended; with them. */
    async passesStartedAfter(time: Date, count: number): Promise<LoopLine[]> {
        const after = () => this.passes.filter((line) => Date.parse(line.started ?? "") >= time.getTime());
        await this.waitFor(`${count} passes started after ${time.toISOString()}`, () => after().length >= count);
        return after().slice(0, count);
    }

    /** Resolves once `count` passes have ended at or after `time`; with them. */
    async passesEndedAfter(time: Date, count: number): Promise<LoopLine[]> {
        const after = () => this.passes.filter((line) => Date.parse(line.time) >= time.getTime());
        await this.waitFor(`${count} passes ended after ${time.toISOString()}`, () => after().length >= count);
        return after().slice(0, count);
    }

    signal(signal: NodeJS.Signals): void {
        this.child.kill(signal);
    }

    /** Stops it (SIGTERM) and waits for it to exit. */
    async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
        if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGTERM");
        return this.exited;
    }
}

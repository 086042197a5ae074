/**
 * Background processes of the end-to-end fleet: started detached with their output in a log file,
 * recorded by PID in a file so that a later run (or `e2e/fleet stop`) can stop what an earlier one
 * left behind, waited for with bounded polling, and stopped by PID (TERM, then KILL).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";

export interface Started {
    name: string;
    pid: number;
    log: string;
    exited: () => boolean;
}

function pidFile(dir: string): string {
    return path.join(dir, "pids.json");
}

function readPids(dir: string): Record<string, number> {
    try {
        return JSON.parse(fs.readFileSync(pidFile(dir), "utf8")) as Record<string, number>;
    } catch {
        return {};
    }
}

function writePids(dir: string, pids: Record<string, number>): void {
    fs.writeFileSync(pidFile(dir), JSON.stringify(pids, null, 2));
}

/** Starts `command` detached (with `env` added to this process's environment), logging to `<dir>/logs/<name>.log`, and records its PID. */
export function startProcess(dir: string, name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Started {
    const logs = path.join(dir, "logs");
    fs.mkdirSync(logs, { recursive: true });
    const log = path.join(logs, `${name}.log`);
    const fd = fs.openSync(log, "a");
    const child = spawn(command, args, { detached: true, stdio: ["ignore", fd, fd], env: { ...process.env, ...env } });
    fs.closeSync(fd);
    let hasExited = false;
    child.on("exit", () => { hasExited = true; });
    child.on("error", () => { hasExited = true; });
    child.unref();
    if (child.pid === undefined) {
        throw new Error(`could not start ${name} (${command}): see ${log}`);
    }
    writePids(dir, { ...readPids(dir), [name]: child.pid });
    return { name, pid: child.pid, log, exited: () => hasExited };
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

async function sleep(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Stops the recorded process `name` (its whole process group): TERM, then KILL after `graceMs`. */
export async function stopProcess(dir: string, name: string, graceMs = 10_000): Promise<void> {
    const pids = readPids(dir);
    const pid = pids[name];
    if (pid === undefined) {
        return;
    }
    const signal = (sig: NodeJS.Signals) => {
        try {
            process.kill(-pid, sig);
        } catch {
            try { process.kill(pid, sig); } catch { /* already gone */ }
        }
    };
    signal("SIGTERM");
    const deadline = Date.now() + graceMs;
    while (alive(pid) && Date.now() < deadline) {
        await sleep(100);
    }
    if (alive(pid)) {
        signal("SIGKILL");
        const killDeadline = Date.now() + 5_000;
        while (alive(pid) && Date.now() < killDeadline) {
            await sleep(100);
        }
    }
    delete pids[name];
    writePids(dir, pids);
}

/** Stops every process recorded in `dir`, in reverse start order. */
export async function stopAll(dir: string): Promise<void> {
    for (const name of Object.keys(readPids(dir)).reverse()) {
        await stopProcess(dir, name);
    }
}

export function logTail(log: string, lines = 25): string {
    try {
        return fs.readFileSync(log, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
        return "(no log)";
    }
}

/**
 * Polls `probe` every 200 ms until it answers true, for at most `timeoutMs`. Fails early, with the
 * end of the process's log, when the process exits.
 */
export async function waitUntil(what: string, timeoutMs: number, probe: () => Promise<boolean>, process?: Started): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError = "";
    while (Date.now() < deadline) {
        if (process?.exited()) {
            throw new Error(`${what}: ${process.name} exited. Last lines of ${process.log}:\n${logTail(process.log)}`);
        }
        try {
            if (await probe()) {
                return;
            }
        } catch (err) {
            lastError = (err as Error).message;
        }
        await sleep(200);
    }
    const tail = process ? `\nLast lines of ${process.log}:\n${logTail(process.log)}` : "";
    throw new Error(`${what}: not ready after ${timeoutMs / 1000}s${lastError ? ` (last error: ${lastError})` : ""}${tail}`);
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address() as net.AddressInfo;
            server.close(() => resolve(address.port));
        });
    });
}

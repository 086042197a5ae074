/** Running npm from a test: the npm that runs the tests when there is one, without its script environment. */
import { SpawnSyncReturns, spawnSync } from "child_process";

export function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
    const npmCli = process.env.npm_execpath;
    // The npm_* variables describe the outer npm's own run (its script, its flags), not this one's.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(?!config_cache$)/i.test(key)));
    return npmCli && npmCli.endsWith(".js")
        ? spawnSync(process.execPath, [npmCli, ...args], { cwd, encoding: "utf8", env })
        : spawnSync("npm", args, { cwd, encoding: "utf8", env, shell: process.platform === "win32" });
}

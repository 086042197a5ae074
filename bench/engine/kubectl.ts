/**
 * The floor under `npm run bench:e2e`'s figures: kubectl itself applying, diffing and deleting the
 * same objects (a namespace and its ConfigMaps per member), server-side apply, the members in
 * parallel as a user's script would run them.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

export type KubectlOperation = "apply" | "diff" | "update" | "delete";

export class KubectlFloor {
    constructor(
        private readonly kubectl: string,
        private readonly kubeconfig: string,
        private readonly contexts: readonly string[],
        private readonly dir: string,
    ) {
        fs.mkdirSync(dir, { recursive: true });
    }

    /** Writes each member's objects (a v1 List) and returns the files, by context. */
    private write(namespace: string, count: number, revision: string): Map<string, string> {
        const items = [
            { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } },
            ...Array.from({ length: count }, (_, i) => ({
                apiVersion: "v1", kind: "ConfigMap",
                metadata: { name: `config-${i}`, namespace },
                data: { index: String(i), owner: "bench", revision },
            })),
        ];
        const files = new Map<string, string>();
        for (const context of this.contexts) {
            const file = path.join(this.dir, `${namespace}-${context}.json`);
            fs.writeFileSync(file, JSON.stringify({ apiVersion: "v1", kind: "List", items }));
            files.set(context, file);
        }
        return files;
    }

    /** Runs one operation on every member at once; returns its wall time in seconds. */
    async time(operation: KubectlOperation, namespace: string, count: number, revision: string): Promise<number> {
        const files = this.write(namespace, count, revision);
        const started = process.hrtime.bigint();
        await Promise.all(this.contexts.map((context) => {
            const file = files.get(context)!;
            const args = operation === "delete" ? ["delete", "-f", file]
                : operation === "diff" ? ["diff", "--server-side", "--field-manager=bench-kubectl", "-f", file]
                : ["apply", "--server-side", "--field-manager=bench-kubectl", "-f", file];
            // kubectl diff exits 1 when something differs: the no-change diff must find nothing.
            return this.run(["--kubeconfig", this.kubeconfig, "--context", context, ...args]);
        }));
        return Number(process.hrtime.bigint() - started) / 1e9;
    }

    private run(args: string[]): Promise<void> {
        return new Promise((resolve, reject) => {
            const child = spawn(this.kubectl, args, { stdio: ["ignore", "ignore", "pipe"] });
            let stderr = "";
            child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
            child.on("error", reject);
            child.on("close", (code) => code === 0 ? resolve() : reject(new Error(`kubectl ${args.slice(4).join(" ")} exited ${code}: ${stderr.trim().slice(-2000)}`)));
        });
    }
}

/**
 * `npm run e2e:fleet`: starts the suite's fleet (etcd and three members) by itself, prints the
 * kubeconfig to use, and keeps it running until Ctrl-C, then stops everything it started.
 * For trying a program against real API servers by hand:
 *   KUBECONFIG=.e2e/fleet/kubeconfig.yaml pulumi up   (with .e2e/bin first on PATH)
 */
import * as path from "path";
import { Fleet } from "./fleet";

const root = path.resolve(__dirname, "..", "..");

async function main(): Promise<void> {
    const fleet = await Fleet.start({
        dir: path.join(root, ".e2e", "fleet"),
        bin: path.join(root, ".e2e", "bin"),
        members: [
            { name: "cluster1", auth: "certificate" },
            { name: "cluster2", auth: "token" },
            { name: "cluster3", auth: "certificate" },
        ],
    });
    console.log(`fleet ready: ${fleet.members.map((m) => `${m.name} ${m.server}`).join(", ")}`);
    console.log(`kubeconfig (contexts ${fleet.members.map((m) => m.context).join(", ")}): ${fleet.kubeconfigPath}`);
    console.log("Ctrl-C stops it.");
    const stop = () => {
        void fleet.stop().then(() => process.exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    setInterval(() => undefined, 1 << 30);
}

main().catch((err: Error) => {
    console.error(`e2e fleet: ${err.message}`);
    process.exit(1);
});

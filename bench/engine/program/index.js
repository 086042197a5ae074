// npm run bench:e2e's program, plain JavaScript as a user's compiled program runs: `count`
// ConfigMaps and their namespace on every member, declared through the federation
// (`mode: federation`, the package installed from its npm pack tarball) or by a hand-written loop
// over one provider per member (`mode: handwritten`). `revision` is written into every object, so
// that changing it updates one field of each.
//
// Stack config: kubeconfig (secret), members ([{ name, context }]), mode, count, namespace, revision.
"use strict";
const fs = require("fs");
const pulumi = require("@pulumi/pulumi");

const config = new pulumi.Config();
const kubeconfig = config.requireSecret("kubeconfig");
const members = config.requireObject("members");
const mode = config.require("mode");
const count = config.requireNumber("count");
const namespace = config.require("namespace");
const revision = config.require("revision");
const data = (i) => ({ index: String(i), owner: "bench", revision });

// The program's own peak memory (KB) and CPU time (µs), for the benchmark's table.
if (process.env.BENCH_ENGINE_USAGE_FILE) {
    process.on("exit", () => {
        const usage = process.resourceUsage();
        fs.writeFileSync(process.env.BENCH_ENGINE_USAGE_FILE, JSON.stringify({ maxRSS: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime }));
    });
}

if (mode === "federation") {
    const { FederatedConfigMap, FederatedNamespace, Federation } = require("pulumi-federation");
    const federation = new Federation("bench", { kubeconfig, clusters: members });
    const ns = new FederatedNamespace(namespace, { federation, placement: { clusterSelector: {} } });
    for (let i = 0; i < count; i++) {
        new FederatedConfigMap(`config-${i}`, { federation, namespace: ns, template: { data: data(i) }, placement: { clusterSelector: {} } });
    }
} else if (mode === "handwritten") {
    const k8s = require("@pulumi/kubernetes");
    for (const member of members) {
        const provider = new k8s.Provider(`bench-${member.name}`, { kubeconfig, context: member.context });
        const ns = new k8s.core.v1.Namespace(`${namespace}-${member.name}`, { metadata: { name: namespace } }, { provider });
        for (let i = 0; i < count; i++) {
            new k8s.core.v1.ConfigMap(`config-${i}-${member.name}`, {
                metadata: { name: `config-${i}`, namespace },
                data: data(i),
            }, { provider, dependsOn: [ns] });
        }
    }
} else {
    throw new Error(`mode must be federation or handwritten, got ${mode}`);
}

/**
 * The end-to-end suite's scale program: `count` ConfigMaps in one namespace on every member,
 * declared either through the federation (`mode: federation`) or by a hand-written loop over one
 * provider per cluster (`mode: handwritten`), so that `pulumi up` of both can be timed in one run.
 *
 * Stack config: kubeconfig (secret), members ([{ name, context }]), mode, count, namespace.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FederatedConfigMap, FederatedNamespace, Federation } from "../../../components";

const config = new pulumi.Config();
const kubeconfig = config.requireSecret("kubeconfig");
const members = config.requireObject<Array<{ name: string; context: string }>>("members");
const mode = config.require("mode");
const count = config.requireNumber("count");
const namespace = config.require("namespace");
const data = (i: number) => ({ index: String(i), owner: "scale" });

if (mode === "federation") {
    const federation = new Federation("scale", { kubeconfig, clusters: members });
    const ns = new FederatedNamespace(namespace, { federation, placement: { clusterSelector: {} } });
    for (let i = 0; i < count; i++) {
        new FederatedConfigMap(`config-${i}`, { federation, namespace: ns, template: { data: data(i) }, placement: { clusterSelector: {} } });
    }
} else if (mode === "handwritten") {
    for (const member of members) {
        const provider = new k8s.Provider(`scale-${member.name}`, { kubeconfig, context: member.context });
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

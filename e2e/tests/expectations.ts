/**
 * What the suite's programs declare, written out by hand as a user would check it, and the helpers
 * that configure their stacks and read the preview's JSON.
 */
import * as assert from "assert";
import { Stack } from "../harness/pulumi";
import { managedObjects } from "../harness/objects";
import { MEMBERS, endpoint, suite } from "./context";

export type ClusterName = "cluster1" | "cluster2" | "cluster3";
export const CLUSTERS: ClusterName[] = ["cluster1", "cluster2", "cluster3"];

/**
 * The typed program's objects: for each, its Pulumi component name and the clusters it lands in.
 * Labels: cluster1 { eu, prod } (host), cluster2 { us, prod }, cluster3 { eu, edge }.
 */
export const TYPED_OBJECTS: Record<string, { component: string; clusters: ClusterName[] }> = {
    "Namespace e2e-apps": { component: "e2e-apps", clusters: ["cluster1", "cluster2", "cluster3"] },
    "Deployment e2e-apps/web": { component: "web", clusters: ["cluster1", "cluster2"] },           // tier: prod
    "Deployment e2e-apps/api": { component: "api", clusters: ["cluster1", "cluster2", "cluster3"] }, // scheduled
    "ConfigMap e2e-apps/settings": { component: "settings", clusters: ["cluster1", "cluster2", "cluster3"] },
    "Secret e2e-apps/credentials": { component: "credentials", clusters: ["cluster1", "cluster2"] },
    "Service e2e-apps/web": { component: "web-service", clusters: ["cluster1", "cluster2"] },
    "ConfigMap default/keep": { component: "keep", clusters: ["cluster1", "cluster2", "cluster3"] },
};
export const TYPED_NAMESPACES = ["e2e-apps", "default"];

export function expectedKeys(objects: Record<string, { clusters: ClusterName[] }>, cluster: ClusterName): string[] {
    return Object.entries(objects).filter(([, o]) => o.clusters.includes(cluster)).map(([key]) => key).sort();
}

/** The YAML stack's objects (e2e/manifests/). */
export const YAML_NAMESPACES = ["e2e-yaml"];
export const YAML_OBJECTS: Record<string, { clusters: ClusterName[] }> = {
    "Namespace e2e-yaml": { clusters: ["cluster1", "cluster2", "cluster3"] },
    "Deployment e2e-yaml/web": { clusters: ["cluster1", "cluster2"] },
    "Deployment e2e-yaml/api": { clusters: ["cluster1", "cluster2", "cluster3"] },
    "ConfigMap e2e-yaml/settings": { clusters: ["cluster1", "cluster2", "cluster3"] },
};

/** Configures the YAML stack: members by kubeconfig path and context, the e2e manifests. */
export async function configureYamlStack(): Promise<void> {
    const { yaml, fleet } = suite();
    await yaml.init();
    await yaml.setConfig("pulumi-federation:clusters", memberConfig(Object.fromEntries(
        MEMBERS.map((m) => [m.name, { kubeconfig: fleet.kubeconfigPath }]))));
    await yaml.setConfig("pulumi-federation:manifests", ["e2e/manifests/"]);
}

export const DB_PASSWORD = "e2e-db-password-7f3a91";

/** The members as stack config: a context each, labels, the host, and per-member extras. */
export function memberConfig(extras: Partial<Record<ClusterName, Record<string, unknown>>> = {}): Array<Record<string, unknown>> {
    return MEMBERS.map((m) => ({
        name: m.name, context: m.name, labels: m.labels,
        ...("host" in m ? { host: true } : {}),
        ...(extras[m.name] ?? {}),
    }));
}

/** Creates the typed program's stack: the kubeconfig contents and the password as secrets. */
export async function configureTypedStack(stack: Stack): Promise<void> {
    await stack.init();
    await stack.setConfig("kubeconfig", suite().fleet.kubeconfig(), true);
    await stack.setConfig("dbPassword", DB_PASSWORD, true);
    await stack.setConfig("members", memberConfig());
}

export interface PreviewStep {
    op: string;
    urn: string;
    provider?: string;
    newState?: { type: string; inputs?: Record<string, unknown> };
    oldState?: { type: string };
    detailedDiff?: Record<string, { kind: string }>;
}

export interface PreviewDigest {
    steps?: PreviewStep[];
    diagnostics?: Array<{ message?: string; severity?: string; urn?: string }>;
    changeSummary?: Record<string, number>;
}

export function parsePreview(stdout: string): PreviewDigest {
    return JSON.parse(stdout) as PreviewDigest;
}

export function urnName(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

export function urnType(urn: string): string {
    const parts = urn.split("::");
    const types = parts[2].split("$");
    return types[types.length - 1];
}

/** The Kubernetes objects (not providers) among the steps. */
export function kubernetesSteps(digest: PreviewDigest): PreviewStep[] {
    return (digest.steps ?? []).filter((s) => urnType(s.urn).startsWith("kubernetes:") && !urnType(s.urn).startsWith("pulumi:providers"));
}

/** Each cluster's program-made objects (in `namespaces`, if given), keyed by cluster. */
export async function clusterObjects(namespaces?: readonly string[]) {
    const out: Record<string, Awaited<ReturnType<typeof managedObjects>>> = {};
    for (const cluster of CLUSTERS) {
        out[cluster] = await managedObjects(endpoint(cluster), namespaces);
    }
    return out;
}

export function assertClusterHolds(objects: Awaited<ReturnType<typeof clusterObjects>>, expected: Record<string, { clusters: ClusterName[] }>): void {
    for (const cluster of CLUSTERS) {
        assert.deepStrictEqual([...objects[cluster].keys()].sort(), expectedKeys(expected, cluster), `objects in ${cluster}`);
    }
}

/**
 * A test's teardown: `pulumi destroy` of its stack leaves nothing of the program in `namespace`
 * on any member, the stack is removed, and `finally` (the controllers the test asked the fleet
 * for) runs whatever happened.
 */
export async function destroyLeavingNothing(stack: Stack | undefined, namespace: string, finally_?: () => Promise<void>): Promise<void> {
    try {
        if (!stack) return;
        await stack.destroy();
        const left = await clusterObjects([namespace]);
        for (const cluster of CLUSTERS) assert.deepStrictEqual([...left[cluster].keys()], [], `nothing left in ${cluster}`);
        await stack.remove();
    } finally {
        await finally_?.();
    }
}

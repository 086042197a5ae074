/**
 * Proof that the e2e Karmada control plane (karmada.ts) propagates to the fleet's members:
 *
 *   node -r ts-node/register/transpile-only e2e/fleet/karmadaDemo.ts   (after e2e/setup; E2E_BIN overrides .e2e/bin)
 *
 * Starts a two-member fleet and Karmada in .e2e/karmada-demo, registers templates and policies on
 * the Karmada API server, checks each member's objects and the ResourceBindings' status, checks a
 * deletion, writes what Karmada added to each member object to .e2e/karmada-demo/member-metadata.json,
 * and stops everything it started. Exits 1 on the first failed check.
 */
import * as fs from "fs";
import * as path from "path";
import { Fleet } from "./fleet";
import { apply, karmadaMembersOf, registerNode, startKarmada } from "./karmada";
import { ApiEndpoint, getObject, KubeObject, request } from "./kube";
import { waitUntil } from "./processes";

const root = path.resolve(__dirname, "..", "..");
const dir = path.join(root, ".e2e", "karmada-demo");
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const log = (message: string) => console.log(`[${elapsed()}] ${message}`);

function check(ok: boolean, what: string, detail?: unknown): void {
    if (!ok) throw new Error(`check failed: ${what}${detail === undefined ? "" : `: ${JSON.stringify(detail)}`}`);
    log(`ok: ${what}`);
}

const ns = "demo";
const skipLabel = "namespace.karmada.io/skip-auto-propagation";
const labels = (app: string) => ({ app });
const deployment = (name: string, replicas: number) => ({
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: ns, labels: labels(name) },
    spec: {
        replicas, selector: { matchLabels: labels(name) },
        template: { metadata: { labels: labels(name) }, spec: { containers: [{ name: "app", image: "nginx:1.27" }] } },
    },
});

const templates: Array<[string, Record<string, unknown>]> = [
    // Placed only by its ClusterPropagationPolicy (the skip label), the label removed again in each member.
    ["/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { [skipLabel]: "true", team: "demo" } } }],
    // Left to Karmada's namespace controller, which puts every Namespace in every cluster.
    ["/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "demo-auto" } }],
    [`/api/v1/namespaces/${ns}/configmaps`, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: ns }, data: { mode: "template", color: "blue" } }],
    [`/apis/apps/v1/namespaces/${ns}/deployments`, deployment("web", 2)],
    [`/apis/apps/v1/namespaces/${ns}/deployments`, deployment("spread", 5)],
    [`/apis/apps/v1/namespaces/${ns}/deployments`, deployment("packed", 6)],
    [`/apis/apps/v1/namespaces/${ns}/deployments`, deployment("dynamic", 6)],
];
const divided = (name: string, replicaScheduling: Record<string, unknown>): [string, Record<string, unknown>] => [
    `/apis/policy.karmada.io/v1alpha1/namespaces/${ns}/propagationpolicies`, {
        apiVersion: "policy.karmada.io/v1alpha1", kind: "PropagationPolicy", metadata: { name, namespace: ns },
        spec: {
            resourceSelectors: [{ apiVersion: "apps/v1", kind: "Deployment", name }],
            placement: { clusterAffinity: { clusterNames: ["cluster1", "cluster2"] }, replicaScheduling: { replicaSchedulingType: "Divided", ...replicaScheduling } },
        },
    }];

const policies: Array<[string, Record<string, unknown>]> = [
    ["/apis/policy.karmada.io/v1alpha1/clusterpropagationpolicies", {
        apiVersion: "policy.karmada.io/v1alpha1", kind: "ClusterPropagationPolicy", metadata: { name: "demo-namespace" },
        spec: {
            resourceSelectors: [{ apiVersion: "v1", kind: "Namespace", name: ns }],
            placement: { clusterAffinity: { clusterNames: ["cluster1", "cluster2"] } },
        },
    }],
    ["/apis/policy.karmada.io/v1alpha1/clusteroverridepolicies", {
        apiVersion: "policy.karmada.io/v1alpha1", kind: "ClusterOverridePolicy", metadata: { name: "demo-namespace" },
        spec: {
            resourceSelectors: [{ apiVersion: "v1", kind: "Namespace", name: ns }],
            overrideRules: [{ overriders: { plaintext: [{ operator: "remove", path: "/metadata/labels/namespace.karmada.io~1skip-auto-propagation" }] } }],
        },
    }],
    [`/apis/policy.karmada.io/v1alpha1/namespaces/${ns}/propagationpolicies`, {
        apiVersion: "policy.karmada.io/v1alpha1", kind: "PropagationPolicy", metadata: { name: "web", namespace: ns },
        spec: {
            resourceSelectors: [
                { apiVersion: "v1", kind: "ConfigMap", name: "settings" },
                { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
            ],
            placement: { clusterAffinity: { clusterNames: ["cluster1"] }, replicaScheduling: { replicaSchedulingType: "Duplicated" } },
        },
    }],
    // One OverridePolicy per template: a plaintext rule that does not apply to one selected
    // template (a missing path) stops that template's propagation altogether.
    [`/apis/policy.karmada.io/v1alpha1/namespaces/${ns}/overridepolicies`, {
        apiVersion: "policy.karmada.io/v1alpha1", kind: "OverridePolicy", metadata: { name: "settings", namespace: ns },
        spec: {
            resourceSelectors: [{ apiVersion: "v1", kind: "ConfigMap", name: "settings" }],
            overrideRules: [{
                targetCluster: { clusterNames: ["cluster1"] },
                overriders: { plaintext: [
                    { operator: "add", path: "/metadata/annotations/demo~1overridden", value: "cluster1" },
                    { operator: "replace", path: "/data/mode", value: "cluster1" },
                ] },
            }],
        },
    }],
    [`/apis/policy.karmada.io/v1alpha1/namespaces/${ns}/overridepolicies`, {
        apiVersion: "policy.karmada.io/v1alpha1", kind: "OverridePolicy", metadata: { name: "web", namespace: ns },
        spec: {
            resourceSelectors: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web" }],
            overrideRules: [{
                targetCluster: { clusterNames: ["cluster1"] },
                overriders: { plaintext: [{ operator: "replace", path: "/spec/template/spec/containers/0/image", value: "nginx:1.27-alpine" }] },
            }],
        },
    }],
    // No webhook defaulting needed to be stated here: the webhook sets replicaDivisionPreference: Weighted.
    [`/apis/policy.karmada.io/v1alpha1/namespaces/${ns}/propagationpolicies`, {
        apiVersion: "policy.karmada.io/v1alpha1", kind: "PropagationPolicy", metadata: { name: "spread", namespace: ns },
        spec: {
            resourceSelectors: [{ apiVersion: "apps/v1", kind: "Deployment", name: "spread" }],
            placement: {
                clusterAffinity: { clusterNames: ["cluster1", "cluster2"] },
                replicaScheduling: {
                    replicaSchedulingType: "Divided",
                    weightPreference: { staticWeightList: [
                        { targetCluster: { clusterNames: ["cluster1"] }, weight: 1 },
                        { targetCluster: { clusterNames: ["cluster2"] }, weight: 2 },
                    ] },
                },
            },
        },
    }],
    // These two divide by available replicas: they need the members' Node objects (registerNode).
    divided("packed", { replicaDivisionPreference: "Aggregated" }),
    divided("dynamic", { replicaDivisionPreference: "Weighted", weightPreference: { dynamicWeight: "AvailableReplicas" } }),
];

type Binding = KubeObject & { spec?: { clusters?: Array<{ name: string; replicas?: number }> }; status?: { aggregatedStatus?: Array<{ clusterName: string; applied?: boolean }> } };

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
    let value: T | undefined;
    const from = Date.now();
    await waitUntil(what, timeoutMs, async () => (value = await probe()) !== undefined);
    log(`${what} after ${((Date.now() - from) / 1000).toFixed(1)}s`);
    return value as T;
}

async function main(): Promise<void> {
    const bin = process.env.E2E_BIN ?? path.join(root, ".e2e", "bin");
    const fleet = await Fleet.start({ dir, bin, members: [{ name: "cluster1", auth: "certificate" }, { name: "cluster2", auth: "token" }] });
    try {
        log("fleet ready");
        // Capacity for Karmada's resource summary: 20 pods in cluster1, 40 in cluster2 (no kubelet).
        await registerNode(fleet.member("cluster1").endpoint, "cluster1-node", { cpu: "8", memory: "32Gi", pods: "20" });
        await registerNode(fleet.member("cluster2").endpoint, "cluster2-node", { cpu: "8", memory: "32Gi", pods: "40" });
        const karmada = await startKarmada({
            dir, bin, etcdUrl: fleet.etcdUrl,
            members: karmadaMembersOf(fleet, { cluster1: { region: "east" }, cluster2: { region: "west" } }),
        });
        log(`karmada ready (clusters Ready: ${karmada.clusters.join(", ")}); kubeconfig ${karmada.kubeconfigPath}`);
        await demo(fleet, karmada.endpoint);
        log("all checks passed");
    } finally {
        await fleet.stop();
        log("fleet and karmada stopped");
    }
}

async function demo(fleet: Fleet, k: ApiEndpoint): Promise<void> {
    const [m1, m2] = [fleet.member("cluster1").endpoint, fleet.member("cluster2").endpoint];
    const t0 = Date.now();
    for (const [collection, obj] of templates) await apply(k, collection, obj);
    for (const [collection, obj] of policies) await apply(k, collection, obj);
    log(`registered ${templates.length} templates and ${policies.length} policies in ${Date.now() - t0}ms`);

    const spreadPolicy = await getObject(k, "policy.karmada.io/v1alpha1", "propagationpolicies", "spread", ns) as KubeObject & { spec: { placement: { replicaScheduling: Record<string, unknown> } } };
    check(spreadPolicy.spec.placement.replicaScheduling.replicaDivisionPreference === "Weighted", "webhook defaulted replicaDivisionPreference to Weighted");
    check(!!spreadPolicy.metadata.labels?.["propagationpolicy.karmada.io/permanent-id"], "webhook gave the policy a permanent-id label");
    const rejected = await request(k, "POST", `/apis/policy.karmada.io/v1alpha1/namespaces/${ns}/propagationpolicies`, 10_000, {
        contentType: "application/json",
        data: { apiVersion: "policy.karmada.io/v1alpha1", kind: "PropagationPolicy", metadata: { name: "bad", namespace: ns },
            spec: { resourceSelectors: [{ apiVersion: "v1", kind: "ConfigMap", name: "x" }], placement: { spreadConstraints: [{ spreadByField: "cluster", spreadByLabel: "x" }] } } },
    }).then(() => "accepted", (err: Error) => err.message);
    check(rejected.includes("denied") || rejected.includes("spreadByLabel"), "webhook rejected an invalid PropagationPolicy", rejected);

    const get = (e: ApiEndpoint, apiVersion: string, plural: string, name: string, namespace?: string) =>
        () => getObject(e, apiVersion, plural, name, namespace);
    const nsIn = async (e: ApiEndpoint) => until(`Namespace ${ns} in ${e.name}`, get(e, "v1", "namespaces", ns));
    const [ns1, ns2] = [await nsIn(m1), await nsIn(m2)];
    for (const n of [ns1, ns2]) {
        check(n.metadata.labels?.[skipLabel] === undefined && n.metadata.labels?.team === "demo", `${ns} in ${n === ns1 ? "cluster1" : "cluster2"}: skip label removed, team kept`, n.metadata.labels);
    }
    await until("Namespace demo-auto in cluster1 (namespace controller)", get(m1, "v1", "namespaces", "demo-auto"));
    await until("Namespace demo-auto in cluster2 (namespace controller)", get(m2, "v1", "namespaces", "demo-auto"));

    const cm = await until("ConfigMap settings in cluster1", get(m1, "v1", "configmaps", "settings", ns)) as KubeObject & { data: Record<string, string> };
    check(cm.data.mode === "cluster1" && cm.data.color === "blue", "ConfigMap data overridden for cluster1", cm.data);
    check(cm.metadata.annotations?.["demo/overridden"] === "cluster1", "ConfigMap annotation added for cluster1", cm.metadata.annotations);
    const web = await until("Deployment web in cluster1", get(m1, "apps/v1", "deployments", "web", ns)) as KubeObject & { spec: { replicas: number } };
    check(web.spec.replicas === 2, "Duplicated: cluster1 has all 2 replicas", web.spec.replicas);
    const image = (web.spec as unknown as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0].image;
    check(image === "nginx:1.27-alpine", "Deployment image overridden for cluster1", image);
    const spread1 = await until("Deployment spread in cluster1", get(m1, "apps/v1", "deployments", "spread", ns)) as KubeObject & { spec: { replicas: number } };
    const spread2 = await until("Deployment spread in cluster2", get(m2, "apps/v1", "deployments", "spread", ns)) as KubeObject & { spec: { replicas: number } };
    log(`spread: cluster1 ${spread1.spec.replicas}, cluster2 ${spread2.spec.replicas} (static weights 1:2, 5 replicas)`);
    check(spread1.spec.replicas + spread2.spec.replicas === 5 && spread2.spec.replicas > spread1.spec.replicas, "Divided/Weighted split sums to 5, cluster2 more");
    const replicasOf = async (name: string) => {
        const [a, b] = await Promise.all([m1, m2].map((e) => until(`Deployment ${name} in ${e.name}`, async () => {
            const d = await getObject(e, "apps/v1", "deployments", name, ns) as (KubeObject & { spec: { replicas: number } }) | undefined;
            return d ? d.spec.replicas : (await getObject(k, "work.karmada.io/v1alpha2", "resourcebindings", `${name}-deployment`, ns) as Binding | undefined)
                ?.spec?.clusters?.some((c) => c.name === e.name) === false ? 0 : undefined;
        })));
        log(`${name}: cluster1 ${a}, cluster2 ${b}`);
        return [a, b];
    };
    const packed = await replicasOf("packed");
    check(packed[0] + packed[1] === 6 && packed.includes(0), "Aggregated: all 6 replicas in one cluster", packed);
    const dynamic = await replicasOf("dynamic");
    check(dynamic[0] === 2 && dynamic[1] === 4, "dynamicWeight AvailableReplicas: 6 split 2:4 by 20:40 pods", dynamic);
    check(await getObject(m2, "v1", "configmaps", "settings", ns) === undefined, "ConfigMap settings not in cluster2");
    check(await getObject(m2, "apps/v1", "deployments", "web", ns) === undefined, "Deployment web not in cluster2");

    for (const [name, clusters] of [["settings-configmap", ["cluster1"]], ["web-deployment", ["cluster1"]], ["spread-deployment", ["cluster1", "cluster2"]]] as const) {
        const rb = await until(`ResourceBinding ${name} applied in ${clusters.join("+")}`, async () => {
            const b = await getObject(k, "work.karmada.io/v1alpha2", "resourcebindings", name, ns) as Binding | undefined;
            const applied = (b?.status?.aggregatedStatus ?? []).filter((s) => s.applied).map((s) => s.clusterName).sort();
            return applied.join() === [...clusters].join() ? b : undefined;
        });
        log(`  ${name}: spec.clusters ${JSON.stringify(rb.spec?.clusters)}`);
    }

    // What Karmada adds to member objects, against the templates (for tests that compare with push mode).
    const meta = (o: KubeObject | undefined) => ({
        labels: o?.metadata.labels ?? {}, annotations: o?.metadata.annotations ?? {},
        managers: (o?.metadata.managedFields ?? []).map((f) => `${f.manager} ${f.operation}`),
    });
    const report = {
        namespaceTemplate: meta(await getObject(k, "v1", "namespaces", ns)), namespaceCluster1: meta(ns1),
        autoNamespaceCluster1: meta(await getObject(m1, "v1", "namespaces", "demo-auto")),
        configMapTemplate: meta(await getObject(k, "v1", "configmaps", "settings", ns)), configMapCluster1: meta(cm),
        webTemplate: meta(await getObject(k, "apps/v1", "deployments", "web", ns)), webCluster1: meta(web),
        spreadCluster2: meta(spread2),
        webCluster1Spec: web.spec,
        work: await request(k, "GET", `/apis/work.karmada.io/v1alpha1/namespaces/karmada-es-cluster1/works`).then((l) =>
            (l as { items: KubeObject[] }).items.map((w) => ({ name: w.metadata.name, ...meta(w) }))),
        webBinding: meta(await getObject(k, "work.karmada.io/v1alpha2", "resourcebindings", "web-deployment", ns)),
        webBindingStatus: (await getObject(k, "work.karmada.io/v1alpha2", "resourcebindings", "web-deployment", ns))?.status,
        cluster1: await getObject(k, "cluster.karmada.io/v1alpha1", "clusters", "cluster1"),
    };
    fs.writeFileSync(path.join(dir, "member-metadata.json"), JSON.stringify(report, null, 2));
    log(`member metadata written to ${path.join(dir, "member-metadata.json")}`);

    // Deletion: the template goes, so does the binding (garbage collector), the Work and the member's copy.
    await request(k, "DELETE", `/api/v1/namespaces/${ns}/configmaps/settings`);
    await until("ConfigMap settings gone from cluster1", async () => (await getObject(m1, "v1", "configmaps", "settings", ns)) === undefined ? true : undefined);
    await until("ResourceBinding settings-configmap gone", async () => (await getObject(k, "work.karmada.io/v1alpha2", "resourcebindings", "settings-configmap", ns)) === undefined ? true : undefined);
}

main().catch((err: Error) => {
    console.error(`karmada demo: ${err.stack ?? err.message}`);
    process.exit(1);
});

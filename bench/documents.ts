/**
 * Planning time against the number of KubeFed documents (planFederation, pure, no Pulumi): for
 * each size, a namespace and pairs of a FederatedConfigMap and a FederatedDeployment that refers
 * to it (so the dependency and one-owner checks have work), over three members. Prints one JSON
 * line per size, best of three runs, and the per-document ratio of the largest size to the
 * smallest: planning N documents should cost O(N), so the ratio stays near 1 (target: under 2).
 *   documents.ts <size> [<size> ...]
 */
import { planFederation } from "../components/manifests/plan";
import { ManifestDocument } from "../components/manifests/load";

const MEMBERS = [
    { name: "eu", labels: { region: "eu" } },
    { name: "us", labels: { region: "us" } },
    { name: "ap", labels: { region: "ap" } },
];

function documents(count: number): ManifestDocument[] {
    const docs: ManifestDocument[] = [];
    const add = (object: Record<string, unknown>) => docs.push({ source: "bench.yaml", index: docs.length, line: 1, object });
    add({ apiVersion: "types.kubefed.io/v1beta1", kind: "FederatedNamespace", metadata: { name: "bench", namespace: "bench" }, spec: { placement: { clusterSelector: {} } } });
    for (let i = 0; docs.length < count; i++) {
        add({
            apiVersion: "types.kubefed.io/v1beta1", kind: "FederatedConfigMap", metadata: { name: `settings-${i}`, namespace: "bench" },
            spec: { template: { data: { index: String(i) } }, placement: { clusterSelector: {} } },
        });
        if (docs.length >= count) break;
        add({
            apiVersion: "types.kubefed.io/v1beta1", kind: "FederatedDeployment", metadata: { name: `app-${i}`, namespace: "bench" },
            spec: {
                template: {
                    spec: {
                        replicas: 2,
                        selector: { matchLabels: { app: `app-${i}` } },
                        template: {
                            metadata: { labels: { app: `app-${i}` } },
                            spec: { containers: [{ name: "app", image: "registry.example.com/app:1.0", envFrom: [{ configMapRef: { name: `settings-${i}` } }] }] },
                        },
                    },
                },
                placement: { clusterSelector: {} },
                overrides: [{ clusterName: "eu", clusterOverrides: [{ path: "/spec/replicas", value: 3 }] }],
            },
        });
    }
    return docs;
}

function best(count: number): number {
    const docs = documents(count);
    let seconds = Infinity;
    for (let attempt = 0; attempt < 3; attempt++) {
        const start = process.hrtime.bigint();
        const plan = planFederation(docs, MEMBERS);
        seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
        if (plan.planned.length !== count) throw new Error(`planned ${plan.planned.length} of ${count} documents`);
    }
    return seconds;
}

const sizes = process.argv.slice(2).map(Number);
const results = sizes.map((documents) => {
    const seconds = best(documents);
    return { documents, seconds, microsecondsPerDocument: (seconds / documents) * 1e6 };
});
const first = results[0];
const last = results[results.length - 1];
console.log(JSON.stringify({ results, perDocumentRatio: last.microsecondsPerDocument / first.microsecondsPerDocument }));

/**
 * The pure planner alone: every per-cluster object of a fleet planned with planResource (no
 * Pulumi), with and without schema validation. Prints one JSON line.
 *   planner.ts <clusters> <resources>
 */
import { planResource } from "../components/planning/resourcePlan";
import { members } from "./fleet";

function planFleet(clusters: number, resources: number, validateSchema: boolean): number {
    const fleet = members({ clusters, resources });
    let objects = 0;
    for (let i = 0; i < resources; i++) {
        const plan = planResource({
            resource: `FederatedDeployment "r${i}"`,
            name: `r${i}`,
            apiVersion: "apps/v1",
            kind: "Deployment",
            clusterScoped: false,
            namespace: "bench",
            template: {
                metadata: { labels: { bench: "yes" } },
                spec: {
                    replicas: 2,
                    selector: { matchLabels: { app: `app${i}` } },
                    template: { metadata: { labels: { app: `app${i}` } }, spec: { containers: [{ name: "app", image: `registry.example.com/app${i}:1.0` }] } },
                },
            },
            placement: { clusterSelector: { matchExpressions: [{ key: "region", operator: "Exists" }] } },
            overrides: [{ clusterName: "c0", clusterOverrides: [{ op: "add", path: "/metadata/labels/tier", value: "canary" }] }],
            scheduling: i % 2 === 0 ? { totalReplicas: clusters * 2 } : undefined,
            members: fleet,
            validateSchema,
        });
        objects += plan.objects.length;
    }
    return objects;
}

function best(run: () => number): { seconds: number; objects: number } {
    let seconds = Infinity;
    let objects = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
        const start = process.hrtime.bigint();
        objects = run();
        seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
    }
    return { seconds, objects };
}

const [clusters, resources] = process.argv.slice(2).map(Number);
const plain = best(() => planFleet(clusters, resources, false));
const validated = best(() => planFleet(clusters, resources, true));
console.log(JSON.stringify({ clusters, resources, objects: plain.objects, seconds: plain.seconds, secondsWithSchema: validated.seconds }));

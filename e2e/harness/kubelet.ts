/**
 * The suite's stand-in for a kubelet: no node runs containers here, so a Deployment's pods never
 * become ready and the Kubernetes provider would wait for its rollout until it times out. While a
 * program without the provider's skip-await annotation is deployed, this marks each pod of a
 * namespace running and ready (its status subresource, as a kubelet reports it); the ReplicaSet
 * and Deployment controllers of the member's kube-controller-manager then do the rest, and the
 * provider sees a real rollout complete.
 */
import { ApiEndpoint, HttpError, KubeObject, listObjects, request } from "../fleet/kube";

interface Pod extends KubeObject {
    spec: { containers: Array<{ name: string; image: string }> };
    status?: { conditions?: Array<{ type: string; status: string }> };
}

export interface PlayedKubelet {
    /** The pods it marked ready, as `<cluster>/<pod>`. */
    readonly started: string[];
    stop(): Promise<void>;
}

/** Marks the pods of `namespace` in each member ready, every 300 ms, until stopped. */
export function playKubelet(members: readonly ApiEndpoint[], namespace: string): PlayedKubelet {
    const started: string[] = [];
    let running = true;
    let failure: unknown;
    const loop = (async () => {
        while (running) {
            for (const member of members) {
                for (const pod of await listObjects(member, "v1", "pods", namespace) as Pod[]) {
                    if (pod.metadata.deletionTimestamp || pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True")) continue;
                    try {
                        await request(member, "PATCH", `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}/status`, 10_000, { contentType: "application/merge-patch+json", data: readyStatus(pod) });
                        started.push(`${member.name}/${pod.metadata.name}`);
                    } catch (err) {
                        // The pod went away (a rollout replaced it) between the list and the patch.
                        if (!(err instanceof HttpError) || (err.status !== 404 && err.status !== 409)) throw err;
                    }
                }
            }
            await new Promise((resolve) => setTimeout(resolve, 300));
        }
    })().catch((err) => {
        // Kept for stop() to throw: the test that started it sees why its rollout stalled.
        failure = err;
    });
    return {
        started,
        async stop() {
            running = false;
            await loop;
            if (failure !== undefined) throw failure;
        },
    };
}

function readyStatus(pod: Pod): object {
    const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    const condition = (type: string) => ({ type, status: "True", lastTransitionTime: now });
    return {
        status: {
            phase: "Running",
            startTime: now,
            conditions: ["PodScheduled", "Initialized", "ContainersReady", "Ready"].map(condition),
            containerStatuses: pod.spec.containers.map((c) => ({
                name: c.name, image: c.image, imageID: "", ready: true, started: true, restartCount: 0,
                state: { running: { startedAt: now } },
            })),
        },
    };
}

/** `pulumi up` of `stack` while playing the members' kubelet for `namespace`: its Deployments roll out. Resolves with the pods marked ready. */
export async function upWithKubelet(stack: { up(): Promise<unknown> }, members: readonly ApiEndpoint[], namespace: string): Promise<string[]> {
    const kubelet = playKubelet(members, namespace);
    try {
        await stack.up();
    } finally {
        await kubelet.stop();
    }
    return kubelet.started;
}

/**
 * One pass of a kubelet's readiness report over the pods of `namespace` in `member`: each marked
 * ready, or (ready false) not ready, as a kubelet reports a failing readiness probe. Resolves with
 * the pods it marked.
 */
export async function reportPodsReady(member: ApiEndpoint, namespace: string, ready: boolean): Promise<string[]> {
    const marked: string[] = [];
    for (const pod of await listObjects(member, "v1", "pods", namespace) as Pod[]) {
        if (pod.metadata.deletionTimestamp) continue;
        const status = readyStatus(pod) as { status: { conditions: Array<{ type: string; status: string }>; containerStatuses: Array<{ ready: boolean }> } };
        if (!ready) {
            for (const condition of status.status.conditions) if (condition.type === "Ready" || condition.type === "ContainersReady") condition.status = "False";
            for (const container of status.status.containerStatuses) container.ready = false;
        }
        await request(member, "PATCH", `/api/v1/namespaces/${namespace}/pods/${pod.metadata.name}/status`, 10_000, { contentType: "application/merge-patch+json", data: status });
        marked.push(pod.metadata.name);
    }
    return marked;
}

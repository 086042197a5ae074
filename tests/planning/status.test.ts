/**
 * Status (components/planning/status.ts): one cluster's status from the live object's kind, spec
 * and status, and the totals over clusters. Workloads are ready when ready and updated replicas
 * reach the desired count (spec.replicas, 1 when absent); DaemonSets the same from their scheduled
 * counts; LoadBalancer Services and Ingresses once they have an address; Jobs once succeeded pods
 * reach completions (1 when absent); everything else is ready.
 */
import { strict as assert } from "assert";
import { ClusterStatus, FederatedStatus, aggregateStatus, clusterStatus } from "../../components/planning/status";
import { deepFreeze } from "./helpers";

type Live = Record<string, any> | undefined;

describe("planning/status: clusterStatus", () => {
    const cases: { name: string; kind: string; spec: Live; status: Live; expected: ClusterStatus }[] = [
        // Deployment and the other scalable workloads.
        {
            name: "Deployment fully rolled out",
            kind: "Deployment", spec: { replicas: 3 }, status: { replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3 },
            expected: { ready: true, replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 },
        },
        {
            name: "Deployment: ready but not yet updated (rollout in progress) is not ready",
            kind: "Deployment", spec: { replicas: 3 }, status: { readyReplicas: 3, updatedReplicas: 2, availableReplicas: 3 },
            expected: { ready: false, replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 2 },
        },
        {
            name: "Deployment: updated but not all ready is not ready",
            kind: "Deployment", spec: { replicas: 3 }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
            expected: { ready: false, replicas: 3, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 3 },
        },
        {
            name: "Deployment without spec.replicas wants 1",
            kind: "Deployment", spec: { template: {} }, status: { readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1 },
            expected: { ready: true, replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1 },
        },
        {
            name: "Deployment with neither spec nor status: 1 wanted, nothing ready",
            kind: "Deployment", spec: undefined, status: undefined,
            expected: { ready: false, replicas: 1, readyReplicas: 0, availableReplicas: 0, updatedReplicas: 0 },
        },
        {
            name: "Deployment scaled to 0 is ready with an empty status",
            kind: "Deployment", spec: { replicas: 0 }, status: {},
            expected: { ready: true, replicas: 0, readyReplicas: 0, availableReplicas: 0, updatedReplicas: 0 },
        },
        {
            name: "Deployment scaling down (more ready than wanted) is ready",
            kind: "Deployment", spec: { replicas: 2 }, status: { readyReplicas: 4, updatedReplicas: 2, availableReplicas: 4 },
            expected: { ready: true, replicas: 2, readyReplicas: 4, availableReplicas: 4, updatedReplicas: 2 },
        },
        {
            name: "Deployment: status counts that are not numbers count as 0",
            kind: "Deployment", spec: { replicas: 2 }, status: { readyReplicas: "2", updatedReplicas: null, availableReplicas: 2 },
            expected: { ready: false, replicas: 2, readyReplicas: 0, availableReplicas: 2, updatedReplicas: 0 },
        },
        {
            name: "Deployment: a spec.replicas that is not a number means 1",
            kind: "Deployment", spec: { replicas: "3" }, status: { readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1 },
            expected: { ready: true, replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1 },
        },
        {
            name: "StatefulSet follows the same rule",
            kind: "StatefulSet", spec: { replicas: 2 }, status: { readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1 },
            expected: { ready: false, replicas: 2, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 2 },
        },
        {
            name: "ReplicaSet follows the same rule",
            kind: "ReplicaSet", spec: {}, status: { readyReplicas: 1, updatedReplicas: 1 },
            expected: { ready: true, replicas: 1, readyReplicas: 1, availableReplicas: 0, updatedReplicas: 1 },
        },
        // DaemonSet.
        {
            name: "DaemonSet on every scheduled node",
            kind: "DaemonSet", spec: {}, status: { desiredNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 2, readyReplicas: 0 },
            expected: { ready: true, replicas: 3, readyReplicas: 3, availableReplicas: 2, updatedReplicas: 3 },
        },
        {
            name: "DaemonSet with a pod not ready",
            kind: "DaemonSet", spec: { replicas: 1 }, status: { desiredNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
            expected: { ready: false, replicas: 3, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 3 },
        },
        {
            name: "DaemonSet mid-rollout",
            kind: "DaemonSet", spec: {}, status: { desiredNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 1, numberAvailable: 3 },
            expected: { ready: false, replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 1 },
        },
        {
            name: "DaemonSet scheduled on no node is ready",
            kind: "DaemonSet", spec: {}, status: { desiredNumberScheduled: 0 },
            expected: { ready: true, replicas: 0, readyReplicas: 0, availableReplicas: 0, updatedReplicas: 0 },
        },
        // Service.
        {
            name: "LoadBalancer Service with an IP",
            kind: "Service", spec: { type: "LoadBalancer" }, status: { loadBalancer: { ingress: [{ ip: "203.0.113.7" }] } },
            expected: { ready: true, loadBalancer: [{ ip: "203.0.113.7" }] },
        },
        {
            name: "LoadBalancer Service with hostnames, in order",
            kind: "Service", spec: { type: "LoadBalancer" }, status: { loadBalancer: { ingress: [{ hostname: "a.elb.example.com" }, { ip: "198.51.100.1" }] } },
            expected: { ready: true, loadBalancer: [{ hostname: "a.elb.example.com" }, { ip: "198.51.100.1" }] },
        },
        {
            name: "LoadBalancer Service still pending",
            kind: "Service", spec: { type: "LoadBalancer" }, status: { loadBalancer: {} },
            expected: { ready: false, loadBalancer: [] },
        },
        { name: "LoadBalancer Service without status", kind: "Service", spec: { type: "LoadBalancer" }, status: undefined, expected: { ready: false, loadBalancer: [] } },
        {
            name: "LoadBalancer Service: entries with neither ip nor hostname are dropped",
            kind: "Service", spec: { type: "LoadBalancer" }, status: { loadBalancer: { ingress: [{ ports: [{ port: 80 }] }, null, { ip: 5 }, { ip: "192.0.2.1" }] } },
            expected: { ready: true, loadBalancer: [{ ip: "192.0.2.1" }] },
        },
        {
            name: "LoadBalancer Service with only address-less entries is not ready",
            kind: "Service", spec: { type: "LoadBalancer" }, status: { loadBalancer: { ingress: [{ ipMode: "VIP" }] } },
            expected: { ready: false, loadBalancer: [] },
        },
        { name: "ClusterIP Service is ready and reports no addresses", kind: "Service", spec: { type: "ClusterIP" }, status: { loadBalancer: { ingress: [{ ip: "10.0.0.1" }] } }, expected: { ready: true } },
        { name: "Service without a type (ClusterIP) is ready", kind: "Service", spec: { ports: [{ port: 80 }] }, status: {}, expected: { ready: true } },
        { name: "NodePort Service is ready", kind: "Service", spec: { type: "NodePort" }, status: undefined, expected: { ready: true } },
        // Ingress.
        {
            name: "Ingress with an address",
            kind: "Ingress", spec: { rules: [] }, status: { loadBalancer: { ingress: [{ hostname: "ingress.example.com" }] } },
            expected: { ready: true, loadBalancer: [{ hostname: "ingress.example.com" }] },
        },
        { name: "Ingress without an address", kind: "Ingress", spec: {}, status: { loadBalancer: { ingress: [] } }, expected: { ready: false, loadBalancer: [] } },
        { name: "Ingress without status", kind: "Ingress", spec: undefined, status: undefined, expected: { ready: false, loadBalancer: [] } },
        // Job.
        { name: "Job: completions default to 1", kind: "Job", spec: {}, status: { succeeded: 1 }, expected: { ready: true, succeeded: 1, failed: 0, active: 0 } },
        { name: "Job still running", kind: "Job", spec: { completions: 3 }, status: { succeeded: 2, active: 1 }, expected: { ready: false, succeeded: 2, failed: 0, active: 1 } },
        { name: "Job done despite a failed pod", kind: "Job", spec: { completions: 3 }, status: { succeeded: 3, failed: 1 }, expected: { ready: true, succeeded: 3, failed: 1, active: 0 } },
        { name: "Job that only failed", kind: "Job", spec: {}, status: { failed: 6 }, expected: { ready: false, succeeded: 0, failed: 6, active: 0 } },
        { name: "Job without status", kind: "Job", spec: undefined, status: undefined, expected: { ready: false, succeeded: 0, failed: 0, active: 0 } },
        // Other kinds.
        { name: "ConfigMap is ready", kind: "ConfigMap", spec: undefined, status: undefined, expected: { ready: true } },
        { name: "CronJob is ready (not a Job)", kind: "CronJob", spec: { schedule: "* * * * *" }, status: { active: [] }, expected: { ready: true } },
        { name: "a custom kind is ready whatever its status says", kind: "Rollout", spec: { replicas: 3 }, status: { readyReplicas: 0 }, expected: { ready: true } },
    ];
    for (const c of cases) {
        it(c.name, () => assert.deepEqual(clusterStatus(c.kind, deepFreeze(c.spec), deepFreeze(c.status)), c.expected));
    }

    // Was a bug: a LoadBalancer ingress entry with both ip and hostname (allowed by the Kubernetes API,
    // and by ClusterStatus's own type) loses its hostname. Input:
    // clusterStatus("Service", { type: "LoadBalancer" }, { loadBalancer: { ingress: [{ ip: "203.0.113.7", hostname: "lb.example.com" }] } })
    // Expected loadBalancer [{ ip: "203.0.113.7", hostname: "lb.example.com" }]; actual [{ ip: "203.0.113.7" }].
    it("LoadBalancer Service: an entry with both ip and hostname keeps both", () => {
        assert.deepEqual(clusterStatus("Service", { type: "LoadBalancer" }, { loadBalancer: { ingress: [{ ip: "203.0.113.7", hostname: "lb.example.com" }] } }), {
            ready: true,
            loadBalancer: [{ ip: "203.0.113.7", hostname: "lb.example.com" }],
        });
    });
});

describe("planning/status: aggregateStatus", () => {
    const cases: { name: string; clusters: Record<string, ClusterStatus>; expected: Omit<FederatedStatus, "clusters"> }[] = [
        { name: "no clusters", clusters: {}, expected: { clustersPlaced: 0, clustersReady: 0, totalReplicas: 0, totalReadyReplicas: 0, totalAvailableReplicas: 0 } },
        {
            name: "workloads: totals over clusters, ready counted per cluster",
            clusters: {
                "eu-1": { ready: true, replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3 },
                "eu-2": { ready: false, replicas: 4, readyReplicas: 2, availableReplicas: 1, updatedReplicas: 4 },
                "us-1": { ready: true, replicas: 0, readyReplicas: 0, availableReplicas: 0, updatedReplicas: 0 },
            },
            expected: { clustersPlaced: 3, clustersReady: 2, totalReplicas: 7, totalReadyReplicas: 5, totalAvailableReplicas: 4 },
        },
        {
            name: "statuses without replica counts add nothing to the totals",
            clusters: { a: { ready: true, loadBalancer: [{ ip: "192.0.2.1" }] }, b: { ready: false, loadBalancer: [] }, c: { ready: true, succeeded: 5, failed: 0, active: 0 } },
            expected: { clustersPlaced: 3, clustersReady: 2, totalReplicas: 0, totalReadyReplicas: 0, totalAvailableReplicas: 0 },
        },
        {
            name: "from clusterStatus: a Deployment in two clusters",
            clusters: {
                a: clusterStatus("Deployment", { replicas: 2 }, { readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 }),
                b: clusterStatus("Deployment", {}, undefined),
            },
            expected: { clustersPlaced: 2, clustersReady: 1, totalReplicas: 3, totalReadyReplicas: 2, totalAvailableReplicas: 2 },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const clusters = deepFreeze(c.clusters);
            const result = aggregateStatus(clusters);
            assert.deepEqual(result, { clusters: c.clusters, ...c.expected });
            assert.equal(result.clusters, clusters, "the per-cluster statuses are passed through");
        });
    }
});

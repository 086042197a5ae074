/**
 * Staged rollouts under the SDK's mocks: each stage's objects depend on the previous stage's (the
 * edges Pulumi orders the update by), batches of maxParallel, the timeout as the objects'
 * customTimeouts, the Federation's rollout for workloads, and every refusal made before any
 * Kubernetes object registers.
 */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as fed from "../../components";
import { clusterTables } from "../../components/synth/report";
import { Run, runProgram } from "../harness";

const members: fed.MemberClusterArgs[] = [
    { name: "cluster1", labels: { ring: "canary" } },
    { name: "cluster2", labels: { ring: "main" } },
    { name: "cluster3", labels: { ring: "main" } },
    { name: "cluster4", labels: { ring: "late" } },
];
const labels = { app: "api" };
const template = (annotations: Record<string, string> = {}) => ({
    metadata: { labels, annotations },
    spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "api", image: "api:2" }] } } },
});
const STAGES: fed.RolloutArgs = { stages: [{ name: "canary", clusters: ["cluster1"] }, { name: "main", clusterSelector: { matchLabels: { ring: "main" } } }], timeoutSeconds: 120, soakSeconds: 30 };

/** Each cluster's object of component `name`: the clusters it depends on (through other objects of the component). */
function edges(run: Run, name: string): Record<string, string[]> {
    const objects = run.resources.filter((r) => r.custom && r.name.startsWith(`${name}-`));
    const clusterOf = new Map(objects.map((r) => [r.urn, r.name.slice(name.length + 1)]));
    return Object.fromEntries(objects.map((r) => [r.name.slice(name.length + 1), r.dependencies.filter((urn) => clusterOf.has(urn)).map((urn) => clusterOf.get(urn)!).sort()]));
}

describe("rollout: stages as dependencies between a federated object's clusters", () => {
    it("canary, then main, then the rest: each stage's objects depend on the previous stage's; registered in stage order; the timeout on every object", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedDeployment("api", { federation, namespace: "default", template: template(), placement: { clusterSelector: {} }, rollout: STAGES });
        });
        assert.equal(run.error, undefined);
        assert.deepEqual(edges(run, "api"), { cluster1: [], cluster2: ["cluster1"], cluster3: ["cluster1"], cluster4: ["cluster2", "cluster3"] });
        const order = run.resources.filter((r) => r.custom && r.name.startsWith("api-")).map((r) => r.name);
        assert.deepEqual(order, ["api-cluster1", "api-cluster2", "api-cluster3", "api-cluster4"]);
        for (const name of order) assert.deepEqual(run.named(name).customTimeouts, { create: "120s", update: "120s" });
    });

    it("maxParallel 1: the stage's clusters one after the other", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedDeployment("api", { federation, namespace: "default", template: template(), placement: { clusters: ["cluster2", "cluster3", "cluster4"] }, rollout: { stages: [{ clusterSelector: { matchLabels: { ring: "main" } }, maxParallel: 1 }] } });
        });
        assert.equal(run.error, undefined);
        assert.deepEqual(edges(run, "api"), { cluster2: [], cluster3: ["cluster2"], cluster4: ["cluster3"] });
        assert.equal(run.named("api-cluster2").customTimeouts, undefined);
    });

    it("the Federation's rollout applies to workloads that give none, not to a ConfigMap; a component's own wins", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members, rollout: STAGES });
            new fed.FederatedDeployment("api", { federation, namespace: "default", template: template(), placement: { clusterSelector: {} } });
            new fed.FederatedStatefulSet("db", { federation, namespace: "default", template: { ...template(), spec: { ...template().spec, serviceName: "db" } }, placement: { clusterSelector: {} }, rollout: { stages: [{ clusters: ["cluster4"] }] } });
            new fed.FederatedConfigMap("settings", { federation, namespace: "default", template: { data: { mode: "ha" } }, placement: { clusterSelector: {} } });
        });
        assert.equal(run.error, undefined);
        assert.deepEqual(edges(run, "api"), { cluster1: [], cluster2: ["cluster1"], cluster3: ["cluster1"], cluster4: ["cluster2", "cluster3"] });
        assert.deepEqual(edges(run, "db"), { cluster1: ["cluster4"], cluster2: ["cluster4"], cluster3: ["cluster4"], cluster4: [] });
        assert.deepEqual(edges(run, "settings"), { cluster1: [], cluster2: [], cluster3: [], cluster4: [] });
    });

    it("rollout: null opts a workload out of the Federation's rollout", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members, rollout: STAGES });
            new fed.FederatedDeployment("api", { federation, namespace: "default", template: template(), placement: { clusterSelector: {} }, rollout: null });
        });
        assert.equal(run.error, undefined);
        assert.deepEqual(edges(run, "api"), { cluster1: [], cluster2: [], cluster3: [], cluster4: [] });
    });

    it("a first stage this object is not placed on, and a stage of 0 replicas, are said: they gate nothing", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedDeployment("api", { federation, namespace: "default", template: template(), placement: { clusters: ["cluster2", "cluster3", "cluster4"] }, rollout: STAGES });
            new fed.FederatedDeployment("idle", { federation, namespace: "default", template: { ...template(), spec: { ...template().spec, replicas: 0 } }, placement: { clusterSelector: {} }, rollout: STAGES });
        });
        assert.equal(run.error, undefined);
        assert.ok(run.warnings.some((warning) => /FederatedDeployment "api": rollout stage "canary" has none of the clusters this object is placed on/.test(warning)), run.warnings.join("\n"));
        assert.ok(run.warnings.some((warning) => /FederatedDeployment "idle": rollout stage "canary" runs 0 replicas \(cluster1\)/.test(warning)), run.warnings.join("\n"));
    });

    const refusals: Array<{ name: string; program: () => void; says: RegExp }> = [
        {
            name: "a workload that skips the provider's await: the cluster and the annotation named",
            program: () => {
                const federation = new fed.Federation("fleet", { clusters: members });
                new fed.FederatedDeployment("api", { federation, namespace: "default", template: template({ "pulumi.com/skipAwait": "true" }), placement: { clusterSelector: {} }, rollout: STAGES });
            },
            says: /FederatedDeployment "api", cluster "cluster1", field template\.metadata\.annotations\["pulumi\.com\/skipAwait"\]: a staged rollout waits for each stage/,
        },
        {
            name: "a skip-await annotation known only at deployment (an Output)",
            program: () => {
                const federation = new fed.Federation("fleet", { clusters: members });
                new fed.FederatedDeployment("api", { federation, namespace: "default", template: template({ "pulumi.com/skipAwait": pulumi.output("true") as never }), placement: { clusterSelector: {} }, rollout: STAGES });
            },
            says: /FederatedDeployment "api", cluster "cluster1", field template\.metadata\.annotations\["pulumi\.com\/skipAwait"\]: must be known when the program runs/,
        },
        {
            name: "an unknown cluster in a component's stage",
            program: () => {
                const federation = new fed.Federation("fleet", { clusters: members });
                new fed.FederatedDeployment("api", { federation, namespace: "default", template: template(), placement: { clusterSelector: {} }, rollout: { stages: [{ clusters: ["cluster9"] }] } });
            },
            says: /FederatedDeployment "api", cluster "cluster9", field rollout\.stages\[0\]\.clusters\[0\]: is not a member/,
        },
        {
            name: "a Federation's rollout with a cluster in two stages",
            program: () => new fed.Federation("fleet", { clusters: members, rollout: { stages: [{ clusters: ["cluster2"] }, { clusterSelector: { matchLabels: { ring: "main" } } }] } }),
            says: /Federation "fleet", cluster "cluster2", field rollout\.stages\[1\]: cluster2 is already in stage "stage-1"/,
        },
        {
            name: "Karmada mode",
            program: () => {
                const federation = new fed.Federation("fleet", { clusters: members, propagation: { karmada: { context: "karmada" } } });
                new fed.FederatedDeployment("api", { federation, namespace: "default", template: template(), placement: { clusterSelector: {} }, rollout: STAGES });
            },
            says: /FederatedDeployment "api", field rollout: Karmada propagates to every member at once/,
        },
        {
            name: "a rollout argument of the wrong shape",
            program: () => {
                const federation = new fed.Federation("fleet", { clusters: members });
                new fed.FederatedDeployment("api", { federation, namespace: "default", template: template(), placement: { clusterSelector: {} }, rollout: [{ clusters: ["cluster1"] }] as never });
            },
            says: /FederatedDeployment "api", field rollout: must be an object with stages/,
        },
    ];
    for (const c of refusals) {
        it(`refused before any object registers: ${c.name}`, async () => {
            const run = await runProgram(c.program);
            assert.match(String((run.error as Error | undefined)?.message), c.says);
            assert.deepEqual(run.resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.name), []);
        });
    }
});

describe("rollout: KubeFed YAML's spec.rollout and synth's tables", () => {
    const manifest = `
apiVersion: types.kubefed.io/v1beta1
kind: FederatedDeployment
metadata: { name: api, namespace: default }
spec:
  template:
    spec:
      replicas: 2
      selector: { matchLabels: { app: api } }
      template:
        metadata: { labels: { app: api } }
        spec: { containers: [{ name: api, image: "api:2" }] }
  placement: { clusterSelector: {} }
  rollout:
    stages:
      - { name: canary, clusters: [{ name: cluster1 }] }
      - { name: main, clusterSelector: { matchLabels: { ring: main } }, maxParallel: 1 }
`;
    it("the stages of a Federated<Kind> document become the same dependencies as the argument's", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedManifests("kubefed", { federation, yaml: manifest });
        });
        assert.equal(run.error, undefined);
        assert.deepEqual(edges(run, "api"), { cluster1: [], cluster2: ["cluster1"], cluster3: ["cluster2"], cluster4: ["cluster3"] });
    });

    it("synth's table gains a STAGE column for a staged object, and only then", async () => {
        const object = (name: string, stage?: string) => ({ cluster: "cluster1", apiVersion: "apps/v1", kind: "Deployment", namespace: "default", name, file: "", object: { spec: { replicas: 2 } }, secretPaths: [], overridesApplied: [], ...(stage ? { stage } : {}) });
        assert.match(clusterTables(["cluster1"], [object("api", "canary (1 of 3)"), object("plain")]), /KIND\s+NAMESPACE\s+NAME\s+STAGE\s+REPLICAS[\s\S]*api\s+canary \(1 of 3\)[\s\S]*plain\s+-\s+2/);
        assert.doesNotMatch(clusterTables(["cluster1"], [object("plain")]), /STAGE/);
    });
});

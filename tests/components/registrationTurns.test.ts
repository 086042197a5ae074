/**
 * Federated components register their per-cluster objects in bounded turns of the event loop
 * (registrationTurns.ts), not all at once inside a synchronous program, and nothing a program can
 * see changes: reading `resources` gives the objects at once, the dependency edges are the same.
 */
import { strict as assert } from "assert";
import { FederatedConfigMap, FederatedDeployment, FederatedNamespace, Federation } from "../../components";
import { OBJECTS_PER_TURN } from "../../components/resources/registrationTurns";
import { runProgram } from "../harness";

const clusters = Array.from({ length: 10 }, (_, i) => ({ name: `c${i}` }));

describe("registration turns", () => {
    it("a synchronous program's per-cluster objects register after it returns, at most OBJECTS_PER_TURN per turn", async () => {
        let returned = false;
        let turn = 0;
        const perTurn = new Map<number, number>();
        let beforeReturn = 0;
        const ticker = () => { turn++; if (!done) setImmediate(ticker); };
        let done = false;
        setImmediate(ticker);
        const run = await runProgram(() => {
            const federation = new Federation("fleet", { clusters });
            const apps = new FederatedNamespace("apps", { federation, placement: { clusterSelector: {} } });
            for (let i = 0; i < 40; i++) new FederatedConfigMap(`cm${i}`, { federation, namespace: apps, template: { data: { i: String(i) } }, placement: { clusterSelector: {} } });
            returned = true;
        }, {
            onRegistration: (registration) => {
                if (registration.type !== "kubernetes:core/v1:ConfigMap") return;
                if (!returned) beforeReturn++;
                perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1);
            },
        });
        done = true;
        assert.equal(run.error, undefined);
        assert.equal(run.ofType("kubernetes:core/v1:ConfigMap").length, 400);
        assert.equal(beforeReturn, 0, "nothing per cluster registers inside the synchronous loop");
        assert.ok(perTurn.size >= 400 / OBJECTS_PER_TURN, `spread over ${perTurn.size} turns`);
        assert.ok(Math.max(...perTurn.values()) <= OBJECTS_PER_TURN, JSON.stringify([...perTurn]));
    });

    it("reading resources right after construction gives the per-cluster objects, registered then", async () => {
        const seen: string[] = [];
        const run = await runProgram(() => {
            const federation = new Federation("fleet", { clusters: clusters.slice(0, 2) });
            const web = new FederatedDeployment("web", {
                federation, namespace: "default", placement: { clusterSelector: {} },
                template: { spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } } },
            });
            seen.push(...Object.keys(web.resources));
            assert.ok(web.resources.c0 instanceof Object && typeof web.resources.c0.urn === "object");
        });
        assert.equal(run.error, undefined);
        assert.deepEqual(seen, ["c0", "c1"]);
        assert.equal(run.ofType("kubernetes:apps/v1:Deployment").length, 2);
    });

    it("keeps every dependency edge: a workload's objects wait for their namespace and ConfigMap in the same cluster", async () => {
        const run = await runProgram(() => {
            const federation = new Federation("fleet", { clusters: clusters.slice(0, 3) });
            const apps = new FederatedNamespace("apps", { federation, placement: { clusterSelector: {} } });
            // Declared after the workload that refers to it would be an error; declared before, its
            // objects are still pending registration when the workload registers.
            new FederatedConfigMap("settings", { federation, namespace: apps, template: { data: { a: "b" } }, placement: { clusterSelector: {} } });
            new FederatedDeployment("web", {
                federation, namespace: apps, placement: { clusterSelector: {} },
                template: { spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx", envFrom: [{ configMapRef: { name: "settings" } }] }] } } } },
            });
        });
        assert.equal(run.error, undefined);
        for (const cluster of ["c0", "c1", "c2"]) {
            const web = run.named(`web-${cluster}`);
            assert.deepEqual([...web.dependencies].sort(), [run.named(`apps-${cluster}`).urn, run.named(`settings-${cluster}`).urn].sort(), cluster);
            assert.deepEqual(run.named(`settings-${cluster}`).dependencies, [run.named(`apps-${cluster}`).urn]);
        }
    });

    it("an object its typed class cannot register (validateSchema: false, no spec) fails by name before the component registers", async () => {
        const run = await runProgram(() => {
            const federation = new Federation("fleet", { clusters: clusters.slice(0, 2) });
            new FederatedDeployment("web", { federation, namespace: "default", validateSchema: false, template: { metadata: { labels: { app: "web" } } } as never, placement: { clusterSelector: {} } });
        });
        assert.match(String(run.error), /FederatedDeployment "web", cluster "c0", field template\.spec: is required/);
        assert.deepEqual(run.resources.filter((r) => r.name.startsWith("web")), []);
    });
});

import { strict as assert } from "assert";
import * as fed from "../../components";
import { runProgram } from "../harness";

const template = { data: { mode: "fast" } };

describe("the placed-in-no-cluster warning names what the placement asked for and what the members offer", () => {
    it("a selector that matches no member: the selector and each member's labels", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: [{ name: "cluster1", labels: { region: "eu" } }, { name: "cluster2", labels: { region: "us" } }] });
            new fed.FederatedConfigMap("web", { federation, template, placement: { clusterSelector: { matchLabels: { tier: "prod" } } } });
        });
        assert.equal(run.error, undefined, String(run.error));
        const warning = run.warnings.find((w) => w.includes("is placed in no cluster"));
        assert.equal(
            warning,
            'FederatedConfigMap "web" is placed in no cluster: clusterSelector {matchLabels: {tier: prod}} matches none of the members (cluster1 {region: eu}, cluster2 {region: us})',
            run.warnings.join("\n"),
        );
    });

    it("many members: the first five, then how many more, and a bounded line", async () => {
        const clusters = Array.from({ length: 40 }, (_, index) => ({ name: `member-${index}`, labels: { region: index % 2 ? "eu" : "us", zone: `z${index}` } }));
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters });
            new fed.FederatedConfigMap("web", {
                federation,
                template,
                placement: { clusterSelector: { matchExpressions: [{ key: "region", operator: "In", values: ["ap"] }] } },
            });
        });
        const warning = run.warnings.find((w) => w.includes("is placed in no cluster"))!;
        assert.ok(warning, run.warnings.join("\n"));
        assert.match(warning, /clusterSelector \{matchExpressions: \[\{key: region, operator: In, values: \[ap\]\}\]\} matches none of the members \(member-0 \{region: us, zone: z0\}, member-1 \{region: eu, zone: z1\}, /);
        assert.match(warning, /member-4 \{region: us, zone: z4\}, and 35 more\)$/);
        assert.ok(!warning.includes("member-5 "), warning);
        assert.ok(warning.length < 500, `${warning.length} characters`);
    });

    it("an empty cluster list, no placement, and a namespace elsewhere each say so", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: [{ name: "eu", labels: { region: "eu" } }, { name: "us", labels: { region: "us" } }] });
            new fed.FederatedConfigMap("empty", { federation, template, placement: { clusters: [] } });
            new fed.FederatedConfigMap("none", { federation, template });
            const shop = new fed.FederatedNamespace("shop", { federation, placement: { clusters: ["eu"] } });
            new fed.FederatedConfigMap("away", { federation, namespace: shop, template, placement: { clusters: ["us"] } });
        });
        const warnings = run.warnings.filter((w) => w.includes("is placed in no cluster")).sort();
        assert.deepEqual(warnings, [
            'FederatedConfigMap "away" is placed in no cluster: the placement selects us, but its namespace "shop" is placed in eu only',
            'FederatedConfigMap "empty" is placed in no cluster: placement.clusters is an empty list',
            'FederatedConfigMap "none" is placed in no cluster: it has no placement; give placement.clusters, or placement.clusterSelector: {} for every member',
        ]);
    });
});

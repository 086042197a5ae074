/**
 * Staged rollouts, planned: which clusters each stage takes over an object's placed clusters, in
 * which batches (maxParallel), the stage of the clusters no stage names, and every rollout that
 * cannot be planned refused with the field that is wrong.
 */
import { strict as assert } from "assert";
import { FederationError } from "../../components/errors";
import { Member } from "../../components/planning/members";
import { RolloutArgs, checkAwaitedObjects, rolloutBatches, rolloutWarnings, validateRollout } from "../../components/planning/rollout";

const members: Member[] = [
    { name: "canary", labels: { ring: "0", region: "eu" } },
    { name: "eu-1", labels: { ring: "1", region: "eu" } },
    { name: "eu-2", labels: { ring: "1", region: "eu" } },
    { name: "us-1", labels: { ring: "2", region: "us" } },
    { name: "us-2", labels: { ring: "2", region: "us" } },
    { name: "ap-1", labels: { region: "ap" } },
];
const all = members.map((member) => member.name);

describe("planning/rollout: the batches of an object's clusters", () => {
    const cases: Array<{ name: string; rollout: RolloutArgs; placed?: string[]; batches: string[] }> = [
        {
            name: "stages by name, then by labels; the clusters no stage names come last, as stage rest",
            rollout: { stages: [{ name: "canary", clusters: ["canary"] }, { name: "eu", clusterSelector: { matchLabels: { ring: "1" } } }, { clusterSelector: { matchLabels: { ring: "2" } } }] },
            batches: ["canary#1:canary", "eu#1:eu-1,eu-2", "stage-3#1:us-1,us-2", "rest#1:ap-1"],
        },
        {
            name: "maxParallel cuts a stage into batches, in member order",
            rollout: { stages: [{ name: "all", clusterSelector: {}, maxParallel: 2 }] },
            batches: ["all#1:canary,eu-1", "all#2:eu-2,us-1", "all#3:us-2,ap-1"],
        },
        {
            name: "stages are evaluated over the placed clusters: a stage with none of them has no batch",
            rollout: { stages: [{ name: "canary", clusters: ["canary"] }, { name: "us", clusterSelector: { matchLabels: { region: "us" } } }] },
            placed: ["us-1", "ap-1"],
            batches: ["us#1:us-1", "rest#1:ap-1"],
        },
        {
            name: "a stage's clusters in member order, whatever order the list gives",
            rollout: { stages: [{ clusters: ["us-2", "canary"] }] },
            placed: ["canary", "us-2"],
            batches: ["stage-1#1:canary,us-2"],
        },
        {
            name: "every placed cluster in a stage: no rest stage",
            rollout: { stages: [{ clusterSelector: { matchLabels: { region: "eu" } } }, { clusterSelector: { matchExpressions: [{ key: "region", operator: "NotIn", values: ["eu"] }] } }] },
            batches: ["stage-1#1:canary,eu-1,eu-2", "stage-2#1:us-1,us-2,ap-1"],
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            validateRollout(c.rollout, members);
            const batches = rolloutBatches(c.rollout, c.placed ?? all, members);
            assert.deepEqual(batches.map((batch) => `${batch.stage}#${batch.batch}:${batch.clusters.join(",")}`), c.batches);
        });
    }

    it("stage numbers count the stages that have batches; endsStage marks each stage's last batch", () => {
        const rollout: RolloutArgs = { stages: [{ name: "a", clusters: ["canary"] }, { name: "b", clusterSelector: { matchLabels: { ring: "1" } }, maxParallel: 1 }] };
        const batches = rolloutBatches(rollout, ["eu-1", "eu-2", "us-1"], members);
        assert.deepEqual(batches.map((batch) => [batch.stage, batch.stageNumber, batch.batch, batch.endsStage]), [["b", 1, 1, false], ["b", 1, 2, true], ["rest", 2, 1, true]]);
    });
});

describe("planning/rollout: what is refused, and the field it names", () => {
    const refused: Array<{ rollout: unknown; field: string; says: RegExp; cluster?: string }> = [
        { rollout: "canary first", field: "rollout", says: /must be an object with stages/ },
        { rollout: { stages: [] }, field: "rollout.stages", says: /non-empty list of stages/ },
        { rollout: { stage: [] }, field: "rollout.stage", says: /stages/ },
        { rollout: { stages: [{}] }, field: "rollout.stages[0]", says: /either by name \(clusters\) or by labels \(clusterSelector\)/ },
        { rollout: { stages: [{ clusters: ["canary"], clusterSelector: {} }] }, field: "rollout.stages[0]", says: /one of the two/ },
        { rollout: { stages: [{ clusters: [] }] }, field: "rollout.stages[0].clusters", says: /non-empty list/ },
        { rollout: { stages: [{ clusters: ["nowhere"] }] }, field: "rollout.stages[0].clusters[0]", says: /is not a member of the federation/, cluster: "nowhere" },
        { rollout: { stages: [{ clusters: [7] }] }, field: "rollout.stages[0].clusters[0]", says: /member cluster name/ },
        { rollout: { stages: [{ clusters: ["canary"] }, { clusterSelector: { matchLabels: { ring: "0" } } }] }, field: "rollout.stages[1]", says: /canary is already in stage "stage-1"/, cluster: "canary" },
        { rollout: { stages: [{ clusterSelector: { matchLabels: { region: "mars" } } }] }, field: "rollout.stages[0].clusterSelector", says: /matches no member/ },
        { rollout: { stages: [{ clusterSelector: { matchLabels: { "bad key!": "x" } } }] }, field: "rollout.stages[0].clusterSelector.matchLabels", says: /./ },
        { rollout: { stages: [{ clusters: ["canary"], maxParallel: 0 }] }, field: "rollout.stages[0].maxParallel", says: /whole number of at least 1, got 0/ },
        { rollout: { stages: [{ clusters: ["canary"], maxParallel: 1.5 }] }, field: "rollout.stages[0].maxParallel", says: /whole number/ },
        { rollout: { stages: [{ clusters: ["canary"], maxparallel: 2 }] }, field: "rollout.stages[0].maxparallel", says: /maxParallel/ },
        { rollout: { stages: [{ name: "a", clusters: ["canary"] }, { name: "a", clusters: ["eu-1"] }] }, field: "rollout.stages[1].name", says: /unique/ },
        { rollout: { stages: [{ name: "rest", clusters: ["canary"] }] }, field: "rollout.stages[0].name", says: /clusters no stage names/ },
        { rollout: { stages: [{ name: "a b", clusters: ["canary"] }] }, field: "rollout.stages[0].name", says: /letters, digits/ },
        { rollout: { stages: [{ clusters: ["canary"] }], soakSeconds: -1 }, field: "rollout.soakSeconds", says: /from 0 to 86400, got -1/ },
        { rollout: { stages: [{ clusters: ["canary"] }], timeoutSeconds: 0 }, field: "rollout.timeoutSeconds", says: /whole number from 1 to 86400, got 0/ },
        { rollout: { stages: Array.from({ length: 1001 }, () => ({ clusters: ["canary"] })) }, field: "rollout.stages", says: /at most 1000/ },
        // eslint-disable-next-line no-sparse-arrays
        { rollout: { stages: [, { clusters: ["canary"] }] }, field: "rollout.stages[0]", says: /must be an object/ },
        { rollout: { stages: [{ clusters: ["canary"] }], soakSeconds: 3e6 }, field: "rollout.soakSeconds", says: /from 0 to 86400/ },
        { rollout: { stages: [{ clusters: ["canary"] }], timeoutSeconds: 1e21 }, field: "rollout.timeoutSeconds", says: /from 1 to 86400/ },
    ];
    for (const c of refused) {
        it(`${JSON.stringify(c.rollout).slice(0, 90)}: ${c.field}`, () => {
            assert.throws(() => validateRollout(c.rollout, members), (error: unknown) => {
                assert.ok(error instanceof FederationError, String(error));
                assert.equal(error.field?.startsWith(c.field), true, `${error.field} for ${c.field}`);
                assert.match(error.message, c.says);
                if (c.cluster) assert.equal(error.cluster, c.cluster);
                return true;
            });
        });
    }

    it("a cycle in the input is refused as a wrong shape, in bounded time", () => {
        const stage: Record<string, unknown> = { clusters: ["canary"] };
        stage.self = stage;
        assert.throws(() => validateRollout({ stages: [stage] }, members), /rollout\.stages\[0\]\.self/);
    });
});

describe("planning/rollout: objects the provider would not wait for, and stages that gate nothing", () => {
    const object = (annotations: unknown) => ({ cluster: "eu-1", object: { metadata: annotations === undefined ? {} : { annotations } } });
    const cases: Array<{ name: string; placed: ReturnType<typeof object>[]; says?: RegExp }> = [
        { name: "no annotation", placed: [object(undefined)] },
        { name: "skipAwait false", placed: [object({ "pulumi.com/skipAwait": "false" })] },
        { name: "skipAwait \"true\"", placed: [object({ "pulumi.com/skipAwait": "true" })], says: /turns off: fix it/ },
        { name: "skipAwait true (a boolean)", placed: [object({ "pulumi.com/skipAwait": true })], says: /turns off/ },
        { name: "the annotation as a Promise", placed: [object({ "pulumi.com/skipAwait": Promise.resolve("true") })], says: /must be known when the program runs/ },
        { name: "the annotations as a class instance (an Output)", placed: [object(new (class Opaque {})())], says: /must be known when the program runs/ },
    ];
    for (const c of cases) {
        it(c.name, () => {
            if (!c.says) return checkAwaitedObjects(c.placed, "fix it");
            assert.throws(() => checkAwaitedObjects(c.placed, "fix it"), (error: unknown) => error instanceof FederationError && error.cluster === "eu-1" && error.field === 'template.metadata.annotations["pulumi.com/skipAwait"]' && c.says!.test(error.message));
        });
    }

    it("warnings: an own first stage off the object, and a stage of 0 replicas; none for the Federation's default or the last stage", () => {
        const rollout: RolloutArgs = { stages: [{ name: "canary", clusters: ["canary"] }, { name: "eu", clusterSelector: { matchLabels: { ring: "1" } } }] };
        const placed = [{ cluster: "eu-1", object: { spec: { replicas: 0 } } }, { cluster: "eu-2", object: { spec: { replicas: 0 } } }, { cluster: "us-1", object: { spec: { replicas: 0 } } }];
        const batches = rolloutBatches(rollout, placed.map((entry) => entry.cluster), members);
        assert.deepEqual(rolloutWarnings(rollout, true, batches, placed), [
            'rollout stage "canary" has none of the clusters this object is placed on, so the next stage goes first',
            'rollout stage "eu" runs 0 replicas (eu-1, eu-2): it is ready at once and gates nothing',
        ]);
        assert.deepEqual(rolloutWarnings(rollout, false, batches, placed.map((entry) => ({ ...entry, object: { spec: { replicas: 2 } } }))), []);
    });
});

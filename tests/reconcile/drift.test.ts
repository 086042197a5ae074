/**
 * The drift report built from a refreshed preview's steps: which objects differ from the program,
 * per member cluster, why (modified, deleted behind Pulumi's back, not deployed yet, no longer
 * declared), each drifted field with its live and declared values, and no secret value ever
 * carried. Steps that change nothing, providers and components are not objects and are left out;
 * a replacement's several steps are one object.
 */
import { strict as assert } from "assert";
import { DriftedObject, PlannedStep, driftByCluster, driftReport } from "../../components/reconcile/drift";
import { StackState, StateResource, readStackState } from "../../components/reconcile/stackState";

const SIGNATURE = "4dabf18193072939515e22adb298388d";
const envelope = (value: unknown) => ({ [SIGNATURE]: "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(value) });

const PREFIX = "urn:pulumi:dev::fleet::";
const FEDERATION = `${PREFIX}federation:index:Federation::fleet`;
const memberUrn = (name: string) => `${PREFIX}federation:index:Federation$federation:index:MemberCluster::${name}-member`;
const providerOf = (name: string) => `${PREFIX}federation:index:Federation$federation:index:MemberCluster$pulumi:providers:kubernetes::${name}-provider`;
const federatedUrn = (kind: string, name: string) => `${PREFIX}federation:index:Federation$federation:index:Federated${kind}::${name}`;
const objectUrn = (kind: string, name: string, type = `kubernetes:core/v1:${kind}`) => `${PREFIX}federation:index:Federation$federation:index:Federated${kind}$${type}::${name}`;

const SETTINGS_EU = objectUrn("ConfigMap", "settings-eu");
const SETTINGS_US = objectUrn("ConfigMap", "settings-us");
const CREDENTIALS_EU = objectUrn("Secret", "credentials-eu");
const WEB_EU = objectUrn("Deployment", "web-eu", "kubernetes:apps/v1:Deployment");

function stateObject(urn: string, kind: string, name: string, member: string): StateResource {
    const type = urn.slice(urn.lastIndexOf("$") + 1, urn.lastIndexOf("::"));
    return { urn, type, id: `default/${name}`, parent: federatedUrn(kind, name.replace(/-(eu|us)$/, "")), provider: `${providerOf(member)}::${member}-id`, inputs: { kind, metadata: { name, namespace: "default" } } };
}

/** Members eu and us, their providers, and three objects deployed. */
function state(): StackState {
    return readStackState({
        resources: [
            { urn: FEDERATION, type: "federation:index:Federation", outputs: { members: [{ name: "eu", ready: "True" }, { name: "us", ready: "True" }] } },
            ...["eu", "us"].flatMap((name): StateResource[] => [
                { urn: memberUrn(name), type: "federation:index:MemberCluster", parent: FEDERATION, outputs: { name } },
                { urn: providerOf(name), type: "pulumi:providers:kubernetes", id: `${name}-id`, parent: memberUrn(name), inputs: { context: `kind-${name}` } },
            ]),
            stateObject(SETTINGS_EU, "ConfigMap", "settings-eu", "eu"),
            stateObject(SETTINGS_US, "ConfigMap", "settings-us", "us"),
            stateObject(CREDENTIALS_EU, "Secret", "credentials-eu", "eu"),
            stateObject(WEB_EU, "Deployment", "web-eu", "eu"),
        ],
    });
}

const configMap = (name: string, data: Record<string, unknown>) => ({ kind: "ConfigMap", apiVersion: "v1", metadata: { name, namespace: "default" }, data });

/** A step on an object of member `member`, its parent the federated resource. */
function step(op: string, urn: string, member: string, old?: Record<string, unknown>, declared?: Record<string, unknown>, diff?: Partial<PlannedStep>): PlannedStep {
    const parent = federatedUrn(urn.includes("Secret") ? "Secret" : urn.includes("Deployment") ? "Deployment" : "ConfigMap", urn.slice(urn.lastIndexOf("::") + 2).replace(/-(eu|us)$/, ""));
    const provider = `${providerOf(member)}::${member}-id`;
    return {
        op, urn, type: urn.slice(urn.lastIndexOf("$") + 1, urn.lastIndexOf("::")), provider,
        ...(old ? { old: { inputs: old, provider, parent } } : {}),
        ...(declared ? { new: { inputs: declared, provider, parent } } : {}),
        ...diff,
    };
}

const settingsLive = configMap("settings-eu", { mode: "debug", size: "10", extra: "by hand" });
const settingsDeclared = configMap("settings-eu", { mode: "prod", size: "10", added: "new" });
const settingsUpdate = step("update", SETTINGS_EU, "eu", settingsLive, settingsDeclared, { detailedDiff: { "data.mode": { kind: "update" }, "data.extra": { kind: "delete" }, "data.added": { kind: "add" } }, diffs: ["data"] });

describe("reconcile/drift: a modified object, field by field", () => {
    const [entry] = driftReport([settingsUpdate], state());

    it("names the member cluster, the federated resource and the object", () => {
        assert.equal(entry.cluster, "eu");
        assert.equal(entry.federated, "FederatedConfigMap settings");
        assert.equal(entry.object, "ConfigMap default/settings-eu");
        assert.equal(entry.urn, SETTINGS_EU);
        assert.equal(entry.change, "modified");
        assert.equal(entry.action, "update");
    });

    it("each field of detailedDiff, sorted: the live value from old inputs, the declared one from new inputs", () => {
        assert.deepEqual(entry.fields, [
            { path: "data.added", declared: "new" },
            { path: "data.extra", live: "by hand" },
            { path: "data.mode", live: "debug", declared: "prod" },
        ]);
    });

    it("a field absent on one side has no live (or declared) key at all", () => {
        assert.ok(!("live" in entry.fields[0]));
        assert.ok(!("declared" in entry.fields[1]));
    });

    it("without detailedDiff (null), the diffs' top-level paths", () => {
        const [fallback] = driftReport([{ ...settingsUpdate, detailedDiff: null, diffs: ["data"] }], state());
        assert.deepEqual(fallback.fields, [{ path: "data", live: settingsLive.data, declared: settingsDeclared.data }]);
    });

    it("with neither detailedDiff nor diffs, the object without fields", () => {
        const [bare] = driftReport([{ ...settingsUpdate, detailedDiff: undefined, diffs: undefined }], state());
        assert.equal(bare.change, "modified");
        assert.deepEqual(bare.fields, []);
    });

    it("a path with a quoted key reads the values under that key", () => {
        const live = { ...settingsLive, metadata: { ...settingsLive.metadata, labels: { "app.kubernetes.io/name": "old" } } };
        const declared = { ...settingsDeclared, metadata: { ...settingsDeclared.metadata, labels: { "app.kubernetes.io/name": "web" } } };
        const [labelled] = driftReport([step("update", SETTINGS_EU, "eu", live, declared, { detailedDiff: { 'metadata.labels["app.kubernetes.io/name"]': { kind: "update" } } })], state());
        assert.deepEqual(labelled.fields, [{ path: 'metadata.labels["app.kubernetes.io/name"]', live: "old", declared: "web" }]);
    });
});

describe("reconcile/drift: why each object is reported", () => {
    const NEW_URN = objectUrn("ConfigMap", "fresh-eu");
    const cases: Array<{ name: string; steps: PlannedStep[]; expected: Array<Pick<DriftedObject, "urn" | "change" | "action">> }> = [
        { name: "an update: modified", steps: [settingsUpdate], expected: [{ urn: SETTINGS_EU, change: "modified", action: "update" }] },
        {
            name: "a replacement's three steps (create-replacement, replace, delete-replaced): one object, action replace",
            steps: ["create-replacement", "replace", "delete-replaced"].map((op) => step(op, SETTINGS_EU, "eu", settingsLive, settingsDeclared, { detailedDiff: { "data.mode": {} } })),
            expected: [{ urn: SETTINGS_EU, change: "modified", action: "replace" }],
        },
        {
            name: "the same replacement, its steps in the opposite order",
            steps: ["delete-replaced", "replace", "create-replacement"].map((op) => step(op, SETTINGS_EU, "eu", settingsLive, settingsDeclared, { detailedDiff: { "data.mode": {} } })),
            expected: [{ urn: SETTINGS_EU, change: "modified", action: "replace" }],
        },
        {
            name: "a replacement seen only through create-replacement",
            steps: [step("create-replacement", SETTINGS_EU, "eu", settingsLive, settingsDeclared, { detailedDiff: { "data.mode": {} } })],
            expected: [{ urn: SETTINGS_EU, change: "modified", action: "replace" }],
        },
        { name: "a create of an object the state holds: deleted behind Pulumi's back", steps: [step("create", SETTINGS_US, "us", undefined, configMap("settings-us", {}))], expected: [{ urn: SETTINGS_US, change: "deleted", action: "create" }] },
        { name: "a create of an object the state does not hold: not deployed yet", steps: [step("create", NEW_URN, "eu", undefined, configMap("fresh-eu", {}))], expected: [{ urn: NEW_URN, change: "undeployed", action: "create" }] },
        { name: "a delete: deployed, no longer declared", steps: [step("delete", SETTINGS_US, "us", configMap("settings-us", {}))], expected: [{ urn: SETTINGS_US, change: "undeclared", action: "delete" }] },
        { name: '"same" steps are no drift', steps: [step("same", SETTINGS_EU, "eu", settingsLive, settingsLive)], expected: [] },
        { name: '"refresh" steps are no drift', steps: [step("refresh", SETTINGS_EU, "eu", settingsLive, settingsLive)], expected: [] },
        { name: '"read" steps are no drift', steps: [step("read", SETTINGS_EU, "eu", settingsLive, settingsLive)], expected: [] },
        { name: "other engine ops (import, discard) are no drift", steps: [step("import", NEW_URN, "eu", undefined, configMap("fresh-eu", {})), step("discard", SETTINGS_EU, "eu", settingsLive)], expected: [] },
        {
            name: "a provider's update is not an object",
            steps: [{ op: "update", urn: providerOf("eu"), type: "pulumi:providers:kubernetes", old: { inputs: { context: "a" } }, new: { inputs: { context: "b" } }, detailedDiff: { context: {} } }],
            expected: [],
        },
        {
            name: "components (a federated resource, the Federation, the stack) are not objects",
            steps: [
                { op: "create", urn: federatedUrn("ConfigMap", "fresh"), type: "federation:index:FederatedConfigMap" },
                { op: "update", urn: FEDERATION, type: "federation:index:Federation", detailedDiff: { members: {} } },
                { op: "delete", urn: `${PREFIX}pulumi:pulumi:Stack::fleet-dev`, type: "pulumi:pulumi:Stack" },
            ],
            expected: [],
        },
        {
            name: "several objects: each once, sorted by cluster then object",
            steps: [
                step("delete", SETTINGS_US, "us", configMap("settings-us", {})),
                step("update", WEB_EU, "eu", { kind: "Deployment", metadata: { name: "web-eu", namespace: "default" }, spec: { replicas: 2 } }, { kind: "Deployment", metadata: { name: "web-eu", namespace: "default" }, spec: { replicas: 3 } }, { detailedDiff: { "spec.replicas": {} } }),
                settingsUpdate,
                step("same", SETTINGS_EU, "eu", settingsLive, settingsLive),
            ],
            expected: [
                { urn: SETTINGS_EU, change: "modified", action: "update" },
                { urn: WEB_EU, change: "modified", action: "update" },
                { urn: SETTINGS_US, change: "undeclared", action: "delete" },
            ],
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const report = driftReport(c.steps, state());
            assert.deepEqual(report.map(({ urn, change, action }) => ({ urn, change, action })), c.expected);
        });
    }

    it("a deleted object has no fields, and is named from the state when the step has no inputs", () => {
        const [deleted] = driftReport([{ op: "create", urn: SETTINGS_US, type: "kubernetes:core/v1:ConfigMap" }], state());
        assert.equal(deleted.change, "deleted");
        assert.equal(deleted.object, "ConfigMap default/settings-us");
        assert.equal(deleted.cluster, "us");
        assert.equal(deleted.federated, "FederatedConfigMap settings");
        assert.deepEqual(deleted.fields, []);
    });

    it("an object without kind or metadata is named by its URN", () => {
        const urn = objectUrn("ConfigMap", "bare");
        const [bare] = driftReport([{ op: "create", urn, type: "kubernetes:core/v1:ConfigMap", provider: `${providerOf("eu")}::eu-id` }], state());
        assert.equal(bare.object, "bare bare");
    });
});

describe("reconcile/drift: no secret value is carried", () => {
    const secret = (data: Record<string, unknown>) => ({ kind: "Secret", apiVersion: "v1", metadata: { name: "credentials-eu", namespace: "default", labels: { tier: "db" } }, data });

    it("a Secret's data and stringData are masked wherever the path points into them, whether or not the events hold a value", () => {
        const live = { ...secret({ password: "aHVudGVyMg==" }), stringData: { token: "plain-live" } };
        const declared = { ...secret({ password: "c2VjcmV0" }), stringData: { token: "plain-declared" } };
        const [entry] = driftReport([step("update", CREDENTIALS_EU, "eu", live, declared, { detailedDiff: { "data.password": {}, "stringData.token": {}, data: {}, 'data["pass.word"]': {} } })], state());
        assert.deepEqual(entry.fields, [
            { path: "data", live: "[secret]", declared: "[secret]" },
            { path: "data.password", live: "[secret]", declared: "[secret]" },
            { path: 'data["pass.word"]', live: "[secret]", declared: "[secret]" },
            { path: "stringData.token", live: "[secret]", declared: "[secret]" },
        ]);
        for (const text of ["aHVudGVyMg==", "c2VjcmV0", "plain-live", "plain-declared"]) assert.ok(!JSON.stringify(entry).includes(text), text);
    });

    it("a Secret's other fields are shown", () => {
        const [entry] = driftReport([step("update", CREDENTIALS_EU, "eu", secret({}), { ...secret({}), metadata: { name: "credentials-eu", namespace: "default", labels: { tier: "cache" } } }, { detailedDiff: { "metadata.labels.tier": {} } })], state());
        assert.deepEqual(entry.fields, [{ path: "metadata.labels.tier", live: "db", declared: "cache" }]);
    });

    const held: Array<{ name: string; live: unknown; declared: unknown; path: string; fields: unknown }> = [
        { name: "a value that is a secret envelope", live: { token: envelope("t0p-secret") }, declared: { token: "plain" }, path: "data.token", fields: [{ path: "data.token", live: "[secret]", declared: "plain" }] },
        { name: "an object holding an envelope, masked inside", live: { nested: { a: 1, b: envelope("t0p-secret") } }, declared: { nested: { a: 2 } }, path: "data.nested", fields: [{ path: "data.nested", live: { a: 1, b: "[secret]" }, declared: { a: 2 } }] },
        { name: "an array holding an envelope", live: { list: ["x", envelope("t0p-secret")] }, declared: { list: ["x"] }, path: "data.list", fields: [{ path: "data.list", live: ["x", "[secret]"], declared: ["x"] }] },
        { name: "a path through a map the events hold as \"[secret]\"", live: "[secret]", declared: { mode: "prod" }, path: "data.mode", fields: [{ path: "data.mode", live: "[secret]", declared: "prod" }] },
        { name: "a path through a secret envelope", live: envelope({ mode: "t0p-secret" }), declared: { mode: "prod" }, path: "data.mode", fields: [{ path: "data.mode", live: "[secret]", declared: "prod" }] },
    ];
    for (const c of held) {
        it(`any kind: ${c.name}`, () => {
            const [entry] = driftReport([step("update", SETTINGS_EU, "eu", configMap("settings-eu", c.live as Record<string, unknown>), configMap("settings-eu", c.declared as Record<string, unknown>), { detailedDiff: { [c.path]: {} } })], state());
            assert.deepEqual(entry.fields, c.fields);
            assert.ok(!JSON.stringify(entry).includes("t0p-secret"));
            assert.ok(!JSON.stringify(entry).includes(SIGNATURE));
        });
    }
});

describe("reconcile/drift: the member cluster and the federated resource of an object", () => {
    const UNKNOWN_PROVIDER = `${PREFIX}pulumi:providers:kubernetes::karmada-apiserver`;
    const urn = objectUrn("ConfigMap", "x-eu");
    const cases: Array<{ name: string; step: PlannedStep; cluster: string }> = [
        { name: "the member whose provider it is (reference with ::id)", step: { op: "create", urn, type: "kubernetes:core/v1:ConfigMap", provider: `${providerOf("eu")}::eu-id` }, cluster: "eu" },
        { name: "the member whose provider it is (URN without id)", step: { op: "create", urn, type: "kubernetes:core/v1:ConfigMap", provider: providerOf("us") }, cluster: "us" },
        { name: "the provider of the new state when the step names none", step: { op: "create", urn, type: "kubernetes:core/v1:ConfigMap", new: { provider: `${providerOf("us")}::us-id` } }, cluster: "us" },
        { name: "the provider of the old state for a delete", step: { op: "delete", urn, type: "kubernetes:core/v1:ConfigMap", old: { provider: `${providerOf("eu")}::eu-id` } }, cluster: "eu" },
        { name: "the state's provider when the step names none", step: { op: "create", urn: SETTINGS_US, type: "kubernetes:core/v1:ConfigMap" }, cluster: "us" },
        { name: "a provider the state does not know: its URN's name (reference with ::id)", step: { op: "create", urn, type: "kubernetes:core/v1:ConfigMap", provider: `${UNKNOWN_PROVIDER}::k1` }, cluster: "karmada-apiserver" },
        { name: "a provider the state does not know: its URN's name (URN without id)", step: { op: "create", urn, type: "kubernetes:core/v1:ConfigMap", provider: UNKNOWN_PROVIDER }, cluster: "karmada-apiserver" },
        { name: "no provider anywhere", step: { op: "create", urn, type: "kubernetes:core/v1:ConfigMap" }, cluster: "(default provider)" },
    ];
    for (const c of cases) {
        it(`cluster: ${c.name}`, () => assert.equal(driftReport([c.step], state())[0].cluster, c.cluster));
    }

    const parents: Array<{ name: string; parent: string | undefined; federated: string | undefined }> = [
        { name: "a FederatedConfigMap", parent: federatedUrn("ConfigMap", "settings"), federated: "FederatedConfigMap settings" },
        { name: "a top-level FederatedResource", parent: `${PREFIX}federation:index:FederatedResource::crd-widget`, federated: "FederatedResource crd-widget" },
        { name: "a parent of another package", parent: `${PREFIX}my:index:Component$kubernetes:yaml/v2:ConfigGroup::manifests`, federated: undefined },
        { name: "the stack", parent: `${PREFIX}pulumi:pulumi:Stack::fleet-dev`, federated: undefined },
        { name: "no parent", parent: undefined, federated: undefined },
    ];
    for (const c of parents) {
        it(`federated: ${c.name}`, () => {
            const entry = driftReport([{ op: "create", urn, type: "kubernetes:core/v1:ConfigMap", provider: providerOf("eu"), ...(c.parent ? { new: { parent: c.parent } } : {}) }], state())[0];
            assert.equal(entry.federated, c.federated);
        });
    }
});

describe("reconcile/drift: drifted objects per cluster", () => {
    it("counts each cluster's objects", () => {
        const report = driftReport([settingsUpdate, step("delete", SETTINGS_US, "us", configMap("settings-us", {})), step("create", WEB_EU, "eu", undefined, { kind: "Deployment" })], state());
        assert.deepEqual(driftByCluster(report), { eu: 2, us: 1 });
    });

    it("nothing drifted: no cluster", () => assert.deepEqual(driftByCluster([]), {}));

    it('a cluster named "__proto__" is an own key, and the prototype is untouched', () => {
        const proto = `${PREFIX}pulumi:providers:kubernetes::__proto__`;
        const report = driftReport([1, 2].map((n): PlannedStep => ({ op: "create", urn: objectUrn("ConfigMap", `p${n}`), type: "kubernetes:core/v1:ConfigMap", provider: `${proto}::id` })), state());
        assert.deepEqual(report.map((entry) => entry.cluster), ["__proto__", "__proto__"]);
        const counts = driftByCluster(report);
        assert.ok(Object.prototype.hasOwnProperty.call(counts, "__proto__"));
        assert.equal(Object.getOwnPropertyDescriptor(counts, "__proto__")?.value, 2);
        assert.equal(Object.getPrototypeOf(counts), Object.prototype);
        assert.deepEqual(Object.keys(counts), ["__proto__"]);
    });
});

describe("reconcile/drift: a large preview", () => {
    it("20,000 steps (5,000 replacements of three steps, 5,000 updates) give 10,000 objects", () => {
        const steps: PlannedStep[] = [];
        for (let i = 0; i < 5000; i++) {
            const member = i % 2 === 0 ? "eu" : "us";
            const replaced = objectUrn("ConfigMap", `replaced-${i}`);
            for (const op of ["create-replacement", "replace", "delete-replaced"]) steps.push(step(op, replaced, member, configMap(`replaced-${i}`, { v: "1" }), configMap(`replaced-${i}`, { v: "2" }), { detailedDiff: { "data.v": {} } }));
            steps.push(step("update", objectUrn("ConfigMap", `updated-${i}`), member, configMap(`updated-${i}`, { v: "1" }), configMap(`updated-${i}`, { v: "2" }), { detailedDiff: { "data.v": {} } }));
        }
        assert.equal(steps.length, 20000);
        const report = driftReport(steps, state());
        assert.equal(report.length, 10000);
        assert.equal(report.filter((entry) => entry.action === "replace").length, 5000);
        assert.deepEqual(driftByCluster(report), { eu: 5000, us: 5000 });
        assert.ok(report.every((entry) => entry.fields.length === 1 && entry.fields[0].live === "1" && entry.fields[0].declared === "2"));
    });
});

describe("reconcile/drift: Kubernetes components are not objects", () => {
    it("a Helm Chart or ConfigGroup step (custom: false) is left out; an object beside it is reported", () => {
        const chart = `${PREFIX}kubernetes:helm.sh/v4:Chart::ingress`;
        const steps: PlannedStep[] = [
            { op: "create", urn: chart, type: "kubernetes:helm.sh/v4:Chart", new: { custom: false, inputs: {} } },
            { op: "delete", urn: `${PREFIX}kubernetes:yaml/v2:ConfigGroup::extras`, type: "kubernetes:yaml/v2:ConfigGroup", old: { custom: false, inputs: {} } },
            { ...step("update", SETTINGS_EU, "eu", configMap("settings", { mode: "edited" }), configMap("settings", { mode: "ha" }), { detailedDiff: { "data.mode": {} } }), new: { custom: true, inputs: configMap("settings", { mode: "ha" }) } },
        ];
        assert.deepEqual(driftReport(steps, state()).map((entry) => entry.urn), [SETTINGS_EU]);
    });
});

/**
 * What the reconcile loop reads from a stack's state, on a deployment written the way
 * `pulumi stack export --show-secrets` prints one: the members (each MemberCluster's own
 * Kubernetes provider, its kubeconfig revealed from the secret envelope), the readiness the last
 * update planned with, which member each provider reaches and which objects each member holds.
 * A provider that is no member's (a Karmada API server's) is mapped but not probed, and input
 * that is not a deployment gives an empty state, never an exception.
 */
import { strict as assert } from "assert";
import { StackState, StateResource, providerUrn, readStackState, resourcesOfMember, urnName } from "../../components/reconcile/stackState";

const SIGNATURE = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** A secret as `--show-secrets` exports it: the envelope, its plaintext the value's JSON. */
const secret = (value: unknown) => ({ [SIGNATURE]: SECRET_SIG, plaintext: JSON.stringify(value) });

const PREFIX = "urn:pulumi:dev::fleet::";
const FEDERATION = `${PREFIX}federation:index:Federation::fleet`;
const memberUrn = (name: string) => `${PREFIX}federation:index:Federation$federation:index:MemberCluster::${name}`;
const providerOf = (name: string) => `${PREFIX}federation:index:Federation$federation:index:MemberCluster$pulumi:providers:kubernetes::${name}`;
const KARMADA_PROVIDER = `${PREFIX}federation:index:Federation$pulumi:providers:kubernetes::karmada-apiserver`;
const DEFAULT_PROVIDER = `${PREFIX}pulumi:providers:kubernetes::default_4_34_2`;
const objectType = (kind: string) => `kubernetes:${kind === "ConfigMap" ? "core/v1" : "apps/v1"}:${kind}`;
const objectUrn = (kind: string, name: string) => `${PREFIX}federation:index:Federation$federation:index:Federated${kind}$${objectType(kind)}::${name}`;

const EU_KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters: [{ name: eu, cluster: { server: \"https://eu.example:6443\" } }]\n";
const US_KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters: [{ name: us, cluster: { server: \"https://us.example:6443\" } }]\n";

function memberCluster(resourceName: string, name: string): StateResource {
    return { urn: memberUrn(resourceName), type: "federation:index:MemberCluster", parent: FEDERATION, outputs: { name } };
}

function memberProvider(resourceName: string, inputs: Record<string, unknown>): StateResource {
    return { urn: providerOf(resourceName), type: "pulumi:providers:kubernetes", id: `${resourceName}-0b5c`, parent: memberUrn(resourceName), inputs };
}

function object(kind: string, name: string, provider: string, id = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"): StateResource {
    return { urn: objectUrn(kind, name), type: objectType(kind), id: `default/${name}`, parent: `${PREFIX}federation:index:Federation$federation:index:Federated${kind}::${name}`, provider: `${provider}::${id}`, inputs: { kind, metadata: { name, namespace: "default" } } };
}

/** The `deployment` of an export: members us, eu and ap (listed out of order), a Karmada API server, a default provider. */
function deployment(): { manifest: unknown; resources: StateResource[] } {
    return {
        manifest: { time: "2026-01-01T00:00:00Z", magic: "x", version: "v3.200.0" },
        resources: [
            { urn: `${PREFIX}pulumi:pulumi:Stack::fleet-dev`, type: "pulumi:pulumi:Stack" },
            { urn: FEDERATION, type: "federation:index:Federation", parent: `${PREFIX}pulumi:pulumi:Stack::fleet-dev`, outputs: { members: [{ name: "eu", ready: "True" }, { name: "us", ready: "False" }, { name: "gone", ready: "True" }, { name: 7, ready: "True" }, { name: "ap" }] } },
            memberCluster("us-member", "us"),
            memberProvider("us-member", { kubeconfig: secret(US_KUBECONFIG) }),
            memberCluster("eu-member", "eu"),
            memberProvider("eu-member", { kubeconfig: secret(EU_KUBECONFIG), context: "kind-eu" }),
            memberCluster("ap-member", "ap"),
            memberProvider("ap-member", { context: "" }),
            { urn: KARMADA_PROVIDER, type: "pulumi:providers:kubernetes", id: "k1", parent: FEDERATION, inputs: { kubeconfig: secret("apiVersion: v1\nkind: Config\n") } },
            { urn: DEFAULT_PROVIDER, type: "pulumi:providers:kubernetes", id: "d1" },
            object("ConfigMap", "settings-eu", providerOf("eu-member")),
            object("Deployment", "web-eu", providerOf("eu-member")),
            object("ConfigMap", "settings-us", providerOf("us-member")),
            object("Deployment", "policy", KARMADA_PROVIDER),
        ],
    };
}

describe("reconcile/stackState: the members of an exported deployment", () => {
    const state = readStackState(deployment());

    it("lists the members, each once, sorted by name", () => {
        assert.deepEqual(state.members.map((member) => member.name), ["ap", "eu", "us"]);
    });

    it("each member names its own provider's URN", () => {
        assert.deepEqual(state.members.map((member) => member.providerUrn), [providerOf("ap-member"), providerOf("eu-member"), providerOf("us-member")]);
    });

    const readiness: Array<{ member: string; lastReady: string | undefined; why: string }> = [
        { member: "eu", lastReady: "True", why: "the Federation's members output says True" },
        { member: "us", lastReady: "False", why: "the Federation's members output says False" },
        { member: "ap", lastReady: undefined, why: "listed without a readiness" },
    ];
    for (const c of readiness) {
        it(`lastReady of ${c.member}: ${String(c.lastReady)} (${c.why})`, () => {
            assert.equal(state.members.find((member) => member.name === c.member)?.lastReady, c.lastReady);
        });
    }

    const credentials: Array<{ member: string; kubeconfig: string | undefined; context: string | undefined; why: string }> = [
        { member: "eu", kubeconfig: EU_KUBECONFIG, context: "kind-eu", why: "the kubeconfig revealed from its secret envelope, the context a plain string" },
        { member: "us", kubeconfig: US_KUBECONFIG, context: undefined, why: "no context" },
        { member: "ap", kubeconfig: undefined, context: undefined, why: "kubectl's own kubeconfig; an empty context is none" },
    ];
    for (const c of credentials) {
        it(`credentials of ${c.member}: ${c.why}`, () => {
            const member = state.members.find((candidate) => candidate.name === c.member);
            assert.equal(member?.kubeconfig, c.kubeconfig);
            assert.equal(member?.context, c.context);
        });
    }

    it("no member carries the secret envelope itself", () => {
        assert.ok(!JSON.stringify(state.members).includes(SIGNATURE));
    });

    it("maps every Kubernetes provider to a member name, the member's or the provider's own", () => {
        assert.deepEqual(Object.fromEntries(state.memberOfProvider), {
            [providerOf("us-member")]: "us",
            [providerOf("eu-member")]: "eu",
            [providerOf("ap-member")]: "ap",
            [KARMADA_PROVIDER]: "karmada-apiserver",
            [DEFAULT_PROVIDER]: "default_4_34_2",
        });
    });

    it("a provider with no MemberCluster parent (a Karmada API server's, the default one) is mapped but not probed", () => {
        assert.ok(!state.members.some((member) => member.providerUrn === KARMADA_PROVIDER || member.providerUrn === DEFAULT_PROVIDER));
    });

    it("keeps every resource by URN", () => {
        assert.equal(state.resources.size, deployment().resources.length);
        assert.equal(state.resources.get(FEDERATION)?.type, "federation:index:Federation");
    });

    const held: Array<{ member: string; urns: string[] }> = [
        { member: "eu", urns: [objectUrn("ConfigMap", "settings-eu"), objectUrn("Deployment", "web-eu")].sort() },
        { member: "us", urns: [objectUrn("ConfigMap", "settings-us")] },
        { member: "ap", urns: [] },
        { member: "karmada-apiserver", urns: [objectUrn("Deployment", "policy")] },
        { member: "nobody", urns: [] },
    ];
    for (const c of held) {
        it(`the objects member ${c.member} holds (their provider is "<provider urn>::<id>")`, () => {
            assert.deepEqual(resourcesOfMember(state, c.member), c.urns);
        });
    }
});

describe("reconcile/stackState: providers named without a MemberCluster", () => {
    it("a provider under a MemberCluster without a name output is named by its clusterIdentifier, and not probed", () => {
        const state = readStackState({
            resources: [
                { urn: memberUrn("pending"), type: "federation:index:MemberCluster", outputs: {} },
                { urn: providerOf("pending"), type: "pulumi:providers:kubernetes", parent: memberUrn("pending"), inputs: { clusterIdentifier: secret("pending-cluster") } },
            ],
        });
        assert.deepEqual(state.members, []);
        assert.equal(state.memberOfProvider.get(providerOf("pending")), "pending-cluster");
    });

    it("a provider whose parent is not in the state is named by its URN", () => {
        const state = readStackState({ resources: [{ urn: providerOf("orphan"), type: "pulumi:providers:kubernetes", parent: memberUrn("missing") }] });
        assert.deepEqual(state.members, []);
        assert.equal(state.memberOfProvider.get(providerOf("orphan")), "orphan");
    });

    it("without a Federation, members have no lastReady", () => {
        const state = readStackState({ resources: [memberCluster("eu-member", "eu"), memberProvider("eu-member", { context: "kind-eu" })] });
        assert.deepEqual(state.members, [{ name: "eu", providerUrn: providerOf("eu-member"), kubeconfig: undefined, context: "kind-eu", lastReady: undefined, probeTimeoutSeconds: undefined }]);
    });
});

describe("reconcile/stackState: input that is not a deployment gives an empty state", () => {
    const cases: Array<{ name: string; input: unknown }> = [
        { name: "null", input: null },
        { name: "undefined", input: undefined },
        { name: "a number", input: 42 },
        { name: "a string", input: "resources" },
        { name: "no resources", input: { manifest: {} } },
        { name: "resources null", input: { resources: null } },
        { name: "resources an object", input: { resources: { urn: FEDERATION, type: "federation:index:Federation" } } },
        { name: "resources a string", input: { resources: "[]" } },
        { name: "entries that are not resources", input: { resources: [null, 3, "urn", [], {}] } },
        { name: "entries missing their urn or type", input: { resources: [{ type: "pulumi:providers:kubernetes" }, { urn: providerOf("x") }, { urn: 5, type: "pulumi:providers:kubernetes" }] } },
        { name: "a Federation whose members output is not a list", input: { resources: [{ urn: FEDERATION, type: "federation:index:Federation", outputs: { members: "eu" } }] } },
    ];
    for (const c of cases) {
        it(c.name, () => {
            let state: StackState | undefined;
            assert.doesNotThrow(() => { state = readStackState(c.input); });
            assert.deepEqual(state?.members, []);
            assert.equal(state?.memberOfProvider.size, 0);
            assert.ok((state?.resources.size ?? 0) <= 1, "at most the Federation itself");
        });
    }
});

describe("reconcile/stackState: URNs and provider references", () => {
    const references: Array<{ name: string; reference: string; urn: string }> = [
        { name: "a reference loses its id", reference: `${providerOf("eu-member")}::eu-member-0b5c`, urn: providerOf("eu-member") },
        { name: "a default provider's reference", reference: `${DEFAULT_PROVIDER}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`, urn: DEFAULT_PROVIDER },
        { name: "a URN without id stays whole", reference: providerOf("eu-member"), urn: providerOf("eu-member") },
        { name: "a top-level provider's URN without id stays whole", reference: DEFAULT_PROVIDER, urn: DEFAULT_PROVIDER },
        { name: "a text that is not a URN stays whole", reference: "eu::0b5c", urn: "eu::0b5c" },
        { name: "the empty text", reference: "", urn: "" },
    ];
    for (const c of references) {
        it(`providerUrn: ${c.name}`, () => assert.equal(providerUrn(c.reference), c.urn));
    }

    const names: Array<{ urn: string; name: string }> = [
        { urn: objectUrn("ConfigMap", "settings-eu"), name: "settings-eu" },
        { urn: providerOf("eu-member"), name: "eu-member" },
        { urn: `${PREFIX}kubernetes:core/v1:ConfigMap::`, name: "" },
        { urn: "no-separator", name: "no-separator" },
        { urn: "", name: "" },
    ];
    for (const c of names) {
        it(`urnName(${JSON.stringify(c.urn.replace(PREFIX, "…"))}) is ${JSON.stringify(c.name)}`, () => assert.equal(urnName(c.urn), c.name));
    }
});

describe("reconcile/stackState: damaged entries are skipped, never thrown on", () => {
    it("a null member in the Federation's output and a secret whose plaintext is not JSON", () => {
        const state = readStackState({
            resources: [
                { urn: "urn:pulumi:dev::p::federation:index:Federation::fleet", type: "federation:index:Federation", outputs: { members: [null, 7, { name: "eu", ready: "True" }] } },
                { urn: "urn:pulumi:dev::p::federation:index:Federation$federation:index:MemberCluster::fleet-eu", type: "federation:index:MemberCluster", outputs: { name: "eu" } },
                {
                    urn: "urn:pulumi:dev::p::federation:index:Federation$federation:index:MemberCluster$pulumi:providers:kubernetes::fleet-eu", type: "pulumi:providers:kubernetes",
                    parent: "urn:pulumi:dev::p::federation:index:Federation$federation:index:MemberCluster::fleet-eu",
                    inputs: { kubeconfig: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: "{not json" } },
                },
            ],
        });
        assert.deepEqual(state.members.map((member) => [member.name, member.lastReady, member.kubeconfig]), [["eu", "True", undefined]]);
    });
});

describe("reconcile/stackState: the Federation's probe timeout", () => {
    it("its health output's timeoutSeconds goes to each member it lists; none without it", () => {
        const federation = (health?: unknown) => ({ urn: "urn:pulumi:dev::p::federation:index:Federation::fleet", type: "federation:index:Federation", outputs: { members: [{ name: "eu", ready: "True" }], ...(health ? { health } : {}) } });
        const member = { urn: "urn:pulumi:dev::p::federation:index:Federation$federation:index:MemberCluster::fleet-eu", type: "federation:index:MemberCluster", outputs: { name: "eu" } };
        const provider = { urn: "urn:pulumi:dev::p::federation:index:Federation$federation:index:MemberCluster$pulumi:providers:kubernetes::fleet-eu", type: "pulumi:providers:kubernetes", parent: member.urn };
        const timeout = (health?: unknown) => readStackState({ resources: [federation(health), member, provider] }).members[0].probeTimeoutSeconds;
        assert.equal(timeout({ timeoutSeconds: 7, failureThreshold: 3, periodSeconds: 10 }), 7);
        assert.equal(timeout(), undefined);
        assert.equal(timeout({ timeoutSeconds: "7" }), undefined);
        assert.equal(timeout({ timeoutSeconds: -1 }), undefined);
    });
});

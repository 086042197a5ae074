import { strict as assert } from "assert";
import { FederatedConfigMap, Federation, FederationError, MemberClusterArgs } from "../../components";
import { promiseOf, runProgram } from "../harness";

const PROVIDER = "pulumi:providers:kubernetes";

describe("Federation", () => {
    it("registers one MemberCluster and one Kubernetes provider per member, in a tree under the federation", async () => {
        const run = await runProgram(() => new Federation("fleet", { clusters: [{ name: "us-east" }, { name: "eu-west" }] }));
        assert.equal(run.error, undefined);
        const federation = run.named("fleet", "federation:index:Federation");
        const members = run.ofType("federation:index:MemberCluster");
        assert.deepEqual(members.map((m) => m.name).sort(), ["fleet-eu-west", "fleet-us-east"]);
        for (const member of members) assert.equal(member.parent, federation.urn);
        const providers = run.ofType(PROVIDER);
        assert.deepEqual(providers.map((p) => p.name).sort(), ["fleet-eu-west", "fleet-us-east"]);
        for (const provider of providers) {
            assert.equal(run.byUrn(provider.parent).type, "federation:index:MemberCluster");
            assert.equal(run.byUrn(provider.parent).name, provider.name);
        }
    });

    it("passes context and namespace to the member's provider and keeps kubeconfig contents secret", async () => {
        const run = await runProgram(() =>
            new Federation("fleet", {
                kubeconfig: "apiVersion: v1\nkind: Config\n# shared",
                clusters: [
                    { name: "a", context: "ctx-a", namespace: "apps" },
                    { name: "b", context: "ctx-b", kubeconfig: "/home/me/.kube/b.yaml" },
                ],
            }),
        );
        const a = run.named("fleet-a", PROVIDER);
        const b = run.named("fleet-b", PROVIDER);
        assert.equal(a.inputs.context, "ctx-a");
        assert.equal(a.inputs.namespace, "apps");
        assert.equal(a.inputs.kubeconfig, "apiVersion: v1\nkind: Config\n# shared", "members without a kubeconfig use the federation's");
        assert.equal(b.inputs.kubeconfig, "/home/me/.kube/b.yaml", "a member's own kubeconfig (here a path) wins");
        assert.ok(a.secretPaths.includes("/kubeconfig"));
        assert.ok(b.secretPaths.includes("/kubeconfig"));
    });

    it("a rendering member's provider never takes KUBECONFIG from the environment (the provider refuses a kubeconfig beside renderYamlToDirectory)", async () => {
        const previous = process.env.KUBECONFIG;
        process.env.KUBECONFIG = "/home/me/.kube/config";
        try {
            const run = await runProgram(() =>
                new Federation("fleet", {
                    clusters: [
                        { name: "rendered", providerOptions: { renderYamlToDirectory: "out/rendered" } },
                        { name: "live", context: "ctx-live" },
                    ],
                }),
            );
            assert.equal(run.named("fleet-rendered", PROVIDER).inputs.kubeconfig, "", "an empty kubeconfig, which the provider takes as none");
            assert.equal(run.named("fleet-live", PROVIDER).inputs.kubeconfig, "/home/me/.kube/config", "a live member still uses the ambient KUBECONFIG");
            // Another destination, another identity: moving a member between rendering and its cluster replaces its objects.
            assert.equal(run.named("fleet-rendered", PROVIDER).inputs.clusterIdentifier, "rendered (rendered to out/rendered)");
            assert.equal(run.named("fleet-live", PROVIDER).inputs.clusterIdentifier, "live");
        } finally {
            if (previous === undefined) delete process.env.KUBECONFIG;
            else process.env.KUBECONFIG = previous;
        }
    });

    it("renderDirectory: a member without a context renders to <renderDirectory>/<member>, one with a context deploys; not in Karmada mode", async () => {
        const run = await runProgram(() => new Federation("fleet", { renderDirectory: "rendered/dev", clusters: [{ name: "a" }, { name: "b", context: "ctx-b" }] }));
        assert.equal(run.error, undefined);
        assert.equal(run.named("fleet-a", PROVIDER).inputs.renderYamlToDirectory, "rendered/dev/a");
        assert.equal(run.named("fleet-b", PROVIDER).inputs.renderYamlToDirectory, undefined);
        assert.equal(run.named("fleet-b", PROVIDER).inputs.context, "ctx-b");
        const karmada = await runProgram(() => new Federation("fleet", { renderDirectory: "out", clusters: [{ name: "a" }], propagation: { karmada: { context: "karmada" } } }));
        assert.match(String(karmada.error), /Federation "fleet", field renderDirectory: applies to push mode/);
        assert.equal(karmada.resources.length, 0);
    });

    it("a rendering member's objects are replaced by deleting first: the replacement writes the same file", async () => {
        const run = await runProgram(() => {
            const federation = new Federation("fleet", { clusters: [{ name: "rendered", providerOptions: { renderYamlToDirectory: "out" } }, { name: "live", context: "ctx" }] });
            new FederatedConfigMap("settings", { federation, namespace: "default", template: { data: { a: "1" } }, placement: { clusterSelector: {} } });
        });
        assert.equal(run.error, undefined);
        assert.equal(run.named("settings-rendered", "kubernetes:core/v1:ConfigMap").deleteBeforeReplace, true);
        assert.equal(run.named("settings-live", "kubernetes:core/v1:ConfigMap").deleteBeforeReplace, false);
    });

    it("a rendering member takes no kubeconfig from the federation, and one of its own (or a context) is an error before anything registers", async () => {
        const shared = await runProgram(() =>
            new Federation("fleet", { kubeconfig: "/home/me/.kube/fleet.yaml", clusters: [{ name: "live" }, { name: "rendered", providerOptions: { renderYamlToDirectory: "out" } }] }),
        );
        assert.equal(shared.error, undefined);
        assert.equal(shared.named("fleet-live", PROVIDER).inputs.kubeconfig, "/home/me/.kube/fleet.yaml");
        assert.equal(shared.named("fleet-rendered", PROVIDER).inputs.kubeconfig, "");
        const cases: Array<[string, MemberClusterArgs[], object | undefined, RegExp]> = [
            ["a member's kubeconfig", [{ name: "a", kubeconfig: "/k.yaml", providerOptions: { renderYamlToDirectory: "out" } }], undefined, /cluster "a", field clusters\[0\]\.kubeconfig: cannot go with its providerOptions\.renderYamlToDirectory/],
            ["a member's context, the federation rendering", [{ name: "ok" }, { name: "b", context: "ctx-b" }], { renderYamlToDirectory: "out" }, /cluster "b", field clusters\[1\]\.context: cannot go with the federation's providerOptions\.renderYamlToDirectory/],
        ];
        for (const [what, clusters, providerOptions, message] of cases) {
            const run = await runProgram(() => new Federation("fleet", { clusters, providerOptions }));
            assert.ok(run.error instanceof FederationError, what);
            assert.match(run.error.message, message, what);
            assert.equal(run.resources.length, 0, `${what}: nothing registered`);
        }
    });

    it("gives each provider a clusterIdentifier that does not change when credentials rotate", async () => {
        const identifiers = async (kubeconfig: string) => {
            const run = await runProgram(() => new Federation("fleet", { clusters: [{ name: "a", kubeconfig }, { name: "b", kubeconfig, clusterIdentifier: "prod-b" }] }));
            return run.ofType(PROVIDER).map((p) => [p.name, p.inputs.clusterIdentifier]).sort();
        };
        const before = await identifiers("token: old");
        const after = await identifiers("token: new");
        assert.deepEqual(before, [["fleet-a", "a"], ["fleet-b", "prod-b"]]);
        assert.deepEqual(after, before);
    });

    it("passes provider options through, a member's own winning over the federation's", async () => {
        const run = await runProgram(() =>
            new Federation("fleet", {
                providerOptions: { enableServerSideApply: true, deleteUnreachable: true },
                clusters: [{ name: "a" }, { name: "b", providerOptions: { deleteUnreachable: false } }],
            }),
        );
        assert.equal(run.named("fleet-a", PROVIDER).inputs.deleteUnreachable, "true");
        assert.equal(run.named("fleet-b", PROVIDER).inputs.deleteUnreachable, "false");
        assert.equal(run.named("fleet-b", PROVIDER).inputs.enableServerSideApply, "true");
    });

    it("exposes members by name, in order, with the host and a member table output", async () => {
        let federation!: Federation;
        await runProgram(() => {
            federation = new Federation("fleet", {
                clusters: [
                    { name: "hub", host: true, labels: { region: "eu-west" } },
                    { name: "spoke", labels: { region: "us-east", tier: "edge" } },
                ],
            });
        });
        assert.deepEqual(federation.memberNames, ["hub", "spoke"]);
        assert.equal(federation.members.spoke.labels.tier, "edge");
        assert.equal(federation.host?.name, "hub");
        assert.deepEqual(await promiseOf(federation.memberTable), [
            { name: "hub", labels: { region: "eu-west" }, host: true, state: "available" },
            { name: "spoke", labels: { region: "us-east", tier: "edge" }, host: false, state: "available" },
        ]);
    });

    const badMemberLists: { name: string; clusters: unknown; field: string; cluster?: string; message: RegExp }[] = [
        { name: "a name with capitals", clusters: [{ name: "US-East" }], field: "clusters[0].name", message: /DNS-1123/ },
        { name: "a name with an underscore", clusters: [{ name: "ok" }, { name: "eu_west" }], field: "clusters[1].name", message: /DNS-1123/ },
        { name: "an empty name", clusters: [{ name: "" }], field: "clusters[0].name", message: /empty/ },
        { name: "a missing name", clusters: [{ labels: {} }], field: "clusters[0].name", message: /string/ },
        { name: "a 64-character name", clusters: [{ name: "a".repeat(64) }], field: "clusters[0].name", message: /63/ },
        { name: "the same name twice", clusters: [{ name: "a" }, { name: "b" }, { name: "a" }], field: "clusters[2].name", cluster: "a", message: /duplicate.*clusters\[0\]/ },
        { name: "two hosts", clusters: [{ name: "a", host: true }, { name: "b", host: true }], field: "clusters[1].host", cluster: "b", message: /only one member.*"a"/ },
        { name: "a numeric label value", clusters: [{ name: "a", labels: { zone: 3 } }], field: 'clusters[0].labels["zone"]', cluster: "a", message: /strings/ },
        { name: "clusters that is not a list", clusters: { a: {} }, field: "clusters", message: /list/ },
    ];
    for (const bad of badMemberLists) {
        it(`rejects ${bad.name} before registering anything`, async () => {
            const run = await runProgram(() => new Federation("fleet", { clusters: bad.clusters as MemberClusterArgs[] }));
            assert.ok(run.error instanceof FederationError, `expected a FederationError, got ${run.error}`);
            assert.equal(run.error.resource, 'Federation "fleet"');
            assert.equal(run.error.field, bad.field);
            assert.equal(run.error.cluster, bad.cluster);
            assert.match(run.error.message, bad.message);
            assert.deepEqual(run.resources, []);
        });
    }
});

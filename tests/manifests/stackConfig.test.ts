/** The stack program's config check (components/manifests/stackConfig.ts): pure, table-driven. */
import { strict as assert } from "assert";
import { FederationError } from "../../components";
import { STACK_CONFIG_KEYS, checkStackConfig } from "../../components/manifests/stackConfig";

const NS = "pulumi-federation";

/** Config as the language host passes it: `<ns>:<key>` -> text (JSON for anything but a string). */
function config(values: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(values).map(([key, value]) => [`${NS}:${key}`, typeof value === "string" ? value : JSON.stringify(value)]));
}

function refusal(all: Record<string, string>): string {
    try {
        checkStackConfig(all, NS);
    } catch (error) {
        assert.ok(error instanceof FederationError, String(error));
        return error.message;
    }
    assert.fail(`accepted ${JSON.stringify(all).slice(0, 200)}`);
}

const KNOWN = "the stack program reads pulumi-federation:clusters, pulumi-federation:manifests, pulumi-federation:renderDirectory, pulumi-federation:propagation, pulumi-federation:health";

describe("the stack program's config (checkStackConfig)", () => {
    it("reads the five keys, leaves unset ones out and other namespaces alone", () => {
        assert.deepEqual(STACK_CONFIG_KEYS, ["clusters", "manifests", "renderDirectory", "propagation", "health"]);
        assert.deepEqual(checkStackConfig({}, NS), {});
        assert.deepEqual(checkStackConfig({ "kubernetes:context": "kind", "aws:region": "eu-west-1", "other-project:clustrs": "x" }, NS), {});
        const clusters = [{ name: "cluster1", host: true, labels: { region: "eu-west" }, providerOptions: { enableServerSideApply: true } }, { name: "cluster2", context: "kind-2" }];
        assert.deepEqual(checkStackConfig(config({ clusters, manifests: ["a/", "b.yaml"], renderDirectory: "out/dev", propagation: { karmada: { context: "karmada-apiserver" } } }), NS), {
            clusters,
            manifests: ["a/", "b.yaml"],
            renderDirectory: "out/dev",
            propagation: { karmada: { context: "karmada-apiserver" } },
        });
        assert.deepEqual(checkStackConfig(config({ clusters: [], manifests: [], propagation: { karmada: {} } }), NS), { clusters: [], manifests: [], propagation: { karmada: {} } });
        assert.deepEqual(checkStackConfig(config({ health: { probe: true, failureThreshold: 2 } }), NS), { health: { probe: true, failureThreshold: 2 } });
        // The key's namespace is the project's, whatever it is called.
        assert.deepEqual(checkStackConfig({ "my-fleet:manifests": "fleet/" }, "my-fleet"), { manifests: ["fleet/"] });
    });

    it("takes manifests as one path (as `pulumi config set` writes it) or a list, renderDirectory as text", () => {
        assert.deepEqual(checkStackConfig(config({ manifests: "examples/kubefed-redis/" }), NS), { manifests: ["examples/kubefed-redis/"] });
        assert.deepEqual(checkStackConfig(config({ manifests: JSON.stringify("quoted/") }), NS), { manifests: ["quoted/"] });
        assert.deepEqual(checkStackConfig(config({ renderDirectory: "2024" }), NS), { renderDirectory: "2024" });
        assert.deepEqual(checkStackConfig(config({ renderDirectory: "/abs/out dir" }), NS), { renderDirectory: "/abs/out dir" });
    });

    it("refuses an unknown key in the namespace, naming it with the key it is near", () => {
        const cases: Array<[Record<string, string>, string]> = [
            [config({ clustrs: [] }), `stack config: unknown key "pulumi-federation:clustrs" (did you mean "pulumi-federation:clusters"?); ${KNOWN}`],
            [config({ manifest: "a/" }), `stack config: unknown key "pulumi-federation:manifest" (did you mean "pulumi-federation:manifests"?); ${KNOWN}`],
            [config({ renderdirectory: "x" }), `stack config: unknown key "pulumi-federation:renderdirectory" (did you mean "pulumi-federation:renderDirectory"?); ${KNOWN}`],
            [config({ propogation: {} }), `stack config: unknown key "pulumi-federation:propogation" (did you mean "pulumi-federation:propagation"?); ${KNOWN}`],
            [config({ region: "eu" }), `stack config: unknown key "pulumi-federation:region"; ${KNOWN}`],
            // Hostile keys are unknown keys like any other (no prototype lookups).
            [config({ ["__proto__"]: "x" }), `stack config: unknown key "pulumi-federation:__proto__"; ${KNOWN}`],
            [config({ constructor: "x" }), `stack config: unknown key "pulumi-federation:constructor"; ${KNOWN}`],
            [config({ hasOwnProperty: "x" }), `stack config: unknown key "pulumi-federation:hasOwnProperty"; ${KNOWN}`],
            [config({ "": "x" }), `stack config: unknown key "pulumi-federation:"; ${KNOWN}`],
            [{ ...config({ clusters: [] }), ...config({ a: 1, clustrs: 2 }) }, `stack config: unknown key "pulumi-federation:a", unknown key "pulumi-federation:clustrs" (did you mean "pulumi-federation:clusters"?); ${KNOWN}`],
        ];
        for (const [all, message] of cases) assert.equal(refusal(all), message);
    });

    it("refuses every wrong shape, naming the key and the field", () => {
        const cases: Array<[Record<string, unknown>, string]> = [
            // clusters: a list of objects; labels an object (the program merges them; validateMembers checks the rest).
            [{ clusters: { name: "a" } }, "stack config pulumi-federation:clusters: must be a list of member clusters ({ name, labels?, context? or kubeconfig?, host?, ... }), got an object"],
            [{ clusters: "cluster1" }, "stack config pulumi-federation:clusters: must be a list of member clusters ({ name, labels?, context? or kubeconfig?, host?, ... }), got a string of 8 characters"],
            [{ clusters: null }, "stack config pulumi-federation:clusters: must be a list of member clusters ({ name, labels?, context? or kubeconfig?, host?, ... }), got null"],
            [{ clusters: 3 }, "stack config pulumi-federation:clusters: must be a list of member clusters ({ name, labels?, context? or kubeconfig?, host?, ... }), got number 3"],
            [{ clusters: [{ name: "a" }, null] }, "stack config pulumi-federation:clusters, field clusters[1]: must be an object with at least a name, got null"],
            [{ clusters: [["a"]] }, "stack config pulumi-federation:clusters, field clusters[0]: must be an object with at least a name, got an array"],
            [{ clusters: ["cluster1"] }, "stack config pulumi-federation:clusters, field clusters[0]: must be an object with at least a name, got a string of 8 characters"],
            [{ clusters: [{ name: "a", labels: "region=eu" }] }, "stack config pulumi-federation:clusters, field clusters[0].labels: must be an object of label -> value, got a string of 9 characters"],
            [{ clusters: [{ name: "a", labels: ["eu"] }] }, "stack config pulumi-federation:clusters, field clusters[0].labels: must be an object of label -> value, got an array"],
            [{ clusters: [{ name: "a", labels: null }] }, "stack config pulumi-federation:clusters, field clusters[0].labels: must be an object of label -> value, got null"],
            // health: an object (its fields are the Federation's health, checked by it).
            [{ health: true }, "stack config pulumi-federation:health: must be an object such as { probe: true }, got boolean true"],
            [{ health: [] }, "stack config pulumi-federation:health: must be an object such as { probe: true }, got an array"],
            // manifests: a path or a list of paths.
            [{ manifests: 42 }, "stack config pulumi-federation:manifests: must be a manifest file or folder, or a list of them, got number 42"],
            [{ manifests: true }, "stack config pulumi-federation:manifests: must be a manifest file or folder, or a list of them, got boolean true"],
            [{ manifests: null }, "stack config pulumi-federation:manifests: must be a manifest file or folder, or a list of them, got null"],
            [{ manifests: { path: "a/" } }, "stack config pulumi-federation:manifests: must be a manifest file or folder, or a list of them, got an object"],
            [{ manifests: ["a/", 7] }, "stack config pulumi-federation:manifests, field [1]: must be a path to a manifest file or folder, got number 7"],
            [{ manifests: [["a/"]] }, "stack config pulumi-federation:manifests, field [0]: must be a path to a manifest file or folder, got an array"],
            [{ manifests: ["a/", " "] }, "stack config pulumi-federation:manifests, field [1]: must not be empty (a path to a manifest file or folder)"],
            [{ manifests: "" }, "stack config pulumi-federation:manifests: must not be empty (a path to a manifest file or folder)"],
            // renderDirectory: a folder.
            [{ renderDirectory: ["out"] }, "stack config pulumi-federation:renderDirectory: must be a folder (a string), got an array"],
            [{ renderDirectory: { dir: "out" } }, "stack config pulumi-federation:renderDirectory: must be a folder (a string), got an object"],
            [{ renderDirectory: false }, "stack config pulumi-federation:renderDirectory: must be a folder (a string), got boolean false"],
            [{ renderDirectory: null }, "stack config pulumi-federation:renderDirectory: must be a folder (a string), got null"],
            [{ renderDirectory: "" }, "stack config pulumi-federation:renderDirectory: must not be empty (leave it out for rendered/<stack>)"],
            // propagation: exactly { karmada: {...} }.
            [{ propagation: { karmda: {} } }, `stack config pulumi-federation:propagation: unknown key "karmda" (did you mean "karmada"?)`],
            [{ propagation: { karmada: {}, Karmada: {} } }, `stack config pulumi-federation:propagation: unknown key "Karmada" (did you mean "karmada"?)`],
            [{ propagation: { kubefed: {} } }, `stack config pulumi-federation:propagation: unknown key "kubefed" (the one key is "karmada": { karmada: { context?, kubeconfig?, namespace?, ... } } (leave the key out to push to the members))`],
            [{ propagation: {} }, `stack config pulumi-federation:propagation: must be { karmada: { context?, kubeconfig?, namespace?, ... } } (leave the key out to push to the members): "karmada" is missing`],
            [{ propagation: false }, "stack config pulumi-federation:propagation: must be { karmada: { context?, kubeconfig?, namespace?, ... } } (leave the key out to push to the members), got boolean false"],
            [{ propagation: [] }, "stack config pulumi-federation:propagation: must be { karmada: { context?, kubeconfig?, namespace?, ... } } (leave the key out to push to the members), got an array"],
            [{ propagation: null }, "stack config pulumi-federation:propagation: must be { karmada: { context?, kubeconfig?, namespace?, ... } } (leave the key out to push to the members), got null"],
            [{ propagation: "karmada" }, "stack config pulumi-federation:propagation: must be { karmada: { context?, kubeconfig?, namespace?, ... } } (leave the key out to push to the members), got a string of 7 characters"],
            [{ propagation: { karmada: null } }, "stack config pulumi-federation:propagation, field karmada: must be an object of the Karmada API server's context or kubeconfig and Karmada mode options (may be empty: {}), got null"],
            [{ propagation: { karmada: true } }, "stack config pulumi-federation:propagation, field karmada: must be an object of the Karmada API server's context or kubeconfig and Karmada mode options (may be empty: {}), got boolean true"],
            [{ propagation: { karmada: ["karmada-apiserver"] } }, "stack config pulumi-federation:propagation, field karmada: must be an object of the Karmada API server's context or kubeconfig and Karmada mode options (may be empty: {}), got an array"],
            [{ propagation: { karmada: { providerOptions: "x" } } }, "stack config pulumi-federation:propagation, field karmada.providerOptions: must be an object of @pulumi/kubernetes provider options, got a string of 1 character"],
        ];
        for (const [values, message] of cases) assert.equal(refusal(config(values)), message, JSON.stringify(values));
    });

    it("reads hostile JSON keys as keys: __proto__ is an unknown key, never a prototype", () => {
        const hostile = `{"__proto__": {"karmada": {}}}`;
        assert.equal(refusal({ [`${NS}:propagation`]: hostile }), `stack config pulumi-federation:propagation: unknown key "__proto__" (the one key is "karmada": { karmada: { context?, kubeconfig?, namespace?, ... } } (leave the key out to push to the members))`);
        assert.match(refusal({ [`${NS}:propagation`]: `{"karmada": {}, "__proto__": {}}` }), /^stack config pulumi-federation:propagation: unknown key "__proto__" /);
        // A member's own __proto__ key is left for validateMembers (an unknown member field); nothing is polluted.
        const read = checkStackConfig({ [`${NS}:clusters`]: `[{"name": "a", "__proto__": {"host": true}}]` }, NS);
        assert.deepEqual(Object.keys(read.clusters![0]), ["name", "__proto__"]);
        assert.equal((read.clusters![0] as { host?: unknown }).host, undefined);
        assert.equal(({} as { host?: unknown }).host, undefined);
    });

    // Bounded work is what is asserted (one pass, short messages), never a wall-clock limit: the machine is shared.
    it("keeps its messages short on huge input, and reads long lists in one pass", () => {
        const longKey = "k".repeat(1_000_000);
        const message = refusal(config({ [longKey]: "x" }));
        assert.ok(message.length < 600, `${message.length} characters`);
        assert.match(message, /^stack config: unknown key "pulumi-federation:k{82}"\.\.\. \(1000018 characters\); /);
        const many = refusal(Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`${NS}:key${i}`, "x"])));
        assert.match(many, /unknown key "pulumi-federation:key4", and 49995 more; /);
        assert.ok(many.length < 1000, `${many.length} characters`);
        // A long list is read in one pass; the first bad entry is named.
        const members = Array.from({ length: 100_000 }, (_, i) => ({ name: `m${i}` }));
        assert.equal(checkStackConfig(config({ clusters: members }), NS).clusters!.length, 100_000);
        assert.match(refusal(config({ clusters: [...members, 5] })), /field clusters\[100000\]: must be an object/);
        // A long text value is described by its length, never echoed.
        assert.equal(refusal(config({ propagation: "x".repeat(5_000_000) })), "stack config pulumi-federation:propagation: must be { karmada: { context?, kubeconfig?, namespace?, ... } } (leave the key out to push to the members), got a string of 5000000 characters");
    });
});

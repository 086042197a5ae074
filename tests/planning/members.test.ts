import { strict as assert } from "assert";
import { MemberInfo, validateMembers, withRenderDirectory } from "../../components/planning/members";
import { assertFederationError, ExpectedError } from "./helpers";

const OWNER = 'Federation "fleet"';

describe("planning/members: validateMembers", () => {
    const cases: { name: string; members: MemberInfo[]; error?: ExpectedError }[] = [
        { name: "accepts an empty federation", members: [] },
        {
            name: "accepts DNS-1123 names, string labels and one host",
            members: [{ name: "us-east-1", labels: { region: "us" }, host: true }, { name: "0eu", host: false }, { name: "a" }],
        },
        { name: "accepts a 63-character name", members: [{ name: "a".repeat(63) }] },
        {
            name: "rejects upper case",
            members: [{ name: "ok" }, { name: "UsEast" }],
            error: { resource: OWNER, field: "clusters[1].name", message: '"UsEast" is not a DNS-1123 label' },
        },
        {
            name: "rejects an underscore",
            members: [{ name: "us_east" }],
            error: { resource: OWNER, field: "clusters[0].name", message: '"us_east" is not a DNS-1123 label' },
        },
        {
            name: "rejects a dot (a subdomain is not a label)",
            members: [{ name: "us.east" }],
            error: { resource: OWNER, field: "clusters[0].name", message: '"us.east" is not a DNS-1123 label' },
        },
        {
            name: "rejects a 64-character name",
            members: [{ name: "b".repeat(64) }],
            error: { resource: OWNER, field: "clusters[0].name", message: "is longer than 63 characters" },
        },
        {
            name: "rejects an empty name",
            members: [{ name: "" }],
            error: { resource: OWNER, field: "clusters[0].name", message: "member cluster name must not be empty" },
        },
        {
            name: "rejects a leading '-'",
            members: [{ name: "-east" }],
            error: { resource: OWNER, field: "clusters[0].name", message: '"-east" is not a DNS-1123 label' },
        },
        {
            name: "rejects a trailing '-'",
            members: [{ name: "east-" }],
            error: { resource: OWNER, field: "clusters[0].name", message: '"east-" is not a DNS-1123 label' },
        },
        {
            name: "rejects a missing name",
            members: [{} as MemberInfo],
            error: { resource: OWNER, field: "clusters[0].name", message: "must be a string" },
        },
        {
            name: "rejects a duplicate name, naming the cluster and the earlier index",
            members: [{ name: "east" }, { name: "west" }, { name: "east" }],
            error: { resource: OWNER, cluster: "east", field: "clusters[2].name", message: "duplicate member cluster name (also clusters[0].name)" },
        },
        {
            name: "rejects a second host",
            members: [{ name: "east", host: true }, { name: "west" }, { name: "north", host: true }],
            error: { resource: OWNER, cluster: "north", field: "clusters[2].host", message: 'only one member can be the host cluster, and "east" already is' },
        },
        {
            name: "rejects a non-boolean host flag",
            members: [{ name: "east", host: "yes" as unknown as boolean }],
            error: { resource: OWNER, cluster: "east", field: "clusters[0].host", message: 'must be true or false, got string "yes"' },
        },
        {
            name: "rejects a non-string label value",
            members: [{ name: "east", labels: { region: "us", gpus: 4 as unknown as string } }],
            error: { resource: OWNER, cluster: "east", field: 'clusters[0].labels["gpus"]', message: "label values are strings, got number 4" },
        },
        {
            name: "rejects labels that are a list",
            members: [{ name: "east", labels: ["region=us"] as unknown as Record<string, string> }],
            error: { resource: OWNER, cluster: "east", field: "clusters[0].labels", message: "must be an object of label -> value, got an array" },
        },
        {
            name: "rejects a member that is not an object",
            members: [{ name: "east" }, "west" as unknown as MemberInfo],
            error: { resource: OWNER, field: "clusters[1]", message: "must be an object with at least a name" },
        },
        {
            name: "rejects a member list that is not a list",
            members: { name: "east" } as unknown as MemberInfo[],
            error: { resource: OWNER, field: "clusters", message: "must be a list of member clusters" },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            if (c.error) assertFederationError(() => validateMembers(c.members, OWNER), c.error);
            else assert.equal(validateMembers(c.members, OWNER), undefined);
        });
    }
});

describe("withRenderDirectory: members that cannot reach a cluster render to <renderDirectory>/<member>/", () => {
    const owner = 'Federation "fleet"';
    const render = (members: Array<{ name: string; context?: string; kubeconfig?: string; providerOptions?: object }>, directory: unknown, federationKubeconfig?: string) =>
        withRenderDirectory(members, directory, federationKubeconfig, owner).map((m) => [m.name, (m.providerOptions as { renderYamlToDirectory?: string } | undefined)?.renderYamlToDirectory]);
    const cases: Array<[string, Parameters<typeof render>, Array<[string, string | undefined]>]> = [
        ["no renderDirectory: nothing changes", [[{ name: "a" }], undefined], [["a", undefined]]],
        ["a member with no context renders, one with a context deploys", [[{ name: "a" }, { name: "b", context: "ctx-b" }], "rendered/dev"], [["a", "rendered/dev/a"], ["b", undefined]]],
        ["a member's own kubeconfig deploys", [[{ name: "a", kubeconfig: "/k.yaml" }], "out"], [["a", undefined]]],
        ["a member's own render directory wins", [[{ name: "a", providerOptions: { renderYamlToDirectory: "mine" } }], "out"], [["a", "mine"]]],
        ["a federation kubeconfig reaches every member: none renders", [[{ name: "a" }], "out", "/fleet.yaml"], [["a", undefined]]],
        ["a trailing slash is not doubled", [[{ name: "a" }], "out/"], [["a", "out/a"]]],
    ];
    for (const [title, args, expected] of cases) it(title, () => assert.deepEqual(render(...args), expected));

    it("keeps the member's other provider options", () => {
        const [member] = withRenderDirectory([{ name: "a", providerOptions: { enableServerSideApply: true } }], "out", undefined, owner);
        assert.deepEqual(member.providerOptions, { enableServerSideApply: true, renderYamlToDirectory: "out/a" });
    });

    for (const bad of ["", "  ", 42, {}]) {
        it(`refuses renderDirectory ${JSON.stringify(bad)}, naming the field`, () => {
            assert.throws(() => withRenderDirectory([{ name: "a" }], bad, undefined, owner), /Federation "fleet", field renderDirectory: must be a folder/);
        });
    }
});

describe("validateMembers: member labels follow Kubernetes' label rules (what selectors match)", () => {
    const cases: Array<[string, Record<string, string>, RegExp]> = [
        ["a key with a space", { "my region": "eu" }, /field clusters\[0\]\.labels\["my region"\]: "my region" is not a valid label key/],
        ["a key with an upper-case prefix", { "Example.com/region": "eu" }, /is not a valid label key: the prefix "Example\.com"/],
        ["a value of 64 characters", { region: "e".repeat(64) }, /field clusters\[0\]\.labels\["region"\]: .* is not a valid label value: it is longer than 63 characters/],
        ["a value ending in '-'", { region: "eu-" }, /"eu-" is not a valid label value/],
    ];
    for (const [what, labels, message] of cases) {
        it(`refuses ${what}, naming the member and the label`, () => {
            assert.throws(() => validateMembers([{ name: "a", labels }], 'Federation "fleet"'), (error: Error) => message.test(error.message) && /cluster "a"/.test(error.message));
        });
    }
    it("takes prefixed keys, empty values and the topology labels", () => {
        validateMembers([{ name: "a", labels: { "topology.kubernetes.io/region": "eu-west-1", tier: "", "example.com/team_a": "x.y_z" } }], 'Federation "fleet"');
    });
});

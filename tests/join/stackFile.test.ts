/** join and unjoin edit the stack's config file: one entry added or removed, comments and order kept. */
import { strict as assert } from "assert";
import { listedMembers, withMember, withoutMember } from "../../components/join/stackFile";

const FILE = `# The fleet.
config:
  # members, joined by pulumi-federation join
  fleet:clusters:
    - name: eu        # the first
      context: kind-eu
  fleet:manifests: examples/   # the YAML
  other:key: value
`;

describe("join/stackFile: the members list edited in place", () => {
    it("appends a member after the others, keeping every comment and the other keys", () => {
        const { text, index } = withMember(FILE, "fleet", { name: "us", context: "kind-us", labels: { region: "us" }, host: true });
        assert.equal(index, 1);
        assert.equal(text, `# The fleet.
config:
  # members, joined by pulumi-federation join
  fleet:clusters:
    - name: eu # the first
      context: kind-eu
    - name: us
      context: kind-us
      labels:
        region: us
      host: true
  fleet:manifests: examples/ # the YAML
  other:key: value
`);
        assert.deepEqual(listedMembers(text, "fleet").map((m) => [m.name, m.context]), [["eu", "kind-eu"], ["us", "kind-us"]]);
    });

    it("creates the list, and the config block, when there is none", () => {
        assert.equal(withMember("", "fleet", { name: "eu", context: "kind-eu" }).text, "config:\n  fleet:clusters:\n    - name: eu\n      context: kind-eu\n");
        assert.equal(withMember("config:\n  other:key: 1\n", "fleet", { name: "eu", kubeconfig: "/home/me/.kube/eu" }).text, "config:\n  other:key: 1\n  fleet:clusters:\n    - name: eu\n      kubeconfig: /home/me/.kube/eu\n");
    });

    it("removes the member named, and only it; undefined when there is none", () => {
        const joined = withMember(FILE, "fleet", { name: "us", context: "kind-us" }).text;
        const removed = withoutMember(joined, "fleet", "eu")!;
        assert.deepEqual(listedMembers(removed, "fleet").map((m) => m.name), ["us"]);
        assert.match(removed, /# members, joined by pulumi-federation join/);
        assert.equal(withoutMember(FILE, "fleet", "ap"), undefined);
        assert.equal(withoutMember("config: {}\n", "fleet", "eu"), undefined);
    });

    it("refuses a members list that is not a list, and text that is not YAML", () => {
        assert.throws(() => withMember("config:\n  fleet:clusters: eu\n", "fleet", { name: "us" }), /stack config fleet:clusters: must be a list of member clusters/);
        assert.throws(() => withMember("config: [\n", "fleet", { name: "us" }), /stack config file: cannot be read as YAML/);
    });
});

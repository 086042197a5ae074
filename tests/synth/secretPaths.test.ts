/**
 * Synth masks secrets whatever their key (issue 10, class 11): the record of secret paths in a
 * rendered file survives keys with spaces, newlines, "~" and "/".
 */
import { strict as assert } from "assert";
import { secretPathsIn, toYaml } from "../../components/synth/render";
import { stackOutputLines } from "../../components/synth/outputs";

describe("synth: the secret paths header", () => {
    const table: Array<{ name: string; paths: string[] }> = [
        { name: "a key with a space", paths: ["/data/my key"] },
        { name: "a key with a newline", paths: ["/data/line\nbreak"] },
        { name: "keys with ~ and / (escaped as ~0 and ~1 in the pointer)", paths: ["/data/a~0b", "/metadata/annotations/example.com~1secret"] },
        { name: "the whole object", paths: [""] },
        { name: "a key that looks like JSON", paths: ['/data/["x"]', "/data/ "] },
    ];
    for (const c of table) {
        it(`keeps ${c.name}`, () => {
            const text = toYaml({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: { k: "v" } }, c.paths);
            assert.equal(text.split("\n")[0].startsWith("# pulumi-federation secret paths: "), true);
            assert.ok(!text.split("\n")[1].startsWith("#"), "the header is one line");
            assert.deepEqual(secretPathsIn(text), [...c.paths].sort());
        });
    }

    it("still reads the space-separated header earlier versions wrote", () => {
        assert.deepEqual(secretPathsIn("# pulumi-federation secret paths: / /spec/replicas\napiVersion: v1\n"), ["", "/spec/replicas"]);
    });

    it("a file without the header has no secret paths", () => {
        assert.deepEqual(secretPathsIn("apiVersion: v1\nkind: ConfigMap\n"), []);
    });
});

describe("synth: stack outputs", () => {
    it("prints every output of the stack, secret values (whole or nested) masked", () => {
        const stack = {
            type: "pulumi:pulumi:Stack", name: "p-dev", urn: "urn", parent: "", provider: "", dependencies: [], custom: false, inputs: {}, secretPaths: [], retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [],
            outputs: { endpoint: "https://x", token: "s3cr3t-token", nested: { user: "u", password: "pw-9" } },
            outputSecretPaths: ["/token", "/nested/password"],
        };
        const lines = stackOutputLines({ registrations: [stack], warnings: [], infos: [] });
        assert.deepEqual(lines, ["Stack outputs:", '  endpoint: "https://x"', '  nested: {"user":"u","password":"[secret]"}', '  token: "[secret]"']);
        assert.deepEqual(stackOutputLines({ registrations: [], warnings: [], infos: [] }), []);
    });
});

/**
 * What synth and the commands print is safe for a terminal (issue 25, class 9): a name with
 * control characters (an escape sequence, a carriage return, a bidi override) is shown escaped in
 * every table, diff line and error location; and a value appended to a list that holds a secret is
 * masked in the diff like the list's other items (class 3).
 */
import { strict as assert } from "assert";
import { FederationError, printable } from "../../components/errors";
import { clusterTables, diffReport, touchesSecret } from "../../components/synth/report";
import { SynthObject } from "../../components/synth/objects";

const HOSTILE: Array<[string, string, string]> = [
    ["an ANSI escape sequence", "web\u001b[31mred\u001b[0m", "web\\x1b[31mred\\x1b[0m"],
    ["a carriage return that would overwrite the line", "safe\rEVIL", "safe\\x0dEVIL"],
    ["a newline that would fake a line", "a\nb", "a\\x0ab"],
    ["a right-to-left override", "abc\u202Egpj.exe", "abc\\u202egpj.exe"],
    ["a C1 control", "x\u009by", "x\\x9by"],
    ["DEL", "x\u007fy", "x\\x7fy"],
];

describe("terminal output: names are printed escaped", () => {
    for (const [what, raw, shown] of HOSTILE) {
        it(`printable escapes ${what}`, () => assert.equal(printable(raw), shown));

        it(`a table and a diff show a name with ${what} escaped, on one line`, () => {
            const object: SynthObject = { cluster: raw, apiVersion: "v1", kind: "ConfigMap", namespace: raw, name: raw, file: "x.yaml", object: { kind: "ConfigMap", metadata: { name: raw, namespace: raw } }, secretPaths: [], overridesApplied: [] };
            const table = clusterTables([raw], [object]);
            const diff = diffReport([{ cluster: raw, changes: [{ file: "x.yaml", change: "added", fields: [], object: object.object, secretPaths: [] }] }]);
            for (const text of [table, diff]) {
                assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/, text);
                assert.ok(text.includes(shown), text);
            }
            assert.equal(diff.split("\n").length, 2, "the cluster line and the object line");
        });

        it(`an error's location shows a cluster with ${what} escaped`, () => {
            const error = new FederationError({ resource: `FederatedConfigMap "${raw}"`, cluster: raw, field: `overrides[0].${raw}` }, "is wrong");
            assert.doesNotMatch(error.message, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
            assert.ok(error.message.includes(`cluster "${shown}"`), error.message);
        });
    }

    it("keeps newlines and tabs only where asked (text of several lines)", () => {
        assert.equal(printable("a\n\tb\u001b", true), "a\n\tb\\x1b");
        assert.equal(printable("plain name-1.2_x"), "plain name-1.2_x");
    });
});

describe("secrets in the diff: an append to a list that holds a secret", () => {
    const cases: Array<[string, string[], boolean]> = [
        ["/spec/env/-", ["/spec/env/0/value"], true],
        ["/spec/env/-", ["/spec/env"], true],
        ["/spec/env/-", ["/spec/other/0"], false],
        ["/data/-", [], false],
    ];
    for (const [path, secrets, masked] of cases) {
        it(`${path} with secret paths ${JSON.stringify(secrets)} is ${masked ? "masked" : "shown"}`, () => assert.equal(touchesSecret(path, secrets), masked));
    }

    it("the diff line of such an append shows [secret], not the value", () => {
        const object = { kind: "ConfigMap", metadata: { name: "x" } };
        const text = diffReport([{ cluster: "a", changes: [{ file: "x.yaml", change: "changed", fields: [{ op: "add", path: "/spec/env/-", after: { value: "hunter2" } }], object, secretPaths: ["/spec/env/0/value"] }] }]);
        assert.doesNotMatch(text, /hunter2/);
        assert.match(text, /\+ \/spec\/env\/-: \[secret\]/);
    });
});

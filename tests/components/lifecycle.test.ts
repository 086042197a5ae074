/**
 * What a change deletes. Pulumi deletes the resources a program no longer registers (and shows
 * them as deletes in preview), except those whose last state says retainOnDelete. These tests
 * run a program before and after a change and compare what was registered, as the engine does.
 */
import { strict as assert } from "assert";
import * as fed from "../../components";
import { Run, runProgram } from "../harness";

const template = () => ({ data: { a: "1" } });

function byUrn(run: Run) {
    assert.equal(run.error, undefined, String(run.error));
    return new Map(run.resources.map((r) => [r.urn, r]));
}

/** The registrations of `before` that `after` no longer has: what the update deletes (or forgets). */
function removed(before: Run, after: Run) {
    const now = byUrn(after);
    return [...byUrn(before).values()].filter((r) => !now.has(r.urn));
}

describe("deletes and orphaning", () => {
    const fleet = (names: string[], orphanMember?: string) => names.map((name) => ({ name, orphan: name === orphanMember }));

    it("removing a member deletes exactly its objects, provider and member component", async () => {
        const program = (names: string[]) => () => {
            const federation = new fed.Federation("fleet", { clusters: fleet(names) });
            new fed.FederatedConfigMap("cfg", { federation, template: template(), placement: { clusterSelector: {} } });
        };
        const gone = removed(await runProgram(program(["a", "b", "c"])), await runProgram(program(["a", "b"])));
        assert.deepEqual(gone.map((r) => `${r.type} ${r.name}`).sort(), [
            "federation:index:MemberCluster fleet-c",
            "kubernetes:core/v1:ConfigMap cfg-c",
            "pulumi:providers:kubernetes fleet-c",
        ]);
        assert.ok(gone.every((r) => !r.retainOnDelete));
    });

    it("an orphan member's objects carry retainOnDelete, so removing the member leaves them in the cluster", async () => {
        const program = (names: string[]) => () => {
            const federation = new fed.Federation("fleet", { clusters: fleet(names, "c") });
            new fed.FederatedConfigMap("cfg", { federation, template: template(), placement: { clusterSelector: {} } });
        };
        const gone = removed(await runProgram(program(["a", "b", "c"])), await runProgram(program(["a", "b"])));
        assert.deepEqual(gone.filter((r) => r.type.startsWith("kubernetes:")).map((r) => [r.name, r.retainOnDelete]), [["cfg-c", true]]);
    });

    it("shrinking a placement deletes the object on the dropped cluster only; orphan: true retains it", async () => {
        const program = (clusters: string[], orphan?: boolean) => () => {
            const federation = new fed.Federation("fleet", { clusters: fleet(["a", "b", "c"]) });
            new fed.FederatedConfigMap("cfg", { federation, template: template(), placement: { clusters }, orphan });
        };
        const plain = removed(await runProgram(program(["a", "b"])), await runProgram(program(["a"])));
        assert.deepEqual(plain.map((r) => [r.name, r.retainOnDelete]), [["cfg-b", false]]);
        const orphaned = removed(await runProgram(program(["a", "b"], true)), await runProgram(program(["a"], true)));
        assert.deepEqual(orphaned.map((r) => [r.name, r.retainOnDelete]), [["cfg-b", true]]);
    });
});

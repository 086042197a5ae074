/**
 * Per-cluster objects register without the stack trace the SDK would record for them (it would
 * name only the package's registration turn); the components a program declares keep theirs, and
 * every other stack formats as before (recordedStack.ts).
 */
import { strict as assert } from "assert";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FederatedConfigMap, FederatedNamespace, Federation } from "../../components";
import { withoutRecordedStacks } from "../../components/resources/recordedStack";
import { runProgram } from "../harness";

/** The SDK's own capture, as its Resource constructor calls it. */
const sdkCapture = () => (pulumi.Resource as unknown as { callsites(): unknown[] }).callsites();
const v8 = Error as unknown as { prepareStackTrace?: (error: Error, frames: NodeJS.CallSite[]) => unknown };

describe("recorded stacks", () => {
    it("per-cluster objects are sent with no stack frames, components and the program's own resources with theirs", async () => {
        let read: Record<string, pulumi.Resource> = {};
        const run = await runProgram(() => {
            const federation = new Federation("fleet", { clusters: [{ name: "a" }, { name: "b" }] });
            const apps = new FederatedNamespace("apps", { federation, placement: { clusterSelector: {} } });
            new FederatedConfigMap("queued", { federation, namespace: apps, template: { data: { k: "v" } }, placement: { clusterSelector: {} } });
            // Registered at once, from the program's stack, by reading `resources`.
            read = new FederatedConfigMap("read", { federation, namespace: apps, template: { data: { k: "v" } }, placement: { clusterSelector: {} } }).resources;
            new k8s.core.v1.ConfigMap("own", { metadata: { namespace: "apps" }, data: { k: "v" } }, { provider: federation.members.a.provider });
        });
        assert.equal(run.error, undefined);
        assert.deepEqual(Object.keys(read), ["a", "b"]);
        const frames = (type: string, name: string) => run.named(name, type).stackFrames;
        for (const name of ["queued-a", "queued-b", "read-a", "read-b"]) assert.equal(frames("kubernetes:core/v1:ConfigMap", name), 0, name);
        for (const name of ["apps-a", "apps-b"]) assert.equal(frames("kubernetes:core/v1:Namespace", name), 0, name);
        assert.ok(frames("kubernetes:core/v1:ConfigMap", "own")! > 0, "the program's own resource keeps its stack");
        assert.ok(frames("federation:index:FederatedConfigMap", "queued")! > 0, "a component keeps the program's line");
        assert.ok(frames("federation:index:Federation", "fleet")! > 0);
    });

    it("empties only the SDK's capture: other stacks keep their frames, through the installed formatter", () => {
        const before = v8.prepareStackTrace;
        let formatted = 0;
        v8.prepareStackTrace = (error, frames) => { formatted++; return `${error.message}|${frames.length}`; };
        try {
            const inside = withoutRecordedStacks(() => ({ sdk: sdkCapture(), other: new Error("kept").stack }));
            assert.deepEqual(inside.sdk, []);
            assert.match(inside.other ?? "", /^kept\|[1-9]/);
            assert.equal(formatted, 1);
            sdkCapture();
            assert.equal(formatted, 2, "outside, the SDK's capture goes to the formatter as before");
        } finally {
            v8.prepareStackTrace = before;
        }
    });

    it("with no formatter installed, other stacks keep V8's format, and none is left installed after", () => {
        const before = v8.prepareStackTrace;
        delete v8.prepareStackTrace;
        try {
            const stack = withoutRecordedStacks(() => new TypeError("plain").stack ?? "");
            assert.match(stack, /^TypeError: plain\n {4}at /);
            assert.equal(Object.prototype.hasOwnProperty.call(Error, "prepareStackTrace"), false);
        } finally {
            if (before) v8.prepareStackTrace = before;
        }
    });

    it("keeps a formatter installed during the registration, and a wrapper kept past it passes everything through", () => {
        const before = v8.prepareStackTrace;
        let kept: typeof before;
        const later = (error: Error) => `later ${error.message}`;
        try {
            withoutRecordedStacks(() => {
                kept = v8.prepareStackTrace;
                v8.prepareStackTrace = later;
            });
            assert.equal(v8.prepareStackTrace, later, "the formatter installed meanwhile stays");
            v8.prepareStackTrace = kept;
            assert.ok(sdkCapture().length > 0, "outside the window, the SDK's capture keeps its frames");
        } finally {
            v8.prepareStackTrace = before;
        }
    });

    it("restores the formatter when the registration throws", () => {
        const before = v8.prepareStackTrace;
        assert.throws(() => withoutRecordedStacks(() => { throw new Error("refused"); }), /refused/);
        assert.equal(v8.prepareStackTrace, before);
    });
});

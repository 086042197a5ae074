/**
 * The reconcile loop against a fake stack (the operations recorded, no Pulumi CLI): a pass with
 * nothing to do changes nothing; drift or a change of a member's readiness runs `pulumi up`; a
 * member that does not answer is left out of the preview and the refresh; a dry run only
 * reports; a failed update is retried at the next pass; a locked stack is waited for; a cancel
 * reaches the running operation; and the loop runs once, or until it is stopped. No test here
 * depends on how fast the machine is: every wait ends on a signal or is a few milliseconds.
 */
import { strict as assert } from "assert";
import { PlannedStep } from "../../components/reconcile/drift";
import { PassReport, ReconcileOperations, ReconcileOptions, Reconciler, StackLockedError, pause, reconcileLoop } from "../../components/reconcile/loop";
import { StackState, StateMember, StateResource, readStackState } from "../../components/reconcile/stackState";

const PREFIX = "urn:pulumi:dev::fleet::";
const FEDERATION = `${PREFIX}federation:index:Federation::fleet`;
const memberUrn = (name: string) => `${PREFIX}federation:index:Federation$federation:index:MemberCluster::${name}-member`;
const providerOf = (name: string) => `${PREFIX}federation:index:Federation$federation:index:MemberCluster$pulumi:providers:kubernetes::${name}-provider`;
const objectUrn = (name: string) => `${PREFIX}federation:index:Federation$federation:index:FederatedConfigMap$kubernetes:core/v1:ConfigMap::${name}`;

/** Members eu and us, two objects each; `lastReady` what the last update planned with. */
function stackState(lastReady: Record<string, string> = {}): StackState {
    return readStackState({
        resources: [
            { urn: FEDERATION, type: "federation:index:Federation", outputs: { members: Object.entries(lastReady).map(([name, ready]) => ({ name, ready })) } },
            ...["eu", "us"].flatMap((name): StateResource[] => [
                { urn: memberUrn(name), type: "federation:index:MemberCluster", parent: FEDERATION, outputs: { name } },
                { urn: providerOf(name), type: "pulumi:providers:kubernetes", id: `${name}-id`, parent: memberUrn(name), inputs: { context: `kind-${name}` } },
                ...["settings", "flags"].map((object): StateResource => ({ urn: objectUrn(`${object}-${name}`), type: "kubernetes:core/v1:ConfigMap", provider: `${providerOf(name)}::${name}-id`, inputs: { kind: "ConfigMap", metadata: { name: `${object}-${name}` } } })),
            ]),
        ],
    });
}

/** A drifted object: settings-eu's data.mode edited in the cluster. */
const DRIFT: PlannedStep[] = [{
    op: "update", urn: objectUrn("settings-eu"), type: "kubernetes:core/v1:ConfigMap", provider: `${providerOf("eu")}::eu-id`,
    old: { inputs: { kind: "ConfigMap", metadata: { name: "settings-eu" }, data: { mode: "debug" } } },
    new: { inputs: { kind: "ConfigMap", metadata: { name: "settings-eu" }, data: { mode: "prod" } } },
    detailedDiff: { "data.mode": { kind: "update" } },
}];

type Call = { op: "state" } | { op: "probe"; member: string } | { op: "preview" | "refresh"; exclude: string[] } | { op: "up"; refresh: boolean };

/** A stack whose every operation is recorded; each can be replaced for a test. */
class FakeStack implements ReconcileOperations {
    calls: Call[] = [];
    /** Whether each member answers (default: yes). */
    answers: Record<string, boolean> = {};
    steps: PlannedStep[] = [];
    onPreview?: (call: number) => void | Promise<void>;
    onRefresh?: () => void | Promise<void>;
    onUp?: (signal: AbortSignal) => void | Promise<void>;
    /** What heldBack answers (default: nothing holds the update back). */
    holdBack?: string;
    private previews = 0;

    constructor(public current: StackState = stackState()) {}

    async state(): Promise<StackState> {
        this.calls.push({ op: "state" });
        return this.current;
    }
    async probe(member: StateMember): Promise<{ ok: boolean; reason?: string }> {
        this.calls.push({ op: "probe", member: member.name });
        return this.answers[member.name] === false ? { ok: false, reason: "connection refused" } : { ok: true };
    }
    async preview(exclude: readonly string[]): Promise<PlannedStep[]> {
        this.calls.push({ op: "preview", exclude: [...exclude] });
        await this.onPreview?.(++this.previews);
        return this.steps;
    }
    async refresh(exclude: readonly string[]): Promise<void> {
        this.calls.push({ op: "refresh", exclude: [...exclude] });
        await this.onRefresh?.();
    }
    async up(refresh: boolean, signal: AbortSignal): Promise<void> {
        this.calls.push({ op: "up", refresh });
        await this.onUp?.(signal);
    }
    async heldBack(): Promise<string | undefined> {
        return this.holdBack;
    }
    /** The operations that change the stack. */
    get writes(): Call[] {
        return this.calls.filter((call) => call.op === "refresh" || call.op === "up");
    }
}

const OPTIONS: ReconcileOptions = { dryRun: false, lockPollSeconds: 0.01 };
const never = () => new AbortController().signal;
const US_OBJECTS = [objectUrn("flags-us"), objectUrn("settings-us")];

describe("reconcile/loop: one pass", () => {
    it("nothing drifted, readiness unchanged: action none, nothing refreshed or updated", async () => {
        const stack = new FakeStack(stackState({ eu: "True", us: "True" }));
        const report = await new Reconciler(stack, OPTIONS).pass(never());
        assert.equal(report.action, "none");
        assert.equal(report.outcome, "ok");
        assert.deepEqual(report.ready, ["eu", "us"]);
        assert.deepEqual(report.notReady, {});
        assert.deepEqual(stack.calls, [{ op: "state" }, { op: "probe", member: "eu" }, { op: "probe", member: "us" }, { op: "preview", exclude: [] }]);
        assert.equal(report.error, undefined);
        assert.equal(report.lockWaitSeconds, 0);
    });

    it("drift, every member answering: pulumi up with a refresh, and no separate refresh", async () => {
        const stack = new FakeStack();
        stack.steps = DRIFT;
        const actions: string[] = [];
        const report = await new Reconciler(stack, { ...OPTIONS, onAction: (action) => actions.push(action) }).pass(never());
        assert.equal(report.action, "up");
        assert.equal(report.outcome, "ok");
        assert.deepEqual(report.drifted, { eu: 1 });
        assert.deepEqual(report.objects.map((entry) => entry.object), ["ConfigMap settings-eu"]);
        assert.deepEqual(stack.writes, [{ op: "up", refresh: true }]);
        assert.deepEqual(actions, ["up"]);
    });

    it("a member that does not answer: its objects left out of the preview and the refresh, then up without refresh", async () => {
        const stack = new FakeStack();
        stack.answers = { us: false };
        stack.steps = DRIFT;
        const report = await new Reconciler(stack, OPTIONS).pass(never());
        assert.deepEqual(report.ready, ["eu"]);
        assert.deepEqual(report.notReady, { us: "connection refused" });
        assert.equal(report.action, "up");
        assert.deepEqual(stack.calls.filter((call) => call.op === "preview"), [{ op: "preview", exclude: US_OBJECTS }]);
        assert.deepEqual(stack.writes, [{ op: "refresh", exclude: US_OBJECTS }, { op: "up", refresh: false }]);
    });

    it("a probe without a reason is reported as not ready", async () => {
        const stack = new FakeStack();
        stack.probe = async () => ({ ok: false });
        const report = await new Reconciler(stack, OPTIONS).pass(never());
        assert.deepEqual(report.notReady, { eu: "not ready", us: "not ready" });
    });

    const dry: Array<{ name: string; lastReady: Record<string, string>; answers: Record<string, boolean>; steps: PlannedStep[] }> = [
        { name: "drift", lastReady: {}, answers: {}, steps: DRIFT },
        { name: "a readiness change", lastReady: { us: "True" }, answers: { us: false }, steps: [] },
    ];
    for (const c of dry) {
        it(`dry run with ${c.name}: action report, never a refresh or an update`, async () => {
            const stack = new FakeStack(stackState(c.lastReady));
            stack.answers = c.answers;
            stack.steps = c.steps;
            const report = await new Reconciler(stack, { ...OPTIONS, dryRun: true }).pass(never());
            assert.equal(report.action, "report");
            assert.equal(report.outcome, "ok");
            assert.deepEqual(stack.writes, []);
        });
    }

    it("a readiness change alone (ready when last updated, not answering now) runs the update", async () => {
        const stack = new FakeStack(stackState({ eu: "True", us: "True" }));
        stack.answers = { us: false };
        const report = await new Reconciler(stack, OPTIONS).pass(never());
        assert.deepEqual(report.objects, []);
        assert.deepEqual(report.readinessChanged, ["us"]);
        assert.equal(report.action, "up");
        assert.deepEqual(stack.writes, [{ op: "refresh", exclude: US_OBJECTS }, { op: "up", refresh: false }]);
    });

    it("a member coming back (not ready when last updated, answering now) runs the update with a refresh", async () => {
        const stack = new FakeStack(stackState({ eu: "True", us: "False" }));
        const report = await new Reconciler(stack, OPTIONS).pass(never());
        assert.deepEqual(report.readinessChanged, ["us"]);
        assert.deepEqual(stack.writes, [{ op: "up", refresh: true }]);
    });

    const unknown: Array<{ name: string; lastReady: Record<string, string> }> = [
        { name: "no readiness in the state", lastReady: {} },
        { name: "an Unknown readiness", lastReady: { us: "Unknown" } },
    ];
    for (const c of unknown) {
        it(`first pass with ${c.name}: a member not answering is no readiness change`, async () => {
            const stack = new FakeStack(stackState(c.lastReady));
            stack.answers = { us: false };
            const report = await new Reconciler(stack, OPTIONS).pass(never());
            assert.deepEqual(report.readinessChanged, []);
            assert.equal(report.action, "none");
            assert.deepEqual(stack.writes, []);
        });
    }

    it("the next pass compares with the previous pass, not with the state", async () => {
        const stack = new FakeStack(stackState({ eu: "False" }));
        const reconciler = new Reconciler(stack, OPTIONS);
        assert.deepEqual((await reconciler.pass(never())).readinessChanged, ["eu"], "False in the state, answering now");
        assert.deepEqual((await reconciler.pass(never())).readinessChanged, []);
        stack.answers = { eu: false };
        const second = await reconciler.pass(never());
        assert.equal(second.pass, 3);
        assert.deepEqual(second.readinessChanged, ["eu"]);
        assert.equal(second.action, "up");
        stack.calls = [];
        const third = await reconciler.pass(never());
        assert.deepEqual(third.readinessChanged, [], "the change was acted on");
        assert.deepEqual(stack.writes, []);
    });

    it("a failed update: outcome failed with the error's last lines; the next pass sees the readiness change again", async () => {
        const stack = new FakeStack(stackState({ eu: "True", us: "True" }));
        stack.answers = { us: false };
        const lines = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`);
        stack.onUp = () => { throw new Error(`${lines.join("\n")}\n\nerror: update failed   \n`); };
        const reconciler = new Reconciler(stack, OPTIONS);
        const first = await reconciler.pass(never());
        assert.equal(first.outcome, "failed");
        assert.equal(first.error, "line 6\nline 7\nline 8\nline 9\nline 10\nerror: update failed");
        assert.deepEqual(first.readinessChanged, ["us"]);
        stack.onUp = undefined;
        const second = await reconciler.pass(never());
        assert.deepEqual(second.readinessChanged, ["us"], "what is known was not updated by the failed pass");
        assert.equal(second.action, "up");
        assert.equal(second.outcome, "ok");
        assert.equal((await reconciler.pass(never())).action, "none");
    });

    it("a failure reading the state: outcome failed, nothing previewed", async () => {
        const stack = new FakeStack();
        stack.state = async () => { throw new Error("the pulumi command is not on PATH"); };
        const report = await new Reconciler(stack, OPTIONS).pass(never());
        assert.equal(report.outcome, "failed");
        assert.equal(report.error, "the pulumi command is not on PATH");
        assert.deepEqual(stack.calls, []);
    });

    it("a thrown non-Error is reported as text", async () => {
        const stack = new FakeStack();
        stack.onPreview = () => { throw "plain text"; };
        const report = await new Reconciler(stack, OPTIONS).pass(never());
        assert.equal(report.outcome, "failed");
        assert.equal(report.error, "plain text");
    });
});

describe("reconcile/loop: a stack locked by another update", () => {
    it("is waited for: preview locked twice, then it runs; told once; the wait is counted", async () => {
        const stack = new FakeStack();
        stack.steps = DRIFT;
        stack.onPreview = (call) => { if (call <= 2) throw new StackLockedError("the stack is currently locked by 1 lock(s)"); };
        const told: string[] = [];
        const report = await new Reconciler(stack, { ...OPTIONS, onLockWait: (operation) => told.push(operation) }).pass(never());
        assert.equal(report.outcome, "ok");
        assert.deepEqual(told, ["preview"]);
        assert.equal(stack.calls.filter((call) => call.op === "preview").length, 3);
        assert.ok(report.lockWaitSeconds > 0, `lockWaitSeconds ${report.lockWaitSeconds}`);
        assert.deepEqual(stack.writes, [{ op: "up", refresh: true }]);
    });

    it("each operation's wait is told: a locked refresh and a locked up", async () => {
        const stack = new FakeStack();
        stack.answers = { us: false };
        stack.steps = DRIFT;
        let refreshes = 0;
        let ups = 0;
        stack.onRefresh = () => { if (++refreshes === 1) throw new StackLockedError("locked"); };
        stack.onUp = () => { if (++ups <= 3) throw new StackLockedError("locked"); };
        const told: string[] = [];
        const report = await new Reconciler(stack, { ...OPTIONS, onLockWait: (operation) => told.push(operation) }).pass(never());
        assert.equal(report.outcome, "ok");
        assert.deepEqual(told, ["refresh", "up"]);
        assert.deepEqual([refreshes, ups], [2, 4]);
    });

    it("the wait ends when the loop is stopped: outcome canceled, nothing updated", async () => {
        const stack = new FakeStack();
        stack.steps = DRIFT;
        stack.onPreview = () => { throw new StackLockedError("locked"); };
        const stop = new AbortController();
        const report = await new Reconciler(stack, { ...OPTIONS, lockPollSeconds: 3600, onLockWait: () => stop.abort() }).pass(never(), stop.signal);
        assert.equal(report.outcome, "canceled");
        assert.equal(report.error, "locked");
        assert.deepEqual(stack.writes, []);
    });

    it("another error is not waited for", async () => {
        const stack = new FakeStack();
        stack.onPreview = () => { throw new Error("preview failed"); };
        let told = 0;
        const report = await new Reconciler(stack, { ...OPTIONS, onLockWait: () => told++ }).pass(never());
        assert.equal(report.outcome, "failed");
        assert.equal(told, 0);
        assert.equal(stack.calls.filter((call) => call.op === "preview").length, 1);
    });
});

describe("reconcile/loop: cancel and stop", () => {
    it("a cancel during the update reaches it: outcome canceled", async () => {
        const stack = new FakeStack();
        stack.steps = DRIFT;
        const cancel = new AbortController();
        let seen: AbortSignal | undefined;
        stack.onUp = (signal) => {
            seen = signal;
            cancel.abort();
            throw new Error("update canceled");
        };
        const report = await new Reconciler(stack, OPTIONS).pass(cancel.signal);
        assert.equal(seen, cancel.signal);
        assert.equal(report.outcome, "canceled");
        assert.equal(report.error, "update canceled");
    });

    it("a stop during the preview: the update does not start", async () => {
        const stack = new FakeStack();
        stack.steps = DRIFT;
        const stop = new AbortController();
        stack.onPreview = () => stop.abort();
        const report = await new Reconciler(stack, OPTIONS).pass(never(), stop.signal);
        assert.equal(report.action, "up");
        assert.equal(report.outcome, "canceled");
        assert.deepEqual(stack.writes, []);
    });
});

describe("reconcile/loop: the loop", () => {
    it("with once, runs exactly one pass and resolves to its report", async () => {
        const stack = new FakeStack();
        const seen: PassReport[] = [];
        const last = await reconcileLoop(new Reconciler(stack, OPTIONS), { intervalSeconds: 3600, once: true }, { stop: never(), cancel: never() }, (report) => seen.push(report));
        assert.equal(seen.length, 1);
        assert.equal(last, seen[0]);
        assert.equal(stack.calls.filter((call) => call.op === "state").length, 1);
    });

    it("with once, a failed pass is still the only one", async () => {
        const stack = new FakeStack();
        stack.state = async () => { throw new Error("no backend"); };
        const seen: PassReport[] = [];
        const last = await reconcileLoop(new Reconciler(stack, OPTIONS), { intervalSeconds: 3600, once: true }, { stop: never(), cancel: never() }, (report) => seen.push(report));
        assert.equal(seen.length, 1);
        assert.equal(last?.outcome, "failed");
    });

    it("stops when the stop signal aborts during the pause between passes (an hour's interval)", async () => {
        const stack = new FakeStack();
        const stop = new AbortController();
        const seen: PassReport[] = [];
        const last = await reconcileLoop(new Reconciler(stack, OPTIONS), { intervalSeconds: 3600, once: false }, { stop: stop.signal, cancel: never() }, (report) => {
            seen.push(report);
            stop.abort();
        });
        assert.equal(seen.length, 1);
        assert.equal(last?.pass, 1);
    });

    it("runs passes one after the other until stopped", async () => {
        const stack = new FakeStack();
        const stop = new AbortController();
        const seen: number[] = [];
        await reconcileLoop(new Reconciler(stack, OPTIONS), { intervalSeconds: 0.001, once: false }, { stop: stop.signal, cancel: never() }, (report) => {
            seen.push(report.pass);
            if (report.pass === 3) stop.abort();
        });
        assert.deepEqual(seen, [1, 2, 3]);
    });

    it("stopped before it starts: no pass", async () => {
        const stack = new FakeStack();
        const stop = new AbortController();
        stop.abort();
        const last = await reconcileLoop(new Reconciler(stack, OPTIONS), { intervalSeconds: 60, once: false }, { stop: stop.signal, cancel: never() }, () => assert.fail("no pass"));
        assert.equal(last, undefined);
        assert.deepEqual(stack.calls, []);
    });

    it("pause resolves at once on an aborted signal, and when the signal aborts", async () => {
        const aborted = new AbortController();
        aborted.abort();
        await pause(3600, aborted.signal);
        const later = new AbortController();
        const waiting = pause(3600, later.signal);
        later.abort();
        await waiting;
    });
});

describe("reconcile/loop: what holds an update back, and what a pass never says", () => {
    it("a checkout behind the last update: the drift is reported, nothing is written, and the pass says why", async () => {
        const stack = new FakeStack();
        stack.steps = DRIFT;
        stack.holdBack = "the stack was last updated from commit abc, which this checkout (def) does not contain";
        const report = await new Reconciler(stack, OPTIONS).pass(never());
        assert.deepEqual([report.action, report.outcome, report.heldBack], ["report", "ok", stack.holdBack]);
        assert.deepEqual(stack.writes, []);
    });

    it("a stack never deployed (no object in the state): nothing is deployed by the loop", async () => {
        const empty = readStackState({ resources: [] });
        const stack = new FakeStack(empty);
        stack.steps = [{ op: "create", urn: objectUrn("settings-eu"), type: "kubernetes:core/v1:ConfigMap", new: { inputs: { kind: "ConfigMap", metadata: { name: "settings-eu" } } } }];
        const report = await new Reconciler(stack, OPTIONS).pass(never());
        assert.equal(report.action, "report");
        assert.match(report.heldBack ?? "", /no object deployed yet/);
        assert.deepEqual(stack.writes, []);
    });

    it("a member the program does not probe (no readiness in its state) going down is not a readiness change", async () => {
        const stack = new FakeStack(stackState({ eu: "True" }));
        const reconciler = new Reconciler(stack, OPTIONS);
        await reconciler.pass(never());
        stack.answers = { us: false };
        const report = await reconciler.pass(never());
        assert.deepEqual([report.readinessChanged, report.action], [[], "none"]);
        stack.answers = { eu: false };
        const probed = await reconciler.pass(never());
        assert.deepEqual([probed.readinessChanged, probed.action], [["eu"], "up"]);
    });

    it("a failed pass's error and a member's reason never hold a secret of the state", async () => {
        const secret = "s3cr3t-t0ken-value";
        const state = readStackState({
            resources: [
                { urn: FEDERATION, type: "federation:index:Federation", outputs: { members: [] } },
                { urn: memberUrn("eu"), type: "federation:index:MemberCluster", parent: FEDERATION, outputs: { name: "eu" } },
                { urn: providerOf("eu"), type: "pulumi:providers:kubernetes", id: "eu-id", parent: memberUrn("eu"), inputs: { kubeconfig: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(`token: ${secret}`) } } },
            ],
        });
        const stack = new FakeStack(state);
        stack.probe = async () => ({ ok: false, reason: `401 for token: ${secret}` });
        stack.onPreview = () => { throw new Error(`error: the provider said token: ${secret} is wrong`); };
        const report = await new Reconciler(stack, OPTIONS).pass(never());
        assert.equal(report.outcome, "failed");
        assert.ok(!JSON.stringify(report).includes(secret), JSON.stringify(report));
        assert.match(report.error ?? "", /\[secret\]/);
    });
});

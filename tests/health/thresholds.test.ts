/**
 * A member's readiness over successive probes, as KubeFed keeps a KubeFedCluster's Ready
 * condition: the first probe decides, then it flips only after the failure (or success) threshold
 * of probes in a row.
 */
import { strict as assert } from "assert";
import { KUBEFED_PROBE_DEFAULTS, MemberHealth, UNPROBED, afterProbe } from "../../components/health/thresholds";

const ok = { ok: true };
const refused = { ok: false, reason: "connection refused" };
const forbidden = { ok: false, reason: "403 Forbidden" };

function replay(probes: { ok: boolean; reason?: string }[], thresholds = KUBEFED_PROBE_DEFAULTS): MemberHealth[] {
    const states: MemberHealth[] = [];
    let state: MemberHealth = { ...UNPROBED };
    for (const probe of probes) states.push((state = afterProbe(state, probe, thresholds)));
    return states;
}

describe("health/thresholds: readiness after each probe (KubeFed's thresholds)", () => {
    it("KubeFed's chart defaults: period 10 s, timeout 3 s, failure threshold 3, success threshold 1", () => {
        assert.deepEqual(KUBEFED_PROBE_DEFAULTS, { periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3, successThreshold: 1 });
    });
    const cases: { name: string; probes: { ok: boolean; reason?: string }[]; ready: string[]; reasons?: (string | undefined)[]; thresholds?: typeof KUBEFED_PROBE_DEFAULTS }[] = [
        { name: "never probed is Unknown; the first probe decides", probes: [], ready: [] },
        { name: "a first good probe is True", probes: [ok], ready: ["True"] },
        { name: "a first failed probe is False, with its reason", probes: [refused], ready: ["False"], reasons: ["connection refused"] },
        { name: "a ready member stays True for two failures and turns False at the third", probes: [ok, refused, refused, refused], ready: ["True", "True", "True", "False"], reasons: [undefined, undefined, undefined, "connection refused"] },
        { name: "a good probe between failures starts the count again", probes: [ok, refused, refused, ok, refused, refused], ready: ["True", "True", "True", "True", "True", "True"] },
        { name: "one good probe makes a not-ready member ready (success threshold 1)", probes: [refused, ok], ready: ["False", "True"], reasons: ["connection refused", undefined] },
        { name: "with success threshold 2, two good probes in a row", probes: [refused, ok, ok], ready: ["False", "False", "True"], reasons: ["connection refused", "connection refused", undefined], thresholds: { ...KUBEFED_PROBE_DEFAULTS, successThreshold: 2 } },
        { name: "a not-ready member shows its latest failure's reason", probes: [refused, forbidden], ready: ["False", "False"], reasons: ["connection refused", "403 Forbidden"] },
        { name: "with failure threshold 1, one failure", probes: [ok, forbidden], ready: ["True", "False"], thresholds: { ...KUBEFED_PROBE_DEFAULTS, failureThreshold: 1 } },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const states = replay(c.probes, c.thresholds);
            assert.deepEqual(states.map((state) => state.ready), c.ready);
            if (c.reasons) assert.deepEqual(states.map((state) => state.reason), c.reasons);
        });
    }
});

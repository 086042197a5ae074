/**
 * A member's readiness over successive probes, as KubeFed's cluster controller keeps it: a member
 * turns not ready after `failureThreshold` failed probes in a row and ready again after
 * `successThreshold` good ones; until a member has been probed its readiness is Unknown. The
 * defaults are KubeFed's (its chart: period 10 s, timeout 3 s, failure threshold 3, success
 * threshold 1).
 */

export interface ProbeSettings {
    /** Seconds between probes (`--watch`). */
    periodSeconds: number;
    /** Seconds a probe may take. */
    timeoutSeconds: number;
    /** Failed probes in a row that make a ready member not ready. */
    failureThreshold: number;
    /** Good probes in a row that make a not-ready member ready. */
    successThreshold: number;
}

export const KUBEFED_PROBE_DEFAULTS: Readonly<ProbeSettings> = { periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3, successThreshold: 1 };

export type Readiness = "True" | "False" | "Unknown";

export interface MemberHealth {
    ready: Readiness;
    /** Why not ready (the last failed probe's reason). */
    reason?: string;
    /** Probes in a row with the same outcome as the last one. */
    streak: number;
    /** The outcome of the last probe. */
    lastOk?: boolean;
}

export const UNPROBED: Readonly<MemberHealth> = { ready: "Unknown", streak: 0 };

/**
 * The readiness after one more probe. A member never probed takes the first probe's outcome (as
 * KubeFed sets a new cluster's first condition); afterwards it flips only at the thresholds.
 */
export function afterProbe(previous: MemberHealth, probe: { ok: boolean; reason?: string }, settings: Pick<ProbeSettings, "failureThreshold" | "successThreshold">): MemberHealth {
    const streak = previous.lastOk === probe.ok ? previous.streak + 1 : 1;
    let ready = previous.ready;
    if (ready === "Unknown") ready = probe.ok ? "True" : "False";
    else if (probe.ok && ready === "False" && streak >= settings.successThreshold) ready = "True";
    else if (!probe.ok && ready === "True" && streak >= settings.failureThreshold) ready = "False";
    // A not-ready member keeps its last failure's reason until it is ready again.
    const reason = ready === "True" ? undefined : probe.ok ? previous.reason : probe.reason;
    return { ready, streak, lastOk: probe.ok, ...(reason === undefined ? {} : { reason }) };
}

/**
 * The `health` argument of a Federation (and the stack config key `pulumi-federation:health`):
 * whether `Federation.connect` probes the members before planning, and how (KubeFed's defaults).
 */
import { FederationError } from "../errors";
import { describeType } from "../planning/names";
import { suggestion } from "../planning/suggest";
import { KUBEFED_PROBE_DEFAULTS, ProbeSettings } from "./thresholds";

/** Health probing of a federation's members before planning (see Federation.connect). */
export interface HealthArgs {
    /** Probe every member that reaches a cluster before planning; one that fails is unavailable for this update. */
    probe?: boolean;
    /** Seconds a probe may take (default 3, as KubeFed). */
    timeoutSeconds?: number;
    /** Failed probes in a row before a member counts as down (default 3, as KubeFed). */
    failureThreshold?: number;
    /** Seconds between a failing member's probes (default 10, as KubeFed's period). */
    periodSeconds?: number;
}

const FIELDS = ["probe", "timeoutSeconds", "failureThreshold", "periodSeconds"];

/** `health`, checked, with KubeFed's defaults filled in; undefined when not given. */
export function checkHealthArgs(value: unknown, owner: string, field = "health"): (ProbeSettings & { probe: boolean }) | undefined {
    if (value === undefined) return undefined;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new FederationError({ resource: owner, field }, `must be an object such as { probe: true }, got ${describeType(value)}`);
    }
    const args = value as Record<string, unknown>;
    const unknown = Object.keys(args).find((key) => !FIELDS.includes(key));
    if (unknown !== undefined) throw new FederationError({ resource: owner, field: `${field}.${unknown}` }, `is not a health setting (expected ${FIELDS.join(", ")})${suggestion(unknown, FIELDS)}`);
    if (args.probe !== undefined && typeof args.probe !== "boolean") throw new FederationError({ resource: owner, field: `${field}.probe` }, `must be true or false, got ${describeType(args.probe)}`);
    const number = (key: "timeoutSeconds" | "failureThreshold" | "periodSeconds", integer: boolean): number => {
        const given = args[key];
        if (given === undefined) return KUBEFED_PROBE_DEFAULTS[key];
        if (typeof given !== "number" || !Number.isFinite(given) || given <= 0 || (integer && !Number.isInteger(given))) {
            throw new FederationError({ resource: owner, field: `${field}.${key}` }, `must be a positive ${integer ? "whole number" : "number"}, got ${describeType(given)}`);
        }
        return given;
    };
    return {
        probe: args.probe === true,
        timeoutSeconds: number("timeoutSeconds", false),
        failureThreshold: number("failureThreshold", true),
        periodSeconds: number("periodSeconds", false),
        successThreshold: KUBEFED_PROBE_DEFAULTS.successThreshold,
    };
}

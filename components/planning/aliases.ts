/**
 * Which of a typed `@pulumi/kubernetes` class's aliases can matter for a per-cluster object.
 *
 * Each typed class aliases its type to every other API version of its kind (`apps/v1 Deployment`
 * to `apps/v1beta1`, `apps/v1beta2` and `extensions/v1beta1`), so that an object registered under
 * one of them by an earlier update is updated in place, not replaced, when its type changes. Each
 * alias costs the SDK several Outputs on every registration, about a third of a Deployment's
 * registration time. An alias can only matter when the stack's state can hold the object under
 * that type, that is when some member could have served that API version:
 *
 * - a version served by a Kubernetes release at or after the federation's oldest member release
 *   (`oldestKubernetes`, default 1.16), from the lifecycle table (kubernetesLifecycleTable.ts);
 * - a version this program itself gives the object in some cluster (a per-cluster apiVersion
 *   override), whatever the release;
 * - any version the tables do not know (kept: nothing is dropped on a guess).
 *
 * Every other alias is dropped; with an oldest release before 1.16 none is.
 */
import { CURRENT_MINOR, FIRST_RECORDED_MINOR, LAST_SERVED_MINOR } from "../generated/kubernetesLifecycleTable";
import { hasFieldTable } from "./kubernetesFields";

/** The oldest Kubernetes release a member runs, unless the federation says otherwise. */
export const DEFAULT_OLDEST_KUBERNETES = "1.16";

/** `kubernetes:apps/v1beta1:Deployment` -> `apps/v1beta1 Deployment` (`core/v1` is `v1`). */
function lifecycleKey(type: string): string | undefined {
    const match = /^kubernetes:(.+):([A-Za-z0-9]+)$/.exec(type);
    if (!match) return undefined;
    const apiVersion = match[1].startsWith("core/") ? match[1].slice("core/".length) : match[1];
    return `${apiVersion} ${match[2]}`;
}

/**
 * The last Kubernetes minor release serving `type` (a Pulumi Kubernetes type token), or undefined
 * when neither table knows it.
 */
export function lastServedMinor(type: string): number | undefined {
    const key = lifecycleKey(type);
    if (key === undefined) return undefined;
    if (Object.prototype.hasOwnProperty.call(LAST_SERVED_MINOR, key)) return LAST_SERVED_MINOR[key];
    const [apiVersion, kind] = key.split(" ");
    return hasFieldTable(apiVersion, kind) ? CURRENT_MINOR : undefined;
}

/** "1.25" -> 25; undefined for anything that is not a Kubernetes 1.x minor release. */
export function parseKubernetesMinor(release: string): number | undefined {
    const match = /^v?1\.(0|[1-9][0-9]{0,2})$/.exec(release);
    return match ? Number(match[1]) : undefined;
}

/**
 * Whether an alias to `aliasType` can matter for an object whose member clusters run Kubernetes
 * 1.`oldestMinor` or later and that this program registers under the types `programTypes`.
 */
export function aliasCanMatter(aliasType: string, oldestMinor: number, programTypes: ReadonlySet<string>): boolean {
    if (oldestMinor < FIRST_RECORDED_MINOR || programTypes.has(aliasType)) return true;
    const last = lastServedMinor(aliasType);
    // A release newer than the tables still serves what 1.CURRENT serves, as far as we know.
    return last === undefined || last >= Math.min(oldestMinor, CURRENT_MINOR);
}

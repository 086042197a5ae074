/**
 * API versions Kubernetes no longer serves: an Ingress of `extensions/v1beta1` (removed in 1.22),
 * a Deployment of `apps/v1beta1` (removed by 1.16). An object under one renders like any other,
 * and then a member's API server refuses it; this names the release that removed the version and
 * the version to use instead.
 *
 * From the generated tables only: the lifecycle table (kubernetesLifecycleTable.ts, the last minor
 * release serving each removed version) and the field table (kubernetesFieldTable.ts, every kind
 * the newest release serves), never a list written by hand. Whether it is an error depends on
 * the federation's `oldestKubernetes` (see aliases.ts): when no release from it on serves the
 * version, no member the federation supports can take the object, and that is an error; when
 * some can (a member may still run an older release), a warning.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { CURRENT_MINOR, FIRST_RECORDED_MINOR, LAST_SERVED_MINOR } from "../generated/kubernetesLifecycleTable";
import { servedApiVersions } from "./kubernetesFields";
import { compareKubeVersions, parseApiVersion } from "./kinds";
import { DEFAULT_OLDEST_KUBERNETES, parseKubernetesMinor } from "./aliases";

/** An API version of a built-in kind that the newest release in the tables no longer serves. */
export interface RemovedApiVersion {
    /** The kind, e.g. `Ingress`. */
    kind: string;
    /** The removed version, e.g. `extensions/v1beta1`. */
    apiVersion: string;
    /** The last minor release serving it (FIRST_RECORDED_MINOR - 1: none from the first recorded release on). */
    lastServedMinor: number;
    /** `1.22`, or `1.16` when the tables only know it was gone by then. */
    removedIn: string;
    /** Whether removedIn is exact (false: the version was gone by that release, perhaps earlier). */
    removedExactly: boolean;
    /** The version to use: the newest one of the kind the newest release serves, its own group first. */
    replacement?: string;
    /** `Ingress extensions/v1beta1 was removed in Kubernetes 1.22; use networking.k8s.io/v1`. */
    message: string;
}

/** The removal of `apiVersion` `kind`, or undefined when the newest release in the tables serves it or the tables do not know it. */
export function removedApiVersion(apiVersion: string, kind: string): RemovedApiVersion | undefined {
    const key = `${apiVersion} ${kind}`;
    if (!Object.prototype.hasOwnProperty.call(LAST_SERVED_MINOR, key)) return undefined;
    const lastServedMinor = LAST_SERVED_MINOR[key];
    const removedExactly = lastServedMinor >= FIRST_RECORDED_MINOR;
    const removedIn = `1.${lastServedMinor + 1}`;
    const replacement = replacementFor(apiVersion, kind);
    const when = removedExactly ? `was removed in Kubernetes ${removedIn}` : `was removed by Kubernetes ${removedIn}`;
    const instead = replacement !== undefined ? `use ${replacement}` : `Kubernetes 1.${CURRENT_MINOR} serves no version of ${kind}`;
    return { kind, apiVersion, lastServedMinor, removedIn, removedExactly, replacement, message: `${kind} ${apiVersion} ${when}; ${instead}` };
}

/** One reported removal: where (the clusters, for a per-cluster apiVersion override) and what. */
export interface RemovedApiReport {
    /** The clusters whose object has this version, when an override gave it to them only. */
    clusters?: string[];
    /** The removal. */
    removed: RemovedApiVersion;
}

/**
 * Checks the template's apiVersion and each cluster's (an `/apiVersion` override may change it)
 * against `oldestMinor`, the federation's oldest member release (`oldestKubernetes`, default
 * 1.16). A version no release from `oldestMinor` on serves is a FederationError at `location`
 * (field `apiVersion`; for an override, the cluster and `overrides`); a version removed later
 * than that, which an older member may still serve, is returned as a warning, one per version:
 * `Ingress extensions/v1beta1 was removed in Kubernetes 1.22; use networking.k8s.io/v1 (a member
 * running 1.22 or later refuses it)`, prefixed with `on <clusters>: ` for an override.
 */
export function checkRemovedApiVersions(
    template: { apiVersion: string; kind: string },
    objects: readonly { cluster: string; object: Record<string, unknown> }[],
    oldestMinor: number | undefined,
    location: FederationErrorLocation,
    overrideField: (cluster: string) => string | undefined = () => "overrides",
): string[] {
    const oldest = oldestMinor ?? parseKubernetesMinor(DEFAULT_OLDEST_KUBERNETES)!;
    const reports: RemovedApiReport[] = [];
    const ofTemplate = removedApiVersion(template.apiVersion, template.kind);
    if (ofTemplate) reports.push({ removed: ofTemplate });
    // Per-cluster versions other than the template's: each version once, with its clusters.
    const byVersion = new Map<string, string[]>();
    for (const { cluster, object } of objects) {
        const apiVersion = object.apiVersion;
        if (typeof apiVersion !== "string" || apiVersion === template.apiVersion) continue;
        byVersion.set(apiVersion, [...(byVersion.get(apiVersion) ?? []), cluster]);
    }
    for (const [apiVersion, clusters] of byVersion) {
        const removed = removedApiVersion(apiVersion, template.kind);
        if (removed) reports.push({ clusters, removed });
    }
    const warnings: string[] = [];
    for (const { clusters, removed } of reports) {
        if (removed.lastServedMinor < oldest) {
            const cluster = clusters?.[0];
            throw new FederationError(
                clusters ? { ...location, cluster, field: overrideField(cluster!) } : { ...location, field: "apiVersion" },
                `${removed.message}. No member can serve it: no Kubernetes release from the federation's oldestKubernetes (1.${oldest}) on does; ` +
                    `if a member runs an older release, set oldestKubernetes to that release`,
            );
        }
        const where = clusters ? `on ${listed(clusters)}: ` : "";
        warnings.push(`${where}${removed.message} (a member running ${removed.removedIn} or later refuses it)`);
    }
    return warnings;
}

function listed(clusters: readonly string[]): string {
    return clusters.length <= 5 ? clusters.join(", ") : `${clusters.slice(0, 5).join(", ")} and ${clusters.length - 5} more`;
}

/** The newest served version of `kind`, in `apiVersion`'s own group when it has one there. */
function replacementFor(apiVersion: string, kind: string): string | undefined {
    const { group } = parseApiVersion(apiVersion);
    const served = servedApiVersions(kind).filter((candidate) => candidate !== apiVersion);
    const sameGroup = served.filter((candidate) => parseApiVersion(candidate).group === group);
    const pool = sameGroup.length > 0 ? sameGroup : served;
    return [...pool].sort(newestFirst)[0];
}

/** Kubernetes' version priority (compareKubeVersions), then by group. */
function newestFirst(a: string, b: string): number {
    const [x, y] = [parseApiVersion(a), parseApiVersion(b)];
    return compareKubeVersions(x.version, y.version) || (x.group < y.group ? -1 : x.group > y.group ? 1 : 0);
}

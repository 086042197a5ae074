/**
 * The resource template registered on the Karmada API server: the planner's template, with what
 * Karmada and the Kubernetes provider need there, each addition undone again in the members (a
 * first OverridePolicy rule, for every cluster, removes it), so every member gets push mode's object.
 *
 * - A Namespace gets `namespace.karmada.io/skip-auto-propagation: "true"`: Karmada's namespace
 *   controller otherwise propagates every Namespace to every member, while KubeFed (and push mode)
 *   put a federated namespace only where its placement says.
 * - Every template gets `pulumi.com/waitFor` on the label Karmada puts on a template when a policy
 *   claims it (`propagationpolicy.karmada.io/permanent-id`, or `clusterpropagationpolicy…` for a
 *   cluster-scoped kind). The provider then waits for that instead of its own readiness checks,
 *   which would never pass on the Karmada API server (no controller makes a Deployment available
 *   there or gives a Service endpoints): `pulumi up` finishes once Karmada has taken each object in
 *   charge, and fails with the provider's timeout when Karmada's controllers are not running.
 *   Status comes from Karmada's ResourceBinding instead (bindingStatus.ts). Only `pulumi up` reads
 *   that annotation: YAML written for kubectl (`convert --to karmada`, target "kubectl") leaves it
 *   out, and so has no rule removing it. The Namespace label is Karmada's own, so it stays for both.
 *
 * Copies are shallow along the path that changes, so values that are Pulumi Outputs stay as they are.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { isPlainObject } from "../planning/opaque";
import { tokensToPointer } from "../planning/jsonPointer";

export const NAMESPACE_SKIP_AUTO_PROPAGATION = "namespace.karmada.io/skip-auto-propagation";
export const WAIT_FOR_ANNOTATION = "pulumi.com/waitFor";
export const POLICY_CLAIM_LABEL = "propagationpolicy.karmada.io/permanent-id";
export const CLUSTER_POLICY_CLAIM_LABEL = "clusterpropagationpolicy.karmada.io/permanent-id";

/**
 * Who registers the objects on the Karmada API server: `pulumi up` (Karmada mode's components),
 * or kubectl applying the YAML `convert --to karmada` wrote. Only the first needs `pulumi.com/waitFor`.
 */
export type KarmadaTarget = "pulumi" | "kubectl";

export interface KarmadaAddition {
    /** `labels` or `annotations`. */
    map: "labels" | "annotations";
    key: string;
    value: string;
}

/**
 * The provider's wait for a policy's claim: a JSONPath as the provider parses it (RFC 9535, so a
 * key with dots and slashes is a quoted name in brackets, not kubectl's backslash escapes).
 */
export function claimWait(clusterScoped: boolean): string {
    const label = clusterScoped ? CLUSTER_POLICY_CLAIM_LABEL : POLICY_CLAIM_LABEL;
    return `jsonpath={.metadata.labels['${label}']}`;
}

/** What the Karmada API server's copy of an object carries beyond push mode's object. */
export function karmadaAdditions(apiVersion: string, kind: string, clusterScoped: boolean, target: KarmadaTarget = "pulumi"): KarmadaAddition[] {
    const additions: KarmadaAddition[] = [];
    if (apiVersion === "v1" && kind === "Namespace") additions.push({ map: "labels", key: NAMESPACE_SKIP_AUTO_PROPAGATION, value: "true" });
    if (target === "pulumi") additions.push({ map: "annotations", key: WAIT_FOR_ANNOTATION, value: claimWait(clusterScoped) });
    return additions;
}

/** A copy of `template` for the Karmada API server, with `karmadaAdditions`. */
export function karmadaTemplate(
    template: Readonly<Record<string, unknown>>,
    apiVersion: string,
    kind: string,
    clusterScoped: boolean,
    location: FederationErrorLocation = {},
    target: KarmadaTarget = "pulumi",
): Record<string, unknown> {
    const additions = karmadaAdditions(apiVersion, kind, clusterScoped, target);
    const given = template.metadata;
    if (given !== undefined && !isPlainObject(given)) {
        throw new FederationError({ ...location, field: "template.metadata" }, "must be a plain object in Karmada mode (a label or annotation is added to it on the Karmada API server)");
    }
    const metadata: Record<string, unknown> = isPlainObject(given) ? { ...given } : {};
    for (const { map, key, value } of additions) {
        const current = metadata[map];
        if (current !== undefined && !isPlainObject(current)) {
            throw new FederationError({ ...location, field: `template.metadata.${map}` }, `must be a plain object in Karmada mode (${key} is added to it on the Karmada API server)`);
        }
        if (isPlainObject(current) && key in current) {
            throw new FederationError({ ...location, field: `template.metadata.${map}.${key}` }, "is set by Karmada mode itself on the Karmada API server and removed again in each member; leave it out");
        }
        metadata[map] = { ...(isPlainObject(current) ? current : {}), [key]: value };
    }
    return { ...template, metadata };
}

/** JSON pointer of an addition in an object. */
export function additionPointer(addition: KarmadaAddition): string {
    return tokensToPointer(["metadata", addition.map, addition.key]);
}

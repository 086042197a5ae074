/**
 * The resource template registered on the Karmada API server: the planner's template, with what
 * Karmada needs to propagate it as push mode does.
 *
 * Karmada's namespace controller propagates every Namespace to every member unless it carries
 * `namespace.karmada.io/skip-auto-propagation: "true"`, while KubeFed (and push mode) put a
 * federated namespace only where its placement says. So a Namespace template gets that label, and
 * the OverridePolicy, which is the difference between this template and each cluster's object,
 * removes it again in each member: every member gets push mode's Namespace.
 */
import { isPlainObject } from "../planning/opaque";

export const NAMESPACE_SKIP_AUTO_PROPAGATION = "namespace.karmada.io/skip-auto-propagation";

/** A copy of `template` for the Karmada API server (the same object when nothing is added). */
export function karmadaTemplate(template: Readonly<Record<string, unknown>>, apiVersion: string, kind: string): Record<string, unknown> {
    const copy = structuredClone(template) as Record<string, unknown>;
    if (apiVersion === "v1" && kind === "Namespace") {
        const metadata = (isPlainObject(copy.metadata) ? copy.metadata : (copy.metadata = {})) as Record<string, unknown>;
        metadata.labels = { ...(isPlainObject(metadata.labels) ? metadata.labels : {}), [NAMESPACE_SKIP_AUTO_PROPAGATION]: "true" };
    }
    return copy;
}

/**
 * Karmada mode for KubeFed manifests, pure: every planned document mapped to its Karmada objects
 * up front, so that what Karmada cannot do is an error naming the file, document, line and field
 * before FederatedManifests registers anything (its components would otherwise find out one by one).
 */
import { FederationError } from "../errors";
import { ManifestDocument } from "../manifests/load";
import { documentLabel } from "../manifests/kubefed";
import { FederationPlan } from "../manifests/plan";
import { withPositions } from "../manifests/positions";
import { KarmadaModeOptions } from "./arguments";
import { KarmadaObjectPlan, manifestObjectInput, planKarmadaObject } from "./objectPlan";

/** Component fields as the KubeFed document spells them. */
function documentField(field: string | undefined): string | undefined {
    if (field === undefined) return undefined;
    return /^(template|placement|overrides|retainReplicas)(\.|\[|$)/.test(field) ? `spec.${field}` : field;
}

/** Each planned document's Karmada objects (undefined where placed nowhere), by its label. */
export function checkManifestsForKarmada(plan: FederationPlan, documents: readonly ManifestDocument[], options: KarmadaModeOptions): Map<string, KarmadaObjectPlan | undefined> {
    const plans = new Map<string, KarmadaObjectPlan | undefined>();
    withPositions(documents, documentLabel, () => {
        for (const entry of plan.planned) {
            try {
                plans.set(entry.resource.label, planKarmadaObject(manifestObjectInput(entry, plan.members, options)).plan);
            } catch (error) {
                if (!(error instanceof FederationError)) throw error;
                throw new FederationError({ resource: error.resource, cluster: error.cluster, field: documentField(error.field) }, error.reason);
            }
        }
    });
    return plans;
}

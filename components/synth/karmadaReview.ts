/**
 * Offline synth of a federation in Karmada mode: the objects registered on the Karmada API server
 * go to the `@karmada` folder (not a DNS label, so never a member's name), and, for review, each
 * member's folder gets the objects Karmada will make there, computed from those registrations by
 * the library's model of Karmada (karmada/memberObjects.ts): the policy's clusters among the
 * declared members, Karmada's replica division (the planner's estimate where Karmada divides by
 * live capacity), the OverridePolicy's rules. The same review a push-mode rendering gives, so
 * switching modes shows as no change in the members' folders.
 */
import { Member } from "../planning/members";
import { karmadaMemberObjects } from "../karmada/memberObjects";
import { pointerTokens, tokensToPointer } from "../planning/jsonPointer";
import { Registration } from "./capture";

export const KARMADA_FOLDER = "@karmada";
export const CONTROL_PLANE_TYPE = "federation:index:KarmadaControlPlane";
const MEMBER_TYPE = "federation:index:MemberCluster";
const POLICY_TYPE = /^kubernetes:policy\.karmada\.io\/v1alpha1:(Cluster)?(Propagation|Override)Policy$/;

export interface ReviewObject {
    cluster: string;
    /** The template's registration the object comes from. */
    template: Registration;
    object: Record<string, any>;
    secretPaths: string[];
}

/** True when the provider `registration` uses belongs to a Karmada control plane. */
export function onKarmada(registration: Registration, byUrn: Map<string, Registration>): boolean {
    const provider = registration.provider ? byUrn.get(registration.provider.slice(0, registration.provider.lastIndexOf("::"))) : undefined;
    return provider !== undefined && byUrn.get(provider.parent)?.type === CONTROL_PLANE_TYPE;
}

/** Every member's objects, as Karmada will make them from the captured templates and policies. */
export function karmadaReview(registrations: readonly Registration[], byUrn: Map<string, Registration>): ReviewObject[] {
    const members: Member[] = registrations
        .filter((registration) => registration.type === MEMBER_TYPE && registration.outputs !== undefined)
        .map((registration) => ({
            name: String(registration.outputs!.name),
            labels: registration.outputs!.labels ?? {},
            unavailable: registration.outputs!.state === "unavailable",
            draining: registration.outputs!.state === "draining",
        }));
    const review: ReviewObject[] = [];
    for (const template of registrations) {
        if (!template.custom || POLICY_TYPE.test(template.type) || !template.type.startsWith("kubernetes:") || !onKarmada(template, byUrn)) continue;
        const siblings = registrations.filter((other) => other.parent === template.parent && POLICY_TYPE.test(other.type));
        const propagation = siblings.find((other) => /PropagationPolicy$/.test(other.type));
        if (!propagation) continue;
        const override = siblings.find((other) => /OverridePolicy$/.test(other.type));
        const component = byUrn.get(template.parent);
        const objects = karmadaMemberObjects(members, template.inputs, propagation.inputs.spec, override?.inputs as never, component?.outputs?.replicaPlan);
        for (const [cluster, object] of objects) {
            review.push({ cluster, template, object, secretPaths: memberSecretPaths(template, override) });
        }
    }
    return review;
}

/**
 * Where a member's object holds secrets: where the template does, and where an override rule
 * puts a secret value (`/spec/overrideRules/R/overriders/plaintext/I/value…` is that
 * operation's path, and what follows).
 */
function memberSecretPaths(template: Registration, override: Registration | undefined): string[] {
    const paths = [...template.secretPaths];
    for (const secret of override?.secretPaths ?? []) {
        const tokens = secret === "" ? [] : pointerTokens(secret);
        if (tokens.length === 0 || tokens[0] !== "spec") return [""];
        const [, rules, rule, overriders, plaintext, index, value, ...rest] = tokens;
        const operation = override!.inputs.spec?.overrideRules?.[Number(rule)]?.overriders?.plaintext?.[Number(index)];
        if (rules !== "overrideRules" || overriders !== "overriders" || plaintext !== "plaintext" || value !== "value" || typeof operation?.path !== "string") return [""];
        paths.push(tokensToPointer([...pointerTokens(operation.path), ...rest]));
    }
    return paths;
}

/**
 * Where a Kubernetes object carries labels the API server checks, and the check of a plan's
 * objects against the label rules (labels.ts) before anything is applied. `metadata.labels` is
 * checked on every kind; selectors and pod-template labels on the built-in kinds that have them,
 * by the API group and kind (a custom kind's `spec.selector` may mean anything, so it is left to
 * its own validation): workload selectors, the pod spec's node selector, affinity terms and
 * topology spread constraints, a Service's selector, a NetworkPolicy's pod selector and peers.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { parseApiVersion } from "./kinds";
import { checkLabelMap } from "./labels";
import { isOpaque, isPlainObject } from "./opaque";
import { validateSelector } from "./selector";

/** What a place holds: labels, a `metav1.LabelSelector`, or a plain key -> value selector (Service, ReplicationController). */
type Form = "labels" | "selector" | "mapSelector";

/**
 * The selectors inside a pod spec (`*` is every item of a list): its node selector, the label and
 * namespace selectors of its pod (anti-)affinity terms, and of its topology spread constraints.
 */
function podSpecPlaces(at: string[]): Array<[string[], Form]> {
    const terms = ["podAffinity", "podAntiAffinity"].flatMap((affinity) => [
        [...at, "affinity", affinity, "requiredDuringSchedulingIgnoredDuringExecution", "*"],
        [...at, "affinity", affinity, "preferredDuringSchedulingIgnoredDuringExecution", "*", "podAffinityTerm"],
    ]);
    return [
        [[...at, "nodeSelector"], "labels"],
        ...terms.flatMap((term): Array<[string[], Form]> => [[[...term, "labelSelector"], "selector"], [[...term, "namespaceSelector"], "selector"]]),
        [[...at, "topologySpreadConstraints", "*", "labelSelector"], "selector"],
    ];
}

const POD_OWNER: ReadonlyArray<[string[], Form]> = [
    [["spec", "selector"], "selector"],
    [["spec", "template", "metadata", "labels"], "labels"],
    ...podSpecPlaces(["spec", "template", "spec"]),
];

/** A NetworkPolicy's peers: each ingress rule's `from` and egress rule's `to`. */
const NETWORK_POLICY_PEERS: Array<[string[], Form]> = [
    ["ingress", "from"],
    ["egress", "to"],
].flatMap(([rules, peers]) => ["podSelector", "namespaceSelector"].map((selector): [string[], Form] => [["spec", rules, "*", peers, "*", selector], "selector"]));

/** Label places of built-in kinds beyond metadata.labels, keyed `group/Kind` (the version does not change them). */
const PLACES: Record<string, ReadonlyArray<[string[], Form]>> = {
    "apps/Deployment": POD_OWNER,
    "apps/ReplicaSet": POD_OWNER,
    "apps/StatefulSet": POD_OWNER,
    "apps/DaemonSet": POD_OWNER,
    "extensions/Deployment": POD_OWNER,
    "extensions/ReplicaSet": POD_OWNER,
    "extensions/DaemonSet": POD_OWNER,
    "batch/Job": POD_OWNER,
    "batch/CronJob": [
        [["spec", "jobTemplate", "metadata", "labels"], "labels"],
        [["spec", "jobTemplate", "spec", "selector"], "selector"],
        [["spec", "jobTemplate", "spec", "template", "metadata", "labels"], "labels"],
        ...podSpecPlaces(["spec", "jobTemplate", "spec", "template", "spec"]),
    ],
    "/ReplicationController": [
        [["spec", "selector"], "mapSelector"],
        [["spec", "template", "metadata", "labels"], "labels"],
        ...podSpecPlaces(["spec", "template", "spec"]),
    ],
    "/Pod": podSpecPlaces(["spec"]),
    "/Service": [[["spec", "selector"], "mapSelector"]],
    "/PodTemplate": [[["template", "metadata", "labels"], "labels"], ...podSpecPlaces(["template", "spec"])],
    "policy/PodDisruptionBudget": [[["spec", "selector"], "selector"]],
    "networking.k8s.io/NetworkPolicy": [[["spec", "podSelector"], "selector"], ...NETWORK_POLICY_PEERS],
};

/**
 * Checks every label and selector of `object` (a template or a planned object) by the label
 * rules. Fields are `prefix` + the path (`template.spec.selector.matchLabels["app"]`); `context`
 * ends each message (which cluster's plan it was). Deployment-time values are left alone.
 */
export function checkObjectLabels(object: unknown, apiVersion: string, kind: string, location: FederationErrorLocation, prefix: string, context = ""): void {
    const places: ReadonlyArray<[string[], Form]> = [[["metadata", "labels"], "labels"], ...(PLACES[`${parseApiVersion(apiVersion).group}/${kind}`] ?? [])];
    for (const [pattern, form] of places) {
        for (const { value, field: at } of valuesAt(object, pattern)) {
            if (value === undefined || value === null || isOpaque(value)) continue;
            checkPlace(value, form, [prefix, at].filter((part) => part !== "").join("."), location, context);
        }
    }
}

/** One place's value by its form's rules; `field` names it in the error. */
function checkPlace(value: unknown, form: Form, field: string, location: FederationErrorLocation, context: string): void {
    if (form !== "selector") {
        checkLabelMap(value, location, field, context);
        return;
    }
    try {
        validateSelector(plainSelector(value));
    } catch (error) {
        if (!(error instanceof FederationError)) throw error;
        throw new FederationError({ ...location, field: error.field ? `${field}.${error.field}` : field }, error.reason + context);
    }
}

/** What {@link checkPlannedObjects} needs of a plan: the template and each cluster's object. */
export interface PlannedObjects {
    /** The object every cluster starts from. */
    template: Readonly<Record<string, unknown>>;
    /** Each placed cluster's object, and what changed it from the template. */
    objects: readonly { cluster: string; object: Record<string, unknown>; overridesApplied: readonly string[] }[];
}

/**
 * The plan's labels by the API server's rules, before anything registers: the template's, then
 * those of each cluster's object that overrides changed (with the cluster named and what changed
 * it). Fields are `template.…` either way,
 * as the schema check names them (the object's path; the cluster says whose).
 */
export function checkPlannedObjects(plan: PlannedObjects, apiVersion: string, kind: string, location: FederationErrorLocation): void {
    checkObjectLabels(plan.template, apiVersion, kind, location, "template");
    for (const { cluster, object, overridesApplied } of plan.objects) {
        // An object no override changed is the template, checked above.
        if (overridesApplied.length === 0) continue;
        const context = `, as planned for this cluster after ${overridesApplied.join(", ")}`;
        // An /apiVersion override was checked with the override (planning/overrides.ts); its group still says where labels are.
        const own = typeof object.apiVersion === "string" ? object.apiVersion : apiVersion;
        checkObjectLabels(object, own, kind, { ...location, cluster }, "template", context);
    }
}

/** The values at `pattern` (`*`: each item of a list; a deployment-time list is skipped), with their fields (`a.b[0].c`). */
function valuesAt(object: unknown, pattern: readonly string[]): { value: unknown; field: string }[] {
    let found: { value: unknown; field: string }[] = [{ value: object, field: "" }];
    for (const key of pattern) {
        found = found.flatMap(({ value, field }) => {
            if (key === "*") return Array.isArray(value) ? value.map((item, index) => ({ value: item, field: `${field}[${index}]` })) : [];
            if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, key)) return [];
            return [{ value: value[key], field: field === "" ? key : `${field}.${key}` }];
        });
    }
    return found;
}

/**
 * The selector with its deployment-time parts stood in for, so that what is known is checked and
 * error indexes stay the user's: an opaque matchLabels value is dropped (a null one is "", as
 * for labels), an opaque requirement
 * or operator becomes `Exists` (keeping a plain key to check), an opaque key "deferred", an opaque
 * values list or entry "" (a valid value, so In and NotIn keep their values). A null list or map
 * is none, as in the API; other fields are left out.
 */
function plainSelector(selector: unknown): unknown {
    if (!isPlainObject(selector)) return selector;
    // Only the two fields the label rules reach: an unknown one is fieldValidation's to judge.
    const copy: Record<string, unknown> = {};
    for (const key of ["matchLabels", "matchExpressions"]) {
        if (selector[key] !== undefined && selector[key] !== null && !isOpaque(selector[key])) copy[key] = selector[key];
    }
    if (isPlainObject(copy.matchLabels)) {
        copy.matchLabels = Object.fromEntries(Object.entries(copy.matchLabels).filter(([, value]) => !isOpaque(value)).map(([key, value]) => [key, value ?? ""]));
    }
    if (Array.isArray(copy.matchExpressions)) copy.matchExpressions = copy.matchExpressions.map(plainRequirement);
    return copy;
}

function plainRequirement(requirement: unknown): unknown {
    if (isOpaque(requirement)) return { key: "deferred", operator: "Exists" };
    if (!isPlainObject(requirement)) return requirement;
    const key = isOpaque(requirement.key) ? "deferred" : requirement.key;
    if (isOpaque(requirement.operator)) return { key, operator: "Exists" };
    const { values } = requirement;
    const needsValues = requirement.operator === "In" || requirement.operator === "NotIn";
    if (isOpaque(values)) return { ...requirement, key, values: needsValues ? [""] : undefined };
    return { ...requirement, key, ...(Array.isArray(values) ? { values: values.map((value) => (isOpaque(value) ? "" : value)) } : {}) };
}

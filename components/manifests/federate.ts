/**
 * `kubefedctl federate -f`, pure: plain Kubernetes objects as KubeFed `Federated<Kind>` documents
 * (`types.kubefed.io/v1beta1`), built as kubefedctl builds them (its pkg/kubefedctl/federate):
 *
 * - the federated object has the target's name, and its namespace when it has one (a Namespace
 *   becomes a FederatedNamespace in the namespace of its own name); no labels or annotations;
 * - `spec.template` is the object without apiVersion, kind, status and metadata, except
 *   non-empty `metadata.labels`; annotations are dropped, and reported;
 * - per kind, what a cluster sets and another cluster must not be given: a Namespace's
 *   `spec.finalizers`, a ServiceAccount's `secrets`, a Service's `clusterIP`, `clusterIPs` and
 *   every port's `nodePort`;
 * - `spec.placement` is `clusterSelector: { matchLabels: {} }` (every member), unless
 *   `clusters` or a selector is asked for.
 *
 * Where this is stricter than kubefedctl, on purpose: an object without a kind, a name or a
 * mapping is an error naming the file, document and line (kubefedctl emits `kind: Federated` for
 * an empty document); an object that is already federated, or is KubeFed's own configuration,
 * is an error; a `List` is federated item by item (kubefedctl makes a `FederatedList`).
 */
import { FederationError } from "../errors";
import { isPlainObject } from "../planning/opaque";
import { LabelSelector } from "../planning/selector";
import { ManifestDocument } from "./load";
import { documentLabel } from "./kubefed";
import { withPositions } from "./positions";

export const FEDERATED_API_VERSION = "types.kubefed.io/v1beta1";

export interface FederateOptions {
    /** Place on these members (`placement.clusters`) instead of every member. */
    clusters?: readonly string[];
    /** Place by this selector instead of every member. */
    clusterSelector?: LabelSelector;
}

export interface FederatedDocument {
    /** The document it came from. */
    source: ManifestDocument;
    /** The Federated<Kind> object. */
    federated: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec: { template: Record<string, unknown>; placement: Record<string, unknown> } };
    /** What was left out and why (annotations), for stderr. */
    notes: string[];
}

/** KubeFed's own kinds: configuration of a federation, not something to federate. */
const KUBEFED_GROUPS = /^(types|core|scheduling|multiclusterdns)\.kubefed\.io\//;

export function federateDocuments(documents: readonly ManifestDocument[], options: FederateOptions = {}): FederatedDocument[] {
    return withPositions(documents, documentLabel, () => documents.map((document) => federateOne(document, options)));
}

function federateOne(document: ManifestDocument, options: FederateOptions): FederatedDocument {
    const resource = documentLabel(document);
    const object = document.object;
    const fail = (field: string | undefined, reason: string): never => {
        throw new FederationError({ resource, field }, reason);
    };
    if (typeof object.kind !== "string" || object.kind === "") fail("kind", "is missing: every object to federate needs apiVersion and kind");
    if (typeof object.apiVersion !== "string" || object.apiVersion === "") fail("apiVersion", "is missing: every object to federate needs apiVersion and kind");
    const apiVersion = object.apiVersion as string;
    const kind = object.kind as string;
    if (KUBEFED_GROUPS.test(apiVersion)) {
        fail("kind", apiVersion.startsWith("types.kubefed.io/") ? "is already a federated object" : "is KubeFed's own configuration, not an object to federate");
    }
    const metadata = isPlainObject(object.metadata) ? object.metadata : fail("metadata", "must be a mapping with a name");
    if (typeof metadata.name !== "string" || metadata.name === "") fail("metadata.name", "is missing: the federated object takes the object's name");
    const name = metadata.name as string;
    // An empty or null namespace is none, as kubefedctl reads it (helm template writes `namespace:`).
    const given = metadata.namespace === null || metadata.namespace === "" ? undefined : metadata.namespace;
    if (given !== undefined && typeof given !== "string") {
        fail("metadata.namespace", `must be a string${typeof given === "boolean" ? " (YAML 1.1, as kubectl reads it, takes an unquoted y, n, yes, no, on or off for a boolean: quote it)" : ""}`);
    }
    const namespace = apiVersion === "v1" && kind === "Namespace" ? name : (given as string | undefined);

    const template = structuredClone(object) as Record<string, unknown>;
    stripPerKind(kind, template, fail);
    const notes: string[] = [];
    const annotations = isPlainObject(metadata.annotations) ? Object.keys(metadata.annotations) : [];
    if (annotations.length > 0) notes.push(`${resource}: its annotations are not in the template, as with kubefedctl (${annotations.join(", ")})`);
    delete template.apiVersion;
    delete template.kind;
    delete template.status;
    const labels = metadata.labels;
    delete template.metadata;
    if (isPlainObject(labels) && Object.keys(labels).length > 0) template.metadata = { labels: structuredClone(labels) };

    return {
        source: document,
        federated: {
            apiVersion: FEDERATED_API_VERSION,
            kind: `Federated${kind}`,
            metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
            spec: { template, placement: placementOf(options) },
        },
        notes,
    };
}

/** kubefedctl federate's per-kind removals, by kind name whatever the group, as its checks are. */
function stripPerKind(kind: string, template: Record<string, unknown>, fail: (field: string, reason: string) => never): void {
    const spec = isPlainObject(template.spec) ? template.spec : undefined;
    if (kind === "Namespace" && spec) delete spec.finalizers;
    if (kind === "ServiceAccount") delete template.secrets;
    if (kind === "Service" && spec) {
        delete spec.clusterIP;
        delete spec.clusterIPs;
        if (spec.ports !== undefined) {
            if (!Array.isArray(spec.ports)) fail("spec.ports", "must be a list of ports");
            (spec.ports as unknown[]).forEach((port, index) => {
                if (!isPlainObject(port)) fail(`spec.ports[${index}]`, "must be a mapping");
                delete (port as Record<string, unknown>).nodePort;
            });
        }
    }
}

function placementOf(options: FederateOptions): Record<string, unknown> {
    if (options.clusters !== undefined) return { clusters: options.clusters.map((name) => ({ name })) };
    if (options.clusterSelector !== undefined) return { clusterSelector: options.clusterSelector };
    return { clusterSelector: { matchLabels: {} } };
}

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
 * Where this differs from kubefedctl, on purpose: an object without a kind, a name or a mapping
 * is an error naming the file, document and line (kubefedctl emits `kind: Federated` for an empty
 * document); an object that is already federated (`types.kubefed.io`), or is KubeFed's own
 * configuration (a FederatedTypeConfig, KubeFedCluster, ReplicaSchedulingPreference, …), is
 * skipped with a note, since folders such as KubeFed's own samples mix them with plain objects;
 * when every document is skipped, that is an error; a `List` is federated item by item
 * (kubefedctl makes a `FederatedList`).
 */
import { FederationError } from "../errors";
import { apiVersionProblem, kindProblem } from "../planning/names";
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

/** A document left alone: already federated, or KubeFed's own configuration. */
export interface SkippedDocument {
    /** The document. */
    source: ManifestDocument;
    /** For stderr: `skipped in.yaml document 0 (FederatedConfigMap ns/c): already federated`. */
    note: string;
}

/** What {@link federateDocuments} makes of the documents: the federated ones, and those it skipped. */
export interface FederateResult {
    /** The Federated<Kind> documents, in document order. */
    federated: FederatedDocument[];
    /** Documents already federated or KubeFed's own configuration, in document order. */
    skipped: SkippedDocument[];
    /** For stderr, in document order: each skipped document's note and what each federated one left out. */
    notes: string[];
}

/** KubeFed's own kinds: configuration of a federation, not something to federate. */
const KUBEFED_GROUPS = /^(types|core|scheduling|multiclusterdns)\.kubefed\.io\//;

/**
 * Federates every plain object of `documents` and skips, with a note each, those already
 * federated or that are KubeFed's own configuration. Throws a FederationError naming the file,
 * document, line and field of an object that cannot be federated, or when every document is
 * skipped (there is nothing to federate).
 */
export function federateDocuments(documents: readonly ManifestDocument[], options: FederateOptions = {}): FederateResult {
    return withPositions(documents, documentLabel, () => {
        const result: FederateResult = { federated: [], skipped: [], notes: [] };
        for (const document of documents) {
            const skip = skipReason(document);
            if (skip !== undefined) result.skipped.push({ source: document, note: `skipped ${documentLabel(document)}: ${skip}` });
            else result.federated.push(federateOne(document, options));
        }
        if (result.federated.length === 0 && result.skipped.length > 0) {
            const count = result.skipped.length;
            throw new FederationError(
                { resource: documentLabel(result.skipped[0].source) },
                `${count === 1 ? "the only document is" : `all ${count} documents are`} already federated or KubeFed's own configuration: ` +
                    "there is nothing to federate (FederatedManifests reads KubeFed YAML as it is)",
            );
        }
        noteSameFederatedObject(result);
        const notes = new Map<ManifestDocument, string[]>([
            ...result.skipped.map((skipped): [ManifestDocument, string[]] => [skipped.source, [skipped.note]]),
            ...result.federated.map((federated): [ManifestDocument, string[]] => [federated.source, federated.notes]),
        ]);
        result.notes = documents.flatMap((document) => notes.get(document) ?? []);
        return result;
    });
}

/** Why `document` is left alone, or undefined to federate it. */
function skipReason(document: ManifestDocument): string | undefined {
    const apiVersion = document.object.apiVersion;
    if (typeof apiVersion !== "string" || !KUBEFED_GROUPS.test(apiVersion)) return undefined;
    return apiVersion.startsWith("types.kubefed.io/") ? "already federated" : "KubeFed's own configuration, not an object to federate";
}

/**
 * A skipped Federated<Kind> with the name of one made here (KubeFed's sample1 has a Namespace and
 * a FederatedNamespace of it): applying both, one would replace the other. Said in its note.
 */
function noteSameFederatedObject(result: FederateResult): void {
    const key = (kind: unknown, namespace: unknown, name: unknown) => JSON.stringify([kind, namespace ?? null, name]);
    const made = new Map(result.federated.map((document) => [key(document.federated.kind, document.federated.metadata.namespace, document.federated.metadata.name), document]));
    for (const skipped of result.skipped) {
        const object = skipped.source.object;
        const metadata = isPlainObject(object.metadata) ? object.metadata : {};
        const twin = made.get(key(object.kind, metadata.namespace, metadata.name));
        if (twin) skipped.note += `; ${documentLabel(twin.source)} is federated under the same kind and name here, and applying both, one replaces the other`;
    }
}

function federateOne(document: ManifestDocument, options: FederateOptions): FederatedDocument {
    const resource = documentLabel(document);
    const object = document.object;
    const fail = (field: string | undefined, reason: string): never => {
        throw new FederationError({ resource, field }, reason);
    };
    if (typeof object.kind !== "string" || object.kind === "") fail("kind", "is missing: every object to federate needs apiVersion and kind");
    if (typeof object.apiVersion !== "string" || object.apiVersion === "") fail("apiVersion", "is missing: every object to federate needs apiVersion and kind");
    // The rules programs get (planning/names.ts): Federated<Kind> of a kind no API server serves helps nobody.
    const kindReason = kindProblem(object.kind);
    if (kindReason) fail("kind", kindReason);
    const apiVersionReason = apiVersionProblem(object.apiVersion);
    if (apiVersionReason) fail("apiVersion", apiVersionReason);
    const apiVersion = object.apiVersion as string;
    const kind = object.kind as string;
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

/**
 * The parts every KubeFed manifest document has, read with errors that name the file, the
 * document and the field: how errors label a document, its API group, metadata and spec.
 */
import { FederationError } from "../errors";
import { describeType } from "../planning/names";
import { isPlainObject } from "../planning/opaque";
import { ManifestDocument } from "./manifestDocument";

/** How errors name a document: `file.yaml document 1 (FederatedDeployment ns/redis)`. */
export function documentLabel(document: ManifestDocument): string {
    const object = document.object;
    const metadata = isPlainObject(object.metadata) ? object.metadata : {};
    const name = typeof metadata.name === "string" ? metadata.name : "<no name>";
    const qualified = typeof metadata.namespace === "string" ? `${metadata.namespace}/${name}` : name;
    const kind = typeof object.kind === "string" ? object.kind : "<no kind>";
    const item = document.item === undefined ? "" : ` item ${document.item}`;
    return `${document.source} document ${document.index}${item} (${kind} ${qualified})`;
}

export function groupOf(document: ManifestDocument): string {
    const apiVersion = document.object.apiVersion;
    return typeof apiVersion === "string" && apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
}

export function metadataOf(document: ManifestDocument, label: string): { name: string; namespace?: string; labels?: Record<string, string> } {
    const metadata = document.object.metadata;
    if (!isPlainObject(metadata)) throw new FederationError({ resource: label, field: "metadata" }, `must be a mapping with a name, got ${describeType(metadata)}`);
    if (typeof metadata.name !== "string" || metadata.name.length === 0) {
        throw new FederationError({ resource: label, field: "metadata.name" }, "every manifest needs a name");
    }
    if (metadata.namespace !== undefined && typeof metadata.namespace !== "string") {
        throw new FederationError({ resource: label, field: "metadata.namespace" }, `must be a string, got ${describeType(metadata.namespace)}`);
    }
    if (metadata.labels !== undefined && !isPlainObject(metadata.labels)) {
        throw new FederationError({ resource: label, field: "metadata.labels" }, `must be a mapping, got ${describeType(metadata.labels)}`);
    }
    return metadata as { name: string; namespace?: string; labels?: Record<string, string> };
}

export function specOf(document: ManifestDocument, label: string, required: boolean): Record<string, unknown> {
    const spec = document.object.spec;
    if (spec === undefined && !required) return {};
    if (!isPlainObject(spec)) throw new FederationError({ resource: label, field: "spec" }, `must be a mapping, got ${describeType(spec)}`);
    return spec;
}


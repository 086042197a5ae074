/**
 * Shared helpers for the KubeFed manifest tests. Not a test file itself (no `.test.ts`), so mocha
 * only loads it through the imports of the test files.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { ManifestDocument, parseManifestText } from "../../components/manifests/load";

export { ExpectedError, expectFederationError } from "../federationErrors";

/** The given objects as one multi-document YAML text (`---` between documents). */
export function yamlText(...objects: unknown[]): string {
    return objects.map((object) => stringify(object)).join("---\n");
}

/** The given objects as documents of a file called `source`, through the real parser. */
export function docs(source: string, ...objects: unknown[]): ManifestDocument[] {
    return parseManifestText(yamlText(...objects), source);
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempFolder(prefix = "kubefed-manifests-"): { dir: string; cleanup: () => void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// Builders for the KubeFed document shapes, so the tables stay short.

export const TYPES = "types.kubefed.io/v1beta1";
export const CORE = "core.kubefed.io/v1beta1";
export const SCHEDULING = "scheduling.kubefed.io/v1alpha1";

export function federated(kind: string, name: string, namespace: string | undefined, spec: Record<string, unknown>, apiVersion = TYPES): Record<string, unknown> {
    return { apiVersion, kind, metadata: namespace === undefined ? { name } : { name, namespace }, spec };
}

export function federatedNamespace(name: string, placement?: unknown): Record<string, unknown> {
    return { apiVersion: TYPES, kind: "FederatedNamespace", metadata: { name, namespace: name }, spec: placement === undefined ? {} : { placement } };
}

export function kubeFedCluster(name: string, labels?: Record<string, string>): Record<string, unknown> {
    return {
        apiVersion: CORE,
        kind: "KubeFedCluster",
        metadata: labels === undefined ? { name } : { name, labels },
        spec: { apiEndpoint: `https://${name}.example.test:6443`, secretRef: { name: `${name}-secret` } },
    };
}

/** A FederatedTypeConfig as `kubefedctl enable` writes it (plural names: the kind in lower case + "s"). */
export function typeConfig(federatedKind: string, target: Record<string, unknown>, propagation = "Enabled"): Record<string, unknown> {
    const targetType = { pluralName: `${String(target.kind).toLowerCase()}s`, ...target };
    return {
        apiVersion: CORE,
        kind: "FederatedTypeConfig",
        metadata: { name: target.group ? `${targetType.pluralName}.${target.group}` : targetType.pluralName, namespace: "kube-federation-system" },
        spec: {
            federatedType: { group: "types.kubefed.io", version: "v1beta1", kind: federatedKind, pluralName: `${federatedKind.toLowerCase()}s`, ...(target.scope === undefined ? {} : { scope: target.scope }) },
            targetType,
            propagation,
        },
    };
}

/**
 * Kubernetes naming rules that the federation depends on. Member names become parts of Pulumi
 * logical names (`<resource>-<cluster>`) and of DNS names later, so they must be DNS-1123 labels.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN_MAX = 253;

/** A lower-case RFC 1123 label: at most 63 characters of `a-z`, `0-9` and `-`, alphanumeric at both ends. */
export function isDns1123Label(value: string): boolean {
    return value.length <= 63 && DNS1123_LABEL.test(value);
}

/** A lower-case RFC 1123 subdomain: dot-separated labels, at most 253 characters. */
export function isDns1123Subdomain(value: string): boolean {
    return value.length > 0 && value.length <= DNS1123_SUBDOMAIN_MAX && value.split(".").every(isDns1123Label);
}

/** Why `value` is not a DNS-1123 label, or undefined when it is one. */
export function dns1123LabelProblem(value: unknown): string | undefined {
    if (typeof value !== "string") return `must be a string, got ${describeType(value)}`;
    if (value.length === 0) return "must not be empty";
    if (value.length > 63) return `"${value}" is longer than 63 characters`;
    if (!DNS1123_LABEL.test(value)) {
        return `"${value}" is not a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)`;
    }
    return undefined;
}

export function describeType(value: unknown): string {
    if (value === undefined) return "nothing";
    if (value === null) return "null";
    if (Array.isArray(value)) return "an array";
    if (typeof value === "object") {
        const proto = Object.getPrototypeOf(value);
        const name = proto && proto !== Object.prototype ? proto.constructor?.name : undefined;
        return name ? `a ${name} (a value only known at deployment time, or a class instance)` : "an object";
    }
    if (typeof value === "string" && (value.length > 40 || /[\n\r]/.test(value))) {
        // Long or multi-line text may be a template, a kubeconfig or Secret data: never echo it.
        return `a string of ${value.length} characters${/[\n\r]/.test(value) ? " on several lines" : ""}`;
    }
    return typeof value === "number" ? `number ${String(value)}` : `${typeof value} ${JSON.stringify(value)}`;
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Kinds whose names Kubernetes checks as path segments (RBAC: "system:aggregate-to-view" is valid). */
const PATH_SEGMENT_NAMED_KINDS = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"];

/**
 * Why `name` cannot be the `metadata.name` of a `kind` object, by the rule the API server applies:
 * a DNS-1123 label for a Namespace, a DNS-1035 label (starting with a letter) for a Service, a
 * path segment for the RBAC kinds, a DNS-1123 subdomain for everything else (custom kinds too).
 */
export function objectNameProblem(kind: string, name: unknown): string | undefined {
    if (typeof name !== "string") return `must be a string, got ${describeType(name)}`;
    if (name.length === 0) return "must not be empty";
    if (kind === "Namespace") {
        const problem = dns1123LabelProblem(name);
        return problem && `namespace name ${problem}`;
    }
    if (kind === "Service") {
        if (name.length > 63) return `"${name}" is longer than 63 characters, the limit for a Service name`;
        return DNS1035_LABEL.test(name) ? undefined : `"${name}" is not a valid Service name (a DNS-1035 label: lower-case letters, digits and '-', starting with a letter and ending with a letter or digit)`;
    }
    if (PATH_SEGMENT_NAMED_KINDS.includes(kind)) {
        if (name === "." || name === "..") return `"${name}" is not a valid ${kind} name`;
        return /[/%]/.test(name) ? `"${name}" is not a valid ${kind} name (it may not contain '/' or '%')` : undefined;
    }
    if (name.length > DNS1123_SUBDOMAIN_MAX) return `"${name.slice(0, 40)}..." is longer than ${DNS1123_SUBDOMAIN_MAX} characters`;
    return isDns1123Subdomain(name) ? undefined : `"${name}" is not a valid ${kind} name (a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit)`;
}

/**
 * The rule for a kind, the API server's for custom kinds (apiextensions' CRD names check: the
 * kind in lower case is a DNS-1035 label), which every built-in kind meets too: letters, digits
 * and '-', starting with a letter and ending with a letter or digit, at most 63 characters. It is
 * also what KubeFed's FederatedTypeConfig webhook applies, so programs and KubeFed YAML agree.
 * A kind becomes part of URL paths, Pulumi type tokens and `Federated<Kind>`: spaces, '/' and '.'
 * are never part of one.
 */
const KIND = /^[A-Za-z]([-A-Za-z0-9]*[A-Za-z0-9])?$/;

/** Why `kind` cannot be a Kubernetes kind (see KIND above), or undefined when it can. */
export function kindProblem(kind: unknown): string | undefined {
    if (typeof kind !== "string") return `must be a kind such as "Deployment", got ${describeType(kind)}`;
    if (kind.length === 0) return 'must not be empty (a kind such as "Deployment")';
    if (kind.length > 63) return `${shownName(kind)} is longer than 63 characters, the limit for a kind`;
    if (!KIND.test(kind)) {
        return `${shownName(kind)} is not a Kubernetes kind (letters, digits and '-', starting with a letter and ending with a letter or digit, such as "Deployment")`;
    }
    return undefined;
}

/**
 * Why `apiVersion` cannot be an apiVersion, or undefined when it can: a core version such as `v1`,
 * or `<group>/<version>` where the group is a DNS-1123 subdomain (`apps`, `cert-manager.io`) and
 * the version a DNS-1035 label (`v1`, `v1beta1`, `v2alpha3`). The API server serves nothing
 * else, so anything else fails only when the object is applied.
 */
export function apiVersionProblem(apiVersion: unknown): string | undefined {
    if (typeof apiVersion !== "string") return `must be an apiVersion such as "apps/v1", got ${describeType(apiVersion)}`;
    if (apiVersion.length === 0) return 'must not be empty (an apiVersion such as "apps/v1" or "v1")';
    const shown = shownName(apiVersion);
    const parts = apiVersion.split("/");
    if (parts.length > 2) return `${shown} is not an apiVersion: it has ${parts.length - 1} '/' where <group>/<version> (such as "apps/v1") has one`;
    const [group, version] = parts.length === 2 ? parts : [undefined, parts[0]];
    if (group !== undefined && !isDns1123Subdomain(group)) {
        return `${shown} is not an apiVersion: the group ${shownName(group)} is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', such as "apps" or "cert-manager.io")`;
    }
    if (version.length > 63 || !DNS1035_LABEL.test(version)) {
        return `${shown} is not an apiVersion: the version ${shownName(version)} is not a DNS-1035 label (lower-case letters, digits and '-', starting with a letter, such as "v1" or "v1beta1")`;
    }
    return undefined;
}

/** A name as a message shows it: quoted, or described by its size when long or on several lines. */
function shownName(text: string): string {
    return text.length > 80 || /[\n\r]/.test(text) ? describeType(text) : JSON.stringify(text);
}

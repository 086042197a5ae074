/**
 * The names of cross-cluster DNS (ServiceDNSRecord, IngressDNSRecord), apart from their records
 * (dns.ts): KubeFed's global, regional and zonal names, the checks that they are names DNS can
 * carry, and a cluster's own name under a weighted record set.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { Member } from "./members";
import { describeType, dns1123LabelProblem, isDns1123Subdomain } from "./names";

/** What a federated service's DNS names are made of. */
export interface DnsNameInput {
    /** The Service's name, the first label of every name. */
    service: string;
    /** The Service's namespace. */
    namespace: string;
    /** The federation's DNS name part (KubeFed's Domain reference). */
    federation: string;
    /** The DNS zone, e.g. `example.com` (a trailing dot is dropped). */
    domain: string;
    /** Adds `<prefix>.<domain>` as a CNAME to the global name. */
    prefix?: string;
    /** The member label holding the cluster's region (default `topology.kubernetes.io/region`). */
    regionLabel?: string;
    /** The member label holding the cluster's zone (default `topology.kubernetes.io/zone`). */
    zoneLabel?: string;
    /** How names with several hostnames are published: `"resolve"` never names a cluster under them. */
    hostnames?: HostnameRecords;
}

/**
 * How a name with several load balancer hostnames, or hostnames and IPs, is published: weighted
 * CNAMEs to each cluster's own name (`"weighted"`, the default) or the hostnames' looked-up
 * addresses as A/AAAA records (`"resolve"`). See dns.ts.
 */
export type HostnameRecords = "weighted" | "resolve";

export const REGION_LABEL = "topology.kubernetes.io/region";
export const ZONE_LABEL = "topology.kubernetes.io/zone";

/**
 * Checks the naming inputs (fields relative to the component's arguments): `domain` a DNS domain
 * with at least two labels, `prefix` and `federation` DNS-1123 labels, `ttl` a whole number of
 * seconds above 0. Each given field is checked; a bad one is a FederationError.
 */
export function validateDnsNaming(input: {
    /** The DNS zone, e.g. `example.com`. */
    domain?: unknown;
    /** The `<prefix>.<domain>` name's first label. */
    prefix?: unknown;
    /** The federation's DNS name part (reported as the `federationName` field). */
    federation?: unknown;
    /** Seconds. */
    ttl?: unknown;
}, location: FederationErrorLocation): void {
    const fail = (field: string, reason: string) => new FederationError({ ...location, field }, reason);
    const domain = typeof input.domain === "string" ? input.domain.replace(/\.$/, "") : input.domain;
    if ("domain" in input && (typeof domain !== "string" || !isDns1123Subdomain(domain) || !domain.includes("."))) {
        throw fail("domain", `${JSON.stringify(input.domain)} is not a DNS domain such as example.com (lower-case labels of letters, digits and '-', separated by dots)`);
    }
    if (input.prefix !== undefined) {
        const problem = dns1123LabelProblem(input.prefix);
        if (problem) throw fail("prefix", `DNS prefix ${problem}`);
    }
    if (input.federation !== undefined) {
        const problem = dns1123LabelProblem(input.federation);
        if (problem) throw fail("federationName", `the federation's DNS name ${problem}`);
    }
    if (input.ttl !== undefined && !(typeof input.ttl === "number" && Number.isInteger(input.ttl) && input.ttl > 0)) {
        throw fail("ttl", `must be a whole number of seconds above 0, got ${JSON.stringify(input.ttl)}`);
    }
}

/**
 * The names a service's records will have, known at plan time (targets come later): the global
 * name, and a name per region and per zone of `clusters` (from the members' region and zone
 * labels, which must be DNS labels). A name that is not a valid DNS name is a FederationError.
 */
export function serviceDnsNames(input: DnsNameInput, members: readonly Member[], clusters: readonly string[], location: FederationErrorLocation = {}) {
    const base = `${input.service}.${input.namespace}.${input.federation}.svc`;
    const domain = input.domain.replace(/\.$/, "");
    const regionLabel = input.regionLabel ?? REGION_LABEL;
    const zoneLabel = input.zoneLabel ?? ZONE_LABEL;
    const byName = new Map(members.map((member) => [member.name, member]));
    const regions: string[] = [];
    const zones: { zone: string; region: string }[] = [];
    for (const cluster of clusters) {
        const region = dnsLabelOf(byName.get(cluster), regionLabel, "region", location);
        if (region === undefined) continue;
        if (!regions.includes(region)) regions.push(region);
        const zone = dnsLabelOf(byName.get(cluster), zoneLabel, "zone", location);
        if (zone !== undefined && !zones.some((z) => z.zone === zone && z.region === region)) zones.push({ zone, region });
    }
    const names = {
        /** `<service>.<namespace>.<federation>.svc.<domain>`. */
        global: `${base}.${domain}`,
        /** One name per region of the clusters, in member order. */
        regions: regions.map((region) => ({
            /** The region, the member label's value. */
            region,
            /** `<service>.<namespace>.<federation>.svc.<region>.<domain>`. */
            name: `${base}.${region}.${domain}`,
        })),
        /** One name per zone (within its region) of the clusters, in member order. */
        zones: zones.map(({ zone, region }) => ({
            /** The zone, the member label's value. */
            zone,
            /** The zone's region. */
            region,
            /** `<service>.<namespace>.<federation>.svc.<zone>.<region>.<domain>`. */
            name: `${base}.${zone}.${region}.${domain}`,
        })),
        /** `<prefix>.<domain>`, when a prefix is given. */
        prefix: input.prefix ? `${input.prefix}.${domain}` : undefined,
    };
    const named = [names.global, ...names.regions.map((r) => r.name), ...names.zones.map((z) => z.name), names.prefix].filter((name): name is string => name !== undefined);
    // A weighted record set also names each cluster under each name (recordsFor).
    const own = input.hostnames === "resolve" ? [] : named.flatMap((name) => clusters.map((cluster) => clusterOwnName(cluster, name)));
    for (const name of [...named, ...own]) {
        const problem = dnsNameProblem(name, false);
        if (problem !== undefined) throw new FederationError(location, `${problem}; use shorter names or a prefix`);
    }
    return names;
}

/**
 * Why `name` is not a DNS name records can carry, or undefined: labels of 1-63 characters of
 * a-z, 0-9 and '-' (not at either end), at most 253 characters in all; `*.` first only where a
 * wildcard is allowed (an Ingress host). The message shows at most 60 characters of the name.
 */
export function dnsNameProblem(name: string, wildcard: boolean): string | undefined {
    const shown = quotedShort(name);
    if (name.length > 253) return `the DNS name ${shown} is ${name.length} characters, more than DNS allows (253)`;
    const bare = wildcard && name.startsWith("*.") ? name.slice(2) : name;
    const bad = bare.split(".").find((label) => label.length === 0 || label.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(label));
    if (bad !== undefined) {
        const label = bad.length > 60 ? `${quotedShort(bad)} (${bad.length} characters)` : quotedShort(bad);
        return `the DNS name ${shown} has the label ${label}, which is not 1-63 characters of a-z, 0-9 and '-' (not at either end)`;
    }
    return undefined;
}

/**
 * Why an Ingress `host` cannot be published, or undefined: not a string with a dot, or not a DNS
 * name (a leading `*.` allowed); with weighted records (not `hostnames: "resolve"`), also when
 * the name of one of `clusters` under it is not.
 */
export function ingressHostProblem(host: unknown, clusters: readonly string[], hostnames: HostnameRecords | undefined): string | undefined {
    if (typeof host !== "string" || !host.replace(/^\*\./, "").includes(".")) return `${typeof host === "string" ? quotedShort(host) : describeType(host)} is not a DNS name`;
    const own = hostnames === "resolve" ? [] : clusters.map((cluster) => clusterOwnName(cluster, host));
    for (const name of [host, ...own]) {
        const problem = dnsNameProblem(name, true);
        if (problem !== undefined) return problem;
    }
    return undefined;
}

/**
 * A member's region or zone label value, which becomes a label of DNS names: its own label only
 * (never an inherited property), and a DNS-1123 label, or the error names the member.
 */
function dnsLabelOf(member: Member | undefined, label: string, what: string, location: FederationErrorLocation): string | undefined {
    const labels = member?.labels;
    if (!labels || !Object.prototype.hasOwnProperty.call(labels, label)) return undefined;
    const value = labels[label];
    const problem = dns1123LabelProblem(value);
    if (problem) {
        throw new FederationError(
            { ...location, cluster: member!.name, field: `labels["${label}"]` },
            `member ${member!.name}'s ${what} ${problem}, so it cannot be part of a DNS name; fix the label or choose another with ${what}Label`,
        );
    }
    return value;
}

/**
 * A cluster's own name under a record's name, which the weighted set points at: `<cluster>.<name>`;
 * under a wildcard (`*.example.com`), `<cluster>.example.com`, since a target cannot be a wildcard
 * and `*` may only be the first label.
 */
export function clusterOwnName(cluster: string, name: string): string {
    return `${cluster}.${name.startsWith("*.") ? name.slice(2) : name}`;
}

/** `text` quoted, cut to its first 60 characters (with "...") when longer: for messages about a user's names. */
export function quotedShort(text: string): string {
    return text.length > 60 ? `${JSON.stringify(text.slice(0, 60))}...` : JSON.stringify(text);
}

/**
 * Cross-cluster discovery by DNS, KubeFed's ServiceDNSRecord and IngressDNSRecord done as a pure
 * function: from each placed cluster's load balancer addresses, the record sets that make one
 * name reach the service wherever it runs.
 *
 * Names (as KubeFed builds them):
 *   global  <service>.<namespace>.<federation>.svc.<domain>
 *   region  <service>.<namespace>.<federation>.svc.<region>.<domain>
 *   zone    <service>.<namespace>.<federation>.svc.<zone>.<region>.<domain>
 * A zone or region with no healthy address falls back by CNAME to the level above (zone ->
 * region -> global), so clients of a zonal name fail over by DNS when their zone's clusters go.
 * `prefix` adds `<prefix>.<domain>` as a CNAME to the global name.
 *
 * Targets: IPv4 addresses make A records, IPv6 AAAA. A name whose only target is one hostname
 * (a cloud load balancer's) is a CNAME. DNS allows no CNAME beside other records and no CNAME
 * with several targets, so a name with several hostnames, or hostnames and IPs, is published in
 * two steps: each cluster gets its own name, `<cluster>.<name>` (A/AAAA for its IPs, or a CNAME to
 * its load balancer), and the name itself is a set of weighted CNAMEs of equal weight, one per
 * cluster, told apart by `setIdentifier` (weighted routing in Route 53, Cloud DNS routing
 * policies, external-dns). Hostnames are never resolved at plan time.
 */
import { FederationError, FederationErrorLocation } from "../errors";
import { Member } from "./members";
import { dns1123LabelProblem, isDns1123Subdomain } from "./names";
import { isPlainObject, ownValue } from "./opaque";

/** The DNS record types the records use: A for IPv4 addresses, AAAA for IPv6, CNAME for load balancer hostnames and fallbacks. */
export type DnsRecordType = "A" | "AAAA" | "CNAME";

/** One DNS record set, provider-neutral: a name, its type and its targets. */
export interface DnsRecord {
    /** Fully qualified, without the trailing dot. */
    name: string;
    /** A, AAAA or CNAME. */
    type: DnsRecordType;
    /** IP addresses (A, AAAA) or the one name a CNAME points to. */
    targets: string[];
    /** Time to live, in seconds. */
    ttl: number;
    /** For weighted records of one name: the cluster the record points at. */
    setIdentifier?: string;
    /** For weighted records: the weight (all equal). */
    weight?: number;
    /**
     * Which name the record is for: the global, a region's or a zone's name, the `prefix` name, an
     * ingress host, or (`cluster`) a cluster's own name under a weighted one.
     */
    scope: "global" | "region" | "zone" | "prefix" | "host" | "cluster";
}

/** One placed cluster's addresses for the service or ingress. */
export interface ClusterAddresses {
    /** The cluster's member name. */
    cluster: string;
    /** Its load balancer addresses (an address with both an IP and a hostname is served by its IP). */
    addresses: {
        /** An IPv4 or IPv6 address. */
        ip?: string;
        /** A load balancer's DNS name (never resolved at plan time). */
        hostname?: string;
    }[];
    /** False leaves the cluster out (its workload has no ready replicas, say). Default true. */
    healthy?: boolean;
}

/** What a federated service's DNS names are made of, and the record options. */
export interface ServiceDnsInput {
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
    /** Seconds. Default 300. */
    ttl?: number;
    /** The member label holding the cluster's region (default `topology.kubernetes.io/region`). */
    regionLabel?: string;
    /** The member label holding the cluster's zone (default `topology.kubernetes.io/zone`). */
    zoneLabel?: string;
    /** Keep clusters whose `healthy` is false. */
    allowUnhealthy?: boolean;
}

export const DEFAULT_TTL = 300;
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
export function serviceDnsNames(input: ServiceDnsInput, members: readonly Member[], clusters: readonly string[], location: FederationErrorLocation = {}) {
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
    // A record set with several clusters also names each cluster under each name (recordsFor).
    for (const name of [...named, ...named.flatMap((name) => clusters.map((cluster) => clusterOwnName(cluster, name)))]) {
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
    const shown = name.length > 60 ? `${JSON.stringify(name.slice(0, 60))}...` : JSON.stringify(name);
    if (name.length > 253) return `the DNS name ${shown} is ${name.length} characters, more than DNS allows (253)`;
    const bare = wildcard && name.startsWith("*.") ? name.slice(2) : name;
    const bad = bare.split(".").find((label) => label.length === 0 || label.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(label));
    if (bad !== undefined) {
        const label = bad.length > 60 ? `${JSON.stringify(bad.slice(0, 60))}... (${bad.length} characters)` : JSON.stringify(bad);
        return `the DNS name ${shown} has the label ${label}, which is not 1-63 characters of a-z, 0-9 and '-' (not at either end)`;
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
 * Every record for a federated service, from its clusters' addresses. `alsoNamed` are clusters
 * that get no addresses now but keep their zone and region names (members marked unavailable),
 * so that those names point up the hierarchy instead of disappearing.
 */
export function serviceDnsRecords(input: ServiceDnsInput, members: readonly Member[], addresses: readonly ClusterAddresses[], alsoNamed: readonly string[] = []): DnsRecord[] {
    const ttl = input.ttl ?? DEFAULT_TTL;
    const usable = addresses.filter((entry) => input.allowUnhealthy || entry.healthy !== false);
    const placed = addresses.map((entry) => entry.cluster);
    const named = members.map((member) => member.name).filter((cluster) => placed.includes(cluster) || alsoNamed.includes(cluster));
    const names = serviceDnsNames(input, members, named);
    const byName = new Map(members.map((member) => [member.name, member]));
    const labelOf = (cluster: string, label: string) => {
        const labels = byName.get(cluster)?.labels;
        return labels && Object.prototype.hasOwnProperty.call(labels, label) ? labels[label] : undefined;
    };
    const regionLabel = input.regionLabel ?? REGION_LABEL;
    const zoneLabel = input.zoneLabel ?? ZONE_LABEL;

    const records: DnsRecord[] = [];
    for (const { zone, region, name } of names.zones) {
        const here = usable.filter((entry) => labelOf(entry.cluster, regionLabel) === region && labelOf(entry.cluster, zoneLabel) === zone);
        records.push(...recordsFor(name, here, ttl, "zone", `${input.service}.${input.namespace}.${input.federation}.svc.${region}.${input.domain.replace(/\.$/, "")}`));
    }
    for (const { region, name } of names.regions) {
        const here = usable.filter((entry) => labelOf(entry.cluster, regionLabel) === region);
        records.push(...recordsFor(name, here, ttl, "region", names.global));
    }
    records.push(...recordsFor(names.global, usable, ttl, "global", undefined));
    if (names.prefix) records.push({ name: names.prefix, type: "CNAME", targets: [names.global], ttl, scope: "prefix" });
    return records;
}

/**
 * Records for an ingress: one name per host, with the addresses of every healthy cluster whose
 * ingress serves that host (`hostClusters`; all clusters when a host is not listed there).
 */
export function ingressDnsRecords(
    hosts: readonly string[],
    addresses: readonly ClusterAddresses[],
    options: {
        /** Seconds. Default 300. */
        ttl?: number;
        /** Keep clusters whose `healthy` is false. */
        allowUnhealthy?: boolean;
        /** For each host, the clusters whose ingress serves it. */
        hostClusters?: Record<string, readonly string[]>;
    } = {},
): DnsRecord[] {
    const ttl = options.ttl ?? DEFAULT_TTL;
    const usable = addresses.filter((entry) => options.allowUnhealthy || entry.healthy !== false);
    return hosts.flatMap((host) => {
        const serving = ownValue(options.hostClusters, host);
        return recordsFor(host, serving ? usable.filter((entry) => serving.includes(entry.cluster)) : usable, ttl, "host", undefined);
    });
}

/**
 * The records for one name. No address: a CNAME to `fallback` (the level above), or nothing at
 * the top. IPs only: one A and/or AAAA record. One hostname only: a CNAME. Otherwise a weighted
 * CNAME per cluster to the cluster's own name, which carries that cluster's addresses.
 */
function recordsFor(name: string, given: readonly ClusterAddresses[], ttl: number, scope: DnsRecord["scope"], fallback: string | undefined): DnsRecord[] {
    // An address with both an IP and a hostname is served by its IP (no lookup needed).
    const clusters = given.map((entry) => ({ ...entry, addresses: entry.addresses.map((address) => (address.ip ? { ip: address.ip } : { hostname: address.hostname })) }));
    const withAddresses = clusters.filter((entry) => entry.addresses.length > 0);
    if (withAddresses.length === 0) return fallback ? [{ name, type: "CNAME", targets: [fallback], ttl, scope }] : [];
    const all = withAddresses.flatMap((entry) => entry.addresses);
    const hostnames = unique(all.flatMap((address) => (address.hostname ? [address.hostname] : [])));
    const ips = unique(all.flatMap((address) => (address.ip ? [address.ip] : [])));
    if (hostnames.length === 0) return ipRecords(name, ips, ttl, scope);
    if (hostnames.length === 1 && ips.length === 0) return [{ name, type: "CNAME", targets: hostnames, ttl, scope }];
    const records: DnsRecord[] = [];
    for (const entry of withAddresses) {
        const own = clusterOwnName(entry.cluster, name);
        records.push({ name, type: "CNAME", targets: [own], ttl, scope, setIdentifier: entry.cluster, weight: 1 });
        const ownIps = unique(entry.addresses.flatMap((address) => (address.ip ? [address.ip] : [])));
        const ownHostnames = unique(entry.addresses.flatMap((address) => (address.hostname ? [address.hostname] : [])));
        // A cluster's own name: its IPs, or (having none) a CNAME to its first load balancer.
        if (ownIps.length > 0) records.push(...ipRecords(own, ownIps, ttl, "cluster"));
        else records.push({ name: own, type: "CNAME", targets: [ownHostnames[0]], ttl, scope: "cluster" });
    }
    return records;
}

/**
 * A cluster's own name under a record's name, which the weighted set points at: `<cluster>.<name>`;
 * under a wildcard (`*.example.com`), `<cluster>.example.com`, since a target cannot be a wildcard
 * and `*` may only be the first label.
 */
export function clusterOwnName(cluster: string, name: string): string {
    return `${cluster}.${name.startsWith("*.") ? name.slice(2) : name}`;
}

function ipRecords(name: string, ips: readonly string[], ttl: number, scope: DnsRecord["scope"]): DnsRecord[] {
    const v4 = ips.filter((ip) => !ip.includes(":")).sort(compareIps);
    const v6 = ips.filter((ip) => ip.includes(":")).sort();
    const records: DnsRecord[] = [];
    if (v4.length > 0) records.push({ name, type: "A", targets: v4, ttl, scope });
    if (v6.length > 0) records.push({ name, type: "AAAA", targets: v6, ttl, scope });
    return records;
}

function compareIps(a: string, b: string): number {
    const pa = a.split(".").map(Number);
    const pb = b.split(".").map(Number);
    for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
    return 0;
}

function unique(values: readonly string[]): string[] {
    return [...new Set(values)];
}

/**
 * The records as an external-dns `DNSEndpoint` spec (`externaldns.k8s.io/v1alpha1`). Weighted
 * records carry their weight as the provider-specific property external-dns reads for the DNS
 * provider in use (`aws/weight` for Route 53, the default).
 */
export function dnsEndpointSpec(
    records: readonly DnsRecord[],
    options: {
        /** The provider-specific property that carries a weighted record's weight (default `aws/weight`). */
        weightProperty?: string;
    } = {},
): {
    /** One external-dns endpoint per record. */
    endpoints: Record<string, unknown>[];
} {
    const weightProperty = options.weightProperty ?? "aws/weight";
    return {
        endpoints: records.map((record) => ({
            dnsName: record.name,
            recordType: record.type,
            recordTTL: record.ttl,
            targets: [...record.targets],
            ...(record.setIdentifier ? { setIdentifier: record.setIdentifier } : {}),
            ...(record.weight !== undefined ? { providerSpecific: [{ name: weightProperty, value: String(record.weight) }] } : {}),
        })),
    };
}

/** The addresses marked healthy or not from a per-cluster health map (undefined: all healthy). */
export function clustersWithHealth(addresses: readonly ClusterAddresses[], health: Record<string, boolean> | undefined): ClusterAddresses[] {
    return addresses.map((entry) => ({ ...entry, healthy: health === undefined ? true : health[entry.cluster] === true }));
}

/** Each host of the planned ingress objects, with the clusters whose object serves it. */
export function ingressHostClusters(objects: Readonly<Record<string, Readonly<Record<string, unknown>>>>): Record<string, string[]> {
    // A Map: a host is a user's string, and `hosts[host] ??= []` would find `constructor`.
    const hosts = new Map<string, string[]>();
    for (const [cluster, object] of Object.entries(objects)) {
        const rules = isPlainObject(object.spec) ? object.spec.rules : undefined;
        if (!Array.isArray(rules)) continue;
        for (const rule of rules) {
            if (!isPlainObject(rule) || typeof rule.host !== "string") continue;
            const serving = hosts.get(rule.host) ?? [];
            hosts.set(rule.host, serving);
            if (!serving.includes(cluster)) serving.push(cluster);
        }
    }
    // Object.fromEntries makes own properties, whatever the key.
    return Object.fromEntries(hosts);
}

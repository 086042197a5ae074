/**
 * Cross-cluster discovery by DNS, KubeFed's ServiceDNSRecord and IngressDNSRecord done as a pure
 * function: from each placed cluster's load balancer addresses, the record sets that make one
 * name reach the service wherever it runs. (The names themselves: dnsNames.ts.)
 *
 * A zone or region with no healthy address falls back by CNAME to the level above (zone ->
 * region -> global), so clients of a zonal name fail over by DNS when their zone's clusters go.
 * `prefix` adds `<prefix>.<domain>` as a CNAME to the global name.
 *
 * Targets: IPv4 addresses make A records, IPv6 AAAA. A name whose only target is one hostname
 * (a cloud load balancer's) is a CNAME. DNS allows no CNAME beside other records and no CNAME
 * with several targets, so a name with several hostnames, or hostnames and IPs, needs one of:
 * - `hostnames: "weighted"` (the default): two steps. Each cluster gets its own name,
 *   `<cluster>.<name>` (A/AAAA for its IPs, or a CNAME to its load balancer), and the name itself
 *   is a set of weighted CNAMEs of equal weight, one per cluster, told apart by `setIdentifier`.
 *   Only a DNS provider with weighted routing serves that (Route 53 through external-dns).
 * - `hostnames: "resolve"`: the hostnames' addresses, looked up by the component before it calls
 *   this (`resolved` on each address), are published as A/AAAA records, as KubeFed's controller
 *   did. For DNS servers without weighted routing, CoreDNS among them. A
 *   hostname that did not resolve is left out of such names.
 */
import { Member } from "./members";
import * as net from "net";
import { FederationError, FederationErrorLocation } from "../errors";
import { isOpaque, isPlainObject, ownValue } from "./opaque";
import { describeType } from "./names";
import { DnsNameInput, HostnameRecords, REGION_LABEL, ZONE_LABEL, clusterOwnName, serviceDnsNames } from "./dnsNames";

export { DnsNameInput, HostnameRecords, REGION_LABEL, ZONE_LABEL, clusterOwnName, dnsNameProblem, serviceDnsNames, validateDnsNaming } from "./dnsNames";

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
        /** A load balancer's DNS name. */
        hostname?: string;
        /** With `hostnames: "resolve"`: the addresses `hostname` resolved to (none: it did not resolve). */
        resolved?: string[];
    }[];
    /** False leaves the cluster out (its workload has no ready replicas, say). Default true. */
    healthy?: boolean;
}

/** What a federated service's DNS names are made of, and the record options. */
export interface ServiceDnsInput extends DnsNameInput, RecordOptions {}

/** How records are made, for services and ingresses alike. */
export interface RecordOptions {
    /** Seconds. Default 300. */
    ttl?: number;
    /** Keep clusters whose `healthy` is false. */
    allowUnhealthy?: boolean;
    /**
     * How a name with several hostnames, or hostnames and IPs, is published: weighted CNAMEs
     * (`"weighted"`, the default) or the hostnames' `resolved` addresses (`"resolve"`).
     */
    hostnames?: HostnameRecords;
}

export const DEFAULT_TTL = 300;

/**
 * Every record for a federated service, from its clusters' addresses. `alsoNamed` are clusters
 * that get no addresses now but keep their zone and region names (members marked unavailable),
 * so that those names point up the hierarchy instead of disappearing.
 */
export function serviceDnsRecords(input: ServiceDnsInput, members: readonly Member[], addresses: readonly ClusterAddresses[], alsoNamed: readonly string[] = []): DnsRecord[] {
    checkAddressesAndOptions(addresses, input);
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
        records.push(...recordsFor(name, here, ttl, "zone", input.hostnames, `${input.service}.${input.namespace}.${input.federation}.svc.${region}.${input.domain.replace(/\.$/, "")}`));
    }
    for (const { region, name } of names.regions) {
        const here = usable.filter((entry) => labelOf(entry.cluster, regionLabel) === region);
        records.push(...recordsFor(name, here, ttl, "region", input.hostnames, names.global));
    }
    records.push(...recordsFor(names.global, usable, ttl, "global", input.hostnames, undefined));
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
    options: RecordOptions & {
        /** For each host, the clusters whose ingress serves it. */
        hostClusters?: Record<string, readonly string[]>;
    } = {},
): DnsRecord[] {
    checkAddressesAndOptions(addresses, options);
    const ttl = options.ttl ?? DEFAULT_TTL;
    const usable = addresses.filter((entry) => options.allowUnhealthy || entry.healthy !== false);
    return hosts.flatMap((host) => {
        const serving = ownValue(options.hostClusters, host);
        return recordsFor(host, serving ? usable.filter((entry) => serving.includes(entry.cluster)) : usable, ttl, "host", options.hostnames, undefined);
    });
}

/**
 * The records for one name. No address: a CNAME to `fallback` (the level above), or nothing at
 * the top. IPs only: one A and/or AAAA record. One hostname only: a CNAME. Otherwise, with
 * `hostnames: "resolve"`, the IPs and the hostnames' resolved addresses; by default a weighted
 * CNAME per cluster to the cluster's own name, which carries that cluster's addresses.
 */
function recordsFor(name: string, given: readonly ClusterAddresses[], ttl: number, scope: DnsRecord["scope"], hostnameRecords: HostnameRecords | undefined, fallback: string | undefined): DnsRecord[] {
    const clusters = given.map((entry) => ({
        ...entry,
        addresses: entry.addresses.map((address) => {
            const hostname = hostnameOnly(address);
            return hostname === undefined ? { ip: address.ip } : { hostname, resolved: address.resolved };
        }),
    }));
    const withAddresses = clusters.filter((entry) => entry.addresses.length > 0);
    if (withAddresses.length === 0) return fallback ? [{ name, type: "CNAME", targets: [fallback], ttl, scope }] : [];
    const all = withAddresses.flatMap((entry) => entry.addresses);
    const hostnames = unique(all.flatMap((address) => (address.hostname ? [address.hostname] : [])));
    const ips = unique(all.flatMap((address) => (address.ip ? [address.ip] : [])));
    if (hostnames.length === 0) return ipRecords(name, ips, ttl, scope);
    if (hostnames.length === 1 && ips.length === 0) return [{ name, type: "CNAME", targets: hostnames, ttl, scope }];
    if (hostnameRecords === "resolve") {
        const addresses = unique([...ips, ...all.flatMap((address) => (address.hostname ? (address.resolved ?? []) : []))]);
        if (addresses.length > 0) return ipRecords(name, addresses, ttl, scope);
        // Nothing resolved (a resolver down, say): the level above, or at the top one load
        // balancer, rather than a name that disappears from DNS.
        return [{ name, type: "CNAME", targets: [fallback ?? [...hostnames].sort()[0]], ttl, scope }];
    }
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
 * Checks a Service's `spec.externalIPs` (when `addressSource: "externalIPs"`) before they become A
 * and AAAA records: a list of IP addresses, or the FederationError names `spec.externalIPs[i]`
 * (with `location`'s resource and cluster). A value not known yet (an Output) is checked later.
 */
export function checkExternalIps(ips: unknown, location: FederationErrorLocation): void {
    if (ips === undefined || isOpaque(ips)) return;
    if (!Array.isArray(ips)) throw new FederationError({ ...location, field: "spec.externalIPs" }, `must be a list of IP addresses, got ${describeType(ips)}`);
    for (let i = 0; i < ips.length; i++) {
        if (isOpaque(ips[i])) continue;
        if (!(typeof ips[i] === "string" && net.isIP(ips[i]) !== 0)) {
            throw new FederationError({ ...location, field: `spec.externalIPs[${i}]` }, `must be an IP address, got ${describeType(ips[i])}`);
        }
    }
}

/** The hostname an address is served by, or undefined when it has an IP (an IP is served as is, no lookup needed). */
export function hostnameOnly(address: ClusterAddresses["addresses"][number]): string | undefined {
    return address.ip ? undefined : address.hostname;
}

/**
 * Checks what the public record functions are given, before anything is computed: `hostnames`
 * one of the two modes, each cluster's `addresses` a list of objects whose `ip` and `resolved`
 * entries are IP addresses and whose `hostname` is a string. A wrong one is a FederationError
 * naming the field (`addresses[i].addresses[j].resolved[k]`).
 */
function checkAddressesAndOptions(addresses: readonly ClusterAddresses[], options: RecordOptions, location: FederationErrorLocation = {}): void {
    const fail = (field: string, reason: string) => new FederationError({ ...location, field }, reason);
    if (options.hostnames !== undefined && options.hostnames !== "weighted" && options.hostnames !== "resolve") {
        throw fail("hostnames", `must be "weighted" or "resolve", got ${describeType(options.hostnames)}`);
    }
    const isIp = (value: unknown) => typeof value === "string" && net.isIP(value) !== 0;
    for (let i = 0; i < addresses.length; i++) {
        const entry = addresses[i];
        const at = `addresses[${i}]`;
        if (!isPlainObject(entry) || typeof entry.cluster !== "string") throw fail(at, `must be { cluster, addresses }, got ${describeType(entry)}`);
        if (!Array.isArray(entry.addresses)) throw fail(`${at}.addresses`, `must be a list, got ${describeType(entry.addresses)}`);
        for (let j = 0; j < entry.addresses.length; j++) {
            const address = entry.addresses[j];
            const here = `${at}.addresses[${j}]`;
            if (!isPlainObject(address)) throw fail(here, `must be { ip } or { hostname }, got ${describeType(address)}`);
            if (address.ip !== undefined && !isIp(address.ip)) throw fail(`${here}.ip`, `must be an IP address, got ${describeType(address.ip)}`);
            if (address.hostname !== undefined && typeof address.hostname !== "string") throw fail(`${here}.hostname`, `must be a string, got ${describeType(address.hostname)}`);
            if (address.resolved === undefined) continue;
            if (!Array.isArray(address.resolved)) throw fail(`${here}.resolved`, `must be a list of IP addresses, got ${describeType(address.resolved)}`);
            for (let k = 0; k < address.resolved.length; k++) {
                if (!isIp(address.resolved[k])) throw fail(`${here}.resolved[${k}]`, `must be an IP address, got ${describeType(address.resolved[k])}`);
            }
        }
    }
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

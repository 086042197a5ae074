/**
 * Looks up load balancer hostnames for DNS records made with `hostnames: "resolve"` (dns.ts), as
 * KubeFed's controller did: A and AAAA questions to the given DNS servers, or to the system's
 * (those of /etc/resolv.conf; /etc/hosts is not read). Node's own DNS client (c-ares) asks them,
 * not getaddrinfo, so a lookup can be canceled: every call ends within LOOKUP_LIMIT_MS, whatever
 * the servers do, and holds none of libuv's worker threads. A failure is reported, never thrown,
 * so one unreachable resolver cannot fail an update.
 */
import * as dns from "dns";
import * as net from "net";
import { ClusterAddresses, HostnameRecords, hostnameOnly } from "../planning/dns";
import { quotedShort } from "../planning/dnsNames";
import { describeType } from "../planning/names";

/** What a hostname resolved to: its addresses, or why it did not resolve. */
export interface HostnameLookup {
    /** IPv4 and IPv6 addresses; empty when it did not resolve. */
    addresses: string[];
    /** The resolver's error code (ENOTFOUND, ETIMEOUT...), when it did not resolve. */
    error?: string;
}

/** How long one call's lookups may take in all. */
export const LOOKUP_LIMIT_MS = 10_000;

/**
 * Why `value` is not a DNS server address the lookups can use, or undefined: an IPv4 or IPv6
 * address, optionally with a port (`10.0.0.2:53`, `[2001:db8::1]:53`), as Node's resolver takes
 * them. An IPv6 address takes a port only in brackets; a zone index (`%eth0`) is refused, since
 * the resolver would drop it.
 */
export function dnsServerProblem(value: unknown): string | undefined {
    if (typeof value !== "string") return `must be a DNS server's address such as "10.0.0.2" or "10.0.0.2:53", got ${describeType(value)}`;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
    const withPort = /^([^:]+):(\d+)$/.exec(value);
    const [host, port] = bracketed ? [bracketed[1], bracketed[2]] : withPort ? [withPort[1], withPort[2]] : [value, undefined];
    const shown = quotedShort(value);
    if (host.includes("%")) return `${shown} has a zone index (%...), which Node's resolver drops; give the address alone`;
    if (net.isIP(host) === 0) return `${shown} is not an IP address, optionally with a port ("10.0.0.2", "10.0.0.2:53", "[2001:db8::1]:53")`;
    if (bracketed && net.isIP(host) !== 6) return `${shown}: only an IPv6 address goes in brackets`;
    if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535)) return `${shown} has the port ${port}, which is not 1-65535`;
    return undefined;
}

/**
 * Each of `hostnames` looked up, all at once on one resolver, within `limitMs` in all: A and AAAA
 * questions to `servers`, or to the system's DNS servers. A hostname that is an IP address is its
 * own answer. The addresses come back sorted; lookups still running at the limit are canceled
 * and reported as ETIMEOUT.
 */
export async function lookUpHostnames(hostnames: readonly string[], servers?: readonly string[], limitMs = LOOKUP_LIMIT_MS): Promise<Map<string, HostnameLookup>> {
    const distinct = [...new Set(hostnames)];
    // Two tries per server and question; c-ares doubles the wait at each try (2 s, then 4 s).
    const resolver = new dns.promises.Resolver({ timeout: 2_000, tries: 2 });
    if (servers) resolver.setServers([...servers]);
    let timedOut = false;
    const limit = setTimeout(() => {
        timedOut = true;
        resolver.cancel();
    }, limitMs);
    limit.unref();
    try {
        const lookups = await Promise.all(distinct.map((hostname) => (net.isIP(hostname) ? { addresses: [hostname] } : lookUp(resolver, hostname, () => timedOut))));
        return new Map(distinct.map((hostname, index) => [hostname, lookups[index]]));
    } finally {
        clearTimeout(limit);
    }
}

async function lookUp(resolver: dns.promises.Resolver, hostname: string, timedOut: () => boolean): Promise<HostnameLookup> {
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(hostname), resolver.resolve6(hostname)]);
    const addresses = [...(v4.status === "fulfilled" ? v4.value : []), ...(v6.status === "fulfilled" ? v6.value : [])];
    if (addresses.length > 0) return { addresses: [...new Set(addresses)].sort() };
    if (timedOut()) return { addresses: [], error: "ETIMEOUT" };
    // A name with only one family answers the other with ENODATA; report the more telling error.
    const errors = [v4, v6].flatMap((result) => (result.status === "rejected" ? [codeOf(result.reason)] : []));
    return { addresses: [], error: errors.find((code) => code !== "ENODATA") ?? errors[0] ?? "ENODATA" };
}

/**
 * With `hostnames: "resolve"`, each hostname address of the clusters the records will use (the
 * healthy ones, unless `allowUnhealthy`) with the addresses it resolves to now, for the planner's
 * `resolved`. Those that do not resolve are reported in one `warn`, naming each cluster, and left
 * without. Otherwise the addresses as given.
 */
export async function withResolved(
    byCluster: ClusterAddresses[],
    options: {
        /** How names with hostnames are published. */
        hostnames?: HostnameRecords;
        /** DNS servers to ask; default the system's. */
        resolvers?: readonly string[];
        /** Look up unhealthy clusters' hostnames too. */
        allowUnhealthy?: boolean;
    },
    warn: (message: string) => void,
): Promise<ClusterAddresses[]> {
    if (options.hostnames !== "resolve") return byCluster;
    const used = (entry: ClusterAddresses) => options.allowUnhealthy || entry.healthy !== false;
    const hostnames = byCluster.filter(used).flatMap((entry) => entry.addresses.flatMap((address) => hostnameOnly(address) ?? []));
    if (hostnames.length === 0) return byCluster;
    const found = await lookUpHostnames(hostnames, options.resolvers);
    const failed: string[] = [];
    const resolved = byCluster.map((entry) => {
        if (!used(entry)) return entry;
        return {
            ...entry,
            addresses: entry.addresses.map((address) => {
                const hostname = hostnameOnly(address);
                const lookup = hostname === undefined ? undefined : found.get(hostname);
                if (!lookup) return address;
                if (lookup.error !== undefined) failed.push(`cluster ${entry.cluster}'s ${quotedShort(hostname!)} (${lookup.error})`);
                return { ...address, resolved: lookup.addresses };
            }),
        };
    });
    if (failed.length > 0) {
        const listed = failed.slice(0, 5).join(", ") + (failed.length > 5 ? `, and ${failed.length - 5} more` : "");
        warn(
            `${failed.length === 1 ? "a load balancer hostname" : `${failed.length} load balancer hostnames`} did not resolve: ${listed}. ` +
                "Each is left out of the names that list other addresses; a name left with none points up the hierarchy (the global name: a CNAME to a load balancer)",
        );
    }
    return resolved;
}

function codeOf(error: unknown): string {
    const code = (error as { code?: unknown } | undefined)?.code;
    return typeof code === "string" ? code : "an unknown error";
}

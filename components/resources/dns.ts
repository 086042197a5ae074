/**
 * Cross-cluster discovery: DNS records with every placed cluster's load balancer addresses
 * (ServiceDNSRecord, IngressDNSRecord, as in KubeFed), written as an external-dns DNSEndpoint to
 * the host cluster and/or handed to any DNS resource as a typed list. (Multi-cluster services for
 * in-cluster discovery: serviceExport.ts.)
 */
import { constructionSite, failedConstruction } from "./callSite";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { FederationError } from "../errors";
import { FederatedObject } from "./federatedObject";
import { ClusterAddresses, DnsRecord, HostnameRecords, checkExternalIps, clustersWithHealth, dnsEndpointSpec, ingressDnsRecords, ingressHostClusters, serviceDnsNames, serviceDnsRecords, validateDnsNaming } from "../planning/dns";
import { describeType, dns1123LabelProblem } from "../planning/names";
import { ingressHostProblem } from "../planning/dnsNames";
import { checkArgumentNames, checkComponentName } from "../planning/arguments";
import { isOpaque } from "../planning/opaque";
import { FederatedStatus } from "../planning/status";
import { queueRegistration } from "./registrationTurns";
import { dnsServerProblem, withResolved } from "./hostnameLookup";

interface DnsCommonArgs {
    /** Seconds. Default 300. */
    ttl?: number;
    /**
     * A workload (e.g. the FederatedDeployment behind the service): a cluster where it has no
     * ready replicas is left out of the records. Without it, a cluster is in when it has addresses.
     */
    healthFrom?: FederatedObject;
    /** Keep clusters that healthFrom reports unhealthy. */
    allowUnhealthy?: boolean;
    /**
     * Also write the records as an external-dns `DNSEndpoint` (externaldns.k8s.io/v1alpha1) to the
     * federation's host cluster, where external-dns programs the real DNS provider.
     */
    dnsEndpoint?: boolean;
    /** Namespace of the DNSEndpoint on the host. Default: the service's (or ingress's) namespace. */
    dnsEndpointNamespace?: string;
    /** The provider-specific property that carries a weighted record's weight (default `aws/weight`). */
    weightProperty?: string;
    /**
     * How a name whose clusters have several load balancer hostnames, or hostnames and IPs, is
     * published (a name with one hostname only is always a CNAME to it):
     * - `"weighted"` (the default): weighted CNAMEs, one per cluster, to each cluster's own name.
     *   Needs a DNS provider with weighted routing (Route 53 through external-dns).
     * - `"resolve"`: the hostnames are looked up when the records are computed, as KubeFed's
     *   controller did, and their addresses published as A/AAAA records. For DNS servers without
     *   weighted routing, CoreDNS among them. The addresses are those of the last `pulumi up`:
     *   run it (or `reconcile`) often enough to follow load balancers whose addresses change. A
     *   hostname that does not resolve within 10 s is left out, with a warning; a name left with
     *   no address points up the hierarchy (the global name: a CNAME to a load balancer).
     */
    hostnames?: HostnameRecords;
    /**
     * With `hostnames: "resolve"`: the DNS servers to look hostnames up with (`"10.0.0.2"`,
     * `"10.0.0.2:53"`, `"[2001:db8::1]:53"`; at most 16). Default: the system's DNS servers
     * (those of /etc/resolv.conf; /etc/hosts is not read).
     */
    resolvers?: string[];
}

const COMMON_ARGUMENTS = ["ttl", "healthFrom", "allowUnhealthy", "dnsEndpoint", "dnsEndpointNamespace", "weightProperty", "hostnames", "resolvers"];

/** Arguments of {@link ServiceDNSRecord}: the federated Service, the DNS zone, and how names are made. */
export interface ServiceDNSRecordArgs extends DnsCommonArgs {
    /** A FederatedService (or FederatedResource of kind Service). */
    service: FederatedObject;
    /** The DNS zone, e.g. `example.com`. */
    domain: string;
    /** The federation's name in the records. Default: the Federation's Pulumi name. */
    federationName?: string;
    /** Adds `<prefix>.<domain>` as a CNAME to the global name. */
    prefix?: string;
    /** The member label holding the cluster's region (default `topology.kubernetes.io/region`). */
    regionLabel?: string;
    /** The member label holding the cluster's zone (default `topology.kubernetes.io/zone`). */
    zoneLabel?: string;
    /**
     * Where each cluster's addresses come from: the Service's load balancer status (the default,
     * for `type: LoadBalancer`), or its `spec.externalIPs`. Any other service type needs this set
     * to "externalIPs" explicitly.
     */
    addressSource?: "loadBalancer" | "externalIPs";
}

/** Arguments of {@link IngressDNSRecord}: the federated Ingress and the hosts to publish. */
export interface IngressDNSRecordArgs extends DnsCommonArgs {
    /** A FederatedIngress (or FederatedResource of kind Ingress). */
    ingress: FederatedObject;
    /** Host names to publish. Default: every `spec.rules[].host` of the placed objects. */
    hosts?: string[];
}

/**
 * DNS for a federated Service: `<service>.<namespace>.<federation>.svc.<domain>` with every healthy
 * cluster's addresses, plus per-region and per-zone names from member labels that fall back to
 * the level above when they have no address. Recomputed from live status on every update.
 */
export class ServiceDNSRecord extends pulumi.ComponentResource {
    /** The record names, known at plan time. */
    readonly names: ReturnType<typeof serviceDnsNames>;
    /** The records, provider-neutral: hand them to Route 53, Cloud DNS, Cloudflare... */
    readonly records: pulumi.Output<DnsRecord[]>;
    private readonly endpoint: () => k8s.apiextensions.CustomResource | undefined;

    /** The DNSEndpoint on the host cluster, when asked for. */
    get dnsEndpoint(): k8s.apiextensions.CustomResource | undefined {
        return this.endpoint();
    }

    /**
     * Checks the arguments (the target, the names, the host cluster for a DNSEndpoint) before
     * registering anything; a wrong one is a FederationError. Not available in Karmada mode.
     *
     * @param name The Pulumi name (and the DNSEndpoint's name on the host).
     * @param args The federated Service, the DNS zone and the record options.
     * @param opts Pulumi resource options for the component.
     */
    constructor(name: string, args: ServiceDNSRecordArgs, opts?: pulumi.ComponentResourceOptions) {
        const site = constructionSite("ServiceDNSRecord");
        try {
            checkComponentName("ServiceDNSRecord", name);
            const resource = `ServiceDNSRecord "${name}"`;
            checkArgumentNames(resource, args, [...COMMON_ARGUMENTS, "service", "domain", "federationName", "prefix", "regionLabel", "zoneLabel", "addressSource"]);
            const service = checkTarget(resource, "service", args.service, "Service");
            checkCommon(resource, args);
            const federationName = args.federationName ?? service.federation.name;
            validateDnsNaming({ domain: args.domain, prefix: args.prefix, federation: federationName, ttl: args.ttl }, { resource });
            const addressSource = args.addressSource ?? "loadBalancer";
            if (args.addressSource !== undefined && args.addressSource !== "loadBalancer" && args.addressSource !== "externalIPs") {
                throw new FederationError({ resource, field: "addressSource" }, `must be "loadBalancer" or "externalIPs", got ${describeType(args.addressSource)}`);
            }
            if (addressSource === "externalIPs") {
                for (const cluster of service.clusters) {
                    checkExternalIps((service.plannedObjects[cluster].spec as Record<string, unknown> | undefined)?.externalIPs, { resource, cluster });
                }
            }
            if (args.addressSource === undefined) {
                for (const cluster of service.clusters) {
                    const type = (service.plannedObjects[cluster].spec as Record<string, unknown> | undefined)?.type;
                    if (type !== "LoadBalancer" && !isOpaque(type)) {
                        throw new FederationError(
                            { resource, cluster, field: "addressSource" },
                            `${service.name} is of type ${type ?? "ClusterIP"} there, which has no load balancer address; ` +
                                `make it a LoadBalancer, or say where addresses come from with addressSource: "externalIPs"`,
                        );
                    }
                }
            }
            const namespace = service.objectNamespace ?? "default";
            const input = {
                service: service.objectName ?? service.name,
                namespace,
                federation: federationName,
                domain: args.domain.replace(/\.$/, ""),
                prefix: args.prefix,
                ttl: args.ttl,
                regionLabel: args.regionLabel,
                zoneLabel: args.zoneLabel,
                allowUnhealthy: args.allowUnhealthy,
                hostnames: args.hostnames,
            };
            const members = service.federation.plannerMembers();
            const host = checkHost(resource, name, args, service);
            // Unavailable members keep their zone and region names, which then point up the hierarchy.
            const unavailable = service.unavailableClusters;
            const names = serviceDnsNames(input, members, members.map((m) => m.name).filter((c) => service.clusters.includes(c) || unavailable.includes(c)), { resource });
            super("federation:index:ServiceDNSRecord", name, {}, opts);
            this.names = names;
            const queued = queuedRecords(this, name, host, args.weightProperty, () =>
                pulumi
                    .all([addressSource === "externalIPs" ? externalIpAddresses(service, resource) : loadBalancerAddresses(service), healthOf(args.healthFrom)])
                    .apply(async ([byCluster, health]) => serviceDnsRecords(input, members, await withResolved(clustersWithHealth(byCluster, health), args, warnFor(this, resource)), unavailable)),
            );
            this.records = queued.records;
            this.endpoint = queued.endpoint;
            this.registerOutputs({ names: this.names, records: this.records });
        } catch (error) {
            throw failedConstruction(error, site);
        }
    }
}

/** DNS for a federated Ingress: each host with every healthy cluster's ingress addresses. */
export class IngressDNSRecord extends pulumi.ComponentResource {
    /** The host names published: `hosts`, or every `spec.rules[].host` of the placed objects. */
    readonly hosts: readonly string[];
    /** The records, provider-neutral: hand them to Route 53, Cloud DNS, Cloudflare... */
    readonly records: pulumi.Output<DnsRecord[]>;
    private readonly endpoint: () => k8s.apiextensions.CustomResource | undefined;

    /** The DNSEndpoint on the host cluster, when asked for. */
    get dnsEndpoint(): k8s.apiextensions.CustomResource | undefined {
        return this.endpoint();
    }

    /**
     * Checks the arguments (the target, the names, the host cluster for a DNSEndpoint) before
     * registering anything; a wrong one is a FederationError. Not available in Karmada mode.
     *
     * @param name The Pulumi name (and the DNSEndpoint's name on the host).
     * @param args The federated Ingress, the hosts and the record options.
     * @param opts Pulumi resource options for the component.
     */
    constructor(name: string, args: IngressDNSRecordArgs, opts?: pulumi.ComponentResourceOptions) {
        const site = constructionSite("IngressDNSRecord");
        try {
            checkComponentName("IngressDNSRecord", name);
            const resource = `IngressDNSRecord "${name}"`;
            checkArgumentNames(resource, args, [...COMMON_ARGUMENTS, "ingress", "hosts"]);
            const ingress = checkTarget(resource, "ingress", args.ingress, "Ingress");
            checkCommon(resource, args);
            validateDnsNaming({ ttl: args.ttl }, { resource });
            const hostClusters = ingressHostClusters(ingress.plannedObjects);
            const hosts = args.hosts ?? Object.keys(hostClusters);
            if (!Array.isArray(hosts) || hosts.length === 0) throw new FederationError({ resource, field: "hosts" }, `${ingress.name} has no spec.rules[].host; give hosts`);
            const clusters = ingress.federation.memberNames;
            // An indexed loop, not forEach: a sparse array's holes must be checked too.
            for (let index = 0; index < hosts.length; index++) {
                const problem = ingressHostProblem(hosts[index], clusters, args.hostnames);
                if (problem !== undefined) throw new FederationError({ resource, field: `hosts[${index}]` }, problem);
            }
            const host = checkHost(resource, name, args, ingress);
            super("federation:index:IngressDNSRecord", name, {}, opts);
            this.hosts = hosts;
            const queued = queuedRecords(this, name, host, args.weightProperty, () =>
                pulumi
                    .all([loadBalancerAddresses(ingress), healthOf(args.healthFrom)])
                    .apply(async ([byCluster, health]) =>
                        ingressDnsRecords(hosts, await withResolved(clustersWithHealth(byCluster, health), args, warnFor(this, resource)), {
                            ttl: args.ttl,
                            allowUnhealthy: args.allowUnhealthy,
                            hostnames: args.hostnames,
                            hostClusters,
                        }),
                    ),
            );
            this.records = queued.records;
            this.endpoint = queued.endpoint;
            this.registerOutputs({ hosts, records: this.records });
        } catch (error) {
            throw failedConstruction(error, site);
        }
    }
}

/** Checks the arguments every DNS component shares (before anything registers). */
function checkCommon(resource: string, args: DnsCommonArgs): void {
    if (args.healthFrom !== undefined && !(args.healthFrom instanceof FederatedObject)) {
        throw new FederationError({ resource, field: "healthFrom" }, `must be a federated workload component (e.g. the FederatedDeployment behind the service), got ${describeType(args.healthFrom)}`);
    }
    if (args.dnsEndpointNamespace !== undefined) {
        const problem = dns1123LabelProblem(args.dnsEndpointNamespace);
        if (problem) throw new FederationError({ resource, field: "dnsEndpointNamespace" }, `namespace name ${problem}`);
    }
    if (args.hostnames !== undefined && args.hostnames !== "weighted" && args.hostnames !== "resolve") {
        throw new FederationError({ resource, field: "hostnames" }, `must be "weighted" or "resolve", got ${describeType(args.hostnames)}`);
    }
    if (args.resolvers !== undefined) {
        if (args.hostnames !== "resolve") throw new FederationError({ resource, field: "resolvers" }, `is used only with hostnames: "resolve"`);
        if (!Array.isArray(args.resolvers) || args.resolvers.length === 0) {
            throw new FederationError({ resource, field: "resolvers" }, `must be a list of at least one DNS server address, got ${describeType(args.resolvers)}`);
        }
        if (args.resolvers.length > 16) throw new FederationError({ resource, field: "resolvers" }, `has ${args.resolvers.length} servers; give at most 16`);
        // An indexed loop, not forEach: a sparse array's holes must be checked too.
        for (let index = 0; index < args.resolvers.length; index++) {
            const problem = dnsServerProblem(args.resolvers[index]);
            if (problem) throw new FederationError({ resource, field: `resolvers[${index}]` }, problem);
        }
    }
    for (const flag of ["dnsEndpoint", "allowUnhealthy"] as const) {
        if (args[flag] !== undefined && typeof args[flag] !== "boolean") {
            throw new FederationError({ resource, field: flag }, `must be true or false, got ${describeType(args[flag])}`);
        }
    }
}

/** The target component, checked: a federated object of `kind`, in push mode. */
export function checkTarget(resource: string, field: string, target: unknown, kind: string): FederatedObject {
    if (!(target instanceof FederatedObject)) {
        throw new FederationError({ resource, field }, `must be a federated ${kind} component, got ${describeType(target)}`);
    }
    if (target.kind !== kind) throw new FederationError({ resource, field }, `must be a federated ${kind}, got one of kind ${target.kind}`);
    if (target.federation.karmada !== undefined) {
        throw new FederationError(
            { resource, field },
            "has no Karmada mode equivalent: the records are made from each member's live addresses, which this program reads from the members only in push mode; with Karmada, declare Karmada's own MultiClusterService or MultiClusterIngress (networking.karmada.io/v1alpha1) as a FederatedResource, or keep this federation in push mode",
        );
    }
    return target;
}

/**
 * The host member and namespace a DNSEndpoint goes to, checked before anything registers: a
 * host must exist and be available, the namespace must exist there (a FederatedNamespace placed
 * on the host; a plain namespace is assumed to exist), and one DNSEndpoint name has one owner.
 */
function checkHost(resource: string, name: string, args: DnsCommonArgs, target: FederatedObject) {
    if (!args.dnsEndpoint) return undefined;
    const host = target.federation.host;
    if (!host) {
        throw new FederationError(
            { resource, field: "dnsEndpoint" },
            "a DNSEndpoint goes to the host cluster, and the federation has none: mark one member host: true (or use the records output instead)",
        );
    }
    if (host.state !== "available") {
        throw new FederationError({ resource, cluster: host.name, field: "dnsEndpoint" }, `the host cluster is marked ${host.state}; the DNSEndpoint cannot be written there`);
    }
    const namespace = args.dnsEndpointNamespace ?? target.objectNamespace ?? "default";
    const federated = args.dnsEndpointNamespace === undefined ? target.federatedNamespace : undefined;
    if (federated) {
        if (!federated.clusters.includes(host.name)) {
            throw new FederationError(
                { resource, cluster: host.name, field: "dnsEndpointNamespace" },
                `the DNSEndpoint would go to namespace "${namespace}" on the host, where FederatedNamespace "${federated.namespaceName}" is not placed; place it there or give dnsEndpointNamespace`,
            );
        }
    }
    target.federation.claimNames(undefined, [{ key: `object:DNSEndpoint::${namespace}/${name}`, cluster: host.name }], resource);
    // Read when the DNSEndpoint registers: reading it here would register the namespace's objects now.
    return { member: host, namespace, namespaceObject: () => federated?.resources[host.name] };
}

function endpointOn(parent: pulumi.Resource, name: string, host: NonNullable<ReturnType<typeof checkHost>>, records: pulumi.Output<DnsRecord[]>, weightProperty: string | undefined) {
    return new k8s.apiextensions.CustomResource(
        `${name}-dnsendpoint`,
        {
            apiVersion: "externaldns.k8s.io/v1alpha1",
            kind: "DNSEndpoint",
            metadata: { name, namespace: host.namespace },
            spec: records.apply((list) => dnsEndpointSpec(list, { weightProperty })),
        },
        { parent, provider: host.member.provider, dependsOn: host.namespaceObject() ? [host.namespaceObject()!] : undefined, deleteBeforeReplace: host.member.renders || undefined },
    );
}

/**
 * A DNS component's records and DNSEndpoint, made in its turn (see registrationTurns.ts): reading
 * the target's status registers the target's objects, which must wait as everything else does.
 */
function queuedRecords(
    parent: pulumi.Resource,
    name: string,
    host: ReturnType<typeof checkHost>,
    weightProperty: string | undefined,
    makeRecords: () => pulumi.Output<DnsRecord[]>,
) {
    const made: { records?: pulumi.Output<DnsRecord[]>; endpoint?: k8s.apiextensions.CustomResource } = {};
    const queued = queueRegistration(1, () => {
        made.records = makeRecords();
        made.endpoint = host ? endpointOn(parent, name, host, made.records, weightProperty) : undefined;
    });
    return {
        records: pulumi.output(queued.registered.then(() => made.records ?? [])),
        endpoint: () => {
            queued.now();
            return made.endpoint;
        },
    };
}

/** A warning about the component, prefixed with its name. */
function warnFor(component: pulumi.Resource, resource: string): (message: string) => void {
    return (message) => void pulumi.log.warn(`${resource}: ${message}`, component);
}

/** Each placed cluster's load balancer addresses, from live status. */
function loadBalancerAddresses(target: FederatedObject): pulumi.Output<ClusterAddresses[]> {
    return target.status.apply((status: FederatedStatus) =>
        target.clusters.map((cluster) => ({ cluster, addresses: status.clusters[cluster]?.loadBalancer ?? [] })),
    );
}

/** Each placed cluster's `spec.externalIPs`, from the planned objects (checked again once known). */
function externalIpAddresses(service: FederatedObject, resource: string): pulumi.Output<ClusterAddresses[]> {
    return pulumi.all(
        service.clusters.map((cluster) => {
            const spec = service.plannedObjects[cluster].spec as Record<string, unknown> | undefined;
            return pulumi.output((spec?.externalIPs ?? []) as pulumi.Input<string[]>).apply((ips) => {
                checkExternalIps(ips, { resource, cluster });
                return { cluster, addresses: (ips ?? []).map((ip) => ({ ip })) };
            });
        }),
    );
}

/** Per cluster: does the workload have ready replicas? (undefined: no health source) */
function healthOf(workload: FederatedObject | undefined): pulumi.Output<Record<string, boolean> | undefined> {
    // (The type argument matters: without it, TypeScript's "nodenext" module mode, which Pulumi
    // type-checks a project without a tsconfig in, infers Output<any> and refuses the return.)
    if (!workload) return pulumi.output<Record<string, boolean> | undefined>(undefined);
    return workload.status.apply((status: FederatedStatus) =>
        Object.fromEntries(Object.entries(status.clusters).map(([cluster, s]) => [cluster, (s.readyReplicas ?? (s.ready ? 1 : 0)) > 0])),
    );
}

/**
 * The real DNS chain beside the fleet, for the cross-cluster discovery test (22-dns), as a
 * platform team runs it on premises:
 *
 *   DNSEndpoint (host cluster) -> external-dns (CRD source, CoreDNS provider) -> etcd -> CoreDNS
 *
 * external-dns watches the host cluster's DNSEndpoints (the CRD from its own module, installed
 * here) and writes their records under its own prefix in the fleet's etcd; CoreDNS's etcd plugin
 * serves the test zone from that prefix on a loopback port. A second zone of the same CoreDNS
 * plays the cloud's DNS for load balancer hostnames (its `hosts` plugin), so that names CNAMEd to
 * a load balancer resolve to the end.
 */
import * as dns from "dns";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { Fleet } from "./fleet";
import { ApiEndpoint, HttpError, request } from "./kube";
import { freePort, startProcess, stopProcess, waitUntil } from "./processes";

export interface DnsChainOptions {
    /** The zone external-dns manages and CoreDNS serves from etcd (its `--domain-filter`). */
    zone: string;
    /** The zone that plays the cloud's DNS for load balancer hostnames. */
    loadBalancerZone: string;
    /** Load balancer hostnames (in `loadBalancerZone`) and the address each resolves to. */
    loadBalancers: Record<string, string>;
}

export class DnsChain {
    private constructor(
        private readonly fleet: Fleet,
        /** CoreDNS's address, as `127.0.0.1:<port>` (UDP and TCP). */
        readonly server: string,
    ) {}

    /** Installs the DNSEndpoint CRD on `host`, then starts CoreDNS and external-dns. */
    static async start(fleet: Fleet, host: ApiEndpoint, options: DnsChainOptions): Promise<DnsChain> {
        await installDnsEndpointCrd(fleet.bin, host);
        const dir = path.join(fleet.dir, "dns");
        fs.mkdirSync(dir, { recursive: true });
        const port = await freePort();
        const server = `127.0.0.1:${port}`;
        const hosts = Object.entries(options.loadBalancers).map(([hostname, ip]) => `            ${ip} ${hostname}`);
        const corefile = path.join(dir, "Corefile");
        fs.writeFileSync(corefile, [
            `${options.zone}:${port} {`,
            "    bind 127.0.0.1",
            `    etcd ${options.zone} {`,
            `        path ${ETCD_PREFIX}`,
            `        endpoint ${fleet.etcdUrl}`,
            "    }",
            "    log",
            "    errors",
            "}",
            `${options.loadBalancerZone}:${port} {`,
            "    bind 127.0.0.1",
            "    hosts {",
            ...hosts,
            "    }",
            "    errors",
            "}",
            "",
        ].join("\n"));
        const coredns = startProcess(fleet.dir, "coredns", path.join(fleet.bin, "coredns"), ["-conf", corefile]);
        const resolver = chainResolver(server);
        await waitUntil("CoreDNS", 60_000, async () => (await resolver.resolveSoa(options.zone).then(() => true, () => false)), coredns);

        const metricsPort = await freePort();
        const externalDns = startProcess(fleet.dir, "external-dns", path.join(fleet.bin, "external-dns"), [
            `--kubeconfig=${fleet.kubeconfigPath}`,
            "--source=crd", "--crd-source-apiversion=externaldns.k8s.io/v1alpha1", "--crd-source-kind=DNSEndpoint",
            "--provider=coredns", `--coredns-prefix=${ETCD_PREFIX}/`,
            "--registry=txt", "--txt-owner-id=pulumi-federation-e2e",
            `--domain-filter=${options.zone}`, "--policy=sync",
            // Short enough for the test's polls; each pass reads the CRD and etcd.
            "--interval=2s",
            `--metrics-address=127.0.0.1:${metricsPort}`, "--log-level=debug",
        ], { ETCD_URLS: fleet.etcdUrl });
        await waitUntil("external-dns", 60_000, async () => {
            const res = await fetch(`http://127.0.0.1:${metricsPort}/healthz`).catch(() => undefined);
            return res?.ok === true;
        }, externalDns);
        return new DnsChain(fleet, server);
    }

    async stop(): Promise<void> {
        await stopProcess(this.fleet.dir, "external-dns");
        await stopProcess(this.fleet.dir, "coredns");
    }
}

/** Where external-dns writes and CoreDNS reads, in the fleet's etcd (the API servers use /e2e-<member>). */
const ETCD_PREFIX = "/skydns-e2e";

function chainResolver(server: string): dns.promises.Resolver {
    const resolver = new dns.promises.Resolver({ timeout: 2_000, tries: 2 });
    resolver.setServers([server]);
    return resolver;
}

/** external-dns's DNSEndpoint CRD (from its module, copied beside the binaries by e2e/setup), created on `host` and waited for. */
async function installDnsEndpointCrd(bin: string, host: ApiEndpoint): Promise<void> {
    const crd = yaml.load(fs.readFileSync(path.join(bin, "dnsendpoints.externaldns.k8s.io.yaml"), "utf8")) as { metadata: { name: string } };
    try {
        await request(host, "POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", 30_000, { contentType: "application/json", data: crd });
    } catch (err) {
        if (!(err instanceof HttpError) || err.status !== 409) throw err;
    }
    await waitUntil("the DNSEndpoint CRD", 60_000, async () => {
        const got = await request(host, "GET", `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`) as { status?: { conditions?: { type: string; status: string }[] } };
        return got.status?.conditions?.some((c) => c.type === "Established" && c.status === "True") === true;
    });
}

/**
 * 22. Cross-cluster discovery answered by a real DNS server (issue 30): a ServiceDNSRecord's
 * DNSEndpoint on the host goes through external-dns (CRD source, CoreDNS provider) into etcd, and
 * CoreDNS answers the names. The test plays the cloud controller (it writes each member Service's
 * load balancer address: IPs for cluster1 and cluster2, a hostname for cluster3) and the kubelet
 * (pods ready or not). Every expectation is a DNS answer read from CoreDNS, not the records output.
 *
 * Members: cluster1 (host) in region eu, zone eu-1a; cluster2 in us, us-1a; cluster3 in eu, eu-1b.
 * An Ingress on cluster1 and cluster3 is published the same way by an IngressDNSRecord (www).
 * Each step ends when CoreDNS answers as expected, within 2 minutes (external-dns runs every 2 s).
 */
import * as assert from "assert";
import * as path from "path";
import { DnsChain } from "../fleet/dns";
import { getObject } from "../fleet/kube";
import { logTail, waitUntil } from "../fleet/processes";
import { queryA } from "../harness/dnsQuery";
import { reportPodsReady } from "../harness/kubelet";
import { assignLoadBalancer } from "../harness/loadBalancers";
import { Stack } from "../harness/pulumi";
import { endpoint, repoRoot, suite } from "./context";
import { ClusterName, CLUSTERS, memberConfig } from "./expectations";

const NAMESPACE = "e2e-dns";
const ZONE = "example.test";
const LB_ZONE = "elb.test";
const LB_HOSTNAME = `web-7f3a.${LB_ZONE}`;
const LB_IP = "198.51.100.30";
const IPS = { cluster1: "192.0.2.11", cluster2: "192.0.2.12", cluster3: LB_IP };
const PLACES: Record<ClusterName, { region: string; zone: string }> = {
    cluster1: { region: "eu", zone: "eu-1a" },
    cluster2: { region: "us", zone: "us-1a" },
    cluster3: { region: "eu", zone: "eu-1b" },
};

const base = `web.${NAMESPACE}.fleet.svc`;
const GLOBAL = `${base}.${ZONE}`;
const region = (r: string) => `${base}.${r}.${ZONE}`;
const zone = (cluster: ClusterName) => `${base}.${PLACES[cluster].zone}.${PLACES[cluster].region}.${ZONE}`;
const PREFIX = `shop.${ZONE}`;
/** The Ingress's host (cluster1 and cluster3 only), published by an IngressDNSRecord. */
const WWW = `www.${ZONE}`;
const INGRESS_IP = "192.0.2.21";

/**
 * What CoreDNS answers to a name's A question: the CNAME chain it follows (each hop's target, in
 * order) and the IPv4 addresses at its end, sorted. (CoreDNS answers a CNAME question only for a
 * record stored at the name itself, and external-dns stores each target one level below, so the
 * chain is read from the A answer, as a client's resolver reads it.)
 */
interface Answer {
    cnames?: string[];
    a: string[];
}

describe("22. cross-cluster discovery: names answered by external-dns and CoreDNS, following the members", function () {
    this.timeout(900_000);
    let stack: Stack;
    let chain: DnsChain;
    let stopControllers: (() => Promise<void>) | undefined;

    async function answer(name: string): Promise<Answer> {
        const { answers } = await queryA(chain.server, name);
        const cnames = answers.filter((record) => record.type === "CNAME").map((record) => record.data);
        const a = answers.filter((record) => record.type === "A").map((record) => record.data).sort();
        return cnames.length > 0 ? { cnames, a } : { a };
    }

    /** Polls CoreDNS until every name answers as expected (external-dns runs every 2 s). */
    async function expectAnswers(expected: Record<string, Answer>): Promise<void> {
        let last: Record<string, Answer> = {};
        try {
            await waitUntil("the DNS answers", 120_000, async () => {
                last = Object.fromEntries(await Promise.all(Object.keys(expected).map(async (name) => [name, await answer(name)] as const)));
                return JSON.stringify(last) === JSON.stringify(expected);
            });
        } catch (error) {
            const externalDnsLog = path.join(suite().fleet.dir, "logs", "external-dns.log");
            assert.deepStrictEqual(last, expected, `${(error as Error).message}\nexternal-dns:\n${logTail(externalDnsLog, 40)}`);
        }
    }

    /** Plays the kubelet of `cluster` (its pods ready or not) until its Deployment's controller reports as much. */
    async function reportReady(cluster: ClusterName, ready: boolean): Promise<void> {
        await waitUntil(`${cluster}'s Deployment with ${ready ? "1 ready replica" : "no ready replica"}`, 120_000, async () => {
            // The ReplicaSet controller may create the pod after a first pass: report again each time.
            await reportPodsReady(endpoint(cluster), NAMESPACE, ready);
            const object = await getObject(endpoint(cluster), "apps/v1", "deployments", "web", NAMESPACE);
            return ((object?.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0) === (ready ? 1 : 0);
        });
    }

    before(async () => {
        const { fleet, cli } = suite();
        chain = await DnsChain.start(fleet, endpoint("cluster1"), { zone: ZONE, loadBalancerZone: LB_ZONE, loadBalancers: { [LB_HOSTNAME]: LB_IP } });
        stopControllers = await fleet.startWorkloadControllers(CLUSTERS);
        stack = new Stack(cli, path.join(repoRoot, "e2e", "programs", "dns"), "e2e-dns");
        await stack.init();
        await stack.setConfig("kubeconfig", fleet.kubeconfig(), true);
        await stack.setConfig("members", memberConfig(Object.fromEntries(CLUSTERS.map((c) => [c, { labels: PLACES[c] }]))));
        await stack.setConfig("domain", ZONE);
        await stack.setConfig("resolver", chain.server);
    });

    after(async () => {
        try {
            if (stack) {
                await stack.destroy();
                await stack.remove();
            }
        } finally {
            await stopControllers?.();
            await chain?.stop();
        }
    });

    it("before any load balancer has an address: the zone and region names exist with no address, and the global name does not exist", async () => {
        await stack.up();
        // The zone and region names are CNAMEs up to the global name, which has no record. CoreDNS
        // leaves a CNAME whose chain ends nowhere out of its answer, but the name exists (NOERROR,
        // no data), where a name external-dns never wrote is NXDOMAIN.
        const names = [zone("cluster1"), zone("cluster2"), zone("cluster3"), region("eu"), region("us")];
        await waitUntil("external-dns wrote the fallback CNAMEs", 120_000, async () => {
            const answers = await Promise.all(names.map((name) => queryA(chain.server, name)));
            return answers.every((r) => r.rcode === "NOERROR" && r.answers.length === 0) && (await queryA(chain.server, GLOBAL)).rcode === "NXDOMAIN";
        });
    });

    it("with the clusters' addresses and ready pods, pulumi up --refresh publishes every name: IPs as A records, the hostname as a CNAME, resolved where names mix", async () => {
        for (const cluster of CLUSTERS) {
            await assignLoadBalancer(endpoint(cluster), NAMESPACE, "web", cluster === "cluster3" ? [{ hostname: LB_HOSTNAME }] : [{ ip: IPS[cluster] }]);
            await reportReady(cluster, true);
        }
        // The Ingress: an IP in cluster1, the load balancer's hostname in cluster3.
        await assignLoadBalancer(endpoint("cluster1"), NAMESPACE, "web", [{ ip: INGRESS_IP }], "Ingress");
        await assignLoadBalancer(endpoint("cluster3"), NAMESPACE, "web", [{ hostname: LB_HOSTNAME }], "Ingress");
        await stack.up(["--refresh"]);
        await expectAnswers({
            [GLOBAL]: { a: [IPS.cluster1, IPS.cluster2, LB_IP] },
            [region("eu")]: { a: [IPS.cluster1, LB_IP] },
            [region("us")]: { a: [IPS.cluster2] },
            [zone("cluster1")]: { a: [IPS.cluster1] },
            [zone("cluster2")]: { a: [IPS.cluster2] },
            [zone("cluster3")]: { cnames: [LB_HOSTNAME], a: [LB_IP] },
            [PREFIX]: { cnames: [GLOBAL], a: [IPS.cluster1, IPS.cluster2, LB_IP] },
            // IngressDNSRecord: the host gets both clusters' ingress addresses, the hostname resolved.
            [WWW]: { a: [INGRESS_IP, LB_IP] },
        });
        // The TTL the program set reaches the answers.
        const { answers } = await queryA(chain.server, GLOBAL);
        assert.deepStrictEqual([...new Set(answers.map((record) => record.ttl))], [30]);
    });

    it("cluster2's pods stop being ready: the next pulumi up --refresh takes it out of the global name, and its zone and region point up", async () => {
        await reportReady("cluster2", false);
        await stack.up(["--refresh"]);
        await expectAnswers({
            [GLOBAL]: { a: [IPS.cluster1, LB_IP] },
            [region("us")]: { cnames: [GLOBAL], a: [IPS.cluster1, LB_IP] },
            [zone("cluster2")]: { cnames: [region("us"), GLOBAL], a: [IPS.cluster1, LB_IP] },
            [region("eu")]: { a: [IPS.cluster1, LB_IP] },
        });
    });

    it("cluster3 fails its health probe (API server stopped): pulumi up leaves it out, and its zone becomes a CNAME to its region", async () => {
        const { fleet } = suite();
        await fleet.stopMember("cluster3");
        try {
            const result = await stack.up();
            assert.match(result.stdout + result.stderr, /member cluster3 failed its health probe/);
            await expectAnswers({
                [GLOBAL]: { a: [IPS.cluster1] },
                [region("eu")]: { a: [IPS.cluster1] },
                [zone("cluster3")]: { cnames: [region("eu")], a: [IPS.cluster1] },
                [zone("cluster2")]: { cnames: [region("us"), GLOBAL], a: [IPS.cluster1] },
                [WWW]: { a: [INGRESS_IP] },
            });
        } finally {
            await fleet.startMember("cluster3");
        }
    });

    it("both back: pulumi up --refresh publishes all three again", async () => {
        await waitUntil("cluster3's API server answers", 120_000, async () => (await getObject(endpoint("cluster3"), "v1", "namespaces", NAMESPACE).catch(() => undefined)) !== undefined);
        await reportReady("cluster2", true);
        await stack.up(["--refresh"]);
        await expectAnswers({
            [GLOBAL]: { a: [IPS.cluster1, IPS.cluster2, LB_IP] },
            [zone("cluster2")]: { a: [IPS.cluster2] },
            [zone("cluster3")]: { cnames: [LB_HOSTNAME], a: [LB_IP] },
        });
    });

    it("pulumi destroy: the DNSEndpoint goes, and external-dns takes every name out of DNS", async () => {
        await stack.destroy();
        const names = [GLOBAL, PREFIX, WWW, region("eu"), region("us"), ...CLUSTERS.map(zone)];
        // external-dns's CoreDNS provider deletes one target of a record per pass: allow several.
        await waitUntil("every name gone from CoreDNS", 120_000, async () => (await Promise.all(names.map((name) => queryA(chain.server, name)))).every((r) => r.rcode === "NXDOMAIN"));
    });
});

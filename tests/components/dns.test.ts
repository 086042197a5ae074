/**
 * Cross-cluster discovery end to end under the mock monitor: load balancer addresses come from
 * mocked live Service status (some clusters empty, IPs and hostnames mixed).
 */
import { strict as assert } from "assert";
import * as fed from "../../components";
import { FederationError } from "../../components";
import { promiseOf, runProgram } from "../harness";
import { startDnsResponder } from "../dnsResponder";

const R = "topology.kubernetes.io/region";
const Z = "topology.kubernetes.io/zone";
const members: fed.MemberClusterArgs[] = [
    { name: "eu-a", host: true, labels: { [R]: "eu", [Z]: "eu-1a" } },
    { name: "eu-b", labels: { [R]: "eu", [Z]: "eu-1b" } },
    { name: "us-a", labels: { [R]: "us", [Z]: "us-1a" } },
];

const LIVE: Record<string, unknown> = {
    "kubernetes:core/v1:Service web-eu-a": { status: { loadBalancer: { ingress: [{ ip: "203.0.113.10" }] } } },
    "kubernetes:core/v1:Service web-eu-b": { status: { loadBalancer: {} } },
    "kubernetes:core/v1:Service web-us-a": { status: { loadBalancer: { ingress: [{ hostname: "a1b2.elb.us-east-1.amazonaws.com" }] } } },
    "kubernetes:apps/v1:Deployment web-eu-a": { status: { readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 } },
    "kubernetes:apps/v1:Deployment web-eu-b": { status: { readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 } },
    "kubernetes:apps/v1:Deployment web-us-a": { status: { readyReplicas: 0, updatedReplicas: 2, availableReplicas: 0 } },
    "kubernetes:networking.k8s.io/v1:Ingress shop-eu-a": { status: { loadBalancer: { ingress: [{ ip: "203.0.113.20" }] } } },
    "kubernetes:networking.k8s.io/v1:Ingress shop-us-a": { status: { loadBalancer: { ingress: [{ ip: "198.51.100.7" }] } } },
};
const liveState = ({ type, name }: { type: string; name: string }) => LIVE[`${type} ${name}`] as Record<string, unknown> | undefined;

function service(federation: fed.Federation, type = "LoadBalancer") {
    return new fed.FederatedService("web", { federation, namespace: "shop", template: { spec: { type, selector: { app: "web" }, ports: [{ port: 80 }] } }, placement: { clusterSelector: {} } });
}

const G = "web.shop.fleet.svc.example.com";

describe("ServiceDNSRecord", () => {
    it("publishes every cluster's addresses: zones fall back up, mixed targets become per-cluster records", async () => {
        let dns!: fed.ServiceDNSRecord;
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            dns = new fed.ServiceDNSRecord("web", { service: service(federation), domain: "example.com", ttl: 60 });
        }, { liveState });
        assert.equal(run.error, undefined, String(run.error));
        assert.equal(dns.names.global, G);
        const records = await promiseOf(dns.records);
        const view = records.map((r) => `${r.name} ${r.type} ${r.targets.join(",")}${r.setIdentifier ? ` [${r.setIdentifier}]` : ""}`);
        assert.deepEqual(view, [
            "web.shop.fleet.svc.eu-1a.eu.example.com A 203.0.113.10",
            "web.shop.fleet.svc.eu-1b.eu.example.com CNAME web.shop.fleet.svc.eu.example.com",
            "web.shop.fleet.svc.us-1a.us.example.com CNAME a1b2.elb.us-east-1.amazonaws.com",
            "web.shop.fleet.svc.eu.example.com A 203.0.113.10",
            "web.shop.fleet.svc.us.example.com CNAME a1b2.elb.us-east-1.amazonaws.com",
            `${G} CNAME eu-a.${G} [eu-a]`,
            `eu-a.${G} A 203.0.113.10`,
            `${G} CNAME us-a.${G} [us-a]`,
            `us-a.${G} CNAME a1b2.elb.us-east-1.amazonaws.com`,
        ]);
        assert.ok(records.every((r) => r.ttl === 60));
        assert.equal(dns.dnsEndpoint, undefined, "no DNSEndpoint unless asked");
    });

    it("leaves out clusters whose workload has no ready replicas (healthFrom), and writes a DNSEndpoint to the host", async () => {
        let dns!: fed.ServiceDNSRecord;
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            const deployment = new fed.FederatedDeployment("web", {
                federation,
                namespace: "shop",
                template: { spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } } },
                placement: { clusterSelector: {} },
            });
            dns = new fed.ServiceDNSRecord("web", { service: service(federation), domain: "example.com", healthFrom: deployment, dnsEndpoint: true, prefix: "shop" });
        }, { liveState });
        assert.equal(run.error, undefined, String(run.error));
        const records = await promiseOf(dns.records);
        assert.deepEqual(records.filter((r) => r.scope === "global").map((r) => [r.type, r.targets]), [["A", ["203.0.113.10"]]], "us-a is unhealthy");
        const endpoint = run.named("web-dnsendpoint");
        assert.equal(endpoint.type, "kubernetes:externaldns.k8s.io/v1alpha1:DNSEndpoint");
        assert.ok(endpoint.provider.includes("fleet-eu-a"), "on the host's provider");
        assert.deepEqual(endpoint.inputs.metadata, { name: "web", namespace: "shop" });
        assert.deepEqual(endpoint.inputs.spec.endpoints.find((e: any) => e.dnsName === "shop.example.com"), { dnsName: "shop.example.com", recordType: "CNAME", recordTTL: 300, targets: [G] });
        assert.equal(endpoint.inputs.spec.endpoints.length, records.length);
    });

    it("follows a member marked unavailable: its addresses leave the records, its names point up", async () => {
        let dns!: fed.ServiceDNSRecord;
        await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members.map((m) => (m.name === "us-a" ? { ...m, unavailable: true } : m)) });
            dns = new fed.ServiceDNSRecord("web", { service: service(federation), domain: "example.com" });
        }, { liveState });
        const records = await promiseOf(dns.records);
        assert.ok(!records.some((r) => r.targets.some((t) => t.includes("amazonaws"))));
        assert.deepEqual(
            records.filter((r) => r.name.includes(".us")).map((r) => `${r.name} ${r.type} ${r.targets}`),
            ["web.shop.fleet.svc.us-1a.us.example.com CNAME web.shop.fleet.svc.us.example.com", `web.shop.fleet.svc.us.example.com CNAME ${G}`],
        );
    });

    it("hostnames: \"resolve\" publishes the load balancer hostname's addresses beside the IPs, and the DNSEndpoint carries no weight", async () => {
        const responder = await startDnsResponder({ "a1b2.elb.us-east-1.amazonaws.com": ["198.51.100.44"] });
        try {
            let dns!: fed.ServiceDNSRecord;
            const run = await runProgram(() => {
                const federation = new fed.Federation("fleet", { clusters: members });
                dns = new fed.ServiceDNSRecord("web", { service: service(federation), domain: "example.com", hostnames: "resolve", resolvers: [responder.server], dnsEndpoint: true });
            }, { liveState });
            assert.equal(run.error, undefined, String(run.error));
            const records = await promiseOf(dns.records);
            assert.deepEqual(records.filter((r) => r.scope === "global" || r.scope === "region").map((r) => `${r.name} ${r.type} ${r.targets.join(",")}`), [
                "web.shop.fleet.svc.eu.example.com A 203.0.113.10",
                "web.shop.fleet.svc.us.example.com CNAME a1b2.elb.us-east-1.amazonaws.com",
                `${G} A 198.51.100.44,203.0.113.10`,
            ]);
            const endpoints = run.named("web-dnsendpoint").inputs.spec.endpoints as Record<string, unknown>[];
            assert.deepEqual(endpoints.filter((e) => "setIdentifier" in e || "providerSpecific" in e), []);
        } finally {
            await responder.close();
        }
    });

    it("hostnames: \"resolve\" with a hostname that does not resolve: a warning naming the component and the cluster, and the rest published", async () => {
        const responder = await startDnsResponder({});
        try {
            let dns!: fed.ServiceDNSRecord;
            const run = await runProgram(() => {
                const federation = new fed.Federation("fleet", { clusters: members });
                dns = new fed.ServiceDNSRecord("web", { service: service(federation), domain: "example.com", hostnames: "resolve", resolvers: [responder.server] });
            }, { liveState });
            assert.equal(run.error, undefined, String(run.error));
            const records = await promiseOf(dns.records);
            assert.deepEqual(records.filter((r) => r.scope === "global").map((r) => `${r.type} ${r.targets.join(",")}`), ["A 203.0.113.10"]);
            assert.ok(
                run.warnings.some((w) => /ServiceDNSRecord "web": a load balancer hostname did not resolve: cluster us-a's "a1b2.elb.us-east-1.amazonaws.com" \(ENOTFOUND\)/.test(w)),
                run.warnings.join("\n"),
            );
        } finally {
            await responder.close();
        }
    });

    const refused: { name: string; build: (federation: fed.Federation) => unknown; field: string; cluster?: string; message: RegExp }[] = [
        {
            name: "a ClusterIP service without an address source",
            build: (federation) => new fed.ServiceDNSRecord("web", { service: service(federation, "ClusterIP"), domain: "example.com" }),
            field: "addressSource", cluster: "eu-a", message: /type ClusterIP there, which has no load balancer address/,
        },
        {
            name: "a domain that is not a DNS name",
            build: (federation) => new fed.ServiceDNSRecord("web", { service: service(federation), domain: "Example_Zone" }),
            field: "domain", message: /not a DNS domain/,
        },
        {
            name: "a DNSEndpoint with no host cluster",
            build: () => {
                const noHost = new fed.Federation("nohost", { clusters: [{ name: "a" }] });
                return new fed.ServiceDNSRecord("web", { service: new fed.FederatedService("svc", { federation: noHost, template: { spec: { type: "LoadBalancer" } }, placement: { clusterSelector: {} } }), domain: "example.com", dnsEndpoint: true });
            },
            field: "dnsEndpoint", message: /no host cluster|has none/,
        },
        {
            name: "a hostnames mode it does not know",
            build: (federation) => new fed.ServiceDNSRecord("web", { service: service(federation), domain: "example.com", hostnames: "flatten" as never }),
            field: "hostnames", message: /must be "weighted" or "resolve", got string "flatten"/,
        },
        {
            name: "resolvers without hostnames: \"resolve\"",
            build: (federation) => new fed.ServiceDNSRecord("web", { service: service(federation), domain: "example.com", resolvers: ["10.0.0.2"] }),
            field: "resolvers", message: /only with hostnames: "resolve"/,
        },
        {
            name: "a resolver that is not an IP address",
            build: (federation) => new fed.ServiceDNSRecord("web", { service: service(federation), domain: "example.com", hostnames: "resolve", resolvers: ["10.0.0.2", "dns.internal"] }),
            field: "resolvers[1]", message: /"dns.internal" is not an IP address/,
        },
        {
            name: "resolvers that are not a list",
            build: (federation) => new fed.ServiceDNSRecord("web", { service: service(federation), domain: "example.com", hostnames: "resolve", resolvers: "10.0.0.2" as never }),
            field: "resolvers", message: /must be a list of at least one DNS server address, got string/,
        },
        {
            name: "more than 16 resolvers",
            build: (federation) => new fed.ServiceDNSRecord("web", { service: service(federation), domain: "example.com", hostnames: "resolve", resolvers: Array(17).fill("10.0.0.2") }),
            field: "resolvers", message: /has 17 servers; give at most 16/,
        },
        {
            name: "a hole in the resolver list",
            // eslint-disable-next-line no-sparse-arrays
            build: (federation) => new fed.ServiceDNSRecord("web", { service: service(federation), domain: "example.com", hostnames: "resolve", resolvers: [, "10.0.0.2"] as string[] }),
            field: "resolvers[0]", message: /got nothing/,
        },
        {
            name: "an empty resolver list",
            build: (federation) => new fed.ServiceDNSRecord("web", { service: service(federation), domain: "example.com", hostnames: "resolve", resolvers: [] }),
            field: "resolvers", message: /at least one DNS server/,
        },
        {
            name: "something that is not a service",
            build: (federation) => new fed.ServiceDNSRecord("web", { service: new fed.FederatedConfigMap("cm", { federation, template: {}, placement: { clusterSelector: {} } }), domain: "example.com" }),
            field: "service", message: /must be a federated Service, got one of kind ConfigMap/,
        },
    ];
    for (const c of refused) {
        it(`refuses ${c.name} before registering the record`, async () => {
            const run = await runProgram(() => c.build(new fed.Federation("fleet", { clusters: members })), { liveState });
            assert.ok(run.error instanceof FederationError, String(run.error));
            assert.equal(run.error.resource, 'ServiceDNSRecord "web"');
            assert.equal(run.error.field, c.field);
            assert.equal(run.error.cluster, c.cluster);
            assert.match(run.error.message, c.message);
            assert.deepEqual(run.ofType("federation:index:ServiceDNSRecord"), []);
        });
    }

    it("externalIPs as the explicit address source for other service types", async () => {
        let dns!: fed.ServiceDNSRecord;
        await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: [{ name: "dc1" }] });
            const svc = new fed.FederatedService("web", { federation, namespace: "shop", template: { spec: { type: "ClusterIP", externalIPs: ["192.0.2.5"] } }, placement: { clusterSelector: {} } });
            dns = new fed.ServiceDNSRecord("web", { service: svc, domain: "example.com", addressSource: "externalIPs" });
        });
        assert.deepEqual(await promiseOf(dns.records), [{ name: G, type: "A", targets: ["192.0.2.5"], ttl: 300, scope: "global" }]);
    });

    it("refuses an externalIPs entry that is not an IP before registering, naming the cluster and the field", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: [{ name: "dc1" }, { name: "dc2" }] });
            const svc = new fed.FederatedService("web", {
                federation,
                namespace: "shop",
                template: { spec: { type: "ClusterIP", externalIPs: ["192.0.2.5"] } },
                placement: { clusterSelector: {} },
                overrides: [{ clusterName: "dc2", clusterOverrides: [{ path: "/spec/externalIPs/0", value: "lb.example.com" }] }],
            });
            return new fed.ServiceDNSRecord("web", { service: svc, domain: "example.com", addressSource: "externalIPs" });
        });
        assert.ok(run.error instanceof FederationError, String(run.error));
        assert.equal(run.error.resource, 'ServiceDNSRecord "web"');
        assert.equal(run.error.cluster, "dc2");
        assert.equal(run.error.field, "spec.externalIPs[0]");
        assert.match(run.error.message, /must be an IP address, got string "lb.example.com"/);
        assert.deepEqual(run.ofType("federation:index:ServiceDNSRecord"), []);
    });
});

describe("IngressDNSRecord", () => {
    it("hostnames: \"resolve\": a host served by an IP and a load balancer hostname gets both as A records", async () => {
        const responder = await startDnsResponder({ "b2c3.elb.us-east-1.amazonaws.com": ["198.51.100.21"] });
        const live = (resource: { type: string; name: string }) =>
            resource.type === "kubernetes:networking.k8s.io/v1:Ingress" && resource.name === "shop-us-a"
                ? { status: { loadBalancer: { ingress: [{ hostname: "b2c3.elb.us-east-1.amazonaws.com" }] } } }
                : liveState(resource);
        try {
            let dns!: fed.IngressDNSRecord;
            const run = await runProgram(() => {
                const federation = new fed.Federation("fleet", { clusters: members });
                const ingress = new fed.FederatedIngress("shop", { federation, namespace: "shop", template: { spec: { rules: [{ host: "shop.example.com" }] } }, placement: { clusterSelector: {} } });
                dns = new fed.IngressDNSRecord("shop", { ingress, hostnames: "resolve", resolvers: [responder.server] });
            }, { liveState: live });
            assert.equal(run.error, undefined, String(run.error));
            assert.deepEqual((await promiseOf(dns.records)).map((r) => `${r.name} ${r.type} ${r.targets.join(",")}`), ["shop.example.com A 198.51.100.21,203.0.113.20"]);
        } finally {
            await responder.close();
        }
    });

    it("one record per host with every cluster's ingress addresses", async () => {
        let dns!: fed.IngressDNSRecord;
        await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            const ingress = new fed.FederatedIngress("shop", {
                federation,
                namespace: "shop",
                template: { spec: { rules: [{ host: "shop.example.com" }, { host: "api.example.com" }] } },
                placement: { clusters: ["eu-a", "us-a"] },
            });
            dns = new fed.IngressDNSRecord("shop", { ingress, ttl: 120 });
        }, { liveState });
        assert.deepEqual(dns.hosts, ["shop.example.com", "api.example.com"]);
        assert.deepEqual(await promiseOf(dns.records), [
            { name: "shop.example.com", type: "A", targets: ["198.51.100.7", "203.0.113.20"], ttl: 120, scope: "host" },
            { name: "api.example.com", type: "A", targets: ["198.51.100.7", "203.0.113.20"], ttl: 120, scope: "host" },
        ]);
    });
});

/** Issue 25, class 8: every name a record set composes is a DNS name, checked before anything registers. */
describe("DNS names: every composed label at most 63 characters, every name at most 253", () => {
    const long = (n: number, char = "a") => char.repeat(n);
    // A host of 250 characters passes alone; "<cluster>." before it does not.
    const host250 = `${long(63)}.${long(63)}.${long(63)}.${long(55)}.com`;
    const ingressCases: Array<[string, string, RegExp]> = [
        ["a label of 64 characters", `${long(64)}.example.com`, /has the label "a{60}"\.\.\. \(64 characters\), which is not 1-63 characters/],
        ["upper case", "Shop.example.com", /has the label "Shop"/],
        ["a label ending in '-'", "shop-.example.com", /has the label "shop-"/],
        ["a name past 253 characters", `${long(63)}.${long(63)}.${long(63)}.${long(63)}.com`, /is 259 characters, more than DNS allows \(253\)/],
        ["a host whose cluster names pass 253 characters", host250, /the DNS name "eu-a\.a{55}"\.\.\. is 256 characters/],
    ];
    for (const [what, host, message] of ingressCases) {
        it(`IngressDNSRecord refuses ${what}, naming hosts[0], before registering`, async () => {
            const run = await runProgram(() => {
                const federation = new fed.Federation("fleet", { clusters: members });
                const ingress = new fed.FederatedIngress("shop", { federation, namespace: "shop", template: { spec: { rules: [{ host: "ok.example.com" }] } }, placement: { clusters: ["eu-a"] } });
                return new fed.IngressDNSRecord("shop", { ingress, hosts: [host] });
            }, { liveState });
            assert.ok(run.error instanceof FederationError, String(run.error));
            assert.equal(run.error.field, "hosts[0]");
            assert.match(run.error.message, message);
            assert.deepEqual(run.ofType("federation:index:IngressDNSRecord"), []);
        });
    }

    it("IngressDNSRecord takes a wildcard host", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            const ingress = new fed.FederatedIngress("shop", { federation, namespace: "shop", template: { spec: { rules: [{ host: "*.example.com" }] } }, placement: { clusters: ["eu-a"] } });
            return new fed.IngressDNSRecord("shop", { ingress });
        }, { liveState });
        assert.equal(run.error, undefined, String(run.error));
    });

    it("ServiceDNSRecord refuses a domain whose per-cluster names pass 253 characters", async () => {
        // web.shop.fleet.svc.<domain> fits; eu-a.web.shop.fleet.svc.eu-1a.eu.<domain> does not.
        const domain = `${long(63)}.${long(63)}.${long(63)}.${long(29)}.com`;
        const run = await runProgram(() => new fed.ServiceDNSRecord("web", { service: service(new fed.Federation("fleet", { clusters: members })), domain }), { liveState });
        assert.ok(run.error instanceof FederationError, String(run.error));
        assert.match(run.error.message, /more than DNS allows \(253\); use shorter names or a prefix/);
        assert.deepEqual(run.ofType("federation:index:ServiceDNSRecord"), []);
    });
});

describe("FederatedServiceExport (Multi-Cluster Services)", () => {
    it("a ServiceExport beside the service in every placed cluster, waiting for that cluster's Service only", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            const svc = new fed.FederatedService("web", { federation, namespace: "shop", template: { spec: { ports: [{ port: 80 }] } }, placement: { clusters: ["eu-a", "us-a"] } });
            new fed.FederatedServiceExport("web-export", { service: svc });
        });
        assert.equal(run.error, undefined, String(run.error));
        const exports = run.ofType("kubernetes:multicluster.x-k8s.io/v1alpha1:ServiceExport");
        assert.deepEqual(exports.map((e) => e.name).sort(), ["web-export-eu-a", "web-export-us-a"]);
        for (const e of exports) {
            const cluster = e.name.replace("web-export-", "");
            assert.deepEqual(e.inputs.metadata, { name: "web", namespace: "shop" });
            assert.deepEqual(e.dependencies.map((urn) => run.byUrn(urn).name), [`web-${cluster}`]);
            assert.ok(e.provider.includes(`fleet-${cluster}`));
        }
    });
});

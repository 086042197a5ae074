import { strict as assert } from "assert";
import { ClusterAddresses, DnsRecord, ServiceDnsInput, checkExternalIps, dnsEndpointSpec, dnsNameProblem, ingressDnsRecords, serviceDnsNames, serviceDnsRecords, validateDnsNaming } from "../../components/planning/dns";
import { ingressHostProblem } from "../../components/planning/dnsNames";
import { Member } from "../../components/planning/members";
import { assertFederationError } from "./helpers";

const R = "topology.kubernetes.io/region";
const Z = "topology.kubernetes.io/zone";
const members: Member[] = [
    { name: "eu-a", labels: { [R]: "eu", [Z]: "eu-1a" } },
    { name: "eu-b", labels: { [R]: "eu", [Z]: "eu-1b" } },
    { name: "us-a", labels: { [R]: "us", [Z]: "us-1a" } },
    { name: "bare" },
];
const input: ServiceDnsInput = { service: "web", namespace: "shop", federation: "fleet", domain: "example.com" };
const G = "web.shop.fleet.svc.example.com";
const EU = "web.shop.fleet.svc.eu.example.com";
const US = "web.shop.fleet.svc.us.example.com";
const EU_A = "web.shop.fleet.svc.eu-1a.eu.example.com";
const EU_B = "web.shop.fleet.svc.eu-1b.eu.example.com";
const US_A = "web.shop.fleet.svc.us-1a.us.example.com";

const at = (cluster: string, ...addresses: string[]): ClusterAddresses => ({
    cluster,
    addresses: addresses.map((a) => (/^[\d.:a-f]+$/.test(a) && /[.:]/.test(a) && !/[g-z]/.test(a) ? { ip: a } : { hostname: a })),
});
const rec = (name: string, type: DnsRecord["type"], targets: string[], scope: DnsRecord["scope"], setIdentifier?: string): DnsRecord => ({
    name, type, targets, ttl: 300, scope, ...(setIdentifier ? { setIdentifier } : {}),
});

describe("planning/dns: names", () => {
    it("global, per-region and per-zone names from member labels; unlabelled members only global", () => {
        assert.deepEqual(serviceDnsNames({ ...input, prefix: "shop" }, members, ["eu-a", "eu-b", "us-a", "bare"]), {
            global: G,
            regions: [{ region: "eu", name: EU }, { region: "us", name: US }],
            zones: [
                { zone: "eu-1a", region: "eu", name: EU_A },
                { zone: "eu-1b", region: "eu", name: EU_B },
                { zone: "us-1a", region: "us", name: US_A },
            ],
            prefix: "shop.example.com",
        });
    });
    it("configurable label keys", () => {
        const custom = [{ name: "x", labels: { area: "north", rack: "r1" } }];
        const names = serviceDnsNames({ ...input, regionLabel: "area", zoneLabel: "rack" }, custom, ["x"]);
        assert.deepEqual(names.zones, [{ zone: "r1", region: "north", name: "web.shop.fleet.svc.r1.north.example.com" }]);
    });
});

describe("planning/dns: serviceDnsRecords", () => {
    const cases: { name: string; addresses: ClusterAddresses[]; input?: Partial<ServiceDnsInput>; alsoNamed?: string[]; expected: DnsRecord[] }[] = [
        {
            name: "IPs everywhere: A records at every level",
            addresses: [at("eu-a", "10.0.0.2"), at("eu-b", "10.0.0.1"), at("us-a", "10.1.0.1")],
            expected: [
                rec(EU_A, "A", ["10.0.0.2"], "zone"), rec(EU_B, "A", ["10.0.0.1"], "zone"), rec(US_A, "A", ["10.1.0.1"], "zone"),
                rec(EU, "A", ["10.0.0.1", "10.0.0.2"], "region"), rec(US, "A", ["10.1.0.1"], "region"),
                rec(G, "A", ["10.0.0.1", "10.0.0.2", "10.1.0.1"], "global"),
            ],
        },
        {
            name: "a zone without addresses falls back to its region, a region without to the global name",
            addresses: [at("eu-a", "10.0.0.2"), at("eu-b"), at("us-a")],
            expected: [
                rec(EU_A, "A", ["10.0.0.2"], "zone"), rec(EU_B, "CNAME", [EU], "zone"), rec(US_A, "CNAME", [US], "zone"),
                rec(EU, "A", ["10.0.0.2"], "region"), rec(US, "CNAME", [G], "region"),
                rec(G, "A", ["10.0.0.2"], "global"),
            ],
        },
        {
            name: "one hostname only: a CNAME",
            addresses: [at("us-a", "lb-1.elb.example.net")],
            expected: [rec(US_A, "CNAME", ["lb-1.elb.example.net"], "zone"), rec(US, "CNAME", ["lb-1.elb.example.net"], "region"), rec(G, "CNAME", ["lb-1.elb.example.net"], "global")],
        },
        {
            name: "hostnames and IPs mixed: weighted CNAMEs of one type, each to the cluster's own name",
            addresses: [at("eu-a", "10.0.0.2"), at("us-a", "lb-1.elb.example.net")],
            expected: [
                rec(EU_A, "A", ["10.0.0.2"], "zone"), rec(US_A, "CNAME", ["lb-1.elb.example.net"], "zone"),
                rec(EU, "A", ["10.0.0.2"], "region"), rec(US, "CNAME", ["lb-1.elb.example.net"], "region"),
                { ...rec(G, "CNAME", [`eu-a.${G}`], "global", "eu-a"), weight: 1 }, rec(`eu-a.${G}`, "A", ["10.0.0.2"], "cluster"),
                { ...rec(G, "CNAME", [`us-a.${G}`], "global", "us-a"), weight: 1 }, rec(`us-a.${G}`, "CNAME", ["lb-1.elb.example.net"], "cluster"),
            ],
        },
        {
            name: "two load balancer hostnames: weighted CNAMEs, never a CNAME with two targets",
            addresses: [at("eu-a", "a.elb.example.net"), at("eu-b", "b.elb.example.net")],
            expected: [
                rec(EU_A, "CNAME", ["a.elb.example.net"], "zone"), rec(EU_B, "CNAME", ["b.elb.example.net"], "zone"),
                { ...rec(EU, "CNAME", [`eu-a.${EU}`], "region", "eu-a"), weight: 1 }, rec(`eu-a.${EU}`, "CNAME", ["a.elb.example.net"], "cluster"),
                { ...rec(EU, "CNAME", [`eu-b.${EU}`], "region", "eu-b"), weight: 1 }, rec(`eu-b.${EU}`, "CNAME", ["b.elb.example.net"], "cluster"),
                { ...rec(G, "CNAME", [`eu-a.${G}`], "global", "eu-a"), weight: 1 }, rec(`eu-a.${G}`, "CNAME", ["a.elb.example.net"], "cluster"),
                { ...rec(G, "CNAME", [`eu-b.${G}`], "global", "eu-b"), weight: 1 }, rec(`eu-b.${G}`, "CNAME", ["b.elb.example.net"], "cluster"),
            ],
        },
        {
            name: "an unavailable member keeps its zone and region names, pointing up",
            addresses: [at("eu-a", "10.0.0.2")],
            alsoNamed: ["us-a"],
            expected: [
                rec(EU_A, "A", ["10.0.0.2"], "zone"), rec(US_A, "CNAME", [US], "zone"),
                rec(EU, "A", ["10.0.0.2"], "region"), rec(US, "CNAME", [G], "region"),
                rec(G, "A", ["10.0.0.2"], "global"),
            ],
        },
        {
            name: "IPv6 addresses make AAAA records",
            addresses: [at("bare", "10.9.0.1", "2001:db8::1")],
            expected: [rec(G, "A", ["10.9.0.1"], "global"), rec(G, "AAAA", ["2001:db8::1"], "global")],
        },
        {
            name: "unhealthy clusters are left out; with allowUnhealthy they stay",
            addresses: [{ ...at("eu-a", "10.0.0.2"), healthy: false }, at("eu-b", "10.0.0.1")],
            expected: [rec(EU_A, "CNAME", [EU], "zone"), rec(EU_B, "A", ["10.0.0.1"], "zone"), rec(EU, "A", ["10.0.0.1"], "region"), rec(G, "A", ["10.0.0.1"], "global")],
        },
        {
            name: "nothing anywhere: no global record (and the lower levels point up)",
            addresses: [at("eu-a")],
            expected: [rec(EU_A, "CNAME", [EU], "zone"), rec(EU, "CNAME", [G], "region")],
        },
        {
            name: "a prefix and a TTL",
            addresses: [at("bare", "10.9.0.1")],
            input: { prefix: "shop", ttl: 30 },
            expected: [{ ...rec(G, "A", ["10.9.0.1"], "global"), ttl: 30 }, { ...rec("shop.example.com", "CNAME", [G], "prefix"), ttl: 30 }],
        },
    ];
    for (const c of cases) {
        it(c.name, () => assert.deepEqual(serviceDnsRecords({ ...input, ...c.input }, members, c.addresses, c.alsoNamed), c.expected));
    }
    it("allowUnhealthy keeps an unhealthy cluster's addresses", () => {
        const records = serviceDnsRecords({ ...input, allowUnhealthy: true }, members, [{ ...at("bare", "10.9.0.1"), healthy: false }]);
        assert.deepEqual(records, [rec(G, "A", ["10.9.0.1"], "global")]);
    });
});

describe("planning/dns: hostnames: \"resolve\" (DNS servers without weighted routing)", () => {
    const resolvedAt = (cluster: string, hostname: string, resolved?: string[]): ClusterAddresses => ({ cluster, addresses: [{ hostname, ...(resolved ? { resolved } : {}) }] });
    const resolve: Partial<ServiceDnsInput> = { hostnames: "resolve" };
    const cases: { name: string; addresses: ClusterAddresses[]; expected: DnsRecord[] }[] = [
        {
            name: "IPs and a hostname: the hostname's addresses join the IPs as A records; a name with that hostname only stays a CNAME",
            addresses: [at("eu-a", "10.0.0.2"), resolvedAt("eu-b", "lb-1.elb.example.net", ["198.51.100.7"]), at("us-a", "10.1.0.1")],
            expected: [
                rec(EU_A, "A", ["10.0.0.2"], "zone"), rec(EU_B, "CNAME", ["lb-1.elb.example.net"], "zone"), rec(US_A, "A", ["10.1.0.1"], "zone"),
                rec(EU, "A", ["10.0.0.2", "198.51.100.7"], "region"), rec(US, "A", ["10.1.0.1"], "region"),
                rec(G, "A", ["10.0.0.2", "10.1.0.1", "198.51.100.7"], "global"),
            ],
        },
        {
            name: "two hostnames: both resolved, IPv4 as A and IPv6 as AAAA, never a CNAME with two targets",
            addresses: [resolvedAt("eu-a", "a.elb.example.net", ["198.51.100.1", "2001:db8::a"]), resolvedAt("eu-b", "b.elb.example.net", ["198.51.100.2"])],
            expected: [
                rec(EU_A, "CNAME", ["a.elb.example.net"], "zone"), rec(EU_B, "CNAME", ["b.elb.example.net"], "zone"),
                rec(EU, "A", ["198.51.100.1", "198.51.100.2"], "region"), rec(EU, "AAAA", ["2001:db8::a"], "region"),
                rec(G, "A", ["198.51.100.1", "198.51.100.2"], "global"), rec(G, "AAAA", ["2001:db8::a"], "global"),
            ],
        },
        {
            name: "a hostname that did not resolve is left out of the names that mix it with others",
            addresses: [at("eu-a", "10.0.0.2"), resolvedAt("eu-b", "gone.elb.example.net", [])],
            expected: [
                rec(EU_A, "A", ["10.0.0.2"], "zone"), rec(EU_B, "CNAME", ["gone.elb.example.net"], "zone"),
                rec(EU, "A", ["10.0.0.2"], "region"), rec(G, "A", ["10.0.0.2"], "global"),
            ],
        },
        {
            name: "no hostname resolved and no IP: the region falls back up; the global name, with nothing above, is a CNAME to a load balancer rather than gone",
            addresses: [resolvedAt("eu-a", "b.elb.example.net"), resolvedAt("eu-b", "a.elb.example.net", [])],
            expected: [
                rec(EU_A, "CNAME", ["b.elb.example.net"], "zone"), rec(EU_B, "CNAME", ["a.elb.example.net"], "zone"),
                rec(EU, "CNAME", [G], "region"), rec(G, "CNAME", ["a.elb.example.net"], "global"),
            ],
        },
        {
            name: "an address with an IP and a hostname is served by its IP, resolved or not",
            addresses: [{ cluster: "eu-a", addresses: [{ ip: "10.0.0.2", hostname: "a.elb.example.net", resolved: ["198.51.100.1"] }] }, resolvedAt("eu-b", "b.elb.example.net", ["198.51.100.2"])],
            expected: [
                rec(EU_A, "A", ["10.0.0.2"], "zone"), rec(EU_B, "CNAME", ["b.elb.example.net"], "zone"),
                rec(EU, "A", ["10.0.0.2", "198.51.100.2"], "region"), rec(G, "A", ["10.0.0.2", "198.51.100.2"], "global"),
            ],
        },
    ];
    for (const c of cases) {
        it(c.name, () => assert.deepEqual(serviceDnsRecords({ ...input, ...resolve }, members, c.addresses), c.expected));
    }
    it("no record is weighted, and no name is a cluster's own name", () => {
        const records = serviceDnsRecords({ ...input, ...resolve }, members, cases[0].addresses);
        assert.deepEqual(records.filter((r) => r.setIdentifier !== undefined || r.weight !== undefined || r.scope === "cluster"), []);
    });
    it("ingress hosts too", () => {
        assert.deepEqual(ingressDnsRecords(["shop.example.com"], [at("a", "10.0.0.1"), resolvedAt("b", "lb.elb.example.net", ["198.51.100.9"])], { hostnames: "resolve" }), [
            rec("shop.example.com", "A", ["10.0.0.1", "198.51.100.9"], "host"),
        ]);
    });
    it("names no cluster under a name, so long composed names are not refused for it", () => {
        // The zone name is 216 characters; under a 63-character cluster name it would be 280.
        const long = { ...input, service: "s".repeat(60), domain: `${"d".repeat(63)}.${"e".repeat(63)}.com`, hostnames: "resolve" as const };
        const named = [{ name: "c".repeat(63), labels: { [R]: "eu", [Z]: "eu-1a" } }];
        assert.throws(() => serviceDnsNames({ ...long, hostnames: "weighted" }, named, [named[0].name]), /use shorter names/);
        assert.doesNotThrow(() => serviceDnsNames(long, named, [named[0].name]));
    });
    const refused: [string, Partial<ServiceDnsInput>, unknown[], string, RegExp][] = [
        ["a hostnames mode it does not know", { hostnames: "Resolve" as never }, [at("eu-a", "10.0.0.1")], "hostnames", /must be "weighted" or "resolve"/],
        ["a resolved entry that is not a string", resolve, [{ cluster: "eu-a", addresses: [{ hostname: "a.elb.example.net", resolved: [123] }] }], "addresses[0].addresses[0].resolved[0]", /must be an IP address, got number 123/],
        ["a resolved entry that is not an IP", resolve, [{ cluster: "eu-a", addresses: [{ hostname: "a.elb.example.net", resolved: ["not an ip"] }] }], "addresses[0].addresses[0].resolved[0]", /must be an IP address/],
        ["resolved that is not a list", resolve, [{ cluster: "eu-a", addresses: [{ hostname: "a.elb.example.net", resolved: {} }] }], "addresses[0].addresses[0].resolved", /must be a list of IP addresses/],
        ["an ip that is not an IP", {}, [{ cluster: "eu-a", addresses: [{ ip: "10.0.0.300" }] }], "addresses[0].addresses[0].ip", /must be an IP address/],
        ["addresses that are not a list", {}, [{ cluster: "eu-a", addresses: "10.0.0.1" }], "addresses[0].addresses", /must be a list/],
        ["an entry without a cluster", {}, [{ addresses: [] }], "addresses[0]", /must be \{ cluster, addresses \}/],
        ["a hostname that is not a string", {}, [{ cluster: "eu-a", addresses: [{ hostname: 7 }] }], "addresses[0].addresses[0].hostname", /must be a string/],
    ];
    for (const [name, options, addresses, field, message] of refused) {
        it(`refuses ${name}, naming the field`, () => {
            assertFederationError(() => serviceDnsRecords({ ...input, ...options }, members, addresses as ClusterAddresses[]), { field, message });
            assertFederationError(() => ingressDnsRecords(["shop.example.com"], addresses as ClusterAddresses[], options), { field, message });
        });
    }
    it("the default stays weighted (resolved addresses are not used)", () => {
        const records = serviceDnsRecords(input, members, [at("eu-a", "10.0.0.2"), resolvedAt("us-a", "lb-1.elb.example.net", ["198.51.100.7"])]);
        assert.deepEqual(records.filter((r) => r.scope === "global").map((r) => r.setIdentifier), ["eu-a", "us-a"]);
    });
});

describe("planning/dns: checkExternalIps and ingressHostProblem", () => {
    const location = { resource: "R", cluster: "dc1" };
    it("takes IPv4 and IPv6 addresses, nothing, and values not known yet", () => {
        for (const ips of [["192.0.2.1", "2001:db8::1"], [], undefined]) assert.doesNotThrow(() => checkExternalIps(ips, location));
    });
    const bad: [unknown, string, RegExp][] = [
        [["192.0.2.1", "lb.example.com"], "spec.externalIPs[1]", /must be an IP address, got string "lb.example.com"/],
        [[7], "spec.externalIPs[0]", /got number 7/],
        ["192.0.2.1", "spec.externalIPs", /must be a list of IP addresses/],
    ];
    for (const [ips, field, message] of bad) {
        it(`refuses ${JSON.stringify(ips)}, naming ${field}`, () => assertFederationError(() => checkExternalIps(ips, location), { resource: "R", cluster: "dc1", field, message }));
    }
    const hosts: [unknown, string[], "weighted" | "resolve" | undefined, RegExp | undefined][] = [
        ["shop.example.com", ["eu"], undefined, undefined],
        ["*.example.com", ["eu"], undefined, undefined],
        ["localhost", [], undefined, /"localhost" is not a DNS name/],
        [42, [], undefined, /number 42 is not a DNS name/],
        ["Shop.example.com", [], undefined, /has the label "Shop"/],
        // 200 + 1 + 63 > 253 only under a cluster's own name, which only weighted records publish.
        [`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.example.com`, ["c".repeat(63)], undefined, /more than DNS allows/],
        [`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.example.com`, ["c".repeat(63)], "resolve", undefined],
    ];
    for (const [host, clusters, hostnames, problem] of hosts) {
        it(`ingressHostProblem(${JSON.stringify(host).slice(0, 30)}, ${hostnames ?? "weighted"}): ${problem ?? "none"}`, () => {
            const found = ingressHostProblem(host, clusters, hostnames);
            if (problem) assert.match(found ?? "", problem);
            else assert.equal(found, undefined);
        });
    }
});

describe("planning/dns: ingress records and DNSEndpoint", () => {
    it("each host gets every healthy cluster's addresses", () => {
        assert.deepEqual(ingressDnsRecords(["shop.example.com", "api.example.com"], [at("a", "10.0.0.1"), { ...at("b", "10.0.0.2"), healthy: false }]), [
            rec("shop.example.com", "A", ["10.0.0.1"], "host"),
            rec("api.example.com", "A", ["10.0.0.1"], "host"),
        ]);
    });
    it("no addresses at all: no record", () => assert.deepEqual(ingressDnsRecords(["shop.example.com"], [at("a")]), []));
    it("DNSEndpoint spec in external-dns's shape, weights as the provider-specific property", () => {
        const weighted = { ...rec(G, "CNAME", [`eu-a.${G}`], "global", "eu-a"), weight: 1 };
        assert.deepEqual(dnsEndpointSpec([rec(G, "A", ["10.0.0.1"], "global"), weighted]), {
            endpoints: [
                { dnsName: G, recordType: "A", recordTTL: 300, targets: ["10.0.0.1"] },
                { dnsName: G, recordType: "CNAME", recordTTL: 300, targets: [`eu-a.${G}`], setIdentifier: "eu-a", providerSpecific: [{ name: "aws/weight", value: "1" }] },
            ],
        });
        assert.deepEqual((dnsEndpointSpec([weighted], { weightProperty: "weight" }).endpoints[0] as any).providerSpecific, [{ name: "weight", value: "1" }]);
    });
    it("an ingress host gets only the clusters whose ingress serves it", () => {
        const records = ingressDnsRecords(["eu.example.com", "us.example.com"], [at("a", "10.0.0.1"), at("b", "10.0.0.2")], { hostClusters: { "eu.example.com": ["a"], "us.example.com": ["b"] } });
        assert.deepEqual(records, [rec("eu.example.com", "A", ["10.0.0.1"], "host"), rec("us.example.com", "A", ["10.0.0.2"], "host")]);
    });
});

describe("planning/dns: validateDnsNaming", () => {
    const bad: [string, Record<string, unknown>, string, string][] = [
        ["a domain with capitals", { domain: "Example.com" }, "domain", "not a DNS domain"],
        ["a single-label domain", { domain: "localhost" }, "domain", "not a DNS domain"],
        ["a domain with an underscore", { domain: "my_zone.example.com" }, "domain", "not a DNS domain"],
        ["a prefix with a dot", { domain: "example.com", prefix: "a.b" }, "prefix", "DNS prefix"],
        ["a federation name with capitals", { domain: "example.com", federation: "Fleet" }, "federationName", "DNS name"],
        ["a zero TTL", { domain: "example.com", ttl: 0 }, "ttl", "above 0"],
    ];
    for (const [name, value, field, message] of bad) {
        it(`rejects ${name}`, () => assertFederationError(() => validateDnsNaming(value, { resource: "R" }), { resource: "R", field, message }));
    }
    it("accepts a trailing dot", () => assert.equal(validateDnsNaming({ domain: "example.com." }, {}), undefined));
});

describe("a wildcard host's weighted record set names each cluster without the wildcard", () => {
    it("*.example.com over two clusters, one with an IP and one with a hostname: every name is a DNS name", () => {
        const records = ingressDnsRecords(["*.example.com"], [
            { cluster: "eu", addresses: [{ ip: "192.0.2.1" }] },
            { cluster: "us", addresses: [{ hostname: "lb.us.example.net" }] },
        ]);
        assert.deepEqual(records.map((r) => `${r.name} ${r.type} ${r.targets.join(",")}`), [
            "*.example.com CNAME eu.example.com",
            "eu.example.com A 192.0.2.1",
            "*.example.com CNAME us.example.com",
            "us.example.com CNAME lb.us.example.net",
        ]);
        for (const record of records) assert.equal(dnsNameProblem(record.name, true), undefined, record.name);
    });
});

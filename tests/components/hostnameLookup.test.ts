import { strict as assert } from "assert";
import * as dgram from "dgram";
import { dnsServerProblem, lookUpHostnames, withResolved } from "../../components/resources/hostnameLookup";
import { startDnsResponder } from "../dnsResponder";

describe("resources/hostnameLookup: dnsServerProblem", () => {
    const good = ["10.0.0.2", "10.0.0.2:53", "127.0.0.1:5353", "2001:db8::1", "[2001:db8::1]:53", "[::1]"];
    for (const value of good) it(`takes ${value}`, () => assert.equal(dnsServerProblem(value), undefined));
    const bad: [unknown, RegExp][] = [
        ["dns.example.com", /not an IP address/],
        ["10.0.0.2:0", /port 0, which is not 1-65535/],
        ["10.0.0.2:70000", /port 70000/],
        ["[10.0.0.2]:53", /only an IPv6 address goes in brackets/],
        ["10.0.0.256", /not an IP address/],
        ["fe80::1%eth0", /zone index/],
        ["", /not an IP address/],
        [53, /got number 53/],
        [null, /got null/],
        [{ host: "10.0.0.2" }, /got an object/],
        ["x".repeat(10_000), /\.\.\. is not an IP address/],
    ];
    for (const [value, message] of bad) it(`refuses ${JSON.stringify(value)?.slice(0, 30)}`, () => assert.match(dnsServerProblem(value) ?? "", message));
});

describe("resources/hostnameLookup: lookUpHostnames", () => {
    it("asks the given servers for A and AAAA, once per distinct hostname, and sorts the addresses", async () => {
        const responder = await startDnsResponder({ "lb-1.elb.test": ["198.51.100.9", "198.51.100.2", "2001:db8::7"], "lb-2.elb.test": ["198.51.100.3"] });
        try {
            const found = await lookUpHostnames(["lb-1.elb.test", "lb-2.elb.test", "lb-1.elb.test"], [responder.server]);
            assert.deepEqual(Object.fromEntries(found), {
                "lb-1.elb.test": { addresses: ["198.51.100.2", "198.51.100.9", "2001:db8::7"] },
                "lb-2.elb.test": { addresses: ["198.51.100.3"] },
            });
            assert.deepEqual(responder.questions.sort(), ["lb-1.elb.test A", "lb-1.elb.test AAAA", "lb-2.elb.test A", "lb-2.elb.test AAAA"]);
        } finally {
            await responder.close();
        }
    });
    it("reports a name that does not exist with the resolver's code, without throwing", async () => {
        const responder = await startDnsResponder({});
        try {
            assert.deepEqual(Object.fromEntries(await lookUpHostnames(["gone.elb.test"], [responder.server])), { "gone.elb.test": { addresses: [], error: "ENOTFOUND" } });
        } finally {
            await responder.close();
        }
    });
    it("a hostname that is an IP address is its own answer, with no question asked", async () => {
        const responder = await startDnsResponder({});
        try {
            assert.deepEqual(Object.fromEntries(await lookUpHostnames(["198.51.100.5", "2001:db8::5"], [responder.server])), {
                "198.51.100.5": { addresses: ["198.51.100.5"] },
                "2001:db8::5": { addresses: ["2001:db8::5"] },
            });
            assert.deepEqual(responder.questions, []);
        } finally {
            await responder.close();
        }
    });
    it("a server that never answers: the lookups are canceled at the limit and reported as ETIMEOUT", async () => {
        const silent = dgram.createSocket("udp4");
        await new Promise<void>((resolve) => silent.bind(0, "127.0.0.1", resolve));
        try {
            const found = await lookUpHostnames(["a.elb.test", "b.elb.test"], [`127.0.0.1:${silent.address().port}`], 300);
            assert.deepEqual(Object.fromEntries(found), { "a.elb.test": { addresses: [], error: "ETIMEOUT" }, "b.elb.test": { addresses: [], error: "ETIMEOUT" } });
        } finally {
            silent.close();
        }
    });
    it("without servers, the system's are asked: a name under .invalid is reported, never thrown", async () => {
        const found = (await lookUpHostnames(["federation-test.invalid"], undefined, 3_000)).get("federation-test.invalid")!;
        assert.deepEqual(found.addresses, []);
        assert.equal(typeof found.error, "string");
    });
});

describe("resources/hostnameLookup: withResolved", () => {
    const byCluster = [
        { cluster: "eu", addresses: [{ ip: "10.0.0.1" }] },
        { cluster: "us", addresses: [{ hostname: "lb-1.elb.test" }, { hostname: "gone.elb.test" }] },
    ];
    it("weighted (the default): nothing is looked up", async () => {
        const warnings: string[] = [];
        assert.equal(await withResolved(byCluster, {}, (m) => warnings.push(m)), byCluster);
        assert.deepEqual(warnings, []);
    });
    it("resolve: each hostname gets its addresses; those that do not resolve are warned about once, naming each cluster", async () => {
        const responder = await startDnsResponder({ "lb-1.elb.test": ["198.51.100.9"] });
        const warnings: string[] = [];
        try {
            const resolved = await withResolved(byCluster, { hostnames: "resolve", resolvers: [responder.server] }, (m) => warnings.push(m));
            assert.deepEqual(resolved, [
                { cluster: "eu", addresses: [{ ip: "10.0.0.1" }] },
                { cluster: "us", addresses: [{ hostname: "lb-1.elb.test", resolved: ["198.51.100.9"] }, { hostname: "gone.elb.test", resolved: [] }] },
            ]);
            assert.equal(warnings.length, 1);
            assert.match(warnings[0], /^a load balancer hostname did not resolve: cluster us's "gone.elb.test" \(ENOTFOUND\)\. /);
        } finally {
            await responder.close();
        }
    });
    it("resolve: unhealthy clusters are not looked up (unless allowUnhealthy), and a long hostname is cut in the warning", async () => {
        const responder = await startDnsResponder({});
        const long = `${"x".repeat(300)}.elb.test`;
        const clusters = [
            { cluster: "eu", healthy: false, addresses: [{ hostname: "down.elb.test" }] },
            { cluster: "us", addresses: [{ hostname: long }] },
        ];
        const warnings: string[] = [];
        try {
            const resolved = await withResolved(clusters, { hostnames: "resolve", resolvers: [responder.server] }, (m) => warnings.push(m));
            assert.deepEqual(resolved[0], clusters[0], "the unhealthy cluster is left as it was");
            assert.ok(!responder.questions.some((q) => q.startsWith("down.elb.test")));
            assert.equal(warnings.length, 1);
            assert.ok(!warnings[0].includes(long) && warnings[0].includes(`${"x".repeat(60)}"...`), warnings[0]);
            await withResolved(clusters, { hostnames: "resolve", resolvers: [responder.server], allowUnhealthy: true }, () => undefined);
            assert.ok(responder.questions.some((q) => q.startsWith("down.elb.test")));
        } finally {
            await responder.close();
        }
    });
});

/** examples/global-dns under the mock monitor, with mocked load balancer status per cluster. */
import { strict as assert } from "assert";
import * as path from "path";
import { DnsRecord } from "../components";
import { route53RecordArgs, route53ResourceName } from "../examples/global-dns/route53";
import { promiseOf, runProgramFile } from "./harness";

const program = path.join(__dirname, "..", "examples", "global-dns", "index.ts");
const LIVE: Record<string, unknown> = {
    "kubernetes:core/v1:Service web-eu-west-1a": { status: { loadBalancer: { ingress: [{ ip: "203.0.113.10" }] } } },
    "kubernetes:core/v1:Service web-eu-west-1b": { status: { loadBalancer: { ingress: [{ ip: "203.0.113.11" }] } } },
    "kubernetes:core/v1:Service web-us-east-1a": { status: { loadBalancer: { ingress: [{ hostname: "a1b2.elb.us-east-1.amazonaws.com" }] } } },
};
const liveState = ({ type, name }: { type: string; name: string }) =>
    type === "kubernetes:apps/v1:Deployment" ? { status: { readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 } } : (LIVE[`${type} ${name}`] as Record<string, unknown> | undefined);

const view = (records: DnsRecord[]) => records.map((r) => `${r.name} ${r.type} ${r.targets.join(",")}${r.setIdentifier ? ` [${r.setIdentifier}]` : ""}`);

describe("examples/global-dns", () => {
    it("publishes the global, regional and zonal names, a DNSEndpoint on the host, and ServiceExports", async () => {
        const run = await runProgramFile(program, { project: "global-dns", liveState });
        assert.equal(run.error, undefined, String(run.error));
        const outputs = run.exports as any;
        assert.equal(outputs.globalName, "web.shop.global.svc.example.com");
        assert.deepEqual(view(await promiseOf(outputs.records)), [
            "web.shop.global.svc.eu-west-1a.eu-west-1.example.com A 203.0.113.10",
            "web.shop.global.svc.eu-west-1b.eu-west-1.example.com A 203.0.113.11",
            "web.shop.global.svc.us-east-1a.us-east-1.example.com CNAME a1b2.elb.us-east-1.amazonaws.com",
            "web.shop.global.svc.eu-west-1.example.com A 203.0.113.10,203.0.113.11",
            "web.shop.global.svc.us-east-1.example.com CNAME a1b2.elb.us-east-1.amazonaws.com",
            // Hostnames and IPs mixed: weighted CNAMEs of one type to each cluster's own name.
            "web.shop.global.svc.example.com CNAME eu-west-1a.web.shop.global.svc.example.com [eu-west-1a]",
            "eu-west-1a.web.shop.global.svc.example.com A 203.0.113.10",
            "web.shop.global.svc.example.com CNAME eu-west-1b.web.shop.global.svc.example.com [eu-west-1b]",
            "eu-west-1b.web.shop.global.svc.example.com A 203.0.113.11",
            "web.shop.global.svc.example.com CNAME us-east-1a.web.shop.global.svc.example.com [us-east-1a]",
            "us-east-1a.web.shop.global.svc.example.com CNAME a1b2.elb.us-east-1.amazonaws.com",
            "shop.example.com CNAME web.shop.global.svc.example.com",
        ]);
        const endpoint = run.named("web-dnsendpoint");
        assert.ok(endpoint.provider.includes("global-eu-west-1a"));
        assert.equal(endpoint.inputs.spec.endpoints.length, 12);
        const weighted = endpoint.inputs.spec.endpoints.filter((e: any) => e.setIdentifier);
        assert.equal(weighted.length, 3);
        for (const e of weighted) {
            assert.equal(e.recordType, "CNAME");
            assert.deepEqual(e.providerSpecific, [{ name: "aws/weight", value: "1" }]);
        }
        assert.equal(run.ofType("kubernetes:multicluster.x-k8s.io/v1alpha1:ServiceExport").length, 3);
    });

    it("a member marked down leaves every record; its zone and region names point up the hierarchy", async () => {
        const run = await runProgramFile(program, { project: "global-dns", liveState, config: { "global-dns:down": "us-east-1a" } });
        assert.equal(run.error, undefined, String(run.error));
        assert.deepEqual(view(await promiseOf((run.exports as any).records)), [
            "web.shop.global.svc.eu-west-1a.eu-west-1.example.com A 203.0.113.10",
            "web.shop.global.svc.eu-west-1b.eu-west-1.example.com A 203.0.113.11",
            "web.shop.global.svc.us-east-1a.us-east-1.example.com CNAME web.shop.global.svc.us-east-1.example.com",
            "web.shop.global.svc.eu-west-1.example.com A 203.0.113.10,203.0.113.11",
            "web.shop.global.svc.us-east-1.example.com CNAME web.shop.global.svc.example.com",
            "web.shop.global.svc.example.com A 203.0.113.10,203.0.113.11",
            "shop.example.com CNAME web.shop.global.svc.example.com",
        ]);
        const replicas = run.ofType("kubernetes:apps/v1:Deployment").map((d) => d.inputs.spec.replicas);
        assert.equal(replicas.reduce((a: number, b: number) => a + b, 0), 6, "the total stays on the other clusters");
    });

    it("turns records into Route 53 arguments, weighted when a name has one record per cluster", () => {
        const plain: DnsRecord = { name: "a.example.com", type: "A", targets: ["192.0.2.1"], ttl: 60, scope: "global" };
        const weighted: DnsRecord = { ...plain, type: "CNAME", targets: ["lb.example.net"], setIdentifier: "us-east-1a" };
        assert.deepEqual(route53RecordArgs(plain, "Z1"), { zoneId: "Z1", name: "a.example.com", type: "A", ttl: 60, records: ["192.0.2.1"] });
        assert.deepEqual(route53RecordArgs(weighted, "Z1"), {
            zoneId: "Z1", name: "a.example.com", type: "CNAME", ttl: 60, records: ["lb.example.net"], setIdentifier: "us-east-1a", weightedRoutingPolicies: [{ weight: 1 }],
        });
        assert.equal(route53ResourceName(weighted), "a.example.com-CNAME-us-east-1a");
    });
});

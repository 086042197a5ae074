/**
 * Cross-cluster discovery: a storefront in three clusters (two EU zones and one US zone) reachable
 * at one name, web.shop.global.svc.example.com, plus per-region and per-zone names that fail over
 * by DNS to the level above when their clusters have no healthy address.
 *
 * - the records go to the host cluster as an external-dns DNSEndpoint (external-dns then programs
 *   the real DNS provider), and are exported as a provider-neutral list;
 * - with config `route53ZoneId` (and @pulumi/aws installed) the same list becomes Route 53 records;
 * - every cluster also gets a Multi-Cluster Services ServiceExport of the service.
 *
 * Records are recomputed on every `pulumi up` from the Services' live load balancer status; run
 * `pulumi up --refresh` so Pulumi re-reads that status. Marking a member `unavailable` (config
 * `down`) takes its addresses out of every record on the next update.
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedDeployment, FederatedNamespace, FederatedService, FederatedServiceExport, Federation, MemberClusterArgs, ServiceDNSRecord } from "../../components";
import { route53RecordArgs, route53ResourceName } from "./route53";

const config = new pulumi.Config();
const contexts = config.getObject<Record<string, string>>("contexts") ?? {};
const down = config.get("down");

const REGION = "topology.kubernetes.io/region";
const ZONE = "topology.kubernetes.io/zone";
const clusters: MemberClusterArgs[] = [
    { name: "eu-west-1a", host: true, labels: { [REGION]: "eu-west-1", [ZONE]: "eu-west-1a" } },
    { name: "eu-west-1b", labels: { [REGION]: "eu-west-1", [ZONE]: "eu-west-1b" } },
    { name: "us-east-1a", labels: { [REGION]: "us-east-1", [ZONE]: "us-east-1a" } },
];

const federation = new Federation("global", {
    clusters: clusters.map((member) => ({
        ...member,
        unavailable: member.name === down,
        context: contexts[member.name],
        providerOptions: contexts[member.name] ? undefined : { renderYamlToDirectory: `rendered/${pulumi.getStack()}/${member.name}` },
    })),
});

const shop = new FederatedNamespace("shop", { federation, placement: { clusterSelector: {} } });
const labels = { app: "web" };
const web = new FederatedDeployment("web", {
    federation,
    namespace: shop,
    template: {
        spec: {
            selector: { matchLabels: labels },
            template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] } },
        },
    },
    placement: { clusterSelector: {} },
    scheduling: { totalReplicas: 6 },
});
const service = new FederatedService("web", {
    federation,
    namespace: shop,
    template: { spec: { type: "LoadBalancer", selector: labels, ports: [{ port: 80 }] } },
    placement: { clusterSelector: {} },
});

const dns = new ServiceDNSRecord("web", {
    service,
    domain: "example.com",
    prefix: "shop",
    ttl: 60,
    healthFrom: web, // a cluster whose web pods are not ready drops out of the records
    dnsEndpoint: true, // written to the host cluster (eu-west-1a) for external-dns
});

new FederatedServiceExport("web", { service });

const zoneId = config.get("route53ZoneId");
if (zoneId) {
    // Loaded only when asked for, so the example needs no AWS package otherwise. Records are
    // created once addresses are known, so they show up in `pulumi up`, not in the first preview;
    // the DNSEndpoint route above is the preview-friendly one.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const aws = require("@pulumi/aws");
    dns.records.apply((records) => records.map((record) => new aws.route53.Record(route53ResourceName(record), route53RecordArgs(record, zoneId))));
}

export const globalName = dns.names.global;
export const regionalNames = dns.names.regions.map((region) => region.name);
export const records = dns.records;

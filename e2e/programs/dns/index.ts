/**
 * The end-to-end suite's cross-cluster discovery (test 22): a web Deployment and a LoadBalancer
 * Service on the three members, and a ServiceDNSRecord whose DNSEndpoint goes to the host
 * (cluster1), where external-dns picks it up for CoreDNS. Members carry `region` and `zone`
 * labels; the health probe plans a stopped member as unavailable; `healthFrom` leaves out a
 * member whose Deployment has no ready replicas. Load balancer hostnames are resolved with the
 * suite's CoreDNS (`hostnames: "resolve"`), which has no weighted routing.
 *
 * No kubelet or cloud controller runs in the suite's clusters (the test plays both), so the
 * Deployment, the Service and the Ingress carry the provider's skip-await annotation: the records follow the
 * live status that `pulumi up --refresh` reads.
 *
 * An Ingress on cluster1 and cluster3 has an IngressDNSRecord of its host, `www.<domain>`, the
 * same way.
 *
 * Stack config (set by the suite):
 *   kubeconfig   secret: the kubeconfig contents, one context per member
 *   members      [{ name, context, labels, host? }]
 *   domain       the zone external-dns manages
 *   resolver     CoreDNS's address, for looking up load balancer hostnames
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedDeployment, FederatedIngress, FederatedNamespace, FederatedService, IngressDNSRecord, ServiceDNSRecord } from "../../../components";
import { connectProbedFleet } from "../probedFleet";

export = async () => {
    const config = new pulumi.Config();
    const federation = await connectProbedFleet(config);
    const namespace = new FederatedNamespace("e2e-dns", { federation, placement: { clusterSelector: {} } });
    const labels = { app: "web" };
    const skipAwait = { "pulumi.com/skipAwait": "true" };
    const web = new FederatedDeployment("web", {
        federation,
        namespace,
        placement: { clusterSelector: {} },
        template: {
            metadata: { annotations: skipAwait },
            spec: {
                replicas: 1,
                selector: { matchLabels: labels },
                template: { metadata: { labels }, spec: { containers: [{ name: "web", image: "ghcr.io/example/web:1.0.0", ports: [{ containerPort: 8080 }] }] } },
            },
        },
    });
    const service = new FederatedService("web", {
        federation,
        namespace,
        placement: { clusterSelector: {} },
        template: { metadata: { annotations: skipAwait }, spec: { type: "LoadBalancer", selector: labels, ports: [{ port: 80, targetPort: 8080 }] } },
    });
    const dns = new ServiceDNSRecord("web", {
        service,
        domain: config.require("domain"),
        prefix: "shop",
        ttl: 30,
        regionLabel: "region",
        zoneLabel: "zone",
        healthFrom: web,
        dnsEndpoint: true,
        hostnames: "resolve",
        resolvers: [config.require("resolver")],
    });
    // An Ingress on cluster1 and cluster3 only, published by its host.
    const ingress = new FederatedIngress("web", {
        federation,
        namespace,
        placement: { clusters: ["cluster1", "cluster3"] },
        template: {
            metadata: { annotations: skipAwait },
            spec: { rules: [{ host: `www.${config.require("domain")}`, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }] },
        },
    });
    const www = new IngressDNSRecord("www", { ingress, ttl: 30, healthFrom: web, dnsEndpoint: true, hostnames: "resolve", resolvers: [config.require("resolver")] });
    return { names: dns.names, records: dns.records, ingressRecords: www.records, members: federation.memberTable };
};

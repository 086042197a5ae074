/**
 * The suite's stand-in for a cloud controller: no cloud provisions load balancers here, so the
 * test writes a LoadBalancer Service's `status.loadBalancer.ingress` itself (its status
 * subresource), as a cloud's service controller does once the load balancer exists.
 */
import { ApiEndpoint, request } from "../fleet/kube";

/** A load balancer's address as a cloud reports it: an IP, or a DNS name (AWS's ELBs). */
export type LoadBalancerIngress = { ip: string } | { hostname: string };

/** Sets `service`'s load balancer addresses in `member`. */
export async function assignLoadBalancer(member: ApiEndpoint, namespace: string, service: string, ingress: readonly LoadBalancerIngress[]): Promise<void> {
    await request(member, "PATCH", `/api/v1/namespaces/${namespace}/services/${service}/status`, 10_000, {
        contentType: "application/merge-patch+json",
        data: { status: { loadBalancer: { ingress } } },
    });
}

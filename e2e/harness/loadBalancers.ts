/**
 * The suite's stand-in for a cloud controller: no cloud provisions load balancers here, so the
 * test writes a LoadBalancer Service's or an Ingress's `status.loadBalancer.ingress` itself (its
 * status subresource), as a cloud's service or ingress controller does once the load balancer
 * exists.
 */
import { ApiEndpoint, request } from "../fleet/kube";

/** A load balancer's address as a cloud reports it: an IP, or a DNS name (AWS's ELBs). */
export type LoadBalancerIngress = { ip: string } | { hostname: string };

/** Sets a Service's (or, with `kind` "Ingress", an Ingress's) load balancer addresses in `member`. */
export async function assignLoadBalancer(member: ApiEndpoint, namespace: string, name: string, ingress: readonly LoadBalancerIngress[], kind: "Service" | "Ingress" = "Service"): Promise<void> {
    const collection = kind === "Service" ? `/api/v1/namespaces/${namespace}/services` : `/apis/networking.k8s.io/v1/namespaces/${namespace}/ingresses`;
    await request(member, "PATCH", `${collection}/${name}/status`, 10_000, {
        contentType: "application/merge-patch+json",
        data: { status: { loadBalancer: { ingress } } },
    });
}

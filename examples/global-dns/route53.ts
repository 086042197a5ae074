/**
 * Handing the provider-neutral records to Route 53: the arguments `aws.route53.Record` takes.
 * Records that share a name (one per cluster, with `setIdentifier`) become weighted records of
 * equal weight, which is how Route 53 serves several CNAME targets for one name.
 * Other DNS providers need the same few lines: Cloud DNS `RecordSet` (name + ".", type, ttl,
 * rrdatas), Cloudflare `Record` (one per target), ...
 */
import { DnsRecord } from "../../components";

export interface Route53RecordArgs {
    zoneId: string;
    name: string;
    type: string;
    ttl: number;
    records: string[];
    setIdentifier?: string;
    weightedRoutingPolicies?: { weight: number }[];
}

export function route53RecordArgs(record: DnsRecord, zoneId: string): Route53RecordArgs {
    return {
        zoneId,
        name: record.name,
        type: record.type,
        ttl: record.ttl,
        records: [...record.targets],
        ...(record.setIdentifier ? { setIdentifier: record.setIdentifier, weightedRoutingPolicies: [{ weight: 1 }] } : {}),
    };
}

/** A stable Pulumi name for a record: its DNS name, type and set identifier. */
export function route53ResourceName(record: DnsRecord): string {
    return [record.name, record.type, record.setIdentifier].filter(Boolean).join("-");
}

/**
 * The cluster outage runbook as a program. Config values name members by state:
 *   pulumi config set down eu-west-1      # the cluster is unreachable
 *   pulumi config set drain us-east-1     # planned maintenance: empty it, deleting normally
 *   pulumi config rm down                 # it is back: everything returns; for that update,
 *   pulumi config set rejoin eu-west-1    #   adopt objects that survived on it (then rm rejoin)
 * A down member gets `unavailable: true`: nothing is placed on it, the scheduled `api` keeps
 * its 12 replicas on the members left, `reports` fails over to its next group, and the
 * member's provider gets deleteUnreachable / skipUpdateUnreachable so that `pulumi up` forgets
 * the objects it cannot reach instead of failing. Orphaned objects (the `shop` namespace, and
 * everything on the `on-prem` member) are never deleted from a cluster by Pulumi.
 *
 * Set a kubeconfig context per member to deploy for real:
 *   pulumi config set --path 'contexts.eu-west-1' my-eu-context
 * Members without one render YAML to rendered/<stack>/<cluster>/ instead of contacting a cluster.
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedDeployment, FederatedNamespace, Federation, MemberClusterArgs } from "../../components";

const config = new pulumi.Config();
const contexts = config.getObject<Record<string, string>>("contexts") ?? {};
const down = config.get("down");
const drain = config.get("drain");
const rejoin = config.get("rejoin");

const fleet: MemberClusterArgs[] = [
    { name: "eu-west-1", labels: { region: "eu-west", tier: "prod" }, host: true },
    { name: "eu-central-1", labels: { region: "eu-central", tier: "prod" } },
    { name: "us-east-1", labels: { region: "us-east", tier: "prod" } },
    // Being migrated away from by hand: what stops being placed here is left running.
    { name: "on-prem", labels: { region: "dc-1", tier: "legacy" }, orphan: true },
];
for (const [key, value] of [["down", down], ["drain", drain], ["rejoin", rejoin]]) {
    if (value !== undefined && !fleet.some((member) => member.name === value)) {
        throw new pulumi.RunError(`config ${key}: "${value}" is not a member (members: ${fleet.map((member) => member.name).join(", ")})`);
    }
}

const federation = new Federation("outage", {
    clusters: fleet.map((member) => ({
        ...member,
        unavailable: member.name === down,
        draining: member.name === drain,
        context: contexts[member.name],
        providerOptions: {
            renderYamlToDirectory: contexts[member.name] ? undefined : `rendered/${pulumi.getStack()}/${member.name}`,
            // Back from an outage: what Pulumi forgot is still in the cluster. Without this, creating
            // it again fails with AlreadyExists (@pulumi/kubernetes 4.29 and later).
            upsertExistingObjects: member.name === rejoin ? true : undefined,
        },
    })),
});

// A namespace holds data (PVCs, secrets made by operators): never delete one because a
// cluster went away or a placement changed. Pulumi forgets it instead (retainOnDelete).
const shop = new FederatedNamespace("shop", { federation, placement: { clusterSelector: {} }, orphan: true });

function deployment(app: string, image: string) {
    return {
        metadata: { labels: { app } },
        spec: {
            selector: { matchLabels: { app } },
            template: { metadata: { labels: { app } }, spec: { containers: [{ name: app, image }] } },
        },
    };
}

// 12 replicas over the prod members, equal weights: 4 each, or 6 each when one is down.
const api = new FederatedDeployment("api", {
    federation,
    namespace: shop,
    template: deployment("api", "ghcr.io/example/shop-api:7.3.0"),
    placement: { clusterSelector: { matchLabels: { tier: "prod" } } },
    scheduling: { totalReplicas: 12, clusters: { "*": { weight: 1 } } },
});

// Runs in one place at a time: eu-west, else eu-central, else (data must stay in Europe) on-prem.
const reports = new FederatedDeployment("reports", {
    federation,
    namespace: shop,
    template: deployment("reports", "ghcr.io/example/reports:1.9.0"),
    placement: {
        failover: [
            { clusterSelector: { matchLabels: { region: "eu-west" } } },
            { clusterSelector: { matchLabels: { region: "eu-central" } } },
            { clusters: ["on-prem"] },
        ],
    },
});

// Only on the orphaned member: if it is ever dropped from here, it keeps running.
const ledgerSync = new FederatedDeployment("ledger-sync", {
    federation,
    namespace: shop,
    template: deployment("ledger-sync", "registry.dc-1.example.com/ledger-sync:2.0.0"),
    placement: { clusters: ["on-prem"] },
});

export const members = federation.memberTable; // state: available, unavailable or draining
export const apiReplicas = api.replicaPlan;
export const placements = {
    shop: shop.placedClusters,
    api: api.placedClusters,
    reports: reports.placedClusters,
    ledgerSync: ledgerSync.placedClusters,
};

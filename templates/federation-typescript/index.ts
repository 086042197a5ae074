/**
 * A federation of two member clusters, written with pulumi-federation's typed components:
 * - the `demo` namespace goes to every member;
 * - a ConfigMap goes to every member, with a different greeting per region;
 * - a Deployment runs on every member, with fewer replicas on cluster2.
 *
 * Each member's kubeconfig context comes from stack config (`<member>Context`, asked by
 * `pulumi new`). A member without one renders its objects as YAML to rendered/<stack>/<member>/
 * instead of contacting a cluster, so `pulumi up` and `npx pulumi-federation synth` work offline.
 *
 *   pulumi config set cluster1Context kind-cluster1     # deploy cluster1 for real
 *
 * To add a member, add an entry to `clusters` below and set its `<name>Context`.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    FederatedConfigMap,
    FederatedDeployment,
    FederatedNamespace,
    Federation,
    MemberClusterArgs,
} from "pulumi-federation";

const config = new pulumi.Config();
const stack = pulumi.getStack();

/** The members: names (DNS-1123 labels) and the labels placement selectors match. */
const clusters: MemberClusterArgs[] = [
    { name: "cluster1", labels: { region: "eu-west" }, host: true },
    { name: "cluster2", labels: { region: "us-east" } },
];

function withContext(member: MemberClusterArgs): MemberClusterArgs {
    // `pulumi new` may store an empty answer as "": that too means no cluster.
    const context = config.get(`${member.name}Context`) || undefined;
    return context
        ? { ...member, context }
        : { ...member, providerOptions: { renderYamlToDirectory: `rendered/${stack}/${member.name}` } };
}

const federation = new Federation("federation", { clusters: clusters.map(withContext) });

const namespace = new FederatedNamespace("demo", {
    federation,
    placement: { clusterSelector: {} }, // every member
});

const settings = new FederatedConfigMap("demo-settings", {
    federation,
    namespace, // goes only where the namespace goes
    template: { data: { greeting: "hello" } },
    placement: { clusterSelector: {} },
    overrides: [
        // A typed patch for the members a selector matches.
        { clusterSelector: { matchLabels: { region: "us-east" } }, patch: { data: { greeting: "howdy" } } },
    ],
});

const labels = { app: "demo" };
const web = new FederatedDeployment("demo-web", {
    federation,
    namespace,
    template: {
        metadata: { labels },
        spec: {
            replicas: 3,
            selector: { matchLabels: labels },
            template: {
                metadata: { labels },
                spec: {
                    containers: [{
                        name: "web",
                        image: "nginx:1.27",
                        ports: [{ containerPort: 80 }],
                        envFrom: [{ configMapRef: { name: "demo-settings" } }],
                    }],
                },
            },
        },
    },
    placement: { clusterSelector: {} },
    overrides: [
        // KubeFed's form, by member name: cluster2 runs fewer replicas.
        { clusterName: "cluster2", clusterOverrides: [{ path: "/spec/replicas", value: 1 }] },
    ],
});

export const members = federation.memberTable;
export const placements = {
    namespace: namespace.placedClusters,
    settings: settings.placedClusters,
    web: web.placedClusters,
};
export const overridesApplied = web.overridesApplied;

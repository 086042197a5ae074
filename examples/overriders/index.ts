/**
 * Overriders: Karmada's way of writing per-cluster changes by meaning instead of by JSON path.
 * - the China region pulls every image through a registry mirror (imageOverrider Registry
 *   replace, for all containers, Docker Hub images included);
 * - us-east-1 is the canary: a release candidate tag for the `web` container only, an extra
 *   flag, a label and an annotation saying so, and (KubeFed's form, in the same entry) 1 replica;
 * - every EU cluster gets a data-residency label;
 * - the app's settings file (YAML inside a ConfigMap) points each region at its own upstream
 *   (fieldOverrider), and the canary waits 30 s before a new pod counts as ready (plaintext).
 * Entries by selector apply first, the entry naming the cluster last; within an entry, the
 * overriders run before the clusterOverrides. `overridesApplied` shows the JSON patch each became.
 *
 * Set a kubeconfig context per member to deploy for real:
 *   pulumi config set --path 'contexts.us-east-1' my-us-context
 * Members without one render YAML to rendered/<stack>/<cluster>/ instead of contacting a cluster.
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedConfigMap, FederatedDeployment, FederatedNamespace, Federation, MemberClusterArgs } from "../../components";

const config = new pulumi.Config();
const contexts = config.getObject<Record<string, string>>("contexts") ?? {};
const canaryTag = config.get("canaryTag") ?? "2.1.0-rc.1";

const fleet: MemberClusterArgs[] = [
    { name: "eu-west-1", labels: { region: "eu-west-1", geo: "eu" }, host: true },
    { name: "eu-central-1", labels: { region: "eu-central-1", geo: "eu" } },
    { name: "us-east-1", labels: { region: "us-east-1", geo: "us" } },
    { name: "cn-north-1", labels: { region: "cn-north-1", geo: "cn" } },
];

const federation = new Federation("overriders", {
    clusters: fleet.map((member) => ({
        ...member,
        context: contexts[member.name],
        providerOptions: contexts[member.name] ? undefined : { renderYamlToDirectory: `rendered/${pulumi.getStack()}/${member.name}` },
    })),
});

const web = new FederatedNamespace("web", { federation, placement: { clusterSelector: {} } });

const app = { app: "web" };
const frontend = new FederatedDeployment("frontend", {
    federation,
    namespace: web,
    template: {
        metadata: { labels: app },
        spec: {
            replicas: 3,
            selector: { matchLabels: app },
            template: {
                metadata: { labels: app },
                spec: {
                    containers: [
                        { name: "web", image: "ghcr.io/example/web:2.0.3", args: ["--port=8080"] },
                        { name: "proxy", image: "envoyproxy/envoy:v1.31.0" }, // Docker Hub
                    ],
                },
            },
        },
    },
    placement: { clusterSelector: {} },
    overrides: [
        // By region: behind the firewall, every image comes through the mirror.
        {
            clusterSelector: { matchLabels: { geo: "cn" } },
            overriders: { imageOverrider: [{ component: "Registry", operator: "replace", value: "mirror.example.cn" }] },
        },
        // By label, for all EU clusters.
        {
            clusterSelector: { matchLabels: { geo: "eu" } },
            overriders: { labelsOverrider: [{ operator: "add", value: { "example.com/data-residency": "eu" } }] },
        },
        // By name: the canary. Overriders first, then KubeFed's JSON patch operations.
        {
            clusterName: "us-east-1",
            overriders: {
                imageOverrider: [{ component: "Tag", operator: "replace", value: canaryTag, containerName: "web" }],
                argsOverrider: [{ containerName: "web", operator: "add", value: ["--feature-flags=new-checkout"] }],
                labelsOverrider: [{ operator: "add", value: { track: "canary" } }],
                annotationsOverrider: [{ operator: "add", value: { "example.com/canary-of": "ghcr.io/example/web:2.0.3" } }],
                // Karmada's plaintext: RFC 6902 JSON patch, applied after the other overriders.
                plaintext: [{ path: "/spec/minReadySeconds", operator: "add", value: 30 }],
            },
            clusterOverrides: [{ path: "/spec/replicas", value: 1 }],
        },
    ],
});

// The settings file is YAML inside the ConfigMap: fieldOverrider patches the document, not the string.
const settings = new FederatedConfigMap("frontend-settings", {
    federation,
    namespace: web,
    template: { data: { "settings.yaml": "upstream:\n  url: https://api.example.com\n  timeoutSeconds: 5\nlog:\n  level: info\n" } },
    placement: { clusterSelector: {} },
    overrides: [
        {
            clusterSelector: { matchLabels: { geo: "cn" } },
            overriders: {
                fieldOverrider: [{ fieldPath: "/data/settings.yaml", yaml: [{ subPath: "/upstream/url", operator: "replace", value: "https://api.example.cn" }, { subPath: "/upstream/timeoutSeconds", operator: "replace", value: 15 }] }],
            },
        },
        {
            clusterName: "us-east-1",
            overriders: { fieldOverrider: [{ fieldPath: "/data/settings.yaml", yaml: [{ subPath: "/log/level", operator: "replace", value: "debug" }] }] },
        },
    ],
});

// `pulumi stack output settings`: each cluster's settings file.
export const settingsFiles = pulumi.output(Object.fromEntries(Object.entries(settings.plannedObjects).map(([cluster, object]) => [cluster, (object.data as Record<string, string>)["settings.yaml"]])));

// `pulumi stack output images`: what each cluster runs, container by container.
export const images = pulumi.output(
    Object.fromEntries(
        Object.entries(frontend.resources).map(([cluster, deployment]) => [
            cluster,
            deployment.spec.template.spec.containers.apply((containers) => containers.map((container) => container.image)),
        ]),
    ),
);
// The JSON patch operations every cluster's Deployment got, in the order applied.
export const overridesApplied = frontend.overridesApplied;

/**
 * A storefront over four member clusters, propagated by Karmada: this program talks only to the
 * Karmada API server, registering per object its resource template, PropagationPolicy and
 * OverridePolicy; Karmada's controllers put each member's object in place and keep it there.
 *
 * The same program pushes to the members itself with `mode: push` (one provider per member, one
 * object per member), so a fleet moves between the two without rewriting anything.
 *
 *   pulumi config set karmadaContext karmada-apiserver   # the Karmada API server's kubeconfig context
 *   pulumi config set mode push                          # or push to the members (needs contexts)
 * Without karmadaContext, the Karmada objects render as YAML to rendered/<stack>/@karmada/.
 * Offline, from the repository root: `npm start -- --dir examples/karmada` shows the Karmada
 * objects in `@karmada/` and, for review, what each member will get.
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedConfigMap, FederatedDeployment, FederatedNamespace, FederatedService, Federation, MemberClusterArgs } from "../../components";

const config = new pulumi.Config();
const mode = config.get("mode") ?? "karmada";
const karmadaContext = config.get("karmadaContext");
const contexts = config.getObject<Record<string, string>>("contexts") ?? {};
if (mode !== "karmada" && mode !== "push") throw new Error(`config mode must be "karmada" or "push", got ${JSON.stringify(mode)}`);

// Members join Karmada with `karmadactl join <name>` and get these labels on their Cluster object;
// the program checks that they did before any policy changes.
const members: MemberClusterArgs[] = [
    { name: "eu-west", labels: { region: "europe", tier: "prod" } },
    { name: "eu-central", labels: { region: "europe", tier: "prod" } },
    { name: "us-east", labels: { region: "north-america", tier: "prod" } },
    { name: "us-lab", labels: { region: "north-america", tier: "lab" } },
];

const render = (folder: string) => ({ renderYamlToDirectory: `rendered/${pulumi.getStack()}/${folder}` });
const federation = mode === "karmada"
    ? new Federation("storefront", {
        clusters: members,
        propagation: {
            karmada: karmadaContext
                ? { context: karmadaContext }
                // Rendering: nothing to read Cluster objects from.
                : { providerOptions: render("@karmada"), checkClusters: false },
        },
    })
    : new Federation("storefront", {
        clusters: members.map((member) => ({ ...member, context: contexts[member.name], providerOptions: contexts[member.name] ? undefined : render(member.name) })),
    });

const prod = { clusterSelector: { matchLabels: { tier: "prod" } } };
const shop = new FederatedNamespace("shop", { federation, placement: prod });

const settings = new FederatedConfigMap("storefront-settings", {
    federation,
    namespace: shop,
    placement: { clusterSelector: {} },
    template: { data: { currency: "EUR", banner: "welcome" } },
    overrides: [{ clusterSelector: { matchLabels: { region: "north-america" } }, clusterOverrides: [{ path: "/data/currency", value: "USD" }] }],
});

const storefront = new FederatedDeployment("storefront", {
    federation,
    namespace: shop,
    placement: { clusterSelector: {} },
    // 10 replicas, twice as many in north-america: Karmada divides them with static weights.
    scheduling: { totalReplicas: 10, clusters: { "us-east": { weight: 2 }, "*": { weight: 1 } } },
    template: {
        spec: {
            selector: { matchLabels: { app: "storefront" } },
            template: {
                metadata: { labels: { app: "storefront" } },
                spec: { containers: [{ name: "web", image: "nginx:1.27", ports: [{ containerPort: 80 }] }] },
            },
        },
    },
    overrides: [{
        clusterSelector: { matchLabels: { region: "north-america" } },
        patch: { spec: { template: { spec: { containers: [{ name: "web", image: "registry.us.example.com/nginx:1.27" }] } } } },
    }],
});

new FederatedService("storefront", {
    federation,
    namespace: shop,
    placement: { clusterSelector: {} },
    template: { spec: { selector: { app: "storefront" }, ports: [{ port: 80, targetPort: 80 }] } },
});

export const propagation = mode;
export const placements = { settings: settings.placedClusters, storefront: storefront.placedClusters };
export const replicaPlan = storefront.replicaPlan;
export const overridesApplied = storefront.overridesApplied;
/** From Karmada's ResourceBinding (per member: applied, health, replicas); needs a live Karmada. */
export const storefrontStatus = mode === "karmada" && karmadaContext ? storefront.status : undefined;

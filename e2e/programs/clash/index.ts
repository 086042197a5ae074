/**
 * The end-to-end suite's failed declaration: valid components first (a FederatedNamespace and a
 * FederatedConfigMap in it), then a second component that claims the same ConfigMap in the same
 * clusters. The last one's error must stop the objects of the first ones too: nothing may reach
 * any member.
 *
 * Stack config (set by the suite):
 *   kubeconfig   secret: the kubeconfig contents, one context per member
 *   members      [{ name, context, labels }]
 *   catchError   true: the program catches the error and goes on (it must fail all the same)
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedConfigMap, FederatedNamespace, Federation, MemberClusterArgs } from "../../../components";

const config = new pulumi.Config();
const federation = new Federation("fleet", { kubeconfig: config.requireSecret("kubeconfig"), clusters: config.requireObject<MemberClusterArgs[]>("members") });
const namespace = new FederatedNamespace("e2e-clash", { federation, placement: { clusterSelector: {} } });
new FederatedConfigMap("settings", { federation, namespace, template: { data: { colour: "blue" } }, placement: { clusterSelector: {} } });

const clash = () =>
    new FederatedConfigMap("settings-copy", { federation, namespace, template: { metadata: { name: "settings" }, data: { colour: "red" } }, placement: { clusters: ["cluster2"] } });

if (config.getBoolean("catchError")) {
    try {
        clash();
    } catch (error) {
        pulumi.log.info(`caught: ${(error as Error).message.split("\n")[0]}`);
    }
} else {
    clash();
}

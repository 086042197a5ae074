/**
 * The end-to-end suite's joined federation: its members are what `pulumi-federation join` wrote
 * into the stack config (`federation-e2e-joined:clusters`), one reached through its context, one
 * through the kubeconfig of the federation's own ServiceAccount (a secret in the config).
 * A FederatedNamespace and a FederatedConfigMap on every member.
 *
 * Stack config: clusters (written by join), colour (the ConfigMap's value, default blue).
 */
import * as pulumi from "@pulumi/pulumi";
import { FederatedConfigMap, FederatedNamespace, Federation, MemberClusterArgs } from "../../../components";

const config = new pulumi.Config();
const federation = new Federation("joined", { clusters: config.requireObject<MemberClusterArgs[]>("clusters") });
const namespace = new FederatedNamespace("e2e-joined", { federation, placement: { clusterSelector: {} } });
new FederatedConfigMap("settings", { federation, namespace, template: { data: { colour: config.get("colour") ?? "blue" } }, placement: { clusterSelector: {} } });

export const members = federation.memberTable;

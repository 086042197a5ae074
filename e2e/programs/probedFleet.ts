/**
 * The suite's federation for the programs that follow member health (health, reconcile, dns):
 * the three members from stack config (`kubeconfig`, secret; `members`), probed before planning.
 */
import * as pulumi from "@pulumi/pulumi";
import { Federation, MemberClusterArgs } from "../../components";

export function connectProbedFleet(config: pulumi.Config): Promise<Federation> {
    return Federation.connect("fleet", {
        kubeconfig: config.requireSecret("kubeconfig"),
        clusters: config.requireObject<MemberClusterArgs[]>("members"),
        // A stopped API server refuses at once; two refusals a second apart are enough here.
        health: { probe: true, failureThreshold: 2, periodSeconds: 1 },
    });
}

/**
 * Which aliases of a typed class can matter (planning/aliases.ts): the last Kubernetes release
 * serving each API version, from the lifecycle table, and the decision for each alias.
 */
import { strict as assert } from "assert";
import { aliasCanMatter, lastServedMinor, parseKubernetesMinor } from "../../components/planning/aliases";

describe("aliases: the last Kubernetes release serving an API version", () => {
    const rows: [string, number | undefined][] = [
        // Removed with the extensions and beta workload APIs in 1.16: served by none from 1.16 on.
        ["kubernetes:extensions/v1beta1:Deployment", 15],
        ["kubernetes:apps/v1beta2:Deployment", 15],
        ["kubernetes:extensions/v1beta1:Ingress", 21],
        ["kubernetes:networking.k8s.io/v1beta1:Ingress", 21],
        ["kubernetes:batch/v1beta1:CronJob", 24],
        ["kubernetes:policy/v1beta1:PodDisruptionBudget", 24],
        ["kubernetes:autoscaling/v2beta1:HorizontalPodAutoscaler", 24],
        ["kubernetes:autoscaling/v2beta2:HorizontalPodAutoscaler", 25],
        ["kubernetes:flowcontrol.apiserver.k8s.io/v1beta3:FlowSchema", 31],
        // Served by 1.36.
        ["kubernetes:autoscaling/v1:HorizontalPodAutoscaler", 36],
        ["kubernetes:core/v1:ConfigMap", 36],
        ["kubernetes:apps/v1:Deployment", 36],
        // Not built in, or not a Kubernetes type token: unknown.
        ["kubernetes:example.com/v1:Widget", undefined],
        ["aws:s3/bucket:Bucket", undefined],
    ];
    for (const [type, expected] of rows) {
        it(`${type} -> ${expected ?? "unknown"}`, () => assert.equal(lastServedMinor(type), expected));
    }
});

describe("aliases: an alias matters when a member release from the oldest on served its version", () => {
    const none = new Set<string>();
    const rows: [string, number, ReadonlySet<string>, boolean][] = [
        ["kubernetes:extensions/v1beta1:Deployment", 16, none, false],
        ["kubernetes:extensions/v1beta1:Deployment", 15, none, true], // before the table: every alias
        ["kubernetes:extensions/v1beta1:Ingress", 16, none, true],
        ["kubernetes:extensions/v1beta1:Ingress", 21, none, true],
        ["kubernetes:extensions/v1beta1:Ingress", 22, none, false],
        ["kubernetes:autoscaling/v2beta2:HorizontalPodAutoscaler", 25, none, true],
        ["kubernetes:autoscaling/v2beta2:HorizontalPodAutoscaler", 26, none, false],
        ["kubernetes:autoscaling/v1:HorizontalPodAutoscaler", 36, none, true],
        // A release newer than the tables still serves what 1.36 serves.
        ["kubernetes:autoscaling/v1:HorizontalPodAutoscaler", 40, none, true],
        // The program's own versions always count, whatever the release.
        ["kubernetes:apps/v1beta2:Deployment", 30, new Set(["kubernetes:apps/v1beta2:Deployment"]), true],
        // Unknown to the tables: kept.
        ["kubernetes:example.com/v1beta1:Widget", 30, none, true],
    ];
    for (const [type, oldest, program, expected] of rows) {
        it(`${type} with members from 1.${oldest}${program.size ? " (used by the program)" : ""}: ${expected ? "kept" : "dropped"}`, () =>
            assert.equal(aliasCanMatter(type, oldest, program), expected));
    }
});

describe("aliases: oldestKubernetes as a release", () => {
    const rows: [string, number | undefined][] = [
        ["1.16", 16], ["1.25", 25], ["v1.30", 30], ["1.0", 0], ["1.100", 100],
        ["1.025", undefined], ["2.0", undefined], ["1", undefined], ["1.25.3", undefined], ["", undefined], ["1.x", undefined], [" 1.25", undefined],
    ];
    for (const [text, expected] of rows) it(JSON.stringify(text), () => assert.equal(parseKubernetesMinor(text), expected));
});

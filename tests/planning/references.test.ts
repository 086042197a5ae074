/**
 * workloadReferences (components/planning/references.ts): the ConfigMaps, Secrets and
 * ServiceAccounts a workload's pod spec refers to, each with the exact template field, in the
 * order serviceAccount, imagePullSecrets, volumes, initContainers, containers. Optional
 * references, empty names and values only known at deployment are left out; only the built-in
 * workload kinds (in their own API group) have a pod spec.
 */
import { strict as assert } from "assert";
import { ObjectReference, workloadReferences } from "../../components/planning/references";
import { Box, deepFreeze } from "./helpers";

const DEPLOYMENT_SPEC = "template.spec.template.spec";

/** A Deployment template around `podSpec`. */
const deploymentOf = (podSpec: unknown) => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 2, template: { spec: podSpec } } });
const ref = (kind: ObjectReference["kind"], name: string, field: string, base = DEPLOYMENT_SPEC): ObjectReference => ({ kind, name, field: `${base}.${field}` });

describe("planning/references: workloadReferences sources", () => {
    const everything = {
        serviceAccountName: "web-sa",
        imagePullSecrets: [{ name: "regcred" }, { name: "mirror-cred" }],
        volumes: [
            { name: "cfg", configMap: { name: "settings" } },
            { name: "tls", secret: { secretName: "tls-cert" } },
            { name: "scratch", emptyDir: {} },
            {
                name: "bundle",
                projected: {
                    sources: [
                        { configMap: { name: "bundle-cm" } },
                        { downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] } },
                        { secret: { name: "bundle-secret" } },
                        { serviceAccountToken: { path: "token" } },
                    ],
                },
            },
        ],
        initContainers: [{ name: "migrate", image: "migrate:1", envFrom: [{ configMapRef: { name: "migrate-env" } }] }],
        containers: [
            {
                name: "web",
                image: "web:1",
                envFrom: [{ secretRef: { name: "web-secret-env" } }, { configMapRef: { name: "web-env" }, prefix: "WEB_" }],
                env: [
                    { name: "PLAIN", value: "x" },
                    { name: "MODE", valueFrom: { configMapKeyRef: { name: "modes", key: "mode" } } },
                    { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "db-creds", key: "password" } } },
                    { name: "POD", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                ],
            },
            { name: "sidecar", image: "proxy:1", env: [{ name: "TOKEN", valueFrom: { secretKeyRef: { name: "proxy-token", key: "t" } } }] },
        ],
    };

    const cases: { name: string; podSpec: unknown; expected: ObjectReference[] }[] = [
        {
            name: "every source, in order, with exact fields",
            podSpec: everything,
            expected: [
                ref("ServiceAccount", "web-sa", "serviceAccountName"),
                ref("Secret", "regcred", "imagePullSecrets[0].name"),
                ref("Secret", "mirror-cred", "imagePullSecrets[1].name"),
                ref("ConfigMap", "settings", "volumes[0].configMap.name"),
                ref("Secret", "tls-cert", "volumes[1].secret.secretName"),
                ref("ConfigMap", "bundle-cm", "volumes[3].projected.sources[0].configMap.name"),
                ref("Secret", "bundle-secret", "volumes[3].projected.sources[2].secret.name"),
                ref("ConfigMap", "migrate-env", "initContainers[0].envFrom[0].configMapRef.name"),
                ref("Secret", "web-secret-env", "containers[0].envFrom[0].secretRef.name"),
                ref("ConfigMap", "web-env", "containers[0].envFrom[1].configMapRef.name"),
                ref("ConfigMap", "modes", "containers[0].env[1].valueFrom.configMapKeyRef.name"),
                ref("Secret", "db-creds", "containers[0].env[2].valueFrom.secretKeyRef.name"),
                ref("Secret", "proxy-token", "containers[1].env[0].valueFrom.secretKeyRef.name"),
            ],
        },
        { name: "a pod spec that refers to nothing", podSpec: { containers: [{ name: "web", image: "web:1", env: [{ name: "A", value: "1" }] }] }, expected: [] },
        { name: "the deprecated serviceAccount", podSpec: { serviceAccount: "legacy", containers: [] }, expected: [ref("ServiceAccount", "legacy", "serviceAccount")] },
        {
            name: "serviceAccountName wins over serviceAccount",
            podSpec: { serviceAccountName: "current", serviceAccount: "legacy" },
            expected: [ref("ServiceAccount", "current", "serviceAccountName")],
        },
        {
            name: "a serviceAccountName only known at deployment hides serviceAccount (it would win)",
            podSpec: { serviceAccountName: new Box("current"), serviceAccount: "legacy" },
            expected: [],
        },
        {
            name: "the same object referred to twice is listed at both fields",
            podSpec: { volumes: [{ name: "a", configMap: { name: "settings" } }], containers: [{ name: "web", envFrom: [{ configMapRef: { name: "settings" } }] }] },
            expected: [ref("ConfigMap", "settings", "volumes[0].configMap.name"), ref("ConfigMap", "settings", "containers[0].envFrom[0].configMapRef.name")],
        },
        {
            name: "initContainers come before containers whatever the key order",
            podSpec: { containers: [{ name: "c", envFrom: [{ secretRef: { name: "c-env" } }] }], initContainers: [{ name: "i", envFrom: [{ secretRef: { name: "i-env" } }] }] },
            expected: [ref("Secret", "i-env", "initContainers[0].envFrom[0].secretRef.name"), ref("Secret", "c-env", "containers[0].envFrom[0].secretRef.name")],
        },
        {
            name: "optional: true is skipped at every source; optional: false is kept",
            podSpec: {
                volumes: [
                    { name: "a", configMap: { name: "opt-cm", optional: true } },
                    { name: "b", secret: { secretName: "opt-secret", optional: true } },
                    { name: "c", projected: { sources: [{ configMap: { name: "opt-pcm", optional: true } }, { secret: { name: "opt-psecret", optional: true } }] } },
                    { name: "d", configMap: { name: "req-cm", optional: false } },
                ],
                containers: [
                    {
                        name: "web",
                        envFrom: [{ configMapRef: { name: "opt-env-cm", optional: true } }, { secretRef: { name: "opt-env-secret", optional: true } }],
                        env: [
                            { name: "A", valueFrom: { configMapKeyRef: { name: "opt-key-cm", key: "a", optional: true } } },
                            { name: "B", valueFrom: { secretKeyRef: { name: "opt-key-secret", key: "b", optional: true } } },
                            { name: "C", valueFrom: { secretKeyRef: { name: "req-key-secret", key: "c", optional: false } } },
                        ],
                    },
                ],
            },
            expected: [ref("ConfigMap", "req-cm", "volumes[3].configMap.name"), ref("Secret", "req-key-secret", "containers[0].env[2].valueFrom.secretKeyRef.name")],
        },
        {
            name: "names only known at deployment (opaque values) are skipped at every source",
            podSpec: {
                serviceAccountName: new Box("sa"),
                imagePullSecrets: [{ name: new Box("regcred") }, { name: "plain-cred" }],
                volumes: [
                    { name: "a", configMap: { name: new Box("cm") } },
                    { name: "b", secret: { secretName: new Box("s") } },
                    { name: "c", projected: { sources: [{ configMap: { name: new Box("pcm") } }, { secret: { name: new Box("ps") } }] } },
                ],
                containers: [
                    {
                        name: "web",
                        envFrom: [{ configMapRef: { name: new Box("e1") } }, { secretRef: { name: new Box("e2") } }],
                        env: [
                            { name: "A", valueFrom: { configMapKeyRef: { name: new Box("k1"), key: "a" } } },
                            { name: "B", valueFrom: { secretKeyRef: { name: new Box("k2"), key: "b" } } },
                        ],
                    },
                ],
            },
            expected: [ref("Secret", "plain-cred", "imagePullSecrets[1].name")],
        },
        {
            name: "whole entries and lists only known at deployment are skipped",
            podSpec: {
                imagePullSecrets: new Box([{ name: "regcred" }]),
                volumes: [new Box({ name: "a", configMap: { name: "cm" } }), { name: "b", configMap: new Box({ name: "cm2" }) }, { name: "c", projected: new Box({}) }],
                containers: [{ name: "web", envFrom: new Box([]), env: [new Box({}), { name: "X", valueFrom: new Box({}) }] }, new Box({})],
            },
            expected: [],
        },
        {
            name: "empty names and names of other types are skipped",
            podSpec: {
                serviceAccountName: "",
                imagePullSecrets: [{ name: "" }, { name: 3 }, {}],
                volumes: [{ name: "a", configMap: {} }, { name: "b", secret: { secretName: null } }],
                containers: [{ name: "web", envFrom: [{ configMapRef: { name: "" } }] }],
            },
            expected: [],
        },
        {
            name: "an empty serviceAccountName does not fall back to serviceAccount",
            podSpec: { serviceAccountName: "", serviceAccount: "legacy" },
            expected: [],
        },
    ];
    for (const c of cases) {
        it(c.name, () => assert.deepEqual(workloadReferences("Deployment", deepFreeze(deploymentOf(c.podSpec))), c.expected));
    }

    // Was a bug: a null serviceAccountName (YAML `serviceAccountName: ~`, the same as absent to the API
    // server) falls back to serviceAccount for the name but keeps serviceAccountName as the field.
    // Input: workloadReferences("Deployment", { spec: { template: { spec: { serviceAccountName: null, serviceAccount: "legacy" } } } })
    // Expected field template.spec.template.spec.serviceAccount; actual ...spec.serviceAccountName.
    it("a null serviceAccountName falls back to serviceAccount with that field", () => {
        assert.deepEqual(workloadReferences("Deployment", deploymentOf({ serviceAccountName: null, serviceAccount: "legacy" })), [
            ref("ServiceAccount", "legacy", "serviceAccount"),
        ]);
    });
});

describe("planning/references: workloadReferences by kind", () => {
    const podSpec = { serviceAccountName: "runner", volumes: [{ name: "cfg", configMap: { name: "settings" } }] };
    const refsAt = (base: string): ObjectReference[] => [ref("ServiceAccount", "runner", "serviceAccountName", base), ref("ConfigMap", "settings", "volumes[0].configMap.name", base)];
    const templated = { spec: { template: { spec: podSpec } } };

    const cases: { name: string; kind: string; apiVersion?: string; template: unknown; expected: ObjectReference[] }[] = [
        { name: "Deployment (apps/v1)", kind: "Deployment", apiVersion: "apps/v1", template: templated, expected: refsAt(DEPLOYMENT_SPEC) },
        { name: "StatefulSet", kind: "StatefulSet", apiVersion: "apps/v1", template: templated, expected: refsAt(DEPLOYMENT_SPEC) },
        { name: "DaemonSet", kind: "DaemonSet", template: templated, expected: refsAt(DEPLOYMENT_SPEC) },
        { name: "ReplicaSet", kind: "ReplicaSet", template: templated, expected: refsAt(DEPLOYMENT_SPEC) },
        { name: "ReplicationController (v1)", kind: "ReplicationController", apiVersion: "v1", template: templated, expected: refsAt(DEPLOYMENT_SPEC) },
        { name: "Job (batch/v1)", kind: "Job", apiVersion: "batch/v1", template: templated, expected: refsAt(DEPLOYMENT_SPEC) },
        {
            name: "CronJob: the pod spec is under jobTemplate",
            kind: "CronJob", apiVersion: "batch/v1",
            template: { spec: { schedule: "* * * * *", jobTemplate: { spec: { template: { spec: podSpec } } } } },
            expected: refsAt("template.spec.jobTemplate.spec.template.spec"),
        },
        { name: "CronJob laid out like a Deployment has no pod spec where CronJob keeps it", kind: "CronJob", template: templated, expected: [] },
        { name: "Pod: the pod spec is spec", kind: "Pod", apiVersion: "v1", template: { spec: podSpec }, expected: refsAt("template.spec") },
        { name: "Pod without an apiVersion", kind: "Pod", template: { spec: podSpec }, expected: refsAt("template.spec") },
        { name: "a Job of another API group (Volcano)", kind: "Job", apiVersion: "batch.volcano.sh/v1alpha1", template: templated, expected: [] },
        { name: "a Deployment of another API group", kind: "Deployment", apiVersion: "example.com/v1", template: templated, expected: [] },
        { name: "a Pod in the apps group", kind: "Pod", apiVersion: "apps/v1", template: { spec: podSpec }, expected: [] },
        { name: "ConfigMap is not a workload", kind: "ConfigMap", apiVersion: "v1", template: { data: { serviceAccountName: "x" } }, expected: [] },
        { name: "Service is not a workload", kind: "Service", template: templated, expected: [] },
        { name: "a custom kind with a pod template is not a workload", kind: "Rollout", apiVersion: "argoproj.io/v1alpha1", template: templated, expected: [] },
        { name: "a workload without a pod spec", kind: "Deployment", template: { spec: { replicas: 1 } }, expected: [] },
        { name: "a workload whose pod spec is only known at deployment", kind: "Deployment", template: { spec: { template: { spec: new Box(podSpec) } } }, expected: [] },
        { name: "a workload whose template is only known at deployment", kind: "Deployment", template: new Box(templated), expected: [] },
        { name: "no template", kind: "Deployment", template: undefined, expected: [] },
    ];
    for (const c of cases) {
        it(c.name, () => assert.deepEqual(workloadReferences(c.kind, deepFreeze(c.template), c.apiVersion), c.expected));
    }
});

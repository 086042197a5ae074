/**
 * Label rules (issue 25, "identity not checked"): Kubernetes' rules for label keys and values,
 * applied wherever labels are written: a selector (placement, override entries, policies,
 * templates), a template's labels, selectors and pod-template labels, and each cluster's object
 * after its overrides. Before, only labelsOverrider checked them and the API server refused the
 * rest halfway through an update.
 */
import { strict as assert } from "assert";
import { labelKeyProblem, labelValueProblem } from "../../components/planning/labels";
import { checkObjectLabels, checkPlannedObjects } from "../../components/planning/objectLabels";
import { validateSelector } from "../../components/planning/selector";
import { assertFederationError, Box, ExpectedError } from "./helpers";

describe("planning/labels: labelKeyProblem (a qualified name: [DNS-1123 subdomain '/'] name)", () => {
    const valid = ["app", "a", "A", "9", "app.kubernetes.io/name", "example.com/Team_Name-1", "k8s.io/x", "a-b_c.d", "x".repeat(63), `${"d".repeat(63)}.${"e".repeat(63)}.com/n`];
    for (const key of valid) it(`accepts ${JSON.stringify(key.length > 40 ? `${key.slice(0, 20)}…(${key.length})` : key)}`, () => assert.equal(labelKeyProblem(key), undefined));

    const invalid: { key: unknown; problem: RegExp }[] = [
        { key: "", problem: /the key is empty/ },
        { key: "my key", problem: /the name part must be letters, digits/ },
        { key: "-app", problem: /starting and ending with a letter or digit/ },
        { key: "app-", problem: /starting and ending with a letter or digit/ },
        { key: "app!", problem: /the name part must be/ },
        { key: "a/b/c", problem: /a key has at most one '\/'/ },
        { key: "/name", problem: /the prefix "" must be a lower-case DNS subdomain/ },
        { key: "example.com/", problem: /the name part is empty/ },
        { key: "Example.com/team", problem: /the prefix "Example.com" must be a lower-case DNS subdomain/ },
        { key: "exa_mple.com/team", problem: /the prefix "exa_mple.com"/ },
        { key: "k".repeat(64), problem: /the name part is longer than 63 characters/ },
        { key: `${"p".repeat(254)}/n`, problem: /the prefix a string of 254 characters must be a lower-case DNS subdomain/ },
        { key: 7, problem: /a label key must be a string, got number 7/ },
    ];
    for (const c of invalid) {
        it(`refuses ${typeof c.key === "string" && c.key.length > 40 ? `a key of ${c.key.length} characters` : JSON.stringify(c.key)}`, () => {
            assert.match(labelKeyProblem(c.key) ?? "(accepted)", c.problem);
        });
    }
});

describe("planning/labels: labelValueProblem (empty, or at most 63 characters, alphanumeric at both ends)", () => {
    for (const value of ["", "web", "v1.2.3", "a_b-c.d", "X", "0", "v".repeat(63)]) {
        it(`accepts ${JSON.stringify(value)}`, () => assert.equal(labelValueProblem(value), undefined));
    }
    const invalid: { value: unknown; problem: RegExp }[] = [
        { value: "not valid!", problem: /use letters, digits/ },
        { value: "has space", problem: /use letters, digits/ },
        { value: "-lead", problem: /starting and ending with a letter or digit/ },
        { value: "trail.", problem: /starting and ending with a letter or digit/ },
        { value: "a/b", problem: /use letters, digits/ },
        { value: "v".repeat(64), problem: /longer than 63 characters/ },
        { value: 3, problem: /label values are strings, got number 3/ },
        { value: true, problem: /label values are strings, got boolean true/ },
    ];
    for (const c of invalid) it(`refuses ${JSON.stringify(c.value)}`, () => assert.match(labelValueProblem(c.value) ?? "(accepted)", c.problem));
});

describe("planning/selector: validateSelector checks keys and values by the label rules", () => {
    const cases: { name: string; selector: unknown; error?: ExpectedError }[] = [
        { name: "accepts prefixed keys and empty values", selector: { matchLabels: { "topology.kubernetes.io/region": "", tier: "gold" }, matchExpressions: [{ key: "example.com/zone", operator: "In", values: ["z-1", ""] }] } },
        {
            name: "refuses a matchLabels key with a space",
            selector: { matchLabels: { "my region": "eu" } },
            error: { field: 'matchLabels["my region"]', message: '"my region" is not a valid label key: the name part must be' },
        },
        {
            name: "refuses a matchLabels value with a slash",
            selector: { matchLabels: { region: "eu/west" } },
            error: { field: 'matchLabels["region"]', message: '"eu/west" is not a valid label value' },
        },
        {
            name: "refuses a matchExpressions key with an upper-case prefix",
            selector: { matchExpressions: [{ key: "region", operator: "Exists" }, { key: "Example.com/zone", operator: "Exists" }] },
            error: { field: "matchExpressions[1].key", message: 'the prefix "Example.com" must be a lower-case DNS subdomain' },
        },
        {
            name: "refuses an In value of 64 characters",
            selector: { matchExpressions: [{ key: "zone", operator: "In", values: ["z1", "z".repeat(64)] }] },
            error: { field: "matchExpressions[0].values[1]", message: "is not a valid label value: it is longer than 63 characters" },
        },
        {
            name: "refuses a NotIn value with a space",
            selector: { matchExpressions: [{ key: "zone", operator: "NotIn", values: ["z 1"] }] },
            error: { field: "matchExpressions[0].values[0]", message: '"z 1" is not a valid label value' },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            if (c.error) assertFederationError(() => validateSelector(c.selector), c.error);
            else assert.doesNotThrow(() => validateSelector(c.selector));
        });
    }
});

const R = 'FederatedDeployment "web"';
const pod = (labels: unknown) => ({ metadata: { labels }, spec: { containers: [{ name: "web", image: "nginx" }] } });
const deployment = (spec: Record<string, unknown>, labels: unknown = { app: "web" }) => ({ metadata: { name: "web", labels }, spec: { selector: { matchLabels: { app: "web" } }, template: pod({ app: "web" }), ...spec } });

describe("planning/objectLabels: checkObjectLabels, every place a kind carries labels", () => {
    const cases: { name: string; apiVersion: string; kind: string; object: unknown; error?: ExpectedError }[] = [
        { name: "accepts a valid Deployment", apiVersion: "apps/v1", kind: "Deployment", object: deployment({}) },
        { name: "accepts a null label value (the API server stores it as \"\")", apiVersion: "v1", kind: "ConfigMap", object: { metadata: { labels: { flag: null } } } },
        { name: "leaves deployment-time labels, values and selectors alone", apiVersion: "apps/v1", kind: "Deployment", object: deployment({ selector: { matchLabels: { app: new Box("x") }, matchExpressions: [new Box(1), { key: "k", operator: "In", values: new Box([]) }] }, template: new Box({}) }, { app: new Box("x") }) },
        { name: "leaves an unknown selector field to fieldValidation", apiVersion: "apps/v1", kind: "Deployment", object: deployment({ selector: { matchLabels: { app: "web" }, matchLabel: { "any thing": 1 } } }) },
        { name: "leaves a custom kind's spec.selector alone (it may mean anything)", apiVersion: "example.com/v1", kind: "Widget", object: { spec: { selector: "any thing", template: { metadata: { labels: { "bad key": "x" } } } } } },
        {
            name: "refuses a metadata.labels key with a space on any kind", apiVersion: "example.com/v1", kind: "Widget", object: { metadata: { labels: { "my app": "web" } } },
            error: { resource: R, field: 'template.metadata.labels["my app"]', message: '"my app" is not a valid label key' },
        },
        {
            name: "refuses a metadata.labels value with '!'", apiVersion: "apps/v1", kind: "Deployment", object: deployment({}, { app: "web!" }),
            error: { resource: R, field: 'template.metadata.labels["app"]', message: '"web!" is not a valid label value' },
        },
        {
            name: "refuses metadata.labels that is a list", apiVersion: "v1", kind: "ConfigMap", object: { metadata: { labels: ["app=web"] } },
            error: { resource: R, field: "template.metadata.labels", message: "must be an object of label key -> value, got an array" },
        },
        {
            name: "refuses a number as a label value", apiVersion: "v1", kind: "ConfigMap", object: { metadata: { labels: { replicas: 3 } } },
            error: { resource: R, field: 'template.metadata.labels["replicas"]', message: "label values are strings, got number 3" },
        },
        {
            name: "refuses a Deployment selector's matchLabels key", apiVersion: "apps/v1", kind: "Deployment", object: deployment({ selector: { matchLabels: { "app name": "web" } } }),
            error: { resource: R, field: 'template.spec.selector.matchLabels["app name"]', message: '"app name" is not a valid label key' },
        },
        {
            name: "refuses a Deployment selector's unknown operator", apiVersion: "apps/v1", kind: "Deployment", object: deployment({ selector: { matchExpressions: [{ key: "app", operator: "Equals", values: ["web"] }] } }),
            error: { resource: R, field: "template.spec.selector.matchExpressions[0].operator", message: '"Equals" is not a selector operator' },
        },
        {
            name: "refuses In without values in a StatefulSet selector", apiVersion: "apps/v1", kind: "StatefulSet", object: deployment({ selector: { matchExpressions: [{ key: "app", operator: "In" }] } }),
            error: { resource: R, field: "template.spec.selector.matchExpressions[0].values", message: "operator In needs a non-empty list of values" },
        },
        {
            name: "refuses Exists with values in a DaemonSet selector", apiVersion: "apps/v1", kind: "DaemonSet", object: deployment({ selector: { matchExpressions: [{ key: "app", operator: "Exists", values: ["web"] }] } }),
            error: { resource: R, field: "template.spec.selector.matchExpressions[0].values", message: "operator Exists takes no values" },
        },
        {
            name: "refuses a pod template label value of 64 characters", apiVersion: "apps/v1", kind: "Deployment", object: deployment({ template: pod({ app: "w".repeat(64) }) }),
            error: { resource: R, field: 'template.spec.template.metadata.labels["app"]', message: "is longer than 63 characters" },
        },
        {
            name: "refuses a CronJob's job pod template label", apiVersion: "batch/v1", kind: "CronJob", object: { spec: { schedule: "* * * * *", jobTemplate: { spec: { template: pod({ "job/name/x": "a" }) } } } },
            error: { resource: R, field: 'template.spec.jobTemplate.spec.template.metadata.labels["job/name/x"]', message: "a key has at most one '/'" },
        },
        {
            name: "refuses a Service selector key (a plain map)", apiVersion: "v1", kind: "Service", object: { spec: { selector: { "app.kubernetes.io/": "web" } } },
            error: { resource: R, field: 'template.spec.selector["app.kubernetes.io/"]', message: "the name part is empty" },
        },
        {
            name: "refuses a PodDisruptionBudget selector value", apiVersion: "policy/v1", kind: "PodDisruptionBudget", object: { spec: { selector: { matchLabels: { app: "a b" } } } },
            error: { resource: R, field: 'template.spec.selector.matchLabels["app"]', message: '"a b" is not a valid label value' },
        },
        {
            name: "refuses a NetworkPolicy podSelector key", apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", object: { spec: { podSelector: { matchExpressions: [{ key: "-x", operator: "Exists" }] } } },
            error: { resource: R, field: "template.spec.podSelector.matchExpressions[0].key", message: "starting and ending with a letter or digit" },
        },
        // Selectors deeper in the object (issue 25): the pod spec's and a NetworkPolicy's peers.
        {
            name: "accepts valid affinity, spread and node selectors",
            apiVersion: "apps/v1", kind: "Deployment",
            object: deployment({ template: { ...pod({ app: "web" }), spec: {
                containers: [{ name: "web", image: "nginx" }],
                nodeSelector: { "kubernetes.io/os": "linux" },
                affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { app: "web" } } } }] } },
                topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["web"] }] } }],
            } } }),
        },
        {
            name: "refuses a node selector value with a space", apiVersion: "apps/v1", kind: "Deployment",
            object: deployment({ template: { ...pod({ app: "web" }), spec: { containers: [], nodeSelector: { disk: "fast ssd" } } } }),
            error: { resource: R, field: 'template.spec.template.spec.nodeSelector["disk"]', message: '"fast ssd" is not a valid label value' },
        },
        {
            name: "refuses a pod anti-affinity term's label selector key", apiVersion: "apps/v1", kind: "StatefulSet",
            object: deployment({ template: { ...pod({ app: "web" }), spec: { containers: [], affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "zone" }, { topologyKey: "zone", labelSelector: { matchLabels: { "app/x/y": "web" } } }] } } } } }),
            error: { resource: R, field: 'template.spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[1].labelSelector.matchLabels["app/x/y"]', message: "a key has at most one '/'" },
        },
        {
            name: "refuses a preferred pod affinity term's namespace selector operator", apiVersion: "batch/v1", kind: "CronJob",
            object: { spec: { schedule: "* * * * *", jobTemplate: { spec: { template: { ...pod({ app: "job" }), spec: { containers: [], affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: "zone", namespaceSelector: { matchExpressions: [{ key: "team", operator: "Is" }] } } }] } } } } } } } },
            error: { resource: R, field: "template.spec.jobTemplate.spec.template.spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.namespaceSelector.matchExpressions[0].operator", message: '"Is" is not a selector operator' },
        },
        {
            name: "refuses a topology spread constraint's selector value", apiVersion: "v1", kind: "Pod",
            object: { spec: { containers: [], topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: "-web" } } }] } },
            error: { resource: R, field: 'template.spec.topologySpreadConstraints[0].labelSelector.matchLabels["app"]', message: '"-web" is not a valid label value' },
        },
        {
            name: "refuses a NetworkPolicy ingress peer's namespace selector key", apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
            object: { spec: { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }, { namespaceSelector: { matchLabels: { "team name": "a" } } }] }] } },
            error: { resource: R, field: 'template.spec.ingress[0].from[1].namespaceSelector.matchLabels["team name"]', message: '"team name" is not a valid label key' },
        },
        {
            name: "refuses a NetworkPolicy egress peer's pod selector value", apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
            object: { spec: { podSelector: {}, egress: [{ to: [{ podSelector: { matchExpressions: [{ key: "app", operator: "NotIn", values: ["db!"] }] } }] }] } },
            error: { resource: R, field: "template.spec.egress[0].to[0].podSelector.matchExpressions[0].values[0]", message: '"db!" is not a valid label value' },
        },
        {
            name: "leaves deployment-time lists of terms, peers and constraints alone", apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
            object: { spec: { podSelector: {}, ingress: new Box([]), egress: [{ to: new Box([]) }] } },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const run = () => checkObjectLabels(c.object, c.apiVersion, c.kind, { resource: R }, "template");
            if (c.error) assertFederationError(run, c.error);
            else assert.doesNotThrow(run);
        });
    }
});

describe("planning/objectLabels: checkPlannedObjects, the template then each cluster's object after its overrides", () => {
    const template = deployment({});
    const cases: { name: string; objects: { cluster: string; object: Record<string, unknown>; overridesApplied: string[] }[]; template?: Record<string, unknown>; error?: ExpectedError }[] = [
        { name: "accepts objects that keep valid labels", objects: [{ cluster: "c1", object: deployment({}, { app: "web", tier: "edge" }), overridesApplied: ["patch"] }] },
        {
            name: "the template's own mistake names no cluster", template: deployment({}, { "bad key": "x" }), objects: [{ cluster: "c1", object: deployment({}), overridesApplied: [] }],
            error: { resource: R, field: 'template.metadata.labels["bad key"]', message: "is not a valid label key" },
        },
        {
            name: "a label an override wrote names the cluster and the override",
            objects: [{ cluster: "c1", object: deployment({}), overridesApplied: [] }, { cluster: "c2", object: deployment({}, { app: "web", tier: "edge!" }), overridesApplied: ["add /metadata/labels/tier"] }],
            error: { resource: R, cluster: "c2", field: 'template.metadata.labels["tier"]', message: /"edge!" is not a valid label value: .*, as planned for this cluster after add \/metadata\/labels\/tier$/ },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const run = () => checkPlannedObjects({ template: c.template ?? template, objects: c.objects }, "apps/v1", "Deployment", { resource: R });
            if (c.error) assertFederationError(run, c.error);
            else assert.doesNotThrow(run);
        });
    }
});

import { strict as assert } from "assert";
import { FederationErrorLocation } from "../../components/errors";
import {
    ImageOverrider,
    ImageReference,
    Overriders,
    formatImageReference,
    overridersToOperations,
    parseImageReference,
    validateOverriders,
} from "../../components/planning/overriders";
import { ClusterOverride, applyOverrides } from "../../components/planning/overrides";
import { Box, assertFederationError, deepFreeze, ExpectedError } from "./helpers";

const HEX = "0123456789abcdef";
const D1 = "sha256:" + HEX.repeat(4);
const D2 = "sha256:" + "fedcba9876543210".repeat(4);

/** A fresh Deployment: two containers and one init container. */
const deployment = (): any => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
        name: "web",
        namespace: "shop",
        labels: { app: "web", "example.com/team": "blue" },
        annotations: { "example.com/old": "1", note: "n" },
    },
    spec: {
        replicas: 2,
        template: {
            metadata: { labels: { app: "web" } },
            spec: {
                containers: [
                    { name: "web", image: "nginx:1.25", command: ["nginx", "-g", "daemon off;"], args: ["--v", "--x", "--v"] },
                    { name: "log", image: "docker.io/library/fluentd:v1" },
                ],
                initContainers: [{ name: "setup", image: "busybox" }],
            },
        },
    },
});

/** A one-container Deployment with this image. */
const withImage = (image: unknown): any => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "app" },
    spec: { template: { spec: { containers: [{ name: "app", image }] } } },
});

const pod = (): any => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p" },
    spec: { containers: [{ name: "main", image: "localhost:5000/app:1.0", args: ["serve"] }], initContainers: [{ name: "init", image: "redis" }] },
});

const cronJob = (): any => ({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "nightly" },
    spec: {
        schedule: "0 3 * * *",
        jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "job", image: `gcr.io/p/app@${D1}` }] } } } },
    },
});

const configMap = (): any => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { a: "1" } });

/** Runs the translation on frozen inputs; checks the operations, the applied result and purity. */
function check(object: any, overriders: Overriders, expectedOps: ClusterOverride[], expected: any, location?: FederationErrorLocation): void {
    const pristine = structuredCloneWithBoxes(object);
    const frozen = deepFreeze(object);
    const frozenOverriders = deepFreeze(structuredCloneWithBoxes(overriders));
    const ops = overridersToOperations(frozen, frozenOverriders, location);
    assert.deepStrictEqual(ops, expectedOps);
    const applied = applyOverrides(frozen, ops);
    assert.deepStrictEqual(applied, expected);
    assert.deepStrictEqual(frozen, pristine, "the object was changed");
    assert.deepStrictEqual(frozenOverriders, overriders, "the overriders were changed");
}

/** structuredClone, keeping Box instances as they are (they stand for Outputs). */
function structuredCloneWithBoxes<T>(value: T): T {
    if (value instanceof Box) return value;
    if (Array.isArray(value)) return value.map(structuredCloneWithBoxes) as unknown as T;
    if (value !== null && typeof value === "object") {
        const copy: Record<string, unknown> = {};
        for (const [key, entry] of Object.entries(value)) copy[key] = structuredCloneWithBoxes(entry);
        return copy as T;
    }
    return value;
}

describe("planning/overriders: parseImageReference (Docker's rules)", () => {
    const parts = (registry: string, repository: string, tag = "", digest = ""): ImageReference => ({ registry, repository, tag, digest });
    const cases: { image: string; expected: ImageReference | RegExp }[] = [
        { image: "nginx", expected: parts("", "nginx") },
        { image: "nginx:1.25", expected: parts("", "nginx", "1.25") },
        { image: "library/redis", expected: parts("", "library/redis") },
        { image: "docker.io/library/redis", expected: parts("docker.io", "library/redis") },
        { image: "localhost/app", expected: parts("localhost", "app") },
        { image: "localhost:5000/app:1.0", expected: parts("localhost:5000", "app", "1.0") },
        { image: "registry.example.com:443/a/b/c:v1.2.3-rc_1", expected: parts("registry.example.com:443", "a/b/c", "v1.2.3-rc_1") },
        { image: `gcr.io/p/app@${D1}`, expected: parts("gcr.io", "p/app", "", D1) },
        { image: `app:1.0@${D1}`, expected: parts("", "app", "1.0", D1) },
        { image: "[fd00::1]:5000/app:1", expected: parts("[fd00::1]:5000", "app", "1") },
        { image: "MyRegistry/app", expected: parts("MyRegistry", "app") },
        { image: "a__b/c--d/e.f_g", expected: parts("", "a__b/c--d/e.f_g") },
        { image: "", expected: /it is empty/ },
        { image: "Nginx", expected: /repository "Nginx" is not a valid repository/ },
        { image: "nginx:", expected: /tag "" is not a valid tag/ },
        { image: "nginx:-x", expected: /tag "-x" is not a valid tag/ },
        { image: "nginx@sha256:abc", expected: /"sha256:abc" is not a valid digest/ },
        { image: `nginx@md5:${HEX.repeat(2)}`, expected: /digest algorithm "md5" is not supported/ },
        { image: `nginx@sha256:${HEX.repeat(4).toUpperCase()}`, expected: /64 lower-case hex digits.*with upper-case ones/ },
        { image: "re_g.io/app", expected: /registry "re_g.io" is not a valid host\[:port\]/ },
        { image: "a/b:c/d", expected: /repository "a\/b:c\/d" is not a valid repository/ },
        { image: "app/", expected: /repository "app\/" is not a valid repository/ },
        { image: "a".repeat(256), expected: /longer than 255 characters/ },
    ];
    for (const c of cases) {
        it(`${JSON.stringify(c.image.length > 40 ? c.image.slice(0, 40) + "…" : c.image)} -> ${c.expected instanceof RegExp ? "invalid" : "parts"}`, () => {
            const parsed = parseImageReference(c.image);
            if (c.expected instanceof RegExp) {
                assert.equal(typeof parsed, "string");
                assert.match(parsed as string, c.expected);
            } else {
                assert.deepStrictEqual(parsed, c.expected);
                assert.equal(formatImageReference(parsed as ImageReference), c.image, "formatting gives the reference back");
            }
        });
    }
});

describe("planning/overriders: image components x operators", () => {
    const IMAGE = "/spec/template/spec/containers/0/image";
    const cases: { image: string; overrider: ImageOverrider; expected: string }[] = [
        // Registry
        { image: "registry.k8s.io/pause:3.9", overrider: { component: "Registry", operator: "add", value: "-mirror" }, expected: "registry.k8s.io-mirror/pause:3.9" },
        { image: "redis", overrider: { component: "Registry", operator: "add", value: "mirror.gcr.io" }, expected: "mirror.gcr.io/redis" },
        { image: "localhost/app:1", overrider: { component: "Registry", operator: "add", value: ":5000" }, expected: "localhost:5000/app:1" },
        { image: `gcr.io/p/app@${D1}`, overrider: { component: "Registry", operator: "add", value: ".cn" }, expected: `gcr.io.cn/p/app@${D1}` },
        { image: "docker.io/library/redis", overrider: { component: "Registry", operator: "replace", value: "mirror.example.com" }, expected: "mirror.example.com/library/redis" },
        { image: "nginx:1.25", overrider: { component: "Registry", operator: "replace", value: "mirror.example.com:5000" }, expected: "mirror.example.com:5000/nginx:1.25" },
        { image: "localhost:5000/app:1.0", overrider: { component: "Registry", operator: "replace", value: "localhost" }, expected: "localhost/app:1.0" },
        { image: `gcr.io/p/app@${D1}`, overrider: { component: "Registry", operator: "replace", value: "eu.gcr.io" }, expected: `eu.gcr.io/p/app@${D1}` },
        { image: "docker.io/library/redis:7", overrider: { component: "Registry", operator: "replace", value: "harbor.example.com/proxy" }, expected: "harbor.example.com/proxy/library/redis:7" },
        { image: "MyRegistry/app", overrider: { component: "Registry", operator: "replace", value: "r.example.com" }, expected: "r.example.com/app" },
        { image: "localhost:5000/app:1.0", overrider: { component: "Registry", operator: "remove" }, expected: "app:1.0" },
        { image: "docker.io/library/redis", overrider: { component: "Registry", operator: "remove" }, expected: "library/redis" },
        { image: "[fd00::1]:5000/app:1", overrider: { component: "Registry", operator: "remove" }, expected: "app:1" },
        { image: `app:1.0@${D1}`, overrider: { component: "Registry", operator: "remove" }, expected: `app:1.0@${D1}` },
        { image: "redis", overrider: { component: "Registry", operator: "remove" }, expected: "redis" },
        // Repository
        { image: "nginx:1.25", overrider: { component: "Repository", operator: "add", value: "-slim" }, expected: "nginx-slim:1.25" },
        { image: "localhost:5000/app:1.0", overrider: { component: "Repository", operator: "add", value: "/v2" }, expected: "localhost:5000/app/v2:1.0" },
        { image: `gcr.io/p/app@${D1}`, overrider: { component: "Repository", operator: "add", value: "-debug" }, expected: `gcr.io/p/app-debug@${D1}` },
        { image: "docker.io/library/redis", overrider: { component: "Repository", operator: "replace", value: "library/valkey" }, expected: "docker.io/library/valkey" },
        { image: "redis:7", overrider: { component: "Repository", operator: "replace", value: "valkey/valkey" }, expected: "valkey/valkey:7" },
        { image: `app:1.0@${D1}`, overrider: { component: "Repository", operator: "replace", value: "other" }, expected: `other:1.0@${D1}` },
        // Tag (and digest, which fills the tag slot)
        { image: "nginx:1.25", overrider: { component: "Tag", operator: "add", value: "-alpine" }, expected: "nginx:1.25-alpine" },
        { image: "redis", overrider: { component: "Tag", operator: "add", value: "7.2" }, expected: "redis:7.2" },
        { image: "localhost:5000/app", overrider: { component: "Tag", operator: "add", value: "v1" }, expected: "localhost:5000/app:v1" },
        { image: "localhost:5000/app:1.0", overrider: { component: "Tag", operator: "replace", value: "2.0" }, expected: "localhost:5000/app:2.0" },
        { image: "docker.io/library/redis", overrider: { component: "Tag", operator: "replace", value: "7" }, expected: "docker.io/library/redis:7" },
        { image: "nginx:1.25", overrider: { component: "Tag", operator: "replace", value: D1 }, expected: `nginx@${D1}` },
        { image: `gcr.io/p/app@${D1}`, overrider: { component: "Tag", operator: "replace", value: "1.0" }, expected: "gcr.io/p/app:1.0" },
        { image: `gcr.io/p/app@${D1}`, overrider: { component: "Tag", operator: "replace", value: D2 }, expected: `gcr.io/p/app@${D2}` },
        { image: `app:1.0@${D1}`, overrider: { component: "Tag", operator: "replace", value: "2.0" }, expected: "app:2.0" },
        { image: "nginx:1.25", overrider: { component: "Tag", operator: "replace", value: "1.25" }, expected: "nginx:1.25" },
        { image: "localhost:5000/app:1.0", overrider: { component: "Tag", operator: "remove" }, expected: "localhost:5000/app" },
        { image: `gcr.io/p/app@${D1}`, overrider: { component: "Tag", operator: "remove" }, expected: "gcr.io/p/app" },
        { image: `app:1.0@${D1}`, overrider: { component: "Tag", operator: "remove" }, expected: "app" },
        { image: "redis", overrider: { component: "Tag", operator: "remove" }, expected: "redis" },
    ];
    for (const c of cases) {
        const { component, operator, value } = c.overrider;
        it(`${component} ${operator}${value === undefined ? "" : ` ${JSON.stringify(value.length > 20 ? value.slice(0, 20) + "…" : value)}`} on ${c.image.slice(0, 40)}`, () => {
            const expected = withImage(c.expected);
            const ops: ClusterOverride[] = c.expected === c.image ? [] : [{ op: "replace", path: IMAGE, value: c.expected }];
            check(withImage(c.image), { imageOverrider: [c.overrider] }, ops, expected);
        });
    }
});

describe("planning/overriders: operations and results", () => {
    const C = "/spec/template/spec/containers";
    const I = "/spec/template/spec/initContainers";
    const cases: { name: string; object?: () => any; overriders: Overriders; ops: ClusterOverride[]; expected: (d: any) => void }[] = [
        { name: "no overriders: no operations", overriders: {}, ops: [], expected: () => {} },
        {
            name: "empty overrider lists: no operations",
            overriders: { imageOverrider: [], commandOverrider: [], argsOverrider: [], labelsOverrider: [], annotationsOverrider: [] },
            ops: [],
            expected: () => {},
        },
        // Images: which containers
        {
            name: "image without containerName or predicate: every container, not the init containers (Karmada's default paths)",
            overriders: { imageOverrider: [{ component: "Registry", operator: "replace", value: "mirror.example.com" }] },
            ops: [
                { op: "replace", path: `${C}/0/image`, value: "mirror.example.com/nginx:1.25" },
                { op: "replace", path: `${C}/1/image`, value: "mirror.example.com/library/fluentd:v1" },
            ],
            expected: (d) => {
                d.spec.template.spec.containers[0].image = "mirror.example.com/nginx:1.25";
                d.spec.template.spec.containers[1].image = "mirror.example.com/library/fluentd:v1";
            },
        },
        {
            name: "image with Karmada's predicate: exactly the image at that path, an init container's too",
            overriders: { imageOverrider: [{ component: "Tag", operator: "replace", value: "1.36", predicate: { path: `${I}/0/image` } }] },
            ops: [{ op: "replace", path: `${I}/0/image`, value: "busybox:1.36" }],
            expected: (d) => (d.spec.template.spec.initContainers[0].image = "busybox:1.36"),
        },
        {
            name: "image remove with a value: the value is ignored, as Karmada ignores it",
            overriders: { imageOverrider: [{ component: "Tag", operator: "remove", value: "ignored", predicate: { path: `${C}/0/image` } }] },
            ops: [{ op: "replace", path: `${C}/0/image`, value: "nginx" }],
            expected: (d) => (d.spec.template.spec.containers[0].image = "nginx"),
        },
        {
            name: "empty label, annotation, command and args values change nothing (Karmada skips them)",
            overriders: {
                labelsOverrider: [{ operator: "remove", value: {} }, { operator: "add", value: {} }],
                annotationsOverrider: [{ operator: "replace", value: {} }],
                commandOverrider: [{ containerName: "web", operator: "remove", value: [] }],
                argsOverrider: [{ containerName: "web", operator: "add", value: [] }],
            },
            ops: [],
            expected: () => {},
        },
        {
            name: "image containerName picks one container",
            overriders: { imageOverrider: [{ component: "Tag", operator: "replace", value: "v2", containerName: "log" }] },
            ops: [{ op: "replace", path: `${C}/1/image`, value: "docker.io/library/fluentd:v2" }],
            expected: (d) => (d.spec.template.spec.containers[1].image = "docker.io/library/fluentd:v2"),
        },
        {
            name: "image containerName picks an init container",
            overriders: { imageOverrider: [{ component: "Tag", operator: "add", value: "1.36", containerName: "setup" }] },
            ops: [{ op: "replace", path: `${I}/0/image`, value: "busybox:1.36" }],
            expected: (d) => (d.spec.template.spec.initContainers[0].image = "busybox:1.36"),
        },
        {
            name: "an image already as asked gives no operation; the others still change",
            overriders: { imageOverrider: [{ component: "Tag", operator: "remove" }] },
            ops: [
                { op: "replace", path: `${C}/0/image`, value: "nginx" },
                { op: "replace", path: `${C}/1/image`, value: "docker.io/library/fluentd" },
            ],
            expected: (d) => {
                d.spec.template.spec.containers[0].image = "nginx";
                d.spec.template.spec.containers[1].image = "docker.io/library/fluentd";
            },
        },
        {
            name: "Pod: containers under /spec",
            object: pod,
            overriders: { imageOverrider: [{ component: "Registry", operator: "remove" }] },
            ops: [{ op: "replace", path: "/spec/containers/0/image", value: "app:1.0" }],
            expected: (d) => (d.spec.containers[0].image = "app:1.0"),
        },
        {
            name: "Pod: init container by name",
            object: pod,
            overriders: { imageOverrider: [{ component: "Registry", operator: "add", value: "mirror.gcr.io", containerName: "init" }] },
            ops: [{ op: "replace", path: "/spec/initContainers/0/image", value: "mirror.gcr.io/redis" }],
            expected: (d) => (d.spec.initContainers[0].image = "mirror.gcr.io/redis"),
        },
        {
            name: "CronJob: containers under /spec/jobTemplate/spec/template/spec",
            object: cronJob,
            overriders: { imageOverrider: [{ component: "Tag", operator: "replace", value: D2 }] },
            ops: [{ op: "replace", path: "/spec/jobTemplate/spec/template/spec/containers/0/image", value: `gcr.io/p/app@${D2}` }],
            expected: (d) => (d.spec.jobTemplate.spec.template.spec.containers[0].image = `gcr.io/p/app@${D2}`),
        },
        {
            name: "a kind without apiVersion is known by its kind",
            object: () => ({ kind: "Deployment", metadata: { name: "x" }, spec: { template: { spec: { containers: [{ name: "a", image: "a:1" }] } } } }),
            overriders: { imageOverrider: [{ component: "Tag", operator: "replace", value: "2" }] },
            ops: [{ op: "replace", path: `${C}/0/image`, value: "a:2" }],
            expected: (d) => (d.spec.template.spec.containers[0].image = "a:2"),
        },
        {
            name: "a workload without a pod template has no containers: nothing to do",
            object: () => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" }, spec: { replicas: 1 } }),
            overriders: { imageOverrider: [{ component: "Tag", operator: "replace", value: "2" }] },
            ops: [],
            expected: () => {},
        },
        // Images: order
        {
            name: "image overriders in order, each seeing the previous: one operation per image",
            overriders: {
                imageOverrider: [
                    { component: "Registry", operator: "replace", value: "mirror.example.com", containerName: "web" },
                    { component: "Registry", operator: "add", value: "-eu", containerName: "web" },
                    { component: "Tag", operator: "add", value: "-alpine", containerName: "web" },
                ],
            },
            ops: [{ op: "replace", path: `${C}/0/image`, value: "mirror.example.com-eu/nginx:1.25-alpine" }],
            expected: (d) => (d.spec.template.spec.containers[0].image = "mirror.example.com-eu/nginx:1.25-alpine"),
        },
        {
            name: "tag remove, then tag add sets a fresh tag",
            overriders: {
                imageOverrider: [
                    { component: "Tag", operator: "remove", containerName: "web" },
                    { component: "Tag", operator: "add", value: "2", containerName: "web" },
                ],
            },
            ops: [{ op: "replace", path: `${C}/0/image`, value: "nginx:2" }],
            expected: (d) => (d.spec.template.spec.containers[0].image = "nginx:2"),
        },
        {
            name: "overriders that end where the image started give no operation",
            overriders: {
                imageOverrider: [
                    { component: "Tag", operator: "replace", value: "2", containerName: "web" },
                    { component: "Tag", operator: "replace", value: "1.25", containerName: "web" },
                ],
            },
            ops: [],
            expected: () => {},
        },
        // command and args
        {
            name: "command add appends to the existing list (one replace)",
            overriders: { commandOverrider: [{ containerName: "web", operator: "add", value: ["-c", "/etc/nginx.conf"] }] },
            ops: [{ op: "replace", path: `${C}/0/command`, value: ["nginx", "-g", "daemon off;", "-c", "/etc/nginx.conf"] }],
            expected: (d) => d.spec.template.spec.containers[0].command.push("-c", "/etc/nginx.conf"),
        },
        {
            name: "args add where there are none creates the list with add",
            overriders: { argsOverrider: [{ containerName: "log", operator: "add", value: ["--verbose"] }] },
            ops: [{ op: "add", path: `${C}/1/args`, value: ["--verbose"] }],
            expected: (d) => (d.spec.template.spec.containers[1].args = ["--verbose"]),
        },
        {
            name: "command add on a null command replaces it",
            object: () => {
                const d = deployment();
                d.spec.template.spec.containers[1].command = null;
                return d;
            },
            overriders: { commandOverrider: [{ containerName: "log", operator: "add", value: ["fluentd"] }] },
            ops: [{ op: "replace", path: `${C}/1/command`, value: ["fluentd"] }],
            expected: (d) => (d.spec.template.spec.containers[1].command = ["fluentd"]),
        },
        {
            name: "command add appends even items already there",
            overriders: { commandOverrider: [{ containerName: "web", operator: "add", value: ["nginx"] }] },
            ops: [{ op: "replace", path: `${C}/0/command`, value: ["nginx", "-g", "daemon off;", "nginx"] }],
            expected: (d) => d.spec.template.spec.containers[0].command.push("nginx"),
        },
        {
            name: "args remove drops every occurrence",
            overriders: { argsOverrider: [{ containerName: "web", operator: "remove", value: ["--v"] }] },
            ops: [{ op: "replace", path: `${C}/0/args`, value: ["--x"] }],
            expected: (d) => (d.spec.template.spec.containers[0].args = ["--x"]),
        },
        {
            name: "command remove of every item removes the command",
            overriders: { commandOverrider: [{ containerName: "web", operator: "remove", value: ["daemon off;", "nginx", "-g"] }] },
            ops: [{ op: "remove", path: `${C}/0/command` }],
            expected: (d) => delete d.spec.template.spec.containers[0].command,
        },
        {
            name: "command remove of items not there: no operation",
            overriders: { commandOverrider: [{ containerName: "web", operator: "remove", value: ["-c"] }] },
            ops: [],
            expected: () => {},
        },
        {
            name: "args remove on a container without args: no operation",
            overriders: { argsOverrider: [{ containerName: "log", operator: "remove", value: ["--v"] }] },
            ops: [],
            expected: () => {},
        },
        {
            name: "command add for an init container by name",
            overriders: { commandOverrider: [{ containerName: "setup", operator: "add", value: ["sh", "-c", "true"] }] },
            ops: [{ op: "add", path: `${I}/0/command`, value: ["sh", "-c", "true"] }],
            expected: (d) => (d.spec.template.spec.initContainers[0].command = ["sh", "-c", "true"]),
        },
        {
            name: "Pod: args add",
            object: pod,
            overriders: { argsOverrider: [{ containerName: "main", operator: "add", value: ["--port=8080"] }] },
            ops: [{ op: "replace", path: "/spec/containers/0/args", value: ["serve", "--port=8080"] }],
            expected: (d) => d.spec.containers[0].args.push("--port=8080"),
        },
        {
            name: "CronJob: command add",
            object: cronJob,
            overriders: { commandOverrider: [{ containerName: "job", operator: "add", value: ["/run"] }] },
            ops: [{ op: "add", path: "/spec/jobTemplate/spec/template/spec/containers/0/command", value: ["/run"] }],
            expected: (d) => (d.spec.jobTemplate.spec.template.spec.containers[0].command = ["/run"]),
        },
        {
            name: "two adds on one container: one operation with both",
            overriders: {
                argsOverrider: [
                    { containerName: "log", operator: "add", value: ["-a"] },
                    { containerName: "log", operator: "add", value: ["-b"] },
                ],
            },
            ops: [{ op: "add", path: `${C}/1/args`, value: ["-a", "-b"] }],
            expected: (d) => (d.spec.template.spec.containers[1].args = ["-a", "-b"]),
        },
        {
            name: "add then remove of the same new items: no operation",
            overriders: {
                commandOverrider: [
                    { containerName: "log", operator: "add", value: ["x"] },
                    { containerName: "log", operator: "remove", value: ["x"] },
                ],
            },
            ops: [],
            expected: () => {},
        },
        {
            name: "remove sees an earlier add",
            overriders: {
                argsOverrider: [
                    { containerName: "web", operator: "add", value: ["--y"] },
                    { containerName: "web", operator: "remove", value: ["--v", "--x"] },
                ],
            },
            ops: [{ op: "replace", path: `${C}/0/args`, value: ["--y"] }],
            expected: (d) => (d.spec.template.spec.containers[0].args = ["--y"]),
        },
        {
            name: "command operations come before args operations",
            overriders: {
                argsOverrider: [{ containerName: "web", operator: "remove", value: ["--x"] }],
                commandOverrider: [{ containerName: "web", operator: "remove", value: ["-g", "daemon off;"] }],
            },
            ops: [
                { op: "replace", path: `${C}/0/command`, value: ["nginx"] },
                { op: "replace", path: `${C}/0/args`, value: ["--v", "--v"] },
            ],
            expected: (d) => {
                d.spec.template.spec.containers[0].command = ["nginx"];
                d.spec.template.spec.containers[0].args = ["--v", "--v"];
            },
        },
        // labels and annotations
        {
            name: "labels add of a new key",
            overriders: { labelsOverrider: [{ operator: "add", value: { tier: "gold" } }] },
            ops: [{ op: "add", path: "/metadata/labels/tier", value: "gold" }],
            expected: (d) => (d.metadata.labels.tier = "gold"),
        },
        {
            name: "labels add of an existing key changes it (replace)",
            overriders: { labelsOverrider: [{ operator: "add", value: { app: "shop" } }] },
            ops: [{ op: "replace", path: "/metadata/labels/app", value: "shop" }],
            expected: (d) => (d.metadata.labels.app = "shop"),
        },
        {
            name: "labels add of the value already there: no operation",
            overriders: { labelsOverrider: [{ operator: "add", value: { app: "web" } }] },
            ops: [],
            expected: () => {},
        },
        {
            name: "labels add without labels creates the map with one add",
            object: configMap,
            overriders: { labelsOverrider: [{ operator: "add", value: { tier: "gold", "example.com/team": "red" } }] },
            ops: [{ op: "add", path: "/metadata/labels", value: { tier: "gold", "example.com/team": "red" } }],
            expected: (d) => (d.metadata.labels = { tier: "gold", "example.com/team": "red" }),
        },
        {
            name: "labels add on null labels",
            object: () => ({ ...configMap(), metadata: { name: "cfg", labels: null } }),
            overriders: { labelsOverrider: [{ operator: "add", value: { tier: "gold" } }] },
            ops: [{ op: "add", path: "/metadata/labels", value: { tier: "gold" } }],
            expected: (d) => (d.metadata.labels = { tier: "gold" }),
        },
        {
            name: "labels replace of an existing key, escaped (~1)",
            overriders: { labelsOverrider: [{ operator: "replace", value: { "example.com/team": "red" } }] },
            ops: [{ op: "replace", path: "/metadata/labels/example.com~1team", value: "red" }],
            expected: (d) => (d.metadata.labels["example.com/team"] = "red"),
        },
        {
            name: "labels remove (values are ignored), escaped",
            overriders: { labelsOverrider: [{ operator: "remove", value: { "example.com/team": "", app: "anything" } }] },
            ops: [
                { op: "remove", path: "/metadata/labels/example.com~1team" },
                { op: "remove", path: "/metadata/labels/app" },
            ],
            expected: (d) => (d.metadata.labels = {}),
        },
        {
            name: "labels remove of a missing key: no operation",
            overriders: { labelsOverrider: [{ operator: "remove", value: { absent: "" } }] },
            ops: [],
            expected: () => {},
        },
        {
            name: "labels remove without labels: no operation",
            object: configMap,
            overriders: { labelsOverrider: [{ operator: "remove", value: { app: "" } }] },
            ops: [],
            expected: () => {},
        },
        {
            name: "annotations: remove and add with / (~1), replace",
            overriders: {
                annotationsOverrider: [
                    { operator: "remove", value: { "example.com/old": "" } },
                    { operator: "add", value: { "example.com/owner": "ops team" } },
                    { operator: "replace", value: { note: "multi\nline" } },
                ],
            },
            ops: [
                { op: "remove", path: "/metadata/annotations/example.com~1old" },
                { op: "add", path: "/metadata/annotations/example.com~1owner", value: "ops team" },
                { op: "replace", path: "/metadata/annotations/note", value: "multi\nline" },
            ],
            expected: (d) => (d.metadata.annotations = { note: "multi\nline", "example.com/owner": "ops team" }),
        },
        {
            name: "a key added then removed: no operation",
            overriders: {
                labelsOverrider: [
                    { operator: "add", value: { tier: "gold" } },
                    { operator: "remove", value: { tier: "" } },
                ],
            },
            ops: [],
            expected: () => {},
        },
        {
            name: "a key added then replaced: one add with the last value",
            overriders: {
                labelsOverrider: [
                    { operator: "add", value: { tier: "gold" } },
                    { operator: "replace", value: { tier: "silver" } },
                ],
            },
            ops: [{ op: "add", path: "/metadata/labels/tier", value: "silver" }],
            expected: (d) => (d.metadata.labels.tier = "silver"),
        },
        {
            name: "a key removed then added back: one replace",
            overriders: {
                labelsOverrider: [
                    { operator: "remove", value: { app: "" } },
                    { operator: "add", value: { app: "api" } },
                ],
            },
            ops: [{ op: "replace", path: "/metadata/labels/app", value: "api" }],
            expected: (d) => (d.metadata.labels.app = "api"),
        },
        {
            name: "a map created and emptied again: no operation",
            object: configMap,
            overriders: {
                annotationsOverrider: [
                    { operator: "add", value: { a: "1" } },
                    { operator: "remove", value: { a: "" } },
                ],
            },
            ops: [],
            expected: () => {},
        },
        {
            name: "labels work on any kind (ConfigMap)",
            object: configMap,
            overriders: { annotationsOverrider: [{ operator: "add", value: { "example.com/x": "1" } }], labelsOverrider: [{ operator: "add", value: { a: "b" } }] },
            ops: [
                { op: "add", path: "/metadata/labels", value: { a: "b" } },
                { op: "add", path: "/metadata/annotations", value: { "example.com/x": "1" } },
            ],
            expected: (d) => {
                d.metadata.labels = { a: "b" };
                d.metadata.annotations = { "example.com/x": "1" };
            },
        },
        // Everything together
        {
            name: "Karmada's order (image, command, args, labels, annotations) whatever the key order",
            overriders: {
                annotationsOverrider: [{ operator: "add", value: { "example.com/region": "eu" } }],
                labelsOverrider: [{ operator: "add", value: { region: "eu" } }],
                argsOverrider: [{ containerName: "web", operator: "add", value: ["--region=eu"] }],
                commandOverrider: [{ containerName: "log", operator: "add", value: ["fluentd"] }],
                imageOverrider: [{ component: "Registry", operator: "replace", value: "eu.mirror.example.com", containerName: "web" }],
            },
            ops: [
                { op: "replace", path: `${C}/0/image`, value: "eu.mirror.example.com/nginx:1.25" },
                { op: "add", path: `${C}/1/command`, value: ["fluentd"] },
                { op: "replace", path: `${C}/0/args`, value: ["--v", "--x", "--v", "--region=eu"] },
                { op: "add", path: "/metadata/labels/region", value: "eu" },
                { op: "add", path: "/metadata/annotations/example.com~1region", value: "eu" },
            ],
            expected: (d) => {
                const [web, log] = d.spec.template.spec.containers;
                web.image = "eu.mirror.example.com/nginx:1.25";
                log.command = ["fluentd"];
                web.args.push("--region=eu");
                d.metadata.labels.region = "eu";
                d.metadata.annotations["example.com/region"] = "eu";
            },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const object = (c.object ?? deployment)();
            const expected = (c.object ?? deployment)();
            c.expected(expected);
            check(object, c.overriders, c.ops, expected);
        });
    }

    const kinds: { kind: string; apiVersion: string; wrap: (spec: any) => any; prefix: string }[] = [
        { kind: "StatefulSet", apiVersion: "apps/v1", wrap: (spec) => ({ template: { spec } }), prefix: "/spec/template/spec" },
        { kind: "DaemonSet", apiVersion: "apps/v1", wrap: (spec) => ({ template: { spec } }), prefix: "/spec/template/spec" },
        { kind: "ReplicaSet", apiVersion: "apps/v1", wrap: (spec) => ({ template: { spec } }), prefix: "/spec/template/spec" },
        { kind: "Job", apiVersion: "batch/v1", wrap: (spec) => ({ template: { spec } }), prefix: "/spec/template/spec" },
        { kind: "CronJob", apiVersion: "batch/v1", wrap: (spec) => ({ jobTemplate: { spec: { template: { spec } } } }), prefix: "/spec/jobTemplate/spec/template/spec" },
        { kind: "Pod", apiVersion: "v1", wrap: (spec) => spec, prefix: "/spec" },
    ];
    for (const k of kinds) {
        it(`${k.apiVersion} ${k.kind}: image and args at ${k.prefix}`, () => {
            const make = (image: string, args?: string[]) => ({
                apiVersion: k.apiVersion,
                kind: k.kind,
                metadata: { name: "w" },
                spec: k.wrap({ containers: [{ name: "c", image, ...(args ? { args } : {}) }] }),
            });
            check(
                make("app:1"),
                { imageOverrider: [{ component: "Tag", operator: "replace", value: "2" }], argsOverrider: [{ containerName: "c", operator: "add", value: ["-x"] }] },
                [
                    { op: "replace", path: `${k.prefix}/containers/0/image`, value: "app:2" },
                    { op: "add", path: `${k.prefix}/containers/0/args`, value: ["-x"] },
                ],
                make("app:2", ["-x"]),
            );
        });
    }

    it("values only known at deployment time elsewhere are carried through, and add keeps opaque list items", () => {
        const replicas = new Box(3);
        const secretArg = new Box("--token=…");
        const object = deployment();
        object.spec.replicas = replicas;
        object.spec.template.spec.containers[0].args = ["--v", secretArg];
        const ops = overridersToOperations(deepFreeze(object), { argsOverrider: [{ containerName: "web", operator: "add", value: ["--x"] }] });
        assert.deepStrictEqual(ops, [{ op: "replace", path: `${C}/0/args`, value: ["--v", secretArg, "--x"] }]);
        assert.equal((ops[0].value as unknown[])[1], secretArg, "the opaque item is the same value");
        const applied = applyOverrides(object, ops);
        assert.equal(applied.spec.replicas, replicas);
        assert.equal(applied.spec.template.spec.containers[0].args[1], secretArg);
    });

    it("operations do not share objects with the input", () => {
        const object = configMap();
        object.metadata.annotations = { keep: "1" };
        const ops = overridersToOperations(object, { labelsOverrider: [{ operator: "add", value: { a: "b" } }] });
        (ops[0].value as Record<string, string>).a = "changed";
        assert.deepStrictEqual(object, { ...configMap(), metadata: { name: "cfg", annotations: { keep: "1" } } });
    });
});

describe("planning/overriders: failures while translating", () => {
    const at: FederationErrorLocation = { resource: 'FederatedDeployment "web"', cluster: "oslo", field: "overrides[1].overriders" };
    const cases: { name: string; object?: () => any; overriders: Overriders; location?: FederationErrorLocation; error: ExpectedError }[] = [
        {
            name: "image overrider on a ConfigMap names the kind",
            object: configMap,
            overriders: { imageOverrider: [{ component: "Tag", operator: "remove" }] },
            error: { field: "imageOverrider[0]", message: ["image overriders apply to the containers of a Pod or ReplicationController (v1), Deployment", "not to v1 ConfigMap"] },
        },
        {
            name: "command overrider on a Service",
            object: () => ({ apiVersion: "v1", kind: "Service", metadata: { name: "s" } }),
            overriders: { commandOverrider: [{ containerName: "web", operator: "add", value: ["x"] }] },
            error: { field: "commandOverrider[0]", message: "command overriders apply to the containers of" },
        },
        {
            name: "args overrider on a custom kind named Job (another group)",
            object: () => ({ apiVersion: "batch.volcano.sh/v1alpha1", kind: "Job", metadata: { name: "j" }, spec: { tasks: [] } }),
            overriders: { argsOverrider: [{ containerName: "web", operator: "add", value: ["x"] }] },
            error: { field: "argsOverrider[0]", message: "not to batch.volcano.sh/v1alpha1 Job" },
        },
        {
            name: "image overrider on an object without a kind",
            object: () => ({ metadata: { name: "x" } }),
            overriders: { imageOverrider: [{ component: "Tag", operator: "remove" }] },
            error: { field: "imageOverrider[0]", message: "not to an object without a kind" },
        },
        {
            name: "image overrider on an object whose kind is only known at deployment time",
            object: () => ({ ...withImage("a:1"), kind: new Box("Deployment") }),
            overriders: { imageOverrider: [{ component: "Tag", operator: "remove" }] },
            error: { field: "imageOverrider[0]", message: "not to an object whose kind is only known at deployment time" },
        },
        {
            name: "image containerName that no container has, with the names there are",
            overriders: { imageOverrider: [{ component: "Tag", operator: "remove" }, { component: "Tag", operator: "remove", containerName: "nginx" }] },
            error: { field: "imageOverrider[1].containerName", message: 'apps/v1 Deployment has no container or initContainer named "nginx" (it has "web", "log", "setup"; Karmada would change nothing)' },
        },
        {
            name: "command containerName that no container has",
            overriders: { commandOverrider: [{ containerName: "webb", operator: "add", value: ["x"] }] },
            error: { field: "commandOverrider[0].containerName", message: 'no container or initContainer named "webb"' },
        },
        {
            name: "args containerName on a workload without containers",
            object: () => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" }, spec: {} }),
            overriders: { argsOverrider: [{ containerName: "web", operator: "add", value: ["x"] }] },
            error: { field: "argsOverrider[0].containerName", message: "(it has no containers; Karmada would change nothing)" },
        },
        {
            name: "containerName not found while some names are opaque",
            object: () => {
                const d = withImage("a:1");
                d.spec.template.spec.containers.push({ name: new Box("side"), image: "b:1" });
                return d;
            },
            overriders: { imageOverrider: [{ component: "Tag", operator: "remove", containerName: "other" }] },
            error: { field: "imageOverrider[0].containerName", message: '(it has "app"; some container names are only known at deployment time; Karmada would change nothing)' },
        },
        {
            name: "an image only known at deployment time",
            object: () => withImage(new Box("nginx:1")),
            overriders: { imageOverrider: [{ component: "Tag", operator: "replace", value: "2" }] },
            location: at,
            error: {
                resource: at.resource,
                cluster: "oslo",
                field: "overrides[1].overriders.imageOverrider[0]",
                message: 'the image of container "app" (/spec/template/spec/containers/0) is only known at deployment time',
            },
        },
        {
            name: "a containers list only known at deployment time",
            object: () => ({ ...withImage("x"), spec: { template: { spec: { containers: new Box([]) } } } }),
            overriders: { imageOverrider: [{ component: "Tag", operator: "remove" }] },
            error: { field: "imageOverrider[0]", message: "/spec/template/spec/containers is only known at deployment time" },
        },
        {
            name: "a pod template only known at deployment time",
            object: () => ({ ...withImage("x"), spec: { template: new Box({}) } }),
            overriders: { commandOverrider: [{ containerName: "app", operator: "add", value: ["x"] }] },
            error: { field: "commandOverrider[0]", message: "/spec/template is only known at deployment time" },
        },
        {
            name: "containers that are not a list",
            object: () => ({ ...withImage("x"), spec: { template: { spec: { containers: { name: "a" } } } } }),
            overriders: { imageOverrider: [{ component: "Tag", operator: "remove" }] },
            error: { field: "imageOverrider[0]", message: "/spec/template/spec/containers must be a list, got an object" },
        },
        {
            name: "a container without an image",
            object: () => withImage(undefined),
            overriders: { imageOverrider: [{ component: "Tag", operator: "remove" }] },
            error: { field: "imageOverrider[0]", message: 'container "app" (/spec/template/spec/containers/0) has no image to override' },
        },
        {
            name: "an image that is not a string",
            object: () => withImage(7),
            overriders: { imageOverrider: [{ component: "Tag", operator: "remove" }] },
            error: { field: "imageOverrider[0]", message: "must be a string, got number 7" },
        },
        {
            name: "an image that is not a valid reference",
            object: () => withImage("Nginx:1"),
            overriders: { imageOverrider: [{ component: "Tag", operator: "remove" }] },
            error: { field: "imageOverrider[0]", message: '"Nginx:1", is not a valid image reference: repository "Nginx"' },
        },
        {
            name: "tag add on an image pinned by digest",
            object: () => withImage(`gcr.io/p/app@${D1}`),
            overriders: { imageOverrider: [{ component: "Tag", operator: "add", value: "-x" }] },
            error: { field: "imageOverrider[0]", message: ["cannot add the Tag of container \"app\"", `it is pinned by digest ${D1}, which cannot be extended (use replace; Karmada would leave the image unchanged)`] },
        },
        {
            name: "registry add that Docker would read as part of a Docker Hub repository",
            object: () => withImage("redis"),
            overriders: { imageOverrider: [{ component: "Registry", operator: "add", value: "mirror" }] },
            error: { field: "imageOverrider[0]", message: 'the result "mirror/redis" would not be read with registry "mirror": Docker reads it as "mirror/redis" on Docker Hub' },
        },
        {
            name: "repository replace that would be read as a registry",
            object: () => withImage("nginx:1"),
            overriders: { imageOverrider: [{ component: "Repository", operator: "replace", value: "gcr.io/app" }] },
            error: { field: "imageOverrider[0]", message: 'the result "gcr.io/app:1" would be read as repository "app" in registry "gcr.io"' },
        },
        {
            name: "registry remove that would leave a registry-like first part",
            object: () => withImage("r.example.com/my.org/app"),
            overriders: { imageOverrider: [{ component: "Registry", operator: "remove" }] },
            error: { field: "imageOverrider[0]", message: 'would be read as repository "app" in registry "my.org"' },
        },
        {
            name: "repository add giving an invalid repository",
            object: () => withImage("nginx"),
            overriders: { imageOverrider: [{ component: "Repository", operator: "add", value: "_" }] },
            error: { field: "imageOverrider[0]", message: 'the result "nginx_" is not a valid image reference: repository "nginx_"' },
        },
        {
            name: "tag add on no tag giving an invalid tag",
            object: () => withImage("nginx"),
            overriders: { imageOverrider: [{ component: "Tag", operator: "add", value: "-rc" }] },
            error: { field: "imageOverrider[0]", message: 'the result "nginx:-rc" is not a valid image reference: tag "-rc"' },
        },
        {
            name: "tag add beyond 128 characters",
            object: () => withImage("nginx:" + "a".repeat(100)),
            overriders: { imageOverrider: [{ component: "Tag", operator: "add", value: "b".repeat(29) }] },
            error: { field: "imageOverrider[0]", message: "at most 128 characters" },
        },
        {
            name: "a command only known at deployment time",
            overriders: { commandOverrider: [{ containerName: "web", operator: "add", value: ["x"] }] },
            object: () => {
                const d = deployment();
                d.spec.template.spec.containers[0].command = new Box(["nginx"]);
                return d;
            },
            error: { field: "commandOverrider[0]", message: 'the command of container "web" (/spec/template/spec/containers/0) is only known at deployment time' },
        },
        {
            name: "args that are not a list",
            object: () => {
                const d = deployment();
                d.spec.template.spec.containers[0].args = "--v";
                return d;
            },
            overriders: { argsOverrider: [{ containerName: "web", operator: "add", value: ["x"] }] },
            error: { field: "argsOverrider[0]", message: 'the args of container "web" (/spec/template/spec/containers/0) must be a list, got string "--v"' },
        },
        {
            name: "remove with an opaque item in the list",
            object: () => {
                const d = deployment();
                d.spec.template.spec.containers[0].args = ["--v", new Box("--x")];
                return d;
            },
            overriders: { argsOverrider: [{ containerName: "web", operator: "remove", value: ["--x"] }] },
            error: { field: "argsOverrider[0]", message: "args[1] of container \"web\" (/spec/template/spec/containers/0) is only known at deployment time" },
        },
        {
            name: "metadata only known at deployment time",
            object: () => ({ ...configMap(), metadata: new Box({ name: "cfg" }) }),
            overriders: { labelsOverrider: [{ operator: "add", value: { a: "b" } }] },
            error: { field: "labelsOverrider[0]", message: "/metadata is only known at deployment time" },
        },
        {
            name: "labels only known at deployment time",
            object: () => ({ ...configMap(), metadata: { name: "cfg", labels: new Box({}) } }),
            overriders: { labelsOverrider: [{ operator: "remove", value: { a: "" } }] },
            error: { field: "labelsOverrider[0]", message: "/metadata/labels is only known at deployment time" },
        },
        {
            name: "annotations that are not an object",
            object: () => ({ ...configMap(), metadata: { name: "cfg", annotations: "x" } }),
            overriders: { annotationsOverrider: [{ operator: "add", value: { a: "b" } }] },
            error: { field: "annotationsOverrider[0]", message: '/metadata/annotations must be an object, got string "x"' },
        },
        {
            name: "labels add on an object without metadata",
            object: () => ({ apiVersion: "v1", kind: "ConfigMap" }),
            overriders: { labelsOverrider: [{ operator: "add", value: { a: "b" } }] },
            error: { field: "labelsOverrider[0]", message: "the object has no metadata to add labels to" },
        },
        {
            name: "an object that is not an object, at a location",
            object: () => [],
            overriders: {},
            location: { resource: "R", field: "overriders" },
            error: { resource: "R", field: "overriders", message: "overriders apply to an object, got an array" },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const object = deepFreeze((c.object ?? deployment)());
            assertFederationError(() => overridersToOperations(object, c.overriders, c.location), c.error);
        });
    }
});

describe("planning/overriders: validation", () => {
    const at: FederationErrorLocation = { resource: 'FederatedDeployment "web"', cluster: "oslo", field: "overrides[2].overriders" };
    const tag = (value: unknown, operator = "replace") => ({ imageOverrider: [{ component: "Tag", operator, value }] });
    const cases: { name: string; overriders: unknown; location?: FederationErrorLocation; error: ExpectedError }[] = [
        // The overriders object
        { name: "null", overriders: null, error: { message: "overriders must be an object with imageOverrider, commandOverrider, argsOverrider, labelsOverrider, annotationsOverrider, fieldOverrider, plaintext, got null" } },
        { name: "a list", overriders: [], error: { message: "got an array" } },
        { name: "a string, at a location: the location's field", overriders: "x", location: at, error: { resource: at.resource, cluster: "oslo", field: "overrides[2].overriders", message: 'got string "x"' } },
        { name: 'typo "imageOveride"', overriders: { imageOveride: [] }, error: { field: "imageOveride", message: ["is not an overrider (expected imageOverrider,", "did you mean imageOverrider?"] } },
        { name: 'wrong case "LabelsOverrider"', overriders: { LabelsOverrider: [] }, error: { field: "LabelsOverrider", message: "did you mean labelsOverrider?" } },
        { name: "an unrelated key gets no guess", overriders: { replicas: 3 }, error: { field: "replicas", message: [/is not an overrider/, /^(?!.*did you mean)/] } },
        { name: "plaintext: unknown operator", overriders: { plaintext: [{ path: "/spec/replicas", operator: "set", value: 1 }] }, error: { field: "plaintext[0].operator", message: '"set" is not an operator' } },
        { name: "plaintext: an identity path", overriders: { plaintext: [{ path: "/metadata/name", operator: "replace", value: "x" }] }, error: { field: "plaintext[0].path", message: "Karmada would change it, making it a different object in that cluster" } },
        { name: "plaintext: a path that is no pointer", overriders: { plaintext: [{ path: "spec.replicas", operator: "replace", value: 1 }] }, error: { field: "plaintext[0].path", message: 'it must start with "/"' } },
        { name: "fieldOverrider: both json and yaml", overriders: { fieldOverrider: [{ fieldPath: "/data/a", json: [], yaml: [] }] }, error: { field: "fieldOverrider[0]", message: "needs exactly one of json and yaml" } },
        { name: "fieldOverrider: remove with a value", overriders: { fieldOverrider: [{ fieldPath: "/data/a", yaml: [{ subPath: "/x", operator: "remove", value: 1 }] }] }, error: { field: "fieldOverrider[0].yaml[0].value", message: "Karmada's webhook refuses one" } },
        { name: "fieldOverrider: add without a value", overriders: { fieldOverrider: [{ fieldPath: "/data/a", json: [{ subPath: "/x", operator: "add" }] }] }, error: { field: "fieldOverrider[0].json[0].value", message: "needs a value" } },
        { name: "fieldOverrider: misspelled subPath", overriders: { fieldOverrider: [{ fieldPath: "/data/a", json: [{ subpath: "/x", operator: "add", value: 1 }] }] }, error: { field: "fieldOverrider[0].json[0].subpath", message: "did you mean subPath?" } },
        { name: "a list that is an object", overriders: { imageOverrider: { component: "Tag" } }, error: { field: "imageOverrider", message: "must be a list of image overriders, got an object" } },
        { name: "an item that is not an object", overriders: { argsOverrider: ["--v"] }, error: { field: "argsOverrider[0]", message: 'must be an args overrider object, got string "--v"' } },
        // Image overriders
        { name: "image: predicate without a path", overriders: { imageOverrider: [{ component: "Tag", operator: "remove", predicate: { paths: "/spec" } }] }, error: { field: "imageOverrider[0].predicate.paths", message: "did you mean path?" } },
        { name: "image: predicate and containerName", overriders: { imageOverrider: [{ component: "Tag", operator: "remove", predicate: { path: "/spec" }, containerName: "web" }] }, error: { field: "imageOverrider[0].containerName", message: "give containerName or predicate, not both" } },
        { name: 'image: typo "componet"', overriders: { imageOverrider: [{ componet: "Tag", operator: "remove" }] }, error: { field: "imageOverrider[0].componet", message: ["is not an image overrider field (expected component, operator, value, predicate, containerName)", "did you mean component?"] } },
        { name: "image: component missing", overriders: { imageOverrider: [{ operator: "remove" }] }, error: { field: "imageOverrider[0].component", message: "is required (Registry, Repository or Tag)" } },
        { name: "image: lower-case component", overriders: { imageOverrider: [{ component: "registry", operator: "remove" }] }, error: { field: "imageOverrider[0].component", message: ['"registry" is not an image component', 'components are capitalised: "Registry"'] } },
        { name: "image: unknown component", overriders: { imageOverrider: [{ component: "Digest", operator: "remove" }] }, error: { field: "imageOverrider[0].component", message: '"Digest" is not an image component (use Registry, Repository or Tag)' } },
        { name: "image: operator missing", overriders: { imageOverrider: [{ component: "Tag" }] }, error: { field: "imageOverrider[0].operator", message: "is required (add, remove or replace)" } },
        { name: "image: capitalised operator", overriders: { imageOverrider: [{ component: "Tag", operator: "Add", value: "x" }] }, error: { field: "imageOverrider[0].operator", message: ['"Add" is not an operator', 'operators are lower-case: "add"'] } },
        { name: "image: unknown operator", overriders: { imageOverrider: [{ component: "Tag", operator: "delete" }] }, error: { field: "imageOverrider[0].operator", message: '"delete" is not an operator (use add, remove or replace)' } },
        { name: "image: Repository remove", overriders: { imageOverrider: [{ component: "Repository", operator: "remove" }] }, error: { field: "imageOverrider[0].operator", message: 'an image needs a repository (use replace; Karmada would write "host/:tag", which is no valid image)' } },
        { name: "image: add without a value", overriders: { imageOverrider: [{ component: "Registry", operator: "add" }] }, error: { field: "imageOverrider[0].value", message: "operator add of Registry needs a value" } },
        { name: "image: replace without a value", overriders: { imageOverrider: [{ component: "Repository", operator: "replace" }] }, error: { field: "imageOverrider[0].value", message: "operator replace of Repository needs a value" } },
        { name: "image: a value that is not a string", overriders: tag(2), error: { field: "imageOverrider[0].value", message: "must be a string, got number 2" } },
        { name: "image: an empty value", overriders: tag(""), error: { field: "imageOverrider[0].value", message: "must not be empty" } },
        { name: "image: a registry Docker would not read as one", overriders: { imageOverrider: [{ component: "Registry", operator: "replace", value: "myregistry" }] }, error: { field: "imageOverrider[0].value", message: 'Docker would read "myregistry" as the first part of a Docker Hub repository' } },
        { name: "image: a registry that is no host", overriders: { imageOverrider: [{ component: "Registry", operator: "replace", value: "my registry.io" }] }, error: { field: "imageOverrider[0].value", message: '"my registry.io" is not a registry host[:port]' } },
        { name: "image: a registry path that is no repository path", overriders: { imageOverrider: [{ component: "Registry", operator: "replace", value: "r.io/Proxy" }] }, error: { field: "imageOverrider[0].value", message: '"r.io/Proxy": the path after the registry host is not a valid repository' } },
        { name: "image: a registry ending in /", overriders: { imageOverrider: [{ component: "Registry", operator: "replace", value: "r.io/" }] }, error: { field: "imageOverrider[0].value", message: "the path after the registry host" } },
        { name: "image: registry add with a character no registry has", overriders: { imageOverrider: [{ component: "Registry", operator: "add", value: "mirror!" }] }, error: { field: "imageOverrider[0].value", message: '"mirror!" cannot be part of a registry' } },
        { name: "image: an invalid repository", overriders: { imageOverrider: [{ component: "Repository", operator: "replace", value: "Nginx" }] }, error: { field: "imageOverrider[0].value", message: '"Nginx" is not a valid repository' } },
        { name: "image: a repository ending in /", overriders: { imageOverrider: [{ component: "Repository", operator: "replace", value: "nginx/" }] }, error: { field: "imageOverrider[0].value", message: '"nginx/" is not a valid repository' } },
        { name: "image: repository add in upper case", overriders: { imageOverrider: [{ component: "Repository", operator: "add", value: "-Slim" }] }, error: { field: "imageOverrider[0].value", message: '"-Slim" cannot be part of a repository' } },
        { name: "image: a tag with a /", overriders: tag("v1/2"), error: { field: "imageOverrider[0].value", message: '"v1/2" is not a valid tag' } },
        { name: "image: a tag starting with .", overriders: tag(".hidden"), error: { field: "imageOverrider[0].value", message: 'not starting with "." or "-"' } },
        { name: "image: a tag of 129 characters", overriders: tag("a".repeat(129)), error: { field: "imageOverrider[0].value", message: "at most 128 characters" } },
        { name: "image: a digest written with @", overriders: tag("@" + D1), error: { field: "imageOverrider[0].value", message: `write the digest without "@": "${D1}"` } },
        { name: "image: a short digest", overriders: tag("sha256:abc"), error: { field: "imageOverrider[0].value", message: '"sha256:abc" is not a valid digest' } },
        { name: "image: an unsupported digest algorithm", overriders: tag(`md5:${HEX.repeat(2)}`), error: { field: "imageOverrider[0].value", message: 'digest algorithm "md5" is not supported (use sha256, sha384 or sha512)' } },
        { name: "image: a sha256 digest of the wrong length", overriders: tag(`sha256:${HEX.repeat(3)}`), error: { field: "imageOverrider[0].value", message: "a sha256 digest has 64 lower-case hex digits" } },
        { name: "image: tag add with a :", overriders: tag("1:2", "add"), error: { field: "imageOverrider[0].value", message: '"1:2" cannot be added to a tag' } },
        { name: "image: containerName not a string", overriders: { imageOverrider: [{ component: "Tag", operator: "remove", containerName: 3 }] }, error: { field: "imageOverrider[0].containerName", message: "a container name must be a string, got number 3" } },
        { name: "image: containerName not a DNS label", overriders: { imageOverrider: [{ component: "Tag", operator: "remove", containerName: "Web_1" }] }, error: { field: "imageOverrider[0].containerName", message: '"Web_1" is not a DNS-1123 label' } },
        { name: "image: empty containerName", overriders: { imageOverrider: [{ component: "Tag", operator: "remove", containerName: "" }] }, error: { field: "imageOverrider[0].containerName", message: "a container name must not be empty" } },
        // command and args overriders
        { name: "command: containerName missing", overriders: { commandOverrider: [{ operator: "add", value: ["x"] }] }, error: { field: "commandOverrider[0].containerName", message: "is required: the container whose command to change" } },
        { name: "command: replace is not an operator here", overriders: { commandOverrider: [{ containerName: "web", operator: "replace", value: ["x"] }] }, error: { field: "commandOverrider[0].operator", message: "command overriders support add or remove, not replace" } },
        { name: "command: operator missing", overriders: { commandOverrider: [{ containerName: "web", value: ["x"] }] }, error: { field: "commandOverrider[0].operator", message: "is required (add or remove)" } },
        { name: "command: value missing", overriders: { commandOverrider: [{ containerName: "web", operator: "remove" }] }, error: { field: "commandOverrider[0].value", message: "is required: the command items to remove" } },
        { name: "command: value a string", overriders: { commandOverrider: [{ containerName: "web", operator: "add", value: "--v" }] }, error: { field: "commandOverrider[0].value", message: 'must be a list of strings, got string "--v"' } },
        { name: "command: an item that is not a string", overriders: { commandOverrider: [{ containerName: "web", operator: "add", value: ["--port", 8080] }] }, error: { field: "commandOverrider[0].value[1]", message: "must be a string, got number 8080" } },
        { name: "command: unknown field", overriders: { commandOverrider: [{ containerName: "web", operator: "add", value: ["x"], image: "y" }] }, error: { field: "commandOverrider[0].image", message: "is not a command overrider field (expected containerName, operator, value)" } },
        {
            name: "args: the failing item's index",
            overriders: { argsOverrider: [{ containerName: "web", operator: "add", value: ["x"] }, { containerName: "web", operator: "remove", value: "x" }] },
            error: { field: "argsOverrider[1].value", message: "must be a list of strings" },
        },
        { name: "args: containerName not a DNS label", overriders: { argsOverrider: [{ containerName: "my container", operator: "add", value: ["x"] }] }, error: { field: "argsOverrider[0].containerName", message: "so it is no container name" } },
        // labels and annotations overriders
        { name: "labels: operator missing", overriders: { labelsOverrider: [{ value: { a: "b" } }] }, error: { field: "labelsOverrider[0].operator", message: "is required (add, remove or replace)" } },
        { name: "labels: unknown operator", overriders: { labelsOverrider: [{ operator: "upsert", value: { a: "b" } }] }, error: { field: "labelsOverrider[0].operator", message: '"upsert" is not an operator' } },
        { name: "labels: unknown field", overriders: { labelsOverrider: [{ operator: "add", values: { a: "b" } }] }, error: { field: "labelsOverrider[0].values", message: ["is not a labels overrider field (expected operator, value)", "did you mean value?"] } },
        { name: "labels: value missing", overriders: { labelsOverrider: [{ operator: "remove" }] }, error: { field: "labelsOverrider[0].value", message: "is required: the labels to remove, as key: value" } },
        { name: "labels: value a list", overriders: { labelsOverrider: [{ operator: "remove", value: ["app"] }] }, error: { field: "labelsOverrider[0].value", message: "must be an object of label key -> value, got an array" } },
        { name: "labels: a value that is not a string", overriders: { labelsOverrider: [{ operator: "add", value: { replicas: 3 } }] }, error: { field: 'labelsOverrider[0].value["replicas"]', message: "label values are strings, got number 3" } },
        { name: "labels: a value that is not a string, also for remove", overriders: { labelsOverrider: [{ operator: "remove", value: { app: null } }] }, error: { field: 'labelsOverrider[0].value["app"]', message: "label values are strings, got null" } },
        { name: "labels: a key with a space", overriders: { labelsOverrider: [{ operator: "add", value: { "my key": "v" } }] }, error: { field: 'labelsOverrider[0].value["my key"]', message: '"my key" is not a valid label key: the name part must be' } },
        { name: "labels: a key with an upper-case prefix", overriders: { labelsOverrider: [{ operator: "remove", value: { "Example.com/team": "" } }] }, error: { field: 'labelsOverrider[0].value["Example.com/team"]', message: 'the prefix "Example.com" must be a lower-case DNS subdomain' } },
        { name: "labels: a key with an empty name", overriders: { labelsOverrider: [{ operator: "add", value: { "example.com/": "v" } }] }, error: { field: 'labelsOverrider[0].value["example.com/"]', message: "the name part is empty" } },
        { name: "labels: a key name of 64 characters", overriders: { labelsOverrider: [{ operator: "add", value: { ["k".repeat(64)]: "v" } }] }, error: { field: `labelsOverrider[0].value["${"k".repeat(64)}"]`, message: "the name part is longer than 63 characters" } },
        { name: "labels: an invalid label value", overriders: { labelsOverrider: [{ operator: "replace", value: { app: "not valid!" } }] }, error: { field: 'labelsOverrider[0].value["app"]', message: '"not valid!" is not a valid label value' } },
        { name: "labels: a label value of 64 characters", overriders: { labelsOverrider: [{ operator: "add", value: { app: "v".repeat(64) } }] }, error: { field: 'labelsOverrider[0].value["app"]', message: "it is longer than 63 characters" } },
        { name: "annotations: a key with ~ (never valid, so ~0 escaping never arises)", overriders: { annotationsOverrider: [{ operator: "remove", value: { "a~b": "" } }] }, error: { field: 'annotationsOverrider[0].value["a~b"]', message: '"a~b" is not a valid annotation key' } },
        { name: "annotations: a key with an empty prefix", overriders: { annotationsOverrider: [{ operator: "add", value: { "/x": "v" } }] }, error: { field: 'annotationsOverrider[0].value["/x"]', message: '"/x" is not a valid annotation key: the prefix ""' } },
        {
            name: "annotations: at a location, resource, cluster and the prefixed field",
            overriders: { annotationsOverrider: [{ operator: "add", value: { a: 1 } }] },
            location: at,
            error: { resource: at.resource, cluster: "oslo", field: 'overrides[2].overriders.annotationsOverrider[0].value["a"]', message: "annotation values are strings, got number 1" },
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            const overriders = deepFreeze(structuredClone(c.overriders));
            assertFederationError(() => validateOverriders(overriders, c.location), c.error);
            // The translation validates first: the same error, whatever the object.
            assertFederationError(() => overridersToOperations(deepFreeze(deployment()), overriders as Overriders, c.location), c.error);
        });
    }

    const valid: { name: string; overriders: Overriders }[] = [
        { name: "everything at once", overriders: {
            imageOverrider: [
                { component: "Registry", operator: "replace", value: "harbor.example.com:8443/proxy" },
                { component: "Repository", operator: "add", value: "-slim" },
                { component: "Tag", operator: "replace", value: D1, containerName: "web" },
                { component: "Tag", operator: "remove" },
            ],
            commandOverrider: [{ containerName: "web", operator: "add", value: [""] }],
            argsOverrider: [{ containerName: "web", operator: "remove", value: ["--v"] }],
            labelsOverrider: [{ operator: "add", value: { "app.kubernetes.io/name": "web", empty: "" } }],
            annotationsOverrider: [{ operator: "add", value: { "example.com/note": "any text: even spaces & symbols!" } }],
        } },
        { name: "label values are not checked for remove", overriders: { labelsOverrider: [{ operator: "remove", value: { app: "not a label value!" } }] } },
        { name: "an explicit undefined value for remove is no value", overriders: { imageOverrider: [{ component: "Tag", operator: "remove", value: undefined }] } },
    ];
    for (const c of valid) {
        it(`valid: ${c.name}`, () => {
            const overriders = deepFreeze(c.overriders);
            validateOverriders(overriders);
            const ops = overridersToOperations(deepFreeze(deployment()), overriders);
            applyOverrides(deployment(), ops);
        });
    }
});

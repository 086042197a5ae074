/**
 * examples/reconcile-loop holds manifests a user applies as they are, so they are checked as an
 * API server would check them, offline:
 *
 * - the Kubernetes objects (ServiceAccount, Deployment, Service, CronJob) against the Kubernetes
 *   OpenAPI schemas compiled by kubernetes-models (`.validate()`, as components/planning/schema.ts
 *   does), and for unknown fields against the repository's Kubernetes field table (as
 *   `kubectl apply --validate=strict` refuses them; kubernetes-models lets them through);
 * - the Pulumi Kubernetes Operator's `Stack` against the structural schema of the operator's CRD
 *   (pulumi.com/v1, github.com/pulumi/pulumi-kubernetes-operator v1.16.0), which
 *   scripts/pulumi-operator-schema.js extracted to pulumiOperatorStackSchema.json, with ajv. An
 *   object with listed properties is closed: the API server would prune an unknown field, which in
 *   a documentation example is a typo.
 *
 * And what the README promises of them: the loop's flags, one replica recreated, the probe on
 * /healthz at the metrics port, a CronJob that never overlaps, and no secret value anywhere (the
 * passphrase and tokens come from Secrets only).
 */
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import Ajv, { ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import { ServiceAccount, Service } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { CronJob } from "kubernetes-models/batch/v1";
import { parse, parseAllDocuments } from "yaml";
import { unknownFields } from "../../components/planning/kubernetesFields";

const ROOT = path.join(__dirname, "..", "..");
const FOLDER = path.join(ROOT, "examples", "reconcile-loop");
const NAMESPACE = "pulumi-federation";
const SECRET = "pulumi-federation-reconcile";
/** Variables whose value must never be written in a manifest. */
const SECRET_VARIABLES = ["PULUMI_CONFIG_PASSPHRASE", "PULUMI_ACCESS_TOKEN"];

type Json = Record<string, any>;

/** Every YAML document of an example file, as plain objects; a parse error or warning fails. */
function documents(file: string): Json[] {
    const parsed = parseAllDocuments(fs.readFileSync(path.join(FOLDER, file), "utf8"));
    assert.ok(Array.isArray(parsed), `${file}: not a YAML stream`);
    return parsed.map((document, index) => {
        assert.deepEqual([...document.errors, ...document.warnings].map((problem) => problem.message), [], `${file}, document ${index + 1}`);
        const value = document.toJS() as unknown;
        assert.ok(value !== null && typeof value === "object" && !Array.isArray(value), `${file}, document ${index + 1}: not an object`);
        return value as Json;
    });
}

const deploymentFile = documents("deployment.yaml");
const cronJobFile = documents("cronjob.yaml");
const operatorFile = documents("pulumi-operator-stack.yaml");
const all: Array<[string, Json]> = [
    ...deploymentFile.map((object): [string, Json] => ["deployment.yaml", object]),
    ...cronJobFile.map((object): [string, Json] => ["cronjob.yaml", object]),
    ...operatorFile.map((object): [string, Json] => ["pulumi-operator-stack.yaml", object]),
];

function only(objects: Json[], kind: string): Json {
    const found = objects.filter((object) => object.kind === kind);
    assert.equal(found.length, 1, `one ${kind}, found ${found.length}`);
    return found[0];
}

// ---------------------------------------------------------------------------------------------
// Kubernetes objects: kubernetes-models schemas and the field table.

type Model = new (data: any) => { validate(): void };
const MODELS: Record<string, Model> = {
    "v1 ServiceAccount": ServiceAccount,
    "v1 Service": Service,
    "apps/v1 Deployment": Deployment,
    "batch/v1 CronJob": CronJob,
};

/** What an API server would refuse in a built-in object: schema violations and unknown fields. */
function kubernetesProblems(object: Json): string[] {
    const key = `${object.apiVersion} ${object.kind}`;
    const model = MODELS[key];
    assert.ok(model, `no model for ${key}`);
    const problems: string[] = [];
    try {
        new model(object).validate();
    } catch (error) {
        const errors = (error as { errors?: ErrorObject[] }).errors;
        if (!Array.isArray(errors)) throw error;
        problems.push(...errors.map((found) => `${found.instancePath || "/"} ${found.message}`));
    }
    for (const unknown of unknownFields(object, object.apiVersion, object.kind, 100)) {
        problems.push(`/${unknown.tokens.join("/")}: ${unknown.typeName} has no such field${unknown.suggestion ? ` (${unknown.suggestion}?)` : ""}`);
    }
    return problems;
}

/** The value after `flag` in an argument list (`--flag value` or `--flag=value`). */
function flagValue(args: readonly string[], flag: string): string | undefined {
    const at = args.indexOf(flag);
    if (at >= 0) return args[at + 1];
    return args.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

function container(podSpec: Json, name: string): Json {
    const found = (podSpec.containers as Json[]).find((candidate) => candidate.name === name);
    assert.ok(found, `no container ${name}`);
    return found;
}

/** The port number a probe's `port` names in its container (a number or a port's name). */
function probePort(target: Json, port: number | string): number | undefined {
    if (typeof port === "number") return port;
    return (target.ports as Json[] | undefined)?.find((candidate) => candidate.name === port)?.containerPort;
}

/** The git URL and branch an init container clones, and the folder it clones into. */
function clone(podSpec: Json): { url: string; branch?: string; into: string } {
    const init = (podSpec.initContainers as Json[]).find((candidate) => [...(candidate.command ?? []), ...(candidate.args ?? [])].includes("clone"));
    assert.ok(init, "an init container clones the program");
    const words: string[] = [...(init.command ?? []), ...(init.args ?? [])];
    const positional = words.slice(words.indexOf("clone") + 1).filter((word) => !word.startsWith("-"));
    return { url: positional[0], branch: flagValue(words, "--branch"), into: positional[1] };
}

/** Each `env` entry of every container and init container of a pod spec. */
function environment(podSpec: Json): Json[] {
    return [...(podSpec.initContainers ?? []), ...podSpec.containers].flatMap((each: Json) => each.env ?? []);
}

/** Every (path, entry) under `value` whose key is `key`. */
function entriesNamed(value: unknown, key: string, at = ""): Array<[string, unknown]> {
    if (Array.isArray(value)) return value.flatMap((item, index) => entriesNamed(item, key, `${at}/${index}`));
    if (value === null || typeof value !== "object") return [];
    return Object.entries(value).flatMap(([name, item]) => [
        ...(name === key ? ([[`${at}/${name}`, item]] as Array<[string, unknown]>) : []),
        ...entriesNamed(item, key, `${at}/${name}`),
    ]);
}

describe("examples/reconcile-loop: the Kubernetes manifests", () => {
    const deployment = only(deploymentFile, "Deployment");
    const cronJob = only(cronJobFile, "CronJob");
    const service = only(deploymentFile, "Service");
    const podSpec = deployment.spec.template.spec;
    const cronPodSpec = cronJob.spec.jobTemplate.spec.template.spec;

    it("each file holds the kinds the README lists, all in the namespace pulumi-federation", () => {
        assert.deepEqual(deploymentFile.map((object) => object.kind), ["ServiceAccount", "Deployment", "Service"]);
        assert.deepEqual(cronJobFile.map((object) => object.kind), ["ServiceAccount", "CronJob"]);
        assert.deepEqual(operatorFile.map((object) => `${object.apiVersion} ${object.kind}`), ["pulumi.com/v1 Stack"]);
        for (const [file, object] of all) assert.equal(object.metadata?.namespace, NAMESPACE, `${file}: ${object.kind} ${object.metadata?.name}`);
    });

    for (const [file, object] of all.filter(([, candidate]) => candidate.apiVersion !== "pulumi.com/v1")) {
        it(`${file}: ${object.kind} ${object.metadata.name} is valid for its Kubernetes schema, with no unknown field`, () => {
            assert.deepEqual(kubernetesProblems(object), []);
        });
    }

    it("the check refuses what an API server would: a wrong type, a missing field, a misspelled field", () => {
        const broken = structuredClone(deployment);
        broken.spec.replica = 2;
        broken.spec.template.spec.containers[0].ports[0].containerPort = "9090";
        broken.spec.template.spec.containers[0].imag = "typo";
        delete broken.spec.selector;
        const problems = kubernetesProblems(broken);
        assert.ok(problems.some((problem) => /containerPort must be integer/.test(problem)), problems.join("\n"));
        assert.ok(problems.some((problem) => /^\/spec must have required property '?selector'?$/.test(problem)), problems.join("\n"));
        assert.ok(problems.some((problem) => problem.startsWith("/spec/replica: DeploymentSpec has no such field (replicas?)")), problems.join("\n"));
        assert.ok(problems.some((problem) => problem.startsWith("/spec/template/spec/containers/0/imag: Container has no such field (image?)")), problems.join("\n"));
    });

    it("the Deployment runs one loop, recreated rather than rolled, and gives an update time to stop cleanly", () => {
        assert.equal(deployment.spec.replicas, 1);
        assert.equal(deployment.spec.strategy?.type, "Recreate");
        assert.equal(podSpec.terminationGracePeriodSeconds, 600);
        assert.equal(podSpec.securityContext?.runAsNonRoot, true);
        assert.equal(deployment.spec.template.metadata.labels["app.kubernetes.io/name"], deployment.spec.selector.matchLabels["app.kubernetes.io/name"]);
    });

    it("the Deployment's container runs reconcile on the cloned project, with its metrics port probed at /healthz", () => {
        const loop = container(podSpec, "reconcile");
        const words: string[] = [...loop.command, ...loop.args];
        assert.equal(loop.args[0], "reconcile");
        assert.equal(flagValue(loop.args, "--stack"), "prod");
        assert.equal(flagValue(loop.args, "--interval"), "60s");
        assert.ok(!words.includes("--once"), "the long-running form");
        assert.ok(!words.includes("--dry-run"), "the Deployment changes what drifted");
        const source = clone(podSpec);
        assert.equal(source.url, "https://github.com/example-org/fleet-infra.git");
        assert.equal(flagValue(loop.args, "--dir"), source.into);
        assert.equal(loop.workingDir, source.into);
        // The project's own command, run directly: no npm nor shell between the kubelet's SIGTERM and the loop.
        assert.deepEqual(loop.command, [`${source.into}/node_modules/.bin/pulumi-federation`]);
        const metricsPort = Number(/^:(\d+)$/.exec(flagValue(loop.args, "--metrics-addr") ?? "")?.[1]);
        assert.equal(metricsPort, 9090);
        assert.ok((loop.ports as Json[]).some((port) => port.containerPort === metricsPort), "the metrics port is declared");
        for (const probe of [loop.livenessProbe, loop.startupProbe]) {
            assert.equal(probe?.httpGet?.path, "/healthz");
            assert.equal(probePort(loop, probe.httpGet.port), metricsPort);
        }
        assert.ok(loop.resources?.requests?.cpu && loop.resources?.requests?.memory, "resource requests");
        assert.equal(loop.securityContext?.allowPrivilegeEscalation, false);
        // Every container mounts the folder the program is cloned into.
        const workspace = (podSpec.volumes as Json[]).find((volume) => volume.emptyDir && [...podSpec.initContainers, ...podSpec.containers].every((each: Json) => (each.volumeMounts as Json[]).some((mount) => mount.name === volume.name && source.into.startsWith(`${mount.mountPath}/`))));
        assert.ok(workspace, "an emptyDir shared by the clone, the install and the loop");
    });

    it("the Service exposes the metrics port for Prometheus", () => {
        const loop = container(podSpec, "reconcile");
        for (const [key, value] of Object.entries(service.spec.selector)) assert.equal(deployment.spec.template.metadata.labels[key], value, `selector ${key}`);
        assert.equal(service.spec.ports.length, 1);
        assert.equal(service.spec.ports[0].port, 9090);
        assert.equal(probePort(loop, service.spec.ports[0].targetPort), 9090);
        assert.deepEqual(service.metadata.annotations, { "prometheus.io/scrape": "true", "prometheus.io/port": "9090", "prometheus.io/path": "/metrics" });
    });

    it("the CronJob runs one pass at a time, every ten minutes", () => {
        assert.equal(cronJob.spec.concurrencyPolicy, "Forbid");
        assert.equal(cronJob.spec.schedule, "*/10 * * * *");
        assert.equal(cronPodSpec.restartPolicy, "Never");
        assert.equal(cronJob.spec.jobTemplate.spec.backoffLimit, 0);
        assert.equal(cronPodSpec.terminationGracePeriodSeconds, 600);
        const loop = container(cronPodSpec, "reconcile");
        assert.equal(loop.args[0], "reconcile");
        assert.ok(loop.args.includes("--once"), loop.args.join(" "));
        assert.equal(flagValue(loop.args, "--stack"), flagValue(container(podSpec, "reconcile").args, "--stack"));
        assert.equal(flagValue(loop.args, "--dir"), clone(cronPodSpec).into);
        assert.deepEqual(loop.command, container(podSpec, "reconcile").command);
    });

    it("no loop runs under npx, npm or a shell, which would not pass SIGTERM on to it", () => {
        for (const spec of [podSpec, cronPodSpec]) {
            const words: string[] = [...container(spec, "reconcile").command, ...container(spec, "reconcile").args];
            assert.ok(!/(^|\/)(npx|npm|sh|bash)$/.test(words[0]), words.join(" "));
            assert.ok(!words.includes("-c"), words.join(" "));
        }
    });

    it("the CronJob's pod is the Deployment's: same images, source, variables and volumes", () => {
        const images = (spec: Json) => [...spec.initContainers, ...spec.containers].map((each: Json) => `${each.name}=${each.image}`);
        assert.deepEqual(images(cronPodSpec), images(podSpec));
        assert.deepEqual(clone(cronPodSpec), clone(podSpec));
        assert.deepEqual(environment(cronPodSpec), environment(podSpec));
        assert.deepEqual(container(cronPodSpec, "reconcile").envFrom, container(podSpec, "reconcile").envFrom);
        assert.deepEqual(cronPodSpec.volumes, podSpec.volumes);
        assert.deepEqual(cronPodSpec.securityContext, podSpec.securityContext);
        assert.equal(cronPodSpec.serviceAccountName, podSpec.serviceAccountName);
    });

    it("holds no secret: the passphrase and the backend come from the Secret, by reference only", () => {
        for (const [file, object] of all) {
            assert.notEqual(object.kind, "Secret", `${file}: the README creates the Secret; no manifest holds one`);
            for (const [at, entries] of entriesNamed(object, "env")) {
                for (const entry of entries as Json[]) {
                    if (!SECRET_VARIABLES.includes(entry.name)) continue;
                    assert.equal(entry.value, undefined, `${file} ${object.kind}${at}: ${entry.name} has a literal value`);
                    assert.ok(entry.valueFrom?.secretKeyRef?.name, `${file} ${object.kind}${at}: ${entry.name} comes from a Secret`);
                }
            }
            for (const [at, refs] of entriesNamed(object, "envRefs")) {
                for (const [name, ref] of Object.entries(refs as Record<string, Json>)) {
                    if (SECRET_VARIABLES.includes(name)) assert.equal(ref.type, "Secret", `${file} ${object.kind}${at}/${name}: from a Secret, not ${ref.type}`);
                    assert.equal(ref.literal, undefined, `${file} ${object.kind}${at}/${name}: no literal values in envRefs`);
                }
            }
        }
        for (const spec of [podSpec, cronPodSpec]) {
            const fromSecret = Object.fromEntries(environment(spec).filter((entry) => entry.valueFrom?.secretKeyRef).map((entry) => [entry.name, entry.valueFrom.secretKeyRef]));
            assert.deepEqual(fromSecret, {
                PULUMI_BACKEND_URL: { name: SECRET, key: "PULUMI_BACKEND_URL" },
                PULUMI_CONFIG_PASSPHRASE: { name: SECRET, key: "PULUMI_CONFIG_PASSPHRASE" },
            });
            for (const each of spec.containers as Json[]) for (const source of each.envFrom ?? []) assert.ok(source.secretRef?.name, "envFrom only from Secrets");
        }
    });

    it("the check for literal secrets notices one", () => {
        const leaky = structuredClone(deployment);
        container(leaky.spec.template.spec, "reconcile").env.push({ name: "PULUMI_ACCESS_TOKEN", value: "pul-0000" });
        const literal = entriesNamed(leaky, "env").flatMap(([, entries]) => entries as Json[]).filter((entry) => SECRET_VARIABLES.includes(entry.name) && entry.value !== undefined);
        assert.deepEqual(literal.map((entry) => entry.name), ["PULUMI_ACCESS_TOKEN"]);
    });
});

// ---------------------------------------------------------------------------------------------
// The operator's Stack: the CRD's structural schema, as ajv checks it.

interface StructuralSchema {
    type?: string;
    format?: string;
    enum?: unknown[];
    required?: string[];
    properties?: Record<string, StructuralSchema>;
    items?: StructuralSchema;
    additionalProperties?: StructuralSchema | boolean;
    "x-kubernetes-preserve-unknown-fields"?: boolean;
    minimum?: number;
    maximum?: number;
    minLength?: number;
    maxLength?: number;
    minItems?: number;
    maxItems?: number;
    pattern?: string;
}

interface SchemaFile {
    generatedBy: string;
    module: string;
    moduleVersion: string;
    crd: string;
    group: string;
    kind: string;
    version: string;
    storage: boolean;
    schema: StructuralSchema;
}

const SCHEMA_FILE = path.join(__dirname, "pulumiOperatorStackSchema.json");
const schemaFile = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8")) as SchemaFile;

/** Copied as they are into the JSON Schema. */
const BOUNDS = ["enum", "required", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern"] as const;
/** OpenAPI formats that only size a number: the type says enough. */
const NUMBER_FORMATS = new Set(["int32", "int64", "float", "double"]);
const KNOWN = new Set<string>([...BOUNDS, "type", "format", "properties", "items", "additionalProperties", "x-kubernetes-preserve-unknown-fields"]);

/**
 * A structural schema node as a JSON Schema for ajv. x-kubernetes-preserve-unknown-fields lets any
 * field through (the listed ones are still checked); an object that lists properties and says
 * nothing of others is closed. A key the translation does not know fails, rather than being
 * ignored.
 */
export function jsonSchemaOf(node: StructuralSchema, at = "#"): Record<string, unknown> {
    for (const key of Object.keys(node)) if (!KNOWN.has(key)) throw new Error(`${at}: ${key} is not translated`);
    const out: Record<string, unknown> = {};
    if (node.type !== undefined) out.type = node.type;
    if (node.format !== undefined && !NUMBER_FORMATS.has(node.format)) out.format = node.format;
    for (const key of BOUNDS) if (node[key] !== undefined) out[key] = node[key];
    const preserve = node["x-kubernetes-preserve-unknown-fields"] === true;
    if (node.properties !== undefined) {
        out.properties = Object.fromEntries(Object.entries(node.properties).map(([name, child]) => [name, jsonSchemaOf(child, `${at}/properties/${name}`)]));
    }
    if (node.items !== undefined) out.items = jsonSchemaOf(node.items, `${at}/items`);
    if (typeof node.additionalProperties === "object") out.additionalProperties = jsonSchemaOf(node.additionalProperties, `${at}/additionalProperties`);
    else if (node.additionalProperties !== undefined) out.additionalProperties = node.additionalProperties;
    else if (node.properties !== undefined && !preserve) out.additionalProperties = false;
    return out;
}

function stackValidator(): (object: unknown) => ErrorObject[] {
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(jsonSchemaOf(schemaFile.schema));
    return (object) => (validate(object) ? [] : [...(validate.errors ?? [])]);
}

const describeErrors = (errors: ErrorObject[]) => errors.map((error) => `${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`).join("\n");

describe("examples/reconcile-loop: the Pulumi Kubernetes Operator Stack", () => {
    const stack = only(operatorFile, "Stack");
    const validate = stackValidator();

    it("the schema is the v1.16.0 operator's pulumi.com/v1 Stack, structure only", () => {
        assert.equal(schemaFile.module, "github.com/pulumi/pulumi-kubernetes-operator");
        assert.equal(schemaFile.moduleVersion, "v1.16.0");
        assert.equal(`${schemaFile.group}/${schemaFile.version} ${schemaFile.kind}`, "pulumi.com/v1 Stack");
        assert.equal(schemaFile.generatedBy, "scripts/pulumi-operator-schema.js");
        assert.doesNotMatch(fs.readFileSync(SCHEMA_FILE, "utf8"), /"description"/);
        assert.deepEqual(schemaFile.schema.properties?.spec?.required, ["stack"]);
    });

    it("is a pulumi.com/v1 Stack that the CRD's schema accepts", () => {
        assert.equal(stack.apiVersion, "pulumi.com/v1");
        assert.equal(stack.kind, "Stack");
        assert.deepEqual(validate(stack), [], describeErrors(validate(stack)));
    });

    it("runs the Deployment's stack from the same repository, refreshed and resynced every minute even without a new commit", () => {
        const deployment = only(deploymentFile, "Deployment");
        const podSpec = deployment.spec.template.spec;
        const source = clone(podSpec);
        const spec = stack.spec;
        assert.equal(spec.stack, flagValue(container(podSpec, "reconcile").args, "--stack"));
        assert.equal(spec.projectRepo, source.url);
        assert.equal(spec.branch, source.branch);
        assert.equal(path.posix.join(source.into, spec.repoDir), flagValue(container(podSpec, "reconcile").args, "--dir"));
        assert.equal(spec.refresh, true);
        assert.equal(spec.resyncFrequencySeconds, 60);
        assert.equal(spec.continueResyncOnCommitMatch, true);
        assert.equal(spec.destroyOnFinalize, false);
        assert.deepEqual(spec.envRefs, {
            PULUMI_BACKEND_URL: { type: "Secret", secret: { name: SECRET, key: "PULUMI_BACKEND_URL" } },
            PULUMI_CONFIG_PASSPHRASE: { type: "Secret", secret: { name: SECRET, key: "PULUMI_CONFIG_PASSPHRASE" } },
        });
    });

    it("fails a misspelled field, a string for a number, and a Kubernetes-style reference in envRefs", () => {
        const misspelled = structuredClone(stack);
        misspelled.spec.resyncFrequencySecond = misspelled.spec.resyncFrequencySeconds;
        delete misspelled.spec.resyncFrequencySeconds;
        const typo = validate(misspelled);
        assert.ok(typo.some((error) => error.instancePath === "/spec" && error.keyword === "additionalProperties" && error.params.additionalProperty === "resyncFrequencySecond"), describeErrors(typo));

        const quoted = structuredClone(stack);
        quoted.spec.resyncFrequencySeconds = "60";
        const string = validate(quoted);
        assert.ok(string.some((error) => error.instancePath === "/spec/resyncFrequencySeconds" && error.keyword === "type" && error.params.type === "integer"), describeErrors(string));

        const kubernetesStyle = structuredClone(stack);
        kubernetesStyle.spec.envRefs.PULUMI_CONFIG_PASSPHRASE = { secretKeyRef: { name: SECRET, key: "PULUMI_CONFIG_PASSPHRASE" } };
        const reference = validate(kubernetesStyle);
        assert.ok(reference.some((error) => error.instancePath === "/spec/envRefs/PULUMI_CONFIG_PASSPHRASE" && error.keyword === "required" && error.params.missingProperty === "type"), describeErrors(reference));
        assert.ok(reference.some((error) => error.keyword === "additionalProperties" && error.params.additionalProperty === "secretKeyRef"), describeErrors(reference));

        const noStack = structuredClone(stack);
        delete noStack.spec.stack;
        assert.ok(validate(noStack).some((error) => error.keyword === "required" && error.params.missingProperty === "stack"));
    });

    it("translates preserve-unknown-fields as open and an object without listed properties as open", () => {
        const withStatus = structuredClone(stack);
        withStatus.metadata.labels = { anything: "goes" };
        withStatus.status = { outputs: { endpoint: { nested: ["any", 1, true] } }, observedGeneration: 2 };
        assert.deepEqual(validate(withStatus), [], describeErrors(validate(withStatus)));
        assert.throws(() => jsonSchemaOf({ type: "object", anyOf: [] } as StructuralSchema), /anyOf is not translated/);
    });

    it("pulumiOperatorStackSchema.json is what scripts/pulumi-operator-schema.js makes of the CRD in the Go module cache", function () {
        // Offline: only when the module is already in the cache (`go mod download` fills it).
        let cache: string;
        try {
            cache = process.env.GOMODCACHE || execFileSync(fs.existsSync("/usr/local/go/bin/go") ? "/usr/local/go/bin/go" : "go", ["env", "GOMODCACHE"], { encoding: "utf8" }).trim();
        } catch {
            this.skip();
        }
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const generator = require(path.join(ROOT, "scripts", "pulumi-operator-schema.js")) as { MODULE: string; CRD_FILE: string; stackSchemaFile(crd: unknown, version: string): unknown };
        const crd = path.join(cache, `${generator.MODULE}@${schemaFile.moduleVersion}`, generator.CRD_FILE);
        if (!fs.existsSync(crd)) this.skip();
        assert.deepEqual(generator.stackSchemaFile(parse(fs.readFileSync(crd, "utf8")), schemaFile.moduleVersion), schemaFile, "run node scripts/pulumi-operator-schema.js");
    });
});

/**
 * `convert --to karmada` as a new user met it: an object the mapping refuses must fail the command
 * and be named in a closing summary (not one note among many), its errors must offer only options
 * it has, its YAML is for kubectl (nothing of Pulumi's), and its messages point at the command or
 * option that fixes the problem.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { main } from "../../components/cli";
import { convertToKarmada } from "../../components/karmada/convert";
import { manifestObjectInput, planKarmadaObject } from "../../components/karmada/objectPlan";
import { parseManifestText } from "../../components/manifests/load";
import { planFederation } from "../../components/manifests/plan";
import { docs, federated, federatedNamespace, kubeFedCluster, tempFolder, typeConfig, yamlText } from "../manifests/helpers";

const example = path.join(__dirname, "..", "..", "examples", "kubefed-migration");

/** Runs the command in-process: exit code, stdout, stderr lines. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string[] }> {
    const [out, err] = [[] as string[], [] as string[]];
    const [write, error] = [process.stdout.write.bind(process.stdout), console.error];
    process.stdout.write = ((chunk: string) => { out.push(String(chunk)); return true; }) as typeof process.stdout.write;
    console.error = (...items: unknown[]) => { err.push(...items.join(" ").split("\n")); };
    try {
        const code = await main(args);
        return { code, stdout: out.join(""), stderr: err };
    } finally {
        process.stdout.write = write;
        console.error = error;
    }
}

const kinds = (yaml: string) => parseAllDocuments(yaml).map((document) => document.toJS()).map((object) => `${object.kind} ${object.metadata.name}`);

/** A Secret whose data differs in eu-1 (Karmada mode refuses it), beside a ConfigMap that converts. */
const shop = yamlText(
    kubeFedCluster("eu-1", { region: "eu" }),
    kubeFedCluster("us-1", { region: "us" }),
    federatedNamespace("shop", { clusterSelector: {} }),
    federated("FederatedSecret", "db-password", "shop", {
        template: { type: "Opaque", stringData: { password: "one" } },
        placement: { clusterSelector: {} },
        overrides: [{ clusterName: "eu-1", clusterOverrides: [{ path: "/stringData/password", value: "two" }] }],
    }),
    federated("FederatedConfigMap", "settings", "shop", { template: { data: { color: "blue" } }, placement: { clusterSelector: {} } }),
);

describe("convert --to karmada: a dropped object fails the command, named in a closing summary", () => {
    let folder: ReturnType<typeof tempFolder>;
    let file: string;
    before(() => {
        folder = tempFolder("convert-losses-");
        file = path.join(folder.dir, "shop.yaml");
        fs.writeFileSync(file, shop);
    });
    after(() => folder.cleanup());

    it("exits 1, still writes what did convert, and ends with the loss apart from the notes", async () => {
        const result = await run(["convert", "--to", "karmada", file]);
        assert.equal(result.code, 1, result.stderr.join("\n"));
        // What did convert is there to inspect; the Secret is not.
        assert.deepEqual(kinds(result.stdout), ["Namespace shop", "ClusterPropagationPolicy namespace-shop", "ClusterOverridePolicy namespace-shop", "ConfigMap settings", "PropagationPolicy configmap-settings"]);
        const summary = result.stderr.slice(result.stderr.findIndex((line) => line.startsWith("convert: summary:")));
        assert.ok(summary.length > 0 && summary.length < result.stderr.length, "the summary comes last, after the notes");
        assert.match(summary[0], /^convert: summary: converted 2 of 3 federated object\(s\) into 5 document\(s\), written to stdout$/);
        assert.match(summary[1], /^convert: not carried over: 1 object left out of the YAML, a loss \(nothing of it reaches Karmada\): Secret shop\/db-password$/);
        assert.match(summary[2], /^convert: {3}.*shop\.yaml document 3 \(FederatedSecret shop\/db-password\): cluster "eu-1", field spec\.overrides: changes the Secret's data for this cluster/);
        // The member step and the documents with nothing to carry over are told apart from the loss.
        assert.match(summary.join("\n"), /^convert: another step needed: 2 KubeFedCluster documents: join each member to Karmada \(karmadactl join <name>\)/m);
        assert.match(summary[summary.length - 1], /^convert: exit status 1: 1 object\(s\) left out\. The YAML of what did convert is written to stdout all the same, to inspect; fix it in the manifests and convert again, or pass --allow-drops/);
    });

    it("--allow-drops: exits 0 with the same summary, the YAML in --out", async () => {
        const out = path.join(folder.dir, "karmada.yaml");
        const result = await run(["convert", "--to", "karmada", "--allow-drops", "--out", out, file]);
        assert.equal(result.code, 0, result.stderr.join("\n"));
        assert.deepEqual(kinds(fs.readFileSync(out, "utf8")), ["Namespace shop", "ClusterPropagationPolicy namespace-shop", "ClusterOverridePolicy namespace-shop", "ConfigMap settings", "PropagationPolicy configmap-settings"]);
        const stderr = result.stderr.join("\n");
        assert.match(stderr, new RegExp(`^convert: summary: converted 2 of 3 federated object\\(s\\) into 5 document\\(s\\), written to ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
        assert.match(stderr, /^convert: not carried over: 1 object left out of the YAML, a loss \(nothing of it reaches Karmada\): Secret shop\/db-password$/m);
        assert.match(result.stderr[result.stderr.length - 1], /^convert: --allow-drops: exit status 0 with 1 object\(s\) left out; the YAML written to .*karmada\.yaml holds everything else$/);
        const again = await run(["convert", "--to", "karmada", "--allow-drops=yes", file]);
        assert.equal(again.code, 1);
        assert.match(again.stderr[0], /--allow-drops takes no value/);
    });

    it("the pure conversion lists the loss, the setting without an equivalent, the step and the rest apart", () => {
        const documents = parseManifestText(
            shop + "---\n" + yamlText(federated("FederatedDeployment", "web", "shop", {
                template: { spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } } } },
                placement: { clusterSelector: {} },
                retainReplicas: true,
            })),
            "shop.yaml",
        );
        const conversion = convertToKarmada(planFederation(documents, undefined, { validateSchema: true }), documents);
        assert.deepEqual(conversion.objects, { planned: 4, converted: 3, placedNowhere: 0 });
        assert.deepEqual(conversion.dropped.map(({ object, document }) => [object, document]), [["Secret shop/db-password", "shop.yaml document 3 (FederatedSecret shop/db-password)"]]);
        assert.deepEqual(conversion.unmapped.map(({ object, reason }) => [object, reason.split(";")[0]]), [["Deployment shop/web", "retainReplicas: not mapped"]]);
        assert.deepEqual(conversion.steps.map(({ kind, count }) => [kind, count]), [["KubeFedCluster", 2]]);
        assert.deepEqual(conversion.informational, []);
    });

    it("nothing dropped: exit 0, and the summary says so, the member step apart from what needs nothing", async () => {
        const result = await run(["convert", "--to", "karmada", example]);
        assert.equal(result.code, 0, result.stderr.join("\n"));
        const summary = result.stderr.slice(result.stderr.findIndex((line) => line.startsWith("convert: summary:")));
        assert.deepEqual(summary.map((line) => line.replace(/ \(.*$/, "")), [
            "convert: summary: converted 5 of 5 federated object(s) into 13 document(s), written to stdout",
            "convert: another step needed: 3 KubeFedCluster documents: join each member to Karmada",
            "convert: nothing to carry over: 2 FederatedTypeConfigs",
            "convert: nothing was left out",
        ]);
        assert.match(summary[2], /2 FederatedTypeConfigs \(not needed: Karmada propagates any kind\); 1 ReplicaSchedulingPreference \(folded into its workload's PropagationPolicy\); 1 KubeFedConfig \(controller settings: there is no controller here\)$/);
    });
});

describe("convert --to karmada: messages name only what the command has", () => {
    let folder: ReturnType<typeof tempFolder>;
    before(() => { folder = tempFolder("convert-messages-"); });
    after(() => folder.cleanup());
    const write = (name: string, ...objects: unknown[]) => {
        const file = path.join(folder.dir, name);
        fs.writeFileSync(file, yamlText(...objects));
        return file;
    };
    const deployment = (container: Record<string, unknown>) => ({
        replicas: 1, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", ...container }] } },
    });

    it("an unknown template field: convert offers no fieldValidation (it has none); planFederation still does", async () => {
        const typo = [kubeFedCluster("eu-1"), federated("FederatedDeployment", "web", "shop", { template: { spec: deployment({ imag: "nginx" }) }, placement: { clusterSelector: {} } })];
        const result = await run(["convert", "--to", "karmada", write("typo.yaml", ...typo)]);
        assert.equal(result.code, 1);
        const stderr = result.stderr.join("\n");
        assert.match(stderr, /field spec\.template\.spec\.template\.spec\.containers\[0\]\.imag: unknown field "imag" in template: Container \(in the apps\/v1 Deployment schema\) has no such field; did you mean image\?$/);
        assert.doesNotMatch(stderr, /fieldValidation/);
        // The library paths that have the switch keep the hint.
        assert.throws(() => planFederation(parseManifestText(yamlText(...typo), "typo.yaml"), undefined, { validateSchema: true }), /did you mean image\? \(fieldValidation: "Ignore" lets unknown fields through\)$/);
    });

    it("a plain Deployment points at pulumi-federation federate", async () => {
        const file = write("web.yaml", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop" }, spec: deployment({ image: "nginx" }) });
        const result = await run(["convert", "--to", "karmada", "--cluster", "eu-1", file]);
        assert.equal(result.code, 1);
        assert.match(result.stderr.join("\n"), new RegExp(`field kind: apps/v1 Deployment is a plain Kubernetes object, not a KubeFed federated one; federate it first: pulumi-federation federate -f ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} writes the FederatedDeployment to use in its place`));
    });

    it("no member (no KubeFedCluster, no --cluster): says to give --cluster NAME[:key=value,...]", async () => {
        const file = write("ns.yaml", federatedNamespace("shop", { clusters: [{ name: "eu-1" }] }));
        const result = await run(["convert", "--to", "karmada", file]);
        assert.equal(result.code, 1);
        const stderr = result.stderr.join("\n");
        assert.match(stderr, /^pulumi-federation convert: the manifests declare no member \(no KubeFedCluster document\) and no --cluster is given: name each member with --cluster NAME\[:key=value,\.\.\.\] \(repeatable\)/);
        assert.doesNotMatch(stderr, /members: none/);
        assert.equal((await run(["convert", "--to", "karmada", "--cluster", "eu-1:region=eu", file])).code, 0);
    });
});

describe("convert --to karmada: YAML for kubectl, nothing of Pulumi's", () => {
    const redis = path.join(__dirname, "..", "..", "examples", "kubefed-redis");

    it("no pulumi.com/waitFor on any template, and no rule removing it; the Namespace keeps Karmada's skip-auto-propagation and its rule", async () => {
        const result = await run(["convert", "--to", "karmada", "--cluster", "cluster1:region=eu-west", "--cluster", "cluster2:region=us-east", redis]);
        assert.equal(result.code, 0, result.stderr.join("\n"));
        assert.doesNotMatch(result.stdout, /pulumi\.com|waitFor/);
        assert.doesNotMatch(result.stderr.join("\n"), /waitFor|pulumi up/);
        const objects = parseAllDocuments(result.stdout).map((document) => document.toJS());
        const namespace = objects.find((object) => object.kind === "Namespace");
        assert.deepEqual(namespace.metadata.labels, { "namespace.karmada.io/skip-auto-propagation": "true" });
        const namespaceRules = objects.find((object) => object.kind === "ClusterOverridePolicy").spec.overrideRules;
        assert.deepEqual(namespaceRules, [{ overriders: { plaintext: [{ operator: "remove", path: "/metadata/labels/namespace.karmada.io~1skip-auto-propagation" }] } }]);
        // Only cluster2's own rule: no first rule for every cluster.
        const rules = objects.find((object) => object.kind === "OverridePolicy").spec.overrideRules;
        assert.deepEqual(rules.map((rule: any) => rule.targetCluster), [{ clusterNames: ["cluster2"] }]);
    });

    it("Karmada mode's pulumi up path (the default target) keeps the annotation and its rule", () => {
        const documents = parseManifestText(yamlText(kubeFedCluster("eu-1"), federated("FederatedConfigMap", "c", "shop", { template: { data: { a: "1" } }, placement: { clusterSelector: {} } })), "c.yaml");
        const plan = planFederation(documents, undefined, { validateSchema: true });
        const input = manifestObjectInput(plan.planned[0], plan.members);
        const forPulumi = planKarmadaObject(input).plan!;
        assert.equal((forPulumi.template.metadata as any).annotations["pulumi.com/waitFor"], "jsonpath={.metadata.labels['propagationpolicy.karmada.io/permanent-id']}");
        assert.deepEqual(forPulumi.overridePolicy!.spec.overrideRules, [{ overriders: { plaintext: [{ operator: "remove", path: "/metadata/annotations/pulumi.com~1waitFor" }] } }]);
        const forKubectl = planKarmadaObject({ ...input, target: "kubectl" }).plan!;
        assert.equal((forKubectl.template.metadata as any).annotations, undefined);
        assert.equal(forKubectl.overridePolicy, undefined);
    });
});

describe("convert --to karmada: what a member may refuse is said, not only in pulumi up", () => {
    it("an Ingress under extensions/v1beta1 (removed in Kubernetes 1.22) converts with the planner's warning in the report", () => {
        const documents = docs(
            "fleet.yaml",
            kubeFedCluster("c1", {}),
            typeConfig("FederatedIngress", { group: "extensions", version: "v1beta1", kind: "Ingress", pluralName: "ingresses", scope: "Namespaced" }),
            federated("FederatedIngress", "web", "shop", { template: { spec: { backend: { serviceName: "web", servicePort: 80 } } }, placement: { clusters: [{ name: "c1" }] } }),
        );
        const conversion = convertToKarmada(planFederation(documents), documents);
        assert.ok(
            conversion.report.includes("warning: fleet.yaml document 2 (FederatedIngress shop/web): Ingress extensions/v1beta1 was removed in Kubernetes 1.22; use networking.k8s.io/v1 (a member running 1.22 or later refuses it)"),
            conversion.report.join("\n"),
        );
        assert.equal(conversion.dropped.length, 0);
    });
});

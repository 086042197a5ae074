import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { parseAllDocuments } from "yaml";
import { Federation, FederatedManifests } from "../../components";
import { federate, federateCommand } from "../../components/cli/federate";
import { FederationError } from "../../components/errors";
import { federateDocuments } from "../../components/manifests/federate";
import { parseManifestText } from "../../components/manifests/load";
import { clusterObjects } from "../../components/synth/objects";
import { Run, runProgram, runProgramFile } from "../harness";

const federated = (yaml: string, options = {}) => federateDocuments(parseManifestText(yaml, "in.yaml"), options).federated.map((document) => document.federated);

describe("pulumi-federation federate (kubefedctl federate -f, offline)", () => {
    it("keeps the name and namespace, and takes the object without what the server set as the template", () => {
        const [deployment] = federated(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: { app: web }
  annotations: { kubectl.kubernetes.io/last-applied-configuration: "{}" }
  uid: 0f0c
  resourceVersion: "41"
  generation: 3
  creationTimestamp: "2026-11-30T10:00:00Z"
  managedFields: [{ manager: kubectl }]
  ownerReferences: [{ apiVersion: v1, kind: X, name: y, uid: z }]
  finalizers: [example.com/keep]
spec: { replicas: 2, selector: { matchLabels: { app: web } } }
status: { replicas: 2 }
`);
        assert.deepEqual(deployment, {
            apiVersion: "types.kubefed.io/v1beta1",
            kind: "FederatedDeployment",
            metadata: { name: "web", namespace: "shop" },
            spec: { template: { metadata: { labels: { app: "web" } }, spec: { replicas: 2, selector: { matchLabels: { app: "web" } } } }, placement: { clusterSelector: { matchLabels: {} } } },
        });
    });

    it("strips per kind what one cluster set and another must not get", () => {
        const table: Array<[string, unknown]> = [
            ["apiVersion: v1\nkind: Service\nmetadata: { name: s, namespace: ns }\nspec: { type: NodePort, clusterIP: 10.0.0.1, clusterIPs: [10.0.0.1], healthCheckNodePort: 31000, ports: [{ port: 80, nodePort: 30080 }] }",
                { spec: { type: "NodePort", healthCheckNodePort: 31000, ports: [{ port: 80 }] } }],
            ["apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: sa, namespace: ns }\nsecrets: [{ name: sa-token }]\nimagePullSecrets: [{ name: reg }]",
                { imagePullSecrets: [{ name: "reg" }] }],
            ["apiVersion: v1\nkind: Namespace\nmetadata: { name: shop, labels: { team: a } }\nspec: { finalizers: [kubernetes] }",
                { metadata: { labels: { team: "a" } }, spec: {} }],
            ["apiVersion: batch/v1\nkind: Job\nmetadata: { name: j, namespace: ns, labels: {} }\nspec: { selector: { matchLabels: { controller-uid: x } } }",
                { spec: { selector: { matchLabels: { "controller-uid": "x" } } } }],
        ];
        for (const [yaml, template] of table) assert.deepEqual(federated(yaml)[0].spec.template, template, yaml.split("\n")[1]);
        // A Namespace is a FederatedNamespace in the namespace of its own name.
        assert.deepEqual(federated(table[2][0])[0].metadata, { name: "shop", namespace: "shop" });
    });

    it("places on every member by default, or on the clusters or labels asked for", () => {
        const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata: { a: b }";
        assert.deepEqual(federated(yaml)[0].spec.placement, { clusterSelector: { matchLabels: {} } });
        assert.deepEqual(federated(yaml, { clusters: ["eu", "us"] })[0].spec.placement, { clusters: [{ name: "eu" }, { name: "us" }] });
        assert.deepEqual(federated(yaml, { clusterSelector: { matchLabels: { tier: "prod" } } })[0].spec.placement, { clusterSelector: { matchLabels: { tier: "prod" } } });
        assert.deepEqual(federated(yaml)[0].metadata, { name: "c" }, "no namespace given, none taken (as kubefedctl)");
    });

    it("refuses what cannot be federated, naming the file, document, line and field", () => {
        const table: Array<[string, RegExp]> = [
            ["apiVersion: v1\nmetadata: { name: c }", /in\.yaml document 0 .*field kind: is missing/],
            ["apiVersion: v1\nkind: ConfigMap\nmetadata: { namespace: ns }", /field metadata\.name: is missing/],
            ["apiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: { name: c }", /in\.yaml document 0 \(FederatedConfigMap c\) at line 1, column 1: the only document is already federated or KubeFed's own configuration: there is nothing to federate/],
            ["apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ok }\n---\napiVersion: v1\nkind: Service\nmetadata: { name: s }\nspec:\n  ports: 80", /document 1 .* at line 9, column 3, field spec\.ports: must be a list of ports/],
        ];
        for (const [yaml, message] of table) assert.throws(() => federated(yaml), message, yaml);
    });

    it("skips, with a note each, what a folder holds already federated or as KubeFed's own configuration, and federates the rest", () => {
        // As KubeFed's sample folders are: plain objects beside their Federated<Kind> forms and KubeFed's configuration.
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), "federate-mixed-"));
        try {
            const write = (name: string, text: string) => fs.writeFileSync(path.join(folder, name), text);
            write("a-namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: { name: storefront }\n");
            write("b-federatednamespace.yaml", "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedNamespace\nmetadata: { name: storefront, namespace: storefront }\nspec:\n  placement: { clusters: [{ name: west }] }\n");
            write("c-federatedconfigmap.yaml", "apiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: { name: prices, namespace: storefront }\nspec:\n  template: { data: { currency: EUR } }\n  placement: { clusters: [{ name: west }, { name: east }] }\n  overrides:\n  - clusterName: east\n    clusterOverrides: [{ path: /data, value: { currency: USD } }]\n");
            write("d-configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: banner, namespace: storefront }\ndata: { text: welcome }\n");
            write("e-kubefed.yaml", [
                "apiVersion: core.kubefed.io/v1beta1\nkind: FederatedTypeConfig\nmetadata: { name: configmaps, namespace: kube-federation-system }\nspec: { propagation: Enabled }",
                "apiVersion: core.kubefed.io/v1beta1\nkind: KubeFedCluster\nmetadata: { name: west, namespace: kube-federation-system }\nspec: { apiEndpoint: https://west.example.com }",
                "apiVersion: scheduling.kubefed.io/v1alpha1\nkind: ReplicaSchedulingPreference\nmetadata: { name: shop, namespace: storefront }\nspec: { targetKind: FederatedDeployment, totalReplicas: 4 }",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: shop, namespace: storefront }\nspec: { selector: { matchLabels: { app: shop } }, template: { metadata: { labels: { app: shop } }, spec: { containers: [{ name: shop, image: shop:2 }] } } }",
            ].join("\n---\n"));
            const { text, notes } = federate(["-f", folder]);
            const at = (file: string) => path.join(folder, file);
            assert.deepEqual(notes, [
                `skipped ${at("b-federatednamespace.yaml")} document 0 (FederatedNamespace storefront/storefront): already federated; ${at("a-namespace.yaml")} document 0 (Namespace storefront) is federated under the same kind and name here, and applying both, one replaces the other`,
                `skipped ${at("c-federatedconfigmap.yaml")} document 0 (FederatedConfigMap storefront/prices): already federated`,
                `skipped ${at("e-kubefed.yaml")} document 0 (FederatedTypeConfig kube-federation-system/configmaps): KubeFed's own configuration, not an object to federate`,
                `skipped ${at("e-kubefed.yaml")} document 1 (KubeFedCluster kube-federation-system/west): KubeFed's own configuration, not an object to federate`,
                `skipped ${at("e-kubefed.yaml")} document 2 (ReplicaSchedulingPreference storefront/shop): KubeFed's own configuration, not an object to federate`,
            ]);
            const written = parseAllDocuments(text).map((document) => document.toJS());
            assert.deepEqual(written.map((object) => `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`), [
                "FederatedNamespace storefront/storefront",
                "FederatedConfigMap storefront/banner",
                "FederatedDeployment storefront/shop",
            ]);
            // The command prints each note on stderr, prefixed with its name, and the documents on stdout.
            const errors: string[] = [];
            const [error, write_] = [console.error, process.stdout.write];
            console.error = (line: string) => errors.push(line);
            process.stdout.write = (() => true) as typeof process.stdout.write;
            try {
                assert.equal(federateCommand(["-f", folder]), 0);
            } finally {
                [console.error, process.stdout.write] = [error, write_];
            }
            assert.equal(errors[1], `federate: skipped ${at("c-federatedconfigmap.yaml")} document 0 (FederatedConfigMap storefront/prices): already federated`);

            // Nothing left to federate is an error, saying so.
            for (const file of ["a-namespace.yaml", "d-configmap.yaml", "e-kubefed.yaml"]) fs.rmSync(at(file));
            assert.throws(
                () => federate(["-f", folder]),
                (thrown: FederationError) =>
                    thrown instanceof FederationError &&
                    thrown.message.startsWith(`${at("b-federatednamespace.yaml")} document 0 (FederatedNamespace storefront/storefront)`) &&
                    thrown.message.includes("all 2 documents are already federated or KubeFed's own configuration: there is nothing to federate (FederatedManifests reads KubeFed YAML as it is)"),
            );
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });

    it("federates a List item by item, and reports dropped annotations by key only", () => {
        const { federated: documents } = federateDocuments(parseManifestText("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: { name: a, annotations: { token: s3cret } }\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: { name: b }", "list.yaml"));
        assert.deepEqual(documents.map((document) => document.federated.metadata.name), ["a", "b"]);
        assert.match(documents[0].notes[0], /its annotations are not in the template, as with kubefedctl \(token\)/);
        assert.ok(!documents[0].notes[0].includes("s3cret"), "an annotation's value is never printed");
    });

    it("writes YAML as kubefedctl does: a --- before each document, keys sorted, strings YAML 1.1 would misread quoted", () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), "federate-"));
        fs.writeFileSync(path.join(folder, "a.yaml"), "kind: ConfigMap\napiVersion: v1\nmetadata: { name: c, namespace: ns }\ndata: { z: '1', enabled: 'yes', mode: '0755' }\n");
        const { text } = federate(["-f", folder]);
        assert.equal(text, [
            "---", "apiVersion: types.kubefed.io/v1beta1", "kind: FederatedConfigMap", "metadata:", "  name: c", "  namespace: ns", "spec:", "  placement:", "    clusterSelector:", "      matchLabels: {}",
            "  template:", "    data:", '      enabled: "yes"', '      mode: "0755"', '      z: "1"', "",
        ].join("\n"));
        assert.deepEqual(federate(["-f", "-"], () => "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: s }\n").text.split("\n").slice(0, 3), ["---", "apiVersion: types.kubefed.io/v1beta1", "kind: FederatedConfigMap"]);
        assert.throws(() => federate([]), /name the objects to federate with -f/);
        assert.throws(() => federate(["-f", folder, "--clusters", "a", "--placement", "x=y"]), /--clusters or --placement, not both/);
    });

    describe("what the output gives each member", () => {
        const objects = `
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop, labels: { app: web } }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: "nginx:1.27" }] } }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { clusterIP: 10.0.0.9, ports: [{ port: 80, nodePort: 30001 }], selector: { app: web }, type: NodePort }
---
apiVersion: example.com/v1
kind: Widget
metadata: { name: w, namespace: shop }
spec: { size: 3 }
`;
        const members = [{ name: "eu", labels: { region: "eu" } }, { name: "us", labels: { region: "us" } }];
        const widgetType = "apiVersion: core.kubefed.io/v1beta1\nkind: FederatedTypeConfig\nmetadata: { name: widgets.example.com }\nspec:\n  targetType: { group: example.com, version: v1, kind: Widget, pluralName: widgets, scope: Namespaced }\n  federatedType: { group: types.kubefed.io, version: v1beta1, kind: FederatedWidget, pluralName: federatedwidgets, scope: Namespaced }\n  propagation: Enabled\n";
        const perCluster = (run: Run) => clusterObjects({ registrations: run.resources, warnings: [], infos: [] }).objects.map(({ cluster, kind, name, object }) => ({ cluster, kind, name, object }));

        it("the YAML, planned by FederatedManifests, gives each member the object as it was, less what was stripped", async () => {
            const yaml = federate(["-f", "-"], () => objects).text;
            const run = await runProgram(() => new FederatedManifests("fed", { federation: new Federation("f", { clusters: members }), yaml: `${widgetType}${yaml}` }));
            assert.equal(run.error, undefined, String(run.error));
            const service = perCluster(run).find((object) => object.cluster === "us" && object.kind === "Service")!.object as any;
            assert.deepEqual(service.spec, { ports: [{ port: 80 }], selector: { app: "web" }, type: "NodePort" });
            const original = parseAllDocuments(objects).map((document) => document.toJS());
            for (const member of members) {
                const placed = perCluster(run).filter((object) => object.cluster === member.name);
                assert.deepEqual(placed.map((object) => `${object.kind}/${object.name}`).sort(), ["Deployment/web", "Namespace/shop", "Service/web", "Widget/w"]);
                assert.deepEqual((placed.find((object) => object.kind === "Deployment")!.object as any).spec, original[1].spec);
            }
        });

        it("--typescript prints a program that type-checks and gives each member the same objects", async function () {
            this.timeout(120_000);
            const program = federate(["-f", "-", "--typescript"], () => objects).text;
            assert.match(program, /new FederatedNamespace\("shop"/);
            assert.match(program, /new FederatedDeployment\("web", \{\n {4}federation,\n {4}namespace: shopNamespace,/);
            assert.match(program, /new FederatedResource\("w", \{[^]*apiVersion: "example\.com\/v1",\n {4}kind: "Widget",/);
            const folder = fs.mkdtempSync(path.join(__dirname, ".federate-"));
            try {
                const file = path.join(folder, "index.ts");
                fs.writeFileSync(file, program.replace('from "pulumi-federation"', `from ${JSON.stringify(path.relative(folder, path.join(__dirname, "..", "..", "components")))}`));
                const checked = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, esModuleInterop: true, skipLibCheck: true });
                const problems = ts.getPreEmitDiagnostics(checked).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
                assert.deepEqual(problems, []);
                const typed = await runProgramFile(file, { config: { "project:clusters": JSON.stringify(members) } });
                assert.equal(typed.error, undefined, String(typed.error));
                const yaml = await runProgram(() => new FederatedManifests("fed", { federation: new Federation("federation", { clusters: members }), yaml: `${widgetType}${federate(["-f", "-"], () => objects).text}` }));
                const sorted = (run: Run) => perCluster(run).map((object) => JSON.stringify(object)).sort();
                assert.deepEqual(sorted(typed), sorted(yaml));
            } finally {
                fs.rmSync(folder, { recursive: true, force: true });
            }
        });
    });

    it("--typescript compiles and runs for what kubectl get -o yaml gives, with --clusters, odd keys and names shared across namespaces", async function () {
        this.timeout(120_000);
        const objects = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: a, creationTimestamp: null }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { creationTimestamp: null, labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, resources: { limits: { cpu: 1, memory: 64Mi } } }] }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cfg, namespace: a }
data: { "line": "x\u2029y" }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cfg, namespace: b }
data: { ok: "1" }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: eval, namespace: stray }
rules: []
`;
        const members = [{ name: "eu", labels: {} }, { name: "us", labels: {} }];
        const program = federate(["-f", "-", "--typescript", "--clusters", "eu,us"], () => objects).text;
        const folder = fs.mkdtempSync(path.join(__dirname, ".federate-"));
        try {
            const file = path.join(folder, "index.ts");
            fs.writeFileSync(file, program.replace('from "pulumi-federation"', `from ${JSON.stringify(path.relative(folder, path.join(__dirname, "..", "..", "components")))}`));
            const checked = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, esModuleInterop: true, skipLibCheck: true });
            assert.deepEqual(ts.getPreEmitDiagnostics(checked).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")), []);
            const run = await runProgramFile(file, { config: { "project:clusters": JSON.stringify(members) } });
            assert.equal(run.error, undefined, String(run.error));
            const configMaps = clusterObjects({ registrations: run.resources, warnings: [], infos: [] }).objects.filter((object) => object.cluster === "eu" && object.kind === "ConfigMap");
            assert.deepEqual(configMaps.map((object) => [object.namespace, object.object.data]), [["a", { line: "x\u2029y" }], ["b", { ok: "1" }]]);
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
        // A `__proto__` key is kept as data, written as a computed key; running the program then refuses
        // it, naming the field, since the Pulumi SDK's serializer would drop it (tests/planning/hostileKeys.test.ts).
        assert.match(federate(["-f", "-", "--typescript"], () => 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg, namespace: a }\ndata: { "__proto__": p }\n').text, /\["__proto__"\]: "p"/);
        // And the YAML quotes the paragraph separator, which Go's YAML reader would take for a line break.
        assert.match(federate(["-f", "-"], () => objects).text, /line: "x\u2029y"/);
    });
});


import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as fed from "../../components";
import { FederationError } from "../../components";
import { Registered, Run, promiseOf, providerRef, runProgram } from "../harness";

const members: fed.MemberClusterArgs[] = [
    { name: "us-east", labels: { region: "us", cloud: "aws" } },
    { name: "eu-west", labels: { region: "eu", cloud: "gcp" } },
    { name: "eu-north", labels: { region: "eu", cloud: "aws", tier: "edge" } },
];

const deploymentTemplate = () => ({
    metadata: { labels: { app: "web" } },
    spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
    },
});

/** The per-cluster objects of one federated component, keyed by cluster. */
function perCluster(run: Run, component: string): Record<string, Registered> {
    const parent = run.resources.find((r) => r.name === component && r.type.startsWith("federation:index:Federated"));
    assert.ok(parent, `component ${component} was not registered`);
    const result: Record<string, Registered> = {};
    for (const r of run.resources.filter((r) => r.parent === parent.urn)) {
        assert.ok(r.name.startsWith(`${component}-`), `child ${r.name} is not named ${component}-<cluster>`);
        result[r.name.slice(component.length + 1)] = r;
    }
    return result;
}

describe("FederatedResource and typed wrappers", () => {
    it("registers one object per placed cluster, named <name>-<cluster>, on that member's provider, with the same metadata.name everywhere", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedDeployment("web", { federation, namespace: "default", template: deploymentTemplate(), placement: { clusterSelector: {} } });
        });
        assert.equal(run.error, undefined);
        const objects = perCluster(run, "web");
        assert.deepEqual(Object.keys(objects).sort(), ["eu-north", "eu-west", "us-east"]);
        for (const [cluster, object] of Object.entries(objects)) {
            assert.equal(object.type, "kubernetes:apps/v1:Deployment");
            assert.equal(object.provider, providerRef(run.named(`fleet-${cluster}`, "pulumi:providers:kubernetes")));
            assert.equal(object.inputs.metadata.name, "web");
            assert.equal(object.inputs.metadata.namespace, "default");
            assert.deepEqual(object.inputs.spec.template.spec.containers, [{ name: "web", image: "nginx:1.27" }]);
        }
    });

    it("uses the template's metadata.name when given, never a generated one", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedConfigMap("settings", { federation, template: { metadata: { name: "app-settings" }, data: { mode: "fast" } }, placement: { clusters: ["eu-west"] } });
        });
        assert.deepEqual(perCluster(run, "settings")["eu-west"].inputs.metadata, { name: "app-settings" });
    });

    const placements: { name: string; placement?: fed.Placement; expected: string[] }[] = [
        { name: "a cluster list, in member order whatever the list order", placement: { clusters: ["eu-north", "us-east"] }, expected: ["us-east", "eu-north"] },
        { name: "a label selector", placement: { clusterSelector: { matchLabels: { region: "eu" } } }, expected: ["eu-west", "eu-north"] },
        { name: "a selector with expressions", placement: { clusterSelector: { matchExpressions: [{ key: "cloud", operator: "In", values: ["aws"] }, { key: "tier", operator: "DoesNotExist" }] } }, expected: ["us-east"] },
        { name: "a list that wins over a selector", placement: { clusters: ["us-east"], clusterSelector: {} }, expected: ["us-east"] },
        { name: "an empty list", placement: { clusters: [] }, expected: [] },
        { name: "no placement", placement: undefined, expected: [] },
    ];
    for (const c of placements) {
        it(`places by ${c.name}`, async () => {
            let component!: fed.FederatedService;
            const run = await runProgram(() => {
                const federation = new fed.Federation("fleet", { clusters: members });
                component = new fed.FederatedService("api", { federation, template: { spec: { ports: [{ port: 80 }] } }, placement: c.placement });
            });
            assert.deepEqual(Object.keys(perCluster(run, "api")).sort(), [...c.expected].sort());
            assert.deepEqual(component.clusters, c.expected);
            assert.deepEqual(Object.keys(component.resources), c.expected);
            assert.deepEqual(await promiseOf(component.placedClusters), c.expected);
        });
    }

    it("warns when a resource is placed in no cluster", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedConfigMap("lonely", { federation, template: { data: {} } });
        });
        assert.ok(run.warnings.some((w) => /FederatedConfigMap "lonely" is placed in no cluster.*no placement/.test(w)), run.warnings.join("\n"));
    });

    it("puts a namespaced resource only where its FederatedNamespace goes, depending on that cluster's Namespace alone", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            const namespace = new fed.FederatedNamespace("shop", { federation, placement: { clusterSelector: { matchLabels: { region: "eu" } } } });
            new fed.FederatedDeployment("web", { federation, namespace, template: deploymentTemplate(), placement: { clusters: ["us-east", "eu-west"] } });
        });
        const namespaces = perCluster(run, "shop");
        assert.deepEqual(Object.keys(namespaces).sort(), ["eu-north", "eu-west"]);
        assert.deepEqual(namespaces["eu-west"].inputs, { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } });
        const deployments = perCluster(run, "web");
        assert.deepEqual(Object.keys(deployments), ["eu-west"], "us-east has no shop namespace; eu-north is not in the deployment's placement");
        assert.equal(deployments["eu-west"].inputs.metadata.namespace, "shop");
        assert.deepEqual(deployments["eu-west"].dependencies, [namespaces["eu-west"].urn]);
    });

    it("never makes one cluster's objects wait on another cluster's", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            const namespace = new fed.FederatedNamespace("shop", { federation, placement: { clusterSelector: {} } });
            const config = new fed.FederatedConfigMap("cfg", { federation, namespace, template: { data: { a: "1" } }, placement: { clusterSelector: {} } });
            new fed.FederatedDeployment("web", { federation, namespace, template: deploymentTemplate(), placement: { clusterSelector: {} } });
            assert.equal(Object.keys(config.resources).length, 3);
        });
        const kubernetesObjects = run.resources.filter((r) => r.type.startsWith("kubernetes:"));
        assert.equal(kubernetesObjects.length, 9);
        for (const object of kubernetesObjects) {
            for (const dependency of object.dependencies) {
                assert.equal(run.byUrn(dependency).provider, object.provider, `${object.name} depends on ${run.byUrn(dependency).name} in another cluster`);
            }
        }
    });

    it("federates any built-in kind through FederatedResource with its typed class, and custom kinds as CustomResource", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedResource("quota", { federation, apiVersion: "v1", kind: "ResourceQuota", namespace: "team-a", template: { spec: { hard: { pods: "10" } } }, placement: { clusters: ["us-east"] } });
            new fed.FederatedResource("pdb", { federation, apiVersion: "policy/v1", kind: "PodDisruptionBudget", namespace: "team-a", template: { spec: { minAvailable: 1 } }, placement: { clusters: ["us-east"] } });
            new fed.FederatedResource("cert", { federation, apiVersion: "cert-manager.io/v1", kind: "Certificate", namespace: "team-a", template: { spec: { secretName: "tls", dnsNames: ["shop.example.com"] } }, placement: { clusters: ["us-east"] } });
            new fed.FederatedResource("issuer", { federation, apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", clusterScoped: true, template: { spec: { selfSigned: {} } }, placement: { clusters: ["us-east"] } });
        });
        assert.equal(run.error, undefined);
        assert.equal(perCluster(run, "quota")["us-east"].type, "kubernetes:core/v1:ResourceQuota");
        assert.equal(perCluster(run, "pdb")["us-east"].type, "kubernetes:policy/v1:PodDisruptionBudget");
        const cert = perCluster(run, "cert")["us-east"];
        assert.equal(cert.type, "kubernetes:cert-manager.io/v1:Certificate");
        assert.deepEqual(cert.inputs, { apiVersion: "cert-manager.io/v1", kind: "Certificate", metadata: { name: "cert", namespace: "team-a" }, spec: { secretName: "tls", dnsNames: ["shop.example.com"] } });
        const issuer = perCluster(run, "issuer")["us-east"];
        assert.equal(issuer.type, "kubernetes:cert-manager.io/v1:ClusterIssuer");
        assert.deepEqual(issuer.inputs.metadata, { name: "issuer" });
    });

    it("registers the typed @pulumi/kubernetes class for every typed wrapper, with no namespace on cluster-scoped kinds", async () => {
        const cases: [string, string, (name: string, federation: fed.Federation) => unknown][] = [
            ["deploy", "kubernetes:apps/v1:Deployment", (n, f) => new fed.FederatedDeployment(n, { federation: f, namespace: "ns", template: deploymentTemplate(), placement: { clusters: ["eu-west"] } })],
            ["sts", "kubernetes:apps/v1:StatefulSet", (n, f) => new fed.FederatedStatefulSet(n, { federation: f, namespace: "ns", template: { spec: { serviceName: "db", selector: { matchLabels: { a: "b" } }, template: {} } }, placement: { clusters: ["eu-west"] } })],
            ["ds", "kubernetes:apps/v1:DaemonSet", (n, f) => new fed.FederatedDaemonSet(n, { federation: f, namespace: "ns", template: { spec: { selector: { matchLabels: { a: "b" } }, template: {} } }, placement: { clusters: ["eu-west"] } })],
            ["svc", "kubernetes:core/v1:Service", (n, f) => new fed.FederatedService(n, { federation: f, namespace: "ns", template: { spec: { ports: [{ port: 80 }] } }, placement: { clusters: ["eu-west"] } })],
            ["cm", "kubernetes:core/v1:ConfigMap", (n, f) => new fed.FederatedConfigMap(n, { federation: f, namespace: "ns", template: { data: { a: "b" } }, placement: { clusters: ["eu-west"] } })],
            ["sec", "kubernetes:core/v1:Secret", (n, f) => new fed.FederatedSecret(n, { federation: f, namespace: "ns", template: { stringData: { a: "b" } }, placement: { clusters: ["eu-west"] } })],
            ["sa", "kubernetes:core/v1:ServiceAccount", (n, f) => new fed.FederatedServiceAccount(n, { federation: f, namespace: "ns", template: {}, placement: { clusters: ["eu-west"] } })],
            ["ing", "kubernetes:networking.k8s.io/v1:Ingress", (n, f) => new fed.FederatedIngress(n, { federation: f, namespace: "ns", template: { spec: { rules: [] } }, placement: { clusters: ["eu-west"] } })],
            ["job", "kubernetes:batch/v1:Job", (n, f) => new fed.FederatedJob(n, { federation: f, namespace: "ns", template: { spec: { template: {} } }, placement: { clusters: ["eu-west"] } })],
            ["cr", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", (n, f) => new fed.FederatedClusterRole(n, { federation: f, template: { rules: [] }, placement: { clusters: ["eu-west"] } })],
            ["crb", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", (n, f) => new fed.FederatedClusterRoleBinding(n, { federation: f, template: { roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" } }, placement: { clusters: ["eu-west"] } })],
        ];
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            for (const [name, , create] of cases) create(name, federation);
        });
        assert.equal(run.error, undefined);
        for (const [name, type] of cases) {
            const object = perCluster(run, name)["eu-west"];
            assert.equal(object.type, type, name);
            assert.equal(object.inputs.metadata.name, name);
            assert.equal(object.inputs.metadata.namespace, type.includes(":Cluster") ? undefined : "ns", name);
        }
    });

    it("keeps Secret data secret in every cluster, overridden values included", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedSecret("creds", {
                federation,
                namespace: "default",
                template: { stringData: { password: "hunter2" } },
                placement: { clusterSelector: {} },
                overrides: [{ clusterName: "eu-west", clusterOverrides: [{ path: "/stringData/password", value: "eu-only" }] }],
            });
        });
        const objects = perCluster(run, "creds");
        assert.equal(objects["eu-west"].inputs.stringData.password, "eu-only");
        for (const object of Object.values(objects)) assert.ok(object.secretPaths.includes("/stringData"), `${object.name}: ${object.secretPaths}`);
    });

    it("carries Input template fields through, keeping secret ones secret and patching through Outputs", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            const image = pulumi.secret("registry.example.com/web:2.1");
            const spec = pulumi.output({ replicas: 2, selector: { matchLabels: { app: "web" } }, template: { spec: { containers: [{ name: "web", image }] } } });
            new fed.FederatedDeployment("web", {
                federation,
                namespace: "default",
                template: { metadata: { annotations: { version: pulumi.output("2.1") } }, spec },
                placement: { clusters: ["us-east", "eu-west"] },
                overrides: [{ clusterName: "eu-west", clusterOverrides: [{ path: "/spec/replicas", value: 4 }, { op: "add", path: "/metadata/annotations/owner", value: "eu-team" }] }],
            });
        });
        assert.equal(run.error, undefined);
        const objects = perCluster(run, "web");
        assert.equal(objects["us-east"].inputs.spec.replicas, 2);
        assert.equal(objects["eu-west"].inputs.spec.replicas, 4, "the patch went through the Output spec");
        assert.deepEqual(objects["eu-west"].inputs.metadata.annotations, { version: "2.1", owner: "eu-team" });
        for (const object of Object.values(objects)) {
            assert.equal(object.inputs.spec.template.spec.containers[0].image, "registry.example.com/web:2.1");
            assert.ok(object.secretPaths.some((path) => "/spec/template/spec/containers/0/image".startsWith(path)), `${object.name}: ${object.secretPaths}`);
        }
    });

    it("leaves values unknown during preview rather than guessing them", async () => {
        const run = await runProgram(
            () => {
                const federation = new fed.Federation("fleet", { clusters: members });
                const unknownSpec: any = pulumi.output({ replicas: 1 }).apply((spec) => (pulumi.runtime.isDryRun() ? pulumi.output(pulumi.unknown as any) : spec));
                new fed.FederatedDeployment("web", {
                    federation,
                    template: { spec: unknownSpec },
                    placement: { clusters: ["us-east"] },
                    overrides: [{ clusterName: "us-east", clusterOverrides: [{ path: "/spec/replicas", value: 3 }] }],
                });
            },
            { preview: true },
        );
        assert.equal(run.error, undefined);
        const object = perCluster(run, "web")["us-east"];
        assert.equal(object.inputs.metadata.name, "web", "identity is known in preview");
        assert.equal(object.inputs.spec, "<unknown>");
    });
});

describe("FederatedResource errors: raised before anything is registered, naming resource, cluster and field", () => {
    const cases: { name: string; build: (federation: fed.Federation) => unknown; resource: string; cluster?: string; field: string; message: RegExp }[] = [
        {
            name: "an unknown cluster in placement",
            build: (federation) => new fed.FederatedConfigMap("cfg", { federation, template: {}, placement: { clusters: ["us-east", "ap-south"] } }),
            resource: 'FederatedConfigMap "cfg"', cluster: "ap-south", field: "placement.clusters[1]", message: /not a member.*us-east, eu-west, eu-north/,
        },
        {
            name: "a selector with an unknown operator",
            build: (federation) => new fed.FederatedConfigMap("cfg", { federation, template: {}, placement: { clusterSelector: { matchExpressions: [{ key: "region", operator: "Equals" as any, values: ["eu"] }] } } }),
            resource: 'FederatedConfigMap "cfg"', field: "placement.clusterSelector.matchExpressions[0].operator", message: /"Equals" is not a selector operator/,
        },
        {
            name: "an unknown cluster in overrides",
            build: (federation) => new fed.FederatedConfigMap("cfg", { federation, template: { data: {} }, placement: { clusterSelector: {} }, overrides: [{ clusterName: "eu-south", clusterOverrides: [{ path: "/data/a", op: "add", value: "x" }] }] }),
            resource: 'FederatedConfigMap "cfg"', cluster: "eu-south", field: "overrides[0].clusterName", message: /not a member/,
        },
        {
            name: "two override entries for one cluster",
            build: (federation) => new fed.FederatedConfigMap("cfg", { federation, template: { data: {} }, placement: { clusterSelector: {} }, overrides: [{ clusterName: "eu-west", clusterOverrides: [] }, { clusterName: "eu-west", clusterOverrides: [] }] }),
            resource: 'FederatedConfigMap "cfg"', cluster: "eu-west", field: "overrides[1].clusterName", message: /duplicate override entry.*overrides\[0\]/,
        },
        {
            name: "the same path twice for one cluster",
            build: (federation) => new fed.FederatedDeployment("web", { federation, template: deploymentTemplate(), placement: { clusterSelector: {} }, overrides: [{ clusterName: "us-east", clusterOverrides: [{ path: "/spec/replicas", value: 1 }, { path: "/spec/replicas", value: 2 }] }] }),
            resource: 'FederatedDeployment "web"', cluster: "us-east", field: "overrides[0].clusterOverrides[1].path", message: /duplicate path/,
        },
        ...["/metadata/name", "/metadata/namespace", "/metadata/generateName", "/kind"].map((path) => ({
            name: `an override of ${path}`,
            build: (federation: fed.Federation) => new fed.FederatedDeployment("web", { federation, template: deploymentTemplate(), placement: { clusterSelector: {} }, overrides: [{ clusterName: "eu-north", clusterOverrides: [{ path, value: "x" }] }] }),
            resource: 'FederatedDeployment "web"', cluster: "eu-north", field: "overrides[0].clusterOverrides[0].path", message: /must be the same in every cluster/,
        })),
        {
            name: "a replace of a path the template does not have",
            build: (federation) => new fed.FederatedDeployment("web", { federation, template: deploymentTemplate(), placement: { clusterSelector: {} }, overrides: [{ clusterName: "eu-west", clusterOverrides: [{ path: "/spec/template/spec/containers/0/resources/limits", value: {} }] }] }),
            resource: 'FederatedDeployment "web"', cluster: "eu-west", field: "overrides[0].clusterOverrides[0]", message: /cannot replace.*containers\/0 has no "resources"/,
        },
        {
            name: "an add at an index past the end of a list",
            build: (federation) => new fed.FederatedDeployment("web", { federation, template: deploymentTemplate(), placement: { clusterSelector: {} }, overrides: [{ clusterName: "us-east", clusterOverrides: [{ op: "add", path: "/spec/template/spec/containers/3", value: { name: "sidecar" } }] }] }),
            resource: 'FederatedDeployment "web"', cluster: "us-east", field: "overrides[0].clusterOverrides[0]", message: /list of 1 items/,
        },
        {
            name: "a namespace on a cluster-scoped kind",
            build: (federation) => new fed.FederatedResource("admin", { federation, apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", namespace: "default", template: { rules: [] }, placement: { clusterSelector: {} } }),
            resource: 'FederatedResource "admin"', field: "namespace", message: /cluster-scoped/,
        },
        {
            name: "clusterScoped: false for a built-in cluster-scoped kind",
            build: (federation) => new fed.FederatedResource("admin", { federation, apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", clusterScoped: false, namespace: "x", template: {}, placement: { clusterSelector: {} } }),
            resource: 'FederatedResource "admin"', field: "clusterScoped", message: /ClusterRole is cluster-scoped in Kubernetes/,
        },
        {
            name: "a template of another kind",
            build: (federation) => new fed.FederatedDeployment("web", { federation, template: { ...deploymentTemplate(), kind: "StatefulSet" as any }, placement: { clusterSelector: {} } }),
            resource: 'FederatedDeployment "web"', field: "template.kind", message: /apps\/v1 Deployment/,
        },
    ];
    for (const c of cases) {
        it(`rejects ${c.name}`, async () => {
            const run = await runProgram(() => {
                const federation = new fed.Federation("fleet", { clusters: members });
                c.build(federation);
            });
            assert.ok(run.error instanceof FederationError, `expected a FederationError, got ${run.error}`);
            assert.equal(run.error.resource, c.resource);
            assert.equal(run.error.cluster, c.cluster);
            assert.equal(run.error.field, c.field);
            assert.match(run.error.message, c.message);
            assert.ok(run.error.message.startsWith(c.resource), "the message itself names the resource");
            // The federation (registered first) is all there is: not even the component registered.
            const fromFederation = (r: Registered) => r.name.startsWith("fleet");
            assert.deepEqual(run.resources.filter((r) => !fromFederation(r)).map((r) => `${r.type} ${r.name}`), []);
        });
    }
});

describe("ownership and names across components", () => {
    it("refuses a per-cluster Pulumi name another component already has (api on eu-west vs api-eu on west)", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: [{ name: "eu-west" }, { name: "west" }] });
            new fed.FederatedConfigMap("api", { federation, template: {}, placement: { clusters: ["eu-west"] } });
            new fed.FederatedConfigMap("api-eu", { federation, template: { metadata: { name: "other" } }, placement: { clusters: ["west"] } });
        });
        assert.ok(run.error instanceof FederationError, String(run.error));
        assert.equal(run.error.resource, 'FederatedConfigMap "api-eu"');
        assert.equal(run.error.cluster, "west");
        assert.equal(run.error.field, "name");
        assert.match(run.error.message, /the per-cluster resource name "api-eu-west" \(ConfigMap on west\) is already FederatedConfigMap "api"'s/);
        assert.deepEqual(run.resources.filter((r) => r.name === "api-eu").map((r) => r.type), [], "the second component is not registered");
        assert.deepEqual(run.ofType("kubernetes:core/v1:ConfigMap").map((r) => r.name), [], "not even the first component's object: the failed declaration canceled it");
    });

    it("refuses a second owner for one Kubernetes object in a cluster", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedConfigMap("settings", { federation, namespace: "shop", template: {}, placement: { clusters: ["eu-west", "us-east"] } });
            new fed.FederatedResource("settings-copy", { federation, apiVersion: "v1", kind: "ConfigMap", namespace: "shop", template: { metadata: { name: "settings" } }, placement: { clusters: ["us-east"] } });
        });
        assert.ok(run.error instanceof FederationError, String(run.error));
        assert.equal(run.error.resource, 'FederatedResource "settings-copy"');
        assert.equal(run.error.cluster, "us-east");
        assert.equal(run.error.field, "template.metadata.name");
        assert.match(run.error.message, /FederatedConfigMap "settings" already places ConfigMap shop\/settings on us-east/);
    });

    it("the same object in different clusters is fine", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            new fed.FederatedConfigMap("settings", { federation, namespace: "shop", template: {}, placement: { clusters: ["eu-west"] } });
            new fed.FederatedResource("settings-us", { federation, apiVersion: "v1", kind: "ConfigMap", namespace: "shop", template: { metadata: { name: "settings" } }, placement: { clusters: ["us-east"] } });
        });
        assert.equal(run.error, undefined, String(run.error));
    });
});

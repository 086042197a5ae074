/**
 * FederatedManifests: KubeFed YAML registered as the library's components. A YAML user and a
 * TypeScript user declaring the same thing must get the same Kubernetes resources.
 */
import { strict as assert } from "assert";
import * as fed from "../../components";
import { FederationError } from "../../components";
import { planReplicas } from "../../components/planning/replicas";
import { Run, promiseOf, runProgram } from "../harness";

const members: fed.MemberClusterArgs[] = [
    { name: "cluster1", labels: { region: "eu" } },
    { name: "cluster2", labels: { region: "us" } },
];

const yaml = `
apiVersion: types.kubefed.io/v1beta1
kind: FederatedNamespace
metadata: { name: shop, namespace: shop }
spec:
  placement: { clusterSelector: {} }
---
apiVersion: types.kubefed.io/v1beta1
kind: FederatedDeployment
metadata: { name: web, namespace: shop }
spec:
  template:
    spec:
      replicas: 2
      selector: { matchLabels: { app: web } }
      template:
        metadata: { labels: { app: web } }
        spec: { containers: [{ name: web, image: "nginx:1.27" }] }
  placement:
    clusters: [{ name: cluster1 }, { name: cluster2 }]
  overrides:
    - clusterName: cluster2
      clusterOverrides:
        - { path: /spec/replicas, value: 5 }
---
apiVersion: types.kubefed.io/v1alpha2
kind: FederatedClusterRole
metadata: { name: reader }
spec:
  template: { rules: [{ apiGroups: [""], resources: [pods], verbs: [get] }] }
  placement: { clusterSelector: { matchLabels: { region: eu } } }
---
apiVersion: types.kubefed.io/v1beta1
kind: FederatedPodDisruptionBudget
metadata: { name: web, namespace: shop }
spec:
  template: { spec: { minAvailable: 1 } }
  placement: { clusters: [{ name: cluster2 }] }
`;

function typedProgram() {
    const federation = new fed.Federation("fleet", { clusters: members });
    const shop = new fed.FederatedNamespace("shop", { federation, placement: { clusterSelector: {} } });
    new fed.FederatedDeployment("web", {
        federation,
        namespace: shop,
        template: {
            spec: {
                replicas: 2,
                selector: { matchLabels: { app: "web" } },
                template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
            },
        },
        placement: { clusters: ["cluster1", "cluster2"] },
        overrides: [{ clusterName: "cluster2", clusterOverrides: [{ path: "/spec/replicas", value: 5 }] }],
    });
    new fed.FederatedClusterRole("reader", { federation, template: { rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] }, placement: { clusterSelector: { matchLabels: { region: "eu" } } } });
    new fed.FederatedResource("web", { federation, apiVersion: "policy/v1", kind: "PodDisruptionBudget", namespace: shop, template: { spec: { minAvailable: 1 } }, placement: { clusters: ["cluster2"] } });
}

/** Every Kubernetes object: type, name, inputs, provider and dependencies, by resource name. */
function kubernetesObjects(run: Run) {
    const nameOf = (urn: string) => run.byUrn(urn).name;
    return run.resources
        .filter((r) => r.type.startsWith("kubernetes:"))
        .map((r) => ({
            type: r.type,
            name: r.name,
            parentType: run.byUrn(r.parent).type,
            inputs: r.inputs,
            provider: nameOf(r.provider.split("::").slice(0, -1).join("::")),
            dependencies: r.dependencies.map(nameOf),
        }))
        .sort((a, b) => `${a.type} ${a.name}`.localeCompare(`${b.type} ${b.name}`));
}

describe("FederatedManifests", () => {
    it("registers exactly the Kubernetes resources the typed components would", async () => {
        let manifests!: fed.FederatedManifests;
        const fromYaml = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            manifests = new fed.FederatedManifests("kubefed", { federation, yaml });
        });
        const fromTypeScript = await runProgram(typedProgram);
        assert.equal(fromYaml.error, undefined, String(fromYaml.error));
        assert.equal(fromTypeScript.error, undefined, String(fromTypeScript.error));
        const yamlObjects = kubernetesObjects(fromYaml);
        assert.deepEqual(yamlObjects, kubernetesObjects(fromTypeScript));
        assert.deepEqual(yamlObjects.map((o) => `${o.type} ${o.name}`), [
            "kubernetes:apps/v1:Deployment web-cluster1",
            "kubernetes:apps/v1:Deployment web-cluster2",
            "kubernetes:core/v1:Namespace shop-cluster1",
            "kubernetes:core/v1:Namespace shop-cluster2",
            "kubernetes:policy/v1:PodDisruptionBudget web-cluster2",
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole reader-cluster1",
        ]);
        assert.equal(yamlObjects.find((o) => o.name === "web-cluster2" && o.type.endsWith("Deployment"))!.inputs.spec.replicas, 5);
        assert.deepEqual(await promiseOf(manifests.placements), {
            "FederatedNamespace/shop": ["cluster1", "cluster2"],
            "FederatedDeployment/shop/web": ["cluster1", "cluster2"],
            "FederatedClusterRole/reader": ["cluster1"],
            "FederatedPodDisruptionBudget/shop/web": ["cluster2"],
        });
        assert.ok(manifests.components["FederatedDeployment/shop/web"] instanceof fed.FederatedDeployment, "typed component for a typed kind");
        assert.ok(manifests.components["FederatedPodDisruptionBudget/shop/web"] instanceof fed.FederatedResource);
        assert.equal(manifests.namespaces.shop.namespaceName, "shop");
    });

    it("schedules a FederatedDeployment by the ReplicaSchedulingPreference of its name, dropping KubeFed's replica overrides", async () => {
        let manifests!: fed.FederatedManifests;
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters: members });
            manifests = new fed.FederatedManifests("kubefed", {
                federation,
                yaml: yaml + "---\napiVersion: scheduling.kubefed.io/v1alpha1\nkind: ReplicaSchedulingPreference\nmetadata: { name: web, namespace: shop }\nspec: { targetKind: FederatedDeployment, totalReplicas: 9 }\n",
            });
        });
        assert.equal(run.error, undefined, String(run.error));
        assert.deepEqual(manifests.schedulingPreferences.map((p) => [p.namespace, p.name, p.spec.totalReplicas]), [["shop", "web", 9]]);
        const expected = planReplicas({ totalReplicas: 9, clusters: { "*": { weight: 1 } } }, ["cluster1", "cluster2"], { key: "shop/web" }).plan;
        const replicas = Object.fromEntries(run.ofType("kubernetes:apps/v1:Deployment").map((d) => [d.name, d.inputs.spec.replicas]));
        assert.deepEqual(replicas, { "web-cluster1": expected.cluster1, "web-cluster2": expected.cluster2 });
        assert.equal(expected.cluster1 + expected.cluster2, 9);
        assert.deepEqual(manifests.components["FederatedDeployment/shop/web"].replicaPlan, expected);
    });

    const failures: { name: string; yaml: string; resource: RegExp; cluster?: string; field?: string; message: RegExp }[] = [
        {
            name: "an unknown cluster in the last document",
            yaml: yaml + "---\napiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: { name: cfg, namespace: shop }\nspec:\n  template: { data: { a: b } }\n  placement: { clusters: [{ name: cluster9 }] }\n",
            resource: /yaml document 4 \(FederatedConfigMap shop\/cfg\)/, cluster: "cluster9", field: "spec.placement.clusters[0].name", message: /not a member/,
        },
        {
            name: "spec.rollout naming a cluster that is not a member",
            yaml: yaml + "---\napiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: { name: cfg, namespace: shop }\nspec:\n  template: { data: { a: b } }\n  placement: { clusterSelector: {} }\n  rollout: { stages: [{ clusters: [{ name: cluster9 }] }] }\n",
            resource: /yaml document 4 \(FederatedConfigMap shop\/cfg\)/, cluster: "cluster9", field: "spec.rollout.stages[0].clusters[0].name", message: /not a member/,
        },
        {
            name: "spec.rollout on a workload that skips the provider's await",
            yaml: yaml + "---\napiVersion: types.kubefed.io/v1beta1\nkind: FederatedDeployment\nmetadata: { name: api, namespace: shop }\nspec:\n  template:\n    metadata: { annotations: { pulumi.com/skipAwait: \"true\" } }\n    spec: { selector: { matchLabels: { app: api } }, template: { metadata: { labels: { app: api } }, spec: { containers: [{ name: api, image: \"api:1\" }] } } }\n  placement: { clusterSelector: {} }\n  rollout: { stages: [{ clusters: [{ name: cluster1 }] }] }\n",
            resource: /yaml document 4 \(FederatedDeployment shop\/api\)/, cluster: "cluster1", field: 'spec.template.metadata.annotations["pulumi.com/skipAwait"]', message: /remove the annotation, or spec\.rollout/,
        },
        {
            name: "spec.rollout's clusters written as names, not KubeFed's { name }",
            yaml: yaml + "---\napiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: { name: cfg, namespace: shop }\nspec:\n  template: { data: { a: b } }\n  placement: { clusterSelector: {} }\n  rollout: { stages: [{ clusters: [cluster1] }] }\n",
            resource: /yaml document 4 \(FederatedConfigMap shop\/cfg\)/, field: "spec.rollout.stages[0].clusters[0]", message: /must be \{ name: <cluster> \}/,
        },
        {
            name: "a YAML syntax error",
            yaml: yaml + "---\nkind: [unclosed\n",
            resource: /yaml:\d+:\d+$/, message: /YAML syntax error in document 4/,
        },
        {
            name: "two objects of one kind and name in different namespaces",
            yaml: yaml + "---\napiVersion: types.kubefed.io/v1beta1\nkind: FederatedDeployment\nmetadata: { name: web, namespace: other }\nspec: { template: { spec: {} }, placement: { clusters: [] } }\n",
            resource: /document 4 \(FederatedDeployment other\/web\)/, field: "metadata.name", message: /declare one of them with a typed component under another name/,
        },
        {
            name: "a Role and a RoleBinding of one name (both FederatedResource components)",
            yaml: yaml + "---\napiVersion: types.kubefed.io/v1beta1\nkind: FederatedRole\nmetadata: { name: app, namespace: shop }\nspec: { template: { rules: [] }, placement: { clusterSelector: {} } }\n---\napiVersion: types.kubefed.io/v1beta1\nkind: FederatedRoleBinding\nmetadata: { name: app, namespace: shop }\nspec: { template: { roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: app } }, placement: { clusterSelector: {} } }\n",
            resource: /document 5 \(FederatedRoleBinding shop\/app\)/, field: "metadata.name", message: /same type and name/,
        },
        {
            name: "an invalid namespace name in a later document (checked before anything registers)",
            yaml: yaml + "---\napiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: { name: cm, namespace: Not_Valid }\nspec: { template: {}, placement: { clusterSelector: {} } }\n",
            resource: /yaml document 4 \(FederatedConfigMap Not_Valid\/cm\)/, field: "metadata.namespace", message: /not a DNS-1123 label/,
        },
        {
            name: "a namespace given only inside the template",
            yaml: yaml + "---\napiVersion: types.kubefed.io/v1beta1\nkind: FederatedConfigMap\nmetadata: { name: cm }\nspec: { template: { metadata: { namespace: shop } }, placement: { clusterSelector: {} } }\n",
            resource: /document 4 \(FederatedConfigMap cm\)/, field: "spec.template.metadata.namespace", message: /own metadata.namespace says where its object goes/,
        },
        {
            name: "a KubeFedCluster label that is not a string",
            yaml: yaml + "---\napiVersion: core.kubefed.io/v1beta1\nkind: KubeFedCluster\nmetadata: { name: cluster1, labels: { zone: 3 } }\n",
            resource: /document 4 \(KubeFedCluster cluster1\)/, cluster: "cluster1", field: 'metadata.labels["zone"]', message: /label values are strings/,
        },
        {
            name: "a KubeFedCluster that is not a member",
            yaml: yaml + "---\napiVersion: core.kubefed.io/v1beta1\nkind: KubeFedCluster\nmetadata: { name: cluster3, namespace: kube-federation-system }\nspec: { apiEndpoint: https://example.invalid }\n",
            resource: /KubeFedCluster kube-federation-system\/cluster3/, cluster: "cluster3", field: "metadata.name", message: /join it first/,
        },
    ];
    for (const c of failures) {
        it(`registers nothing when there is ${c.name}`, async () => {
            const run = await runProgram(() => {
                const federation = new fed.Federation("fleet", { clusters: members });
                new fed.FederatedManifests("kubefed", { federation, yaml: c.yaml });
            });
            assert.ok(run.error instanceof FederationError, String(run.error));
            assert.match(run.error.resource ?? "", c.resource);
            assert.equal(run.error.cluster, c.cluster);
            assert.equal(run.error.field, c.field);
            assert.match(run.error.message, c.message);
            assert.deepEqual(run.resources.filter((r) => !r.name.startsWith("fleet")).map((r) => r.name), []);
        });
    }
});

/**
 * The bad-input corpus (issue 6): malformed programs (tests/corpus/programs.ts) and KubeFed-style
 * manifests (tests/corpus/manifests/*.yaml, one mistake per file). Every case must fail with a
 * FederationError that names the resource, the cluster (where there is one) and the field, whose
 * message starts with that location, and must register nothing beyond its valid setup.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as fed from "../components";
import { FederationError } from "../components";
import { hardeningCases } from "./corpus/hardening";
import { ExpectedCorpusError, programCases as baseProgramCases } from "./corpus/programs";

const programCases = [...baseProgramCases, ...hardeningCases];
import { Registered, Run, runProgram } from "./harness";

/** What a federation's own setup registers. */
const SETUP_TYPES = new Set(["pulumi:pulumi:Stack", "federation:index:Federation", "federation:index:MemberCluster", "pulumi:providers:kubernetes"]);

const describeRegistration = (r: Registered) => `${r.type} ${r.name}`;

/** The error is a FederationError with exactly this location, and its message is location + reason. */
function checkError(run: Run, expected: ExpectedCorpusError): FederationError {
    const error = run.error;
    assert.ok(error instanceof FederationError, `expected a FederationError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    const resource = error.resource ?? "";
    if (typeof expected.resource === "string") assert.equal(error.resource, expected.resource, `resource of: ${error.message}`);
    else assert.match(resource, expected.resource, `resource of: ${error.message}`);
    assert.equal(error.cluster, expected.cluster, `cluster of: ${error.message}`);
    assert.equal(error.field, expected.field, `field of: ${error.message}`);
    assert.ok(resource.length > 0, `the error names no resource: ${error.message}`);
    assert.ok(error.message.startsWith(resource), `the message itself starts with the resource: ${error.message}`);
    const at = error.position ? ` at line ${error.position.line}, column ${error.position.column}` : "";
    const prefix = [resource + at, expected.cluster === undefined ? undefined : `cluster "${expected.cluster}"`, expected.field === undefined ? undefined : `field ${expected.field}`]
        .filter((part) => part !== undefined)
        .join(", ");
    // A component's error ends with where the (corpus) program constructed it, as a stack-frame line.
    const site = error.callSite === undefined ? "" : `\n    at ${error.callSite}`;
    assert.equal(error.message, `${prefix}: ${error.reason}${site}`, "the message is the location, then the reason, then the call site");
    if (error.callSite !== undefined) assert.match(error.callSite, /^new \w+ \(tests\/corpus(\.test\.ts|\/[\w/.-]+\.ts):\d+:\d+\)$/, "the call site is the program's line, not the library's");
    assert.match(error.message.slice(0, error.message.length - site.length), expected.message);
    return error;
}

/**
 * Nothing of the bad run reaches a cluster: no Kubernetes object at all, neither the bad
 * component's nor those of the valid components declared before it (the failed declaration
 * cancels their registrations). What does register (the federation's setup, the valid components
 * themselves) is what the setup alone registers.
 */
function checkNothingRegistered(run: Run, baseline: Run, preRegistered: readonly string[] = []): void {
    const objects = run.resources.filter((r) => r.custom && !SETUP_TYPES.has(r.type));
    assert.deepEqual(objects.map(describeRegistration), [], "objects registered although the program failed");
    const extra = run.resources.filter((r) => !SETUP_TYPES.has(r.type) && !preRegistered.includes(r.name));
    assert.deepEqual(extra.map(describeRegistration), [], "registered beyond the federation setup and the valid components before the mistake");
    for (const name of preRegistered) {
        assert.ok(run.resources.some((r) => r.name === name), `preRegistered ${name} was not registered: the case's setup is not what it says`);
    }
    const setupRegisters = new Set(baseline.resources.map(describeRegistration));
    const unexpected = run.resources.map(describeRegistration).filter((what) => !setupRegisters.has(what));
    assert.deepEqual(unexpected, [], "the bad program registered something its setup alone does not");
}

describe("bad-input corpus: programs", () => {
    for (const c of programCases) {
        const title = `${c.id}: ${c.description}`;
        if (c.skip) {
            it.skip(`${title} (${c.skip})`);
            continue;
        }
        it(title, async () => {
            const baseline = await runProgram(c.setup, { asStack: c.asStack });
            assert.equal(baseline.error, undefined, `the setup alone must be valid: ${String(baseline.error)}`);
            const run = await runProgram(c.program, { asStack: c.asStack });
            checkError(run, c.expect);
            checkNothingRegistered(run, baseline, c.preRegistered);
            if (c.preRegistered?.length) {
                assert.ok(baseline.resources.some((r) => r.custom && !SETUP_TYPES.has(r.type)), "the setup alone registers objects: the ones the failed declaration canceled");
            }
        });
    }
});

// ---------------------------------------------------------------------------------------------
// Manifests: each file goes through FederatedManifests on a federation of cluster1 and cluster2.
// ---------------------------------------------------------------------------------------------

const MANIFEST_DIR = path.join(__dirname, "corpus", "manifests");

const MANIFEST_MEMBERS: fed.MemberClusterArgs[] = [
    { name: "cluster1", labels: { region: "eu" }, host: true },
    { name: "cluster2", labels: { region: "us" } },
];

interface ManifestCase {
    file: string;
    description: string;
    /** The document the error is about (its index in the file). */
    document: number;
    /** `resource` must also contain the file name and `document <n>` (a YAML syntax error has `file:line:column`). */
    expect: ExpectedCorpusError;
    skip?: string;
}

const label = (file: string, document: number, what: string) => new RegExp(`${file.replace(/\./g, "\\.")} document ${document} \\(${what.replace(/[/.()]/g, "\\$&")}\\)$`);

const manifestCases: ManifestCase[] = [
    {
        file: "yaml-syntax-error.yaml", description: "a nested mapping on one line (spec: placement: ...)", document: 0,
        expect: { resource: /yaml-syntax-error\.yaml:4:7$/, message: /YAML syntax error in document 0: Nested mappings are not allowed in compact mappings/ },
    },
    {
        // The parser notices the missing "}" only where the next line starts, and reports that
        // position (line 5, the "---"), not line 4 where the mapping was opened.
        file: "yaml-unclosed-flow.yaml", description: "a flow mapping that is never closed", document: 0,
        expect: { resource: /yaml-unclosed-flow\.yaml:5:1$/, message: /YAML syntax error in document 0: Flow map in block collection must be sufficiently indented and end with a \}/ },
    },
    {
        file: "plain-deployment.yaml", description: "a plain apps/v1 Deployment among federated objects", document: 1,
        expect: { resource: label("plain-deployment.yaml", 1, "Deployment shop/web"), field: "kind", message: /apps\/v1 Deployment is a plain Kubernetes object, not a KubeFed federated one; federate it first: move it out of \S*plain-deployment\.yaml \(federate reads plain objects only\) into a file of its own; pulumi-federation federate -f NEW_FILE then writes the FederatedDeployment/ },
    },
    {
        file: "unknown-federated-kind.yaml", description: "a Federated<Kind> of a custom kind without type configuration", document: 1,
        expect: { resource: label("unknown-federated-kind.yaml", 1, "FederatedWidget shop/gadget"), field: "kind", message: /FederatedWidget is not a known federated kind: add a FederatedTypeConfig for it to the manifests, or give spec\.template\.apiVersion/ },
    },
    {
        file: "missing-template.yaml", description: "a FederatedConfigMap without spec.template", document: 1,
        expect: { resource: label("missing-template.yaml", 1, "FederatedConfigMap shop/settings"), field: "spec.template", message: /is missing: a FederatedConfigMap needs the ConfigMap every cluster gets, under spec\.template/ },
    },
    {
        file: "placement-bare-string.yaml", description: "a bare cluster name in placement.clusters instead of { name }", document: 1,
        expect: { resource: label("placement-bare-string.yaml", 1, "FederatedConfigMap shop/settings"), field: "spec.placement.clusters[1]", message: /must be \{ name: <cluster> \}, got the bare string "cluster2"/ },
    },
    {
        file: "placement-unknown-cluster.yaml", description: "an unknown cluster in placement", document: 1,
        expect: { resource: label("placement-unknown-cluster.yaml", 1, "FederatedConfigMap shop/settings"), cluster: "cluster3", field: "spec.placement.clusters[1].name", message: /is not a member of the federation \(members: cluster1, cluster2\)/ },
    },
    {
        file: "override-unknown-cluster.yaml", description: "an override for an unknown cluster", document: 1,
        expect: { resource: label("override-unknown-cluster.yaml", 1, "FederatedDeployment shop/web"), cluster: "cluster9", field: "spec.overrides[1].clusterName", message: /is not a member of the federation \(members: cluster1, cluster2\)/ },
    },
    {
        file: "override-bad-path.yaml", description: "an override path written as a dotted field", document: 1,
        expect: { resource: label("override-bad-path.yaml", 1, "FederatedDeployment shop/web"), cluster: "cluster2", field: "spec.overrides[0].clusterOverrides[0].path", message: /"spec\.replicas" is not a JSON pointer: it must start with "\/"/ },
    },
    {
        file: "override-forbidden-path.yaml", description: "an override of /metadata/namespace", document: 1,
        expect: { resource: label("override-forbidden-path.yaml", 1, "FederatedDeployment shop/web"), cluster: "cluster1", field: "spec.overrides[0].clusterOverrides[1].path", message: /"\/metadata\/namespace" would change \/metadata\/namespace, which must be the same in every cluster/ },
    },
    {
        file: "override-patch-does-not-apply.yaml", description: "a replace under a field the template does not have", document: 1,
        expect: {
            resource: label("override-patch-does-not-apply.yaml", 1, "FederatedDeployment shop/web"), cluster: "cluster2", field: "spec.overrides[0].clusterOverrides[0]",
            message: /cannot replace "\/spec\/template\/spec\/containers\/0\/resources\/limits\/cpu": \/spec\/template\/spec\/containers\/0 has no "resources" \(it has: name, image\)/,
        },
    },
    {
        file: "replicas-five.yaml", description: "an override setting replicas to \"five\" in one cluster", document: 1,
        expect: { resource: label("replicas-five.yaml", 1, "FederatedDeployment shop/web"), cluster: "cluster2", field: "spec.template.spec.replicas", message: /must be integer by the apps\/v1 Deployment schema, as planned for this cluster after replace \/spec\/replicas/ },
    },
    {
        file: "cluster-scoped-with-namespace.yaml", description: "a FederatedClusterRole with a namespace", document: 0,
        expect: { resource: label("cluster-scoped-with-namespace.yaml", 0, "FederatedClusterRole shop/reader"), field: "metadata.namespace", message: /ClusterRole is cluster-scoped, so FederatedClusterRole takes no namespace/ },
    },
    {
        file: "namespace-name-mismatch.yaml", description: "a FederatedNamespace in a namespace other than its own", document: 0,
        expect: { resource: label("namespace-name-mismatch.yaml", 0, "FederatedNamespace billing/shop"), field: "metadata.namespace", message: /a FederatedNamespace lives in the namespace it federates: name and namespace must both be "shop"/ },
    },
    {
        file: "template-name-differs.yaml", description: "a template whose metadata.name differs from the federated object's", document: 1,
        expect: { resource: label("template-name-differs.yaml", 1, "FederatedConfigMap shop/settings"), field: "spec.template.metadata.name", message: /is "settings-v2", but the object is the FederatedConfigMap's own name \("settings"\); leave it out of the template/ },
    },
    {
        file: "kubefedcluster-bad-name.yaml", description: "a KubeFedCluster whose name is not a DNS label", document: 0,
        expect: { resource: label("kubefedcluster-bad-name.yaml", 0, "KubeFedCluster kube-federation-system/Cluster_1"), field: "metadata.name", message: /member cluster name "Cluster_1" is not a DNS-1123 label/ },
    },
    {
        file: "kubefedcluster-not-member.yaml", description: "a KubeFedCluster the federation has not joined", document: 1,
        expect: { resource: label("kubefedcluster-not-member.yaml", 1, "KubeFedCluster kube-federation-system/cluster3"), cluster: "cluster3", field: "metadata.name", message: /is not a member of the federation \(members: cluster1, cluster2\); join it first/ },
    },
    {
        file: "rsp-total-many.yaml", description: "a ReplicaSchedulingPreference with totalReplicas: many", document: 2,
        expect: { resource: label("rsp-total-many.yaml", 2, "ReplicaSchedulingPreference shop/web"), field: "spec.totalReplicas", message: /must be a whole number of replicas, got string "many"/ },
    },
    {
        file: "rsp-unknown-cluster.yaml", description: "a ReplicaSchedulingPreference weighting an unknown cluster", document: 2,
        expect: { resource: label("rsp-unknown-cluster.yaml", 2, "ReplicaSchedulingPreference shop/web"), cluster: "cluster3", field: 'spec.clusters["cluster3"]', message: /is not a member of the federation/ },
    },
    {
        file: "duplicate-object.yaml", description: "two documents for one ConfigMap", document: 2,
        expect: { resource: label("duplicate-object.yaml", 2, "FederatedConfigMap shop/settings"), field: "metadata.name", message: /the same ConfigMap is already federated by .*duplicate-object\.yaml document 1 \(FederatedConfigMap shop\/settings\)/ },
    },
    {
        file: "invalid-namespace.yaml", description: "a namespace name with capitals and an underscore", document: 0,
        expect: { resource: label("invalid-namespace.yaml", 0, "FederatedConfigMap Shop_EU/settings"), field: "metadata.namespace", message: /namespace name "Shop_EU" is not a DNS-1123 label/ },
    },
    {
        file: "selector-bad-operator.yaml", description: "a placement selector with operator Equals", document: 0,
        expect: { resource: label("selector-bad-operator.yaml", 0, "FederatedNamespace shop/shop"), field: "spec.placement.clusterSelector.matchExpressions[0].operator", message: /"Equals" is not a selector operator/ },
    },
    {
        file: "types-version-unknown.yaml", description: "types.kubefed.io/v2, a version KubeFed never had", document: 0,
        expect: { resource: label("types-version-unknown.yaml", 0, "FederatedConfigMap shop/settings"), field: "apiVersion", message: /types\.kubefed\.io\/v2 is not a KubeFed types version \(use types\.kubefed\.io\/v1beta1\)/ },
    },
    {
        file: "generate-name.yaml", description: "a template with metadata.generateName", document: 0,
        expect: { resource: label("generate-name.yaml", 0, "FederatedJob shop/migrate"), field: "spec.template.metadata.generateName", message: /is not allowed: a federated resource has the same name in every cluster/ },
    },
    {
        file: "template-other-kind.yaml", description: "a FederatedDeployment whose template says StatefulSet", document: 1,
        expect: { resource: label("template-other-kind.yaml", 1, "FederatedDeployment shop/web"), field: "spec.template.kind", message: /is "StatefulSet" but this federated resource is apps\/v1 Deployment/ },
    },
    {
        file: "container-without-name.yaml", description: "an override that appends a container without a name in one cluster", document: 1,
        expect: {
            resource: label("container-without-name.yaml", 1, "FederatedDeployment shop/web"), cluster: "cluster1", field: "spec.template.spec.template.spec.containers[1].name",
            message: /is required by the apps\/v1 Deployment schema, as planned for this cluster after add \/spec\/template\/spec\/containers\/-/,
        },
    },
    {
        file: "duplicate-key.yaml", description: "placement written twice in one mapping", document: 1,
        expect: { resource: /duplicate-key\.yaml:13:3$/, message: /YAML syntax error in document 1: Map keys must be unique/ },
    },
    {
        // The document's line is that of its "---" separator (6), not of its first key (7).
        file: "not-a-mapping.yaml", description: "a document that is a YAML list of manifests", document: 1,
        expect: { resource: /not-a-mapping\.yaml document 1 \(line 6\)$/, message: /a manifest must be a mapping with apiVersion, kind and metadata/ },
    },
    {
        file: "dependency-not-placed.yaml", description: "a Deployment on both clusters whose ConfigMap is placed on cluster1 only", document: 2,
        expect: {
            resource: label("dependency-not-placed.yaml", 2, "FederatedDeployment shop/web"), cluster: "cluster2", field: "spec.template.spec.template.spec.containers[0].envFrom[0].configMapRef.name",
            message: /refers to ConfigMap "settings", which .* places only on cluster1; place it on cluster2 too/,
        },
    },
    // Issue 10: YAML's non-JSON types, alias cycles and depth are refused at load time, naming
    // the file, the document and the field; names follow the same per-kind rules as typed code.
    {
        file: "yaml-binary.yaml", description: "a !!binary value in a Secret's data", document: 1,
        expect: { resource: /yaml-binary\.yaml document 1 \(line 6\)$/, field: 'spec.template.data["tls.key"]', message: /is binary data \(YAML !!binary/ },
    },
    {
        file: "yaml-timestamp.yaml", description: "an unquoted date in a ConfigMap (YAML 1.1 reads a timestamp)", document: 1,
        expect: { resource: /yaml-timestamp\.yaml document 1 \(line 6\)$/, field: "spec.template.data.released", message: /is a timestamp \(YAML !!timestamp; quote it to keep it a string\)/ },
    },
    {
        file: "yaml-set.yaml", description: "a !!set where a mapping belongs", document: 1,
        expect: { resource: /yaml-set\.yaml document 1 \(line 6\)$/, field: "spec.template.data", message: /is a set \(YAML !!set; write a list\)/ },
    },
    {
        file: "yaml-omap.yaml", description: "a !!omap where a mapping belongs", document: 1,
        expect: { resource: /yaml-omap\.yaml document 1 \(line 6\)$/, field: "spec.template.data", message: /is an ordered map or pairs \(YAML !!omap \/ !!pairs; write a mapping\)/ },
    },
    {
        file: "yaml-infinity.yaml", description: "replicas: .inf", document: 0,
        expect: { resource: /yaml-infinity\.yaml document 0 \(line 1\)$/, field: "spec.template.spec.replicas", message: /is Infinity, which JSON \(and so Kubernetes\) cannot hold/ },
    },
    {
        file: "yaml-alias-cycle.yaml", description: "an alias inside its own anchor", document: 1,
        expect: { resource: /yaml-alias-cycle\.yaml document 1 \(line 6\)$/, field: "spec.template.again", message: /is a cycle in the document: it refers back to spec\.template/ },
    },
    {
        file: "yaml-alias-deep.yaml", description: "a template nested 120 flow mappings deep", document: 1,
        expect: { resource: /yaml-alias-deep\.yaml document 1 \(line 6\)$/, field: "spec.template.spec.a.a.a.a.a...", message: /nests deeper than 100 levels \(in the document\)/ },
    },
    {
        file: "name-service-leading-digit.yaml", description: "a FederatedService named 1web (Services need a DNS-1035 label)", document: 1,
        expect: { resource: label("name-service-leading-digit.yaml", 1, "FederatedService shop/1web"), field: "metadata.name", message: /"1web" is not a valid Service name \(a DNS-1035 label/ },
    },
    {
        file: "name-cluster-role-colon.yaml", description: "a ClusterRole name with '/' (a colon, in the document before, is fine)", document: 1,
        expect: { resource: /name-cluster-role-colon\.yaml document 1 \(FederatedClusterRole .*team\/readers\)$/, field: "metadata.name", message: /"team\/readers" is not a valid ClusterRole name/ },
    },
    {
        file: "spec-typo-overides.yaml", description: "overides: for overrides: (KubeFed's API server would drop it silently)", document: 1,
        expect: { resource: label("spec-typo-overides.yaml", 1, "FederatedConfigMap shop/settings"), field: "spec.overides", message: /is not a FederatedConfigMap spec field \(expected template, placement, overrides, retainReplicas, rollout\); did you mean overrides\?/ },
    },
    {
        file: "template-typo-imag.yaml", description: "imag: in a container, found from the Kubernetes schema", document: 1,
        expect: { resource: label("template-typo-imag.yaml", 1, "FederatedDeployment shop/web"), field: "spec.template.spec.template.spec.containers[0].imag", message: /unknown field "imag" in template: Container \(in the apps\/v1 Deployment schema\) has no such field; did you mean image\?/ },
    },
    {
        file: "placement-under-template.yaml", description: "placement indented under template", document: 1,
        expect: { resource: label("placement-under-template.yaml", 1, "FederatedConfigMap shop/settings"), field: "spec.template.placement", message: /placement belongs next to the template, not inside it \(check its indentation\)/ },
    },
    {
        file: "kind-typo-deploymnet.yaml", description: "FederatedDeploymnet of apps/v1", document: 1,
        expect: { resource: label("kind-typo-deploymnet.yaml", 1, "FederatedDeploymnet shop/web"), field: "kind", message: /Deploymnet is not a kind of the built-in API group "apps" \(apps\/v1\); did you mean FederatedDeployment\?/ },
    },
    {
        file: "typeconfig-missing-scope.yaml", description: "a FederatedTypeConfig whose targetType has no scope", document: 0,
        expect: { resource: label("typeconfig-missing-scope.yaml", 0, "FederatedTypeConfig kube-federation-system/gadgets.example.com"), field: "spec.targetType.scope", message: /is required \(Cluster or Namespaced\)/ },
    },
];

function manifestFederation(): fed.Federation {
    return new fed.Federation("fleet", { clusters: MANIFEST_MEMBERS.map((member) => ({ ...member, labels: { ...member.labels } })) });
}

describe("bad-input corpus: KubeFed manifests", () => {
    it("has one table entry per file in tests/corpus/manifests, and no entry without a file", () => {
        const files = fs.readdirSync(MANIFEST_DIR).filter((name) => name.endsWith(".yaml")).sort();
        assert.deepEqual(manifestCases.map((c) => c.file).sort(), files);
    });

    for (const c of manifestCases) {
        const title = `${c.file}: ${c.description}`;
        if (c.skip) {
            it.skip(`${title} (${c.skip})`);
            continue;
        }
        it(title, async () => {
            const file = path.join(MANIFEST_DIR, c.file);
            const baseline = await runProgram(manifestFederation);
            assert.equal(baseline.error, undefined, String(baseline.error));
            const run = await runProgram(() => {
                const federation = manifestFederation();
                new fed.FederatedManifests("m", { federation, files: [file] });
            });
            const error = checkError(run, c.expect);
            const resource = error.resource ?? "";
            assert.ok(resource.includes(c.file), `the resource names the file: ${resource}`);
            // A syntax error names the file's line and column; the document index is in the reason.
            const syntax = /:\d+:\d+$/.test(resource);
            assert.match(syntax ? error.reason : resource, new RegExp(`document ${c.document}\\b`), `names document ${c.document}: ${error.message}`);
            if (!syntax) {
                // Every other error points at the field itself: its line holds the field's key.
                assert.ok(error.position, `names the line and column: ${error.message}`);
                assert.equal(error.position.source, file);
                const key = /([A-Za-z][\w-]*)\]?$/.exec(error.field ?? "")?.[1];
                const line = fs.readFileSync(file, "utf8").split("\n")[error.position.line - 1];
                if (key && !/\[\d+\]$/.test(error.field ?? "") && !/^is (missing|required)/.test(error.reason)) assert.ok(line.includes(key), `line ${error.position.line} ("${line}") holds ${key}`);
            }
            checkNothingRegistered(run, baseline);
        });
    }
});

describe("bad-input corpus: size", () => {
    it("has at least 40 cases: at least 30 programs and 12 manifest files", () => {
        assert.ok(programCases.length >= 30, `${programCases.length} program cases`);
        assert.ok(manifestCases.length >= 12, `${manifestCases.length} manifest cases`);
        assert.ok(programCases.length + manifestCases.length >= 40, `${programCases.length + manifestCases.length} cases`);
        const ids = programCases.map((c) => c.id);
        assert.deepEqual(ids.filter((id, index) => ids.indexOf(id) !== index), [], "case ids are unique");
    });
});

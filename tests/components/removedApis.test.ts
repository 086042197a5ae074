import { strict as assert } from "assert";
import * as fed from "../../components";
import { FederationError } from "../../components";
import { runProgram } from "../harness";

const clusters: fed.MemberClusterArgs[] = [{ name: "eu", labels: { region: "eu" } }, { name: "us", labels: { region: "us" } }];
const REMOVED = "Ingress extensions/v1beta1 was removed in Kubernetes 1.22; use networking.k8s.io/v1 (a member running 1.22 or later refuses it)";

/** KubeFed's Helm chart federates Ingresses at extensions/v1beta1; a migrating user brings that configuration along. */
const manifests = `
apiVersion: core.kubefed.io/v1beta1
kind: FederatedTypeConfig
metadata: { name: ingresses.extensions, namespace: kube-federation-system }
spec:
  federatedType: { group: types.kubefed.io, kind: FederatedIngress, pluralName: federatedingresses, scope: Namespaced, version: v1beta1 }
  propagation: Enabled
  targetType: { group: extensions, kind: Ingress, pluralName: ingresses, scope: Namespaced, version: v1beta1 }
---
apiVersion: types.kubefed.io/v1beta1
kind: FederatedIngress
metadata: { name: shop-front, namespace: shop }
spec:
  template:
    spec:
      rules: [{ host: shop.example.com, http: { paths: [{ backend: { serviceName: front, servicePort: 80 } }] } }]
  placement: { clusters: [{ name: eu }] }
`;

describe("an object under an API version Kubernetes removed is reported, with the release and the version to use", () => {
    it("FederatedResource: a warning on the component", async () => {
        const run = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters });
            new fed.FederatedResource("site", { federation, apiVersion: "extensions/v1beta1", kind: "Ingress", namespace: "shop", template: { spec: { backend: { serviceName: "front", servicePort: 80 } } }, placement: { clusterSelector: {} } });
        });
        assert.equal(run.error, undefined, String(run.error));
        assert.deepEqual(run.warnings.filter((w) => w.includes("was removed")), [`FederatedResource "site": ${REMOVED}`]);
    });

    it("FederatedManifests: the same warning, once, from the component the document makes", async () => {
        const run = await runProgram(() => new fed.FederatedManifests("fed", { federation: new fed.Federation("fleet", { clusters }), yaml: manifests }));
        assert.equal(run.error, undefined, String(run.error));
        assert.deepEqual(run.warnings.filter((w) => w.includes("was removed")), [`FederatedResource "shop-front": ${REMOVED}`]);
    });

    it("an error when no release from the federation's oldestKubernetes on serves it, naming the document for manifests", async () => {
        const typed = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters, oldestKubernetes: "1.25" });
            new fed.FederatedResource("site", { federation, apiVersion: "extensions/v1beta1", kind: "Ingress", namespace: "shop", template: {}, placement: { clusterSelector: {} } });
        });
        assert.ok(typed.error instanceof FederationError, String(typed.error));
        assert.equal(typed.error.field, "apiVersion");
        assert.match(typed.error.message, /^FederatedResource "site", field apiVersion: Ingress extensions\/v1beta1 was removed in Kubernetes 1\.22; use networking\.k8s\.io\/v1\. No member can serve it: no Kubernetes release from the federation's oldestKubernetes \(1\.25\) on does/);
        const yaml = await runProgram(() => new fed.FederatedManifests("fed", { federation: new fed.Federation("fleet", { clusters, oldestKubernetes: "1.25" }), yaml: manifests }));
        assert.ok(yaml.error instanceof FederationError, String(yaml.error));
        assert.equal(yaml.error.resource, 'FederatedManifests "fed" yaml document 1 (FederatedIngress shop/shop-front)');
        assert.match(yaml.error.message, /Ingress extensions\/v1beta1 was removed in Kubernetes 1\.22; use networking\.k8s\.io\/v1\. No member can serve it/);
        // A Deployment of apps/v1beta1 was gone by 1.16, the default oldest release.
        const old = await runProgram(() => {
            const federation = new fed.Federation("fleet", { clusters });
            new fed.FederatedResource("web", { federation, apiVersion: "apps/v1beta1", kind: "Deployment", namespace: "shop", template: {}, placement: { clusterSelector: {} } });
        });
        assert.match(String(old.error), /Deployment apps\/v1beta1 was removed by Kubernetes 1\.16; use apps\/v1\. No member can serve it: no Kubernetes release from the federation's oldestKubernetes \(1\.16\) on does; if a member runs an older release, set oldestKubernetes to that release/);
    });
});

import * as pulumi from "@pulumi/pulumi";
import * as fed from "./components";
import { captureProgram } from "./components/synth/capture";
import { clusterObjects } from "./components/synth/objects";
import { renderObjects } from "./components/synth/render";
import { clusterTables } from "./components/synth/report";
describe("r4", () => { it("cluster-scoped custom in synth; name collision", async () => {
  const cap = await captureProgram(() => {
    const federation = new fed.Federation("f", { clusters: [{ name: "east" }, { name: "us-east" }] });
    new fed.FederatedResource("issuer", { federation, apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", clusterScoped: true, template: { spec: {} }, placement: { clusterSelector: {} } });
    new fed.FederatedConfigMap("api", { federation, namespace: "default", template: { data: { a: "1" } }, placement: { clusters: ["us-east"] } });
    new fed.FederatedConfigMap("api-us", { federation, namespace: "default", template: { data: { a: "2" } }, placement: { clusters: ["east"] } });
  }, {});
  console.log("error", cap.error);
  console.log(cap.registrations.filter(r => r.name === "api-us-east").map(r => r.urn));
  const p = clusterObjects(cap);
  console.log(clusterTables(p.clusters, p.objects));
  console.log([...renderObjects(p.clusters, p.objects).get("east")!.keys()]);
});});

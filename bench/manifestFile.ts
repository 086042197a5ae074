/**
 * A large manifest file whose last document is wrong (issue 25, class 11): the time from reading
 * the file to the error, against reading the same file with `yaml` alone (the reader of record,
 * as every document was read before the fast reader) and against JSON.parse of the same objects
 * (the floor), each in this process after the file is written.
 *   manifestFile.ts <documents> <library|yaml|json>
 * Prints one JSON line: { mode, documents, megabytes, seconds, error }.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadFederationManifests, parseManifestTextWithYaml } from "../components/manifests/load";
import { planFederation } from "../components/manifests/plan";

const MEMBERS = [{ name: "cluster1", labels: { region: "eu" } }, { name: "cluster2", labels: { region: "eu" } }];

/** One FederatedDeployment of about 1.2 KB; the last one's override names a cluster that is not a member. */
function document(i: number, last: boolean): string {
    return `apiVersion: types.kubefed.io/v1beta1
kind: FederatedDeployment
metadata:
  name: web-${i}
  namespace: shop
  labels: { app: web-${i}, tier: "frontend" }
spec:
  template:
    metadata:
      labels:
        app: web-${i}
      annotations:
        example.com/owner: "team-${i % 17}"
        example.com/description: "generated for the manifest benchmark, number ${i}, with enough text to be a realistic size"
    spec:
      replicas: ${1 + (i % 5)}
      selector:
        matchLabels:
          app: web-${i}
      template:
        metadata:
          labels:
            app: web-${i}
        spec:
          containers:
            - name: web
              image: "nginx:1.27.${i % 10}"
              ports:
                - containerPort: 8080
                  protocol: TCP
              env:
                - name: MODE
                  value: production
                - name: INDEX
                  value: "${i}"
              resources:
                requests: { cpu: 100m, memory: 128Mi }
                limits: { cpu: 500m, memory: 256Mi }
  placement:
    clusterSelector:
      matchLabels:
        region: eu
  overrides:
    - clusterName: ${last ? "cluster9" : "cluster2"}
      clusterOverrides:
        - path: /spec/replicas
          value: 3
`;
}

const [count, mode] = [Number(process.argv[2]), process.argv[3]];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "federation-bench-"));
try {
    const file = path.join(dir, "fleet.yaml");
    fs.writeFileSync(file, Array.from({ length: count }, (_, i) => document(i, i === count - 1)).join("---\n"));
    const megabytes = fs.statSync(file).size / 1024 / 1024;
    // The floor: the same objects as JSON text, made before the clock starts.
    const json = mode === "json" ? `[${Array.from({ length: count }, (_, i) => JSON.stringify(parseManifestTextWithYaml(document(i, false), "one.yaml")[0].object)).join(",")}]` : "";
    const start = process.hrtime.bigint();
    let error = "";
    if (mode === "library") {
        try {
            planFederation(loadFederationManifests([file]), MEMBERS, { validateSchema: true });
        } catch (thrown) {
            error = (thrown as Error).message.split("\n")[0];
        }
    } else if (mode === "yaml") {
        parseManifestTextWithYaml(fs.readFileSync(file, "utf8"), file);
    } else {
        JSON.parse(json);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(JSON.stringify({ mode, documents: count, megabytes, seconds, error }));
} finally {
    fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * A real Karmada control plane beside the end-to-end fleet, built from github.com/karmada-io/karmada
 * by e2e/setup: a kube-apiserver as the Karmada API server (the fleet's etcd, its own prefix),
 * karmada-aggregated-apiserver behind an APIService (it alone serves cluster.karmada.io: Karmada
 * ships no CRD for Cluster), kube-controller-manager (namespace and garbage-collector controllers:
 * bindings are deleted through their owner references), karmada-webhook (required: it gives each
 * policy its permanent-id label, and the scheduler ignores bindings whose policy has none; it also
 * defaults, validates and converts bindings), karmada-controller-manager (all of its default
 * controllers) and karmada-scheduler. Karmada's own CRDs and webhook configurations
 * are applied from the module's files, which e2e/setup copies to `<bin>/karmada/`.
 *
 * Each member joins in Push mode as `karmadactl join` would, but with the member's static
 * system:masters token: a Secret {token, caBundle} in karmada-cluster and a Cluster pointing at it.
 * Everything listens on 127.0.0.1; the processes are recorded in the fleet's PID file, so
 * `fleet.stop()` stops them too.
 */
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { issueCertificate, memberCredentials } from "./certs";
import { Fleet } from "./fleet";
import { ApiEndpoint, getObject, HttpError, KubeObject, request } from "./kube";
import { freePort, startProcess, Started, waitUntil } from "./processes";

export interface KarmadaMember {
    name: string;
    server: string;
    /** PEM of the member's certificate authority. */
    ca: string;
    /** A bearer token of the member (Karmada's cluster client reads only a token). */
    token: string;
    labels?: Record<string, string>;
}

export interface KarmadaOptions {
    /** The fleet's folder: Karmada's files go to `<dir>/karmada`, its processes into the fleet's PID file. */
    dir: string;
    /** Folder with kube-apiserver, kube-controller-manager, the karmada-* binaries and karmada/. */
    bin: string;
    etcdUrl: string;
    members: KarmadaMember[];
    readyTimeoutMs?: number;
    /** Extra flags for karmada-controller-manager (after the defaults here). */
    controllerManagerFlags?: string[];
}

export interface Karmada {
    server: string;
    /** Admin access (client certificate) to the Karmada API server. */
    endpoint: ApiEndpoint;
    kubeconfigPath: string;
    context: string;
    clusters: string[];
}

/** The members of a running fleet as Karmada members (their token user), with labels per member. */
export function karmadaMembersOf(fleet: Fleet, labels: Record<string, Record<string, string>> = {}): KarmadaMember[] {
    return fleet.members.map((m) => ({
        name: m.name, server: m.server, ca: m.endpoint.ca, token: m.credentials.token,
        labels: labels[m.name] ?? {},
    }));
}

/**
 * Registers a Node object (no kubelet behind it) with the given allocatable resources in a member, so
 * that Karmada's cluster status controller sees capacity: without nodes every cluster has 0
 * available replicas, and Divided with `Aggregated` or `dynamicWeight: AvailableReplicas` schedules
 * nothing. Static weights and Duplicated do not need it. Call it before `startKarmada` (the status is
 * collected every 10s).
 */
export async function registerNode(member: ApiEndpoint, name: string, allocatable: Record<string, string>): Promise<void> {
    await apply(member, "/api/v1/nodes", {
        apiVersion: "v1", kind: "Node", metadata: { name, labels: { "kubernetes.io/hostname": name } },
        status: {
            capacity: allocatable, allocatable,
            conditions: [{ type: "Ready", status: "True", reason: "E2E", message: "no kubelet: an object for Karmada's resource summary" }],
        },
    });
}

const b64 = (text: string | Buffer) => Buffer.from(text).toString("base64");
const json = (data: unknown) => ({ contentType: "application/json", data });
const aggregatedService = { name: "karmada-aggregated-apiserver", namespace: "karmada-system" };

/** Creates `obj` in `collection` (a REST path such as /api/v1/namespaces), or replaces it when it exists. */
export async function apply(endpoint: ApiEndpoint, collection: string, obj: KubeObject | Record<string, unknown>): Promise<KubeObject> {
    try {
        return await request(endpoint, "POST", collection, 15_000, json(obj)) as KubeObject;
    } catch (err) {
        if (!(err instanceof HttpError) || err.status !== 409) throw err;
        const name = (obj as KubeObject).metadata.name;
        const current = await request(endpoint, "GET", `${collection}/${name}`) as KubeObject;
        const next = { ...obj, metadata: { ...(obj as KubeObject).metadata, resourceVersion: current.metadata.resourceVersion } };
        return await request(endpoint, "PUT", `${collection}/${name}`, 15_000, json(next)) as KubeObject;
    }
}

function readYamlDocs(file: string): Array<Record<string, unknown>> {
    return parseAllDocuments(fs.readFileSync(file, "utf8")).map((d) => d.toJS() as Record<string, unknown>).filter((d) => d);
}

function yamlFilesUnder(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory()
        ? yamlFilesUnder(path.join(dir, e.name)) : e.name.endsWith(".yaml") ? [path.join(dir, e.name)] : []).sort();
}

function condition(obj: KubeObject | undefined, type: string): string | undefined {
    const conditions = (obj?.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions;
    return conditions?.find((c) => c.type === type)?.status;
}

function kubeconfig(server: string, ca: string, cert: string, key: string): string {
    return [
        "apiVersion: v1", "kind: Config", "current-context: karmada",
        "clusters:", `- name: karmada\n  cluster:\n    server: ${server}\n    certificate-authority-data: ${b64(ca)}`,
        "users:", `- name: karmada-admin\n  user:\n    client-certificate-data: ${b64(cert)}\n    client-key-data: ${b64(key)}`,
        "contexts:", "- name: karmada\n  context:\n    cluster: karmada\n    user: karmada-admin", "",
    ].join("\n");
}

/** Starts the Karmada control plane and joins every member; resolves once every Cluster is Ready. */
export async function startKarmada(options: KarmadaOptions): Promise<Karmada> {
    const timeout = options.readyTimeoutMs ?? 120_000;
    const bin = (name: string) => path.join(options.bin, name);
    const dir = path.join(path.resolve(options.dir), "karmada");
    const c = memberCredentials(dir, "karmada");
    const proxyClient = issueCertificate(dir, "front-proxy-client", "/CN=front-proxy-client", "extendedKeyUsage=clientAuth\n");
    // The aggregator checks the serving name <service>.<namespace>.svc, whatever address it dials.
    const aggregated = issueCertificate(dir, "aggregated-apiserver", `/CN=${aggregatedService.name}`,
        `subjectAltName=DNS:${aggregatedService.name}.${aggregatedService.namespace}.svc,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n`);
    const ca = fs.readFileSync(c.caCert, "utf8");
    const port = await freePort();
    const server = `https://127.0.0.1:${port}`;
    const endpoint: ApiEndpoint = {
        name: "karmada", server, ca,
        clientCert: fs.readFileSync(c.clientCert, "utf8"), clientKey: fs.readFileSync(c.clientKey, "utf8"),
    };
    const kubeconfigPath = path.join(dir, "karmada.kubeconfig");
    fs.writeFileSync(kubeconfigPath, kubeconfig(server, ca, endpoint.clientCert!, endpoint.clientKey!), { mode: 0o600 });
    const start = (name: string, command: string, args: string[]): Started =>
        startProcess(options.dir, name, bin(command), args);
    const healthy = (url: string) => async () => (await request(endpoint, "GET", url, 5_000)) === "ok";

    const apiserver = start("karmada-apiserver", "kube-apiserver", [
        `--etcd-servers=${options.etcdUrl}`, "--etcd-prefix=/e2e-karmada",
        "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", `--secure-port=${port}`,
        `--cert-dir=${dir}`, `--tls-cert-file=${c.serverCert}`, `--tls-private-key-file=${c.serverKey}`,
        `--client-ca-file=${c.caCert}`, `--token-auth-file=${c.tokenFile}`, "--authorization-mode=RBAC",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        `--service-account-key-file=${c.serviceAccountPub}`, `--service-account-signing-key-file=${c.serviceAccountKey}`,
        "--disable-admission-plugins=StorageObjectInUseProtection,ServiceAccount",
        "--service-cluster-ip-range=10.96.0.0/24", "--allow-privileged=true",
        // Front proxy for the aggregated API server, as in Karmada's own karmada-apiserver.yaml.
        `--proxy-client-cert-file=${proxyClient.cert}`, `--proxy-client-key-file=${proxyClient.key}`,
        `--requestheader-client-ca-file=${c.caCert}`, "--requestheader-allowed-names=front-proxy-client",
        "--requestheader-extra-headers-prefix=X-Remote-Extra-", "--requestheader-group-headers=X-Remote-Group",
        "--requestheader-username-headers=X-Remote-User",
        "--enable-priority-and-fairness=false", "--profiling=false", "--endpoint-reconciler-type=none", "-v=1",
    ]);
    await waitUntil("karmada-apiserver", timeout, healthy("/readyz"), apiserver);
    for (const ns of ["karmada-system", "karmada-cluster"]) {
        await apply(endpoint, "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    }

    // Karmada's CRDs, with the conversion webhook of the binding CRDs (charts/karmada/_crds/patches).
    const webhookPort = await freePort();
    const webhookUrl = `https://127.0.0.1:${webhookPort}`;
    const crdNames: string[] = [];
    for (const file of yamlFilesUnder(path.join(options.bin, "karmada", "crds", "bases"))) {
        for (const crd of readYamlDocs(file) as unknown as KubeObject[]) {
            const name = crd.metadata.name;
            if (name === "resourcebindings.work.karmada.io" || name === "clusterresourcebindings.work.karmada.io") {
                (crd.spec as Record<string, unknown>).conversion = {
                    strategy: "Webhook",
                    webhook: { clientConfig: { url: `${webhookUrl}/convert`, caBundle: b64(ca) }, conversionReviewVersions: ["v1"] },
                };
            }
            await apply(endpoint, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
            crdNames.push(name);
        }
    }
    for (const name of crdNames) {
        await waitUntil(`CRD ${name} established`, timeout, async () => condition(
            await getObject(endpoint, "apiextensions.k8s.io/v1", "customresourcedefinitions", name), "Established") === "True");
    }

    const kcm = start("karmada-kube-controller-manager", "kube-controller-manager", [
        `--kubeconfig=${kubeconfigPath}`, "--controllers=namespace-controller,garbage-collector-controller",
        "--leader-elect=false", "--use-service-account-credentials=false",
        "--bind-address=127.0.0.1", `--secure-port=${await freePort()}`, `--cert-dir=${path.join(dir, "kube-controller-manager")}`,
        "--authentication-skip-lookup=true", "-v=1",
    ]);

    // karmada-aggregated-apiserver, registered as Karmada's deploy files do (APIService + ExternalName Service).
    const aggregatedPort = await freePort();
    const aggregatedServer = start("karmada-aggregated-apiserver", "karmada-aggregated-apiserver", [
        `--kubeconfig=${kubeconfigPath}`, `--authentication-kubeconfig=${kubeconfigPath}`, `--authorization-kubeconfig=${kubeconfigPath}`,
        `--etcd-servers=${options.etcdUrl}`, "--etcd-prefix=/e2e-karmada",
        `--tls-cert-file=${aggregated.cert}`, `--tls-private-key-file=${aggregated.key}`,
        "--bind-address=127.0.0.1", `--secure-port=${aggregatedPort}`, `--cert-dir=${path.join(dir, "aggregated-apiserver")}`,
        "--audit-log-path=-", "--audit-log-maxage=0", "--audit-log-maxbackup=0", "--profiling=false", "-v=1",
    ]);
    await waitUntil("karmada-aggregated-apiserver", timeout, async () =>
        (await request({ ...endpoint, server: `https://127.0.0.1:${aggregatedPort}` }, "GET", "/readyz", 5_000)) === "ok", aggregatedServer);
    await apply(endpoint, `/api/v1/namespaces/${aggregatedService.namespace}/services`, {
        apiVersion: "v1", kind: "Service", metadata: { ...aggregatedService },
        spec: { type: "ExternalName", externalName: "localhost" },
    });
    await apply(endpoint, "/apis/apiregistration.k8s.io/v1/apiservices", {
        apiVersion: "apiregistration.k8s.io/v1", kind: "APIService", metadata: { name: "v1alpha1.cluster.karmada.io" },
        spec: {
            group: "cluster.karmada.io", version: "v1alpha1", groupPriorityMinimum: 2000, versionPriority: 10,
            service: { ...aggregatedService, port: aggregatedPort }, caBundle: b64(ca),
        },
    });
    await waitUntil("APIService v1alpha1.cluster.karmada.io available", timeout, async () => condition(
        await getObject(endpoint, "apiregistration.k8s.io/v1", "apiservices", "v1alpha1.cluster.karmada.io"), "Available") === "True", aggregatedServer);

    // karmada-webhook, then its configurations (Karmada's webhook-configuration.yaml, pointed at 127.0.0.1).
    const webhookCerts = path.join(dir, "webhook");
    fs.mkdirSync(webhookCerts, { recursive: true });
    fs.copyFileSync(c.serverCert, path.join(webhookCerts, "tls.crt"));
    fs.copyFileSync(c.serverKey, path.join(webhookCerts, "tls.key"));
    const webhook = start("karmada-webhook", "karmada-webhook", [
        `--kubeconfig=${kubeconfigPath}`, "--bind-address=127.0.0.1", `--secure-port=${webhookPort}`, `--cert-dir=${webhookCerts}`,
        "--metrics-bind-address=0", `--health-probe-bind-address=127.0.0.1:${await freePort()}`, "-v=1",
    ]);
    await waitUntil("karmada-webhook", timeout, async () =>
        (await request({ ...endpoint, server: webhookUrl }, "GET", "/readyz/", 5_000)) === "ok", webhook);
    const webhookYaml = fs.readFileSync(path.join(options.bin, "karmada", "webhook-configuration.yaml"), "utf8")
        .split("https://karmada-webhook.karmada-system.svc:443").join(webhookUrl)
        .split("{{caBundle}}").join(b64(ca));
    for (const doc of parseAllDocuments(webhookYaml).map((d) => d.toJS() as KubeObject)) {
        const plural = doc.kind === "MutatingWebhookConfiguration" ? "mutatingwebhookconfigurations" : "validatingwebhookconfigurations";
        await apply(endpoint, `/apis/admissionregistration.k8s.io/v1/${plural}`, doc);
    }

    const controllersHealth = await freePort();
    const controllers = start("karmada-controller-manager", "karmada-controller-manager", [
        `--kubeconfig=${kubeconfigPath}`, "--leader-elect=false",
        "--metrics-bind-address=0", `--health-probe-bind-address=127.0.0.1:${controllersHealth}`,
        "--cluster-status-update-frequency=10s", "-v=2", ...(options.controllerManagerFlags ?? []),
    ]);
    const schedulerHealth = await freePort();
    const scheduler = start("karmada-scheduler", "karmada-scheduler", [
        `--kubeconfig=${kubeconfigPath}`, "--leader-elect=false",
        "--metrics-bind-address=0", `--health-probe-bind-address=127.0.0.1:${schedulerHealth}`, "-v=2",
    ]);
    const probe = (port: number) => async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
    await waitUntil("karmada-controller-manager", timeout, probe(controllersHealth), controllers);
    await waitUntil("karmada-scheduler", timeout, probe(schedulerHealth), scheduler);

    // Join: the Secret and Cluster that `karmadactl join` makes, with the member's token.
    const clusters = "/apis/cluster.karmada.io/v1alpha1/clusters";
    for (const m of options.members) {
        await apply(endpoint, "/api/v1/namespaces/karmada-cluster/secrets", {
            apiVersion: "v1", kind: "Secret", metadata: { name: m.name, namespace: "karmada-cluster" },
            data: { token: b64(m.token), caBundle: b64(m.ca) },
        });
        await apply(endpoint, clusters, {
            apiVersion: "cluster.karmada.io/v1alpha1", kind: "Cluster", metadata: { name: m.name, labels: m.labels ?? {} },
            spec: { apiEndpoint: m.server, syncMode: "Push", secretRef: { namespace: "karmada-cluster", name: m.name } },
        });
    }
    for (const m of options.members) {
        await waitUntil(`Karmada cluster ${m.name} Ready`, timeout, async () => {
            for (const p of [scheduler, webhook, aggregatedServer, kcm, apiserver]) {
                if (p.exited()) throw new Error(`${p.name} exited: see ${p.log}`);
            }
            return condition(await getObject(endpoint, "cluster.karmada.io/v1alpha1", "clusters", m.name), "Ready") === "True";
        }, controllers);
    }
    return { server, endpoint, kubeconfigPath, context: "karmada", clusters: options.members.map((m) => m.name) };
}

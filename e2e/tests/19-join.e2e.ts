/**
 * 19. `pulumi-federation join` on the fleet (issue 26): cluster1 joined by its context, cluster3
 * with `--service-account`. Join refuses a name or a server already joined and a context that
 * does not exist. `pulumi up` deploys to cluster3 through the federation's ServiceAccount token:
 * with its ClusterRoleBinding deleted, the update to cluster3 fails with the API server's 403
 * (RBAC really exercised) and `clusters` shows cluster3 False with that 403. The stack's config and state hold no admin credential. `unjoin
 * --service-account` deletes the identity again.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { getObject, request } from "../fleet/kube";
import { command } from "../harness/commands";
import { Stack } from "../harness/pulumi";
import { endpoint, repoRoot, runDir, suite } from "./context";

const PROGRAM = path.join(repoRoot, "e2e", "programs", "joined");
const STACK = "e2e-join";
const IDENTITY = "pulumi-federation-e2e-join";

describe("19. join: members added by the command, one through a service account of its own", function () {
    this.timeout(900_000);
    let stack: Stack;
    let kubeconfigFile: string;

    const cli = (args: string[]) =>
        command(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(repoRoot, "components", "cli", "index.ts"), ...args, "--stack", STACK, "--dir", PROGRAM], repoRoot, suite().cli.env);

    before(async () => {
        kubeconfigFile = path.join(runDir, "join-admin.kubeconfig");
        fs.writeFileSync(kubeconfigFile, suite().fleet.kubeconfig(), { mode: 0o600 });
        stack = new Stack(suite().cli, PROGRAM, STACK);
        await stack.init();
    });

    after(async () => {
        await stack.remove();
        fs.rmSync(path.join(PROGRAM, `Pulumi.${STACK}.yaml`), { force: true });
    });

    it("joins cluster1 by context and cluster3 with a service account; refuses what is already joined", async () => {
        const first = await cli(["join", "cluster1", "--cluster-context", "cluster1", "--kubeconfig", kubeconfigFile, "--labels", "region=eu", "--host"]);
        assert.strictEqual(first.code, 0, first.stdout + first.stderr);
        assert.match(first.stdout, /joined cluster1 \(https:\/\/127\.0\.0\.1:\d+, v1\.\d+\.\d+\) to stack e2e-join/);
        const third = await cli(["join", "cluster3", "--cluster-context", "cluster3", "--kubeconfig", kubeconfigFile, "--labels", "region=ap", "--service-account"]);
        assert.strictEqual(third.code, 0, third.stdout + third.stderr);
        assert.match(third.stdout, /joined cluster3 .* as the federation's ServiceAccount with .*; its kubeconfig is a secret in the stack config/);
        const refusals: [string[], RegExp][] = [
            [["join", "cluster1", "--cluster-context", "cluster1", "--kubeconfig", kubeconfigFile], /member cluster1: is already joined to stack e2e-join; unjoin it first/],
            [["join", "again", "--cluster-context", "cluster1", "--kubeconfig", kubeconfigFile], /member again: its API server https:\/\/127\.0\.0\.1:\d+ is already joined as cluster1/],
            [["join", "nowhere", "--cluster-context", "cluster9", "--kubeconfig", kubeconfigFile], /member nowhere: context "cluster9": no context "cluster9" in the kubeconfig/],
        ];
        for (const [args, message] of refusals) {
            const result = await cli(args);
            assert.strictEqual(result.code, 1, result.stdout);
            assert.match(result.stderr, message);
        }
        // The identity exists in cluster3, and the stack file holds its kubeconfig encrypted.
        assert.ok(await getObject(endpoint("cluster3"), "v1", "serviceaccounts", IDENTITY, "kube-federation-system"));
        const file = fs.readFileSync(path.join(PROGRAM, `Pulumi.${STACK}.yaml`), "utf8");
        assert.match(file, /secure:/);
        for (const secret of adminSecrets()) assert.ok(!file.includes(secret), "no admin credential in the stack file");
    });

    it("pulumi up deploys to both; the state holds no admin credential", async () => {
        await stack.up();
        for (const cluster of ["cluster1", "cluster3"]) {
            assert.strictEqual(((await getObject(endpoint(cluster), "v1", "configmaps", "settings", "e2e-joined"))?.data as Record<string, string>).colour, "blue", cluster);
        }
        assert.strictEqual(await getObject(endpoint("cluster2"), "v1", "namespaces", "e2e-joined"), undefined, "cluster2 was not joined");
        const state = await stack.exportState();
        for (const secret of adminSecrets()) assert.ok(!state.includes(secret), "no admin credential in the state");
    });

    it("the service account's binding deleted, the update to cluster3 fails with the API server's 403; restored, it succeeds", async () => {
        const binding = await getObject(endpoint("cluster3"), "rbac.authorization.k8s.io/v1", "clusterrolebindings", IDENTITY);
        assert.ok(binding, "join made the binding");
        await request(endpoint("cluster3"), "DELETE", `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${IDENTITY}`);
        await stack.setConfig("colour", "red");
        const failed = await stack.up([], { allowFailure: true });
        assert.notStrictEqual(failed.code, 0);
        assert.match(failed.stdout + failed.stderr, /forbidden: User "system:serviceaccount:kube-federation-system:pulumi-federation-e2e-join" cannot/);
        // clusters shows it: the account may no longer list namespaces there (its /readyz is public).
        const clusters = await cli(["clusters", "--output", "json", "--skip-type-check"]);
        assert.strictEqual(clusters.code, 2, clusters.stdout + clusters.stderr);
        const rows = JSON.parse(clusters.stdout.trim().split("\n").pop()!) as { name: string; ready: string; reason?: string }[];
        assert.deepStrictEqual(rows.map((row) => [row.name, row.ready]), [["cluster1", "True"], ["cluster3", "False"]]);
        assert.match(rows[1].reason ?? "", /^403 Forbidden: namespaces is forbidden: User "system:serviceaccount:kube-federation-system:pulumi-federation-e2e-join" cannot list resource "namespaces"/);
        const { metadata, roleRef, subjects } = binding as unknown as { metadata: { name: string }; roleRef: unknown; subjects: unknown };
        await request(endpoint("cluster3"), "POST", "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", 10_000, { contentType: "application/json", data: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name: metadata.name }, roleRef, subjects } });
        await stack.up();
        assert.strictEqual(((await getObject(endpoint("cluster3"), "v1", "configmaps", "settings", "e2e-joined"))?.data as Record<string, string>).colour, "red");
    });

    it("destroy, then unjoin --service-account deletes the identity in cluster3 and both entries", async () => {
        await stack.destroy();
        const third = await cli(["unjoin", "cluster3", "--service-account", "--cluster-context", "cluster3", "--kubeconfig", kubeconfigFile]);
        assert.strictEqual(third.code, 0, third.stderr);
        const first = await cli(["unjoin", "cluster1"]);
        assert.strictEqual(first.code, 0, first.stderr);
        assert.strictEqual(await getObject(endpoint("cluster3"), "v1", "serviceaccounts", IDENTITY, "kube-federation-system"), undefined);
        assert.strictEqual(await getObject(endpoint("cluster3"), "rbac.authorization.k8s.io/v1", "clusterroles", IDENTITY), undefined);
        assert.doesNotMatch(fs.readFileSync(path.join(PROGRAM, `Pulumi.${STACK}.yaml`), "utf8"), /cluster1|cluster3/);
    });

    /** The admin credentials in the fleet's kubeconfig (client keys, certificates, tokens). */
    function adminSecrets(): string[] {
        return [...suite().fleet.kubeconfig().matchAll(/(?:client-key-data|client-certificate-data|token): (\S+)/g)].map((match) => match[1]);
    }
});

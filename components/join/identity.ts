/**
 * What `join --service-account` does in the member, as kubefedctl join does: an identity for the
 * federation, so that the stack holds that identity's token, never the admin's credentials.
 *
 * In the member (reached with the admin's context):
 * - the namespace `kube-federation-system` (KubeFed's);
 * - a ServiceAccount `pulumi-federation-<stack>` there;
 * - a ClusterRole of the same name granting every verb on every resource of every API group, and
 *   `get` on the non-resource URLs, bound to it by a ClusterRoleBinding. This is what KubeFed's
 *   join grants, for the same reason: a federation deploys any kind a program federates (custom
 *   resources, RBAC objects and namespaces included), so a narrower role would fail on the first
 *   kind it leaves out. It is cluster-admin in that member: treat the token as such;
 * - a token: a long-lived service-account token Secret when the member's token controller fills
 *   one in (what KubeFed used), else a TokenRequest valid for a year (join again to renew).
 * `unjoin --service-account` deletes the binding, the role, the token Secret and the account.
 */
import { MemberConnection, apiRequest, connection } from "../health/probe";
import { statusReason } from "../health/reasons";

export const FEDERATION_NAMESPACE = "kube-federation-system";

/** The admin's connection to the member: the kubeconfig (contents, or kubectl's) and the context. */
export function memberConnection(kubeconfig: string | undefined, context: string): Promise<MemberConnection> {
    return connection({ name: context, kubeconfig, context });
}

/** The federation's identity in a member, named after the stack (several stacks can join one cluster). */
function identityName(stack: string): string {
    return `pulumi-federation-${stack.toLowerCase().replace(/[^a-z0-9-]/g, "-")}`.slice(0, 63).replace(/-+$/, "");
}

async function call(member: MemberConnection, method: string, path: string, body?: unknown, allowed: number[] = []): Promise<{ status: number; body: string }> {
    const answer = await apiRequest(method, `${member.server}${path}`, member.options, 15_000, body);
    if ((answer.status < 200 || answer.status > 299) && !allowed.includes(answer.status)) {
        throw new Error(`${method} ${path}: ${statusReason(answer.status, answer.body)}`);
    }
    return answer;
}

/** The member's version (`/version`'s gitVersion): it is a live API server the admin can reach. */
export async function memberVersion(member: MemberConnection): Promise<string> {
    const answer = await call(member, "GET", "/version");
    return String((JSON.parse(answer.body) as { gitVersion?: unknown }).gitVersion ?? "unknown");
}

/** Creates (or updates) the federation's identity in the member and returns its token. */
export async function createFederationIdentity(member: MemberConnection, stack: string): Promise<{ token: string; source: string }> {
    const name = identityName(stack);
    const ns = FEDERATION_NAMESPACE;
    const labels = { "app.kubernetes.io/managed-by": "pulumi-federation" };
    const apply = async (collection: string, object: { metadata: { name: string } }) => {
        const created = await call(member, "POST", collection, object, [409]);
        if (created.status === 409) await call(member, "PUT", `${collection}/${object.metadata.name}`, object);
    };
    await call(member, "POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels } }, [409]);
    await call(member, "POST", `/api/v1/namespaces/${ns}/serviceaccounts`, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace: ns, labels } }, [409]);
    await apply("/apis/rbac.authorization.k8s.io/v1/clusterroles", {
        apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name, labels } as { name: string },
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }, { nonResourceURLs: ["*"], verbs: ["get"] }],
    } as { metadata: { name: string } });
    await apply("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", {
        apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name, labels } as { name: string },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name },
        subjects: [{ kind: "ServiceAccount", name, namespace: ns }],
    } as { metadata: { name: string } });
    // A long-lived token, as KubeFed's join made: filled in by the member's token controller.
    const secret = `${name}-token`;
    await call(member, "POST", `/api/v1/namespaces/${ns}/secrets`, {
        apiVersion: "v1", kind: "Secret", type: "kubernetes.io/service-account-token",
        metadata: { name: secret, namespace: ns, labels, annotations: { "kubernetes.io/service-account.name": name } },
    }, [409]);
    for (let attempt = 0; attempt < 20; attempt++) {
        const read = await call(member, "GET", `/api/v1/namespaces/${ns}/secrets/${secret}`);
        const token = (JSON.parse(read.body) as { data?: { token?: string } }).data?.token;
        if (token) return { token: Buffer.from(token, "base64").toString("utf8"), source: `the long-lived token Secret ${ns}/${secret}` };
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // No token controller filled it in (it is off in some clusters): a token valid for a year.
    const requested = await call(member, "POST", `/api/v1/namespaces/${ns}/serviceaccounts/${name}/token`, {
        apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: { expirationSeconds: 365 * 24 * 3600 },
    });
    const status = (JSON.parse(requested.body) as { status?: { token?: string; expirationTimestamp?: string } }).status;
    if (!status?.token) throw new Error("the member issued no token for the federation's ServiceAccount");
    return { token: status.token, source: `a TokenRequest, valid until ${status.expirationTimestamp} (run join again to renew it)` };
}

/** Deletes the federation's identity from the member (what createFederationIdentity made, the namespace aside). */
export async function deleteFederationIdentity(member: MemberConnection, stack: string): Promise<void> {
    const name = identityName(stack);
    const ns = FEDERATION_NAMESPACE;
    for (const path of [
        `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${name}`,
        `/apis/rbac.authorization.k8s.io/v1/clusterroles/${name}`,
        `/api/v1/namespaces/${ns}/secrets/${name}-token`,
        `/api/v1/namespaces/${ns}/serviceaccounts/${name}`,
    ]) {
        await call(member, "DELETE", path, undefined, [404]);
    }
}

/** A kubeconfig for the federation's identity: the member's server and CA, the token, one context named after the member. */
export function tokenKubeconfig(memberName: string, member: MemberConnection, token: string): string {
    const cluster = { server: member.server, ...(member.caData ? { "certificate-authority-data": member.caData } : {}), ...(member.insecure ? { "insecure-skip-tls-verify": true } : {}) };
    return JSON.stringify({
        apiVersion: "v1", kind: "Config",
        clusters: [{ name: memberName, cluster }],
        users: [{ name: `${memberName}-federation`, user: { token } }],
        contexts: [{ name: memberName, context: { cluster: memberName, user: `${memberName}-federation` } }],
        "current-context": memberName,
    });
}

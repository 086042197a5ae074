/**
 * What the reconcile loop learns from a stack's state (`pulumi stack export --show-secrets`): the
 * members the last update deployed to, how each is reached (its provider's kubeconfig and
 * context), which Kubernetes objects each holds, and what readiness the program last planned with.
 * The state is read, never written; decrypted values stay in memory.
 */

/** One resource of an exported deployment, as far as this module reads it. */
export interface StateResource {
    urn: string;
    type: string;
    id?: string;
    custom?: boolean;
    parent?: string;
    provider?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

/** A member cluster as the state has it. */
export interface StateMember {
    name: string;
    /** Its provider's URN (no id). */
    providerUrn: string;
    /** The provider's kubeconfig (contents or path) and context, for probing; absent when the provider takes kubectl's own. */
    kubeconfig?: string;
    context?: string;
    /** The readiness the last update planned with (the Federation's `members` output), when it probed. */
    lastReady?: string;
    /** The Federation's probe timeout (its `health` output), when it probes. */
    probeTimeoutSeconds?: number;
}

export interface StackState {
    /** The members the loop probes: those the last update reached a cluster for (not unavailable, draining or rendering YAML). */
    members: StateMember[];
    /** Kubernetes objects in the state: none means the stack was never deployed. */
    objects: number;
    /** Every decrypted secret value of the state, to scrub from what the CLI says. */
    secrets: string[];
    /** Provider URN (no id) -> member name. */
    memberOfProvider: Map<string, string>;
    /** URN -> resource, for every resource in the state. */
    resources: Map<string, StateResource>;
}

const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";
const KUBERNETES_PROVIDER = "pulumi:providers:kubernetes";

/** A provider reference (`urn::id`) without its id. */
export function providerUrn(reference: string): string {
    const at = reference.lastIndexOf("::");
    return reference.startsWith("urn:pulumi:") && at > 0 && reference.slice(0, at).split("::").length >= 4 ? reference.slice(0, at) : reference;
}

/** The last `::` segment of a URN: the resource's name (a text without `::`, whole). */
export function urnName(urn: string): string {
    const at = urn.lastIndexOf("::");
    return at < 0 ? urn : urn.slice(at + 2);
}

/** The decrypted plaintexts of every secret in a value (`--show-secrets` envelopes), as text. */
function plaintexts(value: unknown, found: Set<string>, depth = 0): void {
    if (value === null || typeof value !== "object" || depth > 64) return;
    const plaintext = (value as Record<string, unknown>).plaintext;
    if ((value as Record<string, unknown>)[SECRET_SIGNATURE] !== undefined && typeof plaintext === "string") {
        const plain = revealed(value);
        const texts = typeof plain === "string" ? [plain] : plain === undefined ? [] : Object.values(flatStrings(plain));
        // Short values ("true", "1") would scrub ordinary words: secrets worth hiding are longer.
        for (const text of texts) if (text.length >= 6) found.add(text);
        return;
    }
    for (const item of Object.values(value)) plaintexts(item, found, depth + 1);
}

function flatStrings(value: unknown, out: Record<string, string> = {}, at = ""): Record<string, string> {
    if (typeof value === "string") out[at] = value;
    else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) flatStrings(item, out, `${at}/${key}`);
    return out;
}

/** A decrypted secret (`--show-secrets` keeps its envelope with a JSON `plaintext`), as its value; anything else as is. */
export function revealed(value: unknown): unknown {
    if (value !== null && typeof value === "object" && (value as Record<string, unknown>)[SECRET_SIGNATURE] !== undefined) {
        const plaintext = (value as Record<string, unknown>).plaintext;
        if (typeof plaintext !== "string") return undefined;
        try {
            return JSON.parse(plaintext) as unknown;
        } catch {
            return undefined;
        }
    }
    return value;
}

function text(value: unknown): string | undefined {
    const plain = revealed(value);
    return typeof plain === "string" && plain !== "" ? plain : undefined;
}

/** Reads an exported deployment (the `deployment` of `pulumi stack export`). */
export function readStackState(deployment: unknown): StackState {
    const list = (deployment as { resources?: unknown } | null)?.resources;
    const resources = new Map<string, StateResource>();
    for (const resource of Array.isArray(list) ? (list as StateResource[]) : []) {
        if (resource && typeof resource.urn === "string" && typeof resource.type === "string") resources.set(resource.urn, resource);
    }
    // The readiness each member had when the Federation last planned (health probing records it).
    const lastReady = new Map<string, string>();
    const timeouts = new Map<string, number>();
    for (const resource of resources.values()) {
        if (resource.type !== "federation:index:Federation") continue;
        const members = resource.outputs?.members;
        const timeout = (resource.outputs?.health as { timeoutSeconds?: unknown } | undefined)?.timeoutSeconds;
        for (const member of Array.isArray(members) ? members : []) {
            const { name, ready } = (member ?? {}) as { name?: unknown; ready?: unknown };
            if (typeof name === "string" && typeof ready === "string") lastReady.set(name, ready);
            if (typeof name === "string" && typeof timeout === "number" && timeout > 0) timeouts.set(name, timeout);
        }
    }
    const members: StateMember[] = [];
    const memberOfProvider = new Map<string, string>();
    const secrets = new Set<string>();
    let objects = 0;
    for (const resource of resources.values()) {
        plaintexts(resource.inputs, secrets);
        plaintexts(resource.outputs, secrets);
        if (/^kubernetes:[^:]+:[^:]+$/.test(resource.type) && resource.custom !== false) objects++;
        if (resource.type !== KUBERNETES_PROVIDER) continue;
        const parent = resource.parent === undefined ? undefined : resources.get(resource.parent);
        const parentName = parent?.type === "federation:index:MemberCluster" ? parent.outputs?.name : undefined;
        const name = typeof parentName === "string" ? parentName : text(resource.inputs?.clusterIdentifier) ?? urnName(resource.urn);
        memberOfProvider.set(resource.urn, name);
        // Only a member's own provider is probed (not, say, a Karmada API server's), and only where
        // the program reaches its cluster: not unavailable or draining, not rendering YAML.
        if (typeof parentName !== "string") continue;
        // (A member the program's health probes made unavailable has a readiness: it is probed, to see it return.)
        const state = parent?.outputs?.state;
        const setAside = typeof state === "string" && state !== "available" && !(state === "unavailable" && lastReady.has(name));
        if (setAside || text(resource.inputs?.renderYamlToDirectory) !== undefined) continue;
        members.push({
            name, providerUrn: resource.urn,
            kubeconfig: text(resource.inputs?.kubeconfig), context: text(resource.inputs?.context),
            lastReady: lastReady.get(name), probeTimeoutSeconds: timeouts.get(name),
        });
    }
    members.sort((a, b) => a.name.localeCompare(b.name));
    return { members, memberOfProvider, resources, objects, secrets: [...secrets].sort((a, b) => b.length - a.length) };
}

/** The URNs of the resources a member's provider manages (what a refresh must leave alone while it does not answer). */
export function resourcesOfMember(state: StackState, member: string): string[] {
    const urns: string[] = [];
    for (const resource of state.resources.values()) {
        if (resource.provider !== undefined && state.memberOfProvider.get(providerUrn(resource.provider)) === member) urns.push(resource.urn);
    }
    return urns.sort();
}

/** A text with every secret of the state in it replaced by "[secret]" (longest first). */
export function scrubbed(text: string, secrets: readonly string[]): string {
    let out = text;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join("[secret]");
    return out;
}

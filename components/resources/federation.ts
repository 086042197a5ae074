import { constructionSite, failedConstruction } from "./callSite";
import * as pulumi from "@pulumi/pulumi";
import { FederationError } from "../errors";
import { Member, MemberInfo, checkConnectionFields, checkRenderingMembers, validateMembers, withRenderDirectory } from "../planning/members";
import { checkComponentName } from "../planning/arguments";
import { checkKarmadaMembers, checkPropagation } from "../karmada/arguments";
import { KarmadaControlPlane, KarmadaPropagationArgs, PropagationArgs } from "./karmadaControlPlane";
import { DeclaredIndex } from "../planning/dependencies";
import { PlacementPolicy, validatePolicies } from "../planning/policy";
import { DeclaredObject } from "../planning/dependencies";
import { suggestion } from "../planning/suggest";
import { DEFAULT_OLDEST_KUBERNETES, parseKubernetesMinor } from "../planning/aliases";
import { describeType } from "../planning/names";
import { MemberProviderOptions } from "./types";
import { MemberCluster, MemberClusterArgs, MemberSummary } from "./memberCluster";
import { HealthArgs, checkHealthArgs } from "../health/settings";
import { RolloutArgs } from "../planning/rollout";
import { checkFederationRollout } from "./rollout";
import { ProbedReadiness, membersAfterProbe } from "./memberHealth";
import { OFFLINE_ENV, UNAVAILABLE_ENV } from "../karmada/arguments";

/** Offline synth's `--unavailable` members (see UNAVAILABLE_ENV); none outside offline synth. */
function previewedOutage(): string[] {
    if (process.env[OFFLINE_ENV] !== "1" || !process.env[UNAVAILABLE_ENV]) return [];
    return JSON.parse(process.env[UNAVAILABLE_ENV]!) as string[];
}

/** What Federation.connect's probes found, for the arguments it constructs the federation with. */
const probedReadiness = new WeakMap<object, Record<string, ProbedReadiness>>();


/** The arguments of {@link Federation}: its members and what applies to all of them. */
export interface FederationArgs {
    /** The member clusters, in order: each entry joins one member (a {@link MemberCluster}). Names are unique DNS-1123 labels; at most one is the host. */
    clusters: MemberClusterArgs[];
    /** Kubeconfig (contents or path) for members that give none; each picks its `context`. Kept secret. */
    kubeconfig?: pulumi.Input<string>;
    /** Provider options applied to every member (a member's own options win). */
    providerOptions?: MemberProviderOptions;
    /**
     * A folder for members that cannot reach a cluster: each member with no context and no
     * kubeconfig (and no federation `kubeconfig`) renders its objects as YAML to
     * `<renderDirectory>/<member>/` through the provider's `renderYamlToDirectory`, instead of
     * using the ambient kubeconfig. Give a member a context and it deploys. Push mode only.
     */
    renderDirectory?: string;
    /** Placement rules every federated object of this federation must keep (see policy.ts). */
    policies?: PlacementPolicy[];
    /**
     * How objects reach the members. Left out: this program pushes one object per member, through a
     * provider per member. `{ karmada: {...} }`: each federated object registers its template and
     * Karmada policies on the Karmada API server, and Karmada propagates them (see docs/guide/karmada-mode.md).
     */
    propagation?: PropagationArgs;
    /**
     * The oldest Kubernetes release any member runs or ran under this stack, as "1.M" (default
     * "1.16"). Per-cluster objects keep aliases only to the API versions of their kind that a
     * release from this one on serves (or that the program itself uses): an object registered
     * under such a version by an earlier update is updated in place when its version changes.
     * Older than "1.16": every alias the typed `@pulumi/kubernetes` class has. It also decides how
     * an object under a removed API version is reported: a warning while some release from this
     * one on still serves the version, an error when none does.
     */
    oldestKubernetes?: string;
    /**
     * Probe the members before planning (only {@link Federation.connect} probes; the constructor
     * cannot wait): a member that fails its probe is unavailable for this update. KubeFed's
     * defaults: timeout 3 s, failure threshold 3, period 10 s. See docs/operations/health.md.
     */
    health?: HealthArgs;
    /** The staged rollout of every Deployment, StatefulSet and DaemonSet that gives none (see docs/guide/rollouts.md). */
    rollout?: RolloutArgs;
}

/**
 * What the federation remembers of each federated object it has placed.
 *
 * @internal
 */
export interface FederatedObjectRecord extends DeclaredObject {
    /** The per-cluster Kubernetes resources, keyed by cluster (empty in Karmada mode). */
    resources: Readonly<Record<string, pulumi.Resource>>;
    /** In Karmada mode: the object's template on the Karmada API server. */
    karmada?: pulumi.Resource;
}

const FEDERATION_ARGUMENTS = ["clusters", "kubeconfig", "providerOptions", "renderDirectory", "policies", "propagation", "oldestKubernetes", "health", "rollout"];

/** The federation's own arguments: known names, and kubeconfig and providerOptions of the right shape. */
function checkFederationFields(args: Record<string, unknown>, owner: string): void {
    const unknown = Object.keys(args).find((key) => !FEDERATION_ARGUMENTS.includes(key));
    if (unknown !== undefined) {
        throw new FederationError({ resource: owner, field: unknown }, `is not an argument of Federation (expected ${FEDERATION_ARGUMENTS.join(", ")})${suggestion(unknown, FEDERATION_ARGUMENTS)}`);
    }
    checkConnectionFields({ kubeconfig: args.kubeconfig, providerOptions: args.providerOptions }, { resource: owner }, "");
    oldestKubernetesMinor(args.oldestKubernetes, owner);
    checkHealthArgs(args.health, owner);
}

/** The minor number of `oldestKubernetes` ("1.25" -> 25), its default when not given. */
function oldestKubernetesMinor(value: unknown, owner: string): number {
    if (value === undefined) return parseKubernetesMinor(DEFAULT_OLDEST_KUBERNETES)!;
    const minor = typeof value === "string" ? parseKubernetesMinor(value) : undefined;
    if (minor === undefined) {
        throw new FederationError({ resource: owner, field: "oldestKubernetes" }, `must be a Kubernetes release as "1.M" (e.g. "1.25"), got ${describeType(value)}`);
    }
    return minor;
}

/**
 * A set of member clusters managed as one: KubeFed's cluster registration. Federated resources
 * take a Federation and place objects on its members.
 */
export class Federation extends pulumi.ComponentResource {
    /** The federation's own name (its Pulumi name). */
    readonly name: string;
    /** Members by name, in the order they were given. */
    readonly members: Readonly<Record<string, MemberCluster>>;
    /** Member names in order. */
    readonly memberNames: readonly string[];
    /** The host member, if one is marked. */
    readonly host: MemberCluster | undefined;
    /** The member table as a stack output would show it (names, labels, host, state). */
    readonly memberTable: pulumi.Output<MemberSummary[]>;
    /** The placement rules every federated object must keep. */
    readonly policies: readonly PlacementPolicy[];
    /** The default rollout of workloads. */
    readonly rollout: RolloutArgs | undefined;
    /** In Karmada mode, the control plane that propagates (else undefined: push mode). */
    readonly karmada: KarmadaControlPlane | undefined;
    /** The minor of the oldest Kubernetes release a member runs (see `oldestKubernetes`). */
    readonly oldestKubernetesMinor: number;
    /** Federated objects declared so far, for dependency checks (see FederatedObject). */
    private readonly declared: FederatedObjectRecord[];
    private readonly declaredIndex: DeclaredIndex;
    /** Pulumi names taken so far, per parent (see claimNames). */
    private readonly takenNames: Map<string, Map<string, string>>;

    /**
     * Checks the arguments (member names and fields, propagation, policies, `oldestKubernetes`)
     * before registering anything, then registers one {@link MemberCluster} per member and, in
     * Karmada mode, the {@link KarmadaControlPlane}. Bad arguments are a {@link FederationError}.
     *
     * @param name The Pulumi name; the members are named `<name>-<member>`.
     * @param args The members and what applies to all of them.
     * @param opts Pulumi resource options for the federation component.
     */
    constructor(name: string, args: FederationArgs, opts?: pulumi.ComponentResourceOptions) {
        const site = constructionSite("Federation");
        try {
            // Validate before registering anything: a bad member list must change nothing.
            checkComponentName("Federation", name);
            const owner = `Federation "${name}"`;
            if (!args || typeof args !== "object") {
                throw new FederationError({ resource: owner }, "needs arguments with a clusters list");
            }
            checkFederationFields(args as unknown as Record<string, unknown>, owner);
            const karmada = checkPropagation(args.propagation, owner);
            validateMembers(args.clusters as MemberInfo[], owner);
            if (karmada !== undefined && args.renderDirectory !== undefined) {
                throw new FederationError({ resource: owner, field: "renderDirectory" }, "applies to push mode: in Karmada mode give propagation.karmada.providerOptions.renderYamlToDirectory");
            }
            const previewed = previewedOutage();
            const declared = previewed.length === 0 ? args.clusters : args.clusters.map((member) => (previewed.includes(member.name) ? { ...member, unavailable: true } : member));
            const clusters = karmada === undefined ? withRenderDirectory(declared, args.renderDirectory, args.kubeconfig, owner) : declared;
            if (karmada !== undefined) checkKarmadaMembers(args as unknown as Record<string, unknown>, owner);
            else checkRenderingMembers(clusters as unknown as Record<string, unknown>[], args.providerOptions, owner);
            if (args.policies !== undefined) validatePolicies(args.policies, owner);
            if (args.rollout !== undefined) checkFederationRollout(args.rollout, args.clusters as MemberInfo[], karmada !== undefined, owner);
            super("federation:index:Federation", name, {}, opts);
            // Assigned here, not as field initializers: the constructor's body runs inside a try.
            this.declared = [];
            this.declaredIndex = new DeclaredIndex();
            this.takenNames = new Map();
            this.name = name;
            this.policies = args.policies ?? [];
            this.rollout = args.rollout;
            this.oldestKubernetesMinor = oldestKubernetesMinor(args.oldestKubernetes, owner);

            const members: Record<string, MemberCluster> = {};
            for (const member of clusters) {
                members[member.name] = new MemberCluster(
                    `${name}-${member.name}`,
                    { ...member, federationKubeconfig: args.kubeconfig, federationProviderOptions: args.providerOptions, viaKarmada: karmada !== undefined },
                    { parent: this },
                );
            }
            this.members = members;
            this.memberNames = args.clusters.map((member) => member.name);
            this.host = Object.values(members).find((member) => member.host);
            this.karmada = karmada === undefined
                ? undefined
                : new KarmadaControlPlane(`${name}-karmada`, karmada as KarmadaPropagationArgs, args.clusters.map((member) => ({ name: member.name, labels: { ...(member.labels ?? {}) } })), owner, { parent: this });
            for (const member of args.clusters.filter((m) => previewed.includes(m.name))) {
                pulumi.log.warn(`${owner}: member ${member.name} is planned as unavailable (synth --unavailable), as if its health probe had failed`, this);
            }
            const readiness = probedReadiness.get(args);
            if (readiness === undefined && args.health?.probe && karmada !== undefined) {
                pulumi.log.warn(`${owner}: health.probe does nothing in Karmada mode: Karmada probes its members itself, and this program does not reach them`, this);
            } else if (readiness === undefined && args.health?.probe && process.env[OFFLINE_ENV] !== "1") {
                pulumi.log.warn(`${owner}: health.probe is on, but only Federation.connect probes (new Federation cannot wait for a probe): use const federation = await Federation.connect(name, args)`, this);
            }
            // With probes, each member's readiness and why not, as kubefedclusters show them.
            this.memberTable = pulumi.output(Object.values(members).map((member) => ({ ...member.summary(), ...(readiness?.[member.name] ?? {}) })));
            // The probe settings too, for the reconcile loop's own probes (reconcile/stackState.ts).
            const health = readiness === undefined ? undefined : checkHealthArgs(args.health, owner);
            this.registerOutputs({ members: this.memberTable, ...(health ? { health: { timeoutSeconds: health.timeoutSeconds, failureThreshold: health.failureThreshold, periodSeconds: health.periodSeconds } } : {}) });
        } catch (error) {
            throw failedConstruction(error, site);
        }
    }

    /**
     * Constructs the federation after probing its members, when `args.health.probe` is on: a
     * member whose API server does not answer ready (`failureThreshold` probes in a row) is
     * planned as unavailable for this update, with a warning naming it and the probe's error, and
     * the next update probes it again. With probes, every member's provider adopts objects that
     * already exist (`upsertExistingObjects`, unless its providerOptions say otherwise), so a
     * member that answers again gets its surviving objects back, not duplicates. Offline synth,
     * Karmada mode and a federation without `health.probe` are not probed.
     *
     * @param name The Pulumi name, as for the constructor.
     * @param args The federation's arguments, with `health`.
     * @param opts Pulumi resource options for the federation component.
     */
    static async connect(name: string, args: FederationArgs, opts?: pulumi.ComponentResourceOptions): Promise<Federation> {
        const site = constructionSite("Federation");
        let probe: Awaited<ReturnType<typeof membersAfterProbe>> | undefined;
        try {
            const owner = `Federation "${name}"`;
            if (args && typeof args === "object") {
                checkFederationFields(args as unknown as Record<string, unknown>, owner);
                validateMembers(args.clusters as MemberInfo[], owner);
            }
            const health = checkHealthArgs(args?.health, owner);
            if (health?.probe && args.propagation === undefined && process.env[OFFLINE_ENV] !== "1") {
                probe = await membersAfterProbe(owner, withRenderDirectory(args.clusters, args.renderDirectory, args.kubeconfig, owner), args.kubeconfig, health);
            }
        } catch (error) {
            throw failedConstruction(error, site);
        }
        if (probe === undefined) return new Federation(name, args, opts);
        const probed: FederationArgs = { ...args, clusters: probe.clusters, renderDirectory: undefined, providerOptions: { upsertExistingObjects: true, ...args.providerOptions } };
        probedReadiness.set(probed, probe.readiness);
        const federation = new Federation(name, probed, opts);
        for (const warning of probe.warnings) pulumi.log.warn(warning, federation);
        return federation;
    }

    /** The members as the planner sees them: names, labels and availability, in order. */
    plannerMembers(): Member[] {
        return this.memberNames.map((memberName) => {
            const member = this.members[memberName];
            return {
                name: memberName,
                labels: member.labels,
                unavailable: member.state === "unavailable",
                draining: member.state === "draining",
                defaultNamespace: member.defaultNamespace,
            };
        });
    }

    /**
     * Records a federated object so that workloads declared later can find what they refer to.
     *
     * @internal
     */
    recordFederatedObject(record: FederatedObjectRecord): void {
        this.declared.push(record);
        this.declaredIndex.add(record);
    }

    /**
     * The federated objects declared so far, indexed for the dependency and ownership checks.
     *
     * @internal
     */
    federatedObjectIndex(): DeclaredIndex {
        return this.declaredIndex;
    }

    /**
     * Reserves Pulumi resource names before anything registers. A URN holds the parent's type but
     * not its name, so `FederatedConfigMap "api"` on member `us-east` and `"api-us"` on `east`
     * would both make `...ConfigMap::api-us-east`; the engine would refuse the second only after
     * the first was created. `names` are `type::name` keys; `owner` names the claimant in errors.
     *
     * @internal
     */
    claimNames(parent: pulumi.Resource | undefined, names: readonly NameClaim[], owner: string): void {
        this.claim(parentTypeChain(parent), names, owner, true);
    }

    /**
     * Throws as claimNames would, reserving nothing: for a component that checks its future
     * children's names (under `parentChain`, see childTypeChain) before it registers itself.
     *
     * @internal
     */
    checkNamesFree(parentChain: string, names: readonly NameClaim[], owner: string): void {
        this.claim(parentChain, names, owner, false);
    }

    private claim(chain: string, names: readonly NameClaim[], owner: string, reserve: boolean): void {
        // Keyed as the engine keys URNs: by the parent's type chain, not by the parent object, so two
        // FederatedManifests (one type) cannot both declare the same child names.
        const registry = namesRegistry(this.takenNames);
        const taken = registry.get(chain) ?? new Map<string, string>();
        for (const { key, cluster, what } of names) {
            const holder = taken.get(key);
            if (holder !== undefined) {
                const thing = what ?? key;
                throw new FederationError(
                    { resource: owner, cluster, field: "name" },
                    holder === owner
                        ? `${thing} is declared twice: component names must be unique per kind`
                        : `${thing} is already ${holder}'s; Pulumi needs unique names, so rename one of the two components`,
                );
            }
        }
        if (!reserve) return;
        for (const { key } of names) taken.set(key, owner);
        registry.set(chain, taken);
    }

    /**
     * The federated objects declared so far.
     *
     * @internal
     */
    federatedObjects(): readonly FederatedObjectRecord[] {
        return this.declared;
    }

    /** The member called `cluster`; throws a FederationError naming `forResource` if there is none. */
    member(cluster: string, forResource?: string): MemberCluster {
        const found = this.members[cluster];
        if (!found) {
            throw new FederationError({ resource: forResource, cluster }, `is not a member of the federation (members: ${this.memberNames.join(", ") || "none"})`);
        }
        return found;
    }
}

/**
 * A Pulumi name to reserve: `type::name` under its parent, the member it is for, and how errors say it.
 *
 * @internal
 */
export interface NameClaim {
    /** The `type::name` key, as the engine composes the URN's tail. */
    key: string;
    /** The member the name is for, named in the error. */
    cluster?: string;
    /** How errors name the object (default: the key). */
    what?: string;
}

/** The type chain a child of a `type` component under `parent` gets: what checkNamesFree takes. */
export function childTypeChain(parent: pulumi.Resource | undefined, type: string): string {
    return [parentTypeChain(parent), type].filter(Boolean).join("$");
}

/**
 * The type part a child's URN gets from its parent: the parent's own type after its ancestors'
 * (the root Stack's excepted), as the engine composes `parentType$childType::name`.
 */
function parentTypeChain(parent: pulumi.Resource | undefined): string {
    const types: string[] = [];
    for (let resource = parent as { __pulumiType?: string; __parentResource?: unknown } | undefined; resource; resource = resource.__parentResource as typeof resource) {
        if (resource.__pulumiType && resource.__pulumiType !== "pulumi:pulumi:Stack") types.unshift(resource.__pulumiType);
    }
    return types.join("$");
}

/**
 * URNs are unique per stack, not per Federation: two federations' components share one registry
 * of names, kept per stack resource (each program run has its own). Outside a stack (no Pulumi
 * runtime), the federation's own registry is used.
 */
const stackRegistries = new WeakMap<object, Map<string, Map<string, string>>>();

function namesRegistry(own: Map<string, Map<string, string>>): Map<string, Map<string, string>> {
    const stack = pulumi.runtime.getStackResource();
    if (!stack) return own;
    let registry = stackRegistries.get(stack);
    if (!registry) {
        registry = new Map();
        stackRegistries.set(stack, registry);
    }
    return registry;
}

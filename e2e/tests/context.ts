/**
 * The suite's shared context, set up once by mocha's root hooks: the fleet of three real API
 * servers, the Pulumi CLI with its local backend, and the stacks the numbered test files build on
 * (they run in order: 01 deploys what 04 changes and 08 destroys).
 */
import * as fs from "fs";
import * as path from "path";
import { Fleet, FleetMember } from "../fleet/fleet";
import { PulumiCli, Stack } from "../harness/pulumi";

export const repoRoot = path.resolve(__dirname, "..", "..");
export const runDir = path.join(repoRoot, ".e2e", "run");
export const binDir = path.join(repoRoot, ".e2e", "bin");

/** The members, as both the typed program and the YAML stack declare them. */
export const MEMBERS = [
    { name: "cluster1", auth: "certificate", labels: { region: "eu", tier: "prod" }, host: true },
    { name: "cluster2", auth: "token", labels: { region: "us", tier: "prod" } },
    { name: "cluster3", auth: "certificate", labels: { region: "eu", tier: "edge" } },
] as const;

export interface SuiteContext {
    fleet: Fleet;
    cli: PulumiCli;
    providerVersion: string;
    /** The typed program's stack (e2e/programs/typed), deployed by 01. */
    typed: Stack;
    /** The stack program's KubeFed YAML stack (index.ts with e2e/manifests/), deployed by 02. */
    yaml: Stack;
}

let context: SuiteContext | undefined;

export function suite(): SuiteContext {
    if (!context) throw new Error("the e2e suite's root hooks did not run (use npm run e2e)");
    return context;
}

/** The suite's PULUMI_NODEJS_TRANSPILE_ONLY, which a test that wants Pulumi's type check leaves out. */
export const TYPE_CHECKED = ["PULUMI_NODEJS_TRANSPILE_ONLY"];

/** The suite's environment (its PATH, backend, KUBECONFIG) less TYPE_CHECKED's variables, unless `extra` sets them. */
export function typeCheckedEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const env = { ...suite().cli.env, ...extra };
    for (const name of TYPE_CHECKED) if (extra[name] === undefined) delete env[name];
    return env;
}

export function endpoint(name: string): FleetMember["endpoint"] {
    return suite().fleet.member(name).endpoint;
}

const TOOLS = [
    "pulumi", "pulumi-language-nodejs", "pulumi-language-yaml", "pulumi-resource-kubernetes", "kube-apiserver", "kube-controller-manager", "etcd",
    "karmada-aggregated-apiserver", "karmada-controller-manager", "karmada-scheduler", "karmada-webhook",
    "coredns", "external-dns", "dnsendpoints.externaldns.k8s.io.yaml",
];

async function setUp(): Promise<SuiteContext> {
    const missing = TOOLS.filter((t) => !fs.existsSync(path.join(binDir, t)));
    if (missing.length > 0) {
        throw new Error(`e2e tools missing from ${binDir}: ${missing.join(", ")}; run e2e/setup (npm run e2e does)`);
    }
    fs.rmSync(runDir, { recursive: true, force: true });
    fs.mkdirSync(runDir, { recursive: true });
    const fleet = await Fleet.start({
        dir: path.join(runDir, "fleet"), bin: binDir,
        members: MEMBERS.map((m) => ({ name: m.name, auth: m.auth })),
    });
    const cli = new PulumiCli(binDir, runDir);
    const providerVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules/@pulumi/kubernetes/package.json"), "utf8")) as { pulumi: { version: string } }).pulumi.version;
    // The provider the engine will use: the built one, installed as the version the SDK asks for.
    await cli.run(["plugin", "install", "resource", "kubernetes", providerVersion, "--file", path.join(binDir, "pulumi-resource-kubernetes")], { cwd: repoRoot });
    return {
        fleet, cli, providerVersion,
        typed: new Stack(cli, path.join(repoRoot, "e2e", "programs", "typed"), "e2e"),
        yaml: new Stack(cli, repoRoot, "e2e-yaml", path.join(runDir, "Pulumi.e2e-yaml.yaml")),
    };
}

async function tearDown(): Promise<void> {
    if (!context) return;
    const { fleet, typed, yaml } = context;
    context = undefined;
    for (const stack of [typed, yaml]) {
        fs.rmSync(stack.settingsFile(), { force: true });
    }
    await fleet.stop();
}

export const mochaHooks = {
    async beforeAll(this: Mocha.Context): Promise<void> {
        this.timeout(300_000);
        context = await setUp();
        const stop = () => { void tearDown().finally(() => process.exit(130)); };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
    },
    async afterAll(this: Mocha.Context): Promise<void> {
        this.timeout(120_000);
        await tearDown();
    },
};

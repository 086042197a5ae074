/**
 * The project template in templates/federation-typescript/ (`pulumi new <path>`): its Pulumi.yaml
 * is a template with config prompts, and the program it lays down type-checks against this
 * checkout's components and renders offline with empty config, as a fresh `pulumi new --yes`
 * stack has it (an empty answer to a prompt writes no key).
 *
 * No npm install: the scratch project's node_modules links the repository's @pulumi packages,
 * TypeScript and ts-node, and its `pulumi-federation` is a shim package whose types and main
 * re-export this checkout's components/ (sources, not dist/), so the program is checked against
 * what is here now.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import * as multilang from "../components/multilang";
import { runStackProgram } from "../components/synth/stack";
import { synthesize } from "../components/synth/synth";
import { runProgram } from "./harness";

const root = path.join(__dirname, "..");
const template = path.join(root, "templates", "federation-typescript");

interface TemplateProject {
    name: string;
    description: string;
    runtime: { name: string; options?: { typescript?: boolean } };
    main?: string;
    template?: { description?: string; config?: Record<string, { description?: string; default?: unknown }> };
}

function read(file: string): string {
    return fs.readFileSync(path.join(template, file), "utf8");
}

/** What `pulumi new` does to a template file: substitutes the project name and description. */
function substitute(text: string, project: string, description: string): string {
    return text.replace(/\$\{PROJECT\}/g, project).replace(/\$\{DESCRIPTION\}/g, description);
}

describe("project template: templates/federation-typescript", () => {
    it("its Pulumi.yaml is a Pulumi template: ${PROJECT}, ${DESCRIPTION}, TypeScript on nodejs, a prompt per member context", () => {
        const project = YAML.parse(read("Pulumi.yaml")) as TemplateProject;
        assert.equal(project.name, "${PROJECT}");
        assert.equal(project.description, "${DESCRIPTION}");
        assert.equal(project.runtime.name, "nodejs");
        assert.equal(project.runtime.options?.typescript, true);
        assert.equal(project.main, "index.ts");
        assert.ok(project.template?.description, "template.description");
        const prompts = project.template?.config ?? {};
        assert.deepEqual(Object.keys(prompts).sort(), ["cluster1Context", "cluster2Context"]);
        for (const [key, prompt] of Object.entries(prompts)) {
            assert.ok(prompt.description && prompt.description.length > 20, `${key} has a description`);
            assert.equal(prompt.default, "", `${key} defaults to empty (render YAML offline)`);
        }
        // Every prompt is read by the program (`<member>Context`).
        const program = read("index.ts");
        for (const member of ["cluster1", "cluster2"]) assert.match(program, new RegExp(`name: "${member}"`));
        assert.match(program, /config\.get\(`\$\{member\.name\}Context`\)/);
    });

    it("its package.json has the peers and a TypeScript this package supports, and no path to this checkout", () => {
        const pkg = JSON.parse(read("package.json")) as { name: string; main: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
        assert.equal(pkg.name, "${PROJECT}");
        assert.equal(pkg.main, "index.ts");
        assert.deepEqual(Object.keys(pkg.dependencies).sort(), ["@pulumi/kubernetes", "@pulumi/pulumi"]);
        assert.deepEqual(Object.keys(pkg.devDependencies).sort(), ["@types/node", "ts-node", "typescript"]);
        // The package's peer range is `typescript < 7`; npm's `latest` is 7.
        assert.match(pkg.devDependencies.typescript, /^~5\.\d+\.\d+$/);
        const ours = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { peerDependencies: Record<string, string> };
        for (const peer of ["@pulumi/pulumi", "@pulumi/kubernetes"]) assert.equal(pkg.dependencies[peer], ours.peerDependencies[peer], `${peer} as this package's peer range`);
        // `npm install <this package>` keeps a copy (not a link) on later plain installs.
        assert.equal(read(".npmrc").trim(), "install-links=true");
        const tsconfig = JSON.parse(read("tsconfig.json")) as { compilerOptions: Record<string, unknown> };
        // TypeScript 6 refuses moduleResolution node/node10 (TS5107); nodenext works on 5 and 6.
        assert.equal(tsconfig.compilerOptions.module, "nodenext");
        assert.equal(tsconfig.compilerOptions.moduleResolution, "nodenext");
    });

    describe("the program pulumi new lays down", function () {
        this.timeout(0); // CPU-bound synth runs: no wall-clock limit on a shared machine
        let project: string;
        before(() => {
            project = fs.mkdtempSync(path.join(os.tmpdir(), "template-"));
            for (const file of fs.readdirSync(template)) {
                const text = substitute(read(file), "fedproj", "A federation");
                if (file === "Pulumi.yaml") {
                    // pulumi new writes the project without its template section.
                    const parsed = YAML.parse(text) as TemplateProject;
                    delete parsed.template;
                    fs.writeFileSync(path.join(project, file), YAML.stringify(parsed));
                } else if (file !== "README.md") {
                    fs.writeFileSync(path.join(project, file), text);
                }
            }
            const modules = path.join(project, "node_modules");
            fs.mkdirSync(modules);
            for (const name of ["@pulumi", "@types", "typescript", "ts-node"]) {
                fs.symlinkSync(path.join(root, "node_modules", name), path.join(modules, name), "dir");
            }
            const shim = path.join(modules, "pulumi-federation");
            fs.mkdirSync(shim);
            const components = JSON.stringify(path.join(root, "components"));
            fs.writeFileSync(path.join(shim, "package.json"), JSON.stringify({ name: "pulumi-federation", version: "0.0.0", main: "index.js", types: "index.d.ts" }));
            fs.writeFileSync(path.join(shim, "index.js"), `module.exports = require(${components});\n`);
            fs.writeFileSync(path.join(shim, "index.d.ts"), `export * from ${components};\n`);
        });
        after(() => fs.rmSync(project, { recursive: true, force: true }));

        it("type-checks (strict, module nodenext) and renders both members offline with no stack config", async () => {
            const result = await synthesize({ directory: project });
            const out = result.lines.join("\n");
            assert.equal(result.exitCode, 0, out);
            assert.match(out, /synth: stack dev, 2 members, 6 objects written/);
            assert.match(out, /members: \[\{"host":true,"labels":\{"region":"eu-west"\},"name":"cluster1"/);
            assert.match(out, /placements: \{"namespace":\["cluster1","cluster2"\],"settings":\["cluster1","cluster2"\],"web":\["cluster1","cluster2"\]\}/);

            const rendered = (cluster: string, file: string) =>
                YAML.parse(fs.readFileSync(path.join(project, "rendered", "dev", cluster, file), "utf8")) as { data?: Record<string, string>; spec?: { replicas?: number } };
            for (const cluster of ["cluster1", "cluster2"]) assert.ok(fs.existsSync(path.join(project, "rendered", "dev", cluster, "namespace-demo.yaml")));
            assert.equal(rendered("cluster1", "demo-deployment-demo-web.yaml").spec?.replicas, 3);
            assert.equal(rendered("cluster2", "demo-deployment-demo-web.yaml").spec?.replicas, 1, "cluster2's override");
            assert.equal(rendered("cluster1", "demo-configmap-demo-settings.yaml").data?.greeting, "hello");
            assert.equal(rendered("cluster2", "demo-configmap-demo-settings.yaml").data?.greeting, "howdy", "the us-east patch");
        });

        it("a context from config deploys that member instead of rendering it; an empty answer renders", async () => {
            fs.writeFileSync(path.join(project, "Pulumi.ctx.yaml"), 'config:\n  fedproj:cluster1Context: kind-cluster1\n  fedproj:cluster2Context: ""\n');
            const run = await runStackProgram({ directory: project, stack: "ctx", typeCheck: false });
            assert.equal(run.capture.error, undefined, String(run.capture.error));
            const providers = Object.fromEntries(run.capture.registrations
                .filter((r) => r.type === "pulumi:providers:kubernetes")
                .map((r) => [r.name, r.inputs]));
            assert.equal(providers["federation-cluster1"]?.context, "kind-cluster1");
            assert.equal(providers["federation-cluster1"]?.renderYamlToDirectory, undefined);
            assert.equal(providers["federation-cluster2"]?.context, undefined);
            assert.equal(providers["federation-cluster2"]?.renderYamlToDirectory, "rendered/ctx/cluster2");
        });
    });
});

/**
 * The Pulumi YAML template (templates/federation-yaml): its prompts, and its resources constructed
 * through the federation package's components as the Pulumi YAML host would construct them, with
 * the stack's config unset (`${...}` substituted here: config defaults, and each component's
 * output by the name it has). The real CLI runs it in the end-to-end suite (16-template-yaml).
 */
describe("project template: templates/federation-yaml", () => {
    const yamlTemplate = path.join(root, "templates", "federation-yaml");
    interface YamlProject extends TemplateProject {
        config: Record<string, { type: string; default?: unknown }>;
        resources: Record<string, { type: string; properties: Record<string, unknown> }>;
    }
    const project = YAML.parse(fs.readFileSync(path.join(yamlTemplate, "Pulumi.yaml"), "utf8")) as YamlProject;

    it("is a Pulumi YAML template whose prompts are the program's config, defaulting to render", () => {
        assert.equal(project.name, "${PROJECT}");
        assert.equal(project.runtime as unknown, "yaml");
        assert.deepEqual(Object.keys(project.template?.config ?? {}).sort(), ["cluster1Context", "cluster2Context"]);
        for (const key of ["cluster1Context", "cluster2Context"]) {
            assert.deepEqual(project.config[key], { type: "string", default: "" }, `${key} is declared with an empty default`);
            assert.equal(project.template?.config?.[key]?.default, "");
        }
        assert.ok(Object.values(project.resources).every((resource) => resource.type.startsWith("federation:index:")));
    });

    it("its resources, constructed through the federation package with no context, render each member to rendered/<stack>/<member>", async () => {
        const values: Record<string, unknown> = { "pulumi.stack": "dev", cluster1Context: "", cluster2Context: "", "federation.federationName": "federation", "demo.namespaceName": "demo" };
        const substitute = (value: unknown): unknown => {
            if (typeof value === "string") return value.replace(/\$\{([^}]+)\}/g, (_, name: string) => String(values[name]));
            if (Array.isArray(value)) return value.map(substitute);
            if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item)]));
            return value;
        };
        const classes: Record<string, new (name: string, args: any) => unknown> = {
            "federation:index:Federation": multilang.Federation,
            "federation:index:FederatedNamespace": multilang.FederatedNamespace,
            "federation:index:FederatedResource": multilang.FederatedResource,
        };
        const run = await runProgram(() => {
            for (const [name, resource] of Object.entries(project.resources)) new classes[resource.type](name, substitute(resource.properties));
        });
        assert.equal(run.error, undefined, String(run.error));
        const providers = run.ofType("pulumi:providers:kubernetes");
        assert.deepEqual(providers.map((p) => [p.name, p.inputs.renderYamlToDirectory, p.inputs.context, p.inputs.kubeconfig]).sort(), [
            ["federation-cluster1", "rendered/dev/cluster1", undefined, ""],
            ["federation-cluster2", "rendered/dev/cluster2", undefined, ""],
        ]);
        const deployment = (cluster: string) => run.named(`demo-web-${cluster}`, "kubernetes:apps/v1:Deployment").inputs as { spec: { replicas: number } };
        assert.deepEqual([deployment("cluster1").spec.replicas, deployment("cluster2").spec.replicas], [3, 1]);
        const greeting = (cluster: string) => (run.named(`demo-settings-${cluster}`, "kubernetes:core/v1:ConfigMap").inputs as { data: { greeting: string } }).data.greeting;
        assert.deepEqual([greeting("cluster1"), greeting("cluster2")], ["hello", "howdy"]);
    });
});

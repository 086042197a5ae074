/** A Pulumi project in a temporary folder, for synth tests: Pulumi.yaml, an empty dev stack, and the repository's node_modules. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.join(__dirname, "..", "..");

export function scratchProject(name: string, main: string): string {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), `synth-${name}-`));
    // The project resolves @pulumi/pulumi, this package's sources and TypeScript from the repository.
    fs.symlinkSync(path.join(root, "node_modules"), path.join(project, "node_modules"), "dir");
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\nmain: ${main}\n`);
    fs.writeFileSync(path.join(project, "Pulumi.dev.yaml"), "config: {}\n");
    return project;
}

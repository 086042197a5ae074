/**
 * Manifest files are read only when they are regular files of a bounded size, checked before the
 * read: a FIFO would block the read for ever, a device never end, and a huge file fail inside V8
 * after seconds with an error that names nothing.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MAX_MANIFEST_FILE_BYTES, loadFederationManifests } from "../../components/manifests/load";

describe("manifests: what a manifest path may be", () => {
    let folder: string;
    before(() => {
        folder = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-inputs-"));
        assert.equal(spawnSync("mkfifo", [path.join(folder, "pipe.yaml")]).status, 0, "mkfifo");
        // Sparse: no disk is used for the bytes past the end.
        const fd = fs.openSync(path.join(folder, "huge.yaml"), "w");
        fs.ftruncateSync(fd, MAX_MANIFEST_FILE_BYTES + 1);
        fs.closeSync(fd);
        fs.mkdirSync(path.join(folder, "mixed"));
        fs.writeFileSync(path.join(folder, "mixed", "a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n");
        assert.equal(spawnSync("mkfifo", [path.join(folder, "mixed", "b.yaml")]).status, 0, "mkfifo");
    });
    after(() => fs.rmSync(folder, { recursive: true, force: true }));

    const cases: Array<[string, () => string, RegExp]> = [
        ["a named pipe, named directly", () => path.join(folder, "pipe.yaml"), /pipe\.yaml: is a named pipe \(FIFO\), which would block the read: manifests are read from regular files/],
        ["a character device", () => "/dev/zero", /\/dev\/zero: is a character device: manifests are read from regular files/],
        ["a file past the size bound", () => path.join(folder, "huge.yaml"), /huge\.yaml: is 64\.0 MB: a manifest file is read up to 64 MB \(split it into several files in a folder\)/],
        ["a path that is not there", () => path.join(folder, "missing.yaml"), /missing\.yaml: no such manifest file or folder/],
    ];
    for (const [what, file, message] of cases) {
        it(`refuses ${what}, naming it, before reading`, () => assert.throws(() => loadFederationManifests([file()]), message));
    }

    it("in a folder, reads the regular files and leaves a FIFO alone", () => {
        const documents = loadFederationManifests([path.join(folder, "mixed")]);
        assert.deepEqual(documents.map((d) => (d.object as { metadata: { name: string } }).metadata.name), ["a"]);
    });
});

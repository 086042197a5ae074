/**
 * How synth touches its output folder: every path checked from the `--out` folder down (inside
 * it, no symbolic link on the way), and every file opened with no link followed at the last step.
 * Writing, reading for a diff and deleting all go through here.
 */
import * as fs from "fs";
import * as path from "path";
import { FederationError } from "../errors";

/**
 * What is at `target`, checked from `root` down: every folder between them, and `target`, must be
 * a real folder (or `target` a regular file), never a symbolic link, and `target` must lie inside
 * `root`. `root` itself, the `--out` folder the user chose (and the folders above it), may be a
 * link: pointing `rendered` elsewhere is a choice, and so is a system's own (macOS's /tmp). What
 * synth makes below it, `<stack>/<cluster>/<file>` and the record, it never follows: a link
 * there could make synth write, show in a diff, or delete a file outside the output folder.
 * The check is made before anything is written; writes and reads then also refuse a link that
 * appears at the last step (O_NOFOLLOW).
 */
export function entryAt(root: string, target: string): "missing" | "file" | "folder" {
    const relative = path.relative(path.resolve(root), path.resolve(target));
    if (relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
        throw new FederationError({ resource: target }, `is outside the output folder ${root}: synth never writes, reads or deletes there`);
    }
    if (relative === "") {
        const stats = fs.statSync(root, { throwIfNoEntry: false });
        if (stats && !stats.isDirectory()) throw new FederationError({ resource: root }, "is not a folder: synth renders into a folder");
        return stats ? "folder" : "missing";
    }
    let current = path.resolve(root);
    const parts = relative.split(path.sep);
    for (const [index, part] of parts.entries()) {
        current = path.join(current, part);
        const stats = fs.lstatSync(current, { throwIfNoEntry: false });
        if (!stats) return "missing";
        if (stats.isSymbolicLink()) throw linkError(current);
        const last = index === parts.length - 1;
        if (stats.isDirectory()) {
            if (last) return "folder";
        } else if (stats.isFile() && last) {
            return "file";
        } else {
            throw new FederationError({ resource: current }, last ? "is neither a regular file nor a folder: synth writes, reads and deletes only those" : "is not a folder: synth renders into folders there");
        }
    }
    return "folder";
}

function linkError(file: string): FederationError {
    return new FederationError({ resource: file }, "is a symbolic link: synth never writes, reads or deletes through a link; replace it with a real folder or file, or choose another --out");
}

/** Opens `file` following no link at the last step either (O_NOFOLLOW, where the platform has it). */
function withFile<T>(file: string, flags: number, use: (descriptor: number) => T): T {
    let descriptor: number;
    try {
        descriptor = fs.openSync(file, flags | (fs.constants.O_NOFOLLOW ?? 0), 0o666);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ELOOP") throw linkError(file);
        throw error;
    }
    try {
        return use(descriptor);
    } finally {
        fs.closeSync(descriptor);
    }
}

export const readFile = (file: string): string => withFile(file, fs.constants.O_RDONLY, (descriptor) => fs.readFileSync(descriptor, "utf8"));
export const writeFile = (file: string, text: string): void => withFile(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC, (descriptor) => fs.writeFileSync(descriptor, text));

/** A regular file at `file` (checked from `root`), or an error naming it. */
export function expectFile(root: string, file: string): "missing" | "file" {
    const entry = entryAt(root, file);
    if (entry === "folder") throw new FederationError({ resource: file }, "is a folder where synth keeps a file: move it away");
    return entry;
}

/** A folder at `folder` (checked from `root`), or an error naming it. */
export function expectFolder(root: string, folder: string): "missing" | "folder" {
    const entry = entryAt(root, folder);
    if (entry === "file") throw new FederationError({ resource: folder }, "is a file where synth keeps a folder: move it away");
    return entry;
}

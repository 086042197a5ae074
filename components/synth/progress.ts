/**
 * Progress for big programs, on stderr: a line per thousand (`step`) per-cluster objects
 * registered, and lines as members are written once the rendering holds that many or more. Small programs print
 * nothing. Counts, not timers, so the lines are the same on every run.
 */
import { Registration } from "./capture";

/** How many objects make a program "big", and the step between two registration lines. */
export const PROGRESS_STEP = 1000;

export interface Progress {
    registered(registration: Registration): void;
    /** A member's folder is written; `total` objects in all. */
    written(files: number, members: number, total: number): void;
}

export function progressReporter(report: (line: string) => void, step = PROGRESS_STEP): Progress {
    let members = 0;
    let objects = 0;
    let writtenMembers = 0;
    let writtenObjects = 0;
    let nextWritten = step;
    return {
        registered(registration) {
            if (registration.type === "pulumi:providers:kubernetes") members++;
            else if (registration.custom && registration.type.startsWith("kubernetes:")) {
                objects++;
                if (objects % step === 0) report(`synth: ${objects} objects registered (${members} member${members === 1 ? "" : "s"} so far)`);
            }
        },
        written(files, totalMembers, total) {
            writtenMembers++;
            writtenObjects += files;
            if (total < step) return;
            if (writtenObjects >= nextWritten || writtenMembers === totalMembers) {
                report(`synth: ${writtenMembers} of ${totalMembers} members written (${writtenObjects} of ${total} objects)`);
                while (nextWritten <= writtenObjects) nextWritten += step;
            }
        },
    };
}

/**
 * Turns of the event loop in which federated components register their per-cluster objects.
 *
 * A program that declares its federated objects in one synchronous loop would otherwise put every
 * registration of the whole fleet in flight at once: none of the SDK's per-registration work
 * (serializing inputs, the RPC, resolving outputs) can finish, or become garbage, before the loop
 * ends, and the peak holds all of it. Components instead plan and register themselves at once,
 * then wait here for a turn; each turn admits about `OBJECTS_PER_TURN` per-cluster objects, and the
 * next turn starts only after the event loop has run (setImmediate: pending I/O, RPC replies and
 * promise callbacks first). Waiting components are admitted in the order they were declared.
 *
 * The wait also makes "nothing registers before an error" hold across components: a component
 * whose constructor throws cancels every registration still waiting (see cancelQueuedRegistrations),
 * so a name clash found in the tenth component stops the first nine's objects too, not only its own.
 *
 * Nothing here waits for a registration to finish: under `pulumi up` that would wait for the
 * objects to be deployed and serialize the update. On the real engine the pacing neither helps nor
 * costs: `npm run bench:e2e` measured the same times with every object admitted in one turn.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { withoutRecordedStacks } from "./recordedStack";


/** Per-cluster objects admitted per turn (measured by `npm run bench`, see docs/reference/performance.md). */
export const OBJECTS_PER_TURN = 64;

interface Waiting {
    cost: number;
    admit: () => void;
    refuse: () => void;
    /** Registered already (asked for before its turn): costs nothing, cannot be canceled. */
    done: boolean;
}

let queue: Waiting[] = [];
let head = 0;
let scheduled = false;

/** A component's children, waiting for their turn. */
export interface QueuedRegistration {
    /** Registers them now if they are still waiting (a dependent asked for them first). */
    now(): void;
    /** Resolves once they are registered (true), or canceled by a failed declaration (false). */
    readonly registered: Promise<boolean>;
}

/**
 * Queues `register` for the turn that admits `cost` more per-cluster objects (a cost over the
 * per-turn budget is admitted alone).
 */
export function queueRegistration(cost: number, register: () => void): QueuedRegistration {
    let pending: (() => void) | undefined = register;
    let entry!: Waiting;
    const run = () => {
        const registerNow = pending;
        pending = undefined;
        entry.done = true;
        // (Their stack would name only this file's functions: see recordedStack.ts.)
        if (registerNow) withoutRecordedStacks(registerNow);
    };
    const registered = new Promise<boolean>((resolve) => {
        entry = {
            cost,
            done: false,
            admit: () => {
                run();
                resolve(true);
            },
            refuse: () => {
                pending = undefined;
                entry.done = true;
                resolve(false);
            },
        };
    });
    queue.push(entry);
    if (!scheduled) {
        scheduled = true;
        setImmediate(runTurn);
    }
    return {
        registered,
        now: () => {
            if (entry.done || pending === undefined) return;
            run();
            entry.admit(); // settles `registered`; run() does nothing twice
        },
    };
}

const cancellationWatchers = new Set<(error: unknown) => void>();

/**
 * Calls `watcher` with the error of each failed declaration that canceled registrations (synth's
 * capture: a program that catches the error must still fail). Returns the function that stops it.
 */
export function watchCanceledRegistrations(watcher: (error: unknown) => void): () => void {
    cancellationWatchers.add(watcher);
    return () => cancellationWatchers.delete(watcher);
}

/**
 * A component's declaration failed: the program fails with `error`, so no object still waiting
 * for its turn may reach the engine (it would be created in the clusters before the update stops).
 *
 * The canceled components stay without children, so the program must not succeed even if it
 * catches `error`: the engine would then delete what they had. Under the engine, `error` is also
 * left as an unhandled rejection, which Pulumi's Node.js host turns into a failed update; it is the
 * object the constructor throws, and the host reports an error object once. (Under the SDK's mocks,
 * unit tests that expect the throw would see it as a second failure; watchers get it instead.)
 */
export function cancelQueuedRegistrations(error: unknown): void {
    const waiting = queue.slice(head).filter((entry) => !entry.done);
    queue = [];
    head = 0;
    if (waiting.length === 0) return;
    for (const entry of waiting) entry.refuse();
    for (const watcher of cancellationWatchers) watcher(error);
    if (cancellationWatchers.size === 0 && !(pulumi.runtime.getMonitor() instanceof MockMonitor)) void Promise.reject(error);
}

function runTurn(): void {
    let admitted = 0;
    while (head < queue.length && (admitted === 0 || admitted + queue[head].cost <= OBJECTS_PER_TURN)) {
        const next = queue[head++];
        if (next.done) continue;
        admitted += next.cost;
        next.admit();
    }
    if (head === queue.length) {
        queue = [];
        head = 0;
        scheduled = false;
    } else {
        setImmediate(runTurn);
    }
}

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
 * Nothing here waits for a registration to finish: under `pulumi up` that would wait for the
 * objects to be deployed and serialize the update.
 */

/** Per-cluster objects admitted per turn (measured by `npm run bench`, see docs/reference/performance.md). */
export const OBJECTS_PER_TURN = 64;

interface Waiting {
    cost: number;
    admit: () => void;
}

const queue: Waiting[] = [];
let head = 0;
let scheduled = false;

/**
 * Resolves in the turn that admits `cost` more per-cluster objects. A cost over the per-turn
 * budget is admitted alone.
 */
export function registrationTurn(cost: number): Promise<void> {
    return new Promise((admit) => {
        queue.push({ cost, admit });
        if (!scheduled) {
            scheduled = true;
            setImmediate(runTurn);
        }
    });
}

function runTurn(): void {
    let admitted = 0;
    while (head < queue.length && (admitted === 0 || admitted + queue[head].cost <= OBJECTS_PER_TURN)) {
        const next = queue[head++];
        admitted += next.cost;
        next.admit();
    }
    if (head === queue.length) {
        queue.length = 0;
        head = 0;
        scheduled = false;
    } else {
        setImmediate(runTurn);
    }
}

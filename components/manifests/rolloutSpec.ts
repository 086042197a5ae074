/**
 * A `Federated<Kind>`'s `spec.rollout`, this package's extension of KubeFed's spec (KubeFed had
 * no staged rollout): the library's `rollout` argument, with each stage's `clusters` written as
 * KubeFed writes placement's, `[{ name: cluster1 }]`. The plan checks the rest, with the file and
 * line of the field (plan.ts).
 */
import { FederationError } from "../errors";
import { describeType } from "../planning/names";
import { isPlainObject } from "../planning/opaque";
import { RolloutArgs } from "../planning/rollout";

/** The rollout in the arguments' form; a wrong shape of a stage's clusters names the field. */
export function readRollout(rollout: unknown, label: string): RolloutArgs | undefined {
    if (rollout === undefined || rollout === null) return undefined;
    if (!isPlainObject(rollout) || !Array.isArray(rollout.stages)) return rollout as unknown as RolloutArgs; // the plan names what is wrong
    const stages = rollout.stages.map((stage: unknown, index: number) => {
        if (!isPlainObject(stage) || stage.clusters === undefined) return stage;
        if (!Array.isArray(stage.clusters)) {
            throw new FederationError({ resource: label, field: `spec.rollout.stages[${index}].clusters` }, `must be a list of { name: <cluster> }, got ${describeType(stage.clusters)}`);
        }
        const clusters = stage.clusters.map((entry: unknown, position: number) => {
            if (!isPlainObject(entry) || typeof entry.name !== "string" || Object.keys(entry).length !== 1) {
                throw new FederationError({ resource: label, field: `spec.rollout.stages[${index}].clusters[${position}]` }, `must be { name: <cluster> }, as KubeFed writes placement's clusters, got ${describeType(entry)}`);
            }
            return entry.name;
        });
        return { ...stage, clusters };
    });
    return { ...rollout, stages } as unknown as RolloutArgs;
}

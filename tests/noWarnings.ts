/**
 * Mocha root hooks (required by .mocharc.json): the suite prints no Node warnings. Each
 * process 'warning' (a PromiseRejectionHandledWarning, a deprecation, a listener leak...) is
 * recorded with the test that was running, and the run fails at the end naming them. Node still
 * prints each warning as usual; nothing is suppressed.
 */
import type { Context } from "mocha";

const seen: string[] = [];
let current = "(between tests)";

function onWarning(warning: Error): void {
    seen.push(`${warning.name}: ${warning.message}\n      while running: ${current}`);
}

export const mochaHooks = {
    beforeAll(): void {
        process.on("warning", onWarning);
    },
    beforeEach(this: Context): void {
        current = this.currentTest?.fullTitle() ?? "(unknown test)";
    },
    afterEach(): void {
        // A warning is emitted on a later tick than its cause: it may land in the next test's title.
        current = `(after) ${current}`;
    },
    afterAll(): void {
        process.off("warning", onWarning);
        if (seen.length > 0) {
            throw new Error(`the test run printed ${seen.length} Node warning(s); fix their cause, do not silence them:\n  ${seen.join("\n  ")}`);
        }
    },
};

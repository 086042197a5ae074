import * as assert from "assert";
import * as fs from "fs";
import { planReplicas, fnv1Hash32 } from "../components";
describe("review planner fuzz", () => {
    it("matches the Go port", () => {
        assert.strictEqual(fnv1Hash32("a"), 84696446);
        assert.strictEqual(fnv1Hash32("cluster1ns/web"), 3143261312);
        const cases = JSON.parse(fs.readFileSync("/tmp/rev/cases.json", "utf8"));
        let bad = 0;
        for (const c of cases) {
            const r = planReplicas(c.pref, c.avail, { current: c.current, capacity: c.cap, key: c.key });
            const norm = (o: any) => JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));
            if (norm(r.plan) !== norm(c.plan) || norm(r.overflow) !== norm(c.overflow) || r.unplaced !== c.unplaced) {
                if (bad++ < 3) console.log(JSON.stringify(c), JSON.stringify(r));
            }
        }
        assert.strictEqual(bad, 0);
    });
});

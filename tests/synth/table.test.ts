/**
 * The commands' tables: columns padded to what is printed, so a cell whose control characters are
 * shown escaped still lines its column up; the last column is not padded.
 */
import { strict as assert } from "assert";
import { alignedTable } from "../../components/synth/table";

describe("synth/table: aligned columns", () => {
    it("pads every column but the last to its widest printed cell", () => {
        assert.deepEqual(alignedTable(["NAME", "READY"], [["a", "True"], ["long-name", "False"]], "   "), ["NAME        READY", "a           True", "long-name   False"]);
    });
    it("a control character is escaped before the width is counted", () => {
        const lines = alignedTable(["NAME", "X"], [["a\u001bb", "1"], ["abcdef", "2"]]);
        assert.deepEqual(lines, ["NAME    X", "a\\x1bb  1", "abcdef  2"]);
        assert.equal(lines[1].lastIndexOf("1"), lines[2].lastIndexOf("2"));
    });
    it("an empty last cell leaves no trailing spaces", () => {
        assert.deepEqual(alignedTable(["A", "B"], [["x", ""]]), ["A  B", "x"]);
    });
});

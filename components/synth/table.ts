/**
 * The tables the commands print, kubectl's style: upper-case headers, every column but the last
 * padded to its widest cell. Cells are made printable first (escapes lengthen them), so that
 * padding is counted on what is printed.
 */
import { printable } from "../errors";

/** The table's lines: header first; `gap` between columns. */
export function alignedTable(header: readonly string[], rows: readonly (readonly string[])[], gap = "  "): string[] {
    const cells = [header, ...rows].map((row) => row.map((cell) => printable(cell)));
    const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
    return cells.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join(gap).trimEnd());
}

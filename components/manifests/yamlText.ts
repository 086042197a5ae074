/**
 * YAML as this package writes it for kubectl and Go programs to read: YAML 1.1 quoting (a string
 * such as `yes`, `on` or `0755` quoted, which YAML 1.1 would read as a boolean or a number), and
 * double quotes for a string holding a line or paragraph separator (U+0085, U+2028, U+2029),
 * which the `yaml` library leaves plain and Go's YAML reader takes as a line break.
 */
import { Document, Scalar, visit } from "yaml";

export interface YamlTextOptions {
    /** Keys sorted at every level (kubefedctl's order). */
    sortMapEntries?: boolean;
    /** Lists indented under their key (the library's default) or not (kubefedctl's). */
    indentSeq?: boolean;
}

export function yamlText(value: unknown, options: YamlTextOptions = {}): string {
    const document = new Document(value, { version: "1.1", sortMapEntries: options.sortMapEntries ?? false });
    visit(document, {
        Scalar(_, node) {
            if (typeof node.value === "string" && /[\u0085\u2028\u2029]/.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
        },
    });
    return document.toString({ lineWidth: 0, indentSeq: options.indentSeq ?? true });
}

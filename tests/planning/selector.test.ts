import { strict as assert } from "assert";
import { LabelSelector, Labels, matchesSelector, validateSelector } from "../../components/planning/selector";
import { assertFederationError, ExpectedError } from "./helpers";

describe("planning/selector: matchesSelector", () => {
    const cases: { name: string; selector: LabelSelector; labels: Labels | undefined; expected: boolean }[] = [
        { name: "empty selector matches labelled member", selector: {}, labels: { tier: "gold" }, expected: true },
        { name: "empty selector matches member with no labels object", selector: {}, labels: undefined, expected: true },
        { name: "empty selector matches empty labels", selector: {}, labels: {}, expected: true },
        { name: "empty matchLabels and empty matchExpressions match everything", selector: { matchLabels: {}, matchExpressions: [] }, labels: undefined, expected: true },
        { name: "matchLabels single label equal", selector: { matchLabels: { tier: "gold" } }, labels: { tier: "gold", zone: "z1" }, expected: true },
        { name: "matchLabels single label different value", selector: { matchLabels: { tier: "gold" } }, labels: { tier: "silver" }, expected: false },
        { name: "matchLabels label missing", selector: { matchLabels: { tier: "gold" } }, labels: { zone: "z1" }, expected: false },
        { name: "matchLabels against undefined labels", selector: { matchLabels: { tier: "gold" } }, labels: undefined, expected: false },
        { name: "matchLabels all of several must hold (all hold)", selector: { matchLabels: { tier: "gold", zone: "z1" } }, labels: { tier: "gold", zone: "z1", x: "y" }, expected: true },
        { name: "matchLabels all of several must hold (one fails)", selector: { matchLabels: { tier: "gold", zone: "z1" } }, labels: { tier: "gold", zone: "z2" }, expected: false },
        { name: "matchLabels empty-string value equals empty-string label", selector: { matchLabels: { flag: "" } }, labels: { flag: "" }, expected: true },
        { name: "matchLabels empty-string value does not match a missing label", selector: { matchLabels: { flag: "" } }, labels: {}, expected: false },
        { name: "matchLabels value comparison is case-sensitive", selector: { matchLabels: { tier: "Gold" } }, labels: { tier: "gold" }, expected: false },
        { name: "In: value in list", selector: { matchExpressions: [{ key: "zone", operator: "In", values: ["z1", "z2"] }] }, labels: { zone: "z2" }, expected: true },
        { name: "In: value not in list", selector: { matchExpressions: [{ key: "zone", operator: "In", values: ["z1", "z2"] }] }, labels: { zone: "z3" }, expected: false },
        { name: "In: label missing fails", selector: { matchExpressions: [{ key: "zone", operator: "In", values: ["z1"] }] }, labels: { tier: "gold" }, expected: false },
        { name: "In: undefined labels fail", selector: { matchExpressions: [{ key: "zone", operator: "In", values: ["z1"] }] }, labels: undefined, expected: false },
        { name: "NotIn: value in list fails", selector: { matchExpressions: [{ key: "zone", operator: "NotIn", values: ["z1", "z2"] }] }, labels: { zone: "z1" }, expected: false },
        { name: "NotIn: value outside list passes", selector: { matchExpressions: [{ key: "zone", operator: "NotIn", values: ["z1", "z2"] }] }, labels: { zone: "z9" }, expected: true },
        { name: "NotIn: missing label satisfies NotIn", selector: { matchExpressions: [{ key: "zone", operator: "NotIn", values: ["z1"] }] }, labels: { tier: "gold" }, expected: true },
        { name: "NotIn: undefined labels satisfy NotIn", selector: { matchExpressions: [{ key: "zone", operator: "NotIn", values: ["z1"] }] }, labels: undefined, expected: true },
        { name: "Exists: label present (empty value counts)", selector: { matchExpressions: [{ key: "edge", operator: "Exists" }] }, labels: { edge: "" }, expected: true },
        { name: "Exists: label missing", selector: { matchExpressions: [{ key: "edge", operator: "Exists" }] }, labels: { tier: "gold" }, expected: false },
        { name: "Exists: inherited property name is not a label", selector: { matchExpressions: [{ key: "constructor", operator: "Exists" }] }, labels: {}, expected: false },
        { name: "DoesNotExist: label missing", selector: { matchExpressions: [{ key: "edge", operator: "DoesNotExist" }] }, labels: { tier: "gold" }, expected: true },
        { name: "DoesNotExist: label present", selector: { matchExpressions: [{ key: "edge", operator: "DoesNotExist" }] }, labels: { edge: "true" }, expected: false },
        { name: "DoesNotExist: inherited property name is not a label", selector: { matchExpressions: [{ key: "toString", operator: "DoesNotExist" }] }, labels: {}, expected: true },
        {
            name: "several expressions are ANDed (all hold)",
            selector: { matchExpressions: [{ key: "zone", operator: "In", values: ["z1"] }, { key: "edge", operator: "DoesNotExist" }] },
            labels: { zone: "z1" },
            expected: true,
        },
        {
            name: "several expressions are ANDed (second fails)",
            selector: { matchExpressions: [{ key: "zone", operator: "In", values: ["z1"] }, { key: "edge", operator: "DoesNotExist" }] },
            labels: { zone: "z1", edge: "yes" },
            expected: false,
        },
        {
            name: "matchLabels and matchExpressions combined: both hold",
            selector: { matchLabels: { tier: "gold" }, matchExpressions: [{ key: "zone", operator: "NotIn", values: ["z3"] }] },
            labels: { tier: "gold", zone: "z1" },
            expected: true,
        },
        {
            name: "matchLabels and matchExpressions combined: labels hold, expression fails",
            selector: { matchLabels: { tier: "gold" }, matchExpressions: [{ key: "zone", operator: "NotIn", values: ["z3"] }] },
            labels: { tier: "gold", zone: "z3" },
            expected: false,
        },
        {
            name: "matchLabels and matchExpressions combined: expression holds, labels fail",
            selector: { matchLabels: { tier: "gold" }, matchExpressions: [{ key: "zone", operator: "NotIn", values: ["z3"] }] },
            labels: { tier: "bronze", zone: "z1" },
            expected: false,
        },
    ];
    for (const c of cases) {
        it(c.name, () => {
            assert.equal(matchesSelector(c.selector, c.labels), c.expected);
        });
    }
});

describe("planning/selector: validateSelector", () => {
    const cases: { name: string; selector: unknown; error?: ExpectedError }[] = [
        { name: "accepts {}", selector: {} },
        { name: "accepts matchLabels only", selector: { matchLabels: { tier: "gold" } } },
        {
            name: "accepts every operator with the right values",
            selector: {
                matchExpressions: [
                    { key: "a", operator: "In", values: ["x"] },
                    { key: "b", operator: "NotIn", values: ["x", "y"] },
                    { key: "c", operator: "Exists" },
                    { key: "d", operator: "DoesNotExist" },
                ],
            },
        },
        { name: "accepts Exists with an empty values list", selector: { matchExpressions: [{ key: "c", operator: "Exists", values: [] }] } },
        {
            name: "rejects an unknown operator",
            selector: { matchExpressions: [{ key: "a", operator: "In", values: ["x"] }, { key: "b", operator: "Equals", values: ["x"] }] },
            error: { field: "matchExpressions[1].operator", message: '"Equals" is not a selector operator' },
        },
        {
            name: "rejects a lower-case operator",
            selector: { matchExpressions: [{ key: "a", operator: "in", values: ["x"] }] },
            error: { field: "matchExpressions[0].operator", message: '"in" is not a selector operator' },
        },
        {
            name: "rejects In with an empty values list",
            selector: { matchExpressions: [{ key: "a", operator: "In", values: [] }] },
            error: { field: "matchExpressions[0].values", message: "operator In needs a non-empty list of values" },
        },
        {
            name: "rejects In with no values",
            selector: { matchExpressions: [{ key: "a", operator: "In" }] },
            error: { field: "matchExpressions[0].values", message: "operator In needs a non-empty list of values" },
        },
        {
            name: "rejects NotIn with no values",
            selector: { matchExpressions: [{ key: "a", operator: "NotIn" }] },
            error: { field: "matchExpressions[0].values", message: "operator NotIn needs a non-empty list of values" },
        },
        {
            name: "rejects NotIn with an empty values list",
            selector: { matchExpressions: [{ key: "a", operator: "NotIn", values: [] }] },
            error: { field: "matchExpressions[0].values", message: "operator NotIn needs a non-empty list of values" },
        },
        {
            name: "rejects Exists with values",
            selector: { matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] },
            error: { field: "matchExpressions[0].values", message: "operator Exists takes no values" },
        },
        {
            name: "rejects DoesNotExist with values",
            selector: { matchExpressions: [{ key: "c", operator: "Exists" }, { key: "a", operator: "DoesNotExist", values: ["x"] }] },
            error: { field: "matchExpressions[1].values", message: "operator DoesNotExist takes no values" },
        },
        {
            name: "rejects a non-string value in an In list",
            selector: { matchExpressions: [{ key: "a", operator: "In", values: ["x", 3] }] },
            error: { field: "matchExpressions[0].values[1]", message: "label values are strings, got number 3" },
        },
        {
            name: "rejects a non-string matchLabels value",
            selector: { matchLabels: { tier: "gold", replicas: 3 } },
            error: { field: 'matchLabels["replicas"]', message: "label values are strings, got number 3" },
        },
        {
            name: "rejects a boolean matchLabels value",
            selector: { matchLabels: { edge: true } },
            error: { field: 'matchLabels["edge"]', message: "label values are strings, got boolean true" },
        },
        {
            name: "rejects an unknown top-level key (typo of matchLabels)",
            selector: { matchLabel: { tier: "gold" } },
            error: { field: "matchLabel", message: "is not a label selector field" },
        },
        {
            name: "rejects a requirement without a key",
            selector: { matchExpressions: [{ operator: "Exists" }] },
            error: { field: "matchExpressions[0].key", message: "must be a non-empty label key" },
        },
        {
            name: "rejects matchExpressions that is not a list",
            selector: { matchExpressions: { key: "a", operator: "Exists" } },
            error: { field: "matchExpressions", message: "must be a list" },
        },
        {
            name: "rejects matchLabels that is a list",
            selector: { matchLabels: ["tier=gold"] },
            error: { field: "matchLabels", message: "must be an object of label -> value, got an array" },
        },
        { name: "rejects a selector that is a string", selector: "tier=gold", error: { message: 'a label selector must be an object, got string "tier=gold"' } },
        { name: "rejects null", selector: null, error: { message: "a label selector must be an object, got null" } },
    ];
    for (const c of cases) {
        it(c.name, () => {
            if (c.error) assertFederationError(() => validateSelector(c.selector), c.error);
            else assert.doesNotThrow(() => validateSelector(c.selector));
        });
    }
});

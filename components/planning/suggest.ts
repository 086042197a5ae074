/**
 * Typo suggestions for unknown field names: "is not a placement field (expected clusters,
 * clusterSelector); did you mean clusterSelector?". Every check of an object's keys uses these,
 * so a misspelled field is an error everywhere, never a silently dropped setting.
 */

/** The candidate within a small edit distance of `word` (ignoring case), if one is. */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
    // Long keys (a pasted value, hostile input) are never near a field name: skip the O(n*m) work.
    if (word.length > 128) return undefined;
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
    const lower = word.toLowerCase();
    for (const candidate of candidates) {
        if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
        const distance = editDistance(lower, candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit. */
export function editDistance(a: string, b: string): number {
    let beforePrevious: number[] = [];
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], beforePrevious[j - 2] + 1);
        }
        beforePrevious = previous;
        previous = current;
    }
    return previous[b.length];
}

/** `; did you mean x?` for a near miss, or nothing. */
export function suggestion(word: string, candidates: Iterable<string>): string {
    const guess = closestName(word, candidates);
    return guess ? `; did you mean ${guess}?` : "";
}

/** The reason for an unknown key: `is not a <what> field (expected a, b or c); did you mean b?`. */
export function unknownFieldReason(key: string, known: readonly string[], what: string): string {
    return `is not ${/^[aeiou]/i.test(what) ? "an" : "a"} ${what} field (expected ${known.join(", ")})${suggestion(key, known)}`;
}

/** The first own key of `object` outside `known`, if any. */
export function firstUnknownKey(object: object, known: readonly string[]): string | undefined {
    return Object.keys(object).find((key) => !known.includes(key));
}

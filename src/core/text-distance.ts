// How far apart two short names are: what a misspelt heading or field may have meant.

/** Levenshtein distance, given up past `limit` (names are short; the limit keeps a long one cheap). */
export function editDistance(a: string, b: string, limit: number): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		let smallest = i;
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
			smallest = Math.min(smallest, current[j]!);
		}
		if (smallest > limit) return limit + 1;
		previous = current;
	}
	return previous[b.length]!;
}

/** The one of `names` within a typo or two of `name` (a fifth of its length, at least two), the nearest. */
export function nearestName(name: string, names: Iterable<string>): string | undefined {
	const allowed = Math.max(2, Math.floor(name.length / 5));
	let best: { name: string; distance: number } | undefined;
	for (const candidate of names) {
		if (candidate === name || Math.abs(candidate.length - name.length) > allowed) continue;
		const distance = editDistance(candidate.toLowerCase(), name.toLowerCase(), allowed);
		if (distance <= allowed && (!best || distance < best.distance)) best = { name: candidate, distance };
	}
	return best?.name;
}

// Inputs for tests that hold a scanner to a reference (an older expression, the renderer).

/** Every string over `alphabet` up to `maxLength` characters, shortest first. */
export function* strings(alphabet: string, maxLength: number): Generator<string> {
	let level = [''];
	for (let n = 1; n <= maxLength; n++) {
		level = level.flatMap((s) => [...alphabet].map((c) => s + c));
		yield* level;
	}
}

/** Longer strings (up to `maxLength`, possibly empty), drawn with a fixed seed so a failure can be replayed. */
export function* randomStrings(alphabet: string, maxLength: number, count: number, seed = 13): Generator<string> {
	const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
	for (let n = 0; n < count; n++) {
		let s = '';
		const length = Math.floor(next() * (maxLength + 1));
		for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
		yield s;
	}
}

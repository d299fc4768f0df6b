// Stable, locale-independent orderings shared by the core, the CLI and the site: natural ids ("2" before "10") and semantic versions.

const CHUNK = /(\d+|\D+)/g;

/** Compares ids naturally: digit runs by value, other runs by code point; ties broken by the raw string. */
export function compareIds(a: string, b: string): number {
	const left = a.match(CHUNK) ?? [];
	const right = b.match(CHUNK) ?? [];
	for (let i = 0; i < Math.min(left.length, right.length); i++) {
		const x = left[i]!;
		const y = right[i]!;
		const xNum = /^\d/.test(x);
		const yNum = /^\d/.test(y);
		if (xNum && yNum) {
			const diff = Number(x) - Number(y);
			if (diff !== 0) return diff;
		} else if (x !== y) {
			return x < y ? -1 : 1;
		}
	}
	if (left.length !== right.length) return left.length - right.length;
	return a < b ? -1 : a > b ? 1 : 0;
}

export function byId<T>(id: (item: T) => string): (a: T, b: T) => number {
	return (a, b) => compareIds(id(a), id(b));
}

interface Semver {
	core: [number, number, number];
	pre: string[];
}

function parseSemver(version: string): Semver {
	const [main = '', pre] = version.replace(/^v/, '').split('+')[0]!.split(/-(.*)/s);
	const [major = 0, minor = 0, patch = 0] = main.split('.').map(Number);
	return { core: [major, minor, patch], pre: pre ? pre.split('.') : [] };
}

/** Semantic-version precedence (semver.org item 11): 1.0.0-rc.1 < 1.0.0 < 1.0.1. */
export function compareSemver(a: string, b: string): number {
	const x = parseSemver(a);
	const y = parseSemver(b);
	for (let i = 0; i < 3; i++) {
		const diff = x.core[i]! - y.core[i]!;
		if (diff !== 0) return diff;
	}
	if (!x.pre.length || !y.pre.length) return y.pre.length - x.pre.length;
	for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i++) {
		const p = x.pre[i]!;
		const q = y.pre[i]!;
		if (p === q) continue;
		const pNum = /^\d+$/.test(p);
		const qNum = /^\d+$/.test(q);
		if (pNum && qNum) return Number(p) - Number(q);
		if (pNum !== qNum) return pNum ? -1 : 1;
		return p < q ? -1 : 1;
	}
	return x.pre.length - y.pre.length;
}

/** Code-point order, the same on every machine (unlike localeCompare); fine for ISO dates. */
export function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

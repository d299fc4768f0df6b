// What the markup check of cached diagrams costs (src/diagrams/svg-safety.ts): every SVG of the
// given cache folders, checked in rounds; with `--against <module>`, another version of the
// check (a file exporting `unsafeSvg`, e.g. `git show <ref>:src/diagrams/svg-safety.ts`)
// alternates with this one, round by round.
//
//   node bench/svg-check.ts [<cache folder>...] [--against <module>] [--rounds <n>]
//
// Default folder: .phasebook/cache/diagrams (the sample program's, after `npm run build`). Each
// entry is checked as the build checks it, as a template (`{ template: true }`).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { unsafeSvg } from '../src/diagrams/svg-safety.ts';
import { stats } from './stats.ts';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { against: { type: 'string' }, rounds: { type: 'string', default: '7' } },
});
const folders = positionals.length > 0 ? positionals : ['.phasebook/cache/diagrams'];
const svgs = folders.flatMap((folder) =>
	readdirSync(folder)
		.filter((name) => name.endsWith('.svg'))
		// A cache entry's first line is its digest.
		.map((name) => readFileSync(join(folder, name), 'utf8').replace(/^<!--phasebook-cache[^\n]*\n/, '')),
);
if (svgs.length === 0) {
	console.error(`No SVGs in ${folders.join(', ')}: build a program first (npm run build).`);
	process.exit(1);
}
const megabytes = svgs.reduce((sum, svg) => sum + Buffer.byteLength(svg), 0) / 1e6;
const checks: [string, (svg: string) => string | undefined][] = [['this checkout', (svg) => unsafeSvg(svg, { template: true })]];
if (values.against) {
	const other = (await import(pathToFileURL(resolve(values.against)).href)) as { unsafeSvg: (svg: string) => string | undefined };
	checks.unshift([values.against, other.unsafeSvg]);
}

const times = new Map(checks.map(([name]) => [name, [] as number[]]));
const refused = new Map(checks.map(([name, check]) => [name, svgs.filter((svg) => check(svg) !== undefined).length]));
for (let round = 0; round < Number(values.rounds); round++) {
	for (const [name, check] of checks) {
		const start = performance.now();
		for (const svg of svgs) check(svg);
		times.get(name)!.push(performance.now() - start);
	}
}
console.log(`${svgs.length} SVGs, ${megabytes.toFixed(1)} MB, from ${folders.join(', ')}`);
for (const [name, xs] of times) {
	const median = [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
	console.log(`${name}: ${stats(xs, 0, ' ms')}, ${(megabytes / (median / 1000)).toFixed(1)} MB/s; refuses ${refused.get(name)}`);
}

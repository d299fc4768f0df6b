// Benchmark: times `npm run check` on a generated program of 1,000 documents (target: <= 1 s wall).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateProgram } from './generate.ts';

const documents = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 5);
const root = mkdtempSync(join(tmpdir(), 'phasebook-bench-check-'));
const counts = generateProgram(root, { documents, diagrams: true });
const bytes = readdirSync(join(root, 'content'), { recursive: true })
	.map((p) => join(root, 'content', String(p)))
	.filter((p) => statSync(p).isFile())
	.reduce((sum, p) => sum + statSync(p).size, 0);
console.log(`Generated ${documents} documents (${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}), ${(bytes / 1024 / 1024).toFixed(1)} MB`);

const script = resolve(import.meta.dirname, '../scripts/check.ts');
const times: number[] = [];
for (let i = 0; i < runs; i++) {
	const started = performance.now();
	const result = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
	times.push(performance.now() - started);
	if (result.status !== 0) {
		console.error(result.stdout.split('\n').slice(-5).join('\n'));
		throw new Error(`check exited ${result.status} on the generated program`);
	}
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(`npm run check, ${documents} documents, ${runs} runs (process start included): median ${(median / 1000).toFixed(2)} s, min ${(times[0]! / 1000).toFixed(2)} s, max ${(times.at(-1)! / 1000).toFixed(2)} s`);
rmSync(root, { recursive: true, force: true });

// `npm test`: type checks, unit tests (Vitest) and end-to-end tests (Playwright), then one summary line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const reports = join(root, 'test-results', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

interface Stage {
	name: string;
	command: string;
	args: string[];
	env?: Record<string, string>;
	count?: () => { passed: number; failed: number; skipped: number };
}

function vitestCounts(file: string) {
	const r = JSON.parse(readFileSync(file, 'utf8'));
	return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

function playwrightCounts(file: string) {
	const s = JSON.parse(readFileSync(file, 'utf8')).stats;
	return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

const only = process.argv.slice(2);
const stages: Stage[] = [
	{ name: 'types', command: bin('astro'), args: ['check', '--minimumSeverity', 'warning'] },
	{
		name: 'unit',
		command: bin('vitest'),
		args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(reports, 'vitest.json')}`],
		count: () => vitestCounts(join(reports, 'vitest.json')),
	},
	{
		name: 'e2e',
		command: bin('playwright'),
		args: ['test'],
		env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'playwright.json') },
		count: () => playwrightCounts(join(reports, 'playwright.json')),
	},
].filter((s) => only.length === 0 || only.includes(s.name));

const total = { passed: 0, failed: 0, skipped: 0 };
const failedStages: string[] = [];
for (const stage of stages) {
	console.log(`\n== ${stage.name}: ${[stage.command.replace(`${root}/`, ''), ...stage.args].join(' ')}`);
	const result = spawnSync(stage.command, stage.args, { cwd: root, stdio: 'inherit', env: { ...env, ...stage.env } });
	if (result.status !== 0) failedStages.push(stage.name);
	try {
		const counts = stage.count?.();
		if (counts) for (const k of ['passed', 'failed', 'skipped'] as const) total[k] += counts[k];
	} catch {
		if (stage.count) failedStages.push(`${stage.name} (no report)`);
	}
}
console.log(`\n${failedStages.length ? `Failed stages: ${failedStages.join(', ')}` : 'All stages passed'}`);
console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = failedStages.length ? 1 : 0;

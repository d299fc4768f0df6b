import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { cli, ROOT, scratch } from './helpers.ts';

const LEGACY_DIR = 'tests/e2e/fixtures/legacy-invocations';
const LEGACY = join(ROOT, LEGACY_DIR);

function intent(overrides: Record<string, unknown> = {}) {
	return {
		schema: 'OrderIntent@1.2',
		intent_id: 'oi_01JC8Q7W5X2M9T4R6B3N0K1P8D',
		symbol: 'USDJPY',
		side: 'buy',
		quantity: '0.10',
		limit_price: '151.237',
		time_in_force: 'GTC',
		created_at: '2026-11-12T08:30:00.125Z',
		...overrides,
	};
}

test('REQ-4.1 run-job --workflow-validate stops an invalid job with exit 3', ({ baseURL }) => {
	const dir = scratch();
	writeFileSync(join(dir, 'rebalance.json'), JSON.stringify({ contract: 'OrderIntent@1.2', payload: intent({ limit_price: '151.2375', time_in_force: 'GTD' }) }));
	const r = cli(['run-job', 'rebalance.json', '--workflow-validate', '--registry', baseURL!], dir);
	expect(r.code).toBe(3);
	expect(r.stderr).toBe(
		'✗ rebalance.json does not match OrderIntent@1.2\n  /limit_price: "151.2375" has 4 decimals; USDJPY allows 3\n  /time_in_force: "GTD" is not one of GTC, IOC, FOK\nexit 3\n',
	);
	expect(existsSync(join(dir, '.orchestrator/queue'))).toBe(false);
});

test('REQ-4.1 run-job --workflow-validate queues a valid job', ({ baseURL }) => {
	const dir = scratch();
	writeFileSync(join(dir, 'rebalance.json'), JSON.stringify({ contract: 'OrderIntent@1.2', payload: intent() }));
	const r = cli(['run-job', 'rebalance.json', '--workflow-validate', '--registry', baseURL!], dir);
	expect(r).toMatchObject({ code: 0, stderr: '' });
	expect(readdirSync(join(dir, '.orchestrator/queue'))).toHaveLength(1);
});

test('REQ-4.2 workflow-status --json prints the status document', ({ baseURL }) => {
	const r = cli(['workflow-status', '--json', '--limit', '5', '--url', baseURL!]);
	expect(r.code).toBe(0);
	const doc = JSON.parse(r.stdout);
	expect(doc.phases.map((p: { id: string }) => p.id)).toEqual(['1', '2', '3', '4']);
	expect(doc.runs).toHaveLength(5);
	expect(doc.nextCursor).toEqual(expect.any(String));
	const text = cli(['workflow-status', '--phase', '3', '--url', baseURL!]);
	expect(text.stdout).toMatch(/^PHASE {2}STATUS {2}GATES +LAST RUN\n3 +(pass|fail) +\d\/\d pass/);
});

test('REQ-4.4 run-job without new flags keeps the v0.2.0 output and exit code', () => {
	const dir = scratch();
	writeFileSync(join(dir, 'nightly.json'), JSON.stringify({ payload: { book: 'paper' } }));
	const r = cli(['run-job', 'nightly.json'], dir);
	expect(r.code).toBe(0);
	expect(r.stdout).toMatch(/^accepted nightly.json as run_[0-9a-f]{8}\n$/);
});

// The 140 invocations recorded from the operations team's shell history (task T-024).
test('REQ-4.4 every recorded legacy invocation replays byte for byte', () => {
	const recorded = existsSync(LEGACY) ? readdirSync(LEGACY).filter((f) => f.endsWith('.json')) : [];
	expect(recorded.length, `recorded invocations in ${LEGACY_DIR} (T-024)`).toBeGreaterThanOrEqual(140);
	for (const file of recorded) {
		const { args, cwd, stdout, stderr, code } = JSON.parse(readFileSync(join(LEGACY, file), 'utf8'));
		expect(cli(args, join(LEGACY, cwd)), file).toEqual({ code, stdout, stderr });
	}
});

import { createServer, type Server } from 'node:http';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../../src/cli-core.ts';
import { commands } from '../../../src/commands.ts';
import { writeHistory } from '../../fixtures/make-history.mjs';
import { captureIo } from '../../helpers/io.ts';
import { SAMPLE_REPO, startServer, type Running } from '../../helpers/server.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { orderIntent } from '../contracts/fixtures.ts';

let server: Running;
let dir: string;
beforeAll(async () => {
	dir = await tempDir();
	writeHistory(60, join(dir, 'history'));
	server = await startServer({ historyDir: join(dir, 'history') });
	await writeFile(join(dir, 'valid.json'), JSON.stringify({ contract: 'OrderIntent@1.2', payload: orderIntent() }));
	await writeFile(join(dir, 'rebalance.json'), JSON.stringify({ contract: 'OrderIntent@1.2', payload: orderIntent({ limit_price: '151.2375', time_in_force: 'GTD' }) }));
	await writeFile(join(dir, 'legacy.json'), JSON.stringify({ payload: { anything: true } }));
});
afterAll(() => server.close());

const run = async (argv: string[], env: Record<string, string> = {}) => {
	const io = captureIo(dir, env);
	const code = await runCli(argv, commands, io, '1');
	return { code, stdout: io.stdout, stderr: io.stderr };
};

describe('run-job', () => {
	test('REQ-4.1 run-job --workflow-validate stops an invalid job with exit 3', async () => {
		const r = await run(['run-job', 'rebalance.json', '--workflow-validate']);
		expect(r.code).toBe(3);
		expect(r.stderr).toBe(
			'✗ rebalance.json does not match OrderIntent@1.2\n' +
				'  /limit_price: "151.2375" has 4 decimals; USDJPY allows 3\n' +
				'  /time_in_force: "GTD" is not one of GTC, IOC, FOK\n' +
				'exit 3\n',
		);
	});

	test('REQ-4.1 validates against the registry when it answers, with the phase header', async () => {
		const ok = await run(['run-job', 'valid.json', '--workflow-validate', '--registry', server.url, '--queue', 'q']);
		expect(ok).toMatchObject({ code: 0, stderr: '' });
		expect(ok.stdout).toMatch(/^✓ valid.json matches OrderIntent@1.2\naccepted valid.json as run_[0-9a-f]{8}\n$/);
		const bad = await run(['run-job', 'rebalance.json', '--workflow-validate'], { ORCH_REGISTRY_URL: server.url });
		expect(bad.code).toBe(3);
	});

	test('REQ-4.1 falls back to the vendored schemas when the registry is unreachable or errs', async () => {
		const down = await run(['run-job', 'valid.json', '--workflow-validate', '--registry', 'http://127.0.0.1:9', '--queue', 'q']);
		expect(down.code).toBe(0);
		expect(down.stderr).toBe('warning: registry http://127.0.0.1:9 unreachable; validating against the vendored schemas\n');
		const odd = await run(['run-job', 'valid.json', '--workflow-validate', '--registry', `${server.url}/nothing-here`, '--queue', 'q']);
		expect(odd.stderr).toBe('warning: registry answered 404; validating against the vendored schemas\n');
		expect(await run(['run-job', 'legacy.json', '--workflow-validate'])).toMatchObject({ code: 3, stderr: '✗ legacy.json names no contract to validate against\nexit 3\n' });
	});

	test('REQ-4.4 run-job without --workflow-validate behaves as in v0.2.0', async () => {
		const r = await run(['run-job', 'legacy.json', '--queue', 'queue']);
		expect(r).toMatchObject({ code: 0, stderr: '' });
		expect(r.stdout).toMatch(/^accepted legacy.json as run_[0-9a-f]{8}\n$/);
		expect(await readdir(join(dir, 'queue'))).toHaveLength(1);
		expect((await run(['run-job'])).code).toBe(2);
	});

	test('REQ-4.1 --compliance-check refuses to queue from a non-compliant repository', async () => {
		expect((await run(['run-job', 'legacy.json', '--compliance-check', '--repo', SAMPLE_REPO, '--queue', 'q'])).code).toBe(0);
		const r = await run(['run-job', 'legacy.json', '--compliance-check', '--repo', '.']);
		expect(r).toMatchObject({ code: 1, stderr: '✗ compliance check failed: branch-protection, governance-files, coverage, security\n' });
	});
});

describe('workflow-status', () => {
	test('REQ-4.2 workflow-status prints the table, or the document with --json', async () => {
		const text = await run(['workflow-status', '--url', server.url]);
		expect(text.code).toBe(0);
		expect(text.stdout.split('\n')[0]).toMatch(/^PHASE {2}STATUS {2}GATES +LAST RUN$/);
		const json = await run(['workflow-status', '--json', '--phase', '2', '--limit', '3'], { ORCH_URL: server.url });
		const doc = JSON.parse(json.stdout) as { phases: { id: string }[]; runs: unknown[] };
		expect(doc.phases.map((p) => p.id)).toEqual(['2']);
		expect(doc.runs).toHaveLength(3);
	});

	test('REQ-4.2 a bad limit, an error answer and an unreachable orchestrator exit 1', async () => {
		const bad = await run(['workflow-status', '--url', server.url, '--limit', '0']);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toContain('orchestrator answered 400');
		const none = await run(['workflow-status', '--url', 'http://127.0.0.1:9']);
		expect(none.code).toBe(1);
		expect(none.stderr).toMatch(/^cannot reach the orchestrator at http:\/\/127.0.0.1:9/);
	});

	test('REQ-4.2 a slow orchestrator gives a hint and exit 4 (RCA-0004 failure path)', async () => {
		const hanging: Server = createServer(() => {});
		await new Promise<void>((done) => hanging.listen(0, '127.0.0.1', done));
		const port = (hanging.address() as { port: number }).port;
		try {
			const r = await run(['workflow-status', '--url', `http://127.0.0.1:${port}`, '--timeout', '0.2']);
			expect(r).toMatchObject({ code: 4, stderr: 'orchestrator did not answer within 0.2 s; narrow the query with --phase or --limit\n' });
		} finally {
			hanging.closeAllConnections();
			hanging.close();
		}
	});

	test('REQ-4.2 without a history the status is empty', async () => {
		const empty = await startServer();
		try {
			const body = await (await fetch(`${empty.url}/api/v1/workflows/status`)).json();
			expect(body).toMatchObject({ phases: [], runs: [] });
		} finally {
			await empty.close();
		}
	});
});

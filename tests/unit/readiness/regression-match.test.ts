// Regression test names against real runners' cases: exact names, describe/suite/file prefixes in
// each runner's separator, and ambiguity when two different cases match.
import { describe, expect, it } from 'vitest';
import type { StoredRun } from '../../../src/core/evidence/index.ts';
import { analyse } from '../../../src/core/analysis.ts';
import { regressionMatcher } from '../../../src/core/regression-match.ts';
import { makeProgram, rcaDoc } from '../../helpers/program.ts';
import { hasCorpus, noteMissingCorpus, parsed } from '../evidence/helpers.ts';

noteMissingCorpus('the pytest-style and TRX matching tests');

function run(ref: string, gate = 'unit'): StoredRun {
	const report = parsed(ref);
	return {
		schemaVersion: 1,
		phase: '1',
		gate,
		status: 'pass',
		recordedAt: '2026-11-29T10:00:00.000Z',
		source: { format: report.format, tool: report.tool, file: ref },
		tests: report.tests!,
		cases: report.cases!,
		reasons: [],
		path: `content/evidence/1/${gate}/${ref.replaceAll('/', '-')}.json`,
	};
}

const matchOf = (runs: StoredRun[], test: string) => {
	const match = regressionMatcher(runs)(test);
	if (match.kind === 'found')
		return {
			kind: 'found',
			status: match.found.status,
			case: `${match.found.suite} | ${match.found.name}`,
		};
	if (match.kind === 'ambiguous')
		return { kind: 'ambiguous', cases: match.candidates.map((c) => `${c.suite} | ${c.name}`) };
	return match;
};

describe('regression test names in Vitest JUnit, where names read "describe > test"', () => {
	const vitest = [run('fixture:vitest/vitest-junit.xml')];

	it('matches the test name after the describe prefix (the issue: TW-1.1 reported missing)', () => {
		expect(matchOf(vitest, 'TW-1.1 parser drops a repeated reading after reconnect')).toEqual({
			kind: 'found',
			status: 'passed',
			case: 'vt/ingest.test.js | ingest > TW-1.1 parser drops a repeated reading after reconnect',
		});
	});

	it('reports a name two describe blocks share as ambiguous, and the full name picks one', () => {
		expect(matchOf(vitest, 'TW-1.2 average ignores nothing')).toEqual({
			kind: 'ambiguous',
			cases: [
				'vt/ingest.test.js | ingest > TW-1.2 average ignores nothing',
				'vt/ingest.test.js | replay > TW-1.2 average ignores nothing',
			],
		});
		expect(matchOf(vitest, 'replay > TW-1.2 average ignores nothing')).toMatchObject({
			kind: 'found',
			case: 'vt/ingest.test.js | replay > TW-1.2 average ignores nothing',
		});
		// The file path prefix works too, with "/" and "." as separators.
		expect(
			matchOf(vitest, 'ingest.test.js > replay > keeps the first of two readings'),
		).toMatchObject({ kind: 'found', status: 'failed' });
	});

	it('does not match inside a word, nor a name that is only a prefix', () => {
		expect(matchOf(vitest, 'parser drops a repeated reading')).toEqual({ kind: 'missing' });
		expect(matchOf(vitest, '1.1 parser drops a repeated reading after reconnect')).toEqual({
			kind: 'missing',
		});
	});
});

describe('the same tests in other runners', () => {
	it('Jest JSON (suite "file › describe") and Mocha JSON (titles joined by spaces)', () => {
		for (const ref of ['fixture:jest/jest.json', 'fixture:mocha/mocha.json']) {
			const runs = [run(ref)];
			expect(
				matchOf(runs, 'TW-1.1 parser drops a repeated reading after reconnect'),
				ref,
			).toMatchObject({ kind: 'found', status: 'passed' });
			expect(
				matchOf(runs, 'ingest > TW-1.1 parser drops a repeated reading after reconnect'),
				ref,
			).toMatchObject({ kind: 'found' });
			expect(matchOf(runs, 'TW-1.2 average ignores nothing'), ref).toMatchObject({
				kind: 'ambiguous',
			});
		}
	});

	it('pytest node ids with the file name and ::, against the JUnit classname pytest wrote', () => {
		const pytest = [run('fixture:pytest-xunit2.xml')];
		for (const id of ['tests/test_cart.py::TestTotal::test_rounds_to_cents', 'test_cart.py::TestTotal::test_rounds_to_cents', 'TestTotal::test_rounds_to_cents']) {
			expect(matchOf(pytest, id), id).toMatchObject({ kind: 'found', case: 'tests.test_cart.TestTotal | test_rounds_to_cents' });
		}
	});

	it('go test -json subtests with "/"', () => {
		const runs = [run('fixture:go/go-test.json')];
		expect(matchOf(runs, 'energy')).toEqual({
			kind: 'found',
			status: 'failed',
			case: 'example.com/meter | TestUnit/energy',
		});
		expect(matchOf(runs, 'TestUnit')).toEqual({
			kind: 'found',
			status: 'failed',
			case: 'example.com/meter | TestUnit',
		});
	});

	it('counts the same case in two gates once, a failure winning', () => {
		const twice = [
			run('fixture:vitest/vitest-junit.xml'),
			run('fixture:vitest/vitest-junit.xml', 'e2e'),
		];
		expect(matchOf(twice, 'TW-1.1 parser drops a repeated reading after reconnect')).toMatchObject({
			kind: 'found',
		});
	});

	it.skipIf(!hasCorpus)(
		'a TRX class-qualified name ("Class.Method") and a Dart group prefix (" ")',
		() => {
			const trx = [run('corpus:test-reporter/dotnet-trx.trx')];
			expect(matchOf(trx, 'CalculatorTests.Failing_Test')).toMatchObject({
				kind: 'found',
				status: 'failed',
			});
			const dart = [run('corpus:test-reporter/dart-json.json')];
			expect(matchOf(dart, 'Passing test')).toMatchObject({
				kind: 'found',
				case: 'test/main_test.dart | Test 1 Passing test',
			});
		},
	);
});

describe('readiness blockers', () => {
	it('clears a prefixed name, and blocks an ambiguous one naming both cases', async () => {
		const unit = run('fixture:vitest/vitest-junit.xml');
		const { path: _path, ...stored } = unit;
		const tests =
			'["TW-1.1 parser drops a repeated reading after reconnect", "TW-1.2 average ignores nothing"]';
		const root = makeProgram({
			'content/rcas/rca-0001.mdx': rcaDoc(
				'RCA-0001',
				`status: mitigated\nregressionTests: ${tests}\n`,
			),
			'content/evidence/1/unit/2026-11-29T10-00-00Z-run.json': JSON.stringify(stored),
		});
		const { readiness } = await analyse(root, { today: '2026-11-29' });
		expect(
			readiness
				.get('1')!
				.blockers.filter((b) => b.rule === 'regression')
				.map((b) => b.message),
		).toEqual([
			'Regression test "TW-1.2 average ignores nothing" of RCA-0001 is ambiguous: it matches 2 cases, "vt/ingest.test.js > ingest > TW-1.2 average ignores nothing", "vt/ingest.test.js > replay > TW-1.2 average ignores nothing"; name one of them in full',
		]);
	});

	// The pages and the CLI said 'Regression test "…" of RCA-0001 is failed'.
	it('says a failing regression test fails, and a skipped one is skipped, in the latest run', async () => {
		const { path: _path, ...stored } = run('fixture:vitest/vitest-junit.xml');
		const root = makeProgram({
			'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001', 'status: mitigated\nregressionTests: ["replay > keeps the first of two readings", "replay > replays from a snapshot"]\n'),
			'content/evidence/1/unit/2026-11-29T10-00-00Z-run.json': JSON.stringify(stored),
		});
		const { readiness } = await analyse(root, { today: '2026-11-29' });
		expect(readiness.get('1')!.blockers.filter((b) => b.rule === 'regression').map((b) => b.message)).toEqual([
			'Regression test "replay > keeps the first of two readings" of RCA-0001 fails in the latest run',
			'Regression test "replay > replays from a snapshot" of RCA-0001 is skipped in the latest run',
		]);
	});

	// Naming no test passed the rule above: a critical RCA resolved with none left the phase ready.
	it('blocks a phase whose high or critical RCA is closed with no regression test named; not a medium one', async () => {
		const root = makeProgram({
			'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001', 'status: resolved\nresolved: 2026-01-12\n').replace('severity: high', 'severity: critical'),
			'content/rcas/rca-0002.mdx': rcaDoc('RCA-0002', 'status: mitigated\n').replace('severity: high', 'severity: medium'),
		});
		const { readiness } = await analyse(root, { today: '2026-11-29' });
		expect(readiness.get('1')!.blockers.filter((b) => b.rule === 'regression').map((b) => b.message)).toEqual([
			'RCA-0001 (critical) is resolved but names no regression test, expected at least one in regressionTests',
		]);
	});
});

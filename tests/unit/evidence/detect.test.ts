// Format detection from content, and what happens when nothing matches.
import { describe, expect, it } from 'vitest';
import { detectFormat, parseReport } from '../../../src/core/evidence/index.ts';
import { evidenceFormats } from '../../../src/core/schemas/index.ts';
import { hasCorpus, reportText } from './helpers.ts';

describe('detectFormat', () => {
	it.each([
		['vitest-junit.xml', 'junit'],
		['node-test-junit.xml', 'junit'],
		['pytest-xunit1.xml', 'junit'],
		['playwright-junit.xml', 'junit'],
		['playwright-report.json', 'playwright'],
		['playwright-load-error.json', 'playwright'],
		['c8-coverage-summary.json', 'istanbul'],
		['c8-coverage-summary-empty.json', 'istanbul'],
		['eslint.sarif', 'sarif'],
		['vitest/vitest.json', 'jest'],
		['vitest/vitest-junit.xml', 'junit'],
		['jest/jest.json', 'jest'],
		['mocha/mocha.json', 'mocha'],
		['go/go-test.json', 'go-test'],
		['go/cover.out', 'go-cover'],
		['c8/lcov.info', 'lcov'],
		['c8/cobertura-coverage.xml', 'cobertura'],
		['c8/coverage-final.json', 'istanbul-final'],
		['pytest-cov/pytest-cov.xml', 'cobertura'],
		['pytest-cov/coverage-py.json', 'coverage-py'],
		['jacoco/jacoco.xml', 'jacoco'],
	])('%s is %s', (name, format) => {
		expect(detectFormat(reportText(`fixture:${name}`), name)).toBe(format);
	});

	it.skipIf(!hasCorpus)("recognises Trivy's SARIF and a bare <testsuite> root", () => {
		expect(detectFormat(reportText('corpus:sarif/trivy-alpine-310.sarif'))).toBe('sarif');
		expect(detectFormat(reportText('corpus:junit/TEST-null.xml'))).toBe('junit');
	});

	it('recognises SARIF by $schema when the version is elsewhere', () => {
		expect(
			detectFormat('{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "runs": []}'),
		).toBe('sarif');
	});

	it('returns undefined for unknown or unreadable content', () => {
		expect(detectFormat('{"hello": "world"}')).toBeUndefined();
		expect(detectFormat('<coverage/>')).toBeUndefined();
		expect(detectFormat('{ broken')).toBeUndefined();
	});
});

describe('parseReport', () => {
	function failure(text: string, format?: 'junit' | 'sarif' | 'jest') {
		const result = parseReport(text, { file: 'report.txt', format });
		if (result.ok) throw new Error('expected an error');
		return result.error;
	}

	it('names every format it tried when it cannot tell', () => {
		const error = failure('{"hello": "world"}');
		expect(error.message).toMatch(
			/^Could not tell the format of report\.txt \(JSON without a known signature\)\. Tried junit \(XML with a <testsuites> or <testsuite> root\); playwright \(JSON with "suites" and "config"\); trx /,
		);
		// Every format is named, so a user sees what would have been accepted.
		for (const format of evidenceFormats) expect(error.message).toContain(`; ${format} (`.replace('; junit (', 'Tried junit ('));
		expect(error.message).toMatch(/; k6 \(end-of-test summary JSON with "metrics" and "root_group" or "state"\)\. Name the format explicitly \(--format\)\.$/);
		expect(failure('TAP version 13\nok 1 - adds').message).toMatch(
			/^Could not tell the format of report\.txt \(neither XML nor JSON nor a known text format\)\. Tried junit/,
		);
		expect(failure('<coverage/>').message).toMatch(/\(XML whose root is <coverage>\)/);
	});

	it('says so when --format names the other syntax', () => {
		expect(failure('<testsuite/>', 'sarif').message).toBe(
			'report.txt is XML, but the sarif format is JSON',
		);
		expect(failure('{"runs": []}', 'junit').message).toBe(
			'report.txt is JSON, but the junit format is XML',
		);
	});

	// `null` read "neither XML nor JSON": a tool that failed before writing its report leaves one.
	it('calls a lone JSON value JSON, and says a report is an object', () => {
		expect(failure('null\n').message).toMatch(/^Could not tell the format of report\.txt \(JSON null alone, where a report is an object: did the tool fail before it wrote one\?\)\. Tried junit/);
		expect(failure('"done"').message).toContain('(JSON "done" alone, where a report is an object');
		expect(failure('null', 'jest').message).toBe('report.txt holds JSON null alone, where a jest report is an object: did the tool fail before it wrote one?');
		expect(failure('42', 'junit').message).toBe('report.txt is JSON 42 alone, but the junit format is XML');
		// Text that merely begins like a value is not one.
		expect(failure('true story\n').message).toContain('(neither XML nor JSON nor a known text format)');
	});

	it('says so when a named XML or JSON format gets line-oriented text', () => {
		expect(failure('SF:a.js\nDA:1,1\nend_of_record\n', 'sarif').message).toBe(
			'report.txt is neither XML nor JSON, but the sarif format is JSON',
		);
	});

	it('reads with the named format without detection', () => {
		const result = parseReport('{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Scanner"}}, "results": []}]}', {
			file: 'empty.sarif',
			format: 'sarif',
		});
		expect(result.ok && result.report).toEqual({ format: 'sarif', tool: 'Scanner', findings: [] });
	});
});

// Requirement ids in names, suite names and properties, per the project's pattern.
import { describe, expect, it } from 'vitest';
import { parseJunit, requirementScanner } from '../../../src/core/evidence/index.ts';
import { requirementRegExp } from '../../../src/core/schemas/index.ts';

describe('requirementScanner', () => {
	const scan = requirementScanner();

	it('finds ids anywhere in a text, deduplicated and sorted numerically', () => {
		expect(scan(['covers REQ-10 and REQ-2.1', '[REQ-2] (REQ-10) @REQ-1', undefined])).toEqual([
			'REQ-1',
			'REQ-2',
			'REQ-2.1',
			'REQ-10',
		]);
		expect(scan(['REQ-3,REQ-4 REQ-5;REQ-6'])).toEqual(['REQ-3', 'REQ-4', 'REQ-5', 'REQ-6']);
	});

	it('reads an id followed by an underscore, as Go and pytest write a subtest name with spaces', () => {
		expect(scan(['TestClamp/REQ-2.3_low', 'test_export[REQ-4_csv]'])).toEqual(['REQ-2.3', 'REQ-4']);
	});

	// A hostile-input attack: `(a+)+b` against a long test name backtracked for ever.
	it('scans with a pattern that backtracks in linear time, and keeps the boundaries without look-arounds', () => {
		const scan = requirementScanner('(a+)+b');
		expect(scan([`${'a'.repeat(5000)}c`, 'x aab, zaab aab'])).toEqual(['aab']);
		expect(requirementScanner()(['REQ-1.2x REQ-3.4', 'REQ-5.6_x'])).toEqual(['REQ-1', 'REQ-3.4', 'REQ-5.6']);
	});

	it('does not take an id out of a longer word', () => {
		expect(scan(['XREQ-1', 'REQ-1a', 'REQ_1', 'req-1', 'REQ-'])).toEqual([]);
	});

	it('finds only what the anchored project pattern accepts', () => {
		const anchored = requirementRegExp({ requirementPattern: 'REQ-\\d+(?:\\.\\d+)*' });
		for (const id of scan(['REQ-1.2.3 then REQ-4.'])) expect(anchored.test(id)).toBe(true);
	});

	it("follows a project's own pattern", () => {
		const custom = requirementScanner('[A-Z]{2,5}-\\d+');
		expect(custom(['AUTH-12 and PAY-3 in a name, not REQ-1.2 or a-1'])).toEqual([
			'AUTH-12',
			'PAY-3',
			'REQ-1',
		]);
	});
});

describe('requirement links in JUnit', () => {
	const xml = `<testsuites>
		<testsuite name="checkout REQ-9">
			<properties><property name="requirement" value="REQ-7, REQ-8"/></properties>
			<testsuite name="inner">
				<testcase name="pays REQ-1" classname="PayTest REQ-2">
					<properties><property name="requirements" value="REQ-3 REQ-3"/><property name="note" value="REQ-99"/></properties>
				</testcase>
			</testsuite>
		</testsuite>
		<testsuite name="other"><testcase name="unrelated"/></testsuite>
	</testsuites>`;

	it('collects ids from the name, classname, every enclosing suite and requirement properties', () => {
		const result = parseJunit(xml, { file: 'links.xml' });
		expect(result.ok && result.report.cases!.map((c) => c.requirements)).toEqual([
			['REQ-1', 'REQ-2', 'REQ-3', 'REQ-7', 'REQ-8', 'REQ-9'],
			[],
		]);
	});

	it('uses the project pattern passed in', () => {
		const result = parseJunit('<testsuite><testcase name="AUTH-1 and REQ-1"/></testsuite>', {
			file: 'x.xml',
			requirementPattern: 'AUTH-\\d+',
		});
		expect(result.ok && result.report.cases![0]!.requirements).toEqual(['AUTH-1']);
	});
});

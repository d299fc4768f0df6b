// Coverage reports from the real tools: totals and per-file figures as the tools printed them.
import { describe, expect, it } from 'vitest';
import { detectFormat, parseReport } from '../../../src/core/evidence/index.ts';
import { parsed, reportText } from './helpers.ts';

// c8 printed, for the same run: Statements 88.88 % (32/36), Branches 71.42 % (10/14),
// Functions 80 % (4/5), Lines 88.88 % (32/36); ingest.js 100 % lines, units.js 73.33 %.
const C8_FILES = {
	ingest: {
		lines: { covered: 21, total: 21 },
		functions: { covered: 3, total: 3 },
		branches: { covered: 8, total: 10 },
	},
	units: {
		lines: { covered: 11, total: 15 },
		functions: { covered: 1, total: 2 },
		branches: { covered: 2, total: 4 },
	},
};

describe("c8's lcov, Cobertura and coverage-final.json of one run", () => {
	it('lcov: the figures c8 printed, per file and in total', () => {
		expect(detectFormat(reportText('fixture:c8/lcov.info'))).toBe('lcov');
		expect(parsed('fixture:c8/lcov.info').coverage).toEqual({
			lines: 88.88,
			functions: 80,
			branches: 71.42,
			files: [
				{ path: 'src/ingest.js', ...C8_FILES.ingest },
				{ path: 'src/units.js', ...C8_FILES.units },
			],
		});
	});

	it('lcov: the records of one file from two shards joined with cat are merged, as lcov -a merges them', () => {
		// vitest --coverage.reporter=lcov on two test files run apart, their lcov.info joined; lcov
		// --summary prints "lines: 100.0% (6 of 6 lines)" and vitest on both "All files | 100 | 100 | 100 | 100".
		expect(parsed('fixture:vitest/lcov-two-shards.info').coverage).toEqual({
			lines: 100,
			functions: 100,
			branches: 100,
			files: [{ path: 'src/lib.js', lines: { covered: 6, total: 6 }, functions: { covered: 3, total: 3 }, branches: { covered: 4, total: 4 } }],
		});
	});

	it('Cobertura: the same figures; its DOCTYPE names an external DTD, which is never fetched', () => {
		const text = reportText('fixture:c8/cobertura-coverage.xml');
		expect(text).toContain(
			'<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">',
		);
		expect(detectFormat(text)).toBe('cobertura');
		expect(parsed('fixture:c8/cobertura-coverage.xml').coverage).toEqual(
			parsed('fixture:c8/lcov.info').coverage,
		);
	});

	it('coverage-final.json: statements too, and base names for paths outside the repository', () => {
		const report = parsed('fixture:c8/coverage-final.json', { root: '/work/project' });
		expect(report.format).toBe('istanbul-final');
		expect(report.coverage).toEqual({
			lines: 88.88,
			statements: 88.88,
			functions: 80,
			branches: 71.42,
			files: [
				{ path: 'ingest.js', statements: { covered: 21, total: 21 }, ...C8_FILES.ingest },
				{ path: 'units.js', statements: { covered: 11, total: 15 }, ...C8_FILES.units },
			],
		});
		expect(reportText('fixture:c8/coverage-final.json')).toContain('"/tmp/');
		expect(JSON.stringify(report)).not.toContain('/tmp/');
	});

	it('makes absolute paths under the repository relative to it', () => {
		// The folder c8 ran in, as the report recorded it.
		const root = Object.keys(JSON.parse(reportText('fixture:c8/coverage-final.json')))[0]!.replace(
			/\/src\/ingest\.js$/,
			'',
		);
		const report = parsed('fixture:c8/coverage-final.json', { root });
		expect(report.coverage!.files!.map((f) => f.path)).toEqual(['src/ingest.js', 'src/units.js']);
	});
});

describe('pytest-cov Cobertura and coverage.py JSON', () => {
	// coverage.py printed "ingest/__init__.py  Stmts 20  Miss 6  Branch 10  BrPart 1  Cover 63%":
	// its Cover mixes lines and branches ((14 + 5) / (20 + 10)); they are kept apart here.
	it('Cobertura from pytest-cov: lines 14 of 20, branches 5 of 10', () => {
		const report = parsed('fixture:pytest-cov/pytest-cov.xml');
		expect(report).toMatchObject({ format: 'cobertura', tool: 'coverage.py' });
		expect(report.coverage).toEqual({
			lines: 70,
			branches: 50,
			files: [
				{
					path: '__init__.py',
					lines: { covered: 14, total: 20 },
					branches: { covered: 5, total: 10 },
				},
			],
		});
	});

	it('coverage.py JSON: the same figures, with the path as coverage.py wrote it', () => {
		expect(detectFormat(reportText('fixture:pytest-cov/coverage-py.json'))).toBe('coverage-py');
		expect(parsed('fixture:pytest-cov/coverage-py.json').coverage).toEqual({
			lines: 70,
			branches: 50,
			files: [
				{
					path: 'ingest/__init__.py',
					lines: { covered: 14, total: 20 },
					branches: { covered: 5, total: 10 },
				},
			],
		});
	});

	it('leaves branches out when coverage.py did not measure them', () => {
		const text = JSON.stringify({
			meta: { branch_coverage: false },
			files: { 'a.py': { summary: { covered_lines: 3, num_statements: 4 } } },
			totals: { covered_lines: 3, num_statements: 4 },
		});
		const result = parseReport(text, { file: 'coverage.json' });
		expect(result.ok && result.report.coverage).toEqual({
			lines: 75,
			files: [{ path: 'a.py', lines: { covered: 3, total: 4 } }],
		});
	});
});

describe('Go coverprofile', () => {
	it('statements as go tool cover printed them ("total: (statements) 84.6%"), lines by Codecov\'s rule', () => {
		expect(detectFormat(reportText('fixture:go/cover.out'))).toBe('go-cover');
		// Lines: of the 19 lines the blocks span, 33 (return "?") and 37-39 (Label) never ran.
		expect(parsed('fixture:go/cover.out').coverage).toEqual({
			lines: 78.94,
			statements: 84.61,
			files: [
				{
					path: 'example.com/meter/ingest.go',
					lines: { covered: 15, total: 19 },
					statements: { covered: 11, total: 13 },
				},
			],
		});
	});

	it('counts a line shared by a block that ran and one that did not as not covered', () => {
		const text = 'mode: set\na.go:3.10,3.20 1 1\na.go:3.20,4.2 1 0\n';
		const result = parseReport(text, { file: 'cover.out' });
		expect(result.ok && result.report.coverage?.files).toEqual([
			{ path: 'a.go', lines: { covered: 0, total: 2 }, statements: { covered: 1, total: 2 } },
		]);
	});

	it('locates a line that is not a block', () => {
		const result = parseReport('mode: set\na.go:3.10,3.20 1 1\nnot a block\n', {
			file: 'cover.out',
		});
		expect(!result.ok && result.error.location).toEqual({ file: 'cover.out', line: 3, column: 1 });
	});
});

describe('JaCoCo XML', () => {
	it('the counters JaCoCo reported: LINE 14 of 19, BRANCH 5 of 8, METHOD 3 of 5', () => {
		const text = reportText('fixture:jacoco/jacoco.xml');
		expect(text).toContain('<!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">');
		expect(detectFormat(text)).toBe('jacoco');
		expect(parsed('fixture:jacoco/jacoco.xml').coverage).toEqual({
			lines: 73.68,
			functions: 60,
			branches: 62.5,
			files: [
				{
					path: 'meter/Ingest.java',
					lines: { covered: 11, total: 15 },
					functions: { covered: 2, total: 3 },
					branches: { covered: 5, total: 8 },
				},
				{
					path: 'meter/Main.java',
					lines: { covered: 3, total: 4 },
					functions: { covered: 1, total: 2 },
				},
			],
		});
	});
});

describe('lcov edge cases', () => {
	it('counts from DA, FNDA and BRDA records when LF, FNF and BRF are missing', () => {
		const text =
			'SF:/ci/src/a.c\nFNDA:0,f\nFNDA:2,g\nDA:1,1\nDA:2,0\nDA:3,4\nBRDA:1,0,0,1\nBRDA:1,0,1,-\nend_of_record\n';
		const result = parseReport(text, { file: 'lcov.info', root: '/ci' });
		expect(result.ok && result.report.coverage).toEqual({
			lines: 66.66,
			functions: 50,
			branches: 50,
			files: [
				{
					path: 'src/a.c',
					lines: { covered: 2, total: 3 },
					functions: { covered: 1, total: 2 },
					branches: { covered: 1, total: 2 },
				},
			],
		});
	});

	// An adopter's attack: LH:4 of LF:4 over DA lines of which one ran passed as 100 %, and LH:5 of
	// LF:2 was capped to 100 %.
	it('reads lines from the record’s DA lines, not its LH/LF, and refuses totals that are no count', () => {
		const refused = (text: string) => {
			const result = parseReport(text, { file: 'lcov.info', format: 'lcov' });
			return result.ok ? `accepted: lines ${result.report.coverage?.lines} %` : result.error.message;
		};
		// LH:4 over one line run of four passed a gate at 100 %.
		expect(refused('SF:src/math.js\nDA:1,1\nDA:2,0\nDA:3,0\nDA:4,0\nLF:4\nLH:4\nend_of_record\n')).toBe('accepted: lines 25 %');
		// coverage.py 6.5 writes a DA line for a `def` excluded by `# pragma: no cover` that LF leaves
		// out (LF:13 over 14 DA lines): a real report, refused when the totals had to be the lines' (h42).
		expect(refused('SF:calc/partial.py\nDA:1,1\nDA:2,1\nDA:3,0\nLF:2\nLH:1\nend_of_record\n')).toBe('accepted: lines 66.66 %');
		expect(refused('SF:src/math.js\nDA:1,1\nDA:2,0\nLF:2\nLH:5\nend_of_record\n')).toBe(
			'lcov.info states lines (LH/LF) for src/math.js of 5 covered out of 2, which is not a coverage count; expected 0 <= covered <= total',
		);
		expect(refused('SF:src/math.js\nDA:1,1\nDA:2,0\nLF:2\nLH:1\nFNF:1\nFNH:3\nend_of_record\n')).toMatch(/^lcov\.info states functions \(FNH\/FNF\) for src\/math\.js of 3 covered out of 1/);
		// Totals that are the lines' own, or no totals at all, are read.
		expect(refused('SF:src/math.js\nDA:1,1\nDA:2,0\nLF:2\nLH:1\nend_of_record\n')).toBe('accepted: lines 50 %');
	});

	// An adopter's attack: c8 printed 22.72 % of lines; its tracefile cut off after the first covered
	// line of its first file (an upload that stopped) was read as 100 %, and passed the gate.
	it('refuses a tracefile cut off inside a record, whose missing lines and files would read as covered', () => {
		const whole = reportText('fixture:c8/lcov.info');
		const cut = whole.slice(0, whole.indexOf('\n', whole.indexOf('DA:1,1')) + 1);
		const result = parseReport(cut, { file: 'lcov.info' });
		expect(!result.ok && result.error).toMatchObject({
			message: expect.stringMatching(/^lcov\.info ends inside the record of .+\.js, with no end_of_record: the report was cut off, and the files after it are missing; expected the whole tracefile$/),
			location: { file: 'lcov.info', line: cut.trimEnd().split('\n').length, column: 1 },
		});
		// Whole, it is read, its last line break or not.
		expect(parseReport(whole.trimEnd(), { file: 'lcov.info' }).ok).toBe(true);
	});

	it('locates a line that is not a record', () => {
		const result = parseReport('TN:\nSF:a.js\nDA:1,1\nthis is not lcov\n', { file: 'lcov.info' });
		expect(!result.ok && result.error).toMatchObject({
			message:
				'Unexpected "this is not lcov", expected an lcov record line such as SF:<path> or DA:<line>,<count>',
			location: { file: 'lcov.info', line: 4, column: 1 },
		});
	});

	// An attack: each of these DA lines counted as a line run, and the file passed at 100 %.
	it('refuses a DA line that is not a line number from 1 and a whole number of hits, and an empty SF:, at their line', () => {
		const refused = (text: string) => {
			const result = parseReport(text, { file: 'lcov.info' });
			return result.ok ? 'accepted' : { message: result.error.message, ...result.error.location };
		};
		for (const da of ['DA:abc,1', 'DA:-1,1', 'DA:0,1', 'DA:99999999999999999999,1', 'DA:1.5,1', 'DA:1,x', 'DA:1,-1', 'DA:1']) {
			expect(refused(`SF:src/a.js\n${da}\nLF:1\nLH:1\nend_of_record\n`)).toEqual({
				message: `Unexpected "${da}", expected DA:<line>,<hits> with a line number from 1 and a whole number of hits`,
				file: 'lcov.info',
				line: 2,
				column: 1,
			});
		}
		expect(refused('TN:\nSF:\nDA:1,1\nend_of_record\n')).toEqual({ message: 'SF: names no file; expected SF:<path> of the source file the record measures', file: 'lcov.info', line: 2, column: 1 });
		// A checksum after the hits, as geninfo --checksum writes, is fine.
		expect(refused('SF:src/a.js\nDA:1,3,AbC+/=\nDA:2,0\nend_of_record\n')).toBe('accepted');
	});

	// Read as 0, "FNDA:x,f" was a function never run and "LF:ten" a file of no line: figures no tool wrote.
	it('refuses FNDA, BRDA and total lines whose counts are not whole numbers, at their line', () => {
		const refused = (text: string) => {
			const result = parseReport(text, { file: 'lcov.info' });
			return result.ok ? 'accepted' : `${result.error.location?.line}: ${result.error.message}`;
		};
		const record = (line: string) => `SF:src/a.js\nDA:1,1\n${line}\nend_of_record\n`;
		for (const fnda of ['FNDA:x,f', 'FNDA:-1,f', 'FNDA:1.5,f', 'FNDA:2', 'FNDA:,f']) {
			expect(refused(record(fnda))).toBe(`3: Unexpected "${fnda}", expected FNDA:<hits>,<function name> with a whole number of hits`);
		}
		for (const brda of ['BRDA:1,0,0,x', 'BRDA:1,0,0,-1', 'BRDA:1,0,0', 'BRDA:a,0,0,1', 'BRDA:1,0,0,']) {
			expect(refused(record(brda))).toBe(`3: Unexpected "${brda}", expected BRDA:<line>,<block>,<branch>,<taken> with a whole number taken, or - for a branch never reached`);
		}
		for (const total of ['LF:ten', 'LH:', 'FNF:-2', 'BRH:1.5']) {
			const key = total.slice(0, total.indexOf(':'));
			expect(refused(record(total))).toBe(`3: Unexpected "${total}", expected ${key}:<count> with a whole number`);
		}
		// What geninfo and lcov 2 write: "-" for a branch never reached, a branch named by an expression.
		expect(refused(record('FN:1,f\nFNDA:3,f\nBRDA:1,0,0,-\nBRDA:1,e1,(a, b),4\nBRF:2\nBRH:1\nFNF:1\nFNH:1\nLF:1\nLH:1'))).toBe('accepted');
	});
});

describe('coverage reports that would pass a gate on nothing', () => {
	const refusal = (text: string, format: 'cobertura' | 'jacoco' | 'istanbul' | 'coverage-py', file = 'coverage.xml') => {
		const result = parseReport(text, { file, format });
		return result.ok ? `accepted: lines ${result.report.coverage?.lines} %` : result.error.message;
	};
	const none = (file: string) => `${file} measures no lines of code (no file, or no line in any file); expected the coverage report of the code under test`;

	it.each([
		['an empty Cobertura report', '<coverage></coverage>', 'cobertura', none('coverage.xml')],
		['a Cobertura report with no package', '<coverage lines-valid="0" lines-covered="0" line-rate="1"><packages/></coverage>', 'cobertura', none('coverage.xml')],
		['a JaCoCo report with no package', '<report name="x"></report>', 'jacoco', none('coverage.xml')],
		['an Istanbul summary of no line', JSON.stringify({ total: { lines: { total: 0, covered: 0, pct: 'Unknown' }, statements: { total: 0, covered: 0, pct: 'Unknown' }, functions: { total: 0, covered: 0, pct: 'Unknown' }, branches: { total: 0, covered: 0, pct: 'Unknown' } } }), 'istanbul', none('coverage.xml')],
	] as const)('refuses %s', (_, text, format, message) => {
		expect(refusal(text, format)).toBe(message);
	});

	it.each([
		['more lines covered than there are', '<coverage lines-covered="90" lines-valid="10"><packages/></coverage>', 'coverage.xml states lines-covered/lines-valid of 90 covered out of 10, which is not a coverage count; expected 0 <= covered <= total'],
		['a negative count', '<coverage lines-covered="-5" lines-valid="10"><packages/></coverage>', 'coverage.xml states lines-covered/lines-valid of -5 covered out of 10, which is not a coverage count; expected 0 <= covered <= total'],
	])('refuses a Cobertura report stating %s', (_, text, message) => {
		expect(refusal(text, 'cobertura')).toBe(message);
	});

	it('refuses an Istanbul summary whose pct its counts contradict, and truncates one they support', () => {
		const summary = (lines: object) => JSON.stringify({ total: { lines, statements: { total: 100, covered: 80, pct: 80 }, functions: { total: 4, covered: 4, pct: 100 }, branches: { total: 2, covered: 1, pct: 50 } } });
		expect(refusal(summary({ total: 100, covered: 80, pct: 90 }), 'istanbul', 'coverage-summary.json')).toBe(
			'coverage-summary.json states total.lines.pct 90, but its counts say 80 of 100 covered (80 %); expected a pct that matches covered/total',
		);
		// Istanbul's own figure for 8499 of 10000 is 84.99, which does not pass an 85 % gate.
		expect(refusal(summary({ total: 10000, covered: 8499, pct: 84.99 }), 'istanbul')).toBe('accepted: lines 84.99 %');
	});

	it('refuses a JaCoCo counter figure that is not a count, at its line, naming the attribute', () => {
		expect(refusal('<report name="x"><counter type="LINE" missed="-20" covered="10"/></report>', 'jacoco')).toBe(
			'missed="-20" is not a count of the LINE counter (a whole number up to 9007199254740991)',
		);
		// An attack: read as 0, missed="x" made the file fully covered; a count past 2^53 was refused
		// by the run's schema as "coverage.files.0.lines.covered: Too big", naming no file or attribute.
		for (const [attribute, counter] of [['missed', 'missed="x" covered="1"'], ['covered', 'missed="0" covered="99999999999999999999"'], ['missed', 'missed="1.5" covered="1"']] as const) {
			const result = parseReport(`<report name="x">\n<package name="p"><sourcefile name="A.java">\n<counter type="LINE" ${counter}/></sourcefile></package>\n<counter type="LINE" missed="0" covered="1"/></report>`, { file: 'jacoco.xml' });
			expect(!result.ok && result.error).toMatchObject({ message: expect.stringMatching(new RegExp(`^${attribute}="[^"]+" is not a count of the LINE counter`)), location: { file: 'jacoco.xml', line: 3, column: 1 } });
		}
	});
});

// Each of these passed a coverage gate on figures the report does not hold.
describe('coverage reports whose totals or counts contradict their own lines', () => {
	const refusal = (text: string, file: string) => {
		const result = parseReport(text, { file });
		return result.ok ? `accepted: lines ${result.report.coverage?.lines} %` : { message: result.error.message, ...result.error.location };
	};
	const cobertura = (root: string, classes: string) => `<?xml version="1.0" ?>\n<coverage ${root} version="1" timestamp="1">\n<packages><package name="p"><classes>\n${classes}\n</classes></package></packages>\n</coverage>\n`;
	const cls = (lines: string, name = 'src/a.py') => `<class name="a" filename="${name}"><lines>${lines}</lines></class>`;

	it("reads Cobertura's lines from its classes' <line> elements, and refuses a root over classes of no line", () => {
		// An adopter's report: its lines commented out, its root at 100 %, stored as lines 100 % over a file of none.
		expect(refusal(cobertura('line-rate="1" lines-covered="2" lines-valid="2"', '<class name="a" filename="src/a.py"><!-- <line number="1" hits="1"/> --></class>'), 'coverage.xml')).toEqual({
			message: 'coverage.xml measures no lines of code (no file, or no line in any file); expected the coverage report of the code under test',
		});
		// A root at 90 % over classes at 33 %: the classes' lines are the figure.
		expect(refusal(cobertura('lines-covered="9" lines-valid="10"', cls('<line number="1" hits="1"/><line number="2" hits="0"/><line number="3" hits="0"/>')), 'coverage.xml')).toBe('accepted: lines 33.33 %');
		// pytest-cov with --cov=calc --cov=tests: coverage.py writes one class for calc/__init__.py
		// and tests/__init__.py, both named __init__.py, and counts both in the root (h42, a real report).
		const collided = cls('<line number="1" hits="1"/>', '__init__.py') + cls('<line number="1" hits="1"/><line number="2" hits="0"/>', 'calc/ops.py');
		expect(refusal(cobertura('lines-covered="3" lines-valid="4"', collided), 'coverage.xml')).toBe('accepted: lines 66.66 %');
	});

	// Istanbul (Jest, nyc) counts a default argument's branch, and an ignored one, in its root's
	// branches but on no <line>: a real report refused as "its files add up to 50 %" (h42).
	it("takes Cobertura's branches from its root, which the tool printed, and leaves files that do not add up to it without", () => {
		const text = cobertura('lines-covered="2" lines-valid="2" branches-covered="1" branches-valid="3"', cls('<line number="2" hits="1" branch="true" condition-coverage="50% (1/2)"/><line number="3" hits="1"/>', 'src/half.js'));
		const result = parseReport(text, { file: 'coverage.xml' });
		expect(result.ok && result.report.coverage).toEqual({ lines: 100, branches: 33.33, files: [{ path: 'src/half.js', lines: { covered: 2, total: 2 } }] });
		const agrees = parseReport(text.replace('branches-valid="3"', 'branches-valid="2"'), { file: 'coverage.xml' });
		expect(agrees.ok && agrees.report.coverage).toEqual({ lines: 100, branches: 50, files: [{ path: 'src/half.js', lines: { covered: 2, total: 2 }, branches: { covered: 1, total: 2 } }] });
	});

	it('refuses a Cobertura <line> whose number or hits is not a whole number, at its line, naming the attribute', () => {
		for (const [line, field, value, expected] of [
			['<line number="1" hits="-1"/>', 'hits', '-1', 'a count of hits (a whole number from 0)'],
			['<line number="1" hits="x"/>', 'hits', 'x', 'a count of hits (a whole number from 0)'],
			['<line number="0" hits="1"/>', 'number', '0', 'a line number (a whole number from 1)'],
			['<line hits="1"/>', 'number', '', 'a line number (a whole number from 1)'],
		] as const) {
			expect(refusal(cobertura('', cls(line)), 'coverage.xml')).toEqual({ message: `${field}="${value}" is not ${expected}`, file: 'coverage.xml', line: 4, column: 1 });
		}
	});

	it("refuses a JaCoCo source file's LINE counter that its <line> elements contradict, at the counter", () => {
		const jacoco = (counter: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<report name="x"><package name="com/x"><sourcefile name="A.java">\n<line nr="1" mi="0" ci="3" mb="0" cb="0"/>\n<line nr="2" mi="3" ci="0" mb="0" cb="0"/>\n${counter}\n</sourcefile>${counter}</package>${counter}</report>\n`;
		expect(refusal(jacoco('<counter type="LINE" missed="0" covered="2"/>'), 'jacoco.xml')).toEqual({
			message: "jacoco.xml states 2 of 2 lines covered for com/x/A.java (its LINE counter), but its <line> elements give 1 of 2; expected a report whose counters are its lines'",
			file: 'jacoco.xml',
			line: 5,
			column: 1,
		});
		expect(refusal(jacoco('<counter type="LINE" missed="1" covered="1"/>'), 'jacoco.xml')).toBe('accepted: lines 50 %');
		expect(refusal(jacoco('<counter type="LINE" missed="1" covered="1"/>').replace('ci="0"', 'ci="-1"'), 'jacoco.xml')).toMatchObject({
			message: 'ci="-1" is not a count of instructions covered on line 2 (a whole number up to 9007199254740991)',
			line: 4,
		});
	});

	// A block that ends before it starts left its statement on no line, and lines at 100 % (h40);
	// refused, it made go test's real profiles of goyacc output unreadable (h42): `//line` directives.
	it('counts the two ends of a Go coverprofile block that ends before it starts', () => {
		expect(refusal('mode: set\nexample.com/m/a.go:5.1,2.2 1 0\nexample.com/m/a.go:3.1,4.2 1 1\n', 'cover.out')).toBe('accepted: lines 50 %');
		expect(refusal('mode: set\nparser.go:41.0,13.0 1 0\nparser.go:12.2,12.9 1 1\n', 'cover.out')).toBe('accepted: lines 33.33 %');
		expect(refusal('mode: set\na.go:3.10,3.10 1 1\n', 'cover.out')).toBe('accepted: lines 100 %');
	});

	it("refuses coverage-final.json counts that are not its maps' entries, or not counts, at the key", () => {
		const statement = (line: number) => ({ start: { line, column: 0 }, end: { line, column: 5 } });
		const final = (data: object) => JSON.stringify({ '/x/src/a.js': { path: '/x/src/a.js', statementMap: { 0: statement(1), 1: statement(2) }, fnMap: {}, branchMap: {}, s: { 0: 1, 1: 0 }, f: {}, b: {}, ...data } }, null, 1);
		// The line of the key or the map the problem is about.
		const at = (text: string, key: string) => text.split('\n').findIndex((l) => l.includes(key)) + 1;
		const cases = [
			// Two statements, one count: passed at 100 %.
			[{ s: { 0: 1 } }, '"s":', 's: expected a count for each entry of statementMap, and "1" has none'],
			[{ s: { 0: 1, 1: 0, 7: 5 } }, '"7"', 's.7: expected the count of an entry of statementMap, which has no "7"'],
			[{ s: { 0: 1, 1: -3 } }, '"1": -3', 's.1: expected a hit count (a whole number from 0)'],
			[{ s: { 0: 1, 1: 0.5 } }, '"1": 0.5', 's.1: expected a hit count (a whole number from 0)'],
			[{ fnMap: { 0: { name: 'f' } }, f: {} }, '"f":', 'f: expected a count for each entry of fnMap, and "0" has none'],
			[{ branchMap: { 0: { locations: [{}, {}] } }, b: { 0: [1] } }, '"0": [', 'b.0: expected a count for each of the 2 locations of branchMap\'s "0", not 1'],
		] as const;
		for (const [data, key, message] of cases) {
			const text = final(data);
			expect(refusal(text, 'coverage-final.json')).toMatchObject({
				message: `Not a valid Istanbul coverage-final.json at /x/src/a.js.${message}`,
				file: 'coverage-final.json',
				line: at(text, key),
			});
		}
		expect(refusal(final({}), 'coverage-final.json')).toBe('accepted: lines 50 %');
	});
});

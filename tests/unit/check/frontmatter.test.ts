import { mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { completeBody, makeProgram, phaseDoc, rcaDoc } from '../../helpers/program.ts';

const RCA = 'content/rcas/rca-0001.mdx';

async function check(text: string | Buffer) {
	const root = makeProgram({ [RCA]: '' });
	writeFileSync(join(root, RCA), text);
	const { findings } = await runCheck(root);
	return findings.filter((f) => f.path === RCA).map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`);
}

describe('frontmatter/yaml', () => {
	it('not ok: malformed YAML is located on its line', async () => {
		const out = await check(rcaDoc('RCA-0001', 'status: [open\n'));
		expect(out).toHaveLength(1);
		expect(out[0]).toMatch(/^\d+:\d+ error frontmatter\/yaml Invalid YAML: /);
	});
	it('not ok: an unclosed quote that js-yaml reads as other fields is the YAML error at its line, not their schema errors', async () => {
		// js-yaml takes `"Queue stalled\nseverity: "` as the title and `high: every order waited."` as a
		// field named "high": the schema alone said `Unexpected field "high"` on line 1.
		const doc = rcaDoc('RCA-0001').replace('title: Something broke\nphase: "1"\nseverity: high\n', 'title: "Queue stalled\nseverity: "high: every order waited."\nphase: "1"\n');
		expect(doc).toContain('"Queue stalled\nseverity');
		expect(await check(doc)).toEqual(['3:22 error frontmatter/yaml Invalid YAML: Missing closing "quote']);
	});
	// A hostile-input attack: 5,000 nested brackets gave "Invalid YAML: Maximum call stack size exceeded".
	it('not ok: nesting too deep to read is said as such, where it passes the limit', async () => {
		const doc = rcaDoc('RCA-0001', `status: open\nowners: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
		expect(await check(doc)).toEqual(['9:1009 error frontmatter/yaml Invalid YAML: nested too deep to read (more than 1000 brackets inside each other here); expected a flatter value']);
	});
	it('not ok: a duplicate key', async () => {
		const out = await check(rcaDoc('RCA-0001', 'status: open\nstatus: resolved\n'));
		expect(out).toEqual(['9:1 error frontmatter/yaml Invalid YAML: Map keys must be unique']);
	});
	it('not ok: thousands of stray keys are twenty findings and a count, each at its line, in linear time', async () => {
		const keys = Array.from({ length: 30_000 }, (_, i) => `k${i}: ${i}\n`).join('');
		const out = await check(rcaDoc('RCA-0001', `status: open\n${keys}`));
		const first = Number(out[0]!.split(':')[0]);
		expect(out).toHaveLength(21);
		expect(out[0]).toBe(`${first}:1 error frontmatter/schema Unexpected field "k0" (not in the issue rca schema)`);
		expect(out[19]).toBe(`${first + 19}:1 error frontmatter/schema Unexpected field "k19" (not in the issue rca schema)`);
		expect(out[20]).toBe(`${first + 20}:1 error frontmatter/schema 29,980 more unexpected fields from "k20" on (not in the issue rca schema)`);
	});
	it('ok: a document saved with a byte-order mark and CRLF line endings', async () => {
		expect(await check(`\uFEFF${rcaDoc('RCA-0001').replaceAll('\n', '\r\n')}`)).toEqual([]);
	});
	it('not ok: a duplicate key is on the same line with a byte-order mark and CRLF line endings', async () => {
		const out = await check(`\uFEFF${rcaDoc('RCA-0001', 'status: open\nstatus: resolved\n').replaceAll('\n', '\r\n')}`);
		expect(out).toEqual(['9:1 error frontmatter/yaml Invalid YAML: Map keys must be unique']);
	});
	it('not ok: a body finding is on the same line with a byte-order mark and CRLF line endings', async () => {
		const lf = rcaDoc('RCA-0001', undefined, `${completeBody('rca')}\n## Extra\n\n<div>\n`);
		const found = await check(lf);
		expect(found).not.toEqual([]);
		expect(await check(`\uFEFF${lf.replaceAll('\n', '\r\n')}`)).toEqual(found);
	});
	it('not ok: frontmatter that is never closed', async () => {
		expect(await check('---\nid: RCA-0001\n\n## Symptom\n')).toEqual([
			'1:1 error frontmatter/yaml Frontmatter opened on line 1 is never closed, expected a --- line',
		]);
	});
	it('never evaluates ---js frontmatter', async () => {
		const out = await check('---js\n{ title: (globalThis.pwned = 1) }\n---\n## Symptom\n');
		expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
		expect(out).toEqual(['1:1 error frontmatter/yaml Frontmatter in js, expected YAML between --- lines (other languages are never read)']);
	});
	it('not ok: TOML frontmatter, refused under the rule the README names', async () => {
		expect(await check('+++\ntitle = "x"\n+++\n## Symptom\n')).toEqual(['1:1 error frontmatter/yaml Frontmatter in TOML, expected YAML between --- lines (other languages are never read)']);
	});
});

describe('frontmatter/schema', () => {
	// A hostile-input attack: `id: 1.10` made phase "1.1", and 0x1, 01, 1e0 and 1.0 all made phase 1.
	it('not ok: an id or phase YAML reads as a number other than the one written; ok: a number written as itself', async () => {
		const phase = (id: string) => {
			const root = makeProgram({});
			writeFileSync(join(root, 'content/phases/1.mdx'), phaseDoc('1').replace(/^id: .*$/m, `id: ${id}`));
			return runCheck(root).then(({ findings }) => findings.filter((f) => f.path === 'content/phases/1.mdx' && f.severity === 'error').map((f) => `${f.line} ${f.ruleId} ${f.message}`));
		};
		for (const id of ['1.10', '0x1', '01', '1e0', '1.0']) {
			const value = id === '1.10' ? '1.1' : '1';
			expect(await phase(id), id).toEqual([`2 frontmatter/schema Unexpected id ${id}: YAML reads it as the number ${value}, expected it in quotes: id: "${id}"`]);
		}
		expect(await phase('1')).toEqual([]);
		expect(await check(rcaDoc('RCA-0001').replace('phase: "1"', 'phase: 01'))).toEqual([`4:1 error frontmatter/schema Unexpected phase 01: YAML reads it as the number 1, expected it in quotes: phase: "01"`]);
	});

	// An adopter's report: `dependsOn: [1.10]` was "Unexpected number 1.1 … expected string", with no word of quotes.
	it('not ok: a dependsOn entry or a task\'s phase YAML reads as a number other than the one written, or as no id; ok: quoted', async () => {
		const errors = async (files: Record<string, string>) => {
			const { findings } = await runCheck(makeProgram(files), { diagrams: false });
			return findings.filter((f) => f.ruleId === 'frontmatter/schema').map((f) => `${f.path}:${f.line}:${f.column} ${f.message}`);
		};
		const dependsOn = (list: string) => errors({ 'content/phases/2.mdx': phaseDoc('2', `dependsOn: ${list}\n`) });
		expect(await dependsOn('[1.10]')).toEqual(['content/phases/2.mdx:12:1 Unexpected dependsOn[0] 1.10: YAML reads it as the number 1.1, expected it in quotes: "1.10"']);
		expect(await dependsOn('\n  - "1"\n  - 1e0\n  - 1.5')).toEqual([
			'content/phases/2.mdx:14:1 Unexpected dependsOn[1] 1e0: YAML reads it as the number 1, expected it in quotes: "1e0"',
			'content/phases/2.mdx:15:1 Unexpected dependsOn[2] 1.5: YAML reads it as the number 1.5, expected it in quotes: "1.5"',
		]);
		expect(await dependsOn('[1, "1.10"]')).toEqual([]);
		const tasks = 'tasks:\n  - { id: T-001, phase: "1", title: Follow up, status: open, owner: ana }\n  - id: T-002\n    phase: 1.0\n    title: Then\n    status: open\n    owner: ana\n';
		expect(await errors({ 'content/tasks.yaml': tasks })).toEqual(['content/tasks.yaml:4:1 Unexpected tasks[1].phase 1.0: YAML reads it as the number 1, expected it in quotes: phase: "1.0"']);
	});

	// An adopter's report: a task's `id: 12` was "Unexpected number 12 … expected string", where a phase's id got the quotes.
	it('not ok: a number YAML read where text is wanted names the quotes when the text as written would do, else the form the field has', async () => {
		const errors = async (files: Record<string, string>) => {
			const { findings } = await runCheck(makeProgram(files), { diagrams: false });
			return findings.filter((f) => f.ruleId === 'frontmatter/schema').map((f) => `${f.path}:${f.line}:${f.column} ${f.message}`);
		};
		const tasks = 'tasks:\n  - { id: 12, phase: "1", title: Follow up, status: open, owner: ana }\n  - id: 0x1F\n    phase: "1"\n    title: 2026\n    status: open\n    owner: ana\n';
		expect(await errors({ 'content/tasks.yaml': tasks })).toEqual([
			'content/tasks.yaml:2:1 Unexpected tasks[0].id 12: YAML reads it as the number 12, expected it in quotes: id: "12"',
			'content/tasks.yaml:3:1 Unexpected tasks[1].id 0x1F: YAML reads it as the number 31, expected it in quotes: id: "0x1F"',
			'content/tasks.yaml:5:1 Unexpected tasks[1].title 2026: YAML reads it as the number 2026, expected it in quotes: title: "2026"',
		]);
		expect(await errors({ 'content/tasks.yaml': tasks.replaceAll('id: 12', 'id: "12"').replace('0x1F', '"0x1F"').replace('2026', '"2026"') })).toEqual([]);
		expect(await check(rcaDoc('RCA-0001').replace('id: RCA-0001', 'id: 12'))).toEqual(['2:1 error frontmatter/schema Unexpected number 12 in "id", expected an id such as RCA-0001']);
	});

	// An adopter's report: `version: 01.0.0` passed, and 1.0.0 was then the same version as it.
	it('not ok: a version whose numbers have a leading zero, in a changelog entry and a phase\'s release; ok: in build metadata or a word', async () => {
		const errors = async (files: Record<string, string>) => {
			const { findings } = await runCheck(makeProgram(files), { diagrams: false });
			return findings.filter((f) => f.ruleId === 'frontmatter/schema').map((f) => `${f.path}:${f.line}:${f.column} ${f.message}`);
		};
		const entry = (version: string) => errors({ 'content/changelog/entry.mdx': `---\nversion: "${version}"\ntitle: Release\ndate: 2026-01-20\nstatus: draft\nowners: [ana]\n---\n\n## Added\n\n- The parser.\n` });
		const zero = (part: string) => `Field "version": unexpected leading zero in "${part}", expected a semantic version whose numbers have none, such as 1.2.0`;
		expect(await entry('01.0.0')).toEqual([`content/changelog/entry.mdx:2:1 ${zero('01')}`]);
		expect(await entry('1.02.0')).toEqual([`content/changelog/entry.mdx:2:1 ${zero('02')}`]);
		expect(await entry('1.0.0-rc.01')).toEqual([`content/changelog/entry.mdx:2:1 ${zero('01')}`]);
		expect(await entry('1.0.0-rc-01+build.007')).toEqual([]);
		expect(await errors({ 'content/phases/2.mdx': phaseDoc('2', 'release: v0.02.0\n') })).toEqual([`content/phases/2.mdx:12:1 ${zero('02').replace('"version"', '"release"')}`]);
	});

	it('not ok: a missing field names the field', async () => {
		const text = rcaDoc('RCA-0001').replace('severity: high\n', '');
		expect(await check(text)).toEqual(['1:1 error frontmatter/schema Missing required field "severity" (expected one of "critical", "high", "medium", "low")']);
	});
	it('not ok: an unknown enum value says what was expected and found', async () => {
		expect(await check(rcaDoc('RCA-0001', 'status: finished\n'))).toEqual([
			'8:1 error frontmatter/schema Unexpected string "finished" in "status", expected one of "open", "mitigated", "resolved"',
		]);
	});
	it('not ok: a wrong type', async () => {
		expect(await check(rcaDoc('RCA-0001', 'status: open\nregressionTests: 42\n'))).toEqual([
			'9:1 error frontmatter/schema Unexpected number 42 in "regressionTests", expected array',
		]);
	});
	it('not ok: a bad date', async () => {
		const text = rcaDoc('RCA-0001').replace('detected: 2026-01-10', 'detected: 2026-02-30');
		expect(await check(text)).toEqual([
			'6:1 error frontmatter/schema Field "detected": expected a date as YYYY-MM-DD, found "2026-02-30"',
		]);
	});
	it('not ok: an unknown field', async () => {
		expect(await check(rcaDoc('RCA-0001', 'status: open\nseverty: low\n'))).toEqual([
			'9:1 error frontmatter/schema Unexpected field "severty" (not in the issue rca schema)',
		]);
	});
	// A hostile-input attack: a complex key was located at 1:1, and a phase of 39 digits was also
	// "Unknown phase "1e+38"", a value the author never wrote.
	it('not ok: a complex key at its own line; a phase number past what JavaScript counts, once', async () => {
		expect(await check(rcaDoc('RCA-0001', 'status: open\n? [complex, key]\n: value\n'))).toEqual([
			'9:1 error frontmatter/schema Unexpected field "complex,key" (not in the issue rca schema)',
		]);
		const huge = await check(rcaDoc('RCA-0001', 'status: open\n').replace('phase: "1"', 'phase: 99999999999999999999999999999999999999'));
		expect(huge).toEqual(['4:1 error frontmatter/schema Unexpected phase 99999999999999999999999999999999999999: YAML reads it as the number 1e+38, expected it in quotes: phase: "99999999999999999999999999999999999999"']);
	});
	it('not ok: a misspelt field names the one it may be, at the top and inside a mapping, and no field the document has', async () => {
		const out = await check(rcaDoc('RCA-0001', 'status: open\n').replace('severity: high', 'severty: high').replace('owners: [ana]', 'owners: [ana]\nreporter: bo'));
		expect(out.filter((f) => f.includes('Unexpected field'))).toEqual([
			'5:1 error frontmatter/schema Unexpected field "severty" (not in the issue rca schema); did you mean "severity"?',
			'8:1 error frontmatter/schema Unexpected field "reporter" (not in the issue rca schema)',
		]);
		const root = makeProgram({ 'content/phases/1.mdx': phaseDoc('1').replace(/^window: .*$/m, 'window: { start: 2026-01-01, ende: 2026-02-01 }') });
		const { findings } = await runCheck(root, { diagrams: false });
		expect(findings.filter((f) => f.message.startsWith('Unexpected field')).map((f) => f.message)).toEqual(['Unexpected field "window.ende" (not in the phase report schema); did you mean "end"?']);
	});
	it('reports every problem of a file in one run', async () => {
		const text = rcaDoc('RCA-0001', 'status: finished\n').replace('severity: high', 'severity: huge');
		expect(await check(text)).toHaveLength(2);
	});
});

describe('bad files', () => {
	it('not ok: an empty file', async () => {
		expect(await check('')).toEqual(['1:1 error file/empty Empty file, expected YAML frontmatter between --- lines and a body']);
	});
	it('not ok: binary content', async () => {
		expect(await check(Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02]))).toEqual([
			'2:1 error file/encoding Unexpected binary content (a NUL byte), expected UTF-8 text',
		]);
	});
	// A document saved as "Unicode" on Windows read as binary content.
	it('not ok: UTF-16 text, with or without its byte order mark, is named as UTF-16', async () => {
		const text = rcaDoc('RCA-0001');
		const expected = ['1:1 error file/encoding Unexpected UTF-16 text, expected UTF-8: save the file as UTF-8 (in most editors, "Save with encoding")'];
		expect(await check(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual(expected);
		expect(await check(Buffer.from(text, 'utf16le'))).toEqual(expected);
		expect(await check(Buffer.from(text, 'utf16le').swap16())).toEqual(expected);
	});
	it('not ok: lines ending in CR alone, and blank lines before the frontmatter, are named as such', async () => {
		const text = rcaDoc('RCA-0001');
		expect(await check(text.replaceAll('\n', '\r'))).toEqual(['1:1 error frontmatter/missing Lines end with CR alone (classic Mac OS), expected LF or CRLF line endings: save the file with Unix or Windows line endings']);
		expect(await check(`\n\n${text}`)).toEqual(['1:1 error frontmatter/missing Missing frontmatter, expected the file to start with a --- line: remove the blank lines before it']);
	});
	it('not ok: text that is not UTF-8', async () => {
		const latin1 = Buffer.concat([Buffer.from('---\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\n---\n')]);
		expect(await check(latin1)).toEqual(['2:1 error file/encoding Unexpected bytes that are not UTF-8, expected UTF-8 text']);
	});
	it('checks a 5 MB document like any other', async () => {
		const filler = '\nA long paragraph of analysis that goes on and on.\n'.repeat(100_000);
		const text = rcaDoc('RCA-0001', 'status: mitigated\n', completeBody('rca') + filler);
		expect(text.length).toBeGreaterThan(5_000_000);
		expect(await check(text)).toEqual([]);
	});
	it('not ok: a file in a collection folder that is not a document; what an editor or a merge leaves beside one is passed over', async () => {
		const leftovers = ['#rca-0001.mdx#', 'rca-0001.mdx~', 'rca-0001.mdx.orig', 'rca-0001.mdx.rej', 'rca-0001.mdx.swp', '4913'];
		const root = makeProgram({ 'content/rcas/notes.txt': 'scratch notes', ...Object.fromEntries(leftovers.map((name) => [`content/rcas/${name}`, 'editor state'])) });
		const { findings } = await runCheck(root);
		expect(findings.map((f) => `${f.path} ${f.ruleId}`)).toEqual(['content/rcas/notes.txt file/stray']);
	});
	it('not ok: a document outside the collection folders, which the site would leave out, and a file where a collection folder belongs', async () => {
		const root = makeProgram({
			'content/rca/rca-0005.mdx': rcaDoc('RCA-0005'),
			'content/misc/deep/x.md': '# Notes\n',
			'content/x.mdx': '# Notes\n',
			'content/handoffs': 'not a folder',
			// Left alone: an image an author links, a document's copy among the evidence, a hidden folder.
			'content/assets/diagram.png': 'png',
			'content/evidence/README.md': '# Evidence\n',
			'content/.drafts/y.mdx': '# Draft\n',
			// And each folder's README for its authors, as on GitHub.
			'content/README.md': '# How we write our phase reports\n',
			'content/phases/README.md': '# Phases\n',
			'content/rcas/readme.md': '# RCAs\n',
		});
		const { findings } = await runCheck(root, { diagrams: false });
		const outside = 'Unexpected document outside the collection folders, so it is neither checked nor published; expected it in one of content/phases/, content/rcas/, content/handoffs/, content/reviews/, content/changelog/';
		expect(findings.map((f) => `${f.path}:${f.line} ${f.severity} ${f.ruleId} ${f.message}`)).toEqual([
			'content/handoffs:1 error file/stray content/handoffs is a file, expected the folder of the handoff documents',
			`content/misc/deep/x.md:1 error file/stray ${outside}`,
			`content/rca/rca-0005.mdx:1 error file/stray ${outside}`,
			`content/x.mdx:1 error file/stray ${outside}`,
		]);
	});

	// A collection folder linked out of the project read "content/reviews is a file".
	it('a collection folder that is a link: read through it inside the project, each document refused outside it, and a link to no folder named as one', async () => {
		const elsewhere = mkdtempSync(join(tmpdir(), 'phasebook-elsewhere-'));
		writeFileSync(join(elsewhere, 'rca-0009.mdx'), rcaDoc('RCA-0009'));
		const root = makeProgram({ 'shared/rcas/rca-0001.mdx': rcaDoc('RCA-0001'), 'notes.txt': 'x' });
		symlinkSync(join(root, 'shared/rcas'), join(root, 'content/rcas'));
		symlinkSync(elsewhere, join(root, 'content/reviews'));
		symlinkSync(join(root, 'notes.txt'), join(root, 'content/handoffs'));
		symlinkSync(join(root, 'nothing'), join(root, 'content/changelog'));
		const { findings, program } = await runCheck(root, { diagrams: false });
		expect(program.documents.rca.map((d) => d.id)).toEqual(['RCA-0001']);
		expect(findings.filter((f) => f.ruleId.startsWith('file/')).map((f) => `${f.path} ${f.ruleId} ${f.message}`)).toEqual([
			'content/changelog file/stray content/changelog is a link to nothing (its target does not exist), expected the folder of the changelog entry documents',
			'content/handoffs file/stray content/handoffs is a link to a file, expected the folder of the handoff documents',
			`content/reviews/rca-0009.mdx file/symlink Symbolic link that leads out of the project (to ${realpathSync(elsewhere)}/rca-0009.mdx), expected a file inside it`,
		]);
	});
});

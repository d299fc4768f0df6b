// The scaffolder never creates a second document for the same version, and names an argument its type does not take.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/run-check.ts';
import { FindingError } from '../../src/core/findings.ts';
import { loadProgram } from '../../src/core/load.ts';
import { scaffold } from '../../src/core/scaffold.ts';
import { loadTemplates } from '../../src/core/templates.ts';
import { makeProgram, rcaDoc, REPO } from '../helpers/program.ts';

const entry = (version: string) => `---\nversion: "${version}"\ntitle: Release\ndate: 2026-01-01\nstatus: released\nowners: [ana]\n---\n\n## Added\n\n- A change.\n`;

async function newChangelog(root: string, version: string) {
	const [{ program }, templates] = await Promise.all([loadProgram(root), loadTemplates(root)]);
	return scaffold(root, program, templates, { type: 'changelog', title: 'Next', version, owner: 'ana', today: '2026-02-01' });
}

describe('npm run new changelog --version', () => {
	it.each([['v0.3.0'], ['0.3.0+build.7']])('not ok: %s beside an existing 0.3.0 is refused, nothing written', async (version) => {
		const root = makeProgram({ 'content/changelog/0.3.0.mdx': entry('0.3.0') });
		const error = await newChangelog(root, version).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(FindingError);
		expect((error as Error).message).toBe(`Version ${version} already has an entry, content/changelog/0.3.0.mdx (version 0.3.0); versions compare without a leading "v"`);
		expect(readdirSync(join(root, 'content/changelog'))).toEqual(['0.3.0.mdx']);
	});

	it('ok: a new version beside it', async () => {
		const root = makeProgram({ 'content/changelog/0.3.0.mdx': entry('0.3.0') });
		expect((await newChangelog(root, 'v0.3.1')).path).toBe('content/changelog/v0.3.1.mdx');
	});
});

// An attack's 300-character pre-release stopped `new` with an internal ENAMETOOLONG, exit 2: the
// entry's file is named for its version, and a file name has at most 255 bytes.
describe('npm run new changelog with a version too long for a file name', () => {
	const newEntry = (root: string, version: string) => spawnSync(process.execPath, [join(REPO, 'bin/phasebook.js'), 'new', 'changelog', 'Next', '--phase', '1', '--version', version], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });

	it('not ok: refused with one line, exit 1, nothing written', () => {
		const root = makeProgram({});
		const version = `v99.0.0-${'a'.repeat(300)}`;
		const result = newEntry(root, version);
		expect([result.status, result.stderr]).toEqual([1, `phasebook new: Version "${version}" is too long for a file name: changelog/v99.0.0-aaaaaaaaaaaa… would be 312 bytes, over the 255 a file name may have; expected a shorter version\n`]);
		expect(readdirSync(join(root, 'content')).filter((name) => name === 'changelog')).toEqual([]);
	});

	it('ok: a name of 255 bytes', () => {
		const root = makeProgram({});
		const result = newEntry(root, `v99.0.0-${'a'.repeat(243)}`);
		expect([result.status, result.stdout]).toEqual([0, `content/changelog/v99.0.0-${'a'.repeat(243)}.mdx\n`]);
	});
});

describe('npm run new with arguments its type does not take', () => {
	async function create(root: string, request: { type: string; phase?: string; version?: string }) {
		const [{ program }, templates] = await Promise.all([loadProgram(root), loadTemplates(root)]);
		return scaffold(root, program, templates, { title: 'Next', owner: 'ana', today: '2026-02-01', ...request });
	}

	it.each([
		['a version that is not one', { type: 'changelog', phase: '1', version: 'banana' }, 'Invalid version "banana", expected a semantic version such as 1.2.0'],
		['a version with a leading zero', { type: 'changelog', phase: '1', version: '01.0.0' }, 'Invalid version "01.0.0", unexpected leading zero in "01", expected a semantic version whose numbers have none, such as 1.2.0'],
		['a pre-release number with a leading zero', { type: 'changelog', phase: '1', version: '1.0.0-rc.01' }, 'Invalid version "1.0.0-rc.01", unexpected leading zero in "01", expected a semantic version whose numbers have none, such as 1.2.0'],
		['--phase for a phase report', { type: 'phase', phase: '1' }, 'A phase report takes no --phase: phases are the top level (its dependsOn orders it after others)'],
		['--version for a phase report', { type: 'phase', version: '1.0.0' }, '--version is for a changelog entry; a phase report has none'],
		['--version for an RCA', { type: 'rca', phase: '1', version: '1.0.0' }, '--version is for a changelog entry; an issue RCA has none'],
	])('not ok: %s is named as the argument it is, and nothing is written', async (_, request, message) => {
		const root = makeProgram({});
		const before = readdirSync(join(root, 'content/phases'));
		const error = await create(root, request).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(FindingError);
		expect((error as Error).message).toBe(message);
		expect(readdirSync(join(root, 'content/phases'))).toEqual(before);
		expect(readdirSync(join(root, 'content')).filter((name) => ['changelog', 'rcas'].includes(name))).toEqual([]);
	});
});

// A template whose frontmatter was broken passed the check, and the next `new` failed with one line of
// literal "\n"s naming the document it did not write, not the template.
describe('a template whose frontmatter no document could have', () => {
	const broken = (edit: (text: string) => string) => {
		const root = makeProgram({});
		const path = join(root, 'templates/rca.mdx');
		writeFileSync(path, edit(readFileSync(path, 'utf8')));
		return root;
	};

	it.each([
		['YAML that does not parse', (t: string) => t.replace(/^severity: .*$/m, 'severity: [medium'), ['templates/rca.mdx:6 frontmatter/yaml Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']],
		['a field the schema does not have, for one it needs', (t: string) => t.replace(/^owners:/m, 'owner:'), ['templates/rca.mdx:1 frontmatter/schema Missing required field "owners" (expected array)', 'templates/rca.mdx:8 frontmatter/schema Unexpected field "owner" (not in the issue rca schema); did you mean "owners"?']],
	])('not ok: %s is an error of the check at the template’s line, and `new` names it in one line, writing nothing', async (_, edit, expected) => {
		const root = broken(edit);
		const { findings } = await runCheck(root, { diagrams: false });
		expect(findings.filter((f) => f.path.startsWith('templates/')).map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.message}`)).toEqual(expected);
		const [{ program }, templates] = await Promise.all([loadProgram(root), loadTemplates(root)]);
		const error = await scaffold(root, program, templates, { type: 'rca', phase: '1', title: 'Next', owner: 'ana', today: '2026-02-01' }).catch((e: unknown) => e);
		expect((error as Error).message).toBe(`templates/rca.mdx does not produce a valid rca, so nothing was written: ${expected.map((e) => e.replace(/^templates\/rca\.mdx:(\d+) \S+ /, 'line $1: ')).join('; ')}; fix the template (npx phasebook check names its problems)`);
		expect(readdirSync(join(root, 'content')).includes('rcas')).toBe(false);
	});

	// An attack: a heading `## Impact <x` compiled in no document `new` made from the template, and
	// neither the check nor `new` named the template.
	it('not ok: a template body MDX cannot compile is an error of the template, and `new` writes nothing', async () => {
		const root = broken((t) => t.replace('## Symptom and impact', '## Symptom and impact <5 min'));
		const { findings } = await runCheck(root, { diagrams: false });
		const line = readFileSync(join(root, 'templates/rca.mdx'), 'utf8').split('\n').findIndex((l) => l.startsWith('## Symptom')) + 1;
		const message = 'Invalid MDX: Unexpected character after `<`, expected a valid JSX tag (note: to create a link in MDX, use `[text](url)`)';
		expect(findings.filter((f) => f.path.startsWith('templates/')).map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.message}`)).toEqual([`templates/rca.mdx:${line} mdx/syntax ${message}`]);
		const [{ program }, templates] = await Promise.all([loadProgram(root), loadTemplates(root)]);
		const error = await scaffold(root, program, templates, { type: 'rca', phase: '1', title: 'Next', owner: 'ana', today: '2026-02-01' }).catch((e: unknown) => e);
		expect((error as Error).message).toMatch(new RegExp(`^templates/rca\\.mdx:${line}: Invalid MDX: .*, so every issue RCA made from it would fail the build, and nothing was written; fix the template`));
		expect(readdirSync(join(root, 'content')).includes('rcas')).toBe(false);
		// A template whose body has no `<` is not compiled at all: the sample's are not.
		expect((await loadTemplates(makeProgram({}))).get('rca')!.findings).toEqual([]);
	});

	// Every RCA read "Section "Symptom and impact" is out of order", and nothing named the template.
	it('not ok: a section the template names twice is an error of the template, at its second line', async () => {
		const root = broken((t) => t.replace('## Preventive guardrails', '## Symptom and impact\n\nAgain.\n\n## Preventive guardrails'));
		const { findings } = await runCheck(root, { diagrams: false });
		expect(findings.filter((f) => f.path.startsWith('templates/')).map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.message}`)).toEqual([
			expect.stringMatching(/^templates\/rca\.mdx:\d+ sections\/duplicate Section "Symptom and impact" is named twice in the template, first on line 13, so no document can have it in order; remove one$/),
		]);
	});

	it('ok: the shipped templates, whose placeholders `new` fills in, and a template leaving out the phase `new` adds', async () => {
		const root = broken((t) => t.replace(/^phase: .*\n/m, ''));
		const { findings } = await runCheck(root, { diagrams: false });
		expect(findings.filter((f) => f.path.startsWith('templates/'))).toEqual([]);
	});
});

// The next id was one past the documents the check could read: a broken rca-0002.mdx made new
// stop at "content/rcas/rca-0002.mdx already exists" with no way on.
describe('npm run new beside a document the check cannot read', () => {
	it('passes its id by, whether its YAML is broken or its schema fails', async () => {
		const root = makeProgram({
			'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001'),
			'content/rcas/rca-0002.mdx': rcaDoc('RCA-0002').replace(/^severity: .*$/m, 'severity: [high'),
			'content/rcas/rca-0003.mdx': rcaDoc('RCA-0003').replace(/^severity: .*$/m, 'severity: enormous'),
		});
		const [{ program }, templates] = await Promise.all([loadProgram(root), loadTemplates(root)]);
		const created = await scaffold(root, program, templates, { type: 'rca', phase: '1', title: 'Next', owner: 'ana', today: '2026-02-01' });
		expect(created).toEqual({ path: 'content/rcas/rca-0004.mdx', id: 'RCA-0004' });
	});
});

// `evidence import` refused a folder linking out of the project, and the check refuses to read a
// document there (file/symlink); `new` wrote content/handoffs/ho-001.mdx through the link anyway.
describe('npm run new into a collection folder that links out of the project', () => {
	it('not ok: refused, naming the link and where it leads, and nothing written there', async () => {
		const root = makeProgram({});
		const outside = mkdtempSync(join(tmpdir(), 'phasebook-outside-'));
		symlinkSync(outside, join(root, 'content/handoffs'));
		const [{ program }, templates] = await Promise.all([loadProgram(root), loadTemplates(root)]);
		const error = await scaffold(root, program, templates, { type: 'handoff', title: 'Handoff', phase: '1', owner: 'ana', today: '2026-02-01' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(FindingError);
		expect((error as Error).message).toBe(`content/handoffs leads out of the project (to ${realpathSync(outside)}), so content/handoffs/ho-001.mdx was not written; make it a folder of the project`);
		expect(readdirSync(outside)).toEqual([]);
	});
});

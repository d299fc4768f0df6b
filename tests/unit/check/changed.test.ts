// `phasebook check --changed`, as a pre-commit hook runs it: only the documents that differ from
// HEAD and those that depend on them are checked; settings, templates or evidence check everything.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedFiles } from '../../../src/core/changed-files.ts';
import { changedScope, definedAtHead } from '../../../src/core/changed.ts';
import type { RunGit } from '../../../src/core/git/repository.ts';
import { loadProgram } from '../../../src/core/load.ts';
import { completeBody, makeProgram, phaseDoc, PROJECT_YAML, rcaDoc, REPO } from '../../helpers/program.ts';

function check(root: string, ...args: string[]) {
	const result = spawnSync(process.execPath, [join(REPO, 'bin/phasebook.js'), 'check', '--root', root, ...args], {
		encoding: 'utf8',
		// PHASEBOOK_TIMING adds a line that says how many documents the check read or took from its cache.
		env: { ...process.env, GITHUB_ACTIONS: '', NO_COLOR: '1', PHASEBOOK_TIMING: '1' },
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Edits a file of the program in place, as an author would before committing. */
function edit(root: string, path: string, change: (text: string) => string): void {
	const file = join(root, path);
	writeFileSync(file, change(readFileSync(file, 'utf8')));
}

function git(root: string, ...args: string[]): string {
	const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Ana', GIT_AUTHOR_EMAIL: 'ana@example.com', GIT_COMMITTER_NAME: 'Ana', GIT_COMMITTER_EMAIL: 'ana@example.com' };
	return execFileSync('git', args, { cwd: root, env, encoding: 'utf8' }).trim();
}

/** The lines of a check's output that name a file, without the summary: what --changed must agree with the full check on. */
const findingLines = (stdout: string, path: string) => stdout.split('\n').filter((line) => line.startsWith(`${path}:`));

/** Phase 2 is committed with an error (a missing required field); phase 1 and its RCA are clean. */
function program(): string {
	const broken = phaseDoc('2').replace(/^goal: .*\n/m, '');
	return makeProgram({ 'content/phases/2.mdx': broken, 'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001') });
}

describe('check --changed', () => {
	// A pre-commit hook pays tens of milliseconds a git process: where the project is comes with
	// HEAD's prefix, in the same process, and the analysis takes that answer instead of asking again.
	it('asks git in two processes what changed and where the project is, a folder named with a space kept', async () => {
		const asked: string[] = [];
		const answers = (shallow: boolean): RunGit => async (args) => {
			asked.push(args.join(' '));
			if (args.includes('status')) return ' M  docs/content/rcas/rca-0001.mdx\0?? service.ts\0';
			return `${shallow}\n/work/repo\n docs/\n${'a'.repeat(40)}\n`;
		};
		const found = await changedFiles('/work/repo/ docs', answers(false));
		expect(found.files).toEqual(['content/rcas/rca-0001.mdx']);
		expect(found.located).toEqual({ top: '/work/repo', prefix: ' docs/' });
		expect(asked).toHaveLength(2);
		expect(asked[1]).toBe('rev-parse --is-shallow-repository --show-toplevel --show-prefix HEAD');
		// A shallow clone still tells what changed; where it is comes with why its history cannot be read.
		const shallow = await changedFiles('/work/repo/ docs', answers(true));
		expect(shallow.files).toEqual(['content/rcas/rca-0001.mdx']);
		expect(shallow.located?.reason).toContain('shallow clone');
		expect(shallow.located?.prefix).toBe(' docs/');
	});

	it('checks nothing but says so when nothing changed, while the full check finds the committed error', () => {
		const root = program();
		expect(check(root).code).toBe(1);
		const changed = check(root, '--changed');
		expect(changed.code).toBe(0);
		expect(changed.stdout).toContain('0 documents checked');
		expect(changed.stderr).toContain('no document, setting, template, evidence or public/ file differs from HEAD, and no file was removed, so there is nothing to check');
	});

	// A pre-commit hook said "nothing differs from HEAD" and passed while a broken version was staged:
	// the working tree had been put back as it was, and the commit took the staged one.
	it('names a document whose staged version differs from the working tree it checked', () => {
		const root = program();
		const rca = 'content/rcas/rca-0001.mdx';
		const committed = readFileSync(join(root, rca), 'utf8');
		edit(root, rca, (text) => text.replace(/^severity: .*$/m, 'severity: bogus'));
		git(root, 'add', rca);
		writeFileSync(join(root, rca), committed);
		const changed = check(root, '--changed');
		expect(changed.stderr).toContain('phasebook check --changed: 1 changed document and those that depend on it\n');
		expect(changed.stdout).toContain(`${rca}  warning  Staged changes differ from the working tree: the check read the working tree, and a commit takes what is staged, which was not checked  git/staged`);
		expect(changed.stdout).toContain('Stage the whole file (git add), or stash the rest (git stash --keep-index) and check again');
		// Staged whole, the commit's version is the one checked: its error, and no such warning.
		edit(root, rca, (text) => text.replace(/^severity: .*$/m, 'severity: bogus'));
		git(root, 'add', rca);
		const whole = check(root, '--changed');
		expect(whole.code).toBe(1);
		expect(whole.stdout).toContain('severity');
		expect(whole.stdout).not.toContain('git/staged');
	});

	it('in a docs folder of a larger repository: only the folder’s changes count, staged or not, with paths of the folder', () => {
		const parent = mkdtempSync(join(tmpdir(), 'phasebook-repository-'));
		const docs = join(parent, 'docs');
		cpSync(program(), docs, { recursive: true });
		rmSync(join(docs, '.git'), { recursive: true, force: true });
		writeFileSync(join(parent, 'service.ts'), 'export const port = 8080;\n');
		git(parent, 'init', '-q');
		git(parent, 'add', '-A');
		git(parent, 'commit', '-qm', 'service and its docs');
		appendFileSync(join(parent, 'service.ts'), 'export const host = "::";\n');
		expect(check(docs, '--changed').stderr).toContain('nothing to check');
		const rca = 'content/rcas/rca-0001.mdx';
		const committed = readFileSync(join(docs, rca), 'utf8');
		edit(docs, rca, (text) => text.replace(/^severity: .*$/m, 'severity: bogus'));
		git(parent, 'add', `docs/${rca}`);
		writeFileSync(join(docs, rca), committed);
		const changed = check(docs, '--changed');
		expect(changed.stderr).toContain('1 changed document and those that depend on it');
		expect(changed.stdout).toContain(`${rca}  warning  Staged changes differ from the working tree`);
	});

	it('answers a change to the code alone from git, without reading the documents, as the whole check would', () => {
		const root = program();
		appendFileSync(join(root, 'src/a.ts'), 'export const more = 1;\n');
		writeFileSync(join(root, 'src/new.ts'), 'export const added = 2;\n');
		// A folder's README for the authors is no document either.
		writeFileSync(join(root, 'content/phases/README.md'), '# How we write phase reports\n');
		const changed = check(root, '--changed');
		expect(changed.code).toBe(0);
		expect(changed.stdout).toContain('0 documents checked: no problems');
		expect(changed.stderr).toContain('nothing to check');
		expect(check(root, '--changed', '--format', 'json').stdout).toContain('"documents": 0');
		// No document was loaded, from its file or from the cache.
		expect(changed.stdout).toMatch(/^\(\d+ ms\)$/m);
		expect(changed.stdout).not.toContain('documents unchanged since the last check');
		// A document edited as well: now the program is loaded, and the two documents checked.
		appendFileSync(join(root, 'content/rcas/rca-0001.mdx'), '\nOne more line.\n');
		const both = check(root, '--changed');
		expect(both.stdout).toContain('2 documents checked');
		expect(both.stdout).toMatch(/\(\d+ ms; \d+ of \d+ documents unchanged since the last check/);
		// A wrong --root is still one line, exit 1, before git is asked.
		const wrong = check(join(root, 'content'), '--changed');
		expect(wrong.code).toBe(1);
		expect(`${wrong.stdout}${wrong.stderr}`).toContain('has no content/ folder');
	});

	// An adopter's attack: `git rm` of an image a handoff shows, or `git mv` of a file of the code a
	// document links, passed `--changed` as nothing to check, while the full check failed on the link.
	it('checks everything when a file a document may link is removed or renamed, staged or not', () => {
		const root = makeProgram({
			'content/project.yaml': `${PROJECT_YAML}repository: https://github.com/example/app\n`,
			'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001').replace(/\n## /, '\n![diagram](../assets/flow.png)\n\nSee [the code](../../src/a.ts).\n\n## '),
		});
		mkdirSync(join(root, 'content/assets'));
		writeFileSync(join(root, 'content/assets/flow.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
		git(root, 'add', '-A');
		git(root, 'commit', '-qm', 'image');
		const broken = (out: string) => findingLines(out, 'content/rcas/rca-0001.mdx').filter((line) => line.endsWith('references/link'));
		expect(broken(check(root).stdout)).toEqual([]);
		git(root, 'rm', '-q', 'content/assets/flow.png');
		const removed = check(root, '--changed');
		expect(removed.stderr).toContain('phasebook check --changed: every document, since content/assets/flow.png was removed, which a document may link\n');
		expect(broken(removed.stdout)).toEqual(broken(check(root).stdout));
		expect(broken(removed.stdout)).toHaveLength(1);
		git(root, 'reset', '-q', '--hard');
		// Renamed in the working tree alone, not staged.
		renameSync(join(root, 'src/a.ts'), join(root, 'src/b.ts'));
		const renamed = check(root, '--changed');
		expect(renamed.stderr).toContain('every document, since src/a.ts was removed, which a document may link');
		expect(broken(renamed.stdout)).toEqual([expect.stringContaining('Unresolved link "../../src/a.ts"')]);
	});

	it('checks everything when a changed document has a new id: what named the old one is broken now', () => {
		const root = makeProgram({ 'content/phases/2.mdx': phaseDoc('2', 'dependsOn: ["1"]\n'), 'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001') });
		expect(check(root, '--changed').code).toBe(0);
		const file = join(root, 'content/phases/1.mdx');
		writeFileSync(file, readFileSync(file, 'utf8').replace('id: "1"', 'id: "7"').replaceAll('REQ-1.1', 'REQ-7.1'));
		const changed = check(root, '--changed');
		expect(changed.stderr).toContain('phasebook check --changed: every document, since content/phases/1.mdx changed its id from "1" to "7"');
		// Phase 2 and the RCA were not changed, yet their references to phase 1 are errors now, as the full check says.
		expect(changed.stdout).toContain('content/phases/2.mdx:12:1  error  Unknown phase "1" in dependsOn, expected one of "7", "2"  references/depends-on');
		expect(changed.stdout).toContain('content/rcas/rca-0001.mdx:4:1  error  Unknown phase "1", expected one of "7", "2"  references/phase');
		expect(changed.stdout).toContain('content/tasks.yaml:2:1  error  Unknown phase "1" in task T-001, expected one of "7", "2"  references/phase');
		expect(changed.code).toBe(1);
		expect(check(root).code).toBe(1);
	});

	it('checks an edited document with the documents of its phase, and reports its errors', () => {
		const root = program();
		appendFileSync(join(root, 'content/rcas/rca-0001.mdx'), '\nOne more line.\n');
		const clean = check(root, '--changed');
		expect(clean.code).toBe(0);
		// The RCA and its phase, not phase 2.
		expect(clean.stdout).toContain('2 documents checked');
		const file = join(root, 'content/phases/1.mdx');
		writeFileSync(file, readFileSync(file, 'utf8').replace(/^status: .*$/m, 'status: nonsense'));
		const broken = check(root, '--changed');
		expect(broken.code).toBe(1);
		expect(broken.stdout).toMatch(/content\/phases\/1\.mdx:\d+:\d+\s+error .*status/);
		expect(broken.stdout).not.toContain('content/phases/2.mdx');
	});

	it('reads the links of the documents it checks, and not those of the others', () => {
		const root = makeProgram({
			'content/phases/2.mdx': `${phaseDoc('2')}\nSee [the old phase](/phases/9/).\n`,
			'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001'),
		});
		appendFileSync(join(root, 'content/rcas/rca-0001.mdx'), '\nSee [the next phase](/phases/8/).\n');
		const changed = check(root, '--changed');
		expect(changed.code).toBe(1);
		expect(changed.stdout).toMatch(/content\/rcas\/rca-0001\.mdx:\d+:\d+\s+error\s+Unresolved link "\/phases\/8\/"/);
		expect(changed.stdout).not.toContain('/phases/9/');
		const full = check(root);
		expect(full.stdout).toContain('Unresolved link "/phases/8/"');
		expect(full.stdout).toContain('Unresolved link "/phases/9/"');
	});

	it('checks everything when a changed document loses a heading that a link elsewhere names', () => {
		const body = completeBody('rca').replace('## Root cause analysis\n', '## Root cause analysis\n\n### Timeline\n\nAt 10:02 the pool ran dry.\n');
		const root = makeProgram({
			'content/phases/2.mdx': `${phaseDoc('2')}\nSee [the timeline](/rcas/rca-0001/#timeline).\n`,
			'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001', undefined, body),
		});
		expect(check(root).stdout).not.toContain('references/anchor');
		// A heading added, or text edited, breaks no link: the RCA and its phase alone.
		edit(root, 'content/rcas/rca-0001.mdx', (text) => text.replace('### Timeline', '### Timeline\n\nMore.\n\n### Aftermath'));
		const added = check(root, '--changed');
		expect(added.stderr).toContain('1 changed document and those that depend on it');
		expect(added.stdout).toContain('2 documents checked');
		// Renamed: phase 2's link opens the page at its top now, which the full check says too.
		edit(root, 'content/rcas/rca-0001.mdx', (text) => text.replace('### Timeline', '### Sequence of events'));
		const renamed = check(root, '--changed');
		expect(renamed.stderr).toContain('every document, since content/rcas/rca-0001.mdx no longer has the heading #timeline, which links elsewhere may name');
		const warning = findingLines(renamed.stdout, 'content/phases/2.mdx').filter((line) => line.includes('references/anchor'));
		expect(warning).toHaveLength(1);
		expect(warning[0]).toContain('Link "/rcas/rca-0001/#timeline" names no heading of content/rcas/rca-0001.mdx');
		expect(findingLines(check(root).stdout, 'content/phases/2.mdx')).toEqual(findingLines(renamed.stdout, 'content/phases/2.mdx'));
	});

	it('checks a new, untracked document', () => {
		const root = program();
		writeFileSync(join(root, 'content/rcas/rca-0002.mdx'), rcaDoc('RCA-0002').replace(/^severity: .*$/m, 'severity: enormous'));
		const result = check(root, '--changed');
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('content/rcas/rca-0002.mdx');
	});

	it('checks everything when project settings change or a document is removed', () => {
		const root = program();
		appendFileSync(join(root, 'content/project.yaml'), '# a comment\n');
		const settings = check(root, '--changed');
		expect(settings.code).toBe(1);
		expect(settings.stderr).toContain('every document, since content/project.yaml changed');
		const other = program();
		rmSync(join(other, 'content/rcas/rca-0001.mdx'));
		const removed = check(other, '--changed');
		expect(removed.stderr).toContain('content/rcas/rca-0001.mdx was removed');
		expect(removed.code).toBe(1);
	});

	it.each([
		['outside git', () => {}, 'not inside a git repository'],
		['in a repository with no commit yet', (root: string) => spawnSync('git', ['init', '-q'], { cwd: root }), 'every document, since git cannot tell what changed: the repository has no commit yet'],
	])('checks everything %s, and says why', (_, setUp, reason) => {
		const root = makeProgram({ 'content/phases/2.mdx': phaseDoc('2').replace(/^goal: .*\n/m, '') }, { git: false });
		setUp(root);
		const result = check(root, '--changed');
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(reason);
	});

	it('checks everything when git cannot answer (a corrupt index), and says what git said', () => {
		const root = program();
		writeFileSync(join(root, '.git/index'), 'garbage\n');
		const result = check(root, '--changed');
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/every document, since git cannot tell what changed: git failed: .*index file/);
		expect(result.stdout).toContain('content/phases/2.mdx');
	});

	it('takes in the phases that depend on a changed phase', async () => {
		const root = makeProgram({ 'content/phases/2.mdx': phaseDoc('2', 'dependsOn: ["1"]\n'), 'content/phases/3.mdx': phaseDoc('3') });
		const { program } = await loadProgram(root);
		const scope = changedScope(program, root, ['content/phases/1.mdx']);
		expect(scope.all).toBe(false);
		if (!scope.all) expect([...scope.paths].sort()).toEqual(['content/phases/1.mdx', 'content/phases/2.mdx']);
	});

	// Phase 2 depends on 3, which depends on 1: only 3's schedule reads 1's window. A file-order pass
	// took in some such chains and not others; following them all checked 743 of 1,000 documents
	// for one RCA edited.
	it('takes in the direct dependants of a changed phase, not those further down, nor those of an RCA\'s phase', async () => {
		const root = makeProgram({ 'content/phases/2.mdx': phaseDoc('2', 'dependsOn: ["3"]\n'), 'content/phases/3.mdx': phaseDoc('3', 'dependsOn: ["1"]\n'), 'content/phases/4.mdx': phaseDoc('4'), 'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001') });
		const { program } = await loadProgram(root);
		const scope = changedScope(program, root, ['content/phases/1.mdx']);
		if (!scope.all) expect([...scope.paths].sort()).toEqual(['content/phases/1.mdx', 'content/phases/3.mdx', 'content/rcas/rca-0001.mdx']);
		const rca = changedScope(program, root, ['content/rcas/rca-0001.mdx']);
		if (!rca.all) expect([...rca.paths].sort()).toEqual(['content/phases/1.mdx', 'content/rcas/rca-0001.mdx']);
	});

	// An adopter's attack: an RCA edited to `severity: Medium` fails its schema, and --changed
	// checked it alone, where the full check also reported the review of its phase, whose
	// readiness claim the broken RCA (a blocker of the phase) made false.
	it('takes in the phase and its documents of a changed document left out for its own errors', async () => {
		const root = makeProgram({ 'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001').replace(/^severity: .*$/m, 'severity: Medium'), 'content/rcas/rca-0002.mdx': rcaDoc('RCA-0002'), 'content/phases/2.mdx': phaseDoc('2') });
		const { program } = await loadProgram(root);
		expect(program.invalid?.map((d) => d.path)).toEqual(['content/rcas/rca-0001.mdx']);
		const scope = changedScope(program, root, ['content/rcas/rca-0001.mdx']);
		if (!scope.all) expect([...scope.paths].sort()).toEqual(['content/phases/1.mdx', 'content/rcas/rca-0001.mdx', 'content/rcas/rca-0002.mdx']);
		expect(scope.all).toBe(false);
	});

	// Phase 3's edit closes 1 → 3 → 2 → 1; the cycle is reported on phase 1, which sorts first.
	it('takes in the phases of a cycle a changed phase closes, and reports the cycle as the full check does', () => {
		const root = makeProgram({ 'content/phases/1.mdx': phaseDoc('1', 'dependsOn: ["3"]\n'), 'content/phases/2.mdx': phaseDoc('2', 'dependsOn: ["1"]\n'), 'content/phases/3.mdx': phaseDoc('3'), 'content/phases/4.mdx': phaseDoc('4', 'dependsOn: ["2"]\n') });
		expect(check(root, '--changed').code).toBe(0);
		edit(root, 'content/phases/3.mdx', (text) => text.replace('requirements:', 'dependsOn: ["2"]\nrequirements:'));
		const full = findingLines(check(root).stdout, 'content/phases/1.mdx').filter((l) => l.includes('references/cycle'));
		expect(full).toHaveLength(1);
		const changed = check(root, '--changed');
		expect(findingLines(changed.stdout, 'content/phases/1.mdx').filter((l) => l.includes('references/cycle'))).toEqual(full);
		expect(changed.stdout).not.toContain('content/phases/4.mdx');
	});

	// An RCA of phase 2 names REQ-1.2, which phase 1 defines; the edit of phase 1 drops it.
	it('checks the documents that name a requirement the changed phase no longer defines', () => {
		const root = makeProgram({
			'content/phases/1.mdx': phaseDoc('1').replace('requirements:\n', 'requirements:\n  - { id: REQ-1.2, title: Lexer }\n'),
			'content/phases/2.mdx': phaseDoc('2'),
			'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001', 'status: mitigated\nrequirements: [REQ-1.2]\n').replace('phase: "1"', 'phase: "2"'),
		});
		expect(check(root, '--changed').code).toBe(0);
		edit(root, 'content/phases/1.mdx', (text) => text.replace('  - { id: REQ-1.2, title: Lexer }\n', ''));
		const full = check(root);
		const rca = findingLines(full.stdout, 'content/rcas/rca-0001.mdx');
		expect(rca.join('\n')).toMatch(/error\s+Unknown requirement "REQ-1\.2", expected one defined by a phase\s+references\/requirement$/);
		const changed = check(root, '--changed');
		expect(findingLines(changed.stdout, 'content/rcas/rca-0001.mdx')).toEqual(rca);
		expect(changed.code).toBe(1);
	});

	// Phase 1's edit defines REQ-2.1, which phase 2 (unchanged, listed after it) already defines.
	it('checks the documents that define a requirement id the changed phase now defines too', () => {
		const root = makeProgram({ 'content/phases/2.mdx': phaseDoc('2') });
		expect(check(root, '--changed').code).toBe(0);
		edit(root, 'content/phases/1.mdx', (text) => text.replace('requirements:\n', 'requirements:\n  - { id: REQ-2.1, title: Parser v2 }\n'));
		const full = check(root);
		const duplicate = findingLines(full.stdout, 'content/phases/2.mdx');
		expect(duplicate.join('\n')).toMatch(/error\s+Duplicate requirement id "REQ-2\.1", already defined by content\/phases\/1\.mdx\s+references\/requirement-duplicate$/);
		const changed = check(root, '--changed');
		expect(findingLines(changed.stdout, 'content/phases/2.mdx')).toEqual(duplicate);
		expect(changed.code).toBe(1);
	});

	// Releasing phase 1 (its document alone edited) moves the start of phase 2's git range from the
	// first commit to phase 1's tag, so phase 2's inventory lists a file now unchanged in its range.
	it('checks the phase whose git range starts at the release the changed phase records', () => {
		const inventory = '| `src/a.ts` | Added | REQ-2.1 |\n| `src/b.ts` | Added | REQ-2.1 |';
		const root = makeProgram({
			'content/phases/2.mdx': phaseDoc('2').replace('| `src/a.ts` | Added | REQ-2.1 |', inventory),
			'content/changelog/0.1.0.mdx': '---\nversion: "0.1.0"\ntitle: Release 0.1.0\ndate: 2026-02-01\nstatus: draft\nowners: [ana]\nphase: "1"\n---\n\n## Added\n\n- The parser.\n',
		});
		git(root, 'tag', '-a', 'v0.1.0', '-m', 'v0.1.0', 'HEAD');
		writeFileSync(join(root, 'src/b.ts'), 'export const b = 2;\n');
		git(root, 'add', '-A');
		git(root, 'commit', '-q', '-m', 'feat: b (REQ-2.1)');
		expect(check(root).stdout).not.toContain('content/phases/2.mdx');
		edit(root, 'content/phases/1.mdx', (text) => text.replace('requirements:\n', 'release: 0.1.0\nrequirements:\n'));
		expect(git(root, 'status', '--short')).toBe('M content/phases/1.mdx');
		const full = check(root);
		const phase2 = findingLines(full.stdout, 'content/phases/2.mdx');
		expect(phase2.join('\n')).toMatch(/warning\s+"src\/a\.ts" is in the change inventory, but git shows it unchanged in v0\.1\.0\.\.HEAD\s+inventory\/unchanged/);
		const changed = check(root, '--changed');
		expect(findingLines(changed.stdout, 'content/phases/2.mdx')).toEqual(phase2);
	});

	it('takes in what the changed phases define now or defined at HEAD, and the phases whose range starts at their release', async () => {
		// Both RCAs belong to phase 1, which no case changes: only the requirements they name bring them in.
		const root = makeProgram({
			'content/phases/1.mdx': phaseDoc('1', 'release: 0.1.0\n'),
			'content/phases/2.mdx': phaseDoc('2'),
			'content/phases/3.mdx': phaseDoc('3', 'release: 0.3.0\n'),
			'content/phases/4.mdx': phaseDoc('4'),
			'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001', 'status: mitigated\nrequirements: [REQ-3.7]\n'),
			'content/rcas/rca-0002.mdx': rcaDoc('RCA-0002', 'status: mitigated\nrequirements: [REQ-4.1]\n'),
		});
		const { program } = await loadProgram(root);
		const paths = (files: string[], head?: Map<string, { id: string; requirements: string[]; release?: string }>) => {
			const scope = changedScope(program, root, files, head);
			expect(scope.all).toBe(false);
			return scope.all ? [] : [...scope.paths].sort();
		};
		// Phase 2 starts at phase 1's release, phase 3 too (phase 2 has none), phase 4 at phase 3's.
		expect(paths(['content/phases/3.mdx'])).toEqual(['content/phases/3.mdx', 'content/phases/4.mdx']);
		expect(paths(['content/phases/2.mdx'])).toEqual(['content/phases/2.mdx']);
		// The RCA that names phase 4's requirement.
		expect(paths(['content/phases/4.mdx'])).toEqual(['content/phases/4.mdx', 'content/rcas/rca-0002.mdx']);
		// At HEAD phase 3 also defined REQ-3.7, which an RCA still names.
		const head = new Map([['content/phases/3.mdx', { id: '3', requirements: ['REQ-3.1', 'REQ-3.7'] }]]);
		expect(paths(['content/phases/3.mdx'], head)).toEqual(['content/phases/3.mdx', 'content/phases/4.mdx', 'content/rcas/rca-0001.mdx']);
		// Phase 2 was released at HEAD: phase 3 started at its release then, at phase 1's now.
		const released = new Map([['content/phases/2.mdx', { id: '2', requirements: ['REQ-2.1'], release: '0.2.0' }]]);
		expect(paths(['content/phases/2.mdx'], released)).toEqual(['content/phases/2.mdx', 'content/phases/3.mdx']);
	});

	it('takes in the documents that define the same id, and the phase that releases a changed changelog entry', async () => {
		const changelog = (version: string) => `---\nversion: "${version}"\ntitle: Release\ndate: 2026-02-01\nstatus: draft\nowners: [ana]\n---\n`;
		const root = makeProgram({
			'content/phases/2.mdx': phaseDoc('2'),
			'content/phases/3.mdx': phaseDoc('3', 'release: 0.5.0\n'),
			'content/rcas/a.mdx': rcaDoc('RCA-0009'),
			'content/rcas/b.mdx': rcaDoc('RCA-0009').replace('phase: "1"', 'phase: "2"'),
			'content/changelog/0.5.0.mdx': changelog('0.5.0'),
		});
		const { program } = await loadProgram(root);
		const paths = (file: string) => {
			const scope = changedScope(program, root, [file]);
			return scope.all ? [] : [...scope.paths].sort();
		};
		// Phase 2's RCA has the id of phase 1's: the duplicate is reported on one of the two.
		expect(paths('content/rcas/b.mdx')).toEqual(['content/phases/2.mdx', 'content/rcas/a.mdx', 'content/rcas/b.mdx']);
		// The entry names no phase; phase 3's release names its version.
		expect(paths('content/changelog/0.5.0.mdx')).toEqual(['content/changelog/0.5.0.mdx', 'content/phases/3.mdx']);
		// Phase 1 now releases 0.5.0 too (phase 2 released 0.4.0 in between, where phase 3's range
		// starts): phase 3, the later of the two, carries the release/duplicate error.
		writeFileSync(join(root, 'content/phases/2.mdx'), phaseDoc('2', 'release: v0.4.0\n'));
		writeFileSync(join(root, 'content/phases/1.mdx'), phaseDoc('1', 'release: v0.5.0\n'));
		const again = await loadProgram(root);
		const scope = changedScope(again.program, root, ['content/phases/1.mdx']);
		expect(!scope.all && scope.paths.has('content/phases/3.mdx')).toBe(true);
	});

	it('reads what each changed document defined at HEAD from one git cat-file', async () => {
		const root = makeProgram({ 'content/phases/2.mdx': phaseDoc('2', 'release: v0.2.0\n'), 'content/changelog/0.2.0.mdx': '---\nversion: 0.2.0\ntitle: Release\ndate: 2026-02-01\nstatus: draft\nowners: [ana]\n---\n' });
		let asked = 0;
		const counting = (args: string[], cwd: string, input?: string) => {
			asked++;
			return Promise.resolve(execFileSync('git', args, { cwd, encoding: 'utf8', ...(input === undefined ? {} : { input }) }));
		};
		// And the anchors of its headings, as the page gives them.
		const phaseAnchors = expect.arrayContaining(['executive-summary', 'scope-assumptions-and-exclusions', 'rollback-plan']);
		const defined = await definedAtHead(root, ['content/phases/1.mdx', 'content/phases/2.mdx', 'content/changelog/0.2.0.mdx', 'content/phases/9.mdx', 'src/a.ts'], counting);
		expect(asked).toBe(1);
		expect(Object.fromEntries(defined)).toEqual({
			'content/phases/1.mdx': { id: '1', requirements: ['REQ-1.1'], anchors: phaseAnchors },
			'content/phases/2.mdx': { id: '2', requirements: ['REQ-2.1'], release: 'v0.2.0', anchors: phaseAnchors },
			'content/changelog/0.2.0.mdx': { id: '0.2.0', requirements: [], anchors: [] },
		});
	});
});

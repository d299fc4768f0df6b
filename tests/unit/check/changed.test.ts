// `phasebook check --changed`, as a pre-commit hook runs it: only the documents that differ from
// HEAD and those that depend on them are checked; settings, templates or evidence check everything.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedScope } from '../../../src/core/changed.ts';
import { loadProgram } from '../../../src/core/load.ts';
import { makeProgram, phaseDoc, rcaDoc, REPO } from '../../helpers/program.ts';

function check(root: string, ...args: string[]) {
	const result = spawnSync(process.execPath, [join(REPO, 'bin/phasebook.js'), 'check', '--root', root, ...args], {
		encoding: 'utf8',
		// PHASEBOOK_TIMING adds a line that says how many documents the check read or took from its cache.
		env: { ...process.env, GITHUB_ACTIONS: '', NO_COLOR: '1', PHASEBOOK_TIMING: '1' },
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Phase 2 is committed with an error (a missing required field); phase 1 and its RCA are clean. */
function program(): string {
	const broken = phaseDoc('2').replace(/^goal: .*\n/m, '');
	return makeProgram({ 'content/phases/2.mdx': broken, 'content/rcas/rca-0001.mdx': rcaDoc('RCA-0001') });
}

describe('check --changed', () => {
	it('checks nothing but says so when nothing changed, while the full check finds the committed error', () => {
		const root = program();
		expect(check(root).code).toBe(1);
		const changed = check(root, '--changed');
		expect(changed.code).toBe(0);
		expect(changed.stdout).toContain('0 documents checked');
		expect(changed.stderr).toContain('no document, setting, template or evidence file differs from HEAD, so there is nothing to check');
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
});

// The change inventory against a fixture repository's history: ghosts, unchanged and unlisted files.
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { codeCommits } from '../../../src/core/git/code-facts.ts';
import { makeProgram, phaseDoc, PROJECT_YAML } from '../../helpers/program.ts';
import { bodyWithInventory, commit, git, lineOf, makeGitFixture, writeContent } from '../../helpers/git-repo.ts';

let root: string;
beforeAll(() => {
	root = makeGitFixture().root;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const COMPLETE = [
	'| `src/a.ts` | Changed: more lines | REQ-2.1 |',
	'| `src/b.ts` | New: the b module | REQ-2.1 |',
	'| `src/new.ts` | Renamed from `src/old.ts` | REQ-2.2 |',
	'| `README.md` | Removed | REQ-2.1 |',
	'| `tests/b.test.ts` | New: tests of b | REQ-2.1 |',
];

const phase2 = (rows: string[], status = 'in-review') =>
	phaseDoc('2', 'dependsOn: ["1"]\n', bodyWithInventory(rows))
		.replace('status: in-review', `status: ${status}`)
		.replace('  - { id: REQ-2.1, title: First requirement }', '  - { id: REQ-2.1, title: First requirement }\n  - { id: REQ-2.2, title: Second requirement }');

async function check(phase: string, rule = /^(inventory|git)\//) {
	writeContent(root, {
		'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\n', bodyWithInventory(['| `src/a.ts` | New | REQ-1.1 |'])).replace('status: in-review', 'status: planned'),
		'content/phases/2.mdx': phase,
	});
	const { findings } = await runCheck(root, { diagrams: false });
	return findings.filter((f) => rule.test(f.ruleId)).map((f) => `${f.path}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.ruleId}`);
}

describe('inventory/ghost, inventory/unchanged, inventory/unlisted', () => {
	it('ok: every changed file listed, each row a real change (a rename, a removal, an excluded lock file)', async () => {
		expect(await check(phase2(COMPLETE))).toEqual([]);
	});

	it('not ok: a row names a file that exists nowhere, or a removal of a file that never was', async () => {
		const doc = phase2([...COMPLETE, '| `src/nope.ts` | New | REQ-2.1 |', '| `src/never.ts` | Removed: dead code | REQ-2.1 |']);
		expect(await check(doc, /^inventory\/ghost$/)).toEqual([
			`content/phases/2.mdx:${lineOf(doc, 'src/nope.ts')}:3  error  Unexpected file "src/nope.ts" in the change inventory: it does not exist at ${(await head()).slice(0, 7)} (end of v0.1.0..HEAD), expected a path relative to app/  inventory/ghost`,
			`content/phases/2.mdx:${lineOf(doc, 'src/never.ts')}:3  error  Unexpected file "src/never.ts" in the change inventory: it does not exist at ${(await tag()).slice(0, 7)} (start of v0.1.0..HEAD), expected a path relative to app/  inventory/ghost`,
		]);
	});

	// A copy of phase 1's id in 2.mdx gave each file the other's inventory findings, at lines that
	// held no such row, judged against the other's range.
	it('not ok: two phase reports sharing an id get the duplicate-id error alone, no git findings of each other', async () => {
		const doc = phase2([...COMPLETE, '| `src/nope.ts` | New | REQ-2.1 |']).replace('id: "2"', 'id: "1"');
		expect(await check(doc, /^(inventory|git)\/|^references\/duplicate-id$/)).toEqual([expect.stringMatching(/^content\/phases\/2\.mdx:2:1 {2}error {2}Duplicate id "1"/)]);
	});

	it('not ok: a ghost in a draft phase is a warning', async () => {
		const doc = phase2([...COMPLETE, '| `src/nope.ts` | Planned | REQ-2.1 |'], 'in-progress');
		expect(await check(doc, /^inventory\/ghost$/)).toEqual([expect.stringMatching(new RegExp(`^content/phases/2.mdx:${lineOf(doc, 'src/nope.ts')}:3  warning  Unexpected file "src/nope.ts"`))]);
	});

	it('not ok: a listed file git shows unchanged, and changed files left out', async () => {
		const doc = phase2(['| `src/a.ts` | Changed | REQ-2.1 |', '| `src/stable.ts` | Changed: nothing really | REQ-2.1 |', '| `README.md` | Removed | REQ-2.1 |']);
		expect(await check(doc)).toEqual([
			`content/phases/2.mdx:${lineOf(doc, '| File |')}:1  warning  3 files changed in v0.1.0..HEAD but missing from the change inventory: src/b.ts, src/new.ts, tests/b.test.ts (npx phasebook inventory --phase 2 drafts the rows)  inventory/unlisted`,
			`content/phases/2.mdx:${lineOf(doc, 'src/stable.ts')}:3  warning  "src/stable.ts" is in the change inventory, but git shows it unchanged in v0.1.0..HEAD  inventory/unchanged`,
		]);
	});

	// The first phase's range starts before the first commit: there is no start to find the file
	// in, and the check called the path a ghost ("does not exist at the first commit") and unlisted.
	it('not ok: "Removed" in the first phase for a file it added and left in place is a Change git contradicts', async () => {
		const first = phaseDoc('1', 'release: v0.1.0\n', bodyWithInventory(['| `src/a.ts` | Removed | REQ-1.1 |']));
		writeContent(root, { 'content/phases/1.mdx': first, 'content/phases/2.mdx': phase2(COMPLETE) });
		const { findings } = await runCheck(root, { diagrams: false });
		const tag = git(root, ['rev-parse', 'v0.1.0^{commit}']).trim().slice(0, 7);
		const phase1 = findings.filter((f) => f.path === 'content/phases/1.mdx' && f.ruleId.startsWith('inventory/'));
		// The row is listed: the other files the fixture's first commit added are what is unlisted.
		expect(phase1.find((f) => f.ruleId === 'inventory/unlisted')?.message).not.toContain('src/a.ts');
		expect(phase1.filter((f) => f.ruleId !== 'inventory/unlisted').map((f) => `${f.line}  ${f.ruleId}  ${f.message}`)).toEqual([
			`${lineOf(first, 'src/a.ts')}  inventory/change  "src/a.ts" in the change inventory: its Change says it was removed, but it exists at ${tag} (end of (first commit)..v0.1.0)`,
		]);
	});

	// F11 of the attack: "src/ | Removed: the whole source tree" was published while src/ was there.
	it('not ok: a folder said removed while files of it are still there', async () => {
		const rows = COMPLETE.map((r) => r.replace('| `src/a.ts` | Changed: more lines | REQ-2.1 |', '| `src/` | Removed: the whole source tree | REQ-2.1 |'));
		const doc = phase2(rows);
		expect(await check(doc, /^inventory\/change$/)).toEqual([
			expect.stringMatching(new RegExp(`^content/phases/2\\.mdx:${lineOf(doc, '\`src/\`')}:3  warning  "src/" in the change inventory: its Change says it was removed, but \\d+ files of it still exist at [0-9a-f]{7} \\(end of v0\\.1\\.0\\.\\.HEAD\\)  inventory/change$`)),
		]);
	});

	it('not ok: once the phase is done, its inventory is the record of what it changed, and a mismatch is an error', async () => {
		const rows = ['| `src/a.ts` | Changed | REQ-2.1 |', '| `src/stable.ts` | Changed: nothing really | REQ-2.1 |', '| `README.md` | Removed | REQ-2.1 |'];
		const doc = phase2(rows, 'done');
		expect((await check(doc, /^inventory\/(unchanged|unlisted)$/)).map((f) => f.split('  ')[1])).toEqual(['error', 'error']);
	});

	it('not ok: a Change text that git contradicts: removed but still there, new but removed or only modified', async () => {
		const rows = ['| `src/a.ts` | Removed: the legacy module | REQ-2.1 |', '| `src/b.ts` | New: the b module | REQ-2.1 |', '| `src/new.ts` | Renamed from `src/old.ts` | REQ-2.2 |', '| `README.md` | Added: the readme | REQ-2.1 |', '| `tests/b.test.ts` | New: tests of b | REQ-2.1 |'];
		const doc = phase2(rows);
		expect(await check(doc, /^inventory\/change$/)).toEqual([
			`content/phases/2.mdx:${lineOf(doc, 'src/a.ts')}:3  warning  "src/a.ts" in the change inventory: its Change says it was removed, but it exists at ${(await head()).slice(0, 7)} (end of v0.1.0..HEAD)  inventory/change`,
			`content/phases/2.mdx:${lineOf(doc, 'README.md')}:3  warning  "README.md" in the change inventory: its Change says it is new, but git shows it removed in v0.1.0..HEAD  inventory/change`,
		]);
		const modified = phase2(COMPLETE.map((r) => r.replace('Changed: more lines', 'New: more lines')), 'done');
		expect(await check(modified, /^inventory\/change$/)).toEqual([
			`content/phases/2.mdx:${lineOf(modified, 'src/a.ts')}:3  error  "src/a.ts" in the change inventory: its Change says it is new, but git shows it modified in v0.1.0..HEAD, so it was there before  inventory/change`,
		]);
	});

	// "Modified" for a file the phase added, "Unchanged" for one it changed: published as written.
	it('not ok: a Change text that says modified for a file git shows added or removed, or unchanged for one it changed', async () => {
		const rows = ['| `src/a.ts` | Unchanged | REQ-2.1 |', '| `src/b.ts` | Modified: tweaked the module | REQ-2.1 |', '| `README.md` | Updated | REQ-2.1 |', '| `tests/b.test.ts` | Created | REQ-2.1 |'];
		const doc = phase2(rows);
		expect(await check(doc, /^inventory\/change$/)).toEqual([
			`content/phases/2.mdx:${lineOf(doc, 'src/a.ts')}:3  warning  "src/a.ts" in the change inventory: its Change says it is unchanged, but git shows it modified in v0.1.0..HEAD  inventory/change`,
			`content/phases/2.mdx:${lineOf(doc, 'src/b.ts')}:3  warning  "src/b.ts" in the change inventory: its Change says it was modified, but git shows it added in v0.1.0..HEAD, so it was not there before  inventory/change`,
			`content/phases/2.mdx:${lineOf(doc, 'README.md')}:3  warning  "README.md" in the change inventory: its Change says it was modified, but git shows it removed in v0.1.0..HEAD  inventory/change`,
		]);
	});

	// An adopter's attack: drafted counts left stale by later commits, a rename that never happened,
	// and a folder's row whose status none of its files has, each published as written.
	it('not ok: drafted line counts that are not git\'s, a rename git does not show, a folder row no file of it bears out', async () => {
		const rows = [
			'| `src/b.ts` | Added (+4 −0) | REQ-2.1 |',
			'| `src/a.ts` | Renamed from `src/x.ts` | REQ-2.1 |',
			'| `src/new.ts` | Renamed from `src/gone.ts` (+1 −1) | REQ-2.2 |',
			'| `README.md` | Removed (+0 −1) | REQ-2.1 |',
			'| `tests/` | Modified | REQ-2.1 |',
		];
		const doc = phase2(rows, 'done');
		expect(await check(doc, /^inventory\/change$/)).toEqual([
			`content/phases/2.mdx:${lineOf(doc, 'src/b.ts')}:3  error  "src/b.ts" in the change inventory: its Change says (+4 −0), but git shows (+5 −0) in v0.1.0..HEAD; draft it again (npx phasebook inventory --phase 2 --write) or write the counts git shows  inventory/change`,
			`content/phases/2.mdx:${lineOf(doc, 'src/a.ts')}:3  error  "src/a.ts" in the change inventory: its Change says it was renamed from src/x.ts, but git shows it modified in v0.1.0..HEAD  inventory/change`,
			`content/phases/2.mdx:${lineOf(doc, 'src/new.ts')}:3  error  "src/new.ts" in the change inventory: its Change says it was renamed from src/gone.ts, but git shows it renamed from src/old.ts in v0.1.0..HEAD  inventory/change`,
			`content/phases/2.mdx:${lineOf(doc, 'tests/')}:3  error  "tests/" in the change inventory: its Change says its files were modified, but git shows none of its files modified in v0.1.0..HEAD, only added  inventory/change`,
		]);
		// As drafted from git: no finding.
		const drafted = phase2(['| `src/b.ts` | Added (+5 −0) | REQ-2.1 |', '| `src/a.ts` | Modified (+2 −0) | REQ-2.1 |', '| `src/new.ts` | Renamed from `src/old.ts` (+1 −1) | REQ-2.2 |', '| `README.md` | Removed (+0 −1) | REQ-2.1 |', '| `tests/` | Added | REQ-2.1 |'], 'done');
		expect(await check(drafted, /^inventory\//)).toEqual([]);
	});

	// A false-positive hunt: the Change column read as a status where it says what changed inside the
	// file, and a rename's old path was a ghost.
	it('ok: a Change sentence about the file\'s content, and a row for a rename\'s old path', async () => {
		const rows = ['| `src/a.ts` | Added retry helper | REQ-2.1 |', '| `src/b.ts` | Updated test suite: retry cases | REQ-2.1 |', '| `README.md` | Changed nothing; removed | REQ-2.1 |', '| `src/old.ts` | Moved to src/new.ts | REQ-2.2 |', '| `src/new.ts` | Renamed from src/old.ts | REQ-2.2 |', '| `tests/b.test.ts` | New | REQ-2.1 |'];
		expect(await check(phase2(rows, 'done'), /^inventory\//)).toEqual([]);
	});

	it('ok: a folder or glob row lists every changed file it matches', async () => {
		const doc = phase2(['| `src/` | Changed: the modules | REQ-2.1 |', '| `README.md` | Removed | REQ-2.1 |', '| `tests/*.test.ts` | New | REQ-2.1 |']);
		expect(await check(doc)).toEqual([]);
	});

	it('ok: range.paths limits which changes the phase must list', async () => {
		const doc = phase2(['| `src/b.ts` | New | REQ-2.1 |']).replace('dependsOn: ["1"]\n', 'dependsOn: ["1"]\nrange:\n  paths: [src/b.ts]\n');
		expect(await check(doc)).toEqual([]);
	});

	it('not ok: a pinned range end git does not know', async () => {
		const doc = phase2(COMPLETE).replace('dependsOn: ["1"]\n', 'dependsOn: ["1"]\nrange:\n  to: no-such-branch\n');
		expect(await check(doc)).toEqual([
			`content/phases/2.mdx:${lineOf(doc, 'to: no-such-branch')}:1  error  Unknown commit "no-such-branch" in range.to, expected a commit, tag or branch of the repository  git/range`,
		]);
	});

	// A later release tagged on an older commit than the release before it: the phase's inventory
	// was told of the changes in reverse ("README.md" unlisted, as if the later release brought back
	// the file the earlier one removed), and nothing said why.
	it('not ok: a range whose end is in its start\'s history, by a pinned end or a release tag', async () => {
		const [second, fourth] = ['HEAD~3', 'HEAD~1'].map((ref) => git(root, ['rev-parse', ref]).trim()) as [string, string];
		const pinned = phase2(COMPLETE).replace('dependsOn: ["1"]\n', `dependsOn: ["1"]\nrange:\n  from: ${fourth}\n  to: ${second}\n`);
		expect(await check(pinned)).toEqual([
			`content/phases/2.mdx:${lineOf(pinned, `to: ${second}`)}:1  error  Range ${fourth.slice(0, 7)}..${second.slice(0, 7)} runs backwards: ${second.slice(0, 7)} is already in the history of ${fourth.slice(0, 7)}, so phase 2 has no commits of its own and its changes would read reversed; expected ${second.slice(0, 7)} on a commit after ${fourth.slice(0, 7)}  git/range`,
		]);
		git(root, ['tag', 'v0.5.0', fourth]);
		git(root, ['tag', 'v0.6.0', second]);
		try {
			const tagged = phase2(COMPLETE).replace('dependsOn: ["1"]\n', 'dependsOn: ["1"]\nrelease: v0.6.0\n');
			writeContent(root, { 'content/phases/1.mdx': phaseDoc('1', 'release: v0.5.0\n', bodyWithInventory(['| `src/a.ts` | New | REQ-1.1 |'])), 'content/phases/2.mdx': tagged });
			const found = (await runCheck(root, { diagrams: false })).findings.filter((f) => f.path.endsWith('2.mdx') && /^(inventory|git)\//.test(f.ruleId));
			expect(found.map((f) => `${f.line} ${f.severity} ${f.ruleId} ${f.message}`)).toEqual([
				`${lineOf(tagged, 'release: v0.6.0')} error git/range Range v0.5.0..v0.6.0 runs backwards: v0.6.0 (${second.slice(0, 7)}) is already in the history of v0.5.0 (${fourth.slice(0, 7)}), so phase 2 has no commits of its own and its changes would read reversed; expected v0.6.0 on a commit after v0.5.0`,
			]);
		} finally {
			git(root, ['tag', '-d', 'v0.5.0', 'v0.6.0']);
		}
	});
});

// An adopter's attack: a done phase with no release kept its range open to HEAD, and the next
// phase's commits failed CI on it with no word of why.
it('a done phase with no release says, with each inventory error, how to close its range', async () => {
	writeContent(root, { 'content/phases/2.mdx': phase2(COMPLETE.slice(1), 'done') });
	const unlisted = (await runCheck(root, { diagrams: false })).findings.filter((f) => f.ruleId === 'inventory/unlisted');
	expect(unlisted).toMatchObject([{ severity: 'error', hint: 'Phase 2 is done, but its range still ends at HEAD, so later commits count as its changes: tag its release (release: in its frontmatter), or pin range.to to its last commit' }]);
	writeContent(root, { 'content/phases/2.mdx': phase2(COMPLETE.slice(1), 'in-review') });
	const open = (await runCheck(root, { diagrams: false })).findings.filter((f) => f.ruleId === 'inventory/unlisted');
	expect(open.map((f) => [f.severity, f.hint])).toEqual([['warning', undefined]]);
});

const head = async () => git(root, ['rev-parse', 'HEAD']).trim();
const tag = async () => git(root, ['rev-parse', 'v0.1.0^{commit}']).trim();

describe('git/unavailable', () => {
	const warning = async (dir: string) =>
		(await runCheck(dir, { diagrams: false })).findings.filter((f) => f.ruleId.startsWith('git/') || f.ruleId.startsWith('inventory/')).map((f) => `${f.path}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.ruleId}`);

	it('not ok: outside a git repository the git checks say once that they are skipped, and why', async () => {
		const dir = makeProgram({}, { git: false });
		expect(await warning(dir)).toEqual([`content/project.yaml:1:1  warning  Git checks skipped: ${dir} is not inside a git repository  git/unavailable`]);
	});

	it('not ok: in a shallow clone nothing is guessed from the one commit it has', async () => {
		writeContent(root, { 'content/phases/2.mdx': phase2(['| `src/nope.ts` | New | REQ-2.1 |']) });
		commit(root, 'Docs', '2026-07-06T09:00:00+00:00');
		const clone = mkdtempSync(join(tmpdir(), 'phasebook-shallow-'));
		git(clone, ['clone', '-q', '--depth', '1', `file://${root}`, 'repo']);
		const out = await warning(join(clone, 'repo'));
		// With --strict (a CI job's check) it is an error: no claim of the documents was checked.
		const strict = (await runCheck(join(clone, 'repo'), { diagrams: false, strict: true })).findings.filter((f) => f.ruleId === 'git/unavailable');
		rmSync(clone, { recursive: true, force: true });
		expect(out).toEqual([`content/project.yaml:6:1  warning  Git checks skipped: the repository is a shallow clone (fetch its full history, e.g. fetch-depth: 0)  git/unavailable`]);
		expect(strict).toMatchObject([{ severity: 'error', message: 'Git checks skipped: the repository is a shallow clone (fetch its full history, e.g. fetch-depth: 0)', hint: expect.stringContaining('--strict') }]);
	});

	it('not ok: a program whose code.path is not there (the sample started in another repository)', async () => {
		const dir = makeProgram({ 'content/project.yaml': `${PROJECT_YAML}code:\n  path: examples/orchestrator\n` });
		expect(await warning(dir)).toEqual([`content/project.yaml:7:1  warning  Git checks skipped: code.path "examples/orchestrator" is not a folder of the repository at ${realpathSync(dir)}  git/unavailable`]);
		expect((await runCheck(dir, { diagrams: false, strict: true })).findings.filter((f) => f.ruleId === 'git/unavailable').map((f) => f.severity)).toEqual(['error']);
	});

	it('not ok: a code.path written from the repository’s top in a program of a subfolder names the folder it was read as', async () => {
		const dir = makeProgram({});
		const program = join(dir, 'services/meter/docs');
		mkdirSync(program, { recursive: true });
		for (const entry of ['content', 'templates']) renameSync(join(dir, entry), join(program, entry));
		writeFileSync(join(program, 'content/project.yaml'), `${PROJECT_YAML}code:\n  path: services/meter\n`);
		expect(await warning(program)).toEqual([`content/project.yaml:7:1  warning  Git checks skipped: code.path "services/meter" is not a folder of the repository at ${realpathSync(dir)} (it is read from the program's folder services/meter/docs/, so it names services/meter/docs/services/meter/)  git/unavailable`]);
	});

	it('ok: the program’s own content/ is never an unlisted change of the code around it', async () => {
		const dir = makeProgram({});
		expect(await warning(dir)).toEqual([]);
	});

	it('ok: a program in a folder of its own (docs/) owns the whole folder: its settings and package files are not code changes', async () => {
		const program = makeProgram({}, { git: false });
		const repository = mkdtempSync(join(tmpdir(), 'phasebook-repo-'));
		renameSync(program, join(repository, 'docs'));
		for (const [path, text] of Object.entries({ 'src/a.ts': 'export const a = 1;\n', 'docs/astro.config.mjs': 'export default {};\n', 'docs/.gitignore': 'dist/\n', 'docs/package.json': '{}\n' })) {
			mkdirSync(dirname(join(repository, path)), { recursive: true });
			writeFileSync(join(repository, path), text);
		}
		git(repository, ['init', '-q', '-b', 'main']);
		git(repository, ['add', '-A']);
		git(repository, ['commit', '-q', '-m', 'Start (REQ-1.1)']);
		expect(await warning(join(repository, 'docs'))).toEqual([]);
		// A file of the code beside it still counts.
		writeFileSync(join(repository, 'src/b.ts'), 'export const b = 2;\n');
		git(repository, ['add', '-A']);
		git(repository, ['commit', '-q', '-m', 'b']);
		expect(await warning(join(repository, 'docs'))).toEqual([expect.stringContaining('missing from the change inventory: src/b.ts ')]);
		rmSync(repository, { recursive: true, force: true });
	});

	// An earlier `inventory --write` listed docs/'s own files; once the phase was done, the check
	// called them "unchanged" (git shows them added) and the build refused.
	it("not ok: a row naming the program's own file is a warning that says so, even once the phase is done", async () => {
		const program = makeProgram({}, { git: false });
		const repository = mkdtempSync(join(tmpdir(), 'phasebook-repo-'));
		renameSync(program, join(repository, 'docs'));
		for (const [path, text] of Object.entries({ 'src/a.ts': 'export const a = 1;\n', 'docs/astro.config.mjs': 'export default {};\n', 'docs/.gitignore': 'dist/\n' })) {
			mkdirSync(dirname(join(repository, path)), { recursive: true });
			writeFileSync(join(repository, path), text);
		}
		const rows = ['| `src/a.ts` | Added | REQ-1.1 |', '| `docs/astro.config.mjs` | Added | REQ-1.1 |', '| `docs/.gitignore` | Added | REQ-1.1 |'];
		const doc = phaseDoc('1', 'release: v0.1.0\n', bodyWithInventory(rows)).replace('status: in-review', 'status: done');
		writeFileSync(join(repository, 'docs/content/phases/1.mdx'), doc);
		git(repository, ['init', '-q', '-b', 'main']);
		git(repository, ['add', '-A']);
		git(repository, ['commit', '-q', '-m', 'Start (REQ-1.1)']);
		writeFileSync(join(repository, 'docs/content/tasks.yaml'), 'tasks: []\n# edited\n');
		git(repository, ['commit', '-qam', 'docs only']);
		git(repository, ['tag', 'v0.1.0']);
		expect(await warning(join(repository, 'docs'))).toEqual([
			`content/phases/1.mdx:${lineOf(doc, 'docs/astro.config.mjs')}:3  warning  "docs/astro.config.mjs" is in the change inventory, but it is one of the program's own files, never a code change: remove the row  inventory/not-code`,
			`content/phases/1.mdx:${lineOf(doc, 'docs/.gitignore')}:3  warning  "docs/.gitignore" is in the change inventory, but it is one of the program's own files, never a code change: remove the row  inventory/not-code`,
		]);
		// A commit of the documents alone is in the range, but it changed no code: the phase page
		// counted it among the commits "touching" the code.
		const { analysis } = await runCheck(join(repository, 'docs'), { diagrams: false });
		const range = analysis.code!.phases.get('1')!;
		expect(range.commits).toHaveLength(2);
		expect(codeCommits(range).map((c) => c.message.trim())).toEqual(['Start (REQ-1.1)']);
		rmSync(repository, { recursive: true, force: true });
	});
});

describe('a repository with no commit yet', () => {
	it('ok: nothing to check against, and nothing reported; the range says why', async () => {
		const dir = makeProgram({}, { git: false });
		git(dir, ['init', '-q', '-b', 'main']);
		const { findings, analysis } = await runCheck(dir, { diagrams: false });
		expect(findings.filter((f) => /^(git|inventory|artifacts|reviews)\//.test(f.ruleId))).toEqual([]);
		expect(analysis.code!.phases.get('1')!.reason).toBe('the repository has no commit yet');
	});
});

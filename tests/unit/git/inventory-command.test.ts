// `npm run inventory` on a fixture repository: its rows against git diff over the same range.
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/cli/run-check.ts';
import { bodyWithInventory, commit, git, makeGitFixture, write, writeContent } from '../../helpers/git-repo.ts';
import { phaseDoc, REPO } from '../../helpers/program.ts';

let root: string;
beforeAll(() => {
	root = makeGitFixture().root;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const phase2 = (rows: string[]) =>
	phaseDoc('2', 'dependsOn: ["1"]\n', bodyWithInventory(rows)).replace('  - { id: REQ-2.1, title: First requirement }', '  - { id: REQ-2.1, title: First requirement }\n  - { id: REQ-2.2, title: Second requirement }');

function inventory(args: string[]) {
	const r = spawnSync(process.execPath, [join(REPO, 'scripts/inventory.ts'), '--root', root, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function setUp(rows: string[]) {
	writeContent(root, { 'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\n'), 'content/phases/2.mdx': phase2(rows) });
	return readFileSync(join(root, 'content/phases/2.mdx'), 'utf8');
}

/** The printed table's rows as `path status +added -removed`. */
function printedRows(stdout: string): string[] {
	return stdout
		.split('\n')
		.filter((l) => l.startsWith('| `'))
		.map((l) => {
			const [file = '', , change = ''] = l.slice(1, -1).split(' | ').map((c) => c.trim());
			const [, verb = '', added = '', removed = ''] = /^(\w+).*\(\+(\d+) −(\d+)\)$/.exec(change) ?? [];
			return `${file.replaceAll('`', '')} ${verb} +${added} -${removed}`;
		})
		.sort();
}

describe('npm run inventory', () => {
	it('drafts one row per changed file, as git diff --name-status and --numstat show the range', () => {
		const before = setUp(['| `src/a.ts` | Changed | REQ-2.1 |']).replace('| `src/a.ts` | Changed | REQ-2.1 |', '');
		writeContent(root, { 'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\n'), 'content/phases/2.mdx': before });
		const { code, stdout } = inventory(['--phase', '2']);
		expect(code).toBe(0);
		const verbs: Record<string, string> = { A: 'Added', M: 'Modified', D: 'Removed', R: 'Renamed' };
		const status = git(root, ['diff', '-M', '--name-status', 'v0.1.0', 'HEAD', '--', 'app', ':!app/package-lock.json']).trim().split('\n');
		const numstat = git(root, ['diff', '-M', '--numstat', 'v0.1.0', 'HEAD', '--', 'app', ':!app/package-lock.json']).trim().split('\n');
		const expected = status.map((line, i) => {
			const parts = line.split('\t');
			const [added, removed] = numstat[i]!.split('\t');
			return `${parts.at(-1)!.replace('app/', '')} ${verbs[parts[0]![0]!]} +${added} -${removed}`;
		});
		expect(printedRows(stdout)).toEqual(expected.sort());
		expect(stdout).toContain('Phase 2 (Phase 2): 5 files changed in v0.1.0..HEAD');
		expect(stdout).toContain('| `src/new.ts` | source | Renamed from `src/old.ts` (+1 −1) | REQ-2.2 |');
		expect(stdout).toContain('Change summary\n- tests: 1 file (+3 −0)\n- docs: 1 file (+0 −1)\n- source: 3 files (+8 −1)');
		expect(stdout).toContain('Commit message\nfeat(phase 2): Phase 2\n');
		expect(stdout).toContain('Requirements: REQ-2.1, REQ-2.2');
		expect(readFileSync(join(root, 'content/phases/2.mdx'), 'utf8')).toBe(before);
	});

	it('names a range from the first commit once: "(first commit)..v0.1.0 (up to …)"', () => {
		setUp(['| `src/a.ts` | Changed | REQ-2.1 |']);
		const { code, stdout } = inventory(['--phase', '1']);
		expect(code).toBe(0);
		expect(stdout).toMatch(/^Phase 1 \(Phase 1\): \d+ files? changed in \(first commit\)\.\.v0\.1\.0 \(up to [0-9a-f]{7}\)\n/);
	});

	it('--from and --to override the range', () => {
		setUp(['| `src/a.ts` | Changed | REQ-2.1 |']);
		const { stdout } = inventory(['--phase', '2', '--from', 'HEAD~2', '--to', 'HEAD~1']);
		expect(printedRows(stdout)).toEqual(['README.md Removed +0 -1', 'tests/b.test.ts Added +3 -0']);
	});

	it('--write replaces only the table, keeping the Change text of rows that stay', () => {
		const before = setUp(['| `src/a.ts` | Changed: twelve lines now | REQ-2.1 |']);
		const { code, stdout } = inventory(['--phase', '2', '--write']);
		expect(code).toBe(0);
		expect(stdout).toContain('Wrote 5 rows into the change inventory of content/phases/2.mdx');
		const after = readFileSync(join(root, 'content/phases/2.mdx'), 'utf8');
		expect(after).toContain('| `src/a.ts` | source | Changed: twelve lines now | REQ-2.1 |');
		const outside = (text: string) => text.replace(/\| File \|[\s\S]*?\n(?!\|)/, '');
		expect(outside(after)).toBe(outside(before));
	});

	// An adopter's attack: a row's REQ-1.1 became "REQ-1.1, REQ-1.2" because a commit touching the
	// file named both; the README says the Requirement cell of a listed file is kept as written.
	it('--write keeps the requirement ids an author wrote for a file, and drafts them only for an empty cell', () => {
		const before = setUp(['| `src/new.ts` | Renamed | REQ-2.1 |', '| `src/b.ts` | Added |  |']);
		writeContent(root, { 'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\n'), 'content/phases/2.mdx': before });
		const { code, stderr } = inventory(['--phase', '2', '--write']);
		expect([code, stderr]).toEqual([0, '']);
		const table = readFileSync(join(root, 'content/phases/2.mdx'), 'utf8').split('\n').filter((line) => line.startsWith('| `'));
		// Its commit, "Rename old to new for REQ-2.2", names another id: the author's stays alone.
		expect(table).toContain('| `src/new.ts` | source | Renamed | REQ-2.1 |');
		expect(table).toContain('| `src/b.ts` | source | Added | REQ-2.1 |');
	});

	// An adopter's rows for an unchanged file, a misspelt path and a note went with no word ("Wrote 2
	// rows"), and the Change text that stayed lost its code spans, links and escapes: a `\{` came back
	// as a live expression that no longer compiled.
	it('--write keeps every row and cell the author wrote: rows git shows no change for, Markdown as written, other columns', async () => {
		const rows = [
			'| File | Change | Requirement | Reviewer |',
			'| --- | --- | --- | --- |',
			'| `src/a.ts` | Returns `Map<string, number>`; see [phase 1](./1.mdx), **breaking**, &lt;3 \\{braces\\} a\\|b | REQ-2.1 | Carol |',
			'| `src/new.ts` | Renamed from `src/old.ts` (+9 −9) | REQ-2.2 | Dan |',
			'| `src/unchanged.ts` | Planned rewrite, reviewed by Carol | REQ-2.1 | Carol |',
			'|  | A note: the vendored parser is out of scope | | |',
		];
		const before = setUp([]).replace(/\| File \| Change \| Requirement \|\n\| ---- \| ------ \| ----------- \|\n\n?/, `${rows.join('\n')}\n`);
		writeContent(root, { 'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\n'), 'content/phases/2.mdx': before });
		const { code, stdout, stderr } = inventory(['--phase', '2', '--write']);
		expect([code, stderr]).toEqual([0, '']);
		const after = readFileSync(join(root, 'content/phases/2.mdx'), 'utf8');
		const table = after.split('\n').filter((line) => line.startsWith('|'));
		expect(table[0]).toBe('| File | Category | Change | Requirement | Reviewer |');
		expect(table).toContain(`| \`src/a.ts\` | source | ${rows[2]!.split(' | ')[1]} | REQ-2.1 | Carol |`);
		// Text as inventory drafts it follows git: the counts are drafted again.
		expect(table).toContain('| `src/new.ts` | source | Renamed from `src/old.ts` (+1 −1) | REQ-2.2 | Dan |');
		expect(table.slice(-2)).toEqual(['| `src/unchanged.ts` | source | Planned rewrite, reviewed by Carol | REQ-2.1 | Carol |', '|  |  | A note: the vendored parser is out of scope |  |  |']);
		expect(stdout).toMatch(/\nKept 2 rows of content\/phases\/2\.mdx as written, after the drafted ones, for no file changed in v0\.1\.0\.\.HEAD \([0-9a-f]{7}\.\.[0-9a-f]{7}\): "src\/unchanged\.ts" \(line \d+\), line \d+; delete those by hand if stale\n$/);
		// The document still compiles (no mdx/syntax); the one error is the kept row naming no file of the code.
		const result = await runCheck(root, { diagrams: false });
		expect(result.findings.filter((f) => f.path === 'content/phases/2.mdx' && f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
			expect.stringMatching(/^inventory\/ghost: Unexpected file "src\/unchanged\.ts" in the change inventory/),
		]);
		// A second run changes nothing.
		expect(inventory(['--phase', '2', '--write']).code).toBe(0);
		expect(readFileSync(join(root, 'content/phases/2.mdx'), 'utf8')).toBe(after);
	});

	it('not ok: --write refuses a first table that is not the inventory, and another range than the phase’s own; nothing written', () => {
		const metrics = '| Metric | Before | After |\n| --- | --- | --- |\n| p95 | 20 ms | 12 ms |\n\n';
		const text = setUp(['| `src/a.ts` | Changed | REQ-2.1 |']).replace(/(## Change inventory\n+)/, `$1${metrics}`);
		writeFileSync(join(root, 'content/phases/2.mdx'), text);
		const notInventory = inventory(['--phase', '2', '--write']);
		expect([notInventory.code, notInventory.stdout]).toEqual([1, '']);
		expect(notInventory.stderr).toMatch(/^content\/phases\/2\.mdx {2}error {2}The first table under "## Change inventory" \(line \d+\) has no File, Change or Requirement column, so it is not the inventory; nothing was written {2}cli\/usage\n/);
		expect(readFileSync(join(root, 'content/phases/2.mdx'), 'utf8')).toBe(text);
		const own = setUp(['| `src/a.ts` | Changed | REQ-2.1 |']);
		const range = inventory(['--phase', '2', '--from', 'HEAD', '--to', 'HEAD', '--write']);
		expect([range.code, range.stdout]).toEqual([1, '']);
		expect(range.stderr).toContain('--write drafts the phase\'s own range, which the check judges the table against; --from and --to only print a draft, and nothing was written');
		expect(readFileSync(join(root, 'content/phases/2.mdx'), 'utf8')).toBe(own);
	});

	it('--write leaves a table shown in a code block alone, and the file what it was: its link, permissions and byte order mark', () => {
		const example = '```md\n| File | Change | Requirements |\n| --- | --- | --- |\n| `example.ts` | An example row | REQ-2.1 |\n```\n\n';
		const text = setUp(['| `src/a.ts` | Changed | REQ-2.1 |']).replace(/(## Change inventory\n+)/, `$1${example}`);
		// The document lives elsewhere in the project; content/ holds a link to it.
		const real = join(root, 'shared/2.mdx');
		const link = join(root, 'content/phases/2.mdx');
		mkdirSync(join(root, 'shared'), { recursive: true });
		writeFileSyncBom(real, text);
		rmSync(link);
		symlinkSync(real, link);
		chmodSync(real, 0o640);
		const { code, stdout, stderr } = inventory(['--phase', '2', '--write']);
		expect([code, stderr]).toEqual([0, '']);
		expect(stdout).toContain('Wrote 5 rows into the change inventory of content/phases/2.mdx');
		expect(lstatSync(link).isSymbolicLink()).toBe(true);
		expect(statSync(real).mode & 0o777).toBe(0o640);
		const after = readFileSync(real, 'utf8');
		expect(after.startsWith('\uFEFF---\n')).toBe(true);
		expect(after).toContain(example);
		expect(after).toContain('| `src/a.ts` | source |');
		rmSync(link);
		renameSync(real, link);
	});

	it('prints a phase title holding a line break on one line, in the heading and the commit message', () => {
		const text = setUp(['| `src/a.ts` | Changed | REQ-2.1 |']).replace('title: Phase 2', 'title: "Phase 2\\n::error title=x::injected"');
		writeContent(root, { 'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\n'), 'content/phases/2.mdx': text });
		const { code, stdout } = inventory(['--phase', '2']);
		expect(code).toBe(0);
		expect(stdout).toContain('Phase 2 (Phase 2\\n:\\:error title=x:\\:injected): 5 files changed in v0.1.0..HEAD');
		expect(stdout).toContain('Commit message\nfeat(phase 2): Phase 2\\n:\\:error title=x:\\:injected\n');
		expect(stdout.split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
	});

	it('not ok: an unknown phase or ref is one line, exit 1, and nothing written', () => {
		const before = setUp(['| `src/a.ts` | Changed | REQ-2.1 |']);
		expect(inventory(['--phase', '9', '--write'])).toEqual({ code: 1, stdout: '', stderr: 'phasebook inventory: Unknown phase "9", expected one of 1, 2\n' });
		expect(inventory(['--phase', '2', '--from', 'no-such-tag', '--write'])).toEqual({ code: 1, stdout: '', stderr: 'phasebook inventory: Cannot read phase 2\'s range no-such-tag..HEAD: "no-such-tag" is not a commit of the repository\n' });
		expect(readFileSync(join(root, 'content/phases/2.mdx'), 'utf8')).toBe(before);
	});
});

describe('npm run inventory on file names git allows', () => {
	let odd: string;
	beforeAll(() => {
		odd = makeGitFixture().root;
	});
	afterAll(() => rmSync(odd, { recursive: true, force: true }));

	const inventoryIn = (args: string[]) => {
		const r = spawnSync(process.execPath, [join(REPO, 'scripts/inventory.ts'), '--root', odd, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
		return { code: r.status, stdout: r.stdout, stderr: r.stderr };
	};
	const inventoryFindings = async () =>
		(await runCheck(odd, { diagrams: false })).findings.filter((f) => f.path === 'content/phases/2.mdx' && f.ruleId.startsWith('inventory/')).map((f) => `${f.ruleId}: ${f.message}`);

	it('--write drafts a table its own check reads back: backticks, pipes, backslashes, spaces and unicode in names', async () => {
		const names = ['src/back`tick.ts', '`src/lead.ts', 'src/a|b.ts', 'src/a\\\\|b.ts', 'src/back\\slash.ts', 'src/ lead space.ts', 'src/ünïcødé ✓.ts', 'src/[id]/+page.svelte'];
		write(join(odd, 'app'), Object.fromEntries(names.map((name) => [name, 'x\n'])));
		commit(odd, 'REQ-2.1 files with unusual names', '2026-07-06T09:00:00+00:00');
		writeContent(odd, { 'content/phases/1.mdx': phaseDoc('1', 'release: v0.1.0\n'), 'content/phases/2.mdx': phase2(['| `src/a.ts` | Changed | REQ-2.1 |']) });
		const { code, stdout, stderr } = inventoryIn(['--phase', '2', '--write']);
		expect([code, stderr]).toEqual([0, '']);
		expect(stdout).toContain('Wrote 13 rows into the change inventory of content/phases/2.mdx');
		const after = readFileSync(join(odd, 'content/phases/2.mdx'), 'utf8');
		expect(after).toContain('| `` src/back`tick.ts `` | source | Added (+1 −0) | REQ-2.1 |');
		expect(after).toContain('| `src/a\\|b.ts` | source | Added (+1 −0) | REQ-2.1 |');
		expect(after).toContain('| `src/a\\\\\\|b.ts` | source | Added (+1 −0) | REQ-2.1 |');
		expect(await inventoryFindings()).toEqual([]);
	});

	it('not ok: a name with a line break or white space at an end stops it: one line naming the files, exit 1, nothing written', async () => {
		write(join(odd, 'app'), { 'src/new\nline.ts': 'x\n', 'src/trail.ts ': 'x\n' });
		commit(odd, 'REQ-2.1 files no table cell holds', '2026-07-07T09:00:00+00:00');
		const before = readFileSync(join(odd, 'content/phases/2.mdx'), 'utf8');
		const { code, stdout, stderr } = inventoryIn(['--phase', '2', '--write']);
		expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
		expect(stderr.split('\n')).toEqual([
			'phasebook inventory: Cannot draft phase 2\'s change inventory: the names of 2 files changed in v0.1.0..HEAD cannot be written in a Markdown table cell: "src/new\\nline.ts" (it holds a line break, which would end the table row), "src/trail.ts " (it begins or ends with white space, which a table cell drops)',
			'Rename them, or leave them out of the inventory and the git checks with code.exclude in content/project.yaml (patterns are trimmed: match white space at an end with ? in a glob); nothing was written',
			'',
		]);
		expect(readFileSync(join(odd, 'content/phases/2.mdx'), 'utf8')).toBe(before);
		expect(inventoryIn(['--phase', '2']).code).toBe(1);
	});
});

/** Writes `text` with a UTF-8 byte order mark, as some Windows editors save. */
function writeFileSyncBom(path: string, text: string): void {
	writeFileSync(path, `\uFEFF${text}`);
}

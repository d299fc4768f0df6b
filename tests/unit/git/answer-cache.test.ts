// Git's answers kept on disk between runs (.phasebook/cache/git), keyed by the commit ids they
// describe: a second check on the same commits asks git only which commits the refs name.
import { mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyse } from '../../../src/core/analysis.ts';
import { EntryStore } from '../../../src/core/cache-store.ts';
import { runGit, type RunGit } from '../../../src/core/git/repository.ts';
import { bodyWithInventory, git, lines, makeGitFixture, write, writeContent } from '../../helpers/git-repo.ts';
import { makeProgram, phaseDoc, reviewDoc } from '../../helpers/program.ts';

let root: string;
beforeAll(() => {
	({ root } = makeGitFixture());
	writeContent(root, {
		'content/phases/1.mdx': phaseDoc('1', 'range:\n  to: v0.1.0\n', bodyWithInventory(['| `src/a.ts` | New | REQ-1.1 |'])),
		'content/phases/2.mdx': phaseDoc('2', 'range:\n  from: v0.1.0\n', bodyWithInventory(['| `src/b.ts` | New | REQ-2.1 |'])),
		'content/reviews/rev-001.mdx': reviewDoc('phase: "2"\nreadiness: ready\nfindings:\n  - { id: F-1, severity: high, title: Problem, location: "src/a.ts:3", status: open, owner: ana }\n').replace('phase: "1"\n', ''),
	});
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const cacheDir = () => join(root, '.phasebook/cache/git');

/** One analysis, and the git commands it ran (their first word). */
async function analysed(env?: Record<string, string>, gitCache = cacheDir()) {
	const calls: string[] = [];
	const counting: RunGit = (args, cwd, input) => (calls.push(args.find((a) => !a.startsWith('-') && a !== 'log.showSignature=false')!), runGit(args, cwd, input));
	const saved = { ...process.env };
	Object.assign(process.env, env);
	try {
		const analysis = await analyse(root, { git: counting, gitCache, today: '2026-08-01' });
		const facts = analysis.code!;
		return {
			calls: calls.sort(),
			phases: [...facts.phases].map(([id, p]) => ({ id, from: p.from, to: p.to, commits: p.commits.map((c) => c.sha), changes: p.changes, atEnd: [...p.filesAtEnd].sort(), lines: [...p.lines] })),
			lastChanged: [...facts.lastChanged],
		};
	} finally {
		process.env = saved;
	}
}

describe('git answers kept between runs', () => {
	it('ok: a second analysis of the same commits asks git only for the repository and the refs, and gets the same facts', async () => {
		rmSync(cacheDir(), { recursive: true, force: true });
		const first = await analysed();
		expect(first.calls).toEqual(expect.arrayContaining(['diff', 'log', 'ls-tree', 'grep']));
		expect(first.phases.find((p) => p.id === '2')!.changes.map((c) => c.path)).toContain('src/b.ts');
		expect(first.phases.find((p) => p.id === '2')!.lines).toEqual([['src/a.ts', 12]]);
		expect(readdirSync(cacheDir()).every((name) => /^[0-9a-f]{64}\.json$/.test(name))).toBe(true);

		const second = await analysed();
		expect(second.calls).toEqual(['cat-file', 'rev-parse']);
		expect(second.phases).toEqual(first.phases);
		expect(second.lastChanged).toEqual(first.lastChanged);
	});

	it('ok: a new commit is a new answer for the ranges that end at HEAD, not for those pinned to a tag', async () => {
		await analysed();
		write(root, { 'app/src/c.ts': lines(2, 'c') });
		// The code alone: the documents stay as they are in the working tree.
		git(root, ['add', 'app/src/c.ts']);
		git(root, ['commit', '-q', '-m', 'Add c (REQ-2.1)'], '2026-07-06T09:00:00+00:00');
		const sha = git(root, ['rev-parse', 'HEAD']).trim();
		try {
			const after = await analysed();
			const phase2 = after.phases.find((p) => p.id === '2')!;
			expect(phase2.to).toBe(sha);
			expect(phase2.changes.map((c) => c.path)).toContain('src/c.ts');
			expect(after.lastChanged.map(([path]) => path)).toContain('src/c.ts');
			// Phase 2's range and HEAD's files and history asked anew; phase 1's (..v0.1.0) kept.
			expect(after.calls.filter((c) => c === 'diff')).toHaveLength(1);
			expect(after.calls.filter((c) => c === 'log')).toHaveLength(2);
		} finally {
			git(root, ['reset', '-q', '--hard', 'HEAD~1']);
			rmSync(join(root, 'app/src/c.ts'), { force: true });
		}
	});

	it('not ok: an entry edited on disk is refused with a warning, and git is asked again', async () => {
		rmSync(cacheDir(), { recursive: true, force: true });
		const first = await analysed();
		// Forge every kept answer: a file that was never changed, in every list of paths.
		for (const name of readdirSync(cacheDir())) {
			const path = join(cacheDir(), name);
			writeFileSync(path, readFileSync(path, 'utf8').replaceAll('src/b.ts', 'src/x.ts'));
		}
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const again = await analysed();
		expect(again.phases).toEqual(first.phases);
		expect(again.calls).toEqual(expect.arrayContaining(['diff', 'ls-tree']));
		expect(warn.mock.calls.map(([m]) => String(m))).toEqual(
			expect.arrayContaining([expect.stringMatching(/^\[phasebook:git\] Discarded the cached git answer .+\.json: its digest does not match its key and content \(truncated, edited or misplaced\); git is asked again\.$/)]),
		);
	});

	it('ok: with PHASEBOOK_CACHE_SECRET, an entry written without it is refused', async () => {
		rmSync(cacheDir(), { recursive: true, force: true });
		await analysed();
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const keyed = await analysed({ PHASEBOOK_CACHE_SECRET: 'ci-secret' });
		expect(keyed.calls).toEqual(expect.arrayContaining(['diff', 'ls-tree']));
		expect(warn).toHaveBeenCalled();
		expect((await analysed({ PHASEBOOK_CACHE_SECRET: 'ci-secret' })).calls).toEqual(['cat-file', 'rev-parse']);
	});

	it('ok: a cache that cannot be written costs only speed: the facts are the same', async () => {
		const blocked = join(root, 'blocked');
		writeFileSync(blocked, 'a file where the cache folder would go\n');
		try {
			const facts = await analysed({}, join(blocked, 'git'));
			const again = await analysed({}, join(blocked, 'git'));
			expect(again.phases).toEqual(facts.phases);
			expect(again.calls).toEqual(expect.arrayContaining(['diff', 'ls-tree']));
			expect(readFileSync(blocked, 'utf8')).toBe('a file where the cache folder would go\n');
		} finally {
			rmSync(blocked, { force: true });
		}
	});
});

describe("the program's own folders in a range", () => {
	it('ok: a file moved out of content/ into the code counts as added, and nothing under content/ is a change', async () => {
		const program = makeProgram({ 'content/notes/helper.ts': 'export const helper = 1;\n' });
		try {
			const first = git(program, ['rev-parse', 'HEAD']).trim();
			git(program, ['mv', 'content/notes/helper.ts', 'src/helper.ts']);
			writeFileSync(join(program, 'content/notes.md'), 'A note, changed in the range.\n');
			git(program, ['add', '-A']);
			git(program, ['commit', '-q', '-m', 'Move the helper into the code']);
			writeFileSync(join(program, 'content/phases/1.mdx'), phaseDoc('1', `range:\n  from: ${first}\n`));
			const { code } = await analyse(program, { gitCache: false, today: '2026-08-01' });
			const changes = code!.phases.get('1')!.changes;
			expect(changes.map((c) => [c.status, c.path, c.from])).toEqual([['added', 'src/helper.ts', undefined]]);
		} finally {
			rmSync(program, { recursive: true, force: true });
		}
	});
});

describe('EntryStore keep', () => {
	const key = (n: number) => String(n).repeat(64);
	const store = (dir: string, keep: { entries: number; bytes: number }) => new EntryStore(dir, { extension: 'json', maxBytes: 1 << 20, onDiscard: () => {}, keep });
	/** Entries 1..n, entry i last used at second i. */
	function filled(name: string, n: number, keep: { entries: number; bytes: number }) {
		const dir = join(root, name);
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'notes.json'), '{}');
		writeFileSync(join(dir, `${'a'.repeat(64)}.txt`), 'not an entry of this store');
		const kept = store(dir, { entries: 100, bytes: 1 << 20 });
		for (let n2 = 1; n2 <= n; n2++) {
			kept.set(key(n2), JSON.stringify({ n: n2, pad: 'x'.repeat(100) }));
			utimesSync(kept.path(key(n2)), n2, n2);
		}
		return { dir, next: store(dir, keep) };
	}
	const names = (dir: string) => readdirSync(dir).sort();

	it('removes the least recently used entries beyond the count, and nothing it did not name', () => {
		const { dir, next } = filled('by-count', 2, { entries: 2, bytes: 1 << 20 });
		next.get(key(1)); // used now: 2 is the least recently used
		next.set(key(3), '{"n":3}');
		expect(names(dir)).toEqual([`${key(1)}.json`, `${key(3)}.json`, `${'a'.repeat(64)}.txt`, 'notes.json']);
		expect(store(dir, { entries: 2, bytes: 1 << 20 }).get(key(3))).toBe('{"n":3}');
	});

	it('removes the least recently used entries beyond the bytes', () => {
		// Each entry is about 230 bytes with its digest line: three fit in 700.
		const { dir, next } = filled('by-bytes', 3, { entries: 100, bytes: 700 });
		next.set(key(4), JSON.stringify({ n: 4, pad: 'x'.repeat(100) }));
		expect(names(dir)).toEqual([`${key(2)}.json`, `${key(3)}.json`, `${key(4)}.json`, `${'a'.repeat(64)}.txt`, 'notes.json']);
	});
});

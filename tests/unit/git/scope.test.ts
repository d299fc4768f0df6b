// A phase's changes within its range.paths: looked up in a sorted list, the same as testing each.
import { describe, expect, it } from 'vitest';
import { changesInScope, type PhaseCode } from '../../../src/core/git/code-facts.ts';
import type { FileDiff } from '../../../src/core/git/parse.ts';
import { anyPattern } from '../../../src/core/path-patterns.ts';

const change = (path: string): FileDiff => ({ path, status: 'modified', added: 1, removed: 0 });

function phaseCode(paths: string[], changes: FileDiff[]): PhaseCode {
	return {
		spec: { to: { ref: 'HEAD', source: 'head' }, paths },
		label: 'the range',
		commits: [],
		changes,
		inScope: paths.length ? anyPattern(paths) : () => true,
		filesAtEnd: new Set(),
		filesAtStart: new Set(),
		lines: new Map(),
		notCode: () => undefined,
	};
}

const CHANGES = ['src/p1.ts', 'src/p10/a.ts', 'src/p1/b.ts', 'src/p1-x/c.ts', 'docs/p1/d.md', 'src/p1/deep/e.ts', 'src/p2/f.ts', 'README.md', 'lib/src/p1/g.ts'].map(change);

describe('changesInScope', () => {
	for (const paths of [['src/p1/'], ['/src/p1'], ['src/p1.ts', 'src/p2/'], ['./src/p1/'], ['p1/'], ['src/*/b.ts'], ['**/*.md'], [], ['src/p1/', 'src/p1/deep/']]) {
		it(`gives what testing every change against ${JSON.stringify(paths)} gives, in git's order`, () => {
			const code = phaseCode(paths, CHANGES);
			expect(changesInScope(code).map((c) => c.path)).toEqual(CHANGES.filter((c) => code.inScope(c.path)).map((c) => c.path));
		});
	}

	it('finds a folder and nothing that only starts like it', () => {
		expect(changesInScope(phaseCode(['src/p1/'], CHANGES)).map((c) => c.path)).toEqual(['src/p1/b.ts', 'src/p1/deep/e.ts']);
	});
});

// repoPath: how a report's paths are published (relative to the repository, never a machine path).
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../../src/core/evidence/index.ts';

describe('repoPath', () => {
	it.each([
		['/ci/work/app/src/a.ts', '/ci/work/app', 'src/a.ts'],
		['/ci/work/app/src/a.ts', '/ci/work/app/', 'src/a.ts'],
		['/home/runner/other/src/a.ts', '/ci/work/app', 'a.ts'],
		['/ci/work/app-old/a.ts', '/ci/work/app', 'a.ts'],
		['C:\\agent\\_work\\1\\s\\src\\Cart.cs', '/ci/work/app', 'Cart.cs'],
		['C:\\agent\\s\\src\\Cart.cs', 'C:\\agent\\s', 'src/Cart.cs'],
		['./src/a.ts', undefined, 'src/a.ts'],
		['src\\win\\a.ts', '/ci', 'src/win/a.ts'],
		['example.com/meter/ingest.go', '/ci', 'example.com/meter/ingest.go'],
	])('%s under %s is %s', (path, root, expected) => {
		expect(repoPath(path, root)).toBe(expected);
	});
});

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

	it("maps another machine's absolute path to the repository file its longest tail names", () => {
		const known = (files: string[]) => (path: string) => files.includes(path);
		expect(repoPath('/home/runner/work/app/app/src/a.ts', '/ci/work/app', known(['src/a.ts', 'a.ts']))).toBe('src/a.ts');
		expect(repoPath('/home/runner/work/app/app/lib/src/a.ts', '/ci/work/app', known(['src/a.ts', 'lib/src/a.ts']))).toBe('lib/src/a.ts');
		expect(repoPath('C:\\agent\\_work\\1\\s\\src\\Cart.cs', '/ci/work/app', known(['src/Cart.cs']))).toBe('src/Cart.cs');
		// No tail of two segments or more is a file: the base name, as without the lookup.
		expect(repoPath('/home/runner/work/app/app/src/a.ts', '/ci/work/app', known(['a.ts']))).toBe('a.ts');
		expect(repoPath('/ci/work/app/src/a.ts', '/ci/work/app', known([]))).toBe('src/a.ts');
	});

	// An adopter's attack: packages/a/index.js and packages/b/index.js of a CI runner were both
	// stored as index.js, and lcov's records of the two merged into one file, 45 % read as 71 %.
	it('gives two paths of another machine with one base name two names, and one path one name', () => {
		const known = Object.assign(() => false, { foreign: new Map<string, string>() });
		expect(repoPath('/ci/w/app/packages/a/index.js', '/repo', known)).toBe('index.js');
		expect(repoPath('/ci/w/app/packages/b/index.js', '/repo', known)).toBe('b/index.js');
		expect(repoPath('/ci/w/app/packages/a/index.js', '/repo', known)).toBe('index.js');
		expect(repoPath('/ci/w/app/vendor/b/index.js', '/repo', known)).toBe('vendor/b/index.js');
		expect(repoPath('C:\\w\\app\\b\\index.js', '/repo', known)).toBe('app/b/index.js');
	});

	// Windows reads a path in any letter case, and coverage tools there write what they were given.
	it("maps a Windows path in another letter case to the repository's file, and only a Windows path", () => {
		const files = ['src/Cart.cs', 'src/a.ts'];
		const known = Object.assign((path: string) => files.includes(path), { caseless: (path: string) => files.find((f) => f.toLowerCase() === path.toLowerCase()) });
		expect(repoPath('D:\\a\\shop\\shop\\SRC\\cart.CS', '/ci/work/app', known)).toBe('src/Cart.cs');
		// The exact tail first, then the caseless one.
		expect(repoPath('D:\\a\\shop\\shop\\src\\Cart.cs', '/ci/work/app', known)).toBe('src/Cart.cs');
		// A POSIX file system tells SRC/a.ts from src/a.ts.
		expect(repoPath('/home/runner/work/app/app/SRC/a.ts', '/ci/work/app', known)).toBe('a.ts');
	});
});

// The domain core stays pure: no browser, no server, no Astro, nothing from outside src/core.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/program.ts';

const CORE = join(REPO, 'src/core');
const FORBIDDEN = /^(playwright|playwright-core|@playwright\/|node:http|node:https|node:net|astro|@astrojs\/|virtual:)/;

/** Static and dynamic imports, read by TypeScript's own scanner (so code in strings does not count). */
function imports(file: string): string[] {
	return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

describe('src/core', () => {
	const files = readdirSync(CORE, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

	it('has modules to check', () => {
		expect(files.length).toBeGreaterThan(30);
	});

	it('imports no browser, HTTP server or Astro module, and nothing outside the core', () => {
		const offending: string[] = [];
		for (const file of files) {
			for (const spec of imports(join(CORE, file))) {
				const outside = spec.startsWith('.') && relative(CORE, resolve(dirname(join(CORE, file)), spec)).startsWith('..');
				if (FORBIDDEN.test(spec) || outside) offending.push(`src/core/${file} imports ${spec}`);
			}
		}
		expect(offending).toEqual([]);
	});

	it('keeps no state on globalThis', () => {
		// Asking whether a name is a global (`name in globalThis`) reads it, and the name as a string or
		// in a comment (mdx/code's list of what an expression must not reach) uses nothing; any other
		// use may write it.
		const uses = (file: string) =>
			readFileSync(join(CORE, file), 'utf8')
				.replace(/\bin globalThis\b/g, '')
				.replace(/'globalThis'/g, '')
				.replace(/^\s*(?:\/\/|\*|\/\*\*).*$/gm, '');
		expect(files.filter((file) => /\bglobalThis\b/.test(uses(file)))).toEqual([]);
	});
});

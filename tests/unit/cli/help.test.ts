// `phasebook --help` names every option the README's CLI reference gives each command.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/program.ts';

describe('phasebook --help', () => {
	const help = spawnSync(process.execPath, [join(REPO, 'bin/phasebook.js'), '--help'], { encoding: 'utf8' }).stdout;
	const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
	const reference = readme.slice(readme.indexOf('## CLI reference'), readme.indexOf('### Environment variables'));
	const headings = [...reference.matchAll(/^### (.*phasebook.*)$/gm)].map((m) => m[1]!);

	it('lists each command of the reference with the options its heading names', () => {
		expect(headings.length).toBeGreaterThanOrEqual(9);
		for (const heading of headings) {
			const options = [...heading.matchAll(/--[a-z]+/g)].map((m) => m[0]);
			for (const [, command] of heading.matchAll(/`phasebook (\w+)/g)) {
				const line = help.split('\n').find((l) => l.startsWith(`  ${command} `));
				expect(line, command).toBeDefined();
				for (const option of options) expect(line, `${command} ${option}`).toContain(option);
			}
		}
	});

	// An attack: `phasebook` alone printed the usage and exited 0, so `phasebook $CMD` with CMD
	// unset passed in a CI script.
	it('with no command, prints the usage as a mistake and exits 1', () => {
		const none = spawnSync(process.execPath, [join(REPO, 'bin/phasebook.js')], { encoding: 'utf8' });
		expect(none.status).toBe(1);
		expect(none.stdout).toBe('');
		expect(none.stderr).toBe(`phasebook: Missing the command\n${help}`);
	});

	it('puts each summary on a line of its own, so a long usage never runs into it', () => {
		const lines = help.split('\n').filter((l) => /^ {2}\w/.test(l));
		expect(lines).toHaveLength(10);
		for (const line of lines) expect(line).not.toMatch(/\]\w/);
	});
});

// npm shows the README on the package's page and in node_modules: a relative link must name a
// file the package ships (BENCHMARKS.md was linked five times and left out).
describe('the README in the package', () => {
	const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
	const shipped: string[] = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).files;
	it('links only files the package ships', () => {
		// Links of the prose: examples in code blocks and code spans are not links.
		const prose = readme.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
		const targets = [...prose.matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)/g)].map((m) => m[1]!);
		expect(targets.length).toBeGreaterThan(0);
		for (const target of targets) {
			expect(shipped.some((entry) => target === entry || target.startsWith(entry.endsWith('/') ? entry : `${entry}/`)), target).toBe(true);
		}
	});
});

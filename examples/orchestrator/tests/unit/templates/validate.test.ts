import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../../src/cli-core.ts';
import { commands } from '../../../src/commands.ts';
import { loadCatalog } from '../../../src/templates/catalog.ts';
import { formatProblem, validateCatalog, validateSource } from '../../../src/templates/validate.ts';
import { captureIo } from '../../helpers/io.ts';
import { tempDir } from '../../helpers/tmp.ts';

describe('validate-templates', () => {
	test('REQ-2.3 validate-templates reports an unclosed tag with file, line and column', () => {
		const [problem] = validateSource('# Policy\n\nContact: {{ security_contact\n', 'github/security_policy.md.j2');
		expect(formatProblem(problem!)).toBe('github/security_policy.md.j2:3:10  Unclosed "{{", expected "}}"');
	});

	test('REQ-2.3 columns count from 1, as editors count them', () => {
		const [problem] = validateSource('{% endif %}', 'a.j2');
		expect(problem).toMatchObject({ line: 1, column: 1 });
	});

	test('REQ-2.3 variables the manifest does not declare are reported where first used', () => {
		const problems = validateSource('{{ a }}\n{% for x in items %}{{ x }}{{ loop.index }}{{ b | default(c) }}{% endfor %}\n{{ a }}', 't.j2', new Set(['a', 'items']));
		expect(problems.map(formatProblem)).toEqual([
			"t.j2:2:47  Variable 'b' is not declared in manifest.json",
			"t.j2:2:51  Variable 'c' is not declared in manifest.json",
		]);
		expect(validateSource('{% if x %}{{ y }}{% else %}{{ z }}{% endif %}', 't.j2', new Set(['x'])).map((p) => p.message)).toEqual([
			"Variable 'y' is not declared in manifest.json",
			"Variable 'z' is not declared in manifest.json",
		]);
	});

	test('REQ-2.3 every shipped template is valid', async () => {
		expect(await validateCatalog(await loadCatalog())).toEqual([]);
	});

	test('REQ-2.3 the command exits 1 and prints each problem', async () => {
		const dir = await tempDir();
		await mkdir(join(dir, 'docs'));
		await writeFile(join(dir, 'docs/bad.md.j2'), 'ok\n{% if x %}\n');
		await writeFile(join(dir, 'manifest.json'), JSON.stringify({ templates: [{ name: 'docs/bad', file: 'docs/bad.md.j2', output: 'bad.md', description: '', variables: { x: { type: 'boolean' } }, example: {} }] }));
		const io = captureIo(dir);
		expect(await runCli(['validate-templates', '--templates', '.'], commands, io, '1')).toBe(1);
		expect(io.stderr).toBe('docs/bad.md.j2:2:1  Unclosed "if" block, expected "endif"\n');
		expect(io.stdout).toBe('1 templates, 1 problem\n');
		const list = captureIo();
		expect(await runCli(['validate-templates', '--list'], commands, list, '1')).toBe(0);
		expect(list.stdout).toContain('github/security_policy  -> SECURITY.md\n');
		const ok = captureIo();
		expect(await runCli(['validate-templates'], commands, ok, '1')).toBe(0);
		expect(ok.stdout).toMatch(/^\d+ templates, 0 problems\n$/);
	});
});

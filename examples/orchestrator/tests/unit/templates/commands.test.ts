import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../../src/cli-core.ts';
import { commands } from '../../../src/commands.ts';
import { captureIo } from '../../helpers/io.ts';
import { tempDir } from '../../helpers/tmp.ts';

const run = async (argv: string[], cwd?: string) => {
	const io = captureIo(cwd);
	const code = await runCli(argv, commands, io, '1');
	return { code, stdout: io.stdout, stderr: io.stderr };
};

describe('generate-template', () => {
	test('REQ-2.1 renders to stdout from --var values, typed as the manifest expects', async () => {
		const r = await run(['generate-template', 'github/settings', '--var', 'repository=acme/repo', '--var', 'reviews=2', '--var', 'branch=trunk']);
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({ repository: 'acme/repo', branches: [{ name: 'trunk', protection: { required_pull_request_reviews: { required_approving_review_count: 2 } } }] });
		const flags = await run(['generate-template', 'github/pull_request_template', '--var', 'template_change=true', '--out', '-']);
		expect(flags.stdout).toContain('- [ ] Template change');
		const off = await run(['generate-template', 'github/pull_request_template', '--var', 'template_change=false']);
		expect(off.stdout).not.toContain('Template change');
	});

	test('REQ-2.1 writes the file from a context file and the example', async () => {
		const dir = await tempDir();
		await writeFile(join(dir, 'ctx.json'), JSON.stringify({ security_contact: 'https://example.com/security' }));
		const r = await run(['generate-template', 'github/security_policy', '--example', '--context', 'ctx.json', '--out', 'out/SECURITY.md'], dir);
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/^wrote out\/SECURITY.md \(\d+ bytes, sha256 [0-9a-f]{12}\)\n$/);
		expect(await readFile(join(dir, 'out/SECURITY.md'), 'utf8')).toContain('privately to https://example.com/security.');
	});

	test('REQ-2.2 a missing variable fails with exit 1 and the reason', async () => {
		const r = await run(['generate-template', 'github/security_policy', '--var', 'project_name=x', '--var', 'securityContact=a@b.c']);
		expect(r.code).toBe(1);
		expect(r.stderr).toBe("github/security_policy: Unknown variable 'securityContact'; did you mean 'security_contact'?; 'security_contact' is required\n");
	});

	test('REQ-2.1 an unknown template, no name or a bad --var are refused', async () => {
		expect(await run(['generate-template', 'github/nope'])).toMatchObject({ code: 1, stderr: "Unknown template 'github/nope'; run validate-templates --list to see them\n" });
		expect((await run(['generate-template'])).code).toBe(2);
		expect(await run(['generate-template', 'github/settings', '--var', 'novalue'])).toMatchObject({ code: 2, stderr: 'orchestrator generate-template: --var expects key=value, got "novalue"\n' });
	});

	test('REQ-2.2 a render-time error is positioned', async () => {
		const dir = await tempDir();
		await writeFile(join(dir, 't.j2'), 'A {{ a.b }}');
		await writeFile(join(dir, 'manifest.json'), JSON.stringify({ templates: [{ name: 'x/t', file: 't.j2', output: 't', description: '', variables: { a: { type: 'object' } }, example: {} }] }));
		const r = await run(['generate-template', 'x/t', '--templates', '.', '--context', 'ctx.json'], dir).catch((e: Error) => ({ code: -1, stderr: e.message, stdout: '' }));
		expect(r.code).toBe(-1);
		await writeFile(join(dir, 'ctx.json'), JSON.stringify({ a: {} }));
		expect(await run(['generate-template', 'x/t', '--templates', '.', '--context', 'ctx.json'], dir)).toMatchObject({ code: 1, stderr: "t.j2:1:6: 'a.b' is undefined\n" });
	});
});

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { families, loadCatalog, renderTemplate } from '../../../src/templates/catalog.ts';
import { contextProblems, prepareContext, suggest } from '../../../src/templates/context.ts';
import { TemplateContextError } from '../../../src/templates/errors.ts';
import { startServer, type Running } from '../../helpers/server.ts';
import { tempDir } from '../../helpers/tmp.ts';

let server: Running;
beforeAll(async () => {
	server = await startServer();
});
afterAll(() => server.close());

/** The pilot's context from RCA-0002: camel case, copied from an old wiki page. */
const pilot = { project_name: 'sample-program', securityContact: 'security@example.com', embargo_days: 90 };

// Regression test of RCA-0002: the real template, the pilot's context, the local API's answer.
test('REQ-2.2 security_policy template requires security_contact', async () => {
	const res = await fetch(`${server.url}/api/v1/templates/${encodeURIComponent('github/security_policy')}/render`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ context: pilot }),
	});
	expect(res.status).toBe(422);
	const body = (await res.json()) as { error: string; template: string; message: string };
	expect(body.error).toBe('template_context');
	expect(body.template).toBe('github/security_policy');
	expect(body.message).toContain("did you mean 'security_contact'?");
	expect(body.message).toContain("'security_contact' is required");
});

describe('catalog', () => {
	test('REQ-2.4 at least 15 templates ship across the github, contracts, docs and code families', async () => {
		const catalog = await loadCatalog();
		expect(catalog.entries.length).toBeGreaterThanOrEqual(15);
		for (const family of families) {
			expect(catalog.entries.filter((e) => e.name.startsWith(`${family}/`)).length, family).toBeGreaterThanOrEqual(3);
		}
		expect(new Set(catalog.entries.map((e) => e.name)).size).toBe(catalog.entries.length);
	});

	test('REQ-2.1 every template renders its example context', async () => {
		const catalog = await loadCatalog();
		for (const entry of catalog.entries) {
			const rendered = await renderTemplate(catalog, entry.name, entry.example);
			expect(rendered.content.length, entry.name).toBeGreaterThan(0);
			expect(rendered.outputPath, entry.name).not.toContain('{{');
			expect(rendered.sha256).toMatch(/^[0-9a-f]{64}$/);
		}
	});

	test('REQ-2.1 output paths are rendered from the context', async () => {
		const catalog = await loadCatalog();
		const r = await renderTemplate(catalog, 'contracts/migration', catalog.get('contracts/migration')!.example);
		expect(r.outputPath).toBe('contracts/migrations/orderintent_2_0.py');
		await expect(renderTemplate(catalog, 'nope/none', {})).rejects.toThrow("Unknown template 'nope/none'");
	});
});

describe('typed contexts', () => {
	const variables = {
		name: { type: 'string', required: true },
		days: { type: 'integer', default: 90 },
		tags: { type: 'list' },
		on: { type: 'boolean' },
		meta: { type: 'object' },
	} as const;

	test('REQ-2.1 context values of the wrong type are rejected', () => {
		expect(contextProblems(variables, { name: 3, days: 1.5, tags: 'a', on: 'yes', meta: [] })).toEqual([
			"'name' must be a string, got integer",
			"'days' must be an integer, got number",
			"'tags' must be a list, got string",
			"'on' must be a boolean, got string",
			"'meta' must be an object, got list",
		]);
		expect(contextProblems(variables, { name: null, meta: () => 1 })).toEqual(["'name' must be a string, got null", "'meta' must be an object, got other"]);
	});

	test('REQ-2.2 missing required variables and unknown keys fail before rendering', () => {
		expect(() => prepareContext('t', variables, { nmae: 'x' })).toThrow(TemplateContextError);
		expect(contextProblems(variables, { nmae: 'x', zzz: 1 })).toEqual([
			"Unknown variable 'nmae'; did you mean 'name'?",
			"Unknown variable 'zzz'",
			"'name' is required",
		]);
		expect(prepareContext('t', variables, { name: 'x' })).toEqual({ name: 'x', days: 90 });
		expect(suggest('security-contact', ['security_contact'])).toBe('security_contact');
		expect(suggest('completely_else', ['name'])).toBeUndefined();
	});
});

describe('POST /api/v1/templates/{name}/render', () => {
	const post = (name: string, body: unknown) =>
		fetch(`${server.url}/api/v1/templates/${encodeURIComponent(name)}/render`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});

	test('REQ-2.1 renders a template with its output path and hash', async () => {
		const res = await post('github/security_policy', { context: { project_name: 'sample-program', security_contact: 'security@example.com' } });
		expect(res.status).toBe(200);
		const body = (await res.json()) as { outputPath: string; content: string };
		expect(body.outputPath).toBe('SECURITY.md');
		expect(body.content).toContain('Please report vulnerabilities privately to security@example.com.');
	});

	test('REQ-2.1 lists the templates with their examples', async () => {
		const body = (await (await fetch(`${server.url}/api/v1/templates`)).json()) as { templates: { name: string }[] };
		expect(body.templates.map((t) => t.name)).toContain('code/mql4_parser');
	});

	test('REQ-2.2 unknown templates and bad bodies are refused', async () => {
		expect((await post('nope/none', { context: {} })).status).toBe(404);
		expect((await post('github/settings', { context: [] })).status).toBe(400);
		expect((await post('github/settings', null)).status).toBe(400);
	});

	test('REQ-2.2 a render-time error answers 422 with its location; a sandbox escape too', async () => {
		const dir = await tempDir();
		await mkdir(join(dir, 'docs'));
		await writeFile(join(dir, 'docs/optional.md.j2'), 'Title\n\nOwner: {{ owner }}\n');
		await writeFile(join(dir, 'docs/escape.md.j2'), '{{ repo.__class__ }}');
		const variables = { owner: { type: 'string' }, repo: { type: 'object' } };
		const templates = ['optional', 'escape'].map((n) => ({ name: `docs/${n}`, file: `docs/${n}.md.j2`, output: `${n}.md`, description: n, variables, example: {} }));
		await writeFile(join(dir, 'manifest.json'), JSON.stringify({ templates }));
		const custom = await startServer({ templatesDir: dir });
		try {
			const at = (name: string, context: unknown) =>
				fetch(`${custom.url}/api/v1/templates/${encodeURIComponent(name)}/render`, { method: 'POST', body: JSON.stringify({ context }) });
			const missing = await at('docs/optional', {});
			expect(missing.status).toBe(422);
			expect(await missing.json()).toEqual({
				error: 'template_context',
				template: 'docs/optional',
				location: 'docs/optional.md.j2:3:11',
				message: "'owner' is undefined",
			});
			const escape = await at('docs/escape', { repo: {} });
			expect(escape.status).toBe(422);
			expect(((await escape.json()) as { error: string }).error).toBe('template_security');
		} finally {
			await custom.close();
		}
	});
});

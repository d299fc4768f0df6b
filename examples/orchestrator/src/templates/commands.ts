// CLI commands of the template system: generate-template and validate-templates.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../cli-core.ts';
import { loadCatalog, renderTemplate } from './catalog.ts';
import { formatPosition, TemplateContextError, TemplateSecurityError, TemplateSyntaxError } from './errors.ts';
import { formatProblem, validateCatalog } from './validate.ts';

/** `--var key=value`: numbers and booleans are typed as the manifest expects them. */
function parseVar(text: string): [string, unknown] {
	const eq = text.indexOf('=');
	if (eq <= 0) throw new UsageError(`--var expects key=value, got "${text}"`);
	const raw = text.slice(eq + 1);
	const value = /^-?\d+$/.test(raw) ? Number(raw) : raw === 'true' ? true : raw === 'false' ? false : raw;
	return [text.slice(0, eq), value];
}

const generateTemplate: Command = {
	name: 'generate-template',
	summary: 'Render a template: generate-template NAME [--var k=v] [--context FILE] [--example] [--out PATH|-]',
	async run(args, io) {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: {
				var: { type: 'string', multiple: true },
				context: { type: 'string' },
				example: { type: 'boolean' },
				out: { type: 'string' },
				templates: { type: 'string' },
			},
		});
		const [name] = positionals;
		if (!name) throw new UsageError('expected a template name, e.g. github/security_policy');
		const catalog = await loadCatalog(values.templates ? resolve(io.cwd, values.templates) : undefined);
		const entry = catalog.get(name);
		if (!entry) {
			io.err(`Unknown template '${name}'; run validate-templates --list to see them\n`);
			return 1;
		}
		let context: Record<string, unknown> = values.example ? { ...entry.example } : {};
		if (values.context) context = { ...context, ...JSON.parse(await readFile(resolve(io.cwd, values.context), 'utf8')) };
		for (const v of values.var ?? []) {
			const [k, value] = parseVar(v);
			context[k] = value;
		}
		let rendered;
		try {
			rendered = await renderTemplate(catalog, name, context);
		} catch (error) {
			if (error instanceof TemplateContextError || error instanceof TemplateSecurityError || error instanceof TemplateSyntaxError) {
				const where = error.position ? `${formatPosition(error.position)}: ` : '';
				io.err(`${where}${error.message}\n`);
				return 1;
			}
			throw error;
		}
		if (values.out === '-' || values.out === undefined) {
			io.out(rendered.content);
			return 0;
		}
		const target = resolve(io.cwd, values.out);
		await mkdir(dirname(target), { recursive: true });
		await writeFile(target, rendered.content);
		io.out(`wrote ${values.out} (${Buffer.byteLength(rendered.content)} bytes, sha256 ${rendered.sha256.slice(0, 12)})\n`);
		return 0;
	},
};

const validateTemplates: Command = {
	name: 'validate-templates',
	summary: 'Parse every template; print file:line:column for each problem (--list to list them)',
	async run(args, io) {
		const { values } = parseArgs({ args, options: { templates: { type: 'string' }, list: { type: 'boolean' } } });
		const catalog = await loadCatalog(values.templates ? resolve(io.cwd, values.templates) : undefined);
		if (values.list) {
			for (const e of catalog.entries) io.out(`${e.name}  -> ${e.output}\n`);
			return 0;
		}
		const problems = await validateCatalog(catalog);
		for (const p of problems) io.err(`${formatProblem(p)}\n`);
		io.out(`${catalog.entries.length} templates, ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
		return problems.length > 0 ? 1 : 0;
	},
};

export const templateCommands: Command[] = [generateTemplate, validateTemplates];

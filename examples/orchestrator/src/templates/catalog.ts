// The shipped templates: manifest.json plus one .j2 file per template, loaded from assets/templates.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareContext, type Variables } from './context.ts';
import { compile, render, type Template } from './engine.ts';
import { TemplateContextError } from './errors.ts';

export const TEMPLATES_DIR = fileURLToPath(new URL('../../assets/templates/', import.meta.url));
export const families = ['github', 'contracts', 'docs', 'code'] as const;

export interface ManifestEntry {
	/** `family/name`, as the CLI and the API take it. */
	name: string;
	/** Relative to the templates folder. */
	file: string;
	/** Where the rendered file goes; may use the context, like the template. */
	output: string;
	description: string;
	variables: Variables;
	/** A context that renders the template; the end-to-end golden files come from it. */
	example: Record<string, unknown>;
}

export interface Catalog {
	dir: string;
	entries: ManifestEntry[];
	get(name: string): ManifestEntry | undefined;
	source(entry: ManifestEntry): Promise<string>;
}

export interface Rendered {
	template: string;
	outputPath: string;
	sha256: string;
	content: string;
}

export async function loadCatalog(dir = TEMPLATES_DIR): Promise<Catalog> {
	const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { templates: ManifestEntry[] };
	const entries = manifest.templates;
	const byName = new Map(entries.map((e) => [e.name, e]));
	const sources = new Map<string, string>();
	return {
		dir,
		entries,
		get: (name) => byName.get(name),
		async source(entry) {
			let text = sources.get(entry.file);
			if (text === undefined) {
				text = await readFile(join(dir, entry.file), 'utf8');
				sources.set(entry.file, text);
			}
			return text;
		},
	};
}

const compiled = new Map<string, Template>();

/** Renders a template by name from a context that the manifest validates first. */
export async function renderTemplate(
	catalog: Catalog,
	name: string,
	context: Readonly<Record<string, unknown>>,
): Promise<Rendered> {
	const entry = catalog.get(name);
	if (!entry) throw new TemplateContextError(`Unknown template '${name}'`);
	const prepared = prepareContext(name, entry.variables, context);
	const key = join(catalog.dir, entry.file);
	let template = compiled.get(key);
	if (!template) {
		template = compile(await catalog.source(entry), entry.file);
		compiled.set(key, template);
	}
	const content = render(template, prepared);
	const outputPath = render(compile(entry.output, `${entry.file} (output)`), prepared);
	return { template: name, outputPath, sha256: createHash('sha256').update(content).digest('hex'), content };
}

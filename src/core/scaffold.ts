// Creates a new document from templates/<type>.mdx: next free id, today's date, the phase link.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { leadsOut } from './files.ts';
import { FindingError, findingAt } from './findings.ts';

import { CONTENT_DIR, missingPhase, parseDocument, type Program } from './load.ts';
import { trimEndWhere } from './markdown/delimited.ts';
import { compareSemver } from './order.ts';
import { slugify } from './routes.ts';
import { documentTypeNames, documentTypes, semver, type DocumentTypeName } from './schemas/index.ts';
import type { TemplateContract } from './templates.ts';

/** A request the scaffolder cannot carry out: the user's to fix (rule `cli/usage`). */
const refused = (message: string) => new FindingError(findingAt({}, 'error', message, 'cli/usage'));

export interface ScaffoldRequest {
	type: string;
	title: string;
	phase?: string | undefined;
	version?: string | undefined;
	owner: string;
	/** YYYY-MM-DD */
	today: string;
}

const NEEDS_PHASE: readonly DocumentTypeName[] = ['rca', 'handoff', 'review'];
const ID_FORMAT: Partial<Record<DocumentTypeName, { prefix: string; width: number }>> = {
	rca: { prefix: 'RCA-', width: 4 },
	handoff: { prefix: 'HO-', width: 3 },
	review: { prefix: 'REV-', width: 3 },
};

export function isDocumentType(type: string): type is DocumentTypeName {
	return (documentTypeNames as string[]).includes(type);
}

/** The next id of a type: one past the highest number in use. */
export function nextId(type: DocumentTypeName, program: Program): string {
	// A document the check cannot read still holds its name: the next id passes it, and new never
	// stops at "rca-0013.mdx already exists".
	const folder = `${CONTENT_DIR}/${documentTypes[type].collection}/`;
	const unread = (program.unloaded ?? []).filter((path) => path.startsWith(folder)).map((path) => path.slice(folder.length).replace(/\.mdx$/, ''));
	const claimed = (program.invalid ?? []).filter((d) => d.type === type).map((d) => d.id);
	const ids = [...program.documents[type].map((d) => d.id), ...claimed, ...(type === 'changelog' ? [] : unread.map((name) => name.toUpperCase()))];
	if (type === 'changelog') {
		const latest = [...ids].sort(compareSemver).at(-1);
		if (!latest) return '0.1.0';
		const [major = 0, minor = 0] = latest.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10));
		return `${major}.${minor + 1}.0`;
	}
	const format = ID_FORMAT[type];
	const numbers = ids.map((id) => Number((format ? id.slice(format.prefix.length) : id).replace(/^0+(?=\d)/, ''))).filter(Number.isInteger);
	const next = numbers.length ? Math.max(...numbers) + 1 : 1;
	return format ? `${format.prefix}${String(next).padStart(format.width, '0')}` : String(next);
}

/** YAML double-quoted string content: JSON escapes are valid YAML escapes. */
const quoted = (value: string) => JSON.stringify(value).slice(1, -1);

const OPTIONAL_AT_END = /\{\/\*\s*optional\s*\*\/\}$/i;
const isSpace = (c: string) => /\s/.test(c);

/** A `## Heading {/* optional *\/}` line without its marker (scanned: a lazy regex backtracked). */
function withoutOptionalMarker(line: string): string {
	const trimmed = trimEndWhere(line, isSpace);
	if (!/^#{2,6} /.test(trimmed) || !OPTIONAL_AT_END.test(trimmed)) return line;
	return trimEndWhere(trimmed.slice(0, trimmed.lastIndexOf('{/*')), isSpace);
}

export function renderTemplate(contract: TemplateContract, values: Record<string, string>): string {
	let text = contract.text.replace(/\{\{(\w+)\}\}/g, (match, key: string) =>
		key in values ? quoted(values[key]!) : match,
	);
	// The optional markers are the template's business, not the document's.
	text = text.split('\n').map(withoutOptionalMarker).join('\n');
	if (values.phase && !contract.text.includes('{{phase}}')) {
		text = text.replace(/\n---\n/, `\nphase: "${quoted(values.phase)}"\n---\n`);
	}
	return text;
}

/** "Issue RCA" becomes "An issue RCA": the label lower-cased at its first letter only, keeping acronyms. */
export function withArticle(label: string): string {
	const noun = label.charAt(0).toLowerCase() + label.slice(1);
	return `${/^[aeiou]/i.test(noun) ? 'An' : 'A'} ${noun}`;
}

/** The longest file name (one path component) that common file systems take, in bytes. */
const MAX_NAME_BYTES = 255;

export async function scaffold(
	root: string,
	program: Program,
	templates: Map<DocumentTypeName, TemplateContract>,
	request: ScaffoldRequest,
): Promise<{ path: string; id: string }> {
	const { type, title } = request;
	if (!isDocumentType(type)) {
		throw refused(`Unknown document type "${type}", expected one of ${documentTypeNames.join(', ')}`);
	}
	if (title.trim() === '') throw refused('Missing title, expected a non-empty title in quotes');
	const phaseIds = program.documents.phase.map((p) => p.id);
	if (NEEDS_PHASE.includes(type) && !request.phase) {
		throw refused(`${withArticle(documentTypes[type].label)} belongs to a phase: add --phase <id> (one of ${phaseIds.join(', ') || 'none yet'})`);
	}
	if (type === 'phase' && request.phase) {
		throw refused('A phase report takes no --phase: phases are the top level (its dependsOn orders it after others)');
	}
	if (request.phase && !phaseIds.includes(request.phase)) {
		throw refused(missingPhase(program, request.phase));
	}
	if (request.version !== undefined) {
		if (type !== 'changelog') {
			const a = withArticle(documentTypes[type].label);
			throw refused(`--version is for a changelog entry; ${a.charAt(0).toLowerCase()}${a.slice(1)} has none`);
		}
		const version = semver.safeParse(request.version);
		if (!version.success) throw refused(`Invalid version "${request.version}", ${version.error.issues[0]!.message}`);
	}
	const id = type === 'changelog' ? (request.version ?? nextId(type, program)) : nextId(type, program);
	if (type === 'changelog') {
		// v0.3.0 and 0.3.0 are one release (and one entry on the changelog page).
		const same = program.documents.changelog.find((doc) => compareSemver(doc.id, id) === 0);
		if (same) throw refused(`Version ${id} already has an entry, ${same.path} (version ${same.id}); versions compare without a leading "v"`);
	}
	const name = `${slugify(id)}.mdx`;
	const path = `${CONTENT_DIR}/${documentTypes[type].collection}/${name}`;
	// A changelog entry is named for its version, which semver lets run on: a 300-character
	// pre-release stopped `new` with an internal ENAMETOOLONG. Other types are named by number.
	const bytes = Buffer.byteLength(name);
	if (bytes > MAX_NAME_BYTES) throw refused(`Version "${id}" is too long for a file name: ${documentTypes[type].collection}/${name.slice(0, 20)}… would be ${bytes} bytes, over the ${MAX_NAME_BYTES} a file name may have; expected a shorter version`);
	const contract = templates.get(type)!;
	const text = renderTemplate(contract, {
		id,
		version: id,
		title,
		date: request.today,
		phase: request.phase ?? '',
		owner: request.owner,
	});
	const parsed = parseDocument(type, path, text);
	if (!parsed.document) {
		// One line: what is wrong where, in the template when the check has found it there.
		const own = contract.findings.filter((f) => f.ruleId.startsWith('frontmatter/'));
		const problems = (own.length ? own.map((f) => `line ${f.line}: ${f.message}`) : parsed.findings.map((f) => f.message)).slice(0, 3).join('; ');
		throw refused(`${contract.path} does not produce a valid ${type}, so nothing was written: ${problems}; fix the template (npx phasebook check names its problems)`);
	}
	// Every document it makes would fail the build: said of the template, and nothing written.
	const syntax = contract.findings.find((f) => f.ruleId === 'mdx/syntax');
	if (syntax) {
		const label = documentTypes[type].label;
		throw refused(`${contract.path}:${syntax.line}: ${syntax.message}, so every ${label.charAt(0).toLowerCase()}${label.slice(1)} made from it would fail the build, and nothing was written; fix the template${syntax.hint ? ` (${syntax.hint})` : ''}`);
	}
	// A collection folder that links out of the project would take the document elsewhere, where
	// the check refuses to read it (file/symlink).
	const away = await leadsOut(root, dirname(join(root, path)));
	if (away) throw refused(`${relative(root, away.path)} leads out of the project (to ${away.target}), so ${path} was not written; make it a folder of the project`);
	await mkdir(dirname(join(root, path)), { recursive: true });
	try {
		await writeFile(join(root, path), text, { flag: 'wx' });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw refused(`${path} already exists; not overwriting it`);
		throw error;
	}
	return { path, id };
}

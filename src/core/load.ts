// Loads a program from content/: project settings, tasks and every document, with positions.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import type { DocumentCache } from './document-cache.ts';
import { fileKind, readTextFile, readTextFiles } from './files.ts';
import { finding, type Finding } from './findings.ts';
import {
	documentTypeNames,
	documentTypes,
	projectSchema,
	tasksFileSchema,
	type ChangelogEntry,
	type DocumentTypeName,
	type Handoff,
	type Phase,
	type Project,
	type Rca,
	type Review,
	type Task,
} from './schemas/index.ts';
import { parseYaml, validate, type FieldPath } from './yaml-source.ts';
import { compareIds } from './order.ts';
import { assertProjectRoot, CONTENT_DIR } from './project-root.ts';
import { TEMPLATES_DIR } from './templates.ts';

export { assertProjectRoot, CONTENT_DIR } from './project-root.ts';

export interface SourceDocument<T = unknown> {
	type: DocumentTypeName;
	/** Path relative to the project root, with forward slashes. */
	path: string;
	/** File name without extension. */
	slug: string;
	/** The value of the type's id field. */
	id: string;
	data: T;
	body: string;
	/** 1-based file line on which the body starts. */
	bodyLine: number;
	lineOf(path: FieldPath): number;
}

export interface DocumentsByType {
	phase: SourceDocument<Phase>[];
	rca: SourceDocument<Rca>[];
	handoff: SourceDocument<Handoff>[];
	review: SourceDocument<Review>[];
	changelog: SourceDocument<ChangelogEntry>[];
}

/**
 * A document whose frontmatter did not pass its schema, but that says what it is called: what
 * names it elsewhere is not reported as unknown on top of its own findings (one broken phase made
 * some twenty "Unknown phase" errors in the files that name it).
 */
export interface ClaimedIdentity {
	id: string;
	/** A phase's requirement ids, as far as they can be read. */
	requirements: string[];
	/** The phase an RCA, handoff, review or changelog entry names, and its line: checked like a valid one's. */
	phase?: { id: string; line: number };
}

export interface InvalidDocument extends ClaimedIdentity {
	type: DocumentTypeName;
	path: string;
}

export interface Program {
	root: string;
	project: Project | undefined;
	projectLineOf: (path: FieldPath) => number;
	tasks: Task[];
	tasksLineOf: (path: FieldPath) => number;
	/**
	 * Set when tasks.yaml could not be read as a task board (its own finding says why): its tasks
	 * are not known, rather than none, so nothing that names one is reported unknown.
	 */
	tasksUnread?: true;
	documents: DocumentsByType;
	/** The documents left out for their own errors, by the ids they claim. */
	invalid?: readonly InvalidDocument[];
	/** Every `.mdx` document file left out for its own errors (unreadable, not YAML, failing its schema). */
	unloaded?: readonly string[];
}

/** The ids of a type's documents, those left out for their own errors included: what a reference may name. */
export function knownIds(program: Program, type: DocumentTypeName): Set<string> {
	const ids = new Set((program.documents[type] as SourceDocument[]).map((d) => d.id));
	for (const doc of program.invalid ?? []) if (doc.type === type) ids.add(doc.id);
	return ids;
}

/**
 * What a frontmatter YAML cannot read still says of itself on lines of their own: its id
 * (`id: "3"`, a changelog's `version:`), the phase it names, and a phase's requirement ids
 * (`- id: REQ-3.1` or `- { id: REQ-3.1, … }` under `requirements:`). Undefined without a plain
 * id line.
 */
export function identityOnItsLines(type: DocumentTypeName, frontmatter: string): ClaimedIdentity | undefined {
	const lines = frontmatter.split(/\r?\n/);
	const scalar = (text: string | undefined) => {
		const value = text?.replace(/[ \t]+#.*$/, '').trim() ?? '';
		const quoted = /^(["'])(.*)\1$/.exec(value);
		const plain = quoted ? quoted[2]! : value;
		return plain === '' || /^[[{&*!|>@`'"]/.test(plain) ? undefined : plain;
	};
	/** A top-level key's line (`id: "3"`, `id : 3`): its index and what follows the colon. */
	const keyLine = (name: string) => {
		const key = new RegExp(`^${name}[ \\t]*:(.*)$`);
		const index = lines.findIndex((line) => key.test(line));
		return index === -1 ? undefined : { index, rest: key.exec(lines[index]!)![1]! };
	};
	const field = (name: string) => {
		const at = keyLine(name);
		const value = at && scalar(at.rest);
		// Line 1 of the file is the opening ---.
		return value === undefined ? undefined : { value, line: at!.index + 2 };
	};
	const id = field(documentTypes[type].idField);
	if (!id) return undefined;
	const requirements: string[] = [];
	const block = type === 'phase' ? keyLine('requirements') : undefined;
	if (block) {
		// The key's own line (a flow list) and the lines under it, up to the next top-level key: a
		// sequence may sit at column 0 (`- id: …`), and a flow map may name its id anywhere in it.
		const under = [block.rest];
		for (let i = block.index + 1; i < lines.length && !/^[^\s\-#]/.test(lines[i]!); i++) under.push(lines[i]!);
		for (const line of under) {
			for (const match of line.replace(/(?:^|\s)#.*$/, '').matchAll(/(?:^|[\s{,\-])id[ \t]*:([^,}\]]*)/g)) {
				const value = scalar(match[1]);
				if (value) requirements.push(value);
			}
		}
	}
	const phase = type === 'phase' ? undefined : field('phase');
	return { id: id.value, requirements, ...(phase && { phase: { id: phase.value, line: phase.line } }) };
}

/**
 * What a document that failed its schema still says of itself: its id, and a phase's requirement
 * ids. With `writtenAs`, an id YAML read as a number is the id as written (`1.10`, not 1.1), and a
 * phase it misread (`01`) is no phase the document can be said to name.
 */
export function claimedIdentity(type: DocumentTypeName, data: unknown, lineOf?: (path: FieldPath) => number, writtenAs?: (path: FieldPath) => string | undefined): ClaimedIdentity | undefined {
	if (!data || typeof data !== 'object') return undefined;
	const raw = data as Record<string, unknown>;
	const idField = documentTypes[type].idField;
	const id = typeof raw[idField] === 'number' ? (writtenAs?.([idField]) ?? raw[idField]) : raw[idField];
	if (typeof id !== 'string' && typeof id !== 'number') return undefined;
	const requirements = type === 'phase' && Array.isArray(raw['requirements'])
		? raw['requirements'].flatMap((r) => (r && typeof r === 'object' && typeof (r as { id?: unknown }).id === 'string' ? [(r as { id: string }).id] : []))
		: [];
	const phase = type === 'phase' ? undefined : raw['phase'];
	const named = (typeof phase === 'string' && phase.trim() !== '') || (typeof phase === 'number' && Number.isSafeInteger(phase) && phase >= 0 && (writtenAs?.(['phase']) ?? String(phase)) === String(phase));
	return { id: String(id), requirements, ...(named && lineOf && { phase: { id: String(phase), line: lineOf(['phase']) } }) };
}

export const PROJECT_FILE = `${CONTENT_DIR}/project.yaml`;
export const TASKS_FILE = `${CONTENT_DIR}/tasks.yaml`;

const toPosix = (p: string) => p.split(sep).join('/');
const noLine = () => 1;

/**
 * The frontmatter block: `---` alone on the first line, YAML, `---` alone on a line. Only YAML is
 * accepted (a `---js` block is refused as missing frontmatter), so nothing in a document ever runs.
 * This split replaced gray-matter, which converted every file to a Buffer and kept a cache keyed by
 * each file's whole text: 1.9 s and most of the garbage of a check of 10,000 documents.
 */
const FRONTMATTER = /^---[ \t]*\r?\n((?:[\s\S]*?\r?\n)?)---[ \t]*(?:\r?\n|$)/;

/** A document's text without its byte order mark, and its frontmatter block (null without one). */
function frontmatterOf(text: string): { source: string; block: RegExpExecArray | null } {
	const source = text.replace(/^\uFEFF/, '');
	return { source, block: FRONTMATTER.exec(source) };
}

/** A document's body as parseDocument cuts it; '' when the frontmatter is not closed. */
export function documentBody(text: string): string {
	return splitBody(text)?.body ?? '';
}

/** The YAML between a document's `---` lines; undefined when there is none or it is not closed. */
export function frontmatterYaml(text: string): string | undefined {
	return frontmatterOf(text).block?.[1];
}

/** A document's body and the file line it starts on, as parseDocument cuts them; undefined when the frontmatter is not closed. */
export function splitBody(text: string): { body: string; bodyLine: number } | undefined {
	const { source, block } = frontmatterOf(text);
	return block ? bodyAfter(source, block) : undefined;
}

function bodyAfter(source: string, block: RegExpExecArray): { body: string; bodyLine: number } {
	const head = block[0];
	return { body: source.slice(head.length), bodyLine: head.split('\n').length };
}

export function parseDocument(
	type: DocumentTypeName,
	path: string,
	text: string,
): { document?: SourceDocument; findings: Finding[]; frontmatter?: string; invalid?: ClaimedIdentity } {
	if (text.trim() === '') {
		return { findings: [finding(path, 1, 'error', 'Empty file, expected YAML frontmatter between --- lines and a body', 'file/empty')] };
	}
	const { source, block } = frontmatterOf(text);
	// Frontmatter in another language (gray-matter's ---js, ---json; TOML's +++) is refused unread.
	const other = /^(?:---([A-Za-z][\w-]*)|(\+\+\+))[ \t]*\r?\n/.exec(source);
	if (other) {
		const language = other[1] ?? 'TOML';
		return { findings: [finding(path, 1, 'error', `Frontmatter in ${language}, expected YAML between --- lines (other languages are never read)`, 'frontmatter/yaml')] };
	}
	if (!/^---[ \t]*\r?\n/.test(source)) {
		// Classic Mac OS line endings: to every reader, one line.
		if (/^---[ \t]*\r(?!\n)/.test(source)) return { findings: [finding(path, 1, 'error', 'Lines end with CR alone (classic Mac OS), expected LF or CRLF line endings: save the file with Unix or Windows line endings', 'frontmatter/missing')] };
		const blank = /^\s*\n---[ \t]*\r?\n/.test(source) ? ': remove the blank lines before it' : '';
		return { findings: [finding(path, 1, 'error', `Missing frontmatter, expected the file to start with a --- line${blank}`, 'frontmatter/missing')] };
	}
	if (!block) {
		return { findings: [finding(path, 1, 'error', 'Frontmatter opened on line 1 is never closed, expected a --- line', 'frontmatter/yaml')] };
	}
	// A blank line in place of the opening `---` keeps line N of the YAML on line N of the file.
	const yaml = parseYaml(`\n${block[1]}`, path, 0);
	if (yaml.findings.length) {
		// YAML that cannot be read still shows its id on its line: the documents that name it are
		// not wrong, and one typo is one error, not one in every file that names the document.
		const invalid = identityOnItsLines(type, block[1]!);
		return { findings: yaml.findings, ...(invalid && { invalid }) };
	}
	const def = documentTypes[type];
	const result = validate(def.schema, yaml, path, def.label.toLowerCase());
	if (!result.data) {
		const invalid = claimedIdentity(type, yaml.data, yaml.lineOf, yaml.writtenAs);
		return { findings: result.findings, ...(invalid && { invalid }) };
	}
	const data = result.data as Record<string, unknown>;
	const { body, bodyLine } = bodyAfter(source, block);
	return {
		document: {
			type,
			path,
			slug: basename(path, extname(path)),
			id: String(data[def.idField]),
			data,
			body,
			bodyLine,
			lineOf: yaml.lineOf,
		},
		findings: [],
		frontmatter: block[1]!,
	};
}

async function loadYamlFile<T>(
	root: string,
	path: string,
	schema: import('zod').ZodType<T>,
	what: string,
	findings: Finding[],
): Promise<{ data: T | undefined; lineOf: (p: FieldPath) => number }> {
	const read = readTextFile(join(root, path), path, root);
	if (read.text === undefined) {
		const missing = read.findings[0]?.ruleId === 'file/missing';
		findings.push(...(missing ? [finding(path, 1, 'error', `Missing ${what} file ${path}`, 'file/missing')] : read.findings));
		return { data: undefined, lineOf: noLine };
	}
	const yaml = parseYaml(read.text, path);
	if (yaml.findings.length) {
		findings.push(...yaml.findings);
		return { data: undefined, lineOf: yaml.lineOf };
	}
	const result = validate(schema, yaml, path, what);
	findings.push(...result.findings);
	return { data: result.data, lineOf: yaml.lineOf };
}

/**
 * Every entry but folders: links, pipes and devices too, so the reader refuses them with a
 * finding instead of the check skipping what Astro's loader would then read; and a folder named
 * as a document (`rca-0005.mdx/`), where a document belongs.
 */
async function listFiles(dir: string): Promise<string[]> {
	try {
		const entries = await readdir(dir, { recursive: true, withFileTypes: true });
		return entries
			.filter((e) => (!e.isDirectory() || extname(e.name) === '.mdx') && (!e.name.startsWith('.') || isHiddenDocument(e.name)))
			.map((e) => join(e.parentPath, e.name))
			.sort();
	} catch {
		return [];
	}
}

/**
 * A document whose name starts with a dot (`.rca-0005.mdx`): hidden, so neither Astro's loader nor
 * the check reads it, and an author who meant to write a document is told. Emacs's lock files
 * (`.#rca-0005.mdx`) are an editor's, not an author's.
 */
const isHiddenDocument = (name: string) => name.startsWith('.') && !name.startsWith('.#') && extname(name) === '.mdx';

/** Images a document may show from beside it; Astro's image pipeline takes these. */
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg']);

/** content/'s own folders that hold no documents. */
const NOT_DOCUMENTS = new Set(['evidence']);

/**
 * A folder's README.md, where a team tells its authors what goes there (as on GitHub): neither a
 * document nor a stray one, so never checked nor published.
 */
const isReadme = (name: string) => /^readme\.md$/i.test(name);

/**
 * What editors and merges leave beside a document while it is written: Emacs's `#auto-save#`,
 * backups ending in `~`, swap and temporary files, Vim's `4913` write probe, a merge's `.orig`
 * and `.rej`. Neither a document nor an author's file: a stray-file error for one made every page
 * of `phasebook dev` fail while the editor had it open.
 */
const isEditorLeftover = (name: string) => /^#.*#$|~$|\.(?:orig|rej|bak|swp|swo|swx|tmp)$|^4913$/i.test(name);

/**
 * What in content/ would be silently left out of the site: a collection's place taken by a file,
 * and a document (.md, .mdx) outside every collection folder, such as `content/rca/` for
 * `content/rcas/`. Other files (images an author links, say) are left alone.
 */
/** A named pipe, socket or device: a located error, as the documents' own reader gives for one among them. */
function specialEntry(path: string, entry: Dirent): Finding | undefined {
	if (!(entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice())) return undefined;
	return finding(path, 1, 'error', `Unexpected ${fileKind(entry)}, expected a regular file or a folder`, 'file/special');
}

/** The settings and the task board, read (and refused when they are no file) by loadYamlFile. */
const SETTINGS_FILES = new Set([PROJECT_FILE, TASKS_FILE]);

/** The templates' own files, which loadTemplates reads (and refuses when they are no file). */
const TEMPLATE_FILES = new Set(documentTypeNames.map((type) => `${type}.mdx`));

async function misplaced(root: string): Promise<Finding[]> {
	const collections = new Map(documentTypeNames.map((type) => [documentTypes[type].collection, type]));
	const findings: Finding[] = [];
	const outside: string[] = [];
	const visit = async (dir: string, top: boolean, documents = true): Promise<void> => {
		const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
		for (const entry of entries) {
			if (entry.name.startsWith('.')) continue;
			const path = `${dir}/${entry.name}`;
			const collection = documents && top ? collections.get(entry.name) : undefined;
			// The template files and the evidence's runs are read, and refused, by their own readers.
			if (!documents && (top ? TEMPLATE_FILES.has(entry.name) : entry.name.endsWith('.json'))) continue;
			if (documents && top && SETTINGS_FILES.has(`${CONTENT_DIR}/${entry.name}`)) continue;
			// Anywhere in content/ or templates/: a named pipe hangs whatever reads it. (A link out of
			// the project is refused where something reads through it: a document, a run, an image.)
			const special = specialEntry(path, entry);
			if (special) {
				findings.push(special);
				continue;
			}
			if (collection) {
				// A link to a folder is that folder: its documents are read through it, each refused if it
				// leads out of the project (file/symlink). A link to anything else is named as a link.
				const target = entry.isSymbolicLink() ? await stat(join(root, path)).catch(() => undefined) : undefined;
				if (!entry.isDirectory() && !target?.isDirectory()) {
					const label = documentTypes[collection].label.toLowerCase();
					const what = !entry.isSymbolicLink() ? 'a file' : target ? 'a link to a file' : 'a link to nothing (its target does not exist)';
					findings.push(finding(path, 1, 'error', `${path} is ${what}, expected the folder of the ${label} documents`, 'file/stray'));
				}
			} else if (entry.isDirectory()) {
				await visit(path, false, documents && !(top && NOT_DOCUMENTS.has(entry.name)));
			} else if (documents && /\.mdx?$/i.test(entry.name) && !isReadme(entry.name)) outside.push(path);
		}
	};
	await visit(CONTENT_DIR, true);
	await visit(TEMPLATES_DIR, true, false);
	if (!outside.length) return findings;
	// A document kept elsewhere in content/ that a collection links to is published through the link.
	const linked = new Set<string>();
	for (const collection of collections.keys()) {
		const entries = await readdir(join(root, CONTENT_DIR, collection), { recursive: true, withFileTypes: true }).catch(() => []);
		for (const entry of entries) {
			if (entry.isSymbolicLink()) linked.add(await realpath(join(entry.parentPath, entry.name)).catch(() => ''));
		}
	}
	const folders = [...collections.keys()].map((c) => `${CONTENT_DIR}/${c}/`).join(', ');
	for (const path of outside) {
		if (linked.has(await realpath(join(root, path)).catch(() => path))) continue;
		findings.push(finding(path, 1, 'error', `Unexpected document outside the collection folders, so it is neither checked nor published; expected it in one of ${folders}`, 'file/stray'));
	}
	return findings;
}

/** Project settings from a text of project.yaml (a past commit's): undefined when it is not valid now. */
export function parseProject(text: string): Project | undefined {
	const yaml = parseYaml(text, PROJECT_FILE);
	return yaml.findings.length ? undefined : validate(projectSchema, yaml, PROJECT_FILE, 'project settings').data;
}

/** Only the project settings, undefined when project.yaml is missing or invalid (the check says why). */
export async function loadProject(root: string): Promise<Project | undefined> {
	return (await loadYamlFile(root, PROJECT_FILE, projectSchema, 'project settings', [])).data;
}

export interface LoadOptions {
	/**
	 * The check's document cache: a document whose file is unchanged since it was kept is taken
	 * from it, and its text read only if asked for; the others are read and kept.
	 */
	cache?: DocumentCache;
}

export async function loadProgram(root: string, options: LoadOptions = {}): Promise<{ program: Program; findings: Finding[] }> {
	await assertProjectRoot(root);
	const findings: Finding[] = [];
	const [project, tasks, stray] = await Promise.all([
		loadYamlFile(root, PROJECT_FILE, projectSchema, 'project settings', findings),
		loadYamlFile(root, TASKS_FILE, tasksFileSchema, 'task board', findings),
		misplaced(root),
	]);
	for (const found of stray) findings.push(found);
	const documents = { phase: [], rca: [], handoff: [], review: [], changelog: [] } as unknown as DocumentsByType;
	const cache = options.cache;
	// The folders are listed concurrently, then the documents read together (see readTextFiles).
	const listed = await Promise.all(documentTypeNames.map(async (type) => ({ type, files: await listFiles(join(root, CONTENT_DIR, documentTypes[type].collection)) })));
	// In the order listed, whether read now or taken from the cache.
	const loaded: ({ document?: SourceDocument; findings: Finding[]; invalid?: ClaimedIdentity } | undefined)[] = [];
	const where = new Map<number, { type: DocumentTypeName; path: string }>();
	const wanted: { type: DocumentTypeName; absolute: string; path: string; status: string | undefined; index: number }[] = [];
	for (const { type, files } of listed) {
		for (const absolute of files) {
			const path = toPosix(relative(root, absolute));
			if (isHiddenDocument(basename(absolute))) {
				loaded.push({ findings: [finding(path, 1, 'warning', `${basename(absolute)} is hidden (its name starts with a dot), so neither the check nor the site reads it; rename it without the dot to publish it`, 'file/hidden')] });
				continue;
			}
			if (extname(absolute) !== '.mdx') {
				// An image beside the document that shows it (`![Plan](./plan.png)`), as in any Astro project.
				if (IMAGE_EXTENSIONS.has(extname(absolute).toLowerCase()) || isReadme(basename(absolute)) || isEditorLeftover(basename(absolute))) continue;
				loaded.push({ findings: [finding(path, 1, 'error', `Unexpected file in ${documentTypes[type].collection}/, expected ${documentTypes[type].label.toLowerCase()} documents as .mdx files and the images they show`, 'file/stray')] });
				continue;
			}
			const status = cache?.status(absolute);
			const kept = cache?.reuse(type, path, absolute, root, status);
			where.set(loaded.length, { type, path });
			loaded.push(kept);
			if (!kept) wanted.push({ type, absolute, path, status, index: loaded.length - 1 });
		}
	}
	readTextFiles(wanted, root).forEach((read, i) => {
		const { type, path, status, index } = wanted[i]!;
		if (read.text === undefined) {
			loaded[index] = read;
			return;
		}
		const parsed = parseDocument(type, path, read.text);
		loaded[index] = parsed;
		if (cache) {
			const kept = parsed.document && { id: parsed.document.id, data: parsed.document.data, bodyLine: parsed.document.bodyLine, frontmatter: parsed.frontmatter! };
			cache.remember(type, path, status, { findings: parsed.findings, ...(kept && { document: kept }), ...(parsed.invalid && { invalid: parsed.invalid }) }, parsed.document);
		}
	});
	const invalid: InvalidDocument[] = [];
	const unloaded: string[] = [];
	loaded.forEach((result, index) => {
		// One by one: spreading a document's findings into push's arguments overflows the stack at some 100,000.
		for (const found of result!.findings) findings.push(found);
		if (result!.document) (documents[result!.document.type] as SourceDocument[]).push(result!.document);
		else if (where.has(index)) {
			unloaded.push(where.get(index)!.path);
			if (result!.invalid) invalid.push({ ...where.get(index)!, ...result!.invalid });
		}
	});
	return {
		program: {
			root,
			project: project.data,
			projectLineOf: project.lineOf,
			tasks: tasks.data?.tasks ?? [],
			tasksLineOf: (p) => tasks.lineOf(['tasks', ...p]),
			...(tasks.data === undefined && { tasksUnread: true as const }),
			documents,
			...(invalid.length && { invalid }),
			...(unloaded.length && { unloaded }),
		},
		findings,
	};
}

/**
 * Why an id names no phase: its document has errors (it still says its id), or the id is unknown;
 * then the phase documents that could not be read at all (broken YAML) are named, as one may be it.
 */
export function missingPhase(program: Program, id: string): string {
	const broken = program.invalid?.find((d) => d.type === 'phase' && d.id === id);
	if (broken) return `Phase ${id} (${broken.path}) has errors; run npx phasebook check and fix them first`;
	const ids = program.documents.phase.map((p) => p.id).sort(compareIds);
	const folder = `${CONTENT_DIR}/${documentTypes.phase.collection}/`;
	const unread = (program.unloaded ?? []).filter((path) => path.startsWith(folder) && !program.invalid?.some((d) => d.path === path));
	const why = unread.length === 0 ? '' : `; ${unread.join(', ')} could not be read, so ${unread.length === 1 ? 'its id is' : 'their ids are'} not known: run npx phasebook check`;
	return `Unknown phase "${id}", expected one of ${ids.join(', ') || '(none)'}${why}`;
}

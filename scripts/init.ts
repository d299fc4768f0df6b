// `phasebook init`: creates a program folder (settings, templates, a first phase, astro.config.mjs)
// and, with --workflow, the GitHub Actions workflow; never overwrites a file.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCliArgs, runCli, UserError } from '../src/cli/args.ts';
import { today } from '../src/core/dates.ts';
import { describeIgnoreRule, ignoreRule } from '../src/core/git/ignored.ts';
import { locateRepository } from '../src/core/git/repository.ts';
import { IGNORED, planInit, type PlannedFile } from '../src/core/init-plan.ts';
import { loadProgram } from '../src/core/load.ts';
import { scaffold } from '../src/core/scaffold.ts';
import { loadTemplates } from '../src/core/templates.ts';

const usage = `Usage: phasebook init [<folder>] [--sample] [--workflow]

Creates a Phasebook program in <folder> (default: the current folder): content/project.yaml,
content/tasks.yaml, the collection folders with a first phase, templates/ (the five contracts,
yours to edit) and an astro.config.mjs that calls the Phasebook integration. It never
overwrites a file: if one already exists, it names it and writes nothing.
  --sample     the full sample program instead of the short start
  --workflow   also write .github/workflows/phasebook.yml at the repository's root`;

const PACKAGE = fileURLToPath(new URL('../', import.meta.url));

function readTree(dir: string, prefix = ''): Map<string, string> {
	const files = new Map<string, string>();
	for (const name of readdirSync(join(dir, prefix)).sort()) {
		const path = prefix ? `${prefix}/${name}` : name;
		const stats = lstatSync(join(dir, path));
		if (stats.isDirectory()) for (const [p, text] of readTree(dir, path)) files.set(p, text);
		else if (stats.isFile()) files.set(path, readFileSync(join(dir, path), 'utf8'));
	}
	return files;
}

function git(cwd: string, ...args: string[]): string | undefined {
	try {
		return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
	} catch {
		return undefined;
	}
}

/**
 * Where CI installs Phasebook: the nearest folder at or above `dir` holding a package.json, or,
 * when that one has no lock file (a member of npm workspaces), the folder above it within the
 * repository that has one, whose `npm ci` installs the member's packages.
 */
function installDir(dir: string, repository: string): string | undefined {
	let nearest: string | undefined;
	for (let at = dir; ; at = dirname(at)) {
		if (existsSync(join(at, 'package.json'))) {
			nearest ??= at;
			if (existsSync(join(at, 'package-lock.json'))) return at;
		}
		if (dirname(at) === at || relative(repository, at) === '' || relative(repository, at).startsWith('..')) return nearest;
	}
}

/** The files by which a folder is an Astro site already (Astro reads the first it finds). */
const ASTRO_CONFIGS = ['astro.config.mjs', 'astro.config.js', 'astro.config.ts', 'astro.config.mts', 'astro.config.cjs', 'astro.config.cts'];

/** What in `target` belongs to another site or program, which Phasebook's would take over. */
function occupied(target: string): string | undefined {
	const config = ASTRO_CONFIGS.map((name) => join(target, name)).find((path) => existsSync(path) || isLink(path));
	if (config) return `${shown(config)} is another Astro site's configuration: Astro would build one site or the other, not both`;
	if (existsSync(join(target, 'src/pages'))) return `${shown(join(target, 'src/pages'))} holds another site's pages, which Phasebook's build would publish over its own`;
	const content = join(target, 'content');
	const held = existsSync(content) && lstatSync(content).isDirectory() ? firstFile(content) : undefined;
	if (held) return `${shown(content)} holds files of its own (${shown(held)}), which Phasebook's check would refuse as documents it does not know`;
	return undefined;
}

const shown = (path: string) => relative(process.cwd(), path) || path;

function firstFile(dir: string): string | undefined {
	for (const name of readdirSync(dir).sort()) {
		const path = join(dir, name);
		const stats = lstatSync(path);
		const found = stats.isDirectory() ? firstFile(path) : path;
		if (found) return found;
	}
	return undefined;
}

/**
 * The first symbolic link on the way down to `folder` from the repository's top (or, for a folder
 * outside the repository, from the program's folder), if any: one above the program's folder
 * (`docs/sub` leading elsewhere, for `init docs/sub/prog`) takes the files away as much as one in it.
 */
function linkOnTheWay(folder: string, repository: string, target: string): string | undefined {
	const base = [repository, target].find((top) => {
		const rel = relative(top, folder);
		return !rel.startsWith('..') && !isAbsolute(rel);
	});
	if (base === undefined) return undefined;
	const parts = relative(base, folder).split(sep).filter(Boolean);
	for (let i = 1; i <= parts.length; i++) {
		const path = join(base, ...parts.slice(0, i));
		if (isLink(path)) return path;
	}
	return undefined;
}

function linkedMessage(link: string): string {
	let to = '';
	try {
		to = ` (to ${readlinkSync(link)})`;
	} catch {
		// Gone since: the message names the link alone.
	}
	return `${shown(link)} is a symbolic link${to}; init writes only into real folders of the program, so it would write elsewhere. Remove the link, or init into another folder. Nothing was written`;
}

/** The first existing entry on the way to `folder` (itself included) that is not a folder, if any. */
function notAFolder(folder: string): string | undefined {
	const up = dirname(folder);
	const above = up === folder ? undefined : notAFolder(up);
	if (above) return above;
	if (!existsSync(folder) && !isLink(folder)) return undefined;
	return existsSync(folder) && statSync(folder).isDirectory() ? undefined : folder;
}

/**
 * The program's name: the package name of its folder (the repository's top, or the service folder
 * init ran in) when its package.json names one (without an npm scope), else the folder's name.
 */
function programName(folder: string): string {
	try {
		const { name } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: unknown };
		if (typeof name === 'string' && name.trim()) return name.trim().replace(/^@[^/]+\//, '');
	} catch {
		// No package.json, or one that is not JSON: the folder names the program.
	}
	return basename(folder);
}

/**
 * The service a program documents: the folder init runs in, when that is inside the repository
 * but not its top and holds the new program (`init docs` in services/meter). Its code is then
 * that folder's, not the whole repository's.
 */
function serviceFolder(target: string, repository: string): string | undefined {
	// The working folder and git's top are both real paths (getcwd resolves links).
	let here = process.cwd();
	// A folder made for the docs alone (a Python or Go code base: `mkdir docs && cd docs && npm
	// init && npm install phasebook && npx phasebook init`) documents the code around it, not
	// itself: the folder above it is the service, or the whole repository at its top.
	if (here === target && docsOnly(here)) here = dirname(here);
	const inRepository = relative(repository, here);
	if (inRepository === '' || inRepository.startsWith('..') || isAbsolute(inRepository)) return undefined;
	const below = relative(here, target);
	return below.startsWith('..') || isAbsolute(below) ? undefined : here;
}

/** What npm leaves in a folder made to install Phasebook into: no code of its own. */
const INSTALL_FILES = new Set(['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'node_modules', '.npmrc', '.gitignore', '.nvmrc', '.node-version']);

/** What a documentation folder holds besides its pages: a site generator's settings and build files (Sphinx's conf.py and Makefile, GitHub Pages' CNAME). */
const DOCS_SETTINGS = new Set(['mkdocs.yml', 'mkdocs.yaml', '.readthedocs.yaml', '.readthedocs.yml', '_config.yml', 'book.toml', '.pages', '.nav.yml', 'conf.py', 'Makefile', 'make.bat', 'requirements.txt', 'CNAME', '.nojekyll', '.gitkeep', '.keep']);
const DOCS_FILE = /\.(?:md|mdx|markdown|rst|adoc|txt|png|jpe?g|gif|svg|webp|ico|css|pdf|inv)$/i;
/** A docs theme's own scripts and templates live in folders of these names (mkdocs' overrides/, Sphinx's _static/). */
const THEME_FOLDERS = new Set(['overrides', 'javascripts', 'js', 'stylesheets', 'css', 'assets', '_static', '_templates', 'theme', 'themes']);
const THEME_FILE = /\.(?:html|js|mjs|json|woff2?|ttf)$/i;

/**
 * Whether `folder` holds nothing but an npm install and documentation (pages, images, a docs
 * site's settings and theme, folders of them), and so no code of its own: the repository's
 * `docs/` of mkdocs or Sphinx pages, where a Python team installs Phasebook.
 */
function docsOnly(folder: string, depth = 0, theme = false): boolean {
	try {
		return readdirSync(folder, { withFileTypes: true }).every((entry) => {
			if (depth === 0 && INSTALL_FILES.has(entry.name)) return true;
			if (entry.isDirectory()) return depth < 6 && !entry.name.startsWith('.') && docsOnly(join(folder, entry.name), depth + 1, theme || THEME_FOLDERS.has(entry.name));
			return entry.isFile() && (DOCS_FILE.test(entry.name) || DOCS_SETTINGS.has(entry.name) || (theme && THEME_FILE.test(entry.name)));
		});
	} catch {
		return false;
	}
}

runCli('phasebook init', async () => {
	const { values, positionals } = parseCliArgs(
		{
			allowPositionals: true,
			options: { sample: { type: 'boolean' }, workflow: { type: 'boolean' }, help: { type: 'boolean' } },
		},
		usage,
	);
	if (values.help) {
		console.log(usage);
		return 0;
	}
	if (positionals.length > 1) throw new UserError(`Expected one folder, got ${positionals.length}`, usage);
	const target = resolve(positionals[0] ?? '.');
	if (existsSync(target) && !lstatSync(target).isDirectory()) throw new UserError(`${positionals[0]} exists and is not a folder`);
	const repository = git(existsSync(target) ? target : dirname(target), 'rev-parse', '--show-toplevel') ?? process.cwd();
	// A program made earlier, without the workflow: --workflow adds it alone.
	const made = existsSync(join(target, 'content/project.yaml')) && existsSync(join(target, 'astro.config.mjs'));
	if (values.workflow && made && !values.sample) return writeWorkflowOnly(target, repository);
	const templates = new Map([...readTree(join(PACKAGE, 'templates'))].filter(([file]) => file.endsWith('.mdx')));
	const service = serviceFolder(target, repository);
	const plan = planInit({
		name: programName(service ?? repository),
		...(service && { codePath: relative(target, service) || '.' }),
		templates,
		...(values.sample && { sample: readTree(join(PACKAGE, 'content')) }),
		...(values.workflow && { workflow: workflowInput(target, repository) }),
	});
	const firstPhase = values.sample ? undefined : 'content/phases/1.mdx';
	// A folder that has a .gitignore (the repository's root) keeps it: init names what it lacks.
	const ownIgnore = isFile(join(target, '.gitignore'));
	const writes: PlannedFile[] = plan.files.filter((file) => !(ownIgnore && file.path === '.gitignore'));
	const targets = writes.map((file) => join(target, file.path));
	if (firstPhase) targets.push(join(target, firstPhase));
	if (plan.workflow) targets.push(join(repository, plan.workflow.path));
	const taken = targets.find((path) => existsSync(path) || isLink(path));
	if (taken) throw new UserError(`${shown(taken)} already exists; not overwriting it, and nothing was written`);
	const other = occupied(target);
	if (other) throw new UserError(`${other}; make the program in a folder of its own (npx phasebook init docs). Nothing was written`);
	// A file where a folder of the plan belongs (content/, templates/) would stop the writes half-way.
	const folders = [...targets.map((path) => dirname(path)), ...plan.folders.map((folder) => join(target, folder))];
	const blocked = folders.map((folder) => notAFolder(folder)).find(Boolean);
	if (blocked) throw new UserError(`${shown(blocked)} exists and is not a folder; nothing was written`);
	// A folder of the plan that is a symbolic link (templates/ → elsewhere) would take the files out
	// of the program, wherever it leads: init writes only into folders it makes or finds real.
	const linked = folders.map((folder) => linkOnTheWay(folder, repository, target)).find(Boolean);
	if (linked) throw new UserError(linkedMessage(linked));

	const written: string[] = [];
	const write = async (path: string, content: string) => {
		await mkdir(dirname(path), { recursive: true });
		await writeFile(path, content, { flag: 'wx' });
		written.push(shown(path));
	};
	for (const file of writes) await write(join(target, file.path), file.content);
	for (const folder of plan.folders) await mkdir(join(target, folder), { recursive: true });
	if (plan.workflow) await write(join(repository, plan.workflow.path), plan.workflow.content);
	if (firstPhase) {
		const [{ program }, contracts] = await Promise.all([loadProgram(target), loadTemplates(target)]);
		const owner = git(target, 'config', 'user.name') ?? process.env.USER ?? 'unassigned';
		const { path } = await scaffold(target, program, contracts, { type: 'phase', title: 'First phase', owner, today: today() });
		written.push(relative(process.cwd(), join(target, path)));
	}
	const at = relative(process.cwd(), target);
	console.log(`phasebook init: created ${written.length} files${at ? ` in ${at}/` : ''}:`);
	for (const path of written) console.log(`  ${path}`);
	// Every git check reads this code: say which, so a wrong guess is seen before the first phase.
	const codeAt = relative(process.cwd(), service ?? repository);
	console.log(`\nThe program documents the code in ${codeAt === '' ? 'this folder' : `${codeAt}/`} (${service ? `code.path: ${relative(target, service) || '.'}` : 'the whole repository'}); if your code is elsewhere, change code.path in ${shown(join(target, 'content/project.yaml'))}.`);
	if (ownIgnore) {
		const ignore = shown(join(target, '.gitignore'));
		const missing = IGNORED.filter(({ example }) => !ignoredByGit(target, example));
		if (missing.length === 0) console.log(`\nKept ${ignore}, which already keeps the build output and caches out of git.`);
		else console.log(`\nKept ${ignore} as it is; add these lines to it to keep the build output and caches out of git:\n${missing.map(({ line }) => `  ${line}`).join('\n')}`);
	}
	const evidenceIgnored = await ignoredEvidence(target);
	if (evidenceIgnored) console.log(`\n${evidenceIgnored}`);
	console.log(`
Next${at ? `, in ${at}/` : ''}:
  npx phasebook check                  check the documents
  npx phasebook dev                    write with live reload
  npx phasebook new phase "<title>"    add a phase; also rca, handoff, review, changelog
  npx phasebook build                  build the site into dist/`);
	return 0;
});

/**
 * Whether the repository's ignore rules would keep a gate's runs out of git: a `coverage/` line
 * matches content/evidence/<phase>/coverage/, and the workflow's `git add` would skip every run.
 */
async function ignoredEvidence(target: string): Promise<string | undefined> {
	const { prefix } = await locateRepository(target);
	if (prefix === undefined) return undefined;
	for (const gate of ['unit', 'coverage', 'e2e', 'security']) {
		const rule = await ignoreRule(target, `content/evidence/1/${gate}/run.json`, prefix);
		if (!rule) continue;
		const { where, fix } = describeIgnoreRule(rule);
		return `Git would ignore the ${gate} gate’s runs (${where}), so CI’s runs would never be committed; ${fix}.`;
	}
	return undefined;
}

/** The package's workflow and where, from the repository's root, the program and its install are. */
function workflowInput(target: string, repository: string) {
	return {
		text: readFileSync(join(PACKAGE, '.github/workflows/phasebook.yml'), 'utf8'),
		programDir: relative(repository, target),
		installDir: relative(repository, installDir(target, repository) ?? target),
	};
}

/** `init --workflow` in a folder that holds a program already: the workflow, and nothing else. */
async function writeWorkflowOnly(target: string, repository: string): Promise<number> {
	const plan = planInit({
		name: programName(repository),
		templates: new Map(),
		workflow: workflowInput(target, repository),
	});
	const path = join(repository, plan.workflow!.path);
	if (existsSync(path) || isLink(path)) throw new UserError(`${shown(path)} already exists; not overwriting it, and nothing was written`);
	const blocked = notAFolder(dirname(path));
	if (blocked) throw new UserError(`${shown(blocked)} exists and is not a folder; nothing was written`);
	const linked = linkOnTheWay(dirname(path), repository, target);
	if (linked) throw new UserError(linkedMessage(linked));
	await mkdir(dirname(path), { recursive: true });
	await writeFile(path, plan.workflow!.content, { flag: 'wx' });
	const at = relative(process.cwd(), target);
	console.log(`phasebook init: ${at ? `the program in ${at}/` : 'the program here'} exists already; created ${shown(path)}`);
	return 0;
}

/** A regular file, not a link or a folder: a .gitignore that is anything else is in the way. */
function isFile(path: string): boolean {
	try {
		return lstatSync(path).isFile();
	} catch {
		return false;
	}
}

/** Whether git's ignore rules, as seen from `folder`, keep `path` out (false outside a repository). */
function ignoredByGit(folder: string, path: string): boolean {
	return spawnSync('git', ['check-ignore', '--quiet', '--no-index', path], { cwd: folder, stdio: 'ignore' }).status === 0;
}

function isLink(path: string): boolean {
	try {
		return lstatSync(path).isSymbolicLink();
	} catch {
		return false;
	}
}

// `phasebook init` from this checkout: what it writes, what it refuses, --sample and --workflow.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectSchema } from '../../src/core/schemas/index.ts';
import { REPO } from '../helpers/program.ts';

let repo: string;

function phasebook(cwd: string, ...args: string[]) {
	return spawnSync(process.execPath, [join(REPO, 'bin/phasebook.js'), ...args], {
		cwd,
		encoding: 'utf8',
		env: { ...process.env, NO_COLOR: '1', PHASEBOOK_TODAY: '2026-11-29' },
	});
}

beforeEach(() => {
	repo = mkdtempSync(join(tmpdir(), 'phasebook-init-'));
	execFileSync('git', ['init', '-q'], { cwd: repo });
	execFileSync('git', ['config', 'user.name', 'Ada Adopter'], { cwd: repo });
	writeFileSync(join(repo, 'package.json'), '{ "name": "app", "private": true }\n');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('phasebook init', () => {
	it('writes the short start, a first phase that passes the check, and the next commands', () => {
		const result = phasebook(repo, 'init', 'docs');
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toMatch(/^phasebook init: created 10 files in docs\/:\n/);
		expect(result.stdout).toContain('  docs/content/phases/1.mdx\n');
		expect(result.stdout).toContain('Next, in docs/:\n  npx phasebook check ');
		const phase = readFileSync(join(repo, 'docs/content/phases/1.mdx'), 'utf8');
		expect(phase).toMatch(/^---\nid: "1"\ntitle: "First phase"\n/);
		expect(phase).toContain('owners: ["Ada Adopter"]');
		expect(phase).toContain('start: 2026-11-29');
		for (const folder of ['rcas', 'handoffs', 'reviews', 'changelog', 'evidence']) {
			expect(readdirSync(join(repo, 'docs/content', folder))).toEqual([]);
		}
		expect(readFileSync(join(repo, 'docs/astro.config.mjs'), 'utf8')).toContain("integrations: [phasebook()]");
		// The repository's package names the program.
		expect(readFileSync(join(repo, 'docs/content/project.yaml'), 'utf8')).toMatch(/^name: "app"$/m);
		const check = phasebook(join(repo, 'docs'), 'check', '--format', 'json');
		expect(check.status, check.stdout + check.stderr).toBe(0);
		expect(JSON.parse(check.stdout).summary).toMatchObject({ errors: 0, documents: 1 });
	});

	// An adopter's attack: `init docs` in services/meter named the program after the repository's
	// package and documented the whole repository, so its inventory drafted services/billing/app.py.
	it('in a service folder, names the program after the service and limits its code to it', () => {
		mkdirSync(join(repo, 'services/meter/src'), { recursive: true });
		mkdirSync(join(repo, 'services/billing'), { recursive: true });
		writeFileSync(join(repo, 'services/meter/package.json'), '{ "name": "@acme/meter" }\n');
		writeFileSync(join(repo, 'services/meter/src/api.py'), 'x = 1\n');
		writeFileSync(join(repo, 'services/billing/app.py'), 'y = 1\n');
		const result = phasebook(join(repo, 'services/meter'), 'init', 'docs');
		expect(result.status, result.stderr).toBe(0);
		const settings = readFileSync(join(repo, 'services/meter/docs/content/project.yaml'), 'utf8');
		expect(settings).toMatch(/^name: "meter"$/m);
		expect(settings).toMatch(/^code:\n {2}path: \.\.$/m);
		execFileSync('git', ['add', '-A'], { cwd: repo });
		execFileSync('git', ['-c', 'user.email=a@example.com', 'commit', '-q', '-m', 'Start'], { cwd: repo });
		const draft = phasebook(join(repo, 'services/meter/docs'), 'inventory', '--phase', '1');
		expect(draft.status, draft.stderr).toBe(0);
		expect(draft.stdout).toContain('src/api.py');
		expect(draft.stdout).not.toContain('billing');
		// At the repository's top, the program documents the whole repository, as before.
		expect(phasebook(repo, 'init', 'docs').status).toBe(0);
		expect(readFileSync(join(repo, 'docs/content/project.yaml'), 'utf8')).not.toContain('code:');
	});

	// An adopter's attack: the README's way for a Python or Go code base (a docs folder made for an
	// npm install, `npx phasebook init` in it) named the program "docs" and set `code.path: .`, so
	// the docs folder was the code: its inventory listed package.json and left out src/f.py.
	it('in a folder made only to install Phasebook, documents the code around it', () => {
		rmSync(join(repo, 'package.json'));
		mkdirSync(join(repo, 'src'));
		writeFileSync(join(repo, 'src/f.py'), 'def f(): return 1\n');
		for (const docs of ['docs', 'services/meter/docs']) {
			mkdirSync(join(repo, docs, 'node_modules'), { recursive: true });
			writeFileSync(join(repo, docs, 'package.json'), '{ "name": "docs" }\n');
			writeFileSync(join(repo, docs, 'package-lock.json'), '{}\n');
			expect(phasebook(join(repo, docs), 'init').status).toBe(0);
		}
		const top = readFileSync(join(repo, 'docs/content/project.yaml'), 'utf8');
		expect(top).toMatch(new RegExp(`^name: "${basename(repo)}"$`, 'm'));
		expect(top).not.toContain('code:');
		// In a service's folder, the service's code.
		writeFileSync(join(repo, 'services/meter/package.json'), '{ "name": "@acme/meter" }\n');
		const service = readFileSync(join(repo, 'services/meter/docs/content/project.yaml'), 'utf8');
		expect(service).toMatch(/^code:\n {2}path: \.\.$/m);
		expect(service).toMatch(/^name: "meter"$/m);
		execFileSync('git', ['add', '-A'], { cwd: repo });
		execFileSync('git', ['-c', 'user.email=a@example.com', 'commit', '-q', '-m', 'Start'], { cwd: repo });
		const draft = phasebook(join(repo, 'docs'), 'inventory', '--phase', '1');
		expect(draft.status, draft.stderr).toBe(0);
		expect(draft.stdout).toContain('src/f.py');
		expect(draft.stdout).not.toMatch(/^\| `docs\//m); // the program's own files
		// A folder with code of its own is the service: `npx phasebook init` in it documents it.
		mkdirSync(join(repo, 'api'));
		writeFileSync(join(repo, 'api/package.json'), '{ "name": "api" }\n');
		writeFileSync(join(repo, 'api/main.py'), 'x = 1\n');
		const api = phasebook(join(repo, 'api'), 'init');
		expect(api.status).toBe(0);
		expect(readFileSync(join(repo, 'api/content/project.yaml'), 'utf8')).toMatch(/^code:\n {2}path: \.$/m);
		// init says which code it took, so a wrong guess is seen at once.
		expect(api.stdout).toContain('\nThe program documents the code in this folder (code.path: .); if your code is elsewhere, change code.path in content/project.yaml.\n');
	});

	// An adopter's attack: a repository whose docs/ holds its mkdocs pages. The README's way for a
	// Python code base (npm install and init in docs/) took the pages for the code.
	it('in a documentation folder (mkdocs pages, images, settings), documents the code around it', () => {
		rmSync(join(repo, 'package.json'));
		mkdirSync(join(repo, 'meter'));
		writeFileSync(join(repo, 'meter/avg.py'), 'def avg(xs): return sum(xs) / len(xs)\n');
		mkdirSync(join(repo, 'docs/guide/img'), { recursive: true });
		writeFileSync(join(repo, 'mkdocs.yml'), 'site_name: Meter\n');
		writeFileSync(join(repo, 'docs/index.md'), '# Meter\n');
		writeFileSync(join(repo, 'docs/guide/start.md'), '# Start\n');
		writeFileSync(join(repo, 'docs/guide/img/flow.png'), 'png');
		writeFileSync(join(repo, 'docs/package.json'), '{ "name": "docs" }\n');
		const docs = phasebook(join(repo, 'docs'), 'init');
		expect(docs.status, docs.stderr).toBe(0);
		const project = readFileSync(join(repo, 'docs/content/project.yaml'), 'utf8');
		expect(project).not.toContain('code:');
		expect(project).toMatch(new RegExp(`^name: "${basename(repo)}"$`, 'm'));
		expect(docs.stdout).toContain(`\nThe program documents the code in ../ (the whole repository); if your code is elsewhere, change code.path in content/project.yaml.\n`);
		// Sphinx's docs/ (conf.py, Makefile, _static/) and a mkdocs theme's overrides/ are documentation too.
		rmSync(join(repo, 'docs'), { recursive: true, force: true });
		mkdirSync(join(repo, 'docs/_static'), { recursive: true });
		mkdirSync(join(repo, 'docs/overrides/partials'), { recursive: true });
		for (const [file, text] of [['docs/conf.py', 'project = "meter"\n'], ['docs/Makefile', 'html:\n'], ['docs/index.rst', 'Meter\n=====\n'], ['docs/_static/extra.js', ''], ['docs/overrides/partials/footer.html', '<p></p>'], ['docs/.nojekyll', ''], ['docs/package.json', '{ "name": "docs" }\n']]) writeFileSync(join(repo, file!), text!);
		expect(phasebook(join(repo, 'docs'), 'init').status).toBe(0);
		expect(readFileSync(join(repo, 'docs/content/project.yaml'), 'utf8')).not.toContain('code:');
		// A folder with code in it is no documentation folder.
		mkdirSync(join(repo, 'site/scripts'), { recursive: true });
		writeFileSync(join(repo, 'site/index.md'), '# Site\n');
		writeFileSync(join(repo, 'site/scripts/build.py'), 'x = 1\n');
		expect(phasebook(join(repo, 'site'), 'init').status).toBe(0);
		expect(readFileSync(join(repo, 'site/content/project.yaml'), 'utf8')).toMatch(/^code:\n {2}path: \.$/m);
	});

	// An attack: with docs/templates a link to a folder elsewhere, init wrote the five templates
	// there, then failed on them and left a half-made program.
	it('refuses a folder of the program that is a symbolic link, before writing anything', () => {
		const outside = mkdtempSync(join(tmpdir(), 'phasebook-outside-'));
		mkdirSync(join(repo, 'docs'));
		symlinkSync(outside, join(repo, 'docs/templates'));
		const result = phasebook(repo, 'init', 'docs');
		expect(result.status).toBe(1);
		expect(result.stderr).toBe(`phasebook init: docs/templates is a symbolic link (to ${outside}); init writes only into real folders of the program, so it would write elsewhere. Remove the link, or init into another folder. Nothing was written\n`);
		expect(readdirSync(outside)).toEqual([]);
		expect(readdirSync(join(repo, 'docs'))).toEqual(['templates']);
		// The workflow's folder likewise.
		rmSync(join(repo, 'docs'), { recursive: true });
		symlinkSync(outside, join(repo, '.github'));
		const workflow = phasebook(repo, 'init', 'docs', '--workflow');
		expect([workflow.status, workflow.stderr]).toEqual([1, `phasebook init: .github is a symbolic link (to ${outside}); init writes only into real folders of the program, so it would write elsewhere. Remove the link, or init into another folder. Nothing was written\n`]);
		expect(readdirSync(outside)).toEqual([]);
		expect(existsSync(join(repo, 'docs'))).toBe(false);
		// A link above the program's folder (an attack: `init docs/sub/prog` with docs/sub leading
		// elsewhere wrote the whole program there).
		rmSync(join(repo, '.github'));
		mkdirSync(join(repo, 'docs'));
		symlinkSync(outside, join(repo, 'docs/sub'));
		const above = phasebook(repo, 'init', 'docs/sub/prog');
		expect([above.status, above.stderr]).toEqual([1, `phasebook init: docs/sub is a symbolic link (to ${outside}); init writes only into real folders of the program, so it would write elsewhere. Remove the link, or init into another folder. Nothing was written\n`]);
		expect(readdirSync(outside)).toEqual([]);
		rmSync(outside, { recursive: true });
	});

	// `new … --root docs` printed content/rcas/rca-0001.mdx, a file that is not there from where it ran.
	it('new prints the path of what it wrote from where it was run', () => {
		expect(phasebook(repo, 'init', 'docs').status).toBe(0);
		const fromRepo = phasebook(repo, 'new', 'rca', 'Queue stalls', '--phase', '1', '--root', 'docs');
		expect([fromRepo.status, fromRepo.stdout]).toEqual([0, 'docs/content/rcas/rca-0001.mdx\n']);
		const fromDocs = phasebook(join(repo, 'docs'), 'new', 'rca', 'Queue stalls again', '--phase', '1');
		expect([fromDocs.status, fromDocs.stdout]).toEqual([0, 'content/rcas/rca-0002.mdx\n']);
	});

	it('refuses when any file it would write exists, names it, and writes nothing', () => {
		mkdirSync(join(repo, 'docs/content'), { recursive: true });
		writeFileSync(join(repo, 'docs/content/tasks.yaml'), 'tasks: [] # ours\n');
		const result = phasebook(repo, 'init', 'docs');
		expect(result.status).toBe(1);
		expect(result.stderr).toBe('phasebook init: docs/content/tasks.yaml already exists; not overwriting it, and nothing was written\n');
		expect(readFileSync(join(repo, 'docs/content/tasks.yaml'), 'utf8')).toBe('tasks: [] # ours\n');
		expect(existsSync(join(repo, 'docs/astro.config.mjs'))).toBe(false);
		expect(existsSync(join(repo, 'docs/templates'))).toBe(false);
	});

	// At a repository's root there is a .gitignore already: init refused, so `init .` could not be used.
	it("keeps a .gitignore the folder has, unchanged, and names the lines it lacks", () => {
		writeFileSync(join(repo, '.gitignore'), '# ours\nnode_modules\ndist\n');
		const result = phasebook(repo, 'init');
		expect(result.status, result.stderr).toBe(0);
		expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toBe('# ours\nnode_modules\ndist\n');
		expect(result.stdout).not.toContain('  .gitignore\n');
		expect(result.stdout).toContain(
			'\nKept .gitignore as it is; add these lines to it to keep the build output and caches out of git:\n  .phasebook/\n  .astro/\n  .*.phasebook-old-*\n  content/evidence/**/.*.tmp\n  /phase-*.pdf\n',
		);
		expect(existsSync(join(repo, 'content/phases/1.mdx'))).toBe(true);
	});

	it('says so when the .gitignore it keeps covers everything already', () => {
		mkdirSync(join(repo, 'docs'));
		writeFileSync(join(repo, '.gitignore'), 'dist/\n.phasebook/\n.astro/\nnode_modules/\n.*.phasebook-old-*\n*.tmp\n*.pdf\n');
		writeFileSync(join(repo, 'docs/.gitignore'), '# docs\n');
		const result = phasebook(repo, 'init', 'docs');
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toContain('\nKept docs/.gitignore, which already keeps the build output and caches out of git.\n');
		expect(readFileSync(join(repo, 'docs/.gitignore'), 'utf8')).toBe('# docs\n');
	});

	// A `coverage/` line, common in code repositories, also matches content/evidence/<phase>/coverage/.
	it('says when the repository would ignore a gate’s runs, and the line that keeps them', () => {
		writeFileSync(join(repo, '.gitignore'), 'node_modules/\ncoverage/\n');
		const result = phasebook(repo, 'init', 'docs');
		expect(result.status, result.stderr).toBe(0);
		expect(result.stdout).toContain(
			'\nGit would ignore the coverage gate’s runs (line 2 of .gitignore, "coverage/"), so CI’s runs would never be committed; add the line !/docs/content/evidence/** after it.\n',
		);
		expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toBe('node_modules/\ncoverage/\n');
		writeFileSync(join(repo, '.gitignore'), 'node_modules/\n');
		expect(phasebook(repo, 'init', 'other').stdout).not.toContain('Git would ignore');
	});

	it('refuses a file where a folder it would write into belongs, names it, and writes nothing', () => {
		mkdirSync(join(repo, 'docs'), { recursive: true });
		writeFileSync(join(repo, 'docs/content'), 'not a folder\n');
		const result = phasebook(repo, 'init', 'docs');
		expect([result.status, result.stdout]).toEqual([1, '']);
		expect(result.stderr).toBe('phasebook init: docs/content exists and is not a folder; nothing was written\n');
		expect(readdirSync(join(repo, 'docs'))).toEqual(['content']);
		expect(readFileSync(join(repo, 'docs/content'), 'utf8')).toBe('not a folder\n');
	});

	it('--sample writes the full sample program instead of the short start', () => {
		const result = phasebook(repo, 'init', 'docs', '--sample');
		expect(result.status, result.stderr).toBe(0);
		const phases = readdirSync(join(repo, 'docs/content/phases')).sort();
		expect(phases).toEqual(readdirSync(join(REPO, 'content/phases')).sort());
		expect(readFileSync(join(repo, 'docs/content/project.yaml'), 'utf8')).toBe(readFileSync(join(REPO, 'content/project.yaml'), 'utf8'));
	});

	it('--workflow writes the workflow at the repository root with the folders filled in', () => {
		mkdirSync(join(repo, 'services/api'), { recursive: true });
		const result = phasebook(join(repo, 'services/api'), 'init', 'docs', '--workflow');
		expect(result.status, result.stderr).toBe(0);
		const workflow = readFileSync(join(repo, '.github/workflows/phasebook.yml'), 'utf8');
		expect(workflow).toMatch(/^ {2}PHASEBOOK_DIR: services\/api\/docs$/m);
		expect(workflow).toMatch(/^ {2}INSTALL_DIR: \.$/m);
		expect(workflow).toContain('run: npx phasebook build --strict');
		// The check of a pull request is as strict as the build after it, and both jobs that build keep
		// the cache of diagrams and git's answers between runs, with the secret that makes it trusted.
		type Step = { uses?: string; run?: string; with?: Record<string, string> };
		const parsed = parse(workflow) as { env: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
		expect(parsed.jobs['check']!.steps.map((s) => s.run).filter((r) => r?.startsWith('npx phasebook'))).toEqual(['npx phasebook check --strict', 'npx phasebook build --strict']);
		for (const job of ['check', 'site']) {
			expect(parsed.jobs[job]!.steps.find((s) => s.uses?.startsWith('actions/cache@'))?.with?.['path'], job).toBe('${{ env.PHASEBOOK_DIR }}/.phasebook/cache');
		}
		expect(parsed.env['PHASEBOOK_CACHE_SECRET']).toBe('${{ secrets.PHASEBOOK_CACHE_SECRET }}');
	});

	it('defines the gates the workflow records, so a phase can become ready from CI alone', () => {
		expect(phasebook(repo, 'init', 'docs', '--workflow').status).toBe(0);
		const workflow = readFileSync(join(repo, '.github/workflows/phasebook.yml'), 'utf8');
		const recorded = [...workflow.matchAll(/^ +record \S+ (\S+)$/gm)].map((m) => m[1]);
		const settings = readFileSync(join(repo, 'docs/content/project.yaml'), 'utf8');
		const ids = (text: string) => (parse(text) as { gates: { id: string; requiredFor: unknown }[] }).gates.map((g) => g.id);
		// Every gate required of a phase is one the workflow records a report for.
		expect(ids(settings).every((id) => recorded.includes(id))).toBe(true);
		expect(ids(settings)).toEqual(['unit', 'coverage']);
		// The others it records are there to uncomment, and valid when they are.
		const uncommented = settings.replace(/^ {2}# (- |  )(?=[a-z]+:)/gm, '  $1');
		expect(ids(uncommented).sort()).toEqual([...recorded].sort());
		expect(projectSchema.safeParse(parse(uncommented)).success).toBe(true);
	});

	it('names the program after the package without its scope, or after the repository\'s folder when it has no package name', () => {
		writeFileSync(join(repo, 'package.json'), '{ "name": "@acme/tempwatch" }\n');
		expect(phasebook(repo, 'init', 'a').status).toBe(0);
		expect(readFileSync(join(repo, 'a/content/project.yaml'), 'utf8')).toMatch(/^name: "tempwatch"$/m);
		writeFileSync(join(repo, 'package.json'), 'not json\n');
		expect(phasebook(repo, 'init', 'b').status).toBe(0);
		expect(readFileSync(join(repo, 'b/content/project.yaml'), 'utf8')).toMatch(/^name: "phasebook-init-\w+"$/m);
	});

	// An adopter's attack: beside a team's astro.config.ts, init added astro.config.mjs, which Astro
	// reads first, so the team's own `astro build` built Phasebook's site; and a content/ of the
	// team's became the program's, whose check then failed on the team's files.
	it('refuses a folder that is another Astro site, or whose content/ holds files of its own, and writes nothing', () => {
		const refused = (setup: Record<string, string>, message: string) => {
			const dir = mkdtempSync(join(repo, 'site-'));
			for (const [path, text] of Object.entries(setup)) {
				mkdirSync(join(dir, path, '..'), { recursive: true });
				writeFileSync(join(dir, path), text);
			}
			const result = phasebook(dir, 'init');
			expect([result.status, result.stdout, result.stderr]).toEqual([1, '', `phasebook init: ${message}; make the program in a folder of its own (npx phasebook init docs). Nothing was written\n`]);
			expect(readdirSync(dir).sort()).toEqual([...new Set(Object.keys(setup).map((p) => p.split('/')[0]!))].sort());
		};
		refused({ 'astro.config.ts': 'export default {};\n' }, "astro.config.ts is another Astro site's configuration: Astro would build one site or the other, not both");
		refused({ 'src/pages/index.astro': '<h1>Acme</h1>\n' }, "src/pages holds another site's pages, which Phasebook's build would publish over its own");
		refused({ 'content/blog/hello.md': '# Hello\n' }, "content holds files of its own (content/blog/hello.md), which Phasebook's check would refuse as documents it does not know");
		// Beside them, in a folder of its own, it is at home.
		expect(phasebook(repo, 'init', 'docs').status).toBe(0);
	});

	// After `init docs`, `init docs --workflow` refused: docs/astro.config.mjs was there.
	it('--workflow in a folder that holds a program writes the workflow alone', () => {
		expect(phasebook(repo, 'init', 'docs').status).toBe(0);
		const before = readdirSync(join(repo, 'docs'), { recursive: true }).sort();
		const result = phasebook(repo, 'init', 'docs', '--workflow');
		expect([result.status, result.stdout]).toEqual([0, 'phasebook init: the program in docs/ exists already; created .github/workflows/phasebook.yml\n']);
		expect(readFileSync(join(repo, '.github/workflows/phasebook.yml'), 'utf8')).toMatch(/^ {2}PHASEBOOK_DIR: docs$/m);
		expect(readdirSync(join(repo, 'docs'), { recursive: true }).sort()).toEqual(before);
		const again = phasebook(repo, 'init', 'docs', '--workflow');
		expect([again.status, again.stderr]).toEqual([1, 'phasebook init: .github/workflows/phasebook.yml already exists; not overwriting it, and nothing was written\n']);
	});

	// In npm workspaces the member has a package.json and no lock file: setup-node failed on
	// docs/package-lock.json. A folder name with a # or a colon made the workflow other YAML.
	it('--workflow installs where the lock file is, and quotes a folder YAML would read otherwise', () => {
		writeFileSync(join(repo, 'package-lock.json'), '{}\n');
		mkdirSync(join(repo, 'docs #1'));
		writeFileSync(join(repo, 'docs #1/package.json'), '{ "name": "docs" }\n');
		const result = phasebook(repo, 'init', 'docs #1', '--workflow');
		expect(result.status, result.stderr).toBe(0);
		const workflow = readFileSync(join(repo, '.github/workflows/phasebook.yml'), 'utf8');
		expect((parse(workflow) as { env: Record<string, string> }).env).toMatchObject({ PHASEBOOK_DIR: 'docs #1', INSTALL_DIR: '.' });
		// A member with a lock file of its own installs there.
		rmSync(join(repo, '.github'), { recursive: true });
		writeFileSync(join(repo, 'docs #1/package-lock.json'), '{}\n');
		expect(phasebook(repo, 'init', 'docs #1', '--workflow').status).toBe(0);
		expect((parse(readFileSync(join(repo, '.github/workflows/phasebook.yml'), 'utf8')) as { env: Record<string, string> }).env.INSTALL_DIR).toBe('docs #1');
	});

	// `phasebook init --sample | head -1` printed an EPIPE stack trace and exited 1.
	it('goes on, unprinted and without a stack trace, when its reader closes the pipe', async () => {
		const child = spawn(process.execPath, [join(REPO, 'bin/phasebook.js'), 'init', 'docs', '--sample'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout.destroy();
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const code = await new Promise((done) => child.on('close', done));
		expect([code, stderr]).toEqual([0, '']);
		expect(readdirSync(join(repo, 'docs/content/phases')).sort()).toEqual(readdirSync(join(REPO, 'content/phases')).sort());
	});

	it('refuses a second folder argument and unknown options with the usage', () => {
		const two = phasebook(repo, 'init', 'a', 'b');
		expect(two.status).toBe(1);
		expect(two.stderr).toMatch(/^phasebook init: Expected one folder, got 2\nUsage: phasebook init/);
		const unknown = phasebook(repo, 'init', '--force');
		expect(unknown.status).toBe(1);
		expect(unknown.stderr).toMatch(/^phasebook init: Unknown option '--force'/);
		expect(readdirSync(repo).sort()).toEqual(['.git', 'package.json']);
	});
});

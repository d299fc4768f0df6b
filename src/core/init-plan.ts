// What `phasebook init` writes into a new program folder: settings, templates, a first phase and
// the site's astro.config.mjs. Pure: the command reads the package's files and writes the plan.

export interface PlannedFile {
	/** Relative to the program folder (or, for the workflow, to the repository root). */
	path: string;
	content: string;
}

export interface InitPlan {
	files: PlannedFile[];
	/** Collection folders to create empty. */
	folders: string[];
	/** The workflow, relative to the repository root, when asked for. */
	workflow?: PlannedFile;
}

export interface InitInput {
	/** The program's name, for project.yaml. */
	name: string;
	/** code.path for project.yaml, from the program's folder (`..`): the service folder init ran in, when that is not the repository's top. */
	codePath?: string;
	/** templates/<type>.mdx of the package, by file name. */
	templates: Map<string, string>;
	/** The first phase, scaffolded from the phase template (the short start), or undefined with a sample. */
	firstPhase?: PlannedFile;
	/** The sample program's content/ files, relative to content/ (with --sample). */
	sample?: Map<string, string>;
	/** The package's workflow and where the program and its package.json are, from the repository root. */
	workflow?: { text: string; programDir: string; installDir: string };
}

const COLLECTIONS = ['phases', 'rcas', 'handoffs', 'reviews', 'changelog', 'evidence'];

const ASTRO_CONFIG = `// @ts-check
// The site of this program: Phasebook's integration builds every page from content/ and templates/.
import phasebook from 'phasebook';
import { defineConfig } from 'astro/config';

export default defineConfig({ integrations: [phasebook()] });
`;

/**
 * The lines of the .gitignore init writes, each with a path it keeps out of git: where the folder
 * has a .gitignore of its own, init keeps it and names the lines it does not cover yet.
 */
export const IGNORED: readonly { line: string; example: string; note?: string }[] = [
	{ line: 'dist/', example: 'dist/index.html', note: 'Written by phasebook build and its caches' },
	{ line: '.phasebook/', example: '.phasebook/cache' },
	{ line: '.astro/', example: '.astro/types.d.ts' },
	{ line: 'node_modules/', example: 'node_modules/phasebook' },
	{ line: '.*.phasebook-old-*', example: '.dist.phasebook-old-1', note: 'Left only by a build or an import that was killed part-way; the next run removes them' },
	{ line: 'content/evidence/**/.*.tmp', example: 'content/evidence/1/.unit.json.tmp' },
	{ line: '/phase-*.pdf', example: 'phase-1.pdf', note: 'Sign-off packs printed by phasebook pdf (remove this line to commit them)' },
];

const GITIGNORE = `${IGNORED.flatMap(({ line, note }) => (note ? [`# ${note}`, line] : [line])).join('\n')}\n`;

const yamlString = (value: string) => JSON.stringify(value);

/** A folder as a YAML value: as written when plain, else quoted (`docs #1` would end at the #, `api: docs` is a mapping). */
const yamlScalar = (text: string) => (/^[\w./-]+$/.test(text) ? text : JSON.stringify(text));

/** The description init writes for the team to replace: the check warns while it stands. */
export const SAMPLE_DESCRIPTION = 'What this program delivers, in one or two sentences.';

function projectYaml(name: string, codePath?: string): string {
	const code = codePath === undefined ? '' : `# The code this program documents, from this folder: the folder phasebook init ran in.
code:
  path: ${yamlScalar(codePath)}
`;
	return `# Program settings: gates, coverage threshold and KPIs (see Phasebook's README, "Gates, evidence and readiness").
name: ${yamlString(name)}
description: ${SAMPLE_DESCRIPTION}
coverageThreshold: 85
${code}# The gates whose reports the workflow (phasebook init --workflow) records on every push to main.
gates:
  - id: unit
    title: Unit tests
    layer: unit
    rule: tests
    requiredFor: all
  - id: coverage
    title: Coverage
    layer: unit
    rule: coverage
    requiredFor: all
  # Uncomment when your tests job writes reports/e2e.json (Playwright) or reports/trivy.sarif:
  # the workflow records them too, and a report for a gate that is not here fails its import.
  # - id: e2e
  #   title: End-to-end tests
  #   layer: e2e
  #   rule: tests
  #   requiredFor: all
  # - id: security
  #   title: Security scan
  #   layer: security
  #   rule: findings
  #   requiredFor: all
kpis: []
`;
}

const TASKS_YAML = `# The task board: follow-up tasks that deferred items and carry-overs point to.
tasks: []
`;

/** The files of a new program folder; with a sample, the sample's content instead of the short start. */

export function planInit(input: InitInput): InitPlan {
	const files: PlannedFile[] = [
		{ path: 'astro.config.mjs', content: ASTRO_CONFIG },
		{ path: '.gitignore', content: GITIGNORE },
		...[...input.templates].map(([file, content]) => ({ path: `templates/${file}`, content })),
	];
	if (input.sample) {
		for (const [file, content] of input.sample) files.push({ path: `content/${file}`, content });
	} else {
		files.push({ path: 'content/project.yaml', content: projectYaml(input.name, input.codePath) });
		files.push({ path: 'content/tasks.yaml', content: TASKS_YAML });
		if (input.firstPhase) files.push(input.firstPhase);
	}
	const plan: InitPlan = { files, folders: COLLECTIONS.map((c) => `content/${c}`) };
	if (input.workflow) {
		const { text, programDir, installDir } = input.workflow;
		plan.workflow = {
			path: '.github/workflows/phasebook.yml',
			content: text
				.replace(/^(\s*PHASEBOOK_DIR:) .*$/m, `$1 ${yamlScalar(programDir || '.')}`)
				.replace(/^(\s*INSTALL_DIR:) .*$/m, `$1 ${yamlScalar(installDir || '.')}`),
		};
	}
	return plan;
}

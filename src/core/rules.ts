// The rule registry: every rule id Phasebook reports, what it reports, and its README section.

export interface Rule {
	/** One line: what a finding of this rule means. */
	description: string;
	/** The heading in README.md's rule reference that lists the rule. */
	anchor: string;
}

/**
 * The README as published with the package. Astro's errors-data.ts and remark-lint both link
 * every error to its documentation; the README is Phasebook's only one, so rules link there.
 */
export const RULES_DOCUMENT = 'https://www.npmjs.com/package/phasebook';

const file = 'file-rules';
const frontmatter = 'frontmatter-rules';
const sections = 'section-rules';
const references = 'reference-rules';
const consistency = 'consistency-rules';
const mdx = 'mdx-rules';
const evidence = 'evidence-rules';
const code = 'code-rules';
const claims = 'claim-rules';
const diagrams = 'diagram-rules';
const commands = 'command-errors';

/** Every rule id the code can emit; `finding()` takes only these, so TypeScript rejects others. */
export const rules = {
	'file/empty': { description: 'A document file is empty', anchor: file },
	'file/encoding': { description: 'A document is binary or not UTF-8 text', anchor: file },
	'file/too-large': { description: 'A document is over the 10 MB limit', anchor: file },
	'file/hidden': { description: 'A document whose name starts with a dot, which nothing reads', anchor: file },
	'file/stray': {
		description: 'A file that is not where its kind belongs: not a document in a collection folder, a document outside them, a file in a folder\'s place',
		anchor: file,
	},
	'file/missing': {
		description: 'The project settings or the task list file is missing',
		anchor: file,
	},
	'file/unreadable': { description: 'A file the check may not read', anchor: file },
	'file/special': {
		description: 'A named pipe, socket, device or folder where a file belongs',
		anchor: file,
	},
	'file/symlink': { description: 'A symbolic link leads out of the project', anchor: file },
	'frontmatter/missing': { description: 'A document has no YAML frontmatter', anchor: frontmatter },
	'frontmatter/yaml': {
		description: 'Frontmatter or a settings file is not valid YAML',
		anchor: frontmatter,
	},
	'frontmatter/schema': {
		description: "A field is missing, mistyped or unknown for the document's type",
		anchor: frontmatter,
	},
	'frontmatter/placeholder': {
		description: "A field still holds its template's sample sentence",
		anchor: frontmatter,
	},
	'sections/required': {
		description: "A section the type's template requires is missing",
		anchor: sections,
	},
	'sections/empty': { description: 'A required section has no content', anchor: sections },
	'sections/order': { description: "A section is out of the template's order", anchor: sections },
	'sections/diagram': { description: 'A diagram section has no mermaid block', anchor: sections },
	'sections/unexpected': {
		description: 'A section is not one the template allows',
		anchor: sections,
	},
	'sections/duplicate': { description: 'A section appears twice', anchor: sections },
	'references/duplicate-id': {
		description: 'Two documents, tasks or gates share an id',
		anchor: references,
	},
	'references/gate-dropped': {
		description: "A phase's gates leave out a gate project.yaml requires of it",
		anchor: references,
	},
	'references/gate': {
		description: "A phase's gates entry names no gate of project.yaml",
		anchor: references,
	},
	'references/phase': {
		description: 'A document, task or allowlist entry names an unknown phase',
		anchor: references,
	},
	'references/depends-on': {
		description: 'A dependsOn entry names an unknown phase',
		anchor: references,
	},
	'references/required-for': {
		description: "A gate's requiredFor names an unknown phase",
		anchor: references,
	},
	'references/cycle': { description: 'Phases depend on each other in a cycle', anchor: references },
	'references/requirement-id': {
		description: "A requirement id does not match the project's pattern",
		anchor: references,
	},
	'references/requirement-duplicate': {
		description: 'Two phases define the same requirement',
		anchor: references,
	},
	'references/requirement': {
		description: 'An RCA names a requirement no phase defines',
		anchor: references,
	},
	'references/task': { description: 'A deferred item names an unknown task', anchor: references },
	'references/change-inventory': {
		description:
			"The change-inventory table is missing, incomplete or names another phase's requirement",
		anchor: references,
	},
	'references/link': {
		description: 'A link points to no page of the site and no file of the project',
		anchor: references,
	},
	'references/anchor': {
		description: "A link's #fragment names no heading of the document it leads to",
		anchor: references,
	},
	'references/route': { description: 'Two ids map to the same page of the site', anchor: references },
	'consistency/done-without-handoff': {
		description: 'A done phase has no handoff',
		anchor: consistency,
	},
	'consistency/resolved-date': {
		description: 'A resolved RCA has no valid resolved date, or an RCA not resolved has one',
		anchor: consistency,
	},
	'consistency/sign-off-date': {
		description: 'An approval or a final handoff is dated before its phase started',
		anchor: consistency,
	},
	'consistency/not-ready': {
		description: 'A done phase is not ready to pass its gate',
		anchor: consistency,
	},
	'mdx/nesting': {
		description: "A document nests deeper than the build's Markdown parser can take",
		anchor: mdx,
	},
	'mdx/syntax': { description: "The build's MDX compiler rejects a document", anchor: mdx },
	'mdx/component': { description: 'A document uses a component it neither imports nor defines', anchor: mdx },
	'mdx/import': { description: 'A document imports a relative path that names no file', anchor: mdx },
	'mdx/expression': { description: 'An expression in a document names what it neither imports nor defines', anchor: mdx },
	'mdx/code': {
		description: 'A document carries code: import/export, an event handler or a script',
		anchor: mdx,
	},
	'evidence/schema': {
		description: 'An evidence run file does not match the schema',
		anchor: evidence,
	},
	'evidence/reference': {
		description: 'An evidence run names an unknown phase or gate',
		anchor: evidence,
	},
	'evidence/leftover': {
		description: 'A temporary file left under content/evidence by an interrupted import',
		anchor: evidence,
	},
	'evidence/import': {
		description: 'A report cannot be imported as evidence (unreadable, malformed, wrong arguments)',
		anchor: evidence,
	},
	'git/unavailable': { description: 'The git checks were skipped, and why', anchor: code },
	'git/staged': { description: 'With check --changed: a file whose staged version differs from the working tree, which the check read', anchor: code },
	'git/range': { description: "A pinned range end is not a commit of the repository, a range runs backwards, or a pinned start reaches back past another phase's release", anchor: code },
	'inventory/ghost': {
		description: 'A change-inventory row names a file that does not exist in the range',
		anchor: code,
	},
	'inventory/unchanged': { description: 'A listed file is unchanged in the range', anchor: code },
	'inventory/not-code': {
		description: "A listed file is the program's own or excluded by code.exclude, never a code change",
		anchor: code,
	},
	'inventory/change': { description: "A change-inventory row's Change text contradicts what git did to the file", anchor: code },
	'inventory/unlisted': {
		description: 'Files changed in the range are missing from the change inventory',
		anchor: code,
	},
	'artifacts/missing': {
		description: 'A deliverable or task artifact does not exist at the end of the range',
		anchor: code,
	},
	'artifacts/unchanged': {
		description: "A done deliverable's artifact is code the phase's range did not change",
		anchor: code,
	},
	'reviews/location': {
		description: "A review finding's location is not a line of a file of the code",
		anchor: code,
	},
	'reviews/fixed': {
		description: 'A review finding marked fixed points at a file no commit changed since the review',
		anchor: code,
	},
	'release/tag': { description: "A release's tag is not in git", anchor: code },
	'evidence/coverage-files': {
		description: "A gate's judged coverage run no longer measures a file of the code its run before measured",
		anchor: evidence,
	},
	'evidence/commits': {
		description: "A phase's gates judged different commits, or one outside its range",
		anchor: code,
	},
	'claims/coverage-verdict': {
		description: "A handoff's coverage verdict contradicts the computed one",
		anchor: claims,
	},
	'claims/on-track': {
		description: "A handoff's on-track call is rosier than the computed one",
		anchor: claims,
	},
	'claims/review-readiness': {
		description: "A review's readiness contradicts the computed verdict",
		anchor: claims,
	},
	'claims/kpi': { description: "A KPI's current value contradicts the evidence", anchor: claims },
	'claims/approvals': { description: 'A done phase has no approvals', anchor: claims },
	'release/not-ready': { description: 'A release, or a released changelog entry, on a phase that is not ready', anchor: claims },
	'release/approval': { description: 'A release on a phase without an approval', anchor: claims },
	'release/changelog': { description: "A release's version has no changelog entry, or its entry is still a draft", anchor: claims },
	'release/phase': { description: 'A released changelog entry names a phase that records no release', anchor: claims },
	'release/duplicate': { description: 'Two phases release the same version', anchor: claims },
	'release/regression': {
		description: "A closed RCA detected after its phase's release whose regression test is missing from, or fails in, the evidence recorded since",
		anchor: claims,
	},
	'release/detected': {
		description: "An RCA dated as detected after its phase's release was already in the repository at the release's tag",
		anchor: claims,
	},
	'release/settings': {
		description: "A released phase's release commit holds a project.yaml that no longer reads as valid, so today's settings judge it",
		anchor: claims,
	},
	'release/date': { description: "A released changelog entry is dated before the commit its release ships", anchor: claims },
	'schedule/dependency': {
		description: 'A phase is planned to start before a phase it depends on ends',
		anchor: claims,
	},
	'schedule/actual-start': {
		description: "A released phase's window.actualStart after the first commit of its own code in its range",
		anchor: claims,
	},
	'schedule/future': { description: 'Something the documents say has happened is dated after today', anchor: claims },
	'diagrams/syntax': { description: 'A mermaid diagram has a syntax error', anchor: diagrams },
	'diagrams/too-large': { description: "A mermaid diagram is longer than mermaid draws (its maxTextSize)", anchor: diagrams },
	'diagrams/unsafe': { description: 'A mermaid diagram draws something that would load from elsewhere (a url() in its CSS)', anchor: diagrams },
	'diagrams/no-browser': {
		description: 'A diagram could not be rendered: no Chromium was found, or it did not start or stopped answering',
		anchor: diagrams,
	},
	'cli/usage': {
		description: "A command's arguments or input cannot be used (unknown option, id or file)",
		anchor: commands,
	},
	'build/failed': { description: 'The site build failed after the check passed', anchor: commands },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;

export function isRuleId(id: string): id is RuleId {
	return Object.hasOwn(rules, id);
}

/** The rule's section in the README's rule reference. */
export function ruleUrl(id: RuleId): string {
	return `${RULES_DOCUMENT}#${rules[id].anchor}`;
}

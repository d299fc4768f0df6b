// Prints findings: remark-lint's one line each, grouped text with a summary, JSON, GitHub annotations.
import { countBySeverity, type Finding } from './findings.ts';
import { ruleUrl } from './rules.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Control characters (C0, DEL and C1, NEL among them), the Unicode line and paragraph separators,
 * and the bidirectional controls, with which a name displays as another (`rca-\u202egpj.mdx` shows
 * as "rca-xdm.jpg").
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escapeControl = (c: string) => {
	const code = c.charCodeAt(0);
	return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
};

/**
 * A file name, a finding's message, or any one-line text from files and reports (a failing
 * test's name), as printed: control characters and `::` escaped. Such text is the user's data;
 * with a newline it could print a line that passes for another finding, and GitHub Actions runs
 * any log line starting with `::` as a workflow command.
 */
export function printableLine(text: string): string {
	return text.replace(CONTROL, escapeControl).replaceAll('::', ':\\:');
}

/** A file name as printed (see {@link printableLine}). */
export const printablePath = printableLine;

/**
 * Text printed under a command's failure (its usage, a build error's code frame) keeps its lines,
 * but none may start a workflow command. Findings' messages are one line each: {@link printableLine}.
 */
function printableText(text: string): string {
	return text.replace(/\r/g, '\\r').replace(/(^|\n)(\s*)::/g, '$1$2:\\:');
}

/** Colour only for a person at a terminal that has not asked for none (https://no-color.org). */
export function wantsColor(
	stream: { isTTY?: boolean },
	env: Record<string, string | undefined>,
): boolean {
	return Boolean(stream.isTTY) && !env.NO_COLOR;
}

type Paint = (code: number, reset: number, s: string) => string;
const plain: Paint = (_code, _reset, s) => s;
const ansi: Paint = (code, reset, s) => `\u001b[${code}m${s}\u001b[${reset}m`;

function place(f: Finding): string {
	const path = printablePath(f.path);
	return f.line === undefined ? path : `${path}:${f.line}:${f.column ?? 1}`;
}

function line(f: Finding, paint: Paint): string {
	const severity = f.severity === 'error' ? paint(31, 39, 'error') : paint(33, 39, 'warning');
	return `${place(f)}  ${severity}  ${printableLine(f.message)}  ${paint(2, 22, f.ruleId)}`;
}

/** The lines under a finding, one each: its related places and its hint. */
function details(f: Finding): string[] {
	const out = (f.cause ?? []).map(
		(c) => `    ${place({ ...f, ...c })}  ${printableLine(c.message)}`,
	);
	if (f.hint) out.push(`    hint: ${printableLine(f.hint)}`);
	return out;
}

/**
 * One finding as one line, `path:line:col  severity  message  rule-id`; a finding about no file
 * (a user's mistake on the command line) prints as `<program>: message`.
 */
export function formatFinding(f: Finding, program: string = f.severity): string {
	return f.path ? line(f, plain) : `${program}: ${printableLine(f.message)}`;
}

/** What a command prints when a finding stops it: the line, then the hint (such as the usage), which may take several. */
export function formatFailure(f: Finding, program?: string): string {
	return f.hint
		? `${formatFinding(f, program)}\n${printableText(f.hint)}`
		: formatFinding(f, program);
}

/** For people: findings grouped under their file, then a counted summary. */
export function formatText(findings: Finding[], documents?: number, color = false): string {
	const paint = color ? ansi : plain;
	const out: string[] = [];
	let current: string | undefined;
	for (const f of findings) {
		if (f.path !== current) {
			if (current !== undefined) out.push('');
			out.push(paint(4, 24, printablePath(f.path)));
			current = f.path;
		}
		out.push(f.path ? line(f, paint) : formatFinding(f), ...details(f));
	}
	const { errors, warnings } = countBySeverity(findings);
	if (out.length) out.push('');
	const files = new Set(findings.map((f) => f.path)).size;
	const checked = documents === undefined ? '' : plural(documents, 'document');
	out.push(
		errors + warnings === 0
			? `✔ ${checked ? `${checked} checked: ` : ''}no problems`
			: `${errors ? '✖' : '⚠'} ${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(files, 'file')}${checked ? `; ${checked} checked` : ''}`,
	);
	return out.join('\n');
}

/** For tools: every finding with its rule's documentation link, and the counts. */
export function formatJson(findings: Finding[], documents?: number): string {
	const withUrls = findings.map((f) => ({ ...f, url: f.url ?? ruleUrl(f.ruleId) }));
	const summary = { ...countBySeverity(findings), ...(documents !== undefined && { documents }) };
	return JSON.stringify({ findings: withUrls, summary }, null, 2);
}

// GitHub's own escapes for line breaks; any other control character (an escape sequence that
// recolours the log, a bidirectional control that reorders it) is printed as the text does.
const escapeData = (s: string) =>
	s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(CONTROL, escapeControl);
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub workflow commands: https://docs.github.com/actions/reference/workflow-commands. GitHub
 * places an annotation on the diff by its path from the repository's root, so a program in
 * `docs/` gives `prefix` "docs/".
 */
export function formatGithub(findings: Finding[], prefix = ''): string {
	return findings
		.map((f) => {
			const props = [
				...(f.path ? [`file=${escapeProperty(`${prefix}${f.path}`)}`] : []),
				...(f.line !== undefined ? [`line=${f.line}`, `col=${f.column ?? 1}`] : []),
				`title=${escapeProperty(f.ruleId)}`,
			];
			return `::${f.severity} ${props.join(',')}::${escapeData(f.message)}`;
		})
		.join('\n');
}

/** A command's report of its findings: text or JSON, plus annotations when run on GitHub Actions. */
export function formatReport(
	findings: Finding[],
	options: {
		format?: 'text' | 'json';
		documents?: number;
		color?: boolean;
		github?: boolean;
		/** The program's folder in the repository ("docs/"), which annotations' paths start from. */
		repositoryPrefix?: string | undefined;
	},
): string {
	const main =
		options.format === 'json'
			? formatJson(findings, options.documents)
			: formatText(findings, options.documents, options.color);
	return options.github && findings.length ? `${main}\n${formatGithub(findings, options.repositoryPrefix)}` : main;
}

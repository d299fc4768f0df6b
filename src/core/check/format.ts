// Prints findings for people (grouped by file), for tools (JSON) and for GitHub annotations.
import { countBySeverity, type Finding } from '../findings.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Text from files and reports as one printable line: control characters as `%XX`, as annotations
 * escape them. A file name holding a newline then `::error` would otherwise start a line that a
 * CI runner reads as a workflow command, and an escape sequence would repaint the terminal.
 */
export function oneLine(text: string): string {
	return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function formatText(findings: Finding[], documents: number, color = false): string {
	const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[39m` : s);
	const out: string[] = [];
	let current = '';
	for (const f of findings) {
		const path = oneLine(f.path);
		if (f.path !== current) {
			if (current) out.push('');
			out.push(paint(4, path).replace(/\u001b\[39m$/, '\u001b[24m'));
			current = f.path;
		}
		const severity = f.severity === 'error' ? paint(31, 'error') : paint(33, 'warning');
		out.push(`${path}:${f.line}:${f.column}  ${severity}  ${oneLine(f.message)}  ${paint(2, oneLine(f.ruleId)).replace(/\u001b\[39m$/, '\u001b[22m')}`);
	}
	const { errors, warnings } = countBySeverity(findings);
	if (out.length) out.push('');
	const files = new Set(findings.map((f) => f.path)).size;
	out.push(
		errors + warnings === 0
			? `✔ ${plural(documents, 'document')} checked: no problems`
			: `${errors ? '✖' : '⚠'} ${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(files, 'file')}; ${plural(documents, 'document')} checked`,
	);
	return out.join('\n');
}

export function formatJson(findings: Finding[], documents: number): string {
	return JSON.stringify({ findings, summary: { ...countBySeverity(findings), documents } }, null, 2);
}

export const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub workflow commands: https://docs.github.com/actions/reference/workflow-commands */
export function formatGithub(findings: Finding[]): string {
	return findings
		.map((f) => `::${f.severity === 'error' ? 'error' : 'warning'} file=${escapeProperty(f.path)},line=${f.line},col=${f.column},title=${escapeProperty(f.ruleId)}::${escapeData(f.message)}`)
		.join('\n');
}

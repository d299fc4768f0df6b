// REQ-1.5: the pre-commit scan for secrets and denylisted imports, with positioned findings.
export interface StagedFile {
	path: string;
	content: string;
}

export interface Violation {
	path: string;
	line: number;
	column: number;
	rule: string;
	message: string;
}

const SECRETS: { rule: string; pattern: RegExp; what: string }[] = [
	{ rule: 'secrets/aws-access-key', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, what: 'AWS access key id' },
	{ rule: 'secrets/private-key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH )?PRIVATE KEY-----/g, what: 'private key' },
	{ rule: 'secrets/github-token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36}\b/g, what: 'GitHub token' },
];

/** The program's denylist (ci/denylist.txt): modules that must not be imported, and calls. */
export const DEFAULT_DENYLIST = ['pickle', 'telnetlib', 'yaml.load'] as const;

function position(text: string, index: number): { line: number; column: number } {
	const before = text.slice(0, index);
	const line = before.split('\n').length;
	return { line, column: index - before.lastIndexOf('\n') };
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A denylist entry as patterns: `mod` bans `import mod` and `from mod import`; `mod.fn` bans calls. */
function denyPatterns(entry: string): RegExp[] {
	if (entry.includes('.')) return [new RegExp(`\\b${escape(entry)}\\s*\\(`, 'g')];
	const mod = escape(entry);
	return [
		new RegExp(`^\\s*import\\s+(?:[\\w.]+\\s*,\\s*)*${mod}\\b`, 'gm'),
		new RegExp(`^\\s*from\\s+${mod}(?:\\.[\\w.]+)?\\s+import\\b`, 'gm'),
	];
}

export function scanStaged(
	files: readonly StagedFile[],
	denylist: readonly string[] = DEFAULT_DENYLIST,
): Violation[] {
	const violations: Violation[] = [];
	for (const file of files) {
		for (const s of SECRETS) {
			for (const m of file.content.matchAll(s.pattern)) {
				violations.push({ path: file.path, ...position(file.content, m.index), rule: s.rule, message: `Possible ${s.what}` });
			}
		}
		if (!file.path.endsWith('.py')) continue;
		for (const entry of denylist) {
			for (const pattern of denyPatterns(entry)) {
				for (const m of file.content.matchAll(pattern)) {
					const at = m.index + m[0].length - m[0].trimStart().length;
					violations.push({ path: file.path, ...position(file.content, at), rule: 'denylist/import', message: `${entry} is denylisted (ci/denylist.txt)` });
				}
			}
		}
	}
	return violations.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column);
}

export function formatViolation(v: Violation): string {
	return `${v.path}:${v.line}:${v.column}  ${v.message}  ${v.rule}`;
}

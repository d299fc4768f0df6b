// REQ-1.2: LICENSE, SECURITY.md with a disclosure contact, and CODEOWNERS where GitHub looks for them.
import { fail, pass, type CheckResult } from './checks.ts';

/** Where GitHub recognises a CODEOWNERS file, in its order of precedence. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;
/** Folders that must have an owner, so changes there get a second reviewer. */
export const OWNED_FOLDERS = ['/workflows/', '/contracts/', '/ci/'] as const;

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const HTTPS = /https:\/\/[^\s)>\]]+/;

/** The repository's files as path -> content; a missing file is absent. */
export type RepoFiles = ReadonlyMap<string, string>;

/** A security policy must tell a reporter where to write (governance-files v2, after RCA-0002). */
export function hasDisclosureContact(policy: string): boolean {
	return EMAIL.test(policy) || HTTPS.test(policy);
}

/** Owner lines (pattern plus at least one @owner or email) by pattern. */
export function codeOwners(text: string): Map<string, string[]> {
	const owners = new Map<string, string[]>();
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.replace(/#.*/, '').trim();
		if (!line) continue;
		const [pattern, ...who] = line.split(/\s+/);
		const valid = who.filter((w) => w.startsWith('@') || EMAIL.test(w));
		if (pattern && valid.length > 0) owners.set(pattern, valid);
	}
	return owners;
}

export function checkGovernance(files: RepoFiles): CheckResult {
	const problems: string[] = [];
	const found: string[] = [];
	if (files.get('LICENSE')?.trim()) found.push('LICENSE');
	else problems.push('LICENSE is missing');

	const policy = files.get('SECURITY.md');
	if (policy === undefined) problems.push('SECURITY.md is missing');
	else if (!hasDisclosureContact(policy)) problems.push('SECURITY.md names no email address or https URL to report to');
	else found.push('SECURITY.md');

	const ownersPath = CODEOWNERS_PATHS.find((p) => files.has(p));
	if (!ownersPath) problems.push('CODEOWNERS is missing');
	else {
		const owners = codeOwners(files.get(ownersPath)!);
		const unowned = OWNED_FOLDERS.filter((f) => !owners.has(f));
		if (unowned.length > 0) problems.push(`CODEOWNERS has no owner for ${unowned.join(', ')}`);
		else found.push('CODEOWNERS');
	}
	return problems.length > 0
		? fail('governance-files', problems.join('; '))
		: pass('governance-files', found.join(', '));
}

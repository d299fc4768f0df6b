// The repository's compliance verdict: every check read from the files in one working tree.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkBranchProtection } from './branch-protection.ts';
import { fail, pass, type CheckResult } from './checks.ts';
import { runCoverageGate, DEFAULT_THRESHOLD } from './coverage-gate.ts';
import { findingsFromSarif, securityGate, type AllowlistEntry } from './findings.ts';
import { CODEOWNERS_PATHS, checkGovernance } from './governance.ts';

/** Where the checks look, relative to the repository root. */
export const REPO_LAYOUT = {
	settings: '.github/settings.json',
	coverage: 'reports/coverage-summary.json',
	sarif: 'reports/security.sarif',
	allowlist: 'security/allowlist.json',
} as const;

export interface ComplianceReport {
	repository: string;
	checkedAt: string;
	verdict: 'pass' | 'fail';
	checks: CheckResult[];
}

export interface ReportOptions {
	now?: Date;
	threshold?: number;
}

async function readOptional(root: string, path: string): Promise<string | undefined> {
	try {
		return await readFile(join(root, path), 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

function parseJson(text: string | undefined): unknown {
	if (text === undefined) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

async function securityCheck(root: string, today: string): Promise<CheckResult> {
	const sarif = parseJson(await readOptional(root, REPO_LAYOUT.sarif));
	if (sarif === undefined) return fail('security', `${REPO_LAYOUT.sarif} is missing; the gate fails closed`);
	let findings;
	try {
		findings = findingsFromSarif(sarif);
	} catch (error) {
		return fail('security', `${REPO_LAYOUT.sarif}: ${(error as Error).message}`);
	}
	const allowlist = (parseJson(await readOptional(root, REPO_LAYOUT.allowlist)) ?? []) as AllowlistEntry[];
	const verdict = securityGate(findings, Array.isArray(allowlist) ? allowlist : [], today);
	const summary = `${verdict.counts.high} HIGH, ${verdict.counts.critical} CRITICAL, ${verdict.allowed.length} allow-listed`;
	if (verdict.status === 'pass') return pass('security', summary);
	const first = verdict.blocking.map((b) => `${b.finding.ruleId} ${b.reason}`).join('; ');
	return fail('security', `${summary}; ${first}`);
}

export async function complianceReport(root: string, options: ReportOptions = {}): Promise<ComplianceReport> {
	const now = options.now ?? new Date();
	const today = now.toISOString().slice(0, 10);
	const settingsText = await readOptional(root, REPO_LAYOUT.settings);
	const settings = parseJson(settingsText) as { repository?: string } | null | undefined;

	const files = new Map<string, string>();
	for (const path of ['LICENSE', 'SECURITY.md', ...CODEOWNERS_PATHS]) {
		const text = await readOptional(root, path);
		if (text !== undefined) files.set(path, text);
	}
	const coverage = await runCoverageGate([join(root, REPO_LAYOUT.coverage)], options.threshold ?? DEFAULT_THRESHOLD);
	const checks: CheckResult[] = [
		settings ? checkBranchProtection(settings) : fail('branch-protection', `${REPO_LAYOUT.settings} is missing or not JSON`),
		checkGovernance(files),
		{
			id: 'coverage',
			status: coverage.status,
			detail: coverage.message.replace(root + '/', ''),
		},
		await securityCheck(root, today),
	];
	return {
		repository: settings?.repository ?? '(unknown)',
		checkedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
		verdict: checks.every((c) => c.status === 'pass') ? 'pass' : 'fail',
		checks,
	};
}

// REQ-1.1: main is protected by pull requests, one approving CODEOWNERS review and the required checks.
import { fail, pass, type CheckResult } from './checks.ts';

export const REQUIRED_CHECKS = ['build', 'unit', 'coverage', 'security'] as const;

interface Protection {
	required_pull_request_reviews?: {
		required_approving_review_count?: number;
		require_code_owner_reviews?: boolean;
	} | null;
	required_status_checks?: { strict?: boolean; contexts?: string[] } | null;
	enforce_admins?: boolean;
}

interface Settings {
	branches?: { name?: string; protection?: Protection | null }[];
}

/** Problems with the protection that `.github/settings.json` applies to a branch (default main). */
export function protectionProblems(settings: unknown, branch = 'main'): string[] {
	const entry = (settings as Settings | null)?.branches?.find((b) => b.name === branch);
	if (!entry?.protection) return [`${branch} has no branch protection`];
	const p = entry.protection;
	const problems: string[] = [];
	const reviews = p.required_pull_request_reviews;
	if (!reviews || (reviews.required_approving_review_count ?? 0) < 1) {
		problems.push('at least one approving review is required');
	}
	if (reviews && reviews.require_code_owner_reviews !== true) {
		problems.push('reviews must come from CODEOWNERS');
	}
	const contexts = p.required_status_checks?.contexts ?? [];
	const missing = REQUIRED_CHECKS.filter((c) => !contexts.includes(c));
	if (missing.length > 0) problems.push(`required checks missing: ${missing.join(', ')}`);
	if (p.required_status_checks && p.required_status_checks.strict !== true) {
		problems.push('branches must be up to date before merging (strict)');
	}
	if (p.enforce_admins !== true) problems.push('admins must not be exempt');
	return problems;
}

export function checkBranchProtection(settings: unknown, branch = 'main'): CheckResult {
	const problems = protectionProblems(settings, branch);
	if (problems.length > 0) return fail('branch-protection', `${branch}: ${problems.join('; ')}`);
	const p = (settings as Settings).branches!.find((b) => b.name === branch)!.protection!;
	const reviews = p.required_pull_request_reviews!.required_approving_review_count!;
	const checks = p.required_status_checks!.contexts!.length;
	return pass(
		'branch-protection',
		`${branch}: ${reviews} review${reviews === 1 ? '' : 's'}, ${checks} required checks`,
	);
}

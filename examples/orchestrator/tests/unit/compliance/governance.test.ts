import { describe, expect, test } from 'vitest';
import { checkBranchProtection, protectionProblems } from '../../../src/compliance/branch-protection.ts';
import { checkGovernance, codeOwners, hasDisclosureContact } from '../../../src/compliance/governance.ts';

const owners = '* @org/maintainers\n/workflows/ @org/orchestrator\n/contracts/ @org/contracts # schemas\n/ci/ security@example.com\n';
const files = (extra: Record<string, string | undefined> = {}) => {
	const all: Record<string, string | undefined> = {
		LICENSE: 'Apache License 2.0',
		'SECURITY.md': 'Report to security@example.com',
		'.github/CODEOWNERS': owners,
		...extra,
	};
	return new Map(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
};

describe('governance files', () => {
	test('REQ-1.2 governance check finds LICENSE, SECURITY.md and CODEOWNERS', () => {
		expect(checkGovernance(files())).toEqual({ id: 'governance-files', status: 'pass', detail: 'LICENSE, SECURITY.md, CODEOWNERS' });
	});

	test('REQ-1.2 CODEOWNERS is found where GitHub looks for it', () => {
		for (const path of ['CODEOWNERS', 'docs/CODEOWNERS']) {
			expect(checkGovernance(files({ '.github/CODEOWNERS': undefined, [path]: owners })).status).toBe('pass');
		}
	});

	test('REQ-1.2 governance check fails when SECURITY.md names no contact', () => {
		const result = checkGovernance(files({ 'SECURITY.md': 'Please report vulnerabilities privately to .' }));
		expect(result).toMatchObject({ status: 'fail', detail: 'SECURITY.md names no email address or https URL to report to' });
		expect(hasDisclosureContact('See https://example.com/security')).toBe(true);
	});

	test('REQ-1.2 missing files are each named', () => {
		const result = checkGovernance(new Map());
		expect(result.detail).toBe('LICENSE is missing; SECURITY.md is missing; CODEOWNERS is missing');
	});

	test('REQ-1.2 CODEOWNERS must assign an owner to workflows/, contracts/ and ci/', () => {
		const result = checkGovernance(files({ '.github/CODEOWNERS': '* @org/all\n/ci/ not-an-owner\n' }));
		expect(result.detail).toBe('CODEOWNERS has no owner for /workflows/, /contracts/, /ci/');
		expect([...codeOwners(owners).keys()]).toEqual(['*', '/workflows/', '/contracts/', '/ci/']);
	});
});

const protection = {
	required_pull_request_reviews: { required_approving_review_count: 1, require_code_owner_reviews: true },
	required_status_checks: { strict: true, contexts: ['build', 'unit', 'coverage', 'security'] },
	enforce_admins: true,
};
const settings = (p: unknown) => ({ branches: [{ name: 'main', protection: p }] });

describe('branch protection', () => {
	test('REQ-1.1 branch protection requires one approving review', () => {
		expect(checkBranchProtection(settings(protection))).toEqual({ id: 'branch-protection', status: 'pass', detail: 'main: 1 review, 4 required checks' });
		const none = { ...protection, required_pull_request_reviews: { required_approving_review_count: 0, require_code_owner_reviews: true } };
		expect(protectionProblems(settings(none))).toEqual(['at least one approving review is required']);
		expect(protectionProblems(settings({ ...protection, required_pull_request_reviews: null }))).toEqual(['at least one approving review is required']);
	});

	test('REQ-1.1 reviews must come from CODEOWNERS', () => {
		const p = { ...protection, required_pull_request_reviews: { required_approving_review_count: 2 } };
		expect(checkBranchProtection(settings(p)).detail).toBe('main: reviews must come from CODEOWNERS');
	});

	test('REQ-1.1 branch protection requires the build, unit, coverage and security checks', () => {
		const p = { ...protection, required_status_checks: { strict: false, contexts: ['build'] } };
		expect(protectionProblems(settings(p))).toEqual([
			'required checks missing: unit, coverage, security',
			'branches must be up to date before merging (strict)',
		]);
	});

	test('REQ-1.1 admins are not exempt from branch protection', () => {
		expect(protectionProblems(settings({ ...protection, enforce_admins: false }))).toEqual(['admins must not be exempt']);
	});

	test('REQ-1.1 an unprotected or unknown branch fails', () => {
		expect(protectionProblems({ branches: [] })).toEqual(['main has no branch protection']);
		expect(protectionProblems(null, 'release')).toEqual(['release has no branch protection']);
		expect(checkBranchProtection(settings(null)).status).toBe('fail');
	});
});

// CLI commands of the compliance gates: validate-compliance, coverage-gate and precommit.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../cli-core.ts';
import { runCoverageGate, DEFAULT_THRESHOLD } from './coverage-gate.ts';
import { formatViolation, scanStaged, DEFAULT_DENYLIST } from './precommit.ts';
import { complianceReport } from './report.ts';

const validateCompliance: Command = {
	name: 'validate-compliance',
	summary: 'Check branch protection, governance files, coverage and security findings',
	async run(args, io) {
		const { values } = parseArgs({ args, options: { repo: { type: 'string' }, json: { type: 'boolean' } } });
		const report = await complianceReport(resolve(io.cwd, values.repo ?? '.'));
		if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
		else {
			for (const c of report.checks) io.out(`${c.status === 'pass' ? '✓' : '✗'} ${c.id}: ${c.detail}\n`);
			io.out(`verdict: ${report.verdict}\n`);
		}
		return report.verdict === 'pass' ? 0 : 1;
	},
};

const coverageGateCommand: Command = {
	name: 'coverage-gate',
	summary: 'Fail below the line-coverage threshold or when a report is missing (exit 1 or 2)',
	async run(args, io) {
		const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { threshold: { type: 'string' } } });
		const threshold = values.threshold === undefined ? DEFAULT_THRESHOLD : Number(values.threshold);
		if (!Number.isFinite(threshold) || threshold < 0 || threshold > 100) {
			throw new UsageError(`--threshold must be a number from 0 to 100, got "${values.threshold}"`);
		}
		const verdict = await runCoverageGate(positionals.map((p) => resolve(io.cwd, p)), threshold);
		(verdict.status === 'pass' ? io.out : io.err)(`${verdict.message}\n`);
		return verdict.exitCode;
	},
};

const precommit: Command = {
	name: 'precommit',
	summary: 'Scan staged files for secrets and denylisted imports',
	async run(args, io) {
		const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
		if (positionals.length === 0) throw new UsageError('expected the files to scan');
		const files = await Promise.all(
			positionals.map(async (path) => ({ path, content: await readFile(resolve(io.cwd, path), 'utf8') })),
		);
		const violations = scanStaged(files, DEFAULT_DENYLIST);
		for (const v of violations) io.err(`${formatViolation(v)}\n`);
		if (violations.length === 0) io.out(`${files.length} file${files.length === 1 ? '' : 's'} clean\n`);
		return violations.length > 0 ? 1 : 0;
	},
};

export const complianceCommands: Command[] = [validateCompliance, coverageGateCommand, precommit];

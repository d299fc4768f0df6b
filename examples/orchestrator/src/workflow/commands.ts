// Workflow-aware CLI commands: run-job (with --workflow-validate) and workflow-status.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type Command, type Io } from '../cli-core.ts';
import { complianceReport } from '../compliance/report.ts';
import { Registry } from '../contracts/registry.ts';
import { validatePayload, type PayloadViolation } from '../contracts/validate.ts';
import { formatStatus, type StatusDocument } from './history.ts';

export const EXIT_INVALID_JOB = 3;
export const EXIT_TIMEOUT = 4;
const DEFAULT_URL = 'http://127.0.0.1:8420';

interface Job {
	contract?: string;
	payload?: unknown;
}

/** Validates remotely when a registry answers, else against the vendored schemas, and says which. */
async function validateJob(job: Job, registryUrl: string | undefined, io: Io): Promise<PayloadViolation[]> {
	if (registryUrl) {
		try {
			const res = await fetch(`${registryUrl}/v1/validate/${job.contract}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-workflow-phase': '4' },
				body: JSON.stringify(job.payload),
				signal: AbortSignal.timeout(5000),
			});
			if (res.status === 200) return [];
			if (res.status === 422) return ((await res.json()) as { violations: PayloadViolation[] }).violations;
			io.err(`warning: registry answered ${res.status}; validating against the vendored schemas\n`);
		} catch {
			io.err(`warning: registry ${registryUrl} unreachable; validating against the vendored schemas\n`);
		}
	}
	const registry = await Registry.load();
	return validatePayload(registry.get(job.contract!).schema, job.payload);
}

const runJob: Command = {
	name: 'run-job',
	summary: 'Queue a job: run-job FILE [--workflow-validate] [--compliance-check] [--registry URL] [--queue DIR]',
	async run(args, io) {
		const { values, positionals } = parseArgs({
			args,
			allowPositionals: true,
			options: {
				'workflow-validate': { type: 'boolean' },
				'compliance-check': { type: 'boolean' },
				registry: { type: 'string' },
				repo: { type: 'string' },
				queue: { type: 'string' },
			},
		});
		const [file] = positionals;
		if (!file) throw new UsageError('expected a job file');
		const text = await readFile(resolve(io.cwd, file), 'utf8');
		const job = JSON.parse(text) as Job;
		if (values['workflow-validate']) {
			if (!job.contract) {
				io.err(`✗ ${file} names no contract to validate against\nexit ${EXIT_INVALID_JOB}\n`);
				return EXIT_INVALID_JOB;
			}
			const violations = await validateJob(job, values.registry ?? io.env['ORCH_REGISTRY_URL'], io);
			if (violations.length > 0) {
				io.err(`✗ ${file} does not match ${job.contract}\n${violations.map((v) => `  ${v.path}: ${v.message}\n`).join('')}exit ${EXIT_INVALID_JOB}\n`);
				return EXIT_INVALID_JOB;
			}
			io.out(`✓ ${file} matches ${job.contract}\n`);
		}
		if (values['compliance-check']) {
			const report = await complianceReport(resolve(io.cwd, values.repo ?? '.'));
			if (report.verdict !== 'pass') {
				const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
				io.err(`✗ compliance check failed: ${failed.join(', ')}\n`);
				return 1;
			}
		}
		// Unchanged since v0.2.0: the job goes to the queue folder under a content-derived run id.
		const runId = `run_${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
		const queue = resolve(io.cwd, values.queue ?? '.orchestrator/queue');
		await mkdir(queue, { recursive: true });
		await writeFile(join(queue, `${runId}.json`), text);
		io.out(`accepted ${basename(file)} as ${runId}\n`);
		return 0;
	},
};

const workflowStatus: Command = {
	name: 'workflow-status',
	summary: "Each phase's status, gates and last run: workflow-status [--phase ID] [--limit N] [--json] [--url URL]",
	async run(args, io) {
		const { values } = parseArgs({
			args,
			options: { phase: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, url: { type: 'string' }, timeout: { type: 'string' } },
		});
		const base = values.url ?? io.env['ORCH_URL'] ?? DEFAULT_URL;
		const query = new URLSearchParams();
		if (values.phase) query.set('phase', values.phase);
		if (values.limit) query.set('limit', values.limit);
		const timeoutS = Number(values.timeout ?? 10);
		let doc: StatusDocument;
		try {
			const res = await fetch(`${base}/api/v1/workflows/status${query.size ? `?${query}` : ''}`, { signal: AbortSignal.timeout(timeoutS * 1000) });
			if (!res.ok) {
				io.err(`orchestrator answered ${res.status}: ${await res.text()}\n`);
				return 1;
			}
			doc = (await res.json()) as StatusDocument;
		} catch (error) {
			if ((error as Error).name === 'TimeoutError') {
				io.err(`orchestrator did not answer within ${timeoutS} s; narrow the query with --phase or --limit\n`);
				return EXIT_TIMEOUT;
			}
			io.err(`cannot reach the orchestrator at ${base}: ${(error as Error).message}\n`);
			return 1;
		}
		io.out(values.json ? `${JSON.stringify(doc, null, 2)}\n` : formatStatus(doc));
		return 0;
	},
};

export const workflowCommands: Command[] = [runJob, workflowStatus];

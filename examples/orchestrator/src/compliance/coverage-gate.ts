// The coverage gate: fail-closed on missing or unreadable reports, worst report decides (RCA-0001).
import { readFile } from 'node:fs/promises';

export interface CoverageVerdict {
	status: 'pass' | 'fail';
	/** 0 pass, 1 below the threshold, 2 no usable report. */
	exitCode: 0 | 1 | 2;
	/** The lowest line coverage of the reports read, when there was one. */
	lines?: number;
	reports: number;
	message: string;
}

export interface CoverageInput {
	file: string;
	/** undefined when the file does not exist. */
	text: string | undefined;
}

export const DEFAULT_THRESHOLD = 85;

/** Line coverage (percent) from an Istanbul/c8 coverage-summary.json; throws on anything else. */
export function linesFromSummary(text: string, file: string): number {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new Error(`${file} is not JSON`);
	}
	const pct = (json as { total?: { lines?: { pct?: unknown } } })?.total?.lines?.pct;
	if (typeof pct !== 'number' || !Number.isFinite(pct) || pct < 0 || pct > 100) {
		throw new Error(`${file} has no total.lines.pct between 0 and 100`);
	}
	return pct;
}

/**
 * Evaluates the gate. There is deliberately no starting value: the old gate began at 100 % and
 * lowered it per report, so zero reports passed (RCA-0001).
 */
export function coverageGate(
	inputs: readonly CoverageInput[],
	threshold = DEFAULT_THRESHOLD,
): CoverageVerdict {
	const present = inputs.filter((i) => i.text !== undefined);
	if (present.length === 0) {
		const named = inputs.map((i) => i.file).join(', ') || 'no file given';
		return {
			status: 'fail',
			exitCode: 2,
			reports: 0,
			message: `Coverage report missing (${named}); the gate fails closed`,
		};
	}
	let worst: number | undefined;
	for (const input of present) {
		let lines: number;
		try {
			lines = linesFromSummary(input.text!, input.file);
		} catch (error) {
			return {
				status: 'fail',
				exitCode: 2,
				reports: present.length,
				message: `Unreadable coverage report: ${(error as Error).message}`,
			};
		}
		worst = worst === undefined ? lines : Math.min(worst, lines);
	}
	const lines = worst!;
	const reports = present.length;
	const shown = `${lines.toFixed(2)} %`;
	if (lines < threshold) {
		return {
			status: 'fail',
			exitCode: 1,
			lines,
			reports,
			message: `Line coverage ${shown} is below the ${threshold} % threshold (${reports} report${reports === 1 ? '' : 's'})`,
		};
	}
	return {
		status: 'pass',
		exitCode: 0,
		lines,
		reports,
		message: `Line coverage ${shown} meets the ${threshold} % threshold (${reports} report${reports === 1 ? '' : 's'})`,
	};
}

/** Reads the named reports (a missing file is recorded as missing, not thrown) and evaluates them. */
export async function runCoverageGate(
	files: readonly string[],
	threshold = DEFAULT_THRESHOLD,
): Promise<CoverageVerdict> {
	const inputs: CoverageInput[] = [];
	for (const file of files) {
		try {
			inputs.push({ file, text: await readFile(file, 'utf8') });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
			inputs.push({ file, text: undefined });
		}
	}
	return coverageGate(inputs, threshold);
}

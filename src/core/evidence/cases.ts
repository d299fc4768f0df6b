// Helpers shared by the test-report parsers: counting cases, durations and message clean-up.
import type { TestCase } from '../schemas/index.ts';
import { EvidenceError } from './errors.ts';
import type { ParsedReport, ParseOutcome, TestCounts } from './types.ts';

const MAX_MESSAGE = 500;
const ANSI = new RegExp(String.raw`\u001b\[[0-9;]*[A-Za-z]`, 'g');

/** Counts from the cases themselves: the suites' own attributes disagree with them in several dialects. */
export function countCases(cases: readonly TestCase[]): TestCounts {
	const counts: TestCounts = {
		total: cases.length,
		passed: 0,
		failed: 0,
		skipped: 0,
		durationMs: 0,
	};
	for (const c of cases) {
		counts[c.status]++;
		counts.durationMs += c.durationMs;
	}
	counts.durationMs = roundMs(counts.durationMs);
	return counts;
}

/** Milliseconds to a thousandth, so summed floats do not print as 0.30000000000000004. */
export function roundMs(ms: number): number {
	return Math.round(ms * 1000) / 1000;
}

/**
 * A `time` attribute (seconds) in milliseconds. Missing, empty, negative or garbage values count as
 * 0 (real reports carry all four); a thousands separator, as in "2,503.1", is tolerated.
 */
export function secondsToMs(value: string | undefined): number {
	if (value === undefined) return 0;
	const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(value.trim()) ? value.replaceAll(',', '') : value;
	const seconds = Number(plain.trim() === '' ? Number.NaN : plain);
	return Number.isFinite(seconds) && seconds > 0 ? roundMs(seconds * 1000) : 0;
}

/** A one-paragraph message: colour codes stripped, trimmed, clipped to a readable length. */
export function cleanMessage(text: string | undefined): string | undefined {
	const clean = text?.replace(ANSI, '').trim();
	if (!clean) return undefined;
	return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE - 1)}…` : clean;
}

/** `{ message }` when there is one to show, else nothing (the schema's field is optional). */
export function messageField(text: string | undefined): { message?: string } {
	const message = cleanMessage(text);
	return message ? { message } : {};
}

/**
 * A failure text without its stack trace (the lines from the first `    at …` frame on): Jest and
 * Vitest append the stack to the message, and its frames carry the machine's absolute paths.
 */
export function withoutStack(text: string | undefined): string | undefined {
	return text?.split(/\r?\n\s+at /, 1)[0];
}

/** The first non-empty line of a body such as a stack trace. */
export function firstLine(text: string | undefined): string | undefined {
	return text
		?.split(/\r?\n/)
		.find((line) => line.trim() !== '')
		?.trim();
}

/** Runs a parser that throws EvidenceError and returns its outcome instead. */
export function outcome(parse: () => ParsedReport): ParseOutcome {
	try {
		return { ok: true, report: parse() };
	} catch (error) {
		if (error instanceof EvidenceError) return { ok: false, error };
		throw error;
	}
}

// Helpers shared by the test-report parsers: counting cases, durations and message clean-up.
import * as z from 'zod';
import type { TestCase } from '../schemas/index.ts';
import { EvidenceError } from './errors.ts';
import type { ParsedReport, ParseOutcome, TestCounts } from './types.ts';

const MAX_MESSAGE = 500;
const ANSI = new RegExp(String.raw`\u001b\[[0-9;]*[A-Za-z]`, 'g');

/** How a test report whose totals say more than it lists is refused: it was cut or edited. */
export const EVERY_TEST = 'expected the report with every test the run had';

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

/** Where a report states a figure: its file, the line when the reader knows it, and the field. */
export interface FieldAt {
	file: string;
	line?: number | undefined;
	/** The report's own name for it: `time`, `covered`, `Elapsed`. */
	field: string;
}

/** An error about a figure, at its file and line, naming the field as the report spells it. */
export function figureError(at: FieldAt, value: string | number, expected: string): EvidenceError {
	return new EvidenceError(`${at.field}="${String(value).slice(0, 40)}" is not ${expected}`, { file: at.file, ...(at.line === undefined ? {} : { line: at.line, column: 1 }) });
}

/**
 * A duration in seconds as milliseconds. One that is no number of milliseconds a run can take
 * (1e308 seconds is Infinity of them, refused only by the run's schema, where no message could
 * say which file or attribute) or a negative one is refused where the reader reads it.
 */
export function durationMs(seconds: number, at: FieldAt, written: string | number = seconds): number {
	const ms = seconds * 1000;
	if (!(ms >= 0 && ms <= Number.MAX_SAFE_INTEGER)) throw figureError(at, written, `a duration in seconds (from 0 to ${Number.MAX_SAFE_INTEGER / 1000})`);
	return roundMs(ms);
}

/**
 * A JSON report's duration field, in `unit`: a negative one (RSpec's `run_time: -1`) was refused
 * only by the run's schema, which could not say which file or field; now by the report's at its own.
 */
export function durationField(unit: 'seconds' | 'milliseconds') {
	const most = unit === 'seconds' ? Number.MAX_SAFE_INTEGER / 1000 : Number.MAX_SAFE_INTEGER;
	const error = `expected a duration in ${unit} (from 0 to ${most})`;
	return z.number().min(0, { error }).max(most, { error });
}

/**
 * An element's `time` (or other) attribute, in seconds, as milliseconds. Missing, empty, negative or garbage values count as
 * 0 (real reports carry all four); a thousands separator, as in "2,503.1", is tolerated. A number
 * too large to be a duration is refused (durationMs).
 */
export function secondsToMs(element: { attrs: Record<string, string>; line: number }, attribute: string, file: string): number {
	const value = element.attrs[attribute];
	if (value === undefined) return 0;
	const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(value.trim()) ? value.replaceAll(',', '') : value;
	const seconds = Number(plain.trim() === '' ? Number.NaN : plain);
	return seconds > 0 ? durationMs(seconds, { file, line: element.line, field: attribute }, value) : 0;
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

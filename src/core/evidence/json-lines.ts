// Event streams with one JSON object per line (go test -json, dart test --reporter json).
import { EvidenceError } from './errors.ts';
import { structureProblem } from './json.ts';
import { guardText } from './text.ts';

export interface JsonLine {
	value: Record<string, unknown>;
	/** 1-based line in the file. */
	line: number;
}

export interface JsonLinesOptions {
	/** Whether an object is one of the stream's events; a stream with none is refused. */
	isEvent: (value: Record<string, unknown>) => boolean;
	/**
	 * Reads a line that is not JSON and says whether it was one of the runner's own (go test
	 * prints "FAIL <package> [build failed]" as text among its events); others are skipped.
	 */
	plain?: (line: string, lineNumber: number) => boolean;
}

/**
 * The stream's events. Lines that do not start with `{` are skipped: CI often interleaves a
 * runner's plain output (a build error, a progress line) with its events. A line that starts
 * like an event but is not valid JSON is an error at that line. A file with no event (any JSON
 * that is not this runner's stream) is refused, unless `plain` recognised one of its lines.
 */
export function readJsonLines(text: string, file: string, what: string, options: JsonLinesOptions): JsonLine[] {
	guardText(text, file);
	const events: JsonLine[] = [];
	let recognised = false;
	text.split('\n').forEach((raw, index) => {
		const line = raw.trim();
		if (!line.startsWith('{')) {
			if (line && options.plain?.(line, index + 1)) recognised = true;
			return;
		}
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch (error) {
			throw new EvidenceError(`Invalid JSON in a ${what} event: ${(error as Error).message}`, {
				file,
				line: index + 1,
				column: raw.indexOf('{') + 1,
			});
		}
		// An event with a key twice (two Actions) means two things; JSON.parse took the last.
		const problem = structureProblem(line);
		if (problem) {
			throw new EvidenceError(`${problem.message} (a ${what} event)`, { file, line: index + 1, column: raw.indexOf('{') + problem.offset + 1 });
		}
		if (typeof value === 'object' && value !== null && !Array.isArray(value) && options.isEvent(value as Record<string, unknown>))
			events.push({ value: value as Record<string, unknown>, line: index + 1 });
	});
	if (events.length === 0 && !recognised)
		throw new EvidenceError(`${file} holds no ${what} events; expected one JSON object per line`);
	return events;
}

// Event streams with one JSON object per line (go test -json, dart test --reporter json).
import { EvidenceError } from './errors.ts';
import { guardText } from './text.ts';

export interface JsonLine {
	value: Record<string, unknown>;
	/** 1-based line in the file. */
	line: number;
}

/**
 * The stream's objects. Lines that do not start with `{` are skipped: CI often interleaves a
 * runner's plain output (a build error, a progress line) with its events. A line that starts
 * like an event but is not valid JSON is an error at that line.
 */
export function readJsonLines(text: string, file: string, what: string): JsonLine[] {
	guardText(text, file);
	const events: JsonLine[] = [];
	text.split('\n').forEach((raw, index) => {
		const line = raw.trim();
		if (!line.startsWith('{')) return;
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
		if (typeof value === 'object' && value !== null && !Array.isArray(value))
			events.push({ value: value as Record<string, unknown>, line: index + 1 });
	});
	if (events.length === 0)
		throw new EvidenceError(`${file} holds no ${what} events; expected one JSON object per line`);
	return events;
}

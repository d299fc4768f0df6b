// Today's date as the program sees it: local calendar date, overridable for tests and reruns.
import { FindingError, findingAt } from './findings.ts';

/** Whether `text` is a real calendar day written YYYY-MM-DD (not 2026-13-45). */
function isCalendarDay(text: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
	const day = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/**
 * YYYY-MM-DD of `now` in local time, or PHASEBOOK_TODAY when set. A PHASEBOOK_TODAY that is not
 * a calendar day stops the command: ignoring it would judge every date against the wrong day.
 */
export function today(now = new Date()): string {
	const fixed = process.env.PHASEBOOK_TODAY;
	if (fixed) {
		if (isCalendarDay(fixed)) return fixed;
		throw new FindingError(findingAt({}, 'error', `PHASEBOOK_TODAY is "${fixed}", expected a calendar day as YYYY-MM-DD, or unset for today`, 'cli/usage'));
	}
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The calendar days an instant (a commit's ISO date) falls on somewhere on Earth, from UTC−12 to
 * UTC+14: a document's date names a day of no stated zone, so it is before the instant only if
 * before `earliest`, and after it only if after `latest`. An unreadable date is its own first ten
 * characters both ways.
 */
export function daysOfInstant(iso: string): { earliest: string; latest: string } {
	const at = Date.parse(iso);
	if (Number.isNaN(at)) return { earliest: iso.slice(0, 10), latest: iso.slice(0, 10) };
	const day = (shift: number) => new Date(at + shift * 3_600_000).toISOString().slice(0, 10);
	return { earliest: day(-12), latest: day(14) };
}

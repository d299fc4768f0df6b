// Date display and arithmetic on the schemas' YYYY-MM-DD strings, independent of locale and time zone.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(date: string): [number, number, number] {
	const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
	return [y, m, d];
}

/** "2026-07-06" → "6 Jul 2026". */
export function formatDate(date: string): string {
	const [y, m, d] = parts(date);
	return `${d} ${MONTHS[m - 1]} ${y}`;
}

/**
 * An ISO 8601 time to the minute, in UTC, as its day and its time: "2026-07-06T14:05:09+02:00" →
 * { date: "6 Jul 2026", time: "12:05 UTC" }. A bare date, or text that is no time, has no time.
 */
export function momentParts(at: string): { date: string; time?: string } {
	const moment = /^\d{4}-\d{2}-\d{2}T/.test(at) ? new Date(at) : undefined;
	if (!moment || Number.isNaN(moment.getTime())) return { date: formatDate(at.slice(0, 10)) };
	const iso = moment.toISOString();
	return { date: formatDate(iso.slice(0, 10)), time: `${iso.slice(11, 16)} UTC` };
}

/** "6 Jul – 7 Aug 2026", or with both years when they differ. */
export function formatRange(start: string, end: string): string {
	const [y1, m1, d1] = parts(start);
	const [y2] = parts(end);
	const head = y1 === y2 ? `${d1} ${MONTHS[m1 - 1]}` : formatDate(start);
	return `${head} – ${formatDate(end)}`;
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	const [y1, m1, d1] = parts(from);
	const [y2, m2, d2] = parts(to);
	return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** "5 days late", "2 days early", "on time": the actual end against the planned one. */
export function slip(plannedEnd: string, actualEnd: string): string {
	const days = daysBetween(plannedEnd, actualEnd);
	if (days === 0) return 'on time';
	const n = Math.abs(days);
	return `${n} ${n === 1 ? 'day' : 'days'} ${days > 0 ? 'late' : 'early'}`;
}

// Today's date as the program sees it: local calendar date, overridable for tests and reruns.

/** YYYY-MM-DD of `now` in local time, or PHASEBOOK_TODAY when set. */
export function today(now = new Date()): string {
	const fixed = process.env.PHASEBOOK_TODAY;
	if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

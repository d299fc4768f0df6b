// The readiness page's blocker table: when each blocker opened and closed, to the minute.
import { describe, expect, it } from 'vitest';
import { formatMoment } from '../../../src/lib/dates.ts';

describe('formatMoment', () => {
	it('shows an ISO time to the minute in UTC, whatever offset git or the import wrote', () => {
		expect(formatMoment('2026-12-03T10:04:32.980Z')).toBe('3 Dec 2026, 10:04 UTC');
		// A commit at 23:30 in New York is the next day in UTC.
		expect(formatMoment('2026-12-03T23:30:00-05:00')).toBe('4 Dec 2026, 04:30 UTC');
	});

	it('shows a bare date, or text that is no time, as a date', () => {
		expect(formatMoment('2026-12-03')).toBe('3 Dec 2026');
		expect(formatMoment('2026-12-03Tnot-a-time')).toBe('3 Dec 2026');
	});
});

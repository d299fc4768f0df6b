// The readiness page's blocker table: when each blocker opened and closed, to the minute.
import { describe, expect, it } from 'vitest';
import { momentParts } from '../../../src/lib/dates.ts';

describe('momentParts', () => {
	it('gives an ISO time to the minute in UTC, whatever offset git or the import wrote', () => {
		expect(momentParts('2026-12-03T10:04:32.980Z')).toEqual({ date: '3 Dec 2026', time: '10:04 UTC' });
		// A commit at 23:30 in New York is the next day in UTC.
		expect(momentParts('2026-12-03T23:30:00-05:00')).toEqual({ date: '4 Dec 2026', time: '04:30 UTC' });
	});

	it('gives a bare date, or text that is no time, as a date alone', () => {
		expect(momentParts('2026-12-03')).toEqual({ date: '3 Dec 2026' });
		expect(momentParts('2026-12-03Tnot-a-time')).toEqual({ date: '3 Dec 2026' });
	});
});

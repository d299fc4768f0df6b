// Field schemas shared by every document type: dates, ids, owners and the base fields.
import * as z from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validCalendarDate(value: string): boolean {
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	const [, y, m, d] = match.map(Number) as [number, number, number, number];
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A calendar date, kept as `YYYY-MM-DD`. YAML parsers disagree on whether a bare date is a
 * string or a Date (Astro's turns it into a Date at UTC midnight), so both are accepted and
 * normalised to the string, which sorts, compares and serialises the same everywhere.
 */
export const isoDate = z.union([z.date(), z.string()]).transform((value, ctx) => {
	if (value instanceof Date) {
		if (!Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
	} else if (validCalendarDate(value)) {
		return value;
	}
	ctx.addIssue({
		code: 'custom',
		message: `expected a date as YYYY-MM-DD, found ${JSON.stringify(value instanceof Date ? String(value) : value)}`,
	});
	return z.NEVER;
});

/** A short id. YAML reads `id: 1` as a number, which authors mean as the id "1". */
export const shortId = z
	.union([z.string(), z.number().int().nonnegative()])
	.transform((v) => String(v))
	.pipe(
		z
			.string()
			.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a short id of letters, digits, ".", "_" or "-"'),
	);

/** A git commit id, abbreviated or whole: SHA-1 (40 hex digits) or SHA-256 (64). */
export const COMMIT_ID = /^[0-9a-f]{7,64}$/i;

export const nonEmpty = z.string().trim().min(1, 'expected a non-empty string');

/**
 * A web address the site links to. Only http(s): `javascript:` or `data:` in a link runs script
 * on click, and these addresses end up in every page's footer and "Edit this page" link.
 * @param expected what the message says was expected.
 */
export const httpUrl = (expected = 'an http:// or https:// address') =>
	z
		.string()
		.trim()
		.pipe(z.url({ protocol: /^https?$/, error: `expected ${expected}` }));

export const owners = z.array(nonEmpty).min(1, 'expected at least one owner');

const SEMVER = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * The first numeric part of a version written with a leading zero, which semver forbids: `01` of
 * 01.0.0, `02` of 1.02.0, `01` of 1.0.0-rc.01. Build metadata (`+001`) and a pre-release part with
 * a letter or `-` (`rc-01`) may have one. `new --version 01.0.0` wrote an entry that 1.0.0 was then
 * refused as the same version of.
 */
function leadingZero(version: string): string | undefined {
	const [core = '', ...pre] = version.replace(/^v/, '').replace(/\+.*$/s, '').split('-');
	return [...core.split('.'), ...pre.join('-').split('.')].find((part) => /^0\d+$/.test(part));
}

export const semver = z.string().superRefine((version, ctx) => {
	if (!SEMVER.test(version)) return ctx.addIssue({ code: 'custom', message: 'expected a semantic version such as 1.2.0' });
	const zero = leadingZero(version);
	if (zero) ctx.addIssue({ code: 'custom', message: `unexpected leading zero in "${zero}", expected a semantic version whose numbers have none, such as 1.2.0` });
});

/** Fields every document has. */
export const baseFields = {
	title: nonEmpty,
	owners,
};

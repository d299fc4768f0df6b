// Evidence addresses: only absolute http(s) URLs become links.
import { describe, expect, it } from 'vitest';
import { commitUrl, httpUrl, linkParts } from '../../../src/lib/safe-url.ts';

describe('httpUrl', () => {
	it('accepts absolute http and https URLs', () => {
		expect(httpUrl('https://avd.aquasec.com/nvd/cve-2023-45853')).toBe('https://avd.aquasec.com/nvd/cve-2023-45853');
		expect(httpUrl('  HTTP://example.com ')).toBe('http://example.com/');
	});

	it('refuses every other scheme and relative or broken addresses', () => {
		for (const value of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '//evil.example/x', '/etc/passwd', 'src/a.ts:12', 'https://', 'http://exa mple.com', '', undefined]) {
			expect(httpUrl(value), String(value)).toBeUndefined();
		}
	});
});

describe('commitUrl', () => {
	it('links a sha under an http(s) repository', () => {
		expect(commitUrl('https://github.com/acme/app/', 'ABC1234')).toBe('https://github.com/acme/app/commit/ABC1234');
	});

	it('links nothing without a usable repository or sha', () => {
		expect(commitUrl(undefined, 'abc1234')).toBeUndefined();
		expect(commitUrl('git@github.com:acme/app.git', 'abc1234')).toBeUndefined();
		expect(commitUrl('https://github.com/acme/app', 'main"><script>')).toBeUndefined();
	});
});

describe('linkParts', () => {
	it('splits text into plain parts and http(s) links, trailing punctuation left as text', () => {
		expect(linkParts('see https://playwright.dev/docs/test-assertions. Or javascript:alert(1)')).toEqual([
			{ text: 'see ' },
			{ text: 'https://playwright.dev/docs/test-assertions', href: 'https://playwright.dev/docs/test-assertions' },
			{ text: '. Or javascript:alert(1)' },
		]);
	});

	it('keeps text without a URL whole, markup included (the page escapes it)', () => {
		expect(linkParts('<script>alert(1)</script>')).toEqual([{ text: '<script>alert(1)</script>' }]);
		expect(linkParts('')).toEqual([]);
	});

	it('stops a URL at quotes and angle brackets', () => {
		expect(linkParts('"https://a.example/x"<b>')).toEqual([{ text: '"' }, { text: 'https://a.example/x', href: 'https://a.example/x' }, { text: '"<b>' }]);
	});
});

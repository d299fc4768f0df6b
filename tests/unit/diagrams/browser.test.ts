import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../../src/diagrams/browser.ts';

const executables =
	(...paths: string[]) =>
	(path: string) =>
		paths.includes(path);
const noPlaywright = async () => undefined;

describe('findBrowser', () => {
	it('uses PHASEBOOK_BROWSER, and only it, when set', async () => {
		const found = await findBrowser({
			env: { PHASEBOOK_BROWSER: '/opt/chrome/chrome' },
			playwrightPath: async () => '/pw/chromium',
			isExecutable: executables('/opt/chrome/chrome', '/pw/chromium', '/usr/bin/chromium'),
		});
		expect(found).toEqual({ path: '/opt/chrome/chrome', tried: ['/opt/chrome/chrome'], forced: '/opt/chrome/chrome' });
	});

	it('finds no browser when PHASEBOOK_BROWSER names a missing file, even with others installed', async () => {
		const found = await findBrowser({
			env: { PHASEBOOK_BROWSER: '/nonexistent/chromium' },
			playwrightPath: async () => '/pw/chromium',
			isExecutable: executables('/pw/chromium', '/usr/bin/chromium'),
		});
		expect(found).toEqual({ path: undefined, tried: ['/nonexistent/chromium'], forced: '/nonexistent/chromium' });
	});

	it("prefers Playwright's own Chromium when it has been downloaded", async () => {
		const found = await findBrowser({
			env: {},
			playwrightPath: async () => '/pw/chromium',
			isExecutable: executables('/pw/chromium', '/usr/bin/chromium'),
		});
		expect(found.path).toBe('/pw/chromium');
	});

	it('falls back to system Chromium or Chrome, in order', async () => {
		const found = await findBrowser({
			env: {},
			playwrightPath: async () => '/pw/not-downloaded',
			isExecutable: executables('/usr/bin/google-chrome', '/usr/bin/chromium-browser'),
		});
		expect(found).toEqual({
			path: '/usr/bin/chromium-browser',
			tried: ['/pw/not-downloaded', '/usr/bin/chromium', '/usr/bin/chromium-browser'],
		});
	});

	it('searches PATH last', async () => {
		const found = await findBrowser({
			env: { PATH: '/snap/bin:/opt/bin' },
			playwrightPath: noPlaywright,
			isExecutable: executables('/opt/bin/google-chrome-stable'),
		});
		expect(found.path).toBe('/opt/bin/google-chrome-stable');
	});

	it('lists everything it looked at when it finds nothing', async () => {
		const found = await findBrowser({
			env: { PATH: '/bin' },
			playwrightPath: noPlaywright,
			isExecutable: () => false,
		});
		expect(found.path).toBeUndefined();
		expect(found.tried).toContain('/usr/bin/google-chrome-stable');
		expect(found.tried).toContain('/bin/chromium');
	});
});

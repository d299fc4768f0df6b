// End-to-end tests: the sample site built by `npm run build` and served by `astro preview`, in Chromium.
import { defineConfig, devices } from '@playwright/test';
import { findBrowser } from './src/diagrams/browser.ts';
import { LAUNCH_ARGS } from './src/print/pdf.ts';

// PHASEBOOK_E2E_PORT lets several checkouts run their end-to-end suites side by side.
const PORT = Number(process.env.PHASEBOOK_E2E_PORT ?? 4391);
const BASE = (process.env.PHASEBOOK_BASE ?? '/').replace(/\/?$/, '/');

// The same discovery as the build's diagrams: PHASEBOOK_BROWSER, Playwright's own, system Chromium.
const browser = await findBrowser();
if (!browser.path) {
	throw new Error(
		`No Chromium or Chrome found for the end-to-end tests (tried: ${browser.tried.join(', ')}). ` +
			'Install Chromium or set PHASEBOOK_BROWSER to its executable.',
	);
}

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: 'test-results/e2e',
	fullyParallel: true,
	workers: 2,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	timeout: 30_000,
	expect: { timeout: 5_000 },
	reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/reports/playwright.json' }]],
	use: {
		baseURL: `http://127.0.0.1:${PORT}${BASE}`,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: { executablePath: browser.path, args: LAUNCH_ARGS },
			},
		},
	],
	webServer: {
		command: `node bin/phasebook.js build && node node_modules/astro/bin/astro.mjs preview --port ${PORT} --host 127.0.0.1`,
		url: `http://127.0.0.1:${PORT}${BASE}`,
		timeout: 240_000,
		reuseExistingServer: !process.env.CI,
		stdout: 'ignore',
		stderr: 'pipe',
		env: { ASTRO_TELEMETRY_DISABLED: '1' },
	},
});

import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { selectedAreas } from './areas.mjs';

// End-to-end tests run against the current build (dist/): `npm run build` first.
const port = Number(process.env['E2E_PORT'] ?? 8431);
const baseURL = `http://127.0.0.1:${port}`;
const chromium = process.env['CHROMIUM_PATH'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const history = '.reports/e2e-history';

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: '.reports/playwright-output',
	testMatch: selectedAreas().filter((a) => a !== 'core').map((a) => `${a}.spec.ts`),
	// The registry is shared state: tests publish versions, so they run in file order, one at a time.
	workers: 1,
	fullyParallel: false,
	forbidOnly: true,
	retries: 0,
	timeout: 30_000,
	reporter: [['list'], ['json', { outputFile: process.env['E2E_JSON_REPORT'] ?? 'test-results/e2e.json' }]],
	use: {
		baseURL,
		launchOptions: {
			...(chromium ? { executablePath: chromium } : {}),
			args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
		},
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: {
		command: `node tests/fixtures/make-history.mjs 60 ${history} && node dist/cli.js serve --port ${port} --repo tests/fixtures/sample-repo --history ${history}`,
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		env: { ORCH_PUBLISH_TOKEN: 'e2e-publish-token' },
		stdout: 'ignore',
		stderr: 'pipe',
	},
});

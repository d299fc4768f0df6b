import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/build/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 120_000,
		pool: 'forks',
		// The run's temporary folders live in one folder, removed when it ends (tests/helpers/temp-root.ts).
		globalSetup: ['tests/helpers/temp-root.ts'],
		// One diagram cache for the whole run: fixtures share diagrams, so only the first render costs a browser.
		env: { PHASEBOOK_CACHE_DIR: resolve(import.meta.dirname, 'test-results/diagram-cache') },
	},
});

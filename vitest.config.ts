import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/build/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 120_000,
		pool: 'forks',
	},
});

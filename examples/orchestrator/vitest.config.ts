import { defineConfig } from 'vitest/config';
import { selectedAreas, sourceGlobs } from './areas.mjs';

const areas: string[] = selectedAreas();

export default defineConfig({
	test: {
		include: areas.map((a) => `tests/unit/${a}/**/*.test.ts`),
		testTimeout: 20_000,
		coverage: {
			provider: 'v8',
			include: sourceGlobs(areas),
			// The entry point only wires process streams to runCli; tests call runCli directly.
			exclude: ['src/cli.ts'],
			reporter: ['text-summary', 'json-summary'],
		},
	},
});

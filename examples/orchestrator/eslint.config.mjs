// ESLint for the orchestrator: the recommended JS and TypeScript rules plus eslint-plugin-security.
// The security gate runs it with the SARIF formatter; errors become HIGH findings there, so only
// rules whose every hit is a real defect are errors. The security plugin's heuristics
// (non-literal fs paths, object injection) stay warnings: MEDIUM findings a reviewer reads.
import js from '@eslint/js';
import security from 'eslint-plugin-security';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
	{ ignores: ['dist/', 'node_modules/', '.reports/', 'test-results/', 'assets/'] },
	js.configs.recommended,
	tseslint.configs.recommended,
	security.configs.recommended,
	{
		languageOptions: {
			globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', performance: 'readonly', structuredClone: 'readonly' },
		},
		rules: {
			'no-eval': 'error',
			'no-implied-eval': 'error',
			'no-new-func': 'error',
			'security/detect-eval-with-expression': 'error',
			'security/detect-child-process': 'error',
			'@typescript-eslint/no-explicit-any': 'warn',
		},
	},
	{
		// Tests spawn the built CLI on purpose.
		files: ['tests/**'],
		rules: { 'security/detect-child-process': 'off' },
	},
);

#!/usr/bin/env node
// Rewrites tests/e2e/golden/ from the built CLI. Review the diff before committing: a golden file
// is what a template is expected to produce, so a change here is a change in behaviour.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const { templates } = JSON.parse(readFileSync(join(root, 'assets/templates/manifest.json'), 'utf8'));
for (const { name } of templates) {
	const out = execFileSync(process.execPath, [join(root, 'dist/cli.js'), 'generate-template', name, '--example'], { encoding: 'utf8' });
	const file = join(root, 'tests/e2e/golden', `${name}.golden`);
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, out);
}
console.log(`wrote ${templates.length} golden files`);

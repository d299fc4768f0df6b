// Vitest global setup: every temporary folder of the run goes into one folder, removed at the end.
// Tests, and the product code and tools they run (git, Chromium), make their folders with
// os.tmpdir(), which reads TMPDIR; the workers start after this and inherit it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
	const root = mkdtempSync(join(tmpdir(), 'phasebook-tests-'));
	const before = process.env['TMPDIR'];
	process.env['TMPDIR'] = root;
	return () => {
		if (before === undefined) delete process.env['TMPDIR'];
		else process.env['TMPDIR'] = before;
		rmSync(root, { recursive: true, force: true, maxRetries: 5 });
	};
}

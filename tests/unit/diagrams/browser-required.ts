// For tests that render: find Chromium or fail loudly (CI installs it; a silent skip would hide a gap).
import { findBrowser } from '../../../src/diagrams/browser.ts';

export async function requireBrowser(): Promise<string> {
	const { path, tried } = await findBrowser();
	if (!path) {
		throw new Error(
			`These tests render diagrams and need Chromium, but none was found (looked at: ${tried.join(', ')}). ` +
				'Install chromium or set PHASEBOOK_BROWSER to its executable.',
		);
	}
	return path;
}

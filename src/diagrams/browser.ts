// Finds a Chromium executable to render diagrams with, without launching it.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface BrowserDiscovery {
	/** The executable to launch, or undefined when none was found. */
	path: string | undefined;
	/** Every candidate looked at, in order, for the warning shown when none is found. */
	tried: string[];
	/** PHASEBOOK_BROWSER's value, when it chose the one candidate. */
	forced?: string;
}

export interface DiscoveryDeps {
	env?: NodeJS.ProcessEnv;
	/** Playwright's own Chromium, if Playwright is installed (it may not have downloaded it). */
	playwrightPath?: () => Promise<string | undefined>;
	isExecutable?: (path: string) => boolean;
}

export const SYSTEM_BROWSERS = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable',
];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/**
 * `PHASEBOOK_BROWSER` when set (and then nothing else: a wrong value must not silently pick
 * another browser), else Playwright's Chromium, else a system Chromium or Chrome.
 */
export async function findBrowser(deps: DiscoveryDeps = {}): Promise<BrowserDiscovery> {
	const env = deps.env ?? process.env;
	const isExecutable = deps.isExecutable ?? isExecutableFile;
	const tried: string[] = [];
	const pick = (path: string | undefined): boolean => {
		if (!path || tried.includes(path)) return false;
		tried.push(path);
		return isExecutable(path);
	};

	const forced = env['PHASEBOOK_BROWSER'];
	if (forced) return { path: pick(forced) ? forced : undefined, tried, forced };

	const playwright = await (deps.playwrightPath ?? playwrightChromium)();
	if (pick(playwright)) return { path: playwright, tried };
	for (const path of SYSTEM_BROWSERS) if (pick(path)) return { path, tried };
	for (const dir of (env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
		for (const name of PATH_NAMES) {
			const path = join(dir, name);
			if (pick(path)) return { path, tried };
		}
	}
	return { path: undefined, tried };
}

async function playwrightChromium(): Promise<string | undefined> {
	try {
		const { chromium } = await import('playwright');
		return chromium.executablePath();
	} catch {
		return undefined;
	}
}

function isExecutableFile(path: string): boolean {
	try {
		if (!statSync(path).isFile()) return false;
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

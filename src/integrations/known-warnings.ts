// Bundler warnings that are known, harmless and not ours to fix, dropped by their exact code and text.

interface BundlerWarning {
	code?: string | undefined;
	message: string;
}

/**
 * Astro marks every content module with a "use astro:head-inject" directive that the bundler says
 * it may not preserve: one 10-line warning per document on every build, about Astro's own
 * marker (withastro/astro#18087, open). Everything else goes to the default handler.
 */
export function isKnownWarning(warning: BundlerWarning): boolean {
	return warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use astro:head-inject"');
}

/** `build.rolldownOptions.onwarn` for astro.config.mjs. */
export function ignoreKnownWarnings<W extends BundlerWarning>(warning: W, warn: (warning: W) => void): void {
	if (!isKnownWarning(warning)) warn(warning);
}

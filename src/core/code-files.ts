// Which files count as code: the one definition the gates judge and the evidence import records.
import { categorize } from './path-patterns.ts';
import { DEFAULT_CATEGORIES, type CodeSettings } from './schemas/code.ts';

/**
 * Whether a file counts as code, leaving out the project's categories `left` and every dotfile or
 * file of a dot-folder (`.github/workflows/ci.yml`, `.gitignore`, a tracked `.coverage`), which
 * configure the tools around the code. A release ships code without docs and tests; the gates
 * judge code and its tests (a deleted test read as passing), not docs.
 */
export function codeOf(categories: CodeSettings['categories'] | undefined, left: readonly string[]): (path: string) => boolean {
	const category = categorize(categories ?? DEFAULT_CATEGORIES);
	return (path) => {
		if (path.split('/').some((part) => part.startsWith('.'))) return false;
		const name = category(path);
		// The docs category by its folder and its `*.txt` also holds a package named docs
		// (meter/docs/render.py), requirements.txt and CMakeLists.txt: only prose is left out.
		return !left.includes(name) || (name === 'docs' && !isProse(path));
	};
}

const PROSE_EXTENSION = /\.(?:md|mdx|markdown|rst|adoc|asciidoc|txt|png|jpe?g|gif|svg|webp)$/i;
const PROSE_NAME = /^(?:LICEN[CS]E|COPYING|AUTHORS|NOTICE|CHANGELOG|CHANGES|HISTORY|README)(?:\.[\w.-]+)?$/i;
/** Build inputs that end in .txt: `requirements-dev.txt`, `constraints.txt`, `CMakeLists.txt`. */
const BUILD_TEXT = /(?:^|\/)(?:[\w.-]*requirements[\w.-]*|constraints[\w.-]*|CMakeLists)\.txt$/i;

/** A file of documentation: text or images a release does not run, by its name, not its folder. */
export function isProse(path: string): boolean {
	const name = path.slice(path.lastIndexOf('/') + 1);
	if (PROSE_NAME.test(name)) return true;
	return PROSE_EXTENSION.test(name) && !BUILD_TEXT.test(path);
}

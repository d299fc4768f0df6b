// Finding requirement ids (per the project's pattern) in test names, suite names and properties.
import { compareIds } from '../order.ts';
import { DEFAULT_REQUIREMENT_PATTERN } from '../schemas/index.ts';

/** Returns the requirement ids found in some texts, deduplicated and sorted. */
export type RequirementScanner = (texts: Iterable<string | undefined>) => string[];

const cache = new Map<string, RequirementScanner>();

/**
 * Builds a scanner for a requirement pattern. `requirementRegExp` is anchored, for validating one
 * id; scanning needs the unanchored, global form. The look-arounds stop `XREQ-1` or `REQ-1a`
 * from yielding `REQ-1`, while `[REQ-1]`, `(REQ-1)`, `@REQ-1` and `REQ-1,REQ-2` all work.
 */
export function requirementScanner(
	pattern: string = DEFAULT_REQUIREMENT_PATTERN,
): RequirementScanner {
	const cached = cache.get(pattern);
	if (cached) return cached;
	// After the id an underscore is a separator: Go and pytest write a subtest's spaces as `_`
	// (`TestClamp/REQ-2.3_low`), which read as REQ-2 when `_` counted as part of a word.
	const re = new RegExp(`(?<![A-Za-z0-9_])(?:${pattern})(?![A-Za-z0-9])`, 'g');
	const scanner: RequirementScanner = (texts) => {
		const found = new Set<string>();
		for (const text of texts) {
			if (!text) continue;
			for (const match of text.matchAll(re)) if (match[0]) found.add(match[0]);
		}
		return [...found].sort(compareIds);
	};
	cache.set(pattern, scanner);
	return scanner;
}

/** Property names whose values list requirement ids (JUnit `<property>`, Playwright annotations). */
export function isRequirementProperty(name: string | undefined): boolean {
	const key = name?.trim().toLowerCase();
	return key === 'requirement' || key === 'requirements';
}

// Finding requirement ids (per the project's pattern) in test names, suite names and properties.
import { compareIds } from '../order.ts';
import { DEFAULT_REQUIREMENT_PATTERN } from '../schemas/index.ts';
import { userRegExp } from '../user-regexp.ts';

/** Returns the requirement ids found in some texts, deduplicated and sorted. */
export type RequirementScanner = (texts: Iterable<string | undefined>) => string[];

const cache = new Map<string, RequirementScanner>();

/**
 * Builds a scanner for a requirement pattern. `requirementRegExp` is anchored, for validating one
 * id; scanning needs the unanchored, global form. The characters around an id stop `XREQ-1` or
 * `REQ-1a` from yielding `REQ-1`, while `[REQ-1]`, `(REQ-1)`, `@REQ-1` and `REQ-1,REQ-2` all work.
 * They are tested without look-arounds, which would keep V8 from running the expression on its
 * linear-time engine (user-regexp.ts): the one after the id is matched, and the one before tested.
 */
export function requirementScanner(
	pattern: string = DEFAULT_REQUIREMENT_PATTERN,
): RequirementScanner {
	const cached = cache.get(pattern);
	if (cached) return cached;
	// After the id an underscore is a separator: Go and pytest write a subtest's spaces as `_`
	// (`TestClamp/REQ-2.3_low`), which read as REQ-2 when `_` counted as part of a word.
	const re = userRegExp(`((?:${pattern}))(?:[^A-Za-z0-9]|$)`, 'g');
	const scanner: RequirementScanner = (texts) => {
		const found = new Set<string>();
		for (const text of texts) {
			if (!text) continue;
			re.lastIndex = 0;
			for (let match = re.exec(text); match; match = re.exec(text)) {
				const id = match[1] ?? '';
				const before = match.index > 0 ? text.charCodeAt(match.index - 1) : -1;
				// An id glued to a word before it is none: look again from the next character.
				if (before !== -1 && WORD.test(String.fromCharCode(before))) {
					re.lastIndex = match.index + 1;
					continue;
				}
				if (id) found.add(id);
				re.lastIndex = match.index + Math.max(1, id.length);
			}
		}
		return [...found].sort(compareIds);
	};
	cache.set(pattern, scanner);
	return scanner;
}

const WORD = /[A-Za-z0-9_]/;

/** Property names whose values list requirement ids (JUnit `<property>`, Playwright annotations). */
export function isRequirementProperty(name: string | undefined): boolean {
	const key = name?.trim().toLowerCase();
	return key === 'requirement' || key === 'requirements';
}

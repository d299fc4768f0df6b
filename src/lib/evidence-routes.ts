// Routes into the evidence pages: a case's row on its gate page, a requirement's row in the matrix.
import { caseAnchor } from '../core/case-groups.ts';
import { evidenceRoute, slugify } from '../core/routes.ts';

/** The id of a requirement's row on the traceability page. */
export function requirementAnchor(id: string): string {
	return `trace-${slugify(id)}`;
}

export function requirementRoute(id: string): string {
	return `/traceability/#${requirementAnchor(id)}`;
}

/** A test case's row on the page of the gate whose latest run holds it. */
export function caseRoute(phase: string, gate: string, c: { suite: string; name: string }): string {
	return `${evidenceRoute(phase, gate)}#${caseAnchor(c.suite, c.name)}`;
}

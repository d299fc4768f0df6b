// What a gate page lists of a run's findings, and where the whole run is published.
import { describe, expect, it } from 'vitest';
import { evidenceFileRoute } from '../../../src/core/routes.ts';
import type { SecurityFinding } from '../../../src/core/schemas/index.ts';
import { findingCounts, FINDINGS_PER_PAGE, listedFindings } from '../../../src/lib/evidence.ts';

describe('listedFindings', () => {
	it('lists the 500 most severe of 200,000 findings, in the run\'s order within a level', () => {
		const levels = ['low', 'info', 'medium', 'high', 'critical'] as const;
		const findings: SecurityFinding[] = Array.from({ length: 200_000 }, (_, i) => ({ ruleId: `R${i}`, severity: levels[i % 5]!, message: '' }));
		const start = process.cpuUsage();
		const listed = listedFindings(findings);
		const used = process.cpuUsage(start);
		expect((used.user + used.system) / 1000).toBeLessThan(1000);
		expect(listed).toHaveLength(FINDINGS_PER_PAGE);
		expect(listed.slice(0, 3).map((f) => f.ruleId)).toEqual(['R4', 'R9', 'R14']);
		expect(listed.filter((f) => f.severity === 'critical')).toHaveLength(500);
		expect(findingCounts({ findings }).map((c) => `${c.count} ${c.level}`)).toEqual(['40000 critical', '40000 high', '40000 medium', '40000 low', '40000 info']);
	});

	it('lists a small run whole, most severe first', () => {
		const findings: SecurityFinding[] = [
			{ ruleId: 'a', severity: 'low', message: '' },
			{ ruleId: 'b', severity: 'critical', message: '' },
		];
		expect(listedFindings(findings).map((f) => f.ruleId)).toEqual(['b', 'a']);
	});
});

describe('evidenceFileRoute', () => {
	it('publishes a run at /evidence/<phase>/<gate>/<file>', () => {
		expect(evidenceFileRoute('content/evidence/1/unit/2026-01-21T10-00-00Z-bbbbbbb.json')).toBe('/evidence/1/unit/2026-01-21T10-00-00Z-bbbbbbb.json');
	});

	it.each([['content/evidence/1/unit/a b.json'], ['content/evidence/1/unit/..'], ['content/phases/1.mdx'], ['content/evidence/1/unit/%2e.json']])('not for %s', (path) => {
		expect(evidenceFileRoute(path)).toBeUndefined();
	});
});

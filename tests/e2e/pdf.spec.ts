// `npm run pdf`: a phase's sign-off pack as a PDF whose text holds the report's headings.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findHeadings } from '../../src/core/markdown/headings.ts';
import { pdfText } from './pdf-text.ts';
import { phases, program, ROOT } from './site.ts';

const OUT = join(ROOT, 'test-results', 'pdf');
const phase = phases.find((p) => p.data.status !== 'planned') ?? phases[0]!;

function pdf(args: string[]) {
	return spawnSync(process.execPath, [join(ROOT, 'scripts/pdf.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

test.describe.configure({ mode: 'serial' });

test(`npm run pdf -- --phase ${phase.id} writes the report, its RCAs, traceability, coverage deltas, handoff and review`, async () => {
	test.setTimeout(120_000);
	mkdirSync(OUT, { recursive: true });
	const out = join(OUT, `phase-${phase.id}.pdf`);
	rmSync(out, { force: true });
	const result = pdf(['--phase', phase.id, '--out', out]);
	expect(result.status, result.stdout + result.stderr).toBe(0);
	expect(result.stdout).toContain(`wrote`);
	const bytes = readFileSync(out);
	expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
	expect(statSync(out).size).toBeGreaterThan(10_000);
	// Compared without white space: PDF text runs split and join words in their own way.
	const squash = (s: string) => s.replace(/[\s*_`]+/g, '');
	const text = squash(pdfText(out));
	expect(text).toContain(squash(phase.data.title));
	const headings = findHeadings(phase.body).filter((h) => h.depth === 2);
	expect(headings.length).toBeGreaterThan(3);
	for (const heading of headings) expect(text, `the PDF has the section "${heading.text}"`).toContain(squash(heading.text));
	for (const doc of [...program.documents.handoff, ...program.documents.review].filter((d) => (d.data as { phase: string }).phase === phase.id)) {
		expect(text, `the PDF has ${doc.id}`).toContain(squash(doc.id));
	}
	expect(text).toContain('Sign-off');
	// The pack an auditor signs: the phase's RCAs, its traceability rows and its coverage deltas.
	const rcas = program.documents.rca.filter((r) => r.data.phase === phase.id);
	expect(rcas.length).toBeGreaterThan(0);
	for (const rca of rcas) expect(text, `the PDF has ${rca.id}`).toContain(squash(`${rca.id}: ${rca.data.title}`));
	const requirement = phase.data.requirements[0]!;
	const row = ['Passing', 'Failing', 'Untested'].map((status) => squash(`${requirement.id} ${status} ${requirement.title}`));
	expect(row.some((r) => text.includes(r)), `the PDF has the traceability row of ${requirement.id}`).toBe(true);
	expect(text).toContain(squash('Coverage deltas'));
	// Its one coverage run, in the first phase, has nothing to compare with, and the table says so.
	expect([squash('Since the previous run'), squash('Nothing to compare it with')].some((t) => text.includes(t))).toBe(true);
	// No placeholder address: the sample sets no site, so no link to the site is printed at all.
	expect(text).not.toContain('phasebook.example');
	// Its wide diagrams get landscape pages, and say how small their text prints.
	const pages = [...bytes.toString('latin1').matchAll(/\/MediaBox\s*\[\s*[\d.]+\s+[\d.]+\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map(([, w, h]) => Number(w) > Number(h));
	expect(pages.filter((landscape) => !landscape).length).toBeGreaterThan(1);
	expect(pages.filter((landscape) => landscape).length).toBeGreaterThan(0);
	expect(text).toMatch(/Printedat\d+%ofitssize;itssmallesttextis[\d.]+pt\./);
	test.info().attachments.push({ name: 'pdf', path: out, contentType: 'application/pdf' });
	// Printed again to the same file: the earlier pack is this command's, so it is replaced.
	const again = pdf(['--phase', phase.id, '--out', out]);
	expect(again.status, again.stdout + again.stderr).toBe(0);
	expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
});

test('an unknown phase is an error that lists the valid ones, and writes nothing', () => {
	const out = join(OUT, 'unknown.pdf');
	rmSync(out, { force: true });
	const result = pdf(['--phase', 'no-such-phase', '--out', out]);
	expect(result.status).toBe(1);
	expect(result.stderr).toContain(`Unknown phase "no-such-phase", expected one of ${phases.map((p) => p.id).join(', ')}`);
	expect(result.stderr).not.toMatch(/\n\s+at /);
	expect(existsSync(out)).toBe(false);
});

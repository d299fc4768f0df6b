// Generates a realistic program of N documents in a folder, for the check and build benchmarks.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..');

/** Share of each type in a program, and a body size in paragraphs (about 400 bytes each). */
const MIX = [
	{ type: 'phase', share: 0.1, paragraphs: 200 },
	{ type: 'rca', share: 0.4, paragraphs: 40 },
	{ type: 'handoff', share: 0.1, paragraphs: 20 },
	{ type: 'review', share: 0.15, paragraphs: 14 },
	{ type: 'changelog', share: 0.25, paragraphs: 4 },
] as const;

const WORDS =
	'the gate ran against the release candidate and the container image passed every live check while coverage held above threshold after the schema registry moved to versioned contracts and the retry budget was halved'.split(' ');

/** The n-th day from 2020-01-01: each phase gets its own window, after the phase it depends on. */
function day(n: number): string {
	return new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
}

function paragraph(seed: number): string {
	const words: string[] = [];
	for (let i = 0; i < 64; i++) words.push(WORDS[(seed * 7 + i * 13) % WORDS.length]!);
	return `${words.join(' ')}. See \`src/module-${seed % 50}.ts\` and **REQ-${(seed % 9) + 1}.1** for detail.`;
}

function prose(seed: number, paragraphs: number): string {
	const out: string[] = [];
	for (let i = 0; i < paragraphs; i++) out.push(paragraph(seed + i));
	return out.join('\n\n');
}

const sections: Record<string, string[]> = {
	phase: ['Executive summary', 'Scope, assumptions and exclusions', 'Before and after', 'Change inventory', 'API and data-flow changes', 'Diagrams', 'Test strategy and coverage deltas', 'Validation evidence', 'Risks and mitigations', 'Rollback plan', 'Follow-ups and carry-overs'],
	rca: ['Symptom and impact', 'Detection path and diagnostics', 'Root cause analysis', 'Alternatives considered and trade-offs', 'Selected solution and rationale', 'Regression tests added', 'Preventive guardrails'],
	handoff: ['Scope delivered', 'Source, test and doc changes', 'Validation gate results', 'Issues and RCAs', 'Requirements coverage verdict', 'On-track status', 'Final commit message', 'Residual risks and next-phase carry-overs'],
	review: ['Summary', 'Findings and disposition', 'Cleanup manifest', 'Next-phase readiness'],
	changelog: ['Added', 'Changed', 'Fixed'],
};

function body(type: string, n: number, paragraphs: number, phaseId: string, diagrams: boolean): string {
	const names = sections[type]!;
	const per = Math.max(1, Math.floor(paragraphs / names.length));
	return names
		.map((name, i) => {
			let content = prose(n * 31 + i, per);
			if (name === 'Change inventory') {
				// "Added": with --code the program is committed in one commit, which adds every file.
				content += `\n\n| File | Change | Requirement |\n| --- | --- | --- |\n${Array.from({ length: 12 }, (_, r) => `| \`src/p${phaseId}/file-${r}.ts\` | Added | REQ-${phaseId}.${(r % 3) + 1} |`).join('\n')}`;
			}
			if (name === 'Diagrams') {
				content = ['Architecture', 'Sequence', 'Data flow', 'Failure path']
					.map((sub, d) => `### ${sub}\n\n${paragraph(n + d)}\n\n\`\`\`${diagrams ? 'mermaid' : 'text'}\nflowchart LR\n  A${d}[Client ${phaseId}] --> B${d}[Service ${n}]\n\`\`\``)
					.join('\n\n');
			}
			if (type === 'changelog') content = `- ${paragraph(n + i)}\n- Another change in ${phaseId}.`;
			return `## ${name}\n\n${content}`;
		})
		.join('\n\n');
}

export interface GenerateOptions {
	documents: number;
	/** Mermaid blocks in the phases' Diagrams sub-sections (else plain code blocks). */
	diagrams?: boolean;
	/**
	 * Each phase's code confined to its own folder (`range.paths`), so a program committed to git
	 * passes the git checks. Checkouts from before `range` (issue 10) refuse the field.
	 */
	code?: boolean;
}

/** Writes content/ and templates/ for a program under `root`; returns counts per type. */
export function generateProgram(root: string, options: GenerateOptions): Record<string, number> {
	const counts = Object.fromEntries(MIX.map((m) => [m.type, Math.round(options.documents * m.share)]));
	const phases = counts.phase!;
	cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
	const dir = (name: string) => {
		mkdirSync(join(root, 'content', name), { recursive: true });
		return join(root, 'content', name);
	};
	mkdirSync(join(root, 'content'), { recursive: true });
	writeFileSync(join(root, 'content/project.yaml'), `name: Generated program\ndescription: ${options.documents} generated documents.\ngates:\n  - { id: build, title: Clean build, layer: build }\n  - { id: unit, title: Unit tests, layer: unit }\n`);
	writeFileSync(join(root, 'content/tasks.yaml'), `tasks:\n${Array.from({ length: phases }, (_, i) => `  - { id: T-${i + 1}, phase: "${i + 1}", title: Follow-up ${i + 1}, status: open, owner: ana }`).join('\n')}\n`);
	// The code the documents name, so a program committed to git passes the git checks: each phase's
	// change inventory lists the twelve files of its own folder, and each review finding points at src/a.ts:10.
	mkdirSync(join(root, 'src'), { recursive: true });
	writeFileSync(join(root, 'src/a.ts'), Array.from({ length: 20 }, (_, l) => `export const line${l} = ${l};`).join('\n') + '\n');
	writeFileSync(join(root, '.gitignore'), 'node_modules/\ndist/\n.phasebook/\n.astro/\nbare/\nstarlight/\n');
	for (let i = 1; i <= phases; i++) {
		mkdirSync(join(root, `src/p${i}`), { recursive: true });
		for (let r = 0; r < 12; r++) writeFileSync(join(root, `src/p${i}/file-${r}.ts`), `export const phase${i}file${r} = ${r};\n`);
	}
	for (let i = 1; i <= phases; i++) {
		const reqs = [1, 2, 3].map((r) => `  - { id: REQ-${i}.${r}, title: Requirement ${r} of phase ${i} }`).join('\n');
		writeFileSync(join(dir('phases'), `${i}.mdx`), `---\nid: "${i}"\ntitle: Phase ${i}\ngoal: Deliver increment ${i}.\nstatus: in-review\nowners: [ana, bo]\nwindow: { start: ${day(2 * i)}, end: ${day(2 * i + 1)} }\ndependsOn: [${i > 1 ? `"${i - 1}"` : ''}]${options.code ? `\nrange: { paths: ["src/p${i}/"] }` : ''}\nrisk: medium\npriority: high\nrequirements:\n${reqs}\n---\n\n${body('phase', i, MIX[0].paragraphs, String(i), options.diagrams ?? false)}\n`);
	}
	const phaseOf = (n: number) => String((n % phases) + 1);
	for (let n = 1; n <= counts.rca!; n++) {
		const id = `RCA-${String(n).padStart(4, '0')}`;
		writeFileSync(join(dir('rcas'), `${id.toLowerCase()}.mdx`), `---\nid: ${id}\ntitle: Incident ${n}\nphase: "${phaseOf(n)}"\nseverity: ${['critical', 'high', 'medium', 'low'][n % 4]}\nstatus: mitigated\ndetected: 2026-03-01\nowners: [ana]\n---\n\n${body('rca', n, MIX[1].paragraphs, phaseOf(n), false)}\n`);
	}
	for (let n = 1; n <= counts.handoff!; n++) {
		const id = `HO-${String(n).padStart(3, '0')}`;
		writeFileSync(join(dir('handoffs'), `${id.toLowerCase()}.mdx`), `---\nid: ${id}\ntitle: Handoff ${n}\nphase: "${phaseOf(n)}"\ndate: 2026-04-01\nstatus: final\nowners: [ana]\nonTrack: off-track\ncoverageVerdict: not-met\ncommitMessage: "feat: phase ${n}"\n---\n\n${body('handoff', n, MIX[2].paragraphs, phaseOf(n), false)}\n`);
	}
	for (let n = 1; n <= counts.review!; n++) {
		const id = `REV-${String(n).padStart(3, '0')}`;
		writeFileSync(join(dir('reviews'), `${id.toLowerCase()}.mdx`), `---\nid: ${id}\ntitle: Review ${n}\nphase: "${phaseOf(n)}"\ndate: 2026-04-02\nstatus: final\nowners: [ana]\nreviewers: [bo]\nfindings:\n  - { id: F-1, severity: medium, title: Tidy up, location: "src/a.ts:10", status: fixed, owner: ana }\nreadiness: not-ready\n---\n\n${body('review', n, MIX[3].paragraphs, phaseOf(n), false)}\n`);
	}
	for (let n = 1; n <= counts.changelog!; n++) {
		writeFileSync(join(dir('changelog'), `0.${n}.0.mdx`), `---\nversion: 0.${n}.0\ntitle: Release ${n}\ndate: 2026-05-01\nstatus: released\nowners: [ana]\n---\n\n${body('changelog', n, MIX[4].paragraphs, phaseOf(n), false)}\n`);
	}
	return counts;
}

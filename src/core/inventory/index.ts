// `npm run inventory`: drafts a phase's change inventory from git, prints it, and with --write puts
// the table into the phase document, keeping the Change text already written.
import { join } from 'node:path';
import { tableInFile } from '../check/inventory.ts';
import { FindingError, findingAt } from '../findings.ts';
import { printableLine } from '../findings-format.ts';
import { readTextFile } from '../files.ts';
import { gatherCodeFacts } from '../git/code-facts.ts';
import { gitCacheDir, openRepository } from '../git/repository.ts';
import { loadProgram, missingPhase, PROJECT_FILE } from '../load.ts';
import { draftInventory, inventoryTable, unwritableRows, type InventoryDraft } from './draft.ts';
import { ChangedMeanwhileError, replaceFile, replaceTable } from './write.ts';

/** The command cannot go on: one line naming the problem, exit code 1, nothing written. */
const stop = (message: string, path?: string, hint?: string) => new FindingError(findingAt({ path }, 'error', message, 'cli/usage', { hint }));

/** How many unwritable files the error names before "and N more". */
const NAMED = 5;

export interface InventoryOptions {
	phase: string;
	from?: string;
	to?: string;
	write?: boolean;
}

function describe(draft: InventoryDraft, heading: string): string {
	const summary = draft.summary.map((s) => `- ${s.category}: ${s.files} file${s.files === 1 ? '' : 's'} (+${s.added} −${s.removed})`);
	return [heading, '', inventoryTable(draft.rows, draft), '', 'Change summary', ...summary, '', 'Commit message', draft.commitMessage].join('\n');
}

/** What the table keeps of the author's that git does not show: named, so a stale row is deleted by hand, never unsaid. */
function keptNote(draft: InventoryDraft, range: string, path: string): string[] {
	if (draft.kept.length === 0) return [];
	const named = draft.kept.slice(0, NAMED).map((k) => (k.file ? `"${k.file}" (line ${k.line})` : `line ${k.line}`)).join(', ') + (draft.kept.length > NAMED ? ` and ${draft.kept.length - NAMED} more` : '');
	const count = draft.kept.length === 1 ? '1 row' : `${draft.kept.length} rows`;
	return [`Kept ${count} of ${path} as written, after the drafted ones, for no file changed in ${range}: ${named}; delete ${draft.kept.length === 1 ? 'it' : 'those'} by hand if stale`];
}

export async function runInventory(root: string, options: InventoryOptions): Promise<string> {
	const { program } = await loadProgram(root);
	const project = program.project;
	if (!project) throw stop(`${PROJECT_FILE} is invalid; run npx phasebook check and fix it first`);
	const phase = program.documents.phase.find((p) => p.id === options.phase);
	if (!phase) throw stop(missingPhase(program, options.phase));
	const opened = await openRepository(root, project.code.path, undefined, gitCacheDir(root));
	if (!opened.repository) throw stop(`Cannot draft the inventory from git: ${opened.reason}`);
	const facts = await gatherCodeFacts(program, project, opened, options);
	const code = facts.phases.get(phase.id)!;
	if (code.to === undefined) throw stop(`Cannot read phase ${phase.id}'s range ${code.label}: ${code.reason}`);
	const table = tableInFile(phase);
	if (options.write && table?.missingColumns.length) {
		const names = table.missingColumns.map((c) => c[0]!.toUpperCase() + c.slice(1));
		const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
		throw stop(`The first table under "## Change inventory" (line ${table.line}) has no ${list} column, so it is not the inventory; nothing was written`, phase.path, 'Name its columns File, Change and Requirement, or move the inventory table above it');
	}
	if (options.write && (options.from !== undefined || options.to !== undefined)) {
		throw stop('--write drafts the phase\'s own range, which the check judges the table against; --from and --to only print a draft, and nothing was written', phase.path, 'Set range.from (and range.to) in the phase\'s frontmatter to change its range');
	}
	const draft = draftInventory(code, phase, project, table);
	// A name the table cannot hold would be a row the check then refuses: no draft is better than that one.
	const unwritable = unwritableRows(draft.rows);
	if (unwritable.length) {
		const named = unwritable.slice(0, NAMED).map((u) => `"${u.path}" (${u.reason})`).join(', ') + (unwritable.length > NAMED ? ` and ${unwritable.length - NAMED} more` : '');
		const count = unwritable.length === 1 ? 'the name of 1 file' : `the names of ${unwritable.length} files`;
		const them = unwritable.length === 1 ? 'it' : 'them';
		// code.exclude's patterns are trimmed: only a glob matches white space at either end of a name.
		const glob = unwritable.some((u) => u.path !== u.path.trim()) ? ' (patterns are trimmed: match white space at an end with ? in a glob)' : '';
		throw stop(
			`Cannot draft phase ${phase.id}'s change inventory: ${count} changed in ${code.label} cannot be written in a Markdown table cell: ${named}`,
			undefined,
			`Rename ${them}, or leave ${them} out of the inventory and the git checks with code.exclude in ${PROJECT_FILE}${glob}${options.write ? '; nothing was written' : ''}`,
		);
	}
	// The commits the label names: "v0.1.0..HEAD (d118c07..e121c1e)", "(first commit)..HEAD (up to e121c1e)".
	const commits = code.from ? `${code.from.slice(0, 7)}..${code.to.slice(0, 7)}` : `up to ${code.to.slice(0, 7)}`;
	const range = commits === code.label ? commits : `${code.label} (${commits})`;
	const heading = `Phase ${phase.id} (${printableLine(phase.data.title)}): ${draft.rows.length} file${draft.rows.length === 1 ? '' : 's'} changed in ${range}`;
	// Another range's draft is for reading: the author's rows for the phase's own range are not its rows.
	if (!options.write) return describe(options.from !== undefined || options.to !== undefined ? { ...draft, kept: [] } : draft, heading);
	if (!table) throw stop(`No table under "## Change inventory", expected the section of templates/phase.mdx with its table`, phase.path);
	const path = join(root, phase.path);
	const read = readTextFile(path, phase.path);
	if (read.text === undefined) throw new FindingError(read.findings[0]!);
	// The table's lines were found in the text loaded above: it must still be that text.
	if (!read.text.replace(/\r\n/g, '\n').endsWith(phase.body.replace(/\r\n/g, '\n'))) throw new ChangedMeanwhileError(phase.path);
	await replaceFile(path, read.text, replaceTable(read.text, table.line, inventoryTable(draft.rows, draft)));
	return [`${describe(draft, heading)}\n\nWrote ${draft.rows.length} row${draft.rows.length === 1 ? '' : 's'} into the change inventory of ${phase.path}`, ...keptNote(draft, range, phase.path)].join('\n');
}

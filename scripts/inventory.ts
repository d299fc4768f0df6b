// `phasebook inventory --phase <id>`: drafts a phase's change inventory from git; --write puts it in the document.
import { resolve } from 'node:path';
import { parseCliArgs, runCli, UserError } from '../src/cli/args.ts';
import { runInventory } from '../src/core/inventory/index.ts';

const usage = `Usage: phasebook inventory --phase <id> [--from <ref>] [--to <ref>] [--write] [--root <dir>]

Drafts the phase's change inventory from git over its range (the previous
release to its own, or HEAD): one row per changed file with its category,
added and removed lines and the requirement ids its commits name, then a
change summary by category and a drafted commit message. Prints the draft;
--write replaces the document's table with it, keeping the Change text
already written for the files that stay. --from and --to override the range.`;

runCli('phasebook inventory', async () => {
	const { values } = parseCliArgs(
		{
			options: {
				phase: { type: 'string' },
				from: { type: 'string' },
				to: { type: 'string' },
				write: { type: 'boolean', default: false },
				root: { type: 'string', default: '.' },
				help: { type: 'boolean' },
			},
		},
		usage,
	);
	if (values.help) {
		console.log(usage);
		return 0;
	}
	if (!values.phase) throw new UserError('Missing --phase <id>', usage);
	console.log(await runInventory(resolve(values.root), { phase: values.phase, write: values.write, ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}) }));
	return 0;
});

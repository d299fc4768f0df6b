// CLI commands of the contracts: generate-contracts (with --check for CI drift) and validate-event.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../cli-core.ts';
import { checkDrift, generateAll } from './codegen.ts';
import { PaperTerminal } from './mt4-bridge.ts';
import { Registry } from './registry.ts';
import { validatePayload } from './validate.ts';
import { decodeWire, encodeWire } from './wire.ts';

export const GENERATED_DIR = fileURLToPath(new URL('../../assets/contracts/generated/', import.meta.url));

const generateContracts: Command = {
	name: 'generate-contracts',
	summary: 'Generate pydantic models and MQL4 parsers from the schemas (--check: fail on drift)',
	async run(args, io) {
		const { values } = parseArgs({ args, options: { check: { type: 'boolean' }, out: { type: 'string' }, schemas: { type: 'string' } } });
		const registry = await Registry.load(values.schemas ? resolve(io.cwd, values.schemas) : undefined);
		const dir = values.out ? resolve(io.cwd, values.out) : GENERATED_DIR;
		if (values.check) {
			const drift = await checkDrift(dir, registry.entries());
			for (const d of drift) io.err(`${d.path}: ${d.problem}\n`);
			io.out(drift.length ? `${drift.length} generated file(s) out of date; run generate-contracts\n` : 'generated files match the schemas\n');
			return drift.length ? 1 : 0;
		}
		const files = generateAll(registry.entries());
		for (const f of files) {
			await mkdir(dirname(join(dir, f.path)), { recursive: true });
			await writeFile(join(dir, f.path), f.content);
		}
		io.out(`wrote ${files.length} files\n`);
		return 0;
	},
};

const validateEvent: Command = {
	name: 'validate-event',
	summary: 'Validate a payload file against its schema: validate-event FILE [--schema ID]',
	async run(args, io) {
		const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { schema: { type: 'string' } } });
		const [file] = positionals;
		if (!file) throw new UsageError('expected a payload file');
		const payload = JSON.parse(await readFile(resolve(io.cwd, file), 'utf8')) as { schema?: string };
		const id = values.schema ?? payload.schema;
		if (!id) throw new UsageError('the payload has no "schema" field; pass --schema');
		const registry = await Registry.load();
		const violations = validatePayload(registry.get(id).schema, payload);
		for (const v of violations) io.err(`${v.path}: ${v.message}\n`);
		if (violations.length === 0) io.out(`${file} matches ${id}\n`);
		return violations.length ? 3 : 0;
	},
};

/** Payloads from a file holding one JSON payload or an array of them. */
async function readPayloads(io: { cwd: string }, file: string | undefined): Promise<Record<string, unknown>[]> {
	if (!file) throw new UsageError('expected a payload file (one JSON payload or an array)');
	const json = JSON.parse(await readFile(resolve(io.cwd, file), 'utf8')) as unknown;
	return (Array.isArray(json) ? json : [json]) as Record<string, unknown>[];
}

const mt4Echo: Command = {
	name: 'mt4-echo',
	summary: 'Pass events through the generated MQL4 parser and serialiser and print what comes back',
	async run(args, io) {
		const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
		const payloads = await readPayloads(io, positionals[0]);
		const registry = await Registry.load();
		const terminal = new PaperTerminal(registry);
		const back = payloads.map((p) => decodeWire(terminal.echo(encodeWire(p)), registry.get(String(p['schema'])).schema));
		io.out(`${JSON.stringify(back, null, 2)}\n`);
		return 0;
	},
};

const paperTrade: Command = {
	name: 'paper-trade',
	summary: 'Submit OrderIntents to the paper terminal; print the ExecutionReports and the OrderSend calls',
	async run(args, io) {
		const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
		const intents = await readPayloads(io, positionals[0]);
		const registry = await Registry.load();
		const terminal = new PaperTerminal(registry);
		const schema = registry.get('ExecutionReport@1.0').schema;
		const reports = intents.map((intent) => decodeWire(terminal.submit(encodeWire(intent)), schema));
		io.out(`${JSON.stringify({ reports, orderSend: terminal.orders }, null, 2)}\n`);
		return 0;
	},
};

export const contractCommands: Command[] = [generateContracts, validateEvent, mt4Echo, paperTrade];

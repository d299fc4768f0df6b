import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../../src/cli-core.ts';
import { commands } from '../../../src/commands.ts';
import { checkDrift, generateAll, generateMql4Parser, generatePythonModel } from '../../../src/contracts/codegen.ts';
import { GENERATED_DIR } from '../../../src/contracts/commands.ts';
import { Registry } from '../../../src/contracts/registry.ts';
import { captureIo } from '../../helpers/io.ts';
import { tempDir } from '../../helpers/tmp.ts';

const registry = await Registry.load();

describe('generated models', () => {
	test('REQ-3.2 generated Python models match their schemas (no drift)', async () => {
		expect(await checkDrift(GENERATED_DIR, registry.entries())).toEqual([]);
	});

	test('REQ-3.2 drift check reports a model edited by hand, a missing one and an orphan', async () => {
		const dir = await tempDir();
		await cp(GENERATED_DIR, dir, { recursive: true });
		await writeFile(join(dir, 'python/models/signal_v1_0.py'), '# edited by hand\n');
		await writeFile(join(dir, 'python/models/legacy.py'), '');
		const withoutOne = registry.entries();
		const drift = await checkDrift(dir, withoutOne);
		expect(drift).toEqual([
			{ path: 'python/models/legacy.py', problem: 'orphan' },
			{ path: 'python/models/signal_v1_0.py', problem: 'stale' },
		]);
		expect(await checkDrift(join(dir, 'absent'), withoutOne.slice(0, 1))).toEqual([
			{ path: 'mql4/parsers/ExecutionReport.mqh', problem: 'missing' },
			{ path: 'python/models/executionreport_v1_0.py', problem: 'missing' },
		]);
	});

	test('REQ-3.2 generated model header carries the schema hash and no timestamp', () => {
		const entry = registry.get('OrderIntent@1.2');
		const model = generatePythonModel(entry);
		expect(model.path).toBe('python/models/orderintent_v1_2.py');
		expect(model.content.split('\n')[0]).toBe(`# Generated from OrderIntent@1.2 (sha256:${entry.hash}). Do not edit; run generate-contracts.`);
		expect(model.content).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		expect(generatePythonModel(entry).content).toBe(model.content);
	});

	test('REQ-3.2 prices become Decimal, enums Literal, optional fields None', () => {
		const model = generatePythonModel(registry.get('OrderIntent@1.2')).content;
		expect(model).toContain('    schema_id: Literal["OrderIntent@1.2"] = Field(alias="schema")\n');
		expect(model).toContain('    limit_price: Decimal\n');
		expect(model).toContain('    stop_loss: Decimal | None = None\n');
		expect(model).toContain('    side: Literal["buy", "sell"]\n');
		const signalModel = generatePythonModel(registry.get('Signal@1.0')).content;
		expect(signalModel).toContain('    confidence: float\n');
		expect(signalModel).toContain('    horizon_s: int\n');
		const report = generatePythonModel(registry.get('ExecutionReport@1.0')).content;
		expect(report).toContain('class ExecutionReportFill(BaseModel):');
		expect(report).toContain('    fills: list[ExecutionReportFill]\n');
	});
});

describe('generated MQL4 parsers', () => {
	test('REQ-3.3 generated MQL4 parser uses the symbol digits, including prices nested in arrays', () => {
		const intent = generateMql4Parser(registry.get('OrderIntent@1.2')).content;
		expect(intent).toContain('int digits = (int)MarketInfo(Field(wire, "symbol"), MODE_DIGITS);');
		expect(intent).toContain('ParsePrice(Field(wire, "limit_price"), digits, out.limit_price)');
		const report = generateMql4Parser(registry.get('ExecutionReport@1.0')).content;
		expect(report).toContain('ParsePrice(FieldAt(wire, "fills", i, "price"), digits, out.fills[i].price)');
	});

	test('REQ-3.3 no generated MQL4 formats with a literal precision (RCA-0003 guardrail)', () => {
		for (const file of generateAll(registry.entries()).filter((f) => f.path.endsWith('.mqh'))) {
			expect(file.content, file.path).not.toMatch(/DoubleToString\([^,]+, *[0-9]\)/);
		}
	});

	test('REQ-3.2 generate-contracts writes the files and --check passes on them', async () => {
		const dir = await tempDir();
		const io = captureIo(dir);
		expect(await runCli(['generate-contracts', '--out', 'gen'], commands, io, '1')).toBe(0);
		expect(io.stdout).toBe('wrote 8 files\n');
		const check = captureIo(dir);
		expect(await runCli(['generate-contracts', '--check', '--out', 'gen'], commands, check, '1')).toBe(0);
		expect(check.stdout).toBe('generated files match the schemas\n');
		await writeFile(join(dir, 'gen/mql4/parsers/Signal.mqh'), '');
		const stale = captureIo(dir);
		expect(await runCli(['generate-contracts', '--check', '--out', 'gen'], commands, stale, '1')).toBe(1);
		expect(stale.stderr).toBe('mql4/parsers/Signal.mqh: stale\n');
		const repo = captureIo();
		expect(await runCli(['generate-contracts', '--check'], commands, repo, '1')).toBe(0);
	});
});

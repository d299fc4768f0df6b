import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../../src/cli-core.ts';
import { commands } from '../../../src/commands.ts';
import { PaperTerminal, parseLikeMql4, sameDecimal, throughDouble } from '../../../src/contracts/mt4-bridge.ts';
import { Registry } from '../../../src/contracts/registry.ts';
import { decodeWire, encodeWire, wireFields } from '../../../src/contracts/wire.ts';
import { captureIo } from '../../helpers/io.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { executionReport, orderIntent, signal } from './fixtures.ts';

const registry = await Registry.load();

describe('wire format', () => {
	test('REQ-3.3 encodes and decodes with escapes, numbers and nested arrays', () => {
		const s = signal();
		const wire = encodeWire(s);
		expect(wire).toBe('Signal@1.0|signal_id=sg_01JC8Q7W5X2M9T4R6B3N0K1P8E|symbol=XAUUSD|direction=long|confidence=0.72|horizon_s=900|note=a\\|b\\=c\\\\d');
		expect(decodeWire(wire, registry.get('Signal@1.0').schema)).toEqual(s);
		const report = executionReport();
		expect(decodeWire(encodeWire(report), registry.get('ExecutionReport@1.0').schema)).toEqual(report);
		const empty = executionReport({ fills: [], reason: null });
		expect(decodeWire(encodeWire(empty), registry.get('ExecutionReport@1.0').schema)).toEqual({ ...executionReport({ fills: [] }) });
		expect(decodeWire('X@1.0|flag=true', { type: 'object', properties: { flag: { type: 'boolean' } } })).toEqual({ schema: 'X@1.0', flag: true });
	});

	test('REQ-3.3 malformed messages are refused', () => {
		expect(() => encodeWire({ symbol: 'EURUSD' })).toThrow('A payload names its schema in the "schema" field');
		expect(() => wireFields('X@1.0|novalue')).toThrow('Malformed wire field "novalue"');
	});
});

describe('MQL4 side', () => {
	test('REQ-3.3 MQL4 parsing refuses an unknown symbol and a malformed price', () => {
		expect(parseLikeMql4(encodeWire(orderIntent({ symbol: 'DOGEUSD' })), registry)).toEqual({ ok: false, error: 'unknown_symbol' });
		expect(parseLikeMql4(encodeWire(orderIntent({ stop_loss: '1e2' })), registry)).toEqual({ ok: false, error: 'invalid_price: stop_loss' });
	});

	test('REQ-3.3 a price passes through an MQL4 double unchanged at the symbol digits', () => {
		expect(throughDouble('0.03512345', 8)).toBe('0.03512345');
		expect(throughDouble('151.23', 3)).toBe('151.230');
		expect(sameDecimal('151.23', '151.230')).toBe(true);
		expect(sameDecimal('151.23', '151.231')).toBe(false);
	});

	test('REQ-3.3 the paper terminal fills at the limit price and refuses a finer one without OrderSend', () => {
		const terminal = new PaperTerminal(registry);
		const filled = decodeWire(terminal.submit(encodeWire(orderIntent({ symbol: 'ETHBTC', limit_price: '0.03512345', stop_loss: undefined, take_profit: undefined }))), registry.get('ExecutionReport@1.0').schema);
		expect(filled).toMatchObject({ status: 'filled', fills: [{ price: '0.03512345', quantity: '0.10' }] });
		expect(terminal.orders).toEqual([{ symbol: 'ETHBTC', side: 'buy', lots: 0.1, price: 0.03512345 }]);
		const refused = decodeWire(terminal.submit(encodeWire(orderIntent({ limit_price: '151.2375' }))), registry.get('ExecutionReport@1.0').schema);
		expect(refused).toMatchObject({ status: 'rejected', reason: 'precision_exceeded: limit_price', fills: [] });
		expect(terminal.orders).toHaveLength(1);
		expect(() => terminal.echo(encodeWire(orderIntent({ symbol: 'DOGEUSD' })))).toThrow('unknown_symbol');
		const odd = decodeWire(terminal.submit('OrderIntent@1.2|symbol=NOPE'), registry.get('ExecutionReport@1.0').schema);
		expect(odd).toMatchObject({ status: 'rejected', intent_id: '', reason: 'unknown_symbol' });
		expect(decodeWire(terminal.submit('OrderIntent@1.2'), registry.get('ExecutionReport@1.0').schema)).toMatchObject({ symbol: '' });
	});

	test('REQ-3.3 validate-event checks a payload file and exits 3 when it does not match', async () => {
		const dir = await tempDir();
		await writeFile(join(dir, 'ok.json'), JSON.stringify(orderIntent()));
		await writeFile(join(dir, 'bad.json'), JSON.stringify(orderIntent({ limit_price: '151.2375' })));
		await writeFile(join(dir, 'anon.json'), JSON.stringify({ symbol: 'EURUSD' }));
		const ok = captureIo(dir);
		expect(await runCli(['validate-event', 'ok.json'], commands, ok, '1')).toBe(0);
		expect(ok.stdout).toBe('ok.json matches OrderIntent@1.2\n');
		const bad = captureIo(dir);
		expect(await runCli(['validate-event', 'bad.json', '--schema', 'OrderIntent@1.2'], commands, bad, '1')).toBe(3);
		expect(bad.stderr).toBe('/limit_price: "151.2375" has 4 decimals; USDJPY allows 3\n');
		expect(await runCli(['validate-event', 'anon.json'], commands, captureIo(dir), '1')).toBe(2);
		expect(await runCli(['validate-event'], commands, captureIo(dir), '1')).toBe(2);
	});

	test('REQ-3.3 mt4-echo and paper-trade drive the bridge from the command line', async () => {
		const dir = await tempDir();
		await writeFile(join(dir, 'events.json'), JSON.stringify([signal(), orderIntent({ symbol: 'BTCUSD', limit_price: '91234.12345678' })]));
		await writeFile(join(dir, 'intent.json'), JSON.stringify(orderIntent()));
		const echo = captureIo(dir);
		expect(await runCli(['mt4-echo', 'events.json'], commands, echo, '1')).toBe(0);
		expect(JSON.parse(echo.stdout)).toEqual([signal(), orderIntent({ symbol: 'BTCUSD', limit_price: '91234.12345678', stop_loss: '150.80000000', take_profit: '152.10000000' })]);
		const trade = captureIo(dir);
		expect(await runCli(['paper-trade', 'intent.json'], commands, trade, '1')).toBe(0);
		expect(JSON.parse(trade.stdout)).toMatchObject({ reports: [{ status: 'filled', fills: [{ price: '151.237' }] }], orderSend: [{ symbol: 'USDJPY', price: 151.237 }] });
		expect(await runCli(['paper-trade'], commands, captureIo(dir), '1')).toBe(2);
	});
});

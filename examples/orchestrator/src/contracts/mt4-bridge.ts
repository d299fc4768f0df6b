// What the generated MQL4 code does in the terminal, run in-process: parse with symbol digits, OrderSend, report.
import { pricePaths } from './codegen.ts';
import type { Registry } from './registry.ts';
import { decimalsOf, digitsOf, fromPoints, isDecimal, toPoints } from './symbols.ts';
import { encodeWire, wireFields, wireSchemaId } from './wire.ts';

export interface OrderSendCall {
	symbol: string;
	side: string;
	lots: number;
	/** The MQL4 double the order carries. */
	price: number;
}

export type ParseOutcome = { ok: true; fields: Record<string, string>; digits: number } | { ok: false; error: string };

/** Parse<Name>() of the generated MQL4: every price no finer than the symbol's digits, as a double. */
export function parseLikeMql4(wire: string, registry: Registry): ParseOutcome {
	const id = wireSchemaId(wire);
	const entry = registry.get(id);
	const fields = wireFields(wire);
	const digits = digitsOf(fields['symbol'] ?? '');
	if (digits === undefined) return { ok: false, error: 'unknown_symbol' };
	const prices = pricePaths(entry.schema);
	for (const [key, raw] of Object.entries(fields)) {
		const path = key.replace(/\[\d+\]\./, '[].');
		if (!prices.includes(path)) continue;
		if (!isDecimal(raw)) return { ok: false, error: `invalid_price: ${key}` };
		if (decimalsOf(raw) > digits) return { ok: false, error: `precision_exceeded: ${key}` };
	}
	return { ok: true, fields, digits };
}

/** StringToDouble then DoubleToString(value, digits): what a price looks like after a pass through MQL4. */
export function throughDouble(text: string, digits: number): string {
	const asDouble = Number(toPoints(text, digits)) / 10 ** digits;
	return fromPoints(BigInt(Math.round(asDouble * 10 ** digits)), digits);
}

/** A headless terminal running the generated parsers against a paper account. */
export class PaperTerminal {
	readonly orders: OrderSendCall[] = [];
	readonly #registry: Registry;
	#next = 0;

	constructor(registry: Registry) {
		this.#registry = registry;
	}

	/** Parses and re-serialises any event, as the EA does when it forwards one (generic round trip). */
	echo(wire: string): string {
		const parsed = parseLikeMql4(wire, this.#registry);
		if (!parsed.ok) throw new Error(parsed.error);
		const entry = this.#registry.get(wireSchemaId(wire));
		const prices = pricePaths(entry.schema);
		const out: string[] = [wire.split('|')[0]!];
		for (const [key, raw] of Object.entries(parsed.fields)) {
			const isPrice = prices.includes(key.replace(/\[\d+\]\./, '[].'));
			out.push(`${key}=${isPrice ? throughDouble(raw, parsed.digits) : raw.replace(/[\\|=]/g, (c) => `\\${c}`)}`);
		}
		return out.join('|');
	}

	/** Handles an OrderIntent: OrderSend at the limit price, or a rejection without any OrderSend. */
	submit(wire: string): string {
		const parsed = parseLikeMql4(wire, this.#registry);
		const fields = wireFields(wire);
		const reportId = `er_${String(++this.#next).padStart(26, '0')}`;
		const base = { schema: 'ExecutionReport@1.0', report_id: reportId, intent_id: fields['intent_id'] ?? '', symbol: fields['symbol'] ?? '' };
		if (!parsed.ok) return encodeWire({ ...base, status: 'rejected', reason: parsed.error, fills: [] });
		const price = Number(toPoints(fields['limit_price']!, parsed.digits)) / 10 ** parsed.digits;
		this.orders.push({ symbol: base.symbol, side: fields['side'] ?? '', lots: Number(fields['quantity']), price });
		const filled = fromPoints(BigInt(Math.round(price * 10 ** parsed.digits)), parsed.digits);
		return encodeWire({ ...base, status: 'filled', fills: [{ price: filled, quantity: fields['quantity'] }] });
	}
}

/** Whether two decimal strings denote the same number ("151.23" and "151.230"). */
export function sameDecimal(a: string, b: string): boolean {
	const scale = Math.max(decimalsOf(a), decimalsOf(b));
	return toPoints(a, scale) === toPoints(b, scale);
}

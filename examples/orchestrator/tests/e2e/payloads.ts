// Generated event payloads for the round-trip suite: symbols of 2, 3, 5 and 8 price digits.
export const SYMBOLS_BY_DIGITS: Record<number, string[]> = {
	2: ['XAUUSD', 'US500'],
	3: ['USDJPY', 'EURJPY'],
	5: ['EURUSD', 'GBPUSD'],
	8: ['ETHBTC', 'BTCUSD'],
};

function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function ulid(next: () => number): string {
	return Array.from({ length: 26 }, () => ALPHABET[Math.floor(next() * 32)]).join('');
}

/** A price with exactly `digits` decimals (or fewer, sometimes: trailing zeros are dropped). */
function price(next: () => number, digits: number, around: number): string {
	const points = BigInt(Math.round(around * (0.9 + next() * 0.2) * 10 ** digits));
	const text = points.toString().padStart(digits + 1, '0');
	const whole = text.slice(0, text.length - digits);
	const fraction = text.slice(text.length - digits);
	return digits === 0 ? whole : `${whole}.${next() < 0.2 ? fraction.replace(/0+$/, '') || '0' : fraction}`;
}

const LEVEL: Record<string, number> = { XAUUSD: 2650, US500: 5900, USDJPY: 151.2, EURJPY: 163.4, EURUSD: 1.084, GBPUSD: 1.27, ETHBTC: 0.0351, BTCUSD: 91234 };

export function payloads(type: 'PriceTick' | 'Signal' | 'OrderIntent' | 'ExecutionReport', digits: number, count: number, seed = 1): Record<string, unknown>[] {
	const next = random(seed * 7919 + digits);
	return Array.from({ length: count }, (_, i) => {
		const symbols = SYMBOLS_BY_DIGITS[digits]!;
		const symbol = symbols[i % symbols.length]!;
		const level = LEVEL[symbol]!;
		const ts = new Date(Date.UTC(2026, 10, 12, 8, 30, 0, i * 125)).toISOString();
		switch (type) {
			case 'PriceTick': {
				const bid = price(next, digits, level);
				return { schema: 'PriceTick@1.0', symbol, bid_px: bid, ask_px: bid, ts };
			}
			case 'Signal':
				return { schema: 'Signal@1.0', signal_id: `sg_${ulid(next)}`, symbol, direction: ['long', 'short', 'flat'][i % 3], confidence: Math.round(next() * 100) / 100, horizon_s: 60 + i };
			case 'OrderIntent':
				return {
					schema: 'OrderIntent@1.2',
					intent_id: `oi_${ulid(next)}`,
					symbol,
					side: i % 2 ? 'sell' : 'buy',
					quantity: '0.10',
					limit_price: price(next, digits, level),
					stop_loss: price(next, digits, level * 0.98),
					take_profit: price(next, digits, level * 1.02),
					time_in_force: ['GTC', 'IOC', 'FOK'][i % 3],
					created_at: ts,
				};
			case 'ExecutionReport':
				return {
					schema: 'ExecutionReport@1.0',
					report_id: `er_${ulid(next)}`,
					intent_id: `oi_${ulid(next)}`,
					symbol,
					status: 'partial',
					fills: [
						{ price: price(next, digits, level), quantity: '0.05' },
						{ price: price(next, digits, level), quantity: '0.05' },
					],
				};
		}
	});
}

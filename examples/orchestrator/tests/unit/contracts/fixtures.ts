// Sample payloads of each event type, valid against the shipped schemas.
export const ids = {
	intent: 'oi_01JC8Q7W5X2M9T4R6B3N0K1P8D',
	signal: 'sg_01JC8Q7W5X2M9T4R6B3N0K1P8E',
	report: 'er_01JC8Q7W5X2M9T4R6B3N0K1P8F',
};

export function orderIntent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		schema: 'OrderIntent@1.2',
		intent_id: ids.intent,
		symbol: 'USDJPY',
		side: 'buy',
		quantity: '0.10',
		limit_price: '151.237',
		stop_loss: '150.800',
		take_profit: '152.100',
		time_in_force: 'GTC',
		created_at: '2026-11-12T08:30:00.125Z',
		...overrides,
	};
}

export function priceTick(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return { schema: 'PriceTick@1.0', symbol: 'EURUSD', bid_px: '1.08425', ask_px: '1.08427', ts: '2026-11-12T08:30:00Z', ...overrides };
}

export function signal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return { schema: 'Signal@1.0', signal_id: ids.signal, symbol: 'XAUUSD', direction: 'long', confidence: 0.72, horizon_s: 900, note: 'a|b=c\\d', ...overrides };
}

export function executionReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		schema: 'ExecutionReport@1.0',
		report_id: ids.report,
		intent_id: ids.intent,
		symbol: 'ETHBTC',
		status: 'partial',
		fills: [
			{ price: '0.03512345', quantity: '0.05' },
			{ price: '0.03512350', quantity: '0.05' },
		],
		...overrides,
	};
}

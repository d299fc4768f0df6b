// Price digits per symbol, as MarketInfo(symbol, MODE_DIGITS) reports them on the program's terminals.
export const SYMBOL_DIGITS: Readonly<Record<string, number>> = {
	XAUUSD: 2,
	US500: 2,
	USDJPY: 3,
	EURJPY: 3,
	EURUSD: 5,
	GBPUSD: 5,
	ETHBTC: 8,
	BTCUSD: 8,
};

/** The symbol's digits; undefined for a symbol the terminals do not trade. */
export function digitsOf(symbol: string): number | undefined {
	return Object.hasOwn(SYMBOL_DIGITS, symbol) ? SYMBOL_DIGITS[symbol] : undefined;
}

const DECIMAL = /^-?(0|[1-9]\d*)(\.(\d+))?$/;

export function isDecimal(text: string): boolean {
	return DECIMAL.test(text);
}

/** Number of decimals of a decimal string ("151.2375" -> 4). */
export function decimalsOf(text: string): number {
	return DECIMAL.exec(text)?.[3]?.length ?? 0;
}

/** A decimal string as an integer count of points at `digits` ("0.03512345", 8 -> 3512345n). */
export function toPoints(text: string, digits: number): bigint {
	const m = DECIMAL.exec(text);
	if (!m) throw new Error(`"${text}" is not a decimal`);
	const fraction = m[3] ?? '';
	if (fraction.length > digits) throw new Error(`"${text}" has ${fraction.length} decimals; ${digits} allowed`);
	const sign = text.startsWith('-') ? -1n : 1n;
	return sign * BigInt(`${m[1]}${fraction.padEnd(digits, '0')}`);
}

/** Points back to a decimal string with exactly `digits` decimals (DoubleToString(value, digits)). */
export function fromPoints(points: bigint, digits: number): string {
	const negative = points < 0n;
	const abs = (negative ? -points : points).toString().padStart(digits + 1, '0');
	const whole = abs.slice(0, abs.length - digits);
	const fraction = abs.slice(abs.length - digits);
	return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

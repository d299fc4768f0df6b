// Runs at most `n` of the tasks given to it at once, in the order they were given.

export type Limited = <T>(task: () => Promise<T>) => Promise<T>;

export function limit(n: number): Limited {
	let running = 0;
	const waiting: (() => void)[] = [];
	const next = () => {
		running--;
		waiting.shift()?.();
	};
	return async (task) => {
		if (running >= n) await new Promise<void>((start) => waiting.push(start));
		running++;
		try {
			return await task();
		} finally {
			next();
		}
	};
}

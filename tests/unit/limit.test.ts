import { describe, expect, it } from 'vitest';
import { limit } from '../../src/core/limit.ts';

describe('limit', () => {
	it('runs at most n tasks at once, starts them in order and returns each result', async () => {
		const run = limit(2);
		let active = 0;
		let most = 0;
		const started: number[] = [];
		const results = await Promise.all(
			[1, 2, 3, 4, 5].map((n) =>
				run(async () => {
					started.push(n);
					active++;
					most = Math.max(most, active);
					await new Promise((done) => setTimeout(done, 5));
					active--;
					return n * 10;
				}),
			),
		);
		expect(results).toEqual([10, 20, 30, 40, 50]);
		expect(started).toEqual([1, 2, 3, 4, 5]);
		expect(most).toBe(2);
	});

	it('frees the slot of a task that fails', async () => {
		const run = limit(1);
		await expect(run(() => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
		await expect(run(async () => 'next')).resolves.toBe('next');
	});
});

// Migration scripts between major versions: a major version ships only with one (REQ-3.5).
export type Migration = (payload: Record<string, unknown>) => Record<string, unknown>;

export class Migrations {
	readonly #steps = new Map<string, Migration>();

	static key(name: string, fromMajor: number, toMajor: number): string {
		return `${name}@${fromMajor}->${toMajor}`;
	}

	register(name: string, fromMajor: number, toMajor: number, step: Migration): this {
		if (toMajor !== fromMajor + 1) throw new Error(`A migration goes from one major version to the next, not ${fromMajor} to ${toMajor}`);
		this.#steps.set(Migrations.key(name, fromMajor, toMajor), step);
		return this;
	}

	has(name: string, fromMajor: number, toMajor: number): boolean {
		return this.#steps.has(Migrations.key(name, fromMajor, toMajor));
	}

	/** Applies every step from `fromMajor` up to `toMajor`; the target id goes in the `schema` field. */
	migrate(payload: Record<string, unknown>, name: string, fromMajor: number, toId: { major: number; id: string }): Record<string, unknown> {
		let current = { ...payload };
		for (let major = fromMajor; major < toId.major; major++) {
			const step = this.#steps.get(Migrations.key(name, major, major + 1));
			if (!step) throw new Error(`No migration for ${name} from ${major} to ${major + 1}`);
			current = step(current);
		}
		return { ...current, schema: toId.id };
	}
}

// Each phase's git range as the documents define it: the previous release to its own release,
// HEAD while it has none, unless its frontmatter or the command line pins an end.
import { compareIds } from '../order.ts';
import { releaseTag, type CodeSettings, type Phase } from '../schemas/index.ts';

export type RefSource = 'pinned' | 'tag' | 'head' | 'root' | 'option';

/** One end of a range: the ref to resolve and where it came from, for messages and the site. */
export interface RangeEnd {
	ref: string;
	source: RefSource;
	/** The phase whose release tag this is (source `tag`). */
	phase?: string;
}

export interface RangeSpec {
	/** Undefined: from the first commit. */
	from?: RangeEnd;
	to: RangeEnd;
	/** Path patterns the phase's changes are limited to; empty: the whole code. */
	paths: string[];
}

export type PhaseLike = { id: string; data: Pick<Phase, 'release' | 'range'> & { dependsOn?: readonly string[] } };

/** The end of a released phase: its pinned `to`, else its release tag. */
function releasedEnd(phase: PhaseLike, code: Pick<CodeSettings, 'tag'>): RangeEnd | undefined {
	if (!phase.data.release) return undefined;
	if (phase.data.range?.to) return { ref: phase.data.range.to, source: 'pinned', phase: phase.id };
	return { ref: releaseTag(phase.data.release, code.tag), source: 'tag', phase: phase.id };
}

/**
 * The range of every phase, by id. A phase starts where the nearest earlier released phase (in id
 * order) ends; without one, at the first commit. A phase limited to `range.paths` works beside
 * others, so it starts where the nearest released phase it depends on (directly or through others)
 * ends, if any: a sibling's release must not cut its own earlier commits off. It ends at its
 * pinned `to`, its release tag, or HEAD. `options` (the command line's --from/--to) win over both
 * for the phase they name.
 */
export function rangeSpecs(
	phases: readonly PhaseLike[],
	code: Pick<CodeSettings, 'tag'>,
	options: { phase?: string; from?: string; to?: string } = {},
): Map<string, RangeSpec> {
	const sorted = [...phases].sort((a, b) => compareIds(a.id, b.id));
	const specs = new Map<string, RangeSpec>();
	let previous: RangeEnd | undefined;
	const released = new Map<string, RangeEnd>();
	const byId = new Map(sorted.map((p) => [p.id, p]));
	/** The end of the released phase with the greatest id among those `phase` depends on, through others too. */
	const dependencyEnd = (phase: PhaseLike): RangeEnd | undefined => {
		const seen = new Set<string>();
		const queue = [...(phase.data.dependsOn ?? [])];
		let best: string | undefined;
		while (queue.length) {
			const id = queue.pop()!;
			if (seen.has(id)) continue;
			seen.add(id);
			if (released.has(id) && (best === undefined || compareIds(id, best) > 0)) best = id;
			queue.push(...(byId.get(id)?.data.dependsOn ?? []));
		}
		return best === undefined ? undefined : released.get(best);
	};
	for (const phase of sorted) {
		const pin = phase.data.range;
		const start = pin?.paths?.length ? (dependencyEnd(phase) ?? previous) : previous;
		let from: RangeEnd | undefined = pin?.from ? { ref: pin.from, source: 'pinned' } : start;
		let to: RangeEnd = pin?.to
			? { ref: pin.to, source: 'pinned' }
			: phase.data.release
				? { ref: releaseTag(phase.data.release, code.tag), source: 'tag', phase: phase.id }
				: { ref: 'HEAD', source: 'head' };
		if (options.phase === phase.id) {
			if (options.from !== undefined) from = { ref: options.from, source: 'option' };
			if (options.to !== undefined) to = { ref: options.to, source: 'option' };
		}
		specs.set(phase.id, { ...(from ? { from } : {}), to, paths: pin?.paths ?? [] });
		const end = releasedEnd(phase, code);
		if (end) released.set(phase.id, end);
		previous = end ?? previous;
	}
	return specs;
}

/** How a range reads on the site and in messages: `v0.1.0..v0.2.0`, `9e151cb..HEAD`. */
export function rangeLabel(spec: Pick<RangeSpec, 'from' | 'to'>): string {
	const short = (end: RangeEnd) => (/^[0-9a-f]{12,40}$/i.test(end.ref) ? end.ref.slice(0, 7) : end.ref);
	return `${spec.from ? short(spec.from) : '(first commit)'}..${short(spec.to)}`;
}

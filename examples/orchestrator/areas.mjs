// The code base grew area by area, one per phase; a phase's gates run that phase's slice.
// ORCH_AREAS=core,compliance,... selects a slice (default: everything). Used by the Vitest and
// Playwright configs and by generate-evidence.sh.
export const AREAS_BY_PHASE = {
	1: ['core', 'compliance'],
	2: ['core', 'compliance', 'templates'],
	3: ['core', 'compliance', 'templates', 'contracts'],
	4: ['core', 'compliance', 'templates', 'contracts', 'workflow'],
};

export const ALL_AREAS = AREAS_BY_PHASE[4];

export function selectedAreas(env = process.env) {
	const text = env.ORCH_AREAS?.trim();
	if (!text) return ALL_AREAS;
	const areas = text.split(',').map((a) => a.trim()).filter(Boolean);
	const unknown = areas.filter((a) => !ALL_AREAS.includes(a));
	if (unknown.length) throw new Error(`ORCH_AREAS: unknown area(s) ${unknown.join(', ')}; expected ${ALL_AREAS.join(', ')}`);
	return areas;
}

/** Source files of an area; `core` is the shared HTTP, CLI and server modules at the top of src/. */
export function sourceGlobs(areas) {
	return areas.map((a) => (a === 'core' ? 'src/*.ts' : `src/${a}/**/*.ts`));
}

export declare const AREAS_BY_PHASE: Readonly<Record<1 | 2 | 3 | 4, readonly string[]>>;
export declare const ALL_AREAS: readonly string[];
export declare function selectedAreas(env?: Record<string, string | undefined>): string[];
export declare function sourceGlobs(areas: readonly string[]): string[];

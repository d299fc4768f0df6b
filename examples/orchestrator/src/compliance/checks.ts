// The shape of one compliance check's result, shared by every check and the report.
export interface CheckResult {
	id: string;
	status: 'pass' | 'fail';
	detail: string;
}

export function pass(id: string, detail: string): CheckResult {
	return { id, status: 'pass', detail };
}

export function fail(id: string, detail: string): CheckResult {
	return { id, status: 'fail', detail };
}

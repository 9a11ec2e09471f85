/**
 * Every AWS problem a data set meets goes to the log file, with what a person (or AWS support)
 * needs to find the call again: the operation, the HTTP status and AWS's request id. Written when
 * a problem appears or changes and when it clears, not once per retry: a throttling storm is
 * one line, then one line when it is over. The messages are the classified ones (errors.ts),
 * which never carry a credential.
 */
import type {DataProblem, DataSetId, FleetState} from './fleet-store.js';

export function problemLine(id: DataSetId, problem: DataProblem): string {
	const facts = [
		problem.action === undefined ? undefined : `${problem.action} failed`,
		problem.httpStatus === undefined ? undefined : `HTTP ${problem.httpStatus}`,
		problem.requestId === undefined ? undefined : `request id ${problem.requestId}`,
		`kind ${problem.kind}`,
	].filter((fact) => fact !== undefined);
	return `AWS problem (${id}): ${facts.join(', ')}: ${problem.message}`;
}

/** Lines for what changed between two states' problems. */
export function problemChanges(state: FleetState, previous: FleetState): string[] {
	if (state.problems === previous.problems) return [];
	const lines: string[] = [];
	const ids = new Set([
		...Object.keys(state.problems),
		...Object.keys(previous.problems),
	]) as Set<DataSetId>;
	for (const id of ids) {
		const now = state.problems[id];
		const before = previous.problems[id];
		if (now === before) continue;
		if (now !== undefined) lines.push(problemLine(id, now));
		else if (before !== undefined)
			lines.push(`AWS problem (${id}) over: the data is current again`);
	}
	return lines;
}

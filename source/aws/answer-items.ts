/**
 * The resources of one Describe answer, each checked before it is converted: a resource whose
 * name field is not a string, that is not an object at all, or that was not asked for (an
 * endpoint answering about another cluster's tasks) is dropped, and a failure beside the
 * items says which and why, as AWS's own `failures` do. The other resources of the answer stay.
 */
import type {DescribeFailure} from '../model/failure.js';
import {describeValue, text} from './answer-fields.js';

/** The reasons ecs-top gives its own failures, apart from AWS's (MISSING, ...). */
export const invalidAnswerReason = 'INVALID ANSWER';
export const notAskedForReason = 'NOT ASKED FOR';

/** Whether a failure is one of ours: the answer was wrong, not the resource gone. */
export function isAnswerFailure(failure: DescribeFailure): boolean {
	return failure.reason === invalidAnswerReason || failure.reason === notAskedForReason;
}

export type ItemRule<S, T> = {
	/** What the resource is called in messages: `cluster`, `task`. */
	readonly noun: string;
	/** The field that names the resource (`clusterArn`), which must be a string. */
	readonly idField: keyof S & string;
	/** The names a request may have used for this resource: its ARN, its name or id. */
	readonly names: (id: string, item: S) => readonly (string | undefined)[];
	readonly convert: (item: S) => T;
};

export type CheckedItems<T> = {items: T[]; failures: DescribeFailure[]};

/**
 * `asked`: the names the request asked for; undefined when the call asks for "all", so anything
 * is expected. Converting is guarded too: whatever a converter meets, one resource fails, not
 * the whole answer (nor, later, the screen).
 */
export function checkedItems<S extends object, T>(
	raw: readonly S[] | undefined,
	asked: ReadonlySet<string> | undefined,
	rule: ItemRule<S, T>,
): CheckedItems<T> {
	const items: T[] = [];
	const failures: DescribeFailure[] = [];
	if (!Array.isArray(raw)) return {items, failures};
	for (const item of raw as readonly unknown[]) {
		if (typeof item !== 'object' || item === null || Array.isArray(item)) {
			failures.push({
				arn: undefined,
				reason: invalidAnswerReason,
				detail: `a ${rule.noun} in the answer is ${describeValue(item)}, not an object`,
			});
			continue;
		}
		const resource = item as S;
		const idValue = resource[rule.idField];
		const id = text(idValue);
		if (id === undefined || id === '') {
			failures.push({
				arn: undefined,
				reason: invalidAnswerReason,
				detail: `a ${rule.noun}'s ${rule.idField} is ${describeValue(idValue)}, not a name`,
			});
			continue;
		}
		if (
			asked !== undefined &&
			// Asked for by its id nearly always (tasks by ARN): the other names only when it was not.
			!asked.has(id) &&
			!rule.names(id, resource).some((name) => name !== undefined && asked.has(name))
		) {
			failures.push({
				arn: id,
				reason: notAskedForReason,
				detail: `the answer holds a ${rule.noun} that was not asked for`,
			});
			continue;
		}
		try {
			items.push(rule.convert(resource));
		} catch (error) {
			failures.push({
				arn: id,
				reason: invalidAnswerReason,
				detail: `this ${rule.noun} could not be read: ${error instanceof Error ? error.message : String(error)}`,
			});
		}
	}
	return {items, failures};
}

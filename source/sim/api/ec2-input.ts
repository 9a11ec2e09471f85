/**
 * Reading EC2 query-protocol input. The wire codec hands over strings (and arrays of strings for
 * `InstanceId.N`), so numbers and lists are parsed here, with EC2's own error codes: a client that
 * sends garbage should see what EC2 would tell it, not a 500.
 */
import {SimError} from '../errors.js';
import {queryBoolean, queryInteger, stringList} from './query-input.js';

export const invalidParameterValue = (message: string): SimError =>
	new SimError('InvalidParameterValue', message);

export function optionalInteger(value: unknown, parameter: string): number | undefined {
	return queryInteger(value, (text) =>
		invalidParameterValue(`Invalid value '${text}' for ${parameter}. It must be an integer.`),
	);
}

export function optionalBoolean(value: unknown, parameter: string): boolean | undefined {
	return queryBoolean(value, (text) =>
		invalidParameterValue(`Invalid value '${text}' for ${parameter}. It must be true or false.`),
	);
}

/** EC2's page size rule for the Describe calls we serve: 5..1000, not with explicit ids. */
export function readMaxResults(
	input: Record<string, unknown>,
	idsGiven: boolean,
	idsParameter: string,
): number | undefined {
	const maxResults = optionalInteger(input['MaxResults'], 'MaxResults');
	if (maxResults === undefined) return undefined;
	if (idsGiven) {
		throw new SimError(
			'InvalidParameterCombination',
			`The parameter ${idsParameter} cannot be used with the parameter maxResults`,
		);
	}
	if (maxResults < 5 || maxResults > 1000) {
		throw invalidParameterValue(
			`Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`,
		);
	}
	return maxResults;
}

const instanceIdPattern = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** Checks the shape of each id first (Malformed), as EC2 does before looking any of them up. */
export function readInstanceIds(input: Record<string, unknown>): string[] {
	const ids = stringList(input['InstanceId']);
	if (ids.length > 1000) {
		throw invalidParameterValue(
			`The maximum number of instance IDs per request is 1000; ${ids.length} were given.`,
		);
	}
	for (const id of ids) {
		if (!instanceIdPattern.test(id)) {
			throw new SimError('InvalidInstanceID.Malformed', `Invalid id: "${id}" (expecting "i-...")`);
		}
	}
	return [...new Set(ids)];
}

export function instanceNotFound(missing: string[]): SimError {
	return missing.length === 1
		? new SimError('InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`)
		: new SimError(
				'InvalidInstanceID.NotFound',
				`The instance IDs '${missing.join(', ')}' do not exist`,
			);
}

/**
 * Reading Auto Scaling query input (strings from the form body). Auto Scaling reports every bad
 * parameter as a `ValidationError`, worded like its own model-constraint messages.
 */
import {SimError} from '../errors.js';
import {optionalString, queryBoolean, queryInteger} from './query-input.js';

export const validationError = (message: string): SimError =>
	new SimError('ValidationError', message);

const missingMember = (member: string): SimError =>
	validationError(
		`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
	);

export function requiredString(value: unknown, member: string): string {
	const text = optionalString(value);
	if (text === undefined) throw missingMember(member);
	return text;
}

export function optionalInteger(value: unknown, member: string): number | undefined {
	return queryInteger(value, (text) =>
		validationError(`Invalid value '${text}' for ${member}: must be an integer.`),
	);
}

export function requiredInteger(value: unknown, member: string): number {
	const parsed = optionalInteger(value, member);
	if (parsed === undefined) throw missingMember(member);
	return parsed;
}

export function optionalBoolean(value: unknown, member: string): boolean | undefined {
	return queryBoolean(value, (text) =>
		validationError(`Invalid value '${text}' for ${member}: must be true or false.`),
	);
}

/** `MaxRecords`: 1..max, as the model's range constraint says. */
export function readMaxRecords(
	input: Record<string, unknown>,
	defaultSize: number,
	max: number,
): number {
	const maxRecords = optionalInteger(input['MaxRecords'], 'maxRecords');
	if (maxRecords === undefined) return defaultSize;
	if (maxRecords < 1 || maxRecords > max) {
		throw validationError(
			`1 validation error detected: Value '${maxRecords}' at 'maxRecords' failed to satisfy constraint: Member must have value between 1 and ${max}`,
		);
	}
	return maxRecords;
}

export function optionalNextToken(input: Record<string, unknown>): string | undefined {
	return optionalString(input['NextToken']);
}

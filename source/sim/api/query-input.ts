/**
 * What the query-protocol services (EC2, Auto Scaling) share in reading input: the wire codec hands
 * over strings, arrays of strings for `Member.N` lists, or nothing. Each service words its own
 * errors, so the parsers here take the error to throw for a value that is not what it should be.
 */
import type {SimError} from '../errors.js';

/** A query list arrives as an array, a lone string (one element) or not at all. */
export function stringList(value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value.map((item) => String(item));
	return [String(value)];
}

export function optionalString(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return String(value);
}

export function queryInteger(
	value: unknown,
	invalid: (text: string) => SimError,
): number | undefined {
	const text = optionalString(value);
	if (text === undefined) return undefined;
	const parsed = Number(text);
	if (!Number.isInteger(parsed)) throw invalid(text);
	return parsed;
}

export function queryBoolean(
	value: unknown,
	invalid: (text: string) => SimError,
): boolean | undefined {
	const text = optionalString(value);
	if (text === undefined) return undefined;
	if (text === 'true') return true;
	if (text === 'false') return false;
	throw invalid(text);
}

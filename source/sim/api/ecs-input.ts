/**
 * Reading ECS request bodies the way the ECS front end does: a member of the wrong JSON type is a
 * SerializationException (the body does not match the model), a well-typed but unacceptable
 * value is an InvalidParameterException with ECS's wording.
 */
import {SimError, invalidParameter} from '../errors.js';

type Input = Record<string, unknown>;

function wrongType(key: string, expected: string): SimError {
	return new SimError(
		'SerializationException',
		`Unexpected value for ${key}: expected ${expected}.`,
	);
}

export function optionalString(input: Input, key: string): string | undefined {
	const value = input[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw wrongType(key, 'a string');
	return value;
}

export function requiredString(input: Input, key: string): string {
	const value = optionalString(input, key);
	if (value === undefined || value === '') throw invalidParameter(`${key} can not be blank.`);
	return value;
}

export function optionalInteger(input: Input, key: string): number | undefined {
	const value = input[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(key, 'an integer');
	return value;
}

export function optionalBoolean(input: Input, key: string): boolean | undefined {
	const value = input[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean') throw wrongType(key, 'a boolean');
	return value;
}

export function optionalStringList(input: Input, key: string): string[] | undefined {
	const value = input[key];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
		throw wrongType(key, 'a list of strings');
	}
	return value as string[];
}

export function optionalList<T = Record<string, unknown>>(
	input: Input,
	key: string,
): T[] | undefined {
	const value = input[key];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value)) throw wrongType(key, 'a list');
	return value as T[];
}

export function optionalObject<T = Record<string, unknown>>(
	input: Input,
	key: string,
): T | undefined {
	const value = input[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) throw wrongType(key, 'a structure');
	return value as T;
}

/**
 * A batch member of a Describe call: required, non-empty, and no longer than the API allows. The
 * messages are the ones ECS sends (e.g. "service names can have at most 10 items.").
 */
export function batchOfNames(input: Input, key: string, label: string, max: number): string[] {
	const names = optionalStringList(input, key);
	if (names === undefined || names.length === 0) {
		throw invalidParameter(`${capitalize(label)} cannot be empty.`);
	}
	if (names.length > max) throw invalidParameter(`${label} can have at most ${max} items.`);
	return names;
}

/** An enum member: undefined when absent, InvalidParameterException for a value outside the model. */
export function optionalEnum<T extends string>(
	input: Input,
	key: string,
	allowed: readonly T[],
): T | undefined {
	const value = optionalString(input, key);
	if (value === undefined) return undefined;
	if (!(allowed as readonly string[]).includes(value)) {
		throw invalidParameter(`${key} must be one of [${allowed.join(', ')}], but was '${value}'.`);
	}
	return value as T;
}

/** The `include` list of a Describe call, as a set of the flags the model allows. */
export function includeFlags<T extends string>(input: Input, allowed: readonly T[]): Set<T> {
	const values = optionalStringList(input, 'include') ?? [];
	for (const value of values) {
		if (!(allowed as readonly string[]).includes(value)) {
			throw invalidParameter(`include must be one of [${allowed.join(', ')}], but was '${value}'.`);
		}
	}
	return new Set(values as T[]);
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Drops members that are undefined, so the world's `{...defaults, ...input}` merges see only
 * what the caller actually sent.
 */
export function definedMembers<T extends object>(value: T): T {
	return Object.fromEntries(
		Object.entries(value).filter(([, member]) => member !== undefined),
	) as T;
}

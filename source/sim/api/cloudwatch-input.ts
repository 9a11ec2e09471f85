/**
 * Reading CloudWatch JSON input. CloudWatch is awsQueryCompatible: handlers throw its query error
 * codes (InvalidParameterValue, MissingParameter, ...) and the JSON codec adds the exception type
 * the SDK maps them to. Member paths in messages use the query form
 * (`MetricData.member.3.Value`) because that is how CloudWatch still words them.
 */
import {SimError} from '../errors.js';
import type {Dimension} from '../world/types.js';

export const invalidParameterValue = (message: string): SimError =>
	new SimError('InvalidParameterValue', message);
export const invalidParameterCombination = (message: string): SimError =>
	new SimError('InvalidParameterCombination', message);
export const validationError = (message: string): SimError =>
	new SimError('ValidationError', message);
export const missingParameter = (parameter: string): SimError =>
	new SimError('MissingParameter', `The parameter ${parameter} is required.`);

export function isPresent(value: unknown): boolean {
	return value !== undefined && value !== null;
}

export function optionalString(value: unknown, parameter: string): string | undefined {
	if (!isPresent(value)) return undefined;
	if (typeof value !== 'string') {
		throw validationError(`The value for parameter ${parameter} must be a string.`);
	}
	return value;
}

export function requiredString(value: unknown, parameter: string): string {
	const text = optionalString(value, parameter);
	if (text === undefined || text === '') throw missingParameter(parameter);
	return text;
}

export function optionalNumber(value: unknown, parameter: string): number | undefined {
	if (!isPresent(value)) return undefined;
	const parsed = typeof value === 'string' ? Number(value) : value;
	if (typeof parsed !== 'number' || !Number.isFinite(parsed)) {
		throw invalidParameterValue(
			`The value ${String(value)} for parameter ${parameter} is not a finite number.`,
		);
	}
	return parsed;
}

export function optionalList(value: unknown, parameter: string): unknown[] {
	if (!isPresent(value)) return [];
	if (!Array.isArray(value)) throw validationError(`The parameter ${parameter} must be a list.`);
	return value;
}

export function asRecord(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * A timestamp as the SDK sends it in JSON: epoch seconds (possibly fractional). Numeric strings
 * and ISO 8601 strings are accepted too, as other clients send those.
 */
export function optionalTime(value: unknown, parameter: string): number | undefined {
	if (!isPresent(value)) return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value * 1000);
	if (typeof value === 'string') {
		const asNumber = Number(value);
		if (value.trim() !== '' && Number.isFinite(asNumber)) return Math.round(asNumber * 1000);
		const parsed = Date.parse(value);
		if (Number.isFinite(parsed)) return parsed;
	}
	throw invalidParameterValue(
		`The value ${String(value)} for parameter ${parameter} is not a valid timestamp.`,
	);
}

export function requiredTime(value: unknown, parameter: string): number {
	const time = optionalTime(value, parameter);
	if (time === undefined) throw missingParameter(parameter);
	return time;
}

/** Up to 30 dimensions, each with a non-empty name and value. */
export function readDimensions(value: unknown, parameter: string): Dimension[] {
	const list = optionalList(value, parameter);
	if (list.length > 30) {
		throw invalidParameterValue(
			`The collection ${parameter} must not have a size greater than 30.`,
		);
	}
	return list.map((entry, index) => {
		const record = asRecord(entry);
		const path = `${parameter}.member.${index + 1}`;
		return {
			Name: requiredString(record['Name'], `${path}.Name`),
			Value: requiredString(record['Value'], `${path}.Value`),
		};
	});
}

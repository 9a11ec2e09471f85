/**
 * nextToken handling shared by every list operation: the token is opaque to clients (as in AWS)
 * and carries the offset into the list it was made for, so a token passed to another operation
 * or tampered with is an InvalidParameterException rather than a silent restart.
 */
import {SimError} from '../errors.js';

export interface Page<T> {
	items: T[];
	nextToken?: string;
}

export function paginate<T>(
	all: readonly T[],
	options: {
		operation: string;
		maxResults?: number;
		defaultSize: number;
		maxSize: number;
		nextToken?: string;
	},
	errorCode = 'InvalidParameterException',
): Page<T> {
	const {operation, maxResults, defaultSize, maxSize, nextToken} = options;
	if (
		maxResults !== undefined &&
		(!Number.isInteger(maxResults) || maxResults < 1 || maxResults > maxSize)
	) {
		throw new SimError(errorCode, `maxResults must be between 1 and ${maxSize}.`);
	}
	const size = maxResults ?? defaultSize;
	const start =
		nextToken === undefined || nextToken === '' ? 0 : decodeToken(operation, nextToken, errorCode);
	const items = all.slice(start, start + size);
	const end = start + items.length;
	return end < all.length ? {items, nextToken: encodeToken(operation, end)} : {items};
}

function encodeToken(operation: string, offset: number): string {
	return Buffer.from(JSON.stringify({o: operation, i: offset})).toString('base64url');
}

function decodeToken(operation: string, token: string, errorCode: string): number {
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
			o?: unknown;
			i?: unknown;
		};
		if (
			parsed.o === operation &&
			typeof parsed.i === 'number' &&
			Number.isInteger(parsed.i) &&
			parsed.i >= 0
		) {
			return parsed.i;
		}
	} catch {
		// Fall through to the error below.
	}
	throw new SimError(errorCode, 'Invalid nextToken.');
}

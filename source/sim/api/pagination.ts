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

interface PageOptions {
	operation: string;
	maxResults?: number;
	defaultSize: number;
	maxSize: number;
	nextToken?: string;
}

export function paginate<T>(
	all: readonly T[],
	options: PageOptions,
	errorCode = 'InvalidParameterException',
): Page<T> {
	const {start, size} = pageBounds(options, errorCode);
	const items = all.slice(start, start + size);
	const end = start + items.length;
	return end < all.length ? {items, nextToken: encodeToken(options.operation, end)} : {items};
}

/**
 * The same page of the items of `source` that `keep` accepts, without building the whole filtered
 * list: the walk stops one match past the page, so a list of 20,000 tasks costs a page in
 * proportion to how deep it is, not the whole list every time.
 */
export function paginateWhere<T>(
	source: Iterable<T>,
	keep: (item: T) => boolean,
	options: PageOptions,
	errorCode = 'InvalidParameterException',
): Page<T> {
	const {start, size} = pageBounds(options, errorCode);
	const items: T[] = [];
	let matched = 0;
	for (const item of source) {
		if (!keep(item)) continue;
		if (matched++ < start) continue;
		if (items.length === size)
			return {items, nextToken: encodeToken(options.operation, matched - 1)};
		items.push(item);
	}
	return {items};
}

function pageBounds(options: PageOptions, errorCode: string): {start: number; size: number} {
	const {operation, maxResults, defaultSize, maxSize, nextToken} = options;
	if (
		maxResults !== undefined &&
		(!Number.isInteger(maxResults) || maxResults < 1 || maxResults > maxSize)
	) {
		throw new SimError(errorCode, `maxResults must be between 1 and ${maxSize}.`);
	}
	const start =
		nextToken === undefined || nextToken === '' ? 0 : decodeToken(operation, nextToken, errorCode);
	return {start, size: maxResults ?? defaultSize};
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

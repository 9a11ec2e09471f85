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

/** Where a walk stopped: the next page's first item, and the walk's iterator just past it. */
export interface WalkCursor<T> {
	offset: number;
	first: T;
	rest: Iterator<T>;
}

/**
 * Keeps the walk of a page for the next one. `take` hands back (once) the cursor left at an
 * offset, and only while the list and which items it keeps are unchanged since it was left, so a
 * page read from it is the page a walk from the start would give.
 */
export interface ResumableWalks<T> {
	take(offset: number): WalkCursor<T> | undefined;
	leave(cursor: WalkCursor<T>): void;
}

/**
 * The same page of the items of `source` that `keep` accepts, without building the whole filtered
 * list: the walk stops one match past the page. Without `walks` a page costs in proportion to how
 * deep it is; with them, the next page carries on where this one stopped, so paging through a list
 * of 20,000 tasks walks it once rather than a hundred times over.
 */
export function paginateWhere<T>(
	source: Iterable<T>,
	keep: (item: T) => boolean,
	options: PageOptions,
	errorCode = 'InvalidParameterException',
	walks?: ResumableWalks<T>,
): Page<T> {
	const {start, size} = pageBounds(options, errorCode);
	const items: T[] = [];
	const resumed = start > 0 ? walks?.take(start) : undefined;
	let iterator: Iterator<T>;
	let matched: number;
	if (resumed === undefined) {
		iterator = source[Symbol.iterator]();
		matched = 0;
	} else {
		items.push(resumed.first);
		iterator = resumed.rest;
		matched = start + 1;
	}
	for (let step = iterator.next(); step.done !== true; step = iterator.next()) {
		const item = step.value;
		if (!keep(item)) continue;
		if (matched++ < start) continue;
		if (items.length === size) {
			walks?.leave({offset: matched - 1, first: item, rest: iterator});
			return {items, nextToken: encodeToken(options.operation, matched - 1)};
		}
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

import {isUnchangedAnswer} from './answer-digest.js';
import {AwsApiError, classifyAwsError, type AwsService} from './errors.js';
import {maskEndpoint} from '../text/url-secrets.js';
import {createLimiter, defaultConcurrency, type Limiter} from './concurrency.js';

/** What every adapter needs besides its client: who is calling and how many calls at once. */
export type AdapterOptions = {
	readonly profile?: string | undefined;
	readonly endpointUrl?: string | undefined;
	/** Shared between adapters so the cap holds for the whole app, not per service. */
	readonly limit?: Limiter | undefined;
};

export type AdapterContext = {
	readonly limit: Limiter;
	/** Runs one SDK call and rethrows any failure as an AwsApiError with a classified problem. */
	call<T>(operation: string, send: () => Promise<T>): Promise<T>;
};

export function adapterContext(service: AwsService, options: AdapterOptions): AdapterContext {
	return {
		limit: options.limit ?? createLimiter(defaultConcurrency),
		async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
			try {
				return await send();
			} catch (error) {
				// Not a failure: the caller holds the result (answer-digest.ts).
				if (isUnchangedAnswer(error)) throw error;
				const problem = classifyAwsError(error, {
					service,
					operation,
					profile: options.profile,
					// Messages are shown and logged: the endpoint without its password or signature.
					endpoint: maskEndpoint(options.endpointUrl),
				});
				throw new AwsApiError(problem, {cause: error});
			}
		},
	};
}

/**
 * A service that keeps handing out tokens would otherwise keep us calling forever. 2,000 pages is
 * 200,000 items at the usual 100 a page: ten times the largest list ecs-top is meant for.
 */
export const maxPages = 2_000;

/** A paginated list that did not end: a repeated next token, or more pages than the cap. */
export class PaginationError extends Error {
	override readonly name = 'PaginationError';
}

/**
 * Follows nextTokens to the last page and returns every item in order. A token handed out a
 * second time would loop over the same pages forever (a faulty endpoint, a proxy replaying an
 * answer): that, like going past `pageCap` pages, fails the list instead.
 */
export async function collectPages<T>(
	fetchPage: (
		token: string | undefined,
	) => Promise<{items: readonly T[]; next: string | undefined}>,
	pageCap = maxPages,
): Promise<T[]> {
	const all: T[] = [];
	const seen = new Set<string>();
	let token: string | undefined;
	for (let page = 1; page <= pageCap; page += 1) {
		const {items, next} = await fetchPage(token);
		for (const item of items) all.push(item);
		if (next === undefined || next === '') return all;
		if (seen.has(next))
			throw new PaginationError(
				`the list did not end: page ${page} handed back a next token already seen, so paging stopped`,
			);
		seen.add(next);
		token = next;
	}
	throw new PaginationError(
		`the list did not end: gave up after ${pageCap} pages, the service kept returning a next token`,
	);
}

export function epochMs(date: Date | undefined): number | undefined {
	return date === undefined ? undefined : date.getTime();
}

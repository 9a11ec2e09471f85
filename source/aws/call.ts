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

// A service that keeps handing out tokens would otherwise keep us calling forever.
const maxPages = 10_000;

/** Follows nextTokens to the last page and returns every item in order. */
export async function collectPages<T>(
	fetchPage: (
		token: string | undefined,
	) => Promise<{items: readonly T[]; next: string | undefined}>,
): Promise<T[]> {
	const all: T[] = [];
	let token: string | undefined;
	for (let page = 0; page < maxPages; page += 1) {
		const {items, next} = await fetchPage(token);
		all.push(...items);
		if (next === undefined || next === '') return all;
		token = next;
	}
	throw new Error(`gave up after ${maxPages} pages: the service kept returning a next token`);
}

export function epochMs(date: Date | undefined): number | undefined {
	return date === undefined ? undefined : date.getTime();
}

/**
 * The HTTP layer under every AWS client: the SDK's own NodeHttpHandler, wrapped so that
 * - every attempt has real deadlines: a connection within `connectMs`, the answer's start within
 *   `firstByteMs`, the whole answer within `answerMs`. The SDK's `requestTimeout` only logs a
 *   warning by default, and never bounds an answer that dribbles in once it has begun;
 * - every attempt ends when the poll it belongs to is aborted (focus moved, `R`), not only the
 *   poll's next step;
 * - an answer over `maxAnswerBytes` is refused before the SDK parses it (a huge answer would
 *   otherwise take the heap with it);
 * - requests go through HTTPS_PROXY / HTTP_PROXY unless NO_PROXY says otherwise (http-proxy.ts),
 *   and TLS trusts AWS_CA_BUNDLE or the profile's ca_bundle (http-ca.ts).
 * docs/transport.md says why each limit is what it is.
 */
import type {Readable} from 'node:stream';
import {NodeHttpHandler} from '@smithy/node-http-handler';
import {loadCaBundle, type CaBundle} from './http-ca.js';
import {AnswerTooLargeError, HttpDeadlineError} from './http-errors.js';
import {agentsFor, proxyFor} from './http-proxy.js';
import {inPoll, pollSignal} from './request-counter.js';

export type TransportLimits = {
	/** From the request's start to a connected socket. */
	readonly connectMs: number;
	/** From the request's start to the answer's status line and headers. */
	readonly firstByteMs: number;
	/** From the request's start to the answer's last byte. */
	readonly answerMs: number;
	/** The largest answer read from one call. */
	readonly maxAnswerBytes: number;
};

export const defaultTransportLimits: TransportLimits = {
	connectMs: 3_000,
	firstByteMs: 10_000,
	answerMs: 30_000,
	maxAnswerBytes: 16 * 1024 * 1024,
};

export type TransportOptions = {
	/** The profile whose ca_bundle applies (else AWS_PROFILE, else default). */
	readonly profile?: string | undefined;
	readonly limits?: Partial<TransportLimits> | undefined;
};

type HttpRequest = Parameters<NodeHttpHandler['handle']>[0];
type HttpHandlerOptions = NonNullable<Parameters<NodeHttpHandler['handle']>[1]>;
type HttpResponse = Awaited<ReturnType<NodeHttpHandler['handle']>>['response'];

/** The HttpHandler shape the SDK clients take as `requestHandler`. */
export type Transport = {
	readonly metadata: {handlerProtocol: string};
	handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{response: HttpResponse}>;
	updateHttpClientConfig(key: never, value: never): void;
	httpHandlerConfigs(): Record<string, never>;
	destroy(): void;
};

function hostOf(request: HttpRequest): string {
	const defaultPort = request.protocol === 'https:' ? 443 : 80;
	return request.port === undefined || request.port === defaultPort
		? request.hostname
		: `${request.hostname}:${request.port}`;
}

/** The SDK's connect timeout, recognised by what it says (it has no code of its own). */
function isConnectTimeout(error: unknown): boolean {
	return (
		error instanceof Error &&
		error.name === 'TimeoutError' &&
		/did not establish a connection/.test(error.message)
	);
}

function contentLength(response: HttpResponse): number | undefined {
	const header = Object.entries(response.headers).find(
		([name]) => name.toLowerCase() === 'content-length',
	)?.[1];
	const length = header === undefined ? Number.NaN : Number(header);
	return Number.isFinite(length) ? length : undefined;
}

/** Reads the answer's body whole, refusing it once it passes `cap`, ending when `signal` aborts. */
async function readBody(
	body: unknown,
	cap: number,
	signal: AbortSignal,
	tooLarge: () => Error,
): Promise<Buffer> {
	if (body === undefined || body === null) return Buffer.alloc(0);
	if (body instanceof Uint8Array) {
		if (body.length > cap) throw tooLarge();
		return Buffer.from(body);
	}
	const stream = body as Readable;
	const onAbort = () => stream.destroy(signal.reason as Error);
	signal.addEventListener('abort', onAbort, {once: true});
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of stream) {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
			size += bytes.length;
			if (size > cap) {
				stream.destroy();
				throw tooLarge();
			}
			chunks.push(bytes);
		}
	} catch (error) {
		if (signal.aborted) throw signal.reason;
		throw error;
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
	return Buffer.concat(chunks, size);
}

/**
 * One SDK handler per scheme and proxy (or none), built on first use: NO_PROXY may split the
 * endpoints. Only TLS needs the CA bundle, so only an https request reads it (and the config file
 * that may name it): a plain-http endpoint, such as the demo's simulator, starts without either.
 */
function routes(profile: string | undefined, connectMs: number) {
	const byRoute = new Map<string, NodeHttpHandler>();
	// Read once, on the first https request: a bundle that cannot be read fails every such call,
	// visibly.
	let ca: ReturnType<typeof loadCaBundle> | undefined;
	return {
		async handlerFor(request: HttpRequest): Promise<NodeHttpHandler> {
			const secure = request.protocol === 'https:';
			const proxy = proxyFor(`${request.protocol}//${hostOf(request)}`);
			const route = `${secure ? 'https' : 'http'} ${proxy}`;
			let handler = byRoute.get(route);
			if (handler === undefined) {
				let bundle: CaBundle | undefined;
				if (secure) {
					ca ??= loadCaBundle(profile);
					bundle = await ca;
					// Another request may have built it while the bundle was read.
					handler = byRoute.get(route);
					if (handler !== undefined) return handler;
				}
				const agents = agentsFor(proxy, bundle?.pem);
				handler = new NodeHttpHandler({
					connectionTimeout: connectMs,
					httpAgent: agents.http,
					httpsAgent: agents.https,
				});
				byRoute.set(route, handler);
			}
			return handler;
		},
		destroy() {
			for (const handler of byRoute.values()) handler.destroy();
			byRoute.clear();
		},
	};
}

export function createTransport(options: TransportOptions = {}): Transport {
	const limits = {...defaultTransportLimits, ...options.limits};
	const route = routes(options.profile, limits.connectMs);

	async function handle(
		request: HttpRequest,
		handlerOptions: HttpHandlerOptions = {},
	): Promise<{response: HttpResponse}> {
		const host = hostOf(request);
		const poll = inPoll();
		const deadline = new AbortController();
		const started = Date.now();
		const expire = (phase: 'first-byte' | 'answer', limitMs: number) => {
			const error = new HttpDeadlineError(phase, host, limitMs);
			// A write past its deadline is the SDK's to retry (AWS_MAX_ATTEMPTS); a poll's is not.
			if (!poll) Object.assign(error, {$retryable: {}});
			deadline.abort(error);
		};
		let timer = setTimeout(() => expire('first-byte', limits.firstByteMs), limits.firstByteMs);
		const signals = [
			deadline.signal,
			pollSignal(),
			handlerOptions.abortSignal as AbortSignal,
		].filter((s) => s !== undefined);
		// The deadline alone (a call outside any poll, as all of --once's are) needs no combining.
		const signal = signals.length === 1 ? deadline.signal : AbortSignal.any(signals);
		try {
			const handler = await route.handlerFor(request);
			let response: HttpResponse;
			try {
				({response} = await handler.handle(request, {abortSignal: signal}));
			} catch (error) {
				if (deadline.signal.aborted) throw deadline.signal.reason;
				if (isConnectTimeout(error)) {
					const timeout = new HttpDeadlineError('connect', host, limits.connectMs);
					if (!poll) Object.assign(timeout, {$retryable: {}});
					throw timeout;
				}
				throw error;
			}
			clearTimeout(timer);
			const left = Math.max(0, limits.answerMs - (Date.now() - started));
			timer = setTimeout(() => expire('answer', limits.answerMs), left);
			const announced = contentLength(response);
			const tooLarge = () => new AnswerTooLargeError(host, limits.maxAnswerBytes, announced);
			if (announced !== undefined && announced > limits.maxAnswerBytes) {
				(response.body as Readable | undefined)?.destroy?.();
				throw tooLarge();
			}
			const body = await readBody(response.body, limits.maxAnswerBytes, signal, tooLarge);
			// The bytes themselves, not a stream over them: the SDK takes a Uint8Array body as it is,
			// where a stream is read again into a copy of its own. With that copy, dead answer
			// buffers piled up to ~50 MB between full GCs while 20,000 tasks were described (7 MB
			// without), and the C heap they came from did not shrink back: resident memory climbed
			// over a long session (docs/transport.md). No operation ecs-top calls has a streaming
			// answer, the one kind that needs a stream here.
			return {response: {...response, headers: response.headers, body}};
		} finally {
			clearTimeout(timer);
		}
	}

	return {
		metadata: {handlerProtocol: 'http/1.1'},
		handle,
		// The SDK tells its handler of a logger this way; ours has nothing of its own to configure.
		updateHttpClientConfig() {},
		httpHandlerConfigs: () => ({}),
		destroy: () => route.destroy(),
	};
}

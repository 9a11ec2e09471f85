/**
 * The simulator's HTTP endpoint: AWS SDK clients and the AWS CLI talk to it exactly as to AWS.
 * Each request is routed to its service and operation, checked for a signature, run through the
 * fault injector, answered by the API handler, encoded by its protocol's codec, and logged.
 */
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {gunzipSync} from 'node:zlib';
import {SimError} from './errors.js';
import {
	createFaultController,
	FaultInjector,
	type FaultController,
	type FaultSettings,
} from './faults.js';
import type {HandlerRegistry, RequestContext} from './handler.js';
import {adminPathPrefix, handleAdminRequest, type RequestLogEntry} from './protocol/admin.js';
import {commonErrors} from './protocol/common-errors.js';
import {parseAuthorization} from './protocol/credentials.js';
import {rewriteAnswer} from './protocol/rewrite.js';
import {routeRequest, RoutingError} from './protocol/router.js';
import type {WireResponse} from './protocol/types.js';
import type {World} from './world/world.js';

export type {RequestLogEntry} from './protocol/admin.js';

export interface SimServerOptions {
	world: World;
	handlers: HandlerRegistry;
	/** Default 127.0.0.1: the simulator accepts any credentials, so it stays off the network. */
	host?: string;
	/** Default 0: a free port. */
	port?: number;
	faults?: Partial<FaultSettings>;
	/** Real-time mode advances the world every N ms; false for tests with a ManualClock. */
	backgroundTickMs?: number | false;
}

export interface SimServer {
	url: string;
	host: string;
	port: number;
	world: World;
	faults: FaultController;
	/** The newest requests (at most 100,000), oldest first. */
	requestLog: RequestLogEntry[];
	close(): Promise<void>;
}

const maxLogEntries = 100_000;
/** Far above any real call (a DescribeInstances with 1,000 ids is ~30 KB). */
const maxBodyBytes = 8 * 1024 * 1024;

export async function startSimServer(options: SimServerOptions): Promise<SimServer> {
	const {world, handlers} = options;
	const host = options.host ?? '127.0.0.1';
	const faults = createFaultController(options.faults);
	const injector = new FaultInjector(faults, world.seed);
	const requestLog: RequestLogEntry[] = [];
	let trimmed = 0;
	const pendingReplies = new Set<NodeJS.Timeout>();

	const log = (entry: RequestLogEntry): void => {
		requestLog.push(entry);
		if (requestLog.length > maxLogEntries) {
			requestLog.shift();
			trimmed++;
		}
	};

	const send = (res: ServerResponse, response: WireResponse, delayMs: number): void => {
		const write = (): void => {
			if (res.destroyed) return;
			// Encoded once: the length and the bytes written come from the same pass over a body
			// that can be megabytes, where a string would be measured and then encoded again.
			const payload = Buffer.from(response.body, 'utf8');
			res.writeHead(response.status, {...response.headers, 'content-length': payload.length});
			res.end(payload);
		};
		if (delayMs <= 0) return write();
		// Latency by timer, never by blocking: other requests keep being served meanwhile.
		const timer = setTimeout(() => {
			pendingReplies.delete(timer);
			write();
		}, delayMs);
		pendingReplies.add(timer);
	};

	// AWS answers go through the rewriting fault; the admin endpoint's own never do.
	const sendAnswer = (res: ServerResponse, response: WireResponse, delayMs: number): void =>
		send(res, rewriteAnswer(response, faults.get().rewrites), delayMs);

	const serveAws = async (
		req: IncomingMessage,
		res: ServerResponse,
		body: string,
	): Promise<void> => {
		const header = (name: string): string | undefined => {
			const value = req.headers[name];
			return Array.isArray(value) ? value[0] : value;
		};
		world.advanceTo(world.clock.now());
		const requestId = world.nextRequestId();

		let routed;
		try {
			routed = routeRequest(header, body);
		} catch (error) {
			if (!(error instanceof RoutingError)) throw error;
			const refusal =
				header('authorization') === undefined && error.service !== undefined
					? commonErrors(error.service).missingAuthentication()
					: error.error;
			if (error.service !== undefined) {
				log({
					time: world.clock.now(),
					service: error.service,
					operation: error.operation,
					input: {},
					status: refusal.status,
					errorCode: refusal.code,
				});
			}
			return sendAnswer(res, error.codec.encodeError(refusal, requestId), 0);
		}

		const {service, operation, input, codec} = routed;
		const entry: RequestLogEntry = {
			time: world.clock.now(),
			service,
			operation,
			input,
			status: 200,
		};
		const answerError = (error: SimError, delayMs: number): void => {
			entry.status = error.status;
			entry.errorCode = error.code;
			log(entry);
			sendAnswer(res, codec.encodeError(error, requestId), delayMs);
		};

		const authorization = header('authorization');
		if (authorization === undefined) {
			return answerError(commonErrors(service).missingAuthentication(), 0);
		}
		const scope = parseAuthorization(authorization);
		const context: RequestContext = {
			world,
			service,
			operation,
			region: scope.region ?? world.region,
			accessKeyId: scope.accessKeyId ?? 'ANONYMOUS',
		};

		const fault = injector.decide({
			service,
			operation,
			accessKeyId: context.accessKeyId,
			accountId: world.accountId,
		});
		if (fault.drop) {
			entry.status = 0;
			entry.errorCode = 'ConnectionDropped';
			log(entry);
			req.socket.destroy();
			return;
		}
		if (fault.error) return answerError(fault.error, fault.latencyMs);

		const handler = handlers[service]?.[operation];
		if (handler === undefined) {
			return answerError(commonErrors(service).unknownOperation(operation), fault.latencyMs);
		}
		let response: WireResponse;
		try {
			const result = await handler(input, context);
			response = codec.encodeResult(operation, result, requestId);
		} catch (error) {
			if (error instanceof SimError) return answerError(error, fault.latencyMs);
			// A bug in a handler: the client sees AWS's 500, the log keeps the cause.
			entry.internalError = error instanceof Error ? (error.stack ?? error.message) : String(error);
			return answerError(commonErrors(service).internal(), fault.latencyMs);
		}
		log(entry);
		sendAnswer(res, response, fault.latencyMs);
	};

	const server = createServer((req, res) => {
		readBody(req)
			.then((body) => {
				const url = new URL(req.url ?? '/', 'http://localhost');
				if (url.pathname.startsWith(adminPathPrefix)) {
					const response = handleAdminRequest(req.method ?? 'GET', url, body, {
						world,
						faults,
						requestLog,
						firstIndex: () => trimmed,
					});
					return send(res, response, 0);
				}
				return serveAws(req, res, body);
			})
			.catch((error: unknown) => {
				if (
					error instanceof BodyTooLargeError ||
					(error as {code?: string}).code === 'ERR_BUFFER_TOO_LARGE'
				) {
					return send(res, {status: 413, headers: {}, body: ''}, 0);
				}
				if (
					error instanceof UnsupportedEncodingError ||
					(error as {code?: string}).code?.startsWith('Z_')
				) {
					return send(res, {status: 415, headers: {}, body: ''}, 0);
				}
				// Nothing AWS-shaped is left to say (e.g. the world's step threw): a bare 500.
				send(res, {status: 500, headers: {'content-type': 'text/plain'}, body: String(error)}, 0);
			});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;

	let ticker: NodeJS.Timeout | undefined;
	if (options.backgroundTickMs) {
		// A real-time world keeps moving when nobody asks; unref'd so it never holds the process.
		ticker = setInterval(() => world.advanceTo(world.clock.now()), options.backgroundTickMs);
		ticker.unref();
	}

	return {
		url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
		host,
		port,
		world,
		faults,
		requestLog,
		async close() {
			if (ticker) clearInterval(ticker);
			for (const timer of pendingReplies) clearTimeout(timer);
			pendingReplies.clear();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}

class BodyTooLargeError extends Error {}
class UnsupportedEncodingError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxBodyBytes) {
				reject(new BodyTooLargeError());
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => {
			try {
				resolve(decodeContent(Buffer.concat(chunks), req.headers['content-encoding']));
			} catch (error) {
				reject(error);
			}
		});
		req.on('error', reject);
	});
}

/** The SDK gzips large CloudWatch PutMetricData bodies (request compression). */
function decodeContent(bytes: Buffer, encoding: string | undefined): string {
	if (encoding === undefined || encoding === 'identity') return bytes.toString('utf8');
	if (encoding !== 'gzip') throw new UnsupportedEncodingError(encoding);
	return gunzipSync(bytes, {maxOutputLength: maxBodyBytes}).toString('utf8');
}

/**
 * Small loopback servers in front of the simulator, for the transport's tests: one that passes
 * requests through, or misbehaves as a slow or hostile endpoint does (accepts and never answers,
 * dribbles its answer a byte at a time, answers with a huge body).
 */
import {
	request as httpRequest,
	createServer,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import type {AddressInfo, Socket} from 'node:net';

export type EndpointMode =
	| {kind: 'pass'}
	/** Accepts the connection, reads the request, never answers. */
	| {kind: 'hang'}
	/** Sends the status line and headers, then one body byte every `everyMs`, never finishing. */
	| {kind: 'dribble'; everyMs: number}
	/** Answers 200 with `bytes` of JSON; `announce`: with a content-length (else chunked). */
	| {kind: 'huge'; bytes: number; announce: boolean};

export type LoopbackEndpoint = {
	readonly url: string;
	/** Requests that reached it, by path and AWS target/action. */
	readonly seen: number;
	setMode(mode: EndpointMode): void;
	close(): Promise<void>;
};

/** Forwards a request to `target` (the simulator) and its answer back, as is. */
function forward(target: URL, req: IncomingMessage, res: ServerResponse): void {
	const upstream = httpRequest(
		{
			host: target.hostname,
			port: target.port,
			method: req.method,
			path: req.url,
			headers: {...req.headers, host: target.host},
		},
		(answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		},
	);
	upstream.on('error', () => res.destroy());
	req.pipe(upstream);
}

/** A JSON body of `bytes` bytes that parses as a ListClusters answer. */
export function hugeListClusters(bytes: number): Buffer {
	const arn = 'arn:aws:ecs:us-east-1:123456789012:cluster/c-0000000000';
	const count = Math.max(1, Math.floor((bytes - 20) / (arn.length + 3)));
	const text = `{"clusterArns":[${Array.from({length: count}, () => `"${arn}"`).join(',')}]}`;
	return Buffer.from(text);
}

export async function startLoopbackEndpoint(
	simUrl: string,
	options: {tls?: {key: string; cert: string}} = {},
): Promise<LoopbackEndpoint> {
	const target = new URL(simUrl);
	let mode: EndpointMode = {kind: 'pass'};
	let seen = 0;
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	const listener = (req: IncomingMessage, res: ServerResponse) => {
		seen++;
		const current = mode;
		if (current.kind === 'pass') return forward(target, req, res);
		req.resume();
		if (current.kind === 'hang') return;
		if (current.kind === 'huge') {
			const body = hugeListClusters(current.bytes);
			const headers: Record<string, string> = {'content-type': 'application/x-amz-json-1.1'};
			if (current.announce) headers['content-length'] = String(body.length);
			res.writeHead(200, headers);
			res.end(body);
			return;
		}
		res.writeHead(200, {'content-type': 'application/x-amz-json-1.1', 'content-length': '100000'});
		res.write('{');
		const timer = setInterval(() => res.write(' '), current.everyMs);
		timers.add(timer);
		res.on('close', () => {
			clearInterval(timer);
			timers.delete(timer);
		});
	};
	const server: Server =
		options.tls === undefined ? createServer(listener) : createHttpsServer(options.tls, listener);
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
		get seen() {
			return seen;
		},
		setMode(next) {
			mode = next;
		},
		async close() {
			for (const timer of timers) clearInterval(timer);
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

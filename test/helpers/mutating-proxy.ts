/**
 * An HTTP proxy in front of the simulator that rewrites its JSON answers: the SDK then parses,
 * and ecs-top converts, an answer with the wrong types in it, exactly as it would from an
 * endpoint (or a broken proxy) that sent one. ECS speaks JSON; the XML services pass unchanged.
 */
import {createServer, request, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {Random} from '../../source/sim/world/random.js';

/** Rewrites one answer body (parsed JSON); returns the body to send. */
export type Mutation = (body: unknown, operation: string) => unknown;

export type MutatingProxy = {
	readonly url: string;
	close(): Promise<void>;
};

export async function startMutatingProxy(target: string, mutate: Mutation): Promise<MutatingProxy> {
	const upstream = new URL(target);
	const server: Server = createServer((incoming, outgoing) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			const operation =
				String(incoming.headers['x-amz-target'] ?? '')
					.split('.')
					.pop() ?? '';
			const forward = request(
				{
					host: upstream.hostname,
					port: upstream.port,
					method: incoming.method,
					path: incoming.url,
					headers: incoming.headers,
				},
				(answer) => {
					const body: Buffer[] = [];
					answer.on('data', (chunk: Buffer) => body.push(chunk));
					answer.on('end', () => {
						let payload = Buffer.concat(body);
						const type = String(answer.headers['content-type'] ?? '');
						if (answer.statusCode === 200 && type.includes('json')) {
							const changed = mutate(JSON.parse(payload.toString('utf8')), operation);
							payload = Buffer.from(changed === undefined ? '' : JSON.stringify(changed));
						}
						const headers = {...answer.headers, 'content-length': String(payload.length)};
						outgoing.writeHead(answer.statusCode ?? 502, headers);
						outgoing.end(payload);
					});
				},
			);
			forward.on('error', () => outgoing.destroy());
			forward.end(Buffer.concat(chunks));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** What a wrong field is replaced with: every JSON type, where any other was expected. */
const wrongValues: readonly unknown[] = [
	7,
	-1.5,
	0,
	1e308,
	true,
	false,
	null,
	'',
	'not-what-you-expected',
	{},
	{nested: {value: 1}},
	[],
	[1, 'two', null, {}],
];

/**
 * Walks the body and replaces each value (a leaf, a list, an object) with a wrong one at
 * `rate`, from a seeded source: a failing seed is replayed exactly.
 */
export function fieldTypeFuzz(seed: number, rate: number): Mutation {
	const random = new Random(seed);
	const walk = (value: unknown, depth: number): unknown => {
		if (depth > 0 && random.chance(rate)) return random.pick(wrongValues);
		if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
		if (typeof value === 'object' && value !== null) {
			const out: Record<string, unknown> = {};
			for (const [key, field] of Object.entries(value)) out[key] = walk(field, depth + 1);
			return out;
		}
		return value;
	};
	return (body) => walk(body, 0);
}

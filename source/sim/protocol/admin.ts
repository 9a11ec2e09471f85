/**
 * The simulator's own control endpoint under `/__sim/`: reliability tests switch fault storms on
 * and off from another process, read the request log, and step a manual clock. It needs no
 * signature and is never subject to the faults it controls.
 */
import type {FaultController} from '../faults.js';
import type {ServiceName} from '../handler.js';
import {ManualClock} from '../world/clock.js';
import type {World} from '../world/world.js';
import type {WireResponse} from './types.js';

export const adminPathPrefix = '/__sim/';

export interface RequestLogEntry {
	/** World clock, ms. */
	time: number;
	service: ServiceName;
	operation: string;
	input: Record<string, unknown>;
	status: number;
	errorCode?: string;
	/** For a 500 from a handler bug: what was thrown (kept here so stderr stays clean). */
	internalError?: string;
}

export interface AdminDeps {
	world: World;
	faults: FaultController;
	/** Entries with their absolute index: entry i of the whole run is at `i - firstIndex`. */
	requestLog: readonly RequestLogEntry[];
	firstIndex(): number;
}

const json = (status: number, value: unknown): WireResponse => ({
	status,
	headers: {'content-type': 'application/json'},
	body: JSON.stringify(value),
});

const problem = (status: number, message: string): WireResponse => json(status, {error: message});

export function handleAdminRequest(
	method: string,
	url: URL,
	body: string,
	deps: AdminDeps,
): WireResponse {
	const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
	switch (route) {
		case 'GET /__sim/faults':
			return json(200, deps.faults.get());
		case 'POST /__sim/faults': {
			const patch = parseJson(body);
			if (patch instanceof Error) return problem(400, patch.message);
			try {
				deps.faults.set(patch as never);
			} catch (error) {
				return problem(400, (error as Error).message);
			}
			return json(200, deps.faults.get());
		}
		case 'POST /__sim/faults/reset':
			deps.faults.reset();
			return json(200, deps.faults.get());
		case 'GET /__sim/requests':
			return json(200, requestsSince(url.searchParams.get('since'), deps));
		case 'POST /__sim/advance':
			return advance(body, deps.world);
		default:
			return problem(404, `no admin route ${route}`);
	}
}

function requestsSince(
	sinceParam: string | null,
	deps: AdminDeps,
): {entries: RequestLogEntry[]; next: number} {
	const first = deps.firstIndex();
	const since = Math.max(Number.parseInt(sinceParam ?? '0', 10) || 0, first);
	const entries = deps.requestLog.slice(since - first);
	return {entries, next: first + deps.requestLog.length};
}

function advance(body: string, world: World): WireResponse {
	if (!(world.clock instanceof ManualClock)) {
		return problem(409, 'the world runs on real time; only a manual clock can be advanced');
	}
	const parsed = parseJson(body);
	const ms = isRecord(parsed) ? parsed.ms : undefined;
	if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
		return problem(400, 'body must be {"ms": <non-negative number>}');
	}
	world.clock.advance(ms);
	world.advanceTo(world.clock.now());
	return json(200, {now: world.clock.now()});
}

function parseJson(body: string): unknown {
	try {
		return JSON.parse(body === '' ? '{}' : body);
	} catch {
		return new Error('body is not JSON');
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return (
		value !== null &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		!(value instanceof Error)
	);
}

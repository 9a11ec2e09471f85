/**
 * Fault knobs for reliability testing: throttling storms, 5xx, latency, an endpoint that drops
 * connections, denied services, expired credentials. Changed at run time (the admin endpoint lets
 * another process switch a storm on and off). Rates draw from a Random seeded by the world seed,
 * so a run with the same requests sees the same faults.
 */
import {SimError} from './errors.js';
import type {ServiceName} from './handler.js';
import {commonErrors} from './protocol/common-errors.js';
import {Random} from './world/random.js';

export interface FaultSettings {
	/** Share of requests answered with the protocol's throttling error, 0..1. */
	throttleRate: number;
	/** Share of requests answered with a 500 or 503, 0..1. */
	errorRate: number;
	/** Added to every answer, by timer. */
	latencyMs: number;
	/** Destroy the socket without answering, as an endpoint that is down or unreachable. */
	down: boolean;
	/** These services answer every request with AccessDenied (or EC2's UnauthorizedOperation). */
	denied: ServiceName[];
	expiredCredentials: boolean;
	/** Limit throttle/error/latency (and `answerError`) to these services; all when absent. */
	services?: ServiceName[];
	/**
	 * Every targeted request answered with this error, code and message as given: a hostile or
	 * broken endpoint's error text, for testing what a client shows of it.
	 */
	answerError?:
		{code: string; message: string; status: number; operations?: string[] | undefined} | undefined;
	/**
	 * Text replaced in every AWS answer, as a rewriting proxy between client and AWS would:
	 * `replace` is encoded for the answer's format (JSON escapes, XML character references),
	 * so any text, control characters included, reaches the client's parser.
	 */
	rewrites?: Array<{find: string; replace: string}> | undefined;
}

export interface FaultController {
	get(): FaultSettings;
	set(patch: Partial<FaultSettings>): void;
	reset(): void;
}

export const noFaults: FaultSettings = {
	throttleRate: 0,
	errorRate: 0,
	latencyMs: 0,
	down: false,
	denied: [],
	expiredCredentials: false,
};

const serviceNames: readonly ServiceName[] = [
	'ecs',
	'cloudwatch',
	'logs',
	'ec2',
	'autoscaling',
	'sts',
];

/**
 * Checks a patch the way the admin endpoint needs it: from JSON typed by a person, so wrong
 * shapes are refused with a reason instead of silently breaking the injector.
 */
export function validateFaultPatch(patch: unknown): Partial<FaultSettings> {
	if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
		throw new TypeError('fault settings must be a JSON object');
	}
	const out: Partial<FaultSettings> = {};
	for (const [key, value] of Object.entries(patch)) {
		switch (key) {
			case 'throttleRate':
			case 'errorRate':
				if (typeof value !== 'number' || !(value >= 0 && value <= 1))
					throw new TypeError(`${key} must be a number from 0 to 1`);
				out[key] = value;
				break;
			case 'latencyMs':
				if (typeof value !== 'number' || !(value >= 0 && value <= 600_000))
					throw new TypeError('latencyMs must be a number of milliseconds from 0 to 600000');
				out.latencyMs = value;
				break;
			case 'down':
			case 'expiredCredentials':
				if (typeof value !== 'boolean') throw new TypeError(`${key} must be true or false`);
				out[key] = value;
				break;
			case 'denied':
			case 'services':
				if (value === undefined || value === null) {
					// No list: nobody denied, or faults for every service.
					if (key === 'denied') out.denied = [];
					else out.services = undefined;
					break;
				}
				if (!Array.isArray(value) || !value.every((s) => serviceNames.includes(s as ServiceName)))
					throw new TypeError(`${key} must be a list of: ${serviceNames.join(', ')}`);
				out[key] = [...(value as ServiceName[])];
				break;
			case 'answerError':
				out.answerError = value === null || value === undefined ? undefined : answerError(value);
				break;
			case 'rewrites':
				out.rewrites = value === null || value === undefined ? undefined : rewrites(value);
				break;
			default:
				throw new TypeError(`unknown fault setting ${key}`);
		}
	}
	return out;
}

function answerError(value: unknown): NonNullable<FaultSettings['answerError']> {
	const {code, message, status = 400, operations} = (value ?? {}) as Record<string, unknown>;
	if (typeof code !== 'string' || code === '' || typeof message !== 'string')
		throw new TypeError(
			'answerError must be {"code": "...", "message": "...", "status"?: 400, "operations"?: [...]}',
		);
	if (
		operations !== undefined &&
		!(Array.isArray(operations) && operations.every((name) => typeof name === 'string'))
	)
		throw new TypeError('answerError.operations must be a list of operation names');
	if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599)
		throw new TypeError('answerError.status must be an HTTP error status (400..599)');
	return {code, message, status, operations: operations as string[] | undefined};
}

function rewrites(value: unknown): NonNullable<FaultSettings['rewrites']> {
	const valid =
		Array.isArray(value) &&
		value.every(
			(rule: unknown) =>
				typeof (rule as {find?: unknown})?.find === 'string' &&
				(rule as {find: string}).find !== '' &&
				typeof (rule as {replace?: unknown}).replace === 'string',
		);
	if (!valid) throw new TypeError('rewrites must be a list of {"find": "...", "replace": "..."}');
	return (value as Array<{find: string; replace: string}>).map(({find, replace}) => ({
		find,
		replace,
	}));
}

export function createFaultController(initial: Partial<FaultSettings> = {}): FaultController {
	let current: FaultSettings = {...noFaults, ...validateFaultPatch(initial)};
	return {
		get: () => ({
			...current,
			denied: [...current.denied],
			...(current.rewrites === undefined ? {} : {rewrites: current.rewrites.map((r) => ({...r}))}),
		}),
		set(patch) {
			current = {...current, ...validateFaultPatch(patch)};
		},
		reset() {
			current = {...noFaults, denied: []};
		},
	};
}

/** What the injector decided for one request. */
export interface FaultDecision {
	/** Drop the connection without an answer. */
	drop: boolean;
	/** Answer with this error instead of calling the handler. */
	error?: SimError;
	latencyMs: number;
}

export interface RequestFacts {
	service: ServiceName;
	operation: string;
	accessKeyId: string;
	accountId: string;
}

/** Decides the faults of each request in turn; one instance per server keeps the draw sequence. */
export class FaultInjector {
	private readonly random: Random;

	constructor(
		private readonly controller: FaultController,
		seed: number,
	) {
		// Its own stream, so injecting faults never shifts the world's random sequence.
		this.random = new Random((seed ^ 0x5eed_fa17) >>> 0);
	}

	decide(request: RequestFacts): FaultDecision {
		const settings = this.controller.get();
		const errors = commonErrors(request.service);
		const targeted = settings.services === undefined || settings.services.includes(request.service);
		const latencyMs = targeted ? settings.latencyMs : 0;
		if (settings.down) return {drop: true, latencyMs};
		if (settings.expiredCredentials) return {drop: false, latencyMs, error: errors.expiredToken()};
		if (settings.denied.includes(request.service)) {
			const error = errors.accessDenied(request.operation, request.accessKeyId, request.accountId);
			return {drop: false, latencyMs, error};
		}
		if (!targeted) return {drop: false, latencyMs};
		const answerError = settings.answerError;
		if (
			answerError !== undefined &&
			(answerError.operations === undefined || answerError.operations.includes(request.operation))
		) {
			const {code, message, status} = answerError;
			return {drop: false, latencyMs, error: new SimError(code, message, {status})};
		}
		// Always draw both, so changing one rate does not reshuffle the other's sequence.
		const throttleDraw = this.random.next();
		const errorDraw = this.random.next();
		if (throttleDraw < settings.throttleRate) {
			return {drop: false, latencyMs, error: errors.throttling()};
		}
		if (errorDraw < settings.errorRate) {
			// A struggling endpoint answers both: 503 when overloaded, 500 when something broke.
			const error = this.random.chance(0.5) ? errors.serviceUnavailable() : errors.internal();
			return {drop: false, latencyMs, error};
		}
		return {drop: false, latencyMs};
	}
}

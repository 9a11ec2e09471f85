/**
 * GetLogEvents' tokens, shaped as AWS's (`f/<56 digits>/s`, `b/<56 digits>/s`): a forward token
 * reads the events after a place in the stream, a backward token the events before it. The place
 * is an event's key (timestamp, arrival), so a follower never sees an event twice nor misses one
 * that arrived after it.
 */
import type {EventKey} from '../world/logs/log-store.js';
import {invalidParameter} from './logs-input.js';

export type Direction = 'forward' | 'backward';

export interface Cursor {
	direction: Direction;
	key: EventKey;
}

/** Before every event: the place a forward read of an empty stream starts from. */
export const streamStart: EventKey = {timestamp: 0, seq: -1};

export function encodeEventToken(direction: Direction, key: EventKey): string {
	const digits =
		String(key.timestamp).padStart(20, '0') +
		String(key.seq + 1).padStart(20, '0') +
		'0'.repeat(16);
	return `${direction === 'forward' ? 'f' : 'b'}/${digits}/s`;
}

export function decodeEventToken(token: string): Cursor {
	const match = /^([fb])\/(\d{20})(\d{20})0{16}(?:\/s)?$/.exec(token);
	if (!match) throw invalidParameter('The specified nextToken is invalid.');
	return {
		direction: match[1] === 'f' ? 'forward' : 'backward',
		key: {timestamp: Number(match[2]), seq: Number(match[3]) - 1},
	};
}

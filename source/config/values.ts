/**
 * What each setting accepts, said once for the command line and the config file alike: a flag
 * is checked from the text as typed (and echoed as typed when refused), a file value from its
 * TOML type. Both come out as the same checked value, or a reason that names what is accepted.
 */

export const regionPattern = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export type Check<T> = {ok: true; value: T} | {ok: false; expected: string};

/**
 * A decimal number as a person types it (5, 2.5, .5, -1): yargs would have read `abc` as NaN,
 * `0x10` as 16 and `1e3` as 1000, and a message could then only show what it made of them.
 */
export function numberFromText(text: string): number | undefined {
	const trimmed = text.trim();
	return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed) ? Number(trimmed) : undefined;
}

const refreshExpected = 'a number of seconds from 1 to 3600';
const maxFpsExpected = 'a whole number from 1 to 60';

export function checkRefresh(value: number): Check<number> {
	return Number.isFinite(value) && value >= 1 && value <= 3600
		? {ok: true, value}
		: {ok: false, expected: refreshExpected};
}

/**
 * Ink spaces frames at least 1000/maxFps ms apart: at 10 a held key could not be answered in
 * under 50 ms (p50) or 30 ms (p95). Only changed lines are written, so 30 stays frugal.
 */
export function checkMaxFps(value: number): Check<number> {
	return Number.isInteger(value) && value >= 1 && value <= 60
		? {ok: true, value}
		: {ok: false, expected: maxFpsExpected};
}

export function checkRegion(value: string): Check<string> {
	return regionPattern.test(value)
		? {ok: true, value}
		: {ok: false, expected: 'an AWS region name (like us-east-1)'};
}

/** `--refresh abc: not a number of seconds`: the flag's refusal, with the text as typed. */
export function refreshFromFlag(text: string): Check<number> | {ok: false; message: string} {
	const value = numberFromText(text);
	if (value === undefined)
		return {ok: false, message: `--refresh ${text}: not a number of seconds (1 to 3600)`};
	const checked = checkRefresh(value);
	return checked.ok
		? checked
		: {ok: false, message: `--refresh ${text}: seconds must be from 1 to 3600`};
}

export function maxFpsFromFlag(text: string): Check<number> | {ok: false; message: string} {
	const value = numberFromText(text);
	if (value === undefined || !Number.isInteger(value))
		return {
			ok: false,
			message: `--max-fps ${text}: not a whole number of frames a second (1 to 60)`,
		};
	const checked = checkMaxFps(value);
	return checked.ok ? checked : {ok: false, message: `--max-fps ${text}: must be from 1 to 60`};
}

export function seedFromFlag(
	text: string,
): {ok: true; value: number} | {ok: false; message: string} {
	const value = numberFromText(text);
	return value !== undefined && Number.isSafeInteger(value) && value >= 0
		? {ok: true, value}
		: {ok: false, message: `--seed ${text}: not a whole number of 0 or more`};
}

/** A TOML value as a message names it: `"5s"`, `true`, `a list`, `a table`. */
export function describeValue(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (Array.isArray(value)) return 'a list';
	if (value instanceof Date) return 'a date';
	if (typeof value === 'object' && value !== null) return 'a table';
	return String(value);
}

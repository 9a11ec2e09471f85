/** The timestamp spellings real programs put in their own log lines (all in UTC, as in containers). */

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const two = (n: number) => String(n).padStart(2, '0');
const three = (n: number) => String(n).padStart(3, '0');

/** 2026-01-01T12:00:00.123Z (Node, Go, most JSON loggers). */
export function isoTime(ms: number): string {
	return new Date(ms).toISOString();
}

/** 01/Jan/2026:12:00:00 +0000 (nginx's access log). */
export function accessLogTime(ms: number): string {
	const d = new Date(ms);
	return `${two(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${clock(d)} +0000`;
}

/** 2026/01/01 12:00:00 (nginx's error log). */
export function errorLogTime(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${clock(d)}`;
}

/** 01 Jan 2026 12:00:00.123 (Redis). */
export function redisTime(ms: number): string {
	const d = new Date(ms);
	return `${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${clock(d)}.${three(d.getUTCMilliseconds())}`;
}

function clock(d: Date): string {
	return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

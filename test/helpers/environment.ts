/**
 * Tests that set environment variables (a proxy, a profile, a CA bundle) clear the ones this
 * machine's own environment may set, and put them back after, so neither leaks into the other.
 */

/** Every variable that routes Node's or the SDK's requests through a proxy, in both spellings. */
export const proxyVariables = [
	'HTTP_PROXY',
	'http_proxy',
	'HTTPS_PROXY',
	'https_proxy',
	'NO_PROXY',
	'no_proxy',
	'ALL_PROXY',
	'all_proxy',
] as const;

/** `names` as they are now: `clear()` unsets them, `restore()` sets them back to these values. */
export function savedEnvironment(names: readonly string[]): {clear(): void; restore(): void} {
	const saved = new Map(names.map((name) => [name, process.env[name]]));
	return {
		clear() {
			for (const name of names) delete process.env[name];
		},
		restore() {
			for (const [name, value] of saved) {
				if (value === undefined) delete process.env[name];
				else process.env[name] = value;
			}
		},
	};
}

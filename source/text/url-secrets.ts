/**
 * Secrets that ride in an endpoint URL: a `user:password@` part and signed or token-bearing
 * query parameters (a presigned `X-Amz-Signature`, `X-Amz-Security-Token`, `token=...`). An
 * endpoint is shown (the `aws` commands of the dialogs, error messages) and recorded (the audit
 * record, the log), and none of those places may carry what lets someone else use it.
 */

/** Shown in place of a secret; the URL stays readable and says where it points. */
export const secretMask = '***';

// A query parameter whose value is a credential: signatures, tokens, keys, passwords.
const secretParameter = /(signature|token|credential|secret|password|passwd|pwd|key|auth|sig)/i;

// scheme://userinfo@ : the userinfo ends at the first `@` before the path.
const userInfo = /\b([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]*)@/gi;
// ?name=value or &name=value inside a URL-looking word.
const queryParameter = /([?&;])([^=&#\s]+)=([^&#\s]*)/g;

/** One URL (or any text holding URLs) with its secrets replaced by `***`. */
export function maskUrlSecrets(text: string): string {
	if (!text.includes('://') && !text.includes('=')) return text;
	const withoutUsers = text.replace(userInfo, (_all, scheme: string, info: string) => {
		const colon = info.indexOf(':');
		// `user:password@`: the user name says whose it is, the password is the secret. A lone
		// `token@` (no colon) is a secret itself.
		const masked = colon >= 0 ? `${info.slice(0, colon)}:${secretMask}` : secretMask;
		return `${scheme}${masked}@`;
	});
	if (!withoutUsers.includes('://')) return withoutUsers;
	return withoutUsers.replace(queryParameter, (all, separator: string, name: string) =>
		secretParameter.test(decodeSafely(name)) ? `${separator}${name}=${secretMask}` : all,
	);
}

function decodeSafely(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** An optional endpoint, masked: undefined stays undefined. */
export function maskEndpoint(url: string | undefined): string | undefined {
	return url === undefined ? undefined : maskUrlSecrets(url);
}

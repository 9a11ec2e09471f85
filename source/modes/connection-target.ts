/**
 * What a connection is to, as far as the flags say: known before the AWS SDK is loaded, so the
 * TUI's header can show it in the first frame. No SDK imports here, for that reason.
 */
import type {AppOptions} from '../options.js';

export const demoRegion = 'us-east-1';

/** What the header shows as the profile: the profile name, `demo`, or undefined. */
export function connectionLabel(
	options: AppOptions,
	env: NodeJS.ProcessEnv = process.env,
): string | undefined {
	return options.demo !== undefined ? 'demo' : (options.profile ?? env['AWS_PROFILE']);
}

/**
 * Where ECS calls will go, as far as the flags and the environment say: the header shows it from
 * the first frame. A profile's `endpoint_url` is only known once the SDK has read the config; the
 * session sets the endpoint then. The demo's simulator is the demo's business: none.
 */
export function endpointBeforeConnecting(
	options: AppOptions,
	env: NodeJS.ProcessEnv = process.env,
): string | undefined {
	if (options.demo !== undefined) return undefined;
	if (options.endpointUrl !== undefined) return options.endpointUrl;
	if (/^true$/i.test(env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'] ?? '')) return undefined;
	return env['AWS_ENDPOINT_URL_ECS'] || env['AWS_ENDPOINT_URL'] || undefined;
}

/**
 * The region before connecting: the flag's or the environment's (or the demo's). The profile's
 * own region is only known once the config has been read; the session sets it then.
 */
export function regionBeforeConnecting(
	options: AppOptions,
	env: NodeJS.ProcessEnv = process.env,
): string | undefined {
	if (options.demo !== undefined) return options.region ?? demoRegion;
	return options.region ?? (env['AWS_REGION'] || env['AWS_DEFAULT_REGION'] || undefined);
}

/**
 * Where the clients' credentials come from, as the AWS CLI finds them, and what a failure to get
 * them says. The SDK's provider chain falls through a profile's own failure to the next source (a
 * failing `credential_process` ends as "Could not load credentials from any providers", after the
 * helper ran twice and the instance metadata service was asked): a profile that says where its
 * credentials come from is resolved by that profile alone (`fromIni`), as the CLI does, so its
 * failure is the one reported. Failures are explained in words a person can act on
 * (CredentialsFailure, classified by errors.ts).
 */
import {readFile} from 'node:fs/promises';
import type {ECSClientConfig} from '@aws-sdk/client-ecs';
import {fromIni, fromNodeProviderChain} from '@aws-sdk/credential-providers';
import {getSSOTokenFilepath, loadSharedConfigFiles, memoize} from '@smithy/core/config';
import type {AwsCredentialIdentity, AwsCredentialIdentityProvider} from '@smithy/types';
import {CredentialsFailure} from './errors.js';
import {mergedProfiles, mfaSerialOf, profileChain, type Profiles} from './profile-chain.js';

type Settings = Record<string, string | undefined>;

export type CredentialOptions = {
	/** --profile; else AWS_PROFILE, else `default`. */
	readonly profile?: string | undefined;
	/** --endpoint-url: the STS calls that assume a role go there too. */
	readonly endpointUrl?: string | undefined;
	/** The region the clients use: also the one a role is assumed in, unless its profile says. */
	readonly region?: string | undefined;
	/** Asked for the code of a profile with `mfa_serial`; without it such a profile fails, clearly. */
	readonly mfaCodeProvider?: ((serial: string) => Promise<string>) | undefined;
	/** The clients' transport (proxy, CA bundle, deadlines), for the providers' own STS and SSO calls. */
	readonly requestHandler?: ECSClientConfig['requestHandler'];
	readonly env?: NodeJS.ProcessEnv | undefined;
};

/** Settings that make a profile a source of credentials by itself. */
const credentialKeys = [
	'aws_access_key_id',
	'role_arn',
	'credential_process',
	'credential_source',
	'sso_session',
	'sso_start_url',
	'web_identity_token_file',
	'login_session',
];

export function profileName(options: Pick<CredentialOptions, 'profile' | 'env'>): string {
	const env = options.env ?? process.env;
	return options.profile ?? (env['AWS_PROFILE'] || 'default');
}

async function loadProfiles(): Promise<Profiles> {
	// The SDK's loader and cache: the same text the credential providers read.
	return mergedProfiles(await loadSharedConfigFiles());
}

function usesProfileAlone(profiles: Profiles, options: CredentialOptions): boolean {
	const env = options.env ?? process.env;
	const named = options.profile ?? (env['AWS_PROFILE'] || undefined);
	// Unnamed, keys in the environment come first, as in the SDK's chain and the CLI's.
	if (named === undefined && env['AWS_ACCESS_KEY_ID'] && env['AWS_SECRET_ACCESS_KEY']) return false;
	const settings = profiles[named ?? 'default'];
	return settings !== undefined && credentialKeys.some((key) => settings[key] !== undefined);
}

const expiryMarginMs = 5 * 60_000;

/**
 * The clients' credentials: one memoized provider shared by every client (an SSO lookup, a
 * `credential_process` run or an AssumeRole happens once, not once per service), refreshed
 * before temporary credentials expire, its failures explained.
 */
export function credentialProvider(options: CredentialOptions = {}): AwsCredentialIdentityProvider {
	let inner: Promise<{provider: AwsCredentialIdentityProvider; profiles: Profiles}> | undefined;
	const choose = async () => {
		const profiles = await loadProfiles();
		const name = profileName(options);
		const init = {
			...(options.profile === undefined ? {} : {profile: options.profile}),
			clientConfig: {
				...(options.endpointUrl === undefined ? {} : {endpoint: options.endpointUrl}),
				...(options.requestHandler === undefined ? {} : {requestHandler: options.requestHandler}),
			},
			...(options.region === undefined ? {} : {parentClientConfig: {region: options.region}}),
			...(options.mfaCodeProvider === undefined ? {} : {mfaCodeProvider: options.mfaCodeProvider}),
		};
		const provider = usesProfileAlone(profiles, options)
			? fromIni({...init, profile: name})
			: fromNodeProviderChain(init);
		return {provider, profiles};
	};
	let props: Parameters<AwsCredentialIdentityProvider>[0];
	const resolve = async (): Promise<AwsCredentialIdentity> => {
		inner ??= choose();
		const {provider, profiles} = await inner;
		try {
			return await provider(props);
		} catch (error) {
			throw await explainCredentialFailure(error, profiles, profileName(options));
		}
	};
	const memoized = memoize(
		resolve,
		(credentials) =>
			credentials.expiration !== undefined &&
			credentials.expiration.getTime() - Date.now() < expiryMarginMs,
		(credentials) => credentials.expiration !== undefined,
	);
	return (next) => {
		props ??= next;
		return memoized(next);
	};
}

/** Temporary credentials resolved at start for a profile (plain data: they cross to the AWS thread). */
export type SessionCredentials = {
	readonly profile: string;
	readonly accessKeyId: string;
	readonly secretAccessKey: string;
	readonly sessionToken?: string | undefined;
	readonly expiration?: Date | undefined;
};

/**
 * Credentials resolved once, before the clients exist (the role of an `mfa_serial` profile, for
 * which the code was typed at start): used until they expire, then a clear failure, since nobody
 * is at a prompt to type a new code while the live view runs.
 */
export function fixedCredentials(session: SessionCredentials): AwsCredentialIdentityProvider {
	const {profile, ...credentials} = session;
	return async () => {
		if (credentials.expiration !== undefined && credentials.expiration.getTime() <= Date.now()) {
			throw new CredentialsFailure(
				'credentials-expired',
				`The role session of profile ${profile} (started with an MFA code) ended at ${credentials.expiration.toISOString()}: restart ecs-top to type a new code`,
				{code: 'ExpiredToken'},
			);
		}
		return credentials;
	};
}

type SsoToken = {expiresAt?: unknown};

async function ssoTokenState(settings: Settings): Promise<'missing' | {expiresAt: Date} | 'valid'> {
	const id = settings['sso_session'] ?? settings['sso_start_url'];
	if (id === undefined) return 'valid';
	let token: SsoToken;
	try {
		token = JSON.parse(await readFile(getSSOTokenFilepath(id), 'utf8')) as SsoToken;
	} catch {
		return 'missing';
	}
	const expiresAt = typeof token.expiresAt === 'string' ? new Date(token.expiresAt) : undefined;
	if (expiresAt === undefined || Number.isNaN(expiresAt.getTime())) return 'missing';
	return expiresAt.getTime() <= Date.now() ? {expiresAt} : 'valid';
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function nameOf(error: unknown): string {
	return error instanceof Error ? error.name : 'Error';
}

/** What a `credential_process` helper said: the SDK's message is `Command failed: CMD\nSTDERR`. */
function helperOutput(message: string): string | undefined {
	if (!message.startsWith('Command failed:')) return undefined;
	return message
		.slice(message.indexOf('\n') + 1)
		.replace(/\s+/g, ' ')
		.trim();
}

const deniedNames = new Set(['AccessDenied', 'AccessDeniedException']);

/** The principal in IAM's `User: arn:... is not authorized to perform` message. */
function principalIn(message: string): string | undefined {
	return /(arn:aws[\w-]*:\S+) is not authorized/.exec(message)?.[1];
}

/**
 * A credential failure in words a person can act on, naming the profile and what it relies on:
 * the SSO login (never made, or expired), the `credential_process` helper's own message, the MFA
 * code, the role's AssumeRole. Anything else (a network error on the way to STS, keys AWS does not
 * know) is returned as it was, for errors.ts to classify like any call's failure.
 */
export async function explainCredentialFailure(
	error: unknown,
	profiles: Profiles,
	profile: string,
): Promise<unknown> {
	if (error instanceof CredentialsFailure) return error;
	const message = messageOf(error);
	const chain = profileChain(profiles, profile);
	const fail = (
		kind: ConstructorParameters<typeof CredentialsFailure>[0],
		text: string,
		extra: Omit<ConstructorParameters<typeof CredentialsFailure>[2], 'cause'> = {},
	) => new CredentialsFailure(kind, text, {...extra, cause: error});

	const sso = chain.find(({settings}) => settings['sso_session'] ?? settings['sso_start_url']);
	if (sso !== undefined && /ProviderError$/.test(nameOf(error))) {
		const state = await ssoTokenState(sso.settings);
		const login = `aws sso login --profile ${sso.name}`;
		if (state === 'missing')
			return fail(
				'credentials-missing',
				`Not logged in to AWS SSO for profile ${sso.name}: run ${login}`,
				{
					code: 'SsoNotLoggedIn',
				},
			);
		if (state !== 'valid')
			return fail(
				'credentials-expired',
				`The AWS SSO login for profile ${sso.name} expired at ${state.expiresAt.toISOString()}: run ${login}`,
				{code: 'SsoExpired'},
			);
		return fail(
			'credentials-missing',
			`AWS SSO gave no credentials for profile ${sso.name}: ${message}`,
		);
	}

	const helper = chain.find(({settings}) => settings['credential_process'] !== undefined);
	if (helper !== undefined && /ProviderError$/.test(nameOf(error))) {
		const output = helperOutput(message);
		const said =
			output === undefined
				? message.replace(/^Profile \S+ credential_process /, '')
				: output === ''
					? 'failed and printed nothing on stderr'
					: `failed: ${output}`;
		return fail('credentials-missing', `credential_process of profile ${helper.name} ${said}`, {
			code: 'CredentialProcessFailed',
		});
	}

	const role = chain.find(({settings}) => settings['role_arn'] !== undefined);
	if (/requires multi-factor authentication/.test(message)) {
		const serial = mfaSerialOf(profiles, profile)?.serial ?? 'its mfa_serial';
		return fail(
			'credentials-missing',
			`Profile ${profile} assumes its role with an MFA code (${serial}), which ecs-top asks for only at start: restart ecs-top with --profile ${profile}`,
			{code: 'MfaCodeNeeded'},
		);
	}
	if (role !== undefined && deniedNames.has(nameOf(error))) {
		const roleArn = role.settings['role_arn']!;
		if (/MultiFactorAuthentication/i.test(message)) {
			const serial = role.settings['mfa_serial'] ?? 'the MFA device';
			return fail(
				'access-denied',
				`AWS refused the MFA code for ${serial} (sts:AssumeRole on ${roleArn}): ${message}`,
				{code: nameOf(error), service: 'sts', operation: 'AssumeRole'},
			);
		}
		const who =
			principalIn(message) ??
			`the credentials of profile ${role.settings['source_profile'] ?? role.name}`;
		return fail(
			'access-denied',
			`Access denied: sts:AssumeRole on ${roleArn} (role_arn of profile ${role.name}) is not allowed for ${who}; the role's trust policy and the caller's IAM policy must both allow it`,
			{code: nameOf(error), service: 'sts', operation: 'AssumeRole'},
		);
	}
	return error;
}

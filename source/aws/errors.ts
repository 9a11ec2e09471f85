/**
 * Turns whatever an AWS call threw (an SDK service exception, a credential provider error, a
 * Node socket error) into one kind the UI can act on and one line a person can act on.
 */
import {deadlineErrorName, tooLargeErrorName} from './http-errors.js';

/** The IAM prefix of each service we call: also how actions are named in policies. */
export type AwsService = 'ecs' | 'ec2' | 'autoscaling' | 'cloudwatch' | 'sts' | 'logs';

export type AwsProblemKind =
	| 'throttled'
	| 'credentials-expired'
	| 'credentials-missing'
	/** AWS refused the request's time: this machine's clock is off. */
	| 'clock-skew'
	| 'access-denied'
	| 'not-found'
	| 'network'
	| 'invalid'
	| 'other';

export type AwsCallContext = {
	readonly service: AwsService;
	/** The API operation, e.g. ListClusters. */
	readonly operation: string;
	readonly profile?: string | undefined;
	readonly region?: string | undefined;
	/** The --endpoint-url in use, if any: network messages name what could not be reached. */
	readonly endpoint?: string | undefined;
};

export type AwsProblem = {
	readonly kind: AwsProblemKind;
	readonly message: string;
	/** The AWS error code or Node error code, when there is one. */
	readonly code: string | undefined;
	readonly service: AwsService;
	readonly operation: string;
	readonly httpStatus: number | undefined;
	/** Worth trying again later without the user doing anything. */
	readonly retryable: boolean;
};

/**
 * Problems that every call meets, whichever call met them first: AWS out of reach, credentials
 * refused or expired, this machine's clock off. No other part of the data can be had meanwhile.
 */
export const accountWideKinds: ReadonlySet<AwsProblemKind> = new Set<AwsProblemKind>([
	'network',
	'credentials-expired',
	'credentials-missing',
	'clock-skew',
]);

/** What adapters throw: the classified problem, with the original error as `cause`. */
export class AwsApiError extends Error {
	override readonly name = 'AwsApiError';
	constructor(
		readonly problem: AwsProblem,
		options: {cause: unknown},
	) {
		super(problem.message, options);
	}
}

/**
 * Credentials could not be had, explained (credentials.ts): an SSO login never made or expired,
 * a `credential_process` helper's own message, an MFA code or an AssumeRole refused. Thrown by
 * the clients' credential provider, so every call made without credentials fails with it.
 */
export class CredentialsFailure extends Error {
	override readonly name = 'CredentialsFailure';
	readonly code: string | undefined;
	/** The call that failed, when it was not the caller's (`sts:AssumeRole` for a role's profile). */
	readonly service: AwsService | undefined;
	readonly operation: string | undefined;
	constructor(
		readonly kind: AwsProblemKind,
		message: string,
		options: {code?: string; service?: AwsService; operation?: string; cause?: unknown} = {},
	) {
		super(message, {cause: options.cause});
		this.code = options.code;
		this.service = options.service;
		this.operation = options.operation;
	}
}

/**
 * A throttled attempt of a poll, wrapped so the SDK's retry strategy sees no throttling error to
 * retry (nor to slow its rate limiter for): see runAsPoll in request-counter.ts. Classified as
 * the AWS error it wraps.
 */
export class PollThrottledError extends Error {
	override readonly name = 'PollThrottledError';
	constructor(readonly throttled: unknown) {
		super(throttled instanceof Error ? throttled.message : String(throttled), {cause: throttled});
	}
}

/**
 * The one list of codes that mean "AWS is rate-limiting us", for the problem's message, the
 * request stats, a write's outcome and the poller's back-off alike. It is the SDK's list
 * (@smithy/service-error-classification) less three codes that mean something else for the
 * services ecs-top calls: ECS's LimitExceededException is a quota (too many services, say),
 * which waiting does not lift; ProvisionedThroughputExceededException and
 * TransactionInProgressException are DynamoDB's.
 */
const throttlingCodes = new Set([
	'ThrottlingException',
	'Throttling',
	'ThrottledException',
	'RequestLimitExceeded',
	'TooManyRequestsException',
	'RequestThrottled',
	'RequestThrottledException',
	'EC2ThrottledException',
	'BandwidthLimitExceeded',
	'SlowDown',
	'PriorRequestNotComplete',
]);
const expiredCodes = new Set([
	'ExpiredTokenException',
	'ExpiredToken',
	'RequestExpired',
	'TokenRefreshRequired',
]);
// The request reached AWS, but AWS did not recognise the key or signature.
const rejectedCredentialCodes = new Set([
	'UnrecognizedClientException',
	'InvalidClientTokenId',
	'AuthFailure',
	'SignatureDoesNotMatch',
	'InvalidSignatureException',
	'IncompleteSignature',
	'MissingAuthenticationToken',
	'MissingAuthenticationTokenException',
]);
const deniedCodes = new Set([
	'AccessDeniedException',
	'AccessDenied',
	'UnauthorizedOperation',
	'UnauthorizedException',
	'NotAuthorized',
]);
const notFoundCodes = new Set([
	'ClusterNotFoundException',
	'ServiceNotFoundException',
	'TargetNotFoundException',
	'ResourceNotFoundException',
	'ResourceNotFound',
	'TaskSetNotFoundException',
]);
const invalidCodes = new Set([
	'InvalidParameterException',
	'InvalidParameterValue',
	'InvalidParameterValueException',
	'InvalidParameterCombination',
	'MissingParameter',
	'ValidationError',
	'ValidationException',
	'ClientException',
	'InvalidNextToken',
	'ServiceNotActiveException',
	'PlatformUnknownException',
	'UnsupportedFeatureException',
	'InvalidAction',
	'ResourceInUse',
	'ScalingActivityInProgress',
]);
const networkCodes = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EPIPE',
	'TimeoutError',
	'RequestTimeout',
	'RequestTimeoutException',
]);

// TLS refusing the endpoint's certificate: what a TLS-inspecting proxy without its CA causes.
const untrustedCertificateCodes = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'ERR_TLS_CERT_ALTNAME_INVALID',
]);

type ErrorFacts = {
	name: string;
	code: string | undefined;
	message: string;
	httpStatus: number | undefined;
};

function factsOf(error: unknown): ErrorFacts {
	if (!(error instanceof Error) && (typeof error !== 'object' || error === null)) {
		return {name: 'Error', code: undefined, message: String(error), httpStatus: undefined};
	}
	const record = error as {
		name?: unknown;
		code?: unknown;
		Code?: unknown;
		message?: unknown;
		$metadata?: {httpStatusCode?: unknown};
	};
	const name = typeof record.name === 'string' ? record.name : 'Error';
	const code =
		typeof record.code === 'string'
			? record.code
			: typeof record.Code === 'string'
				? record.Code
				: undefined;
	const status = record.$metadata?.httpStatusCode;
	return {
		name,
		code,
		message: typeof record.message === 'string' ? record.message : '',
		httpStatus: typeof status === 'number' ? status : undefined,
	};
}

/** Network errors sometimes arrive wrapped (`cause`), e.g. by fetch or the SDK's retry. */
function networkCodeOf(error: unknown, depth = 0): string | undefined {
	if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
	const facts = factsOf(error);
	if (facts.code !== undefined && networkCodes.has(facts.code)) return facts.code;
	if (networkCodes.has(facts.name)) return facts.name;
	if (/socket hang up/i.test(facts.message)) return 'ECONNRESET';
	return networkCodeOf((error as {cause?: unknown}).cause, depth + 1);
}

const ssoExpired =
	/SSO session .*(expired|invalid)|Token is expired|SSO session token .*not found or is invalid|aws sso login/i;

function loginCommand(profile: string | undefined): string {
	return profile === undefined ? 'aws sso login' : `aws sso login --profile ${profile}`;
}

function forProfile(profile: string | undefined): string {
	return profile === undefined ? '' : ` for profile ${profile}`;
}

/** `User: arn:aws:iam::1:user/bob is not authorized to perform: ...` -> the user's ARN. */
function principalIn(message: string): string | undefined {
	return /(arn:aws[\w-]*:[^\s]+) is not authorized/.exec(message)?.[1];
}

// Codes AWS answers when a request's signed time is too far from its own (the SDK's list, plus
// S3's); the signature codes only count when their message is about time.
const clockSkewCodes = new Set(['RequestTimeTooSkewed', 'RequestInTheFuture']);
const signatureCodes = new Set([
	'SignatureDoesNotMatch',
	'InvalidSignatureException',
	'AuthFailure',
	'RequestExpired',
]);
const aboutTime =
	/Signature expired|Signature not yet current|too skewed|request time and the current time/i;

function isClockSkew(code: string, message: string): boolean {
	return clockSkewCodes.has(code) || (signatureCodes.has(code) && aboutTime.test(message));
}

/** `(20260101T002000Z - 5 min.)` in a SigV4 time error is AWS's own time. */
function awsTimeIn(message: string): Date | undefined {
	const match = /\((\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z [+-] \d+ min\.\)/.exec(message);
	if (match === null) return undefined;
	const [, year, month, day, hour, minute, second] = match;
	const time = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`);
	return Number.isNaN(time.getTime()) ? undefined : time;
}

function clockSkewMessage(code: string, message: string, now = Date.now()): string {
	const awsTime = awsTimeIn(message);
	const by =
		awsTime === undefined
			? ''
			: ` by about ${Math.max(1, Math.round(Math.abs(now - awsTime.getTime()) / 60_000))} min (${now > awsTime.getTime() ? 'ahead' : 'behind'}; AWS says it is ${awsTime.toISOString().replace('.000', '')})`;
	return `This machine's clock is off${by}, and AWS refuses requests signed more than 5 min from its own time (${code}): set the clock right (turn on NTP)`;
}

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

export function classifyAwsError(thrown: unknown, context: AwsCallContext): AwsProblem {
	const error = thrown instanceof PollThrottledError ? thrown.throttled : thrown;
	const facts = factsOf(error);
	const action = `${context.service}:${context.operation}`;
	const code = facts.name !== 'Error' ? facts.name : facts.code;
	const detail = oneLine(facts.message);
	const problem = (
		kind: AwsProblemKind,
		message: string,
		retryable: boolean,
		problemCode = code,
	): AwsProblem => ({
		kind,
		message,
		code: problemCode,
		service: context.service,
		operation: context.operation,
		httpStatus: facts.httpStatus,
		retryable,
	});

	if (error instanceof CredentialsFailure) {
		return {
			...problem(error.kind, error.message, false, error.code),
			service: error.service ?? context.service,
			operation: error.operation ?? context.operation,
		};
	}
	if (code !== undefined && isClockSkew(code, facts.message)) {
		return problem('clock-skew', clockSkewMessage(code, facts.message), false);
	}

	if (facts.name === 'CredentialsProviderError' || facts.name === 'TokenProviderError') {
		if (ssoExpired.test(facts.message)) {
			return problem(
				'credentials-expired',
				`AWS SSO session expired: run ${loginCommand(context.profile)}`,
				false,
			);
		}
		const missingProfile = /Profile (\S+?) (?:could not be found|was not found)/.exec(
			facts.message,
		);
		if (missingProfile !== null) {
			return problem(
				'credentials-missing',
				`AWS profile ${missingProfile[1]} not found in ~/.aws/config or ~/.aws/credentials: check --profile or AWS_PROFILE`,
				false,
			);
		}
		return problem(
			'credentials-missing',
			context.profile === undefined
				? 'No AWS credentials found: set AWS_PROFILE, run aws configure, or use --profile'
				: `No AWS credentials found for profile ${context.profile}: check it in ~/.aws/config, or run aws configure --profile ${context.profile}`,
			false,
		);
	}
	if (code !== undefined && expiredCodes.has(code)) {
		return problem(
			'credentials-expired',
			`AWS credentials expired${forProfile(context.profile)}: refresh them (aws sso login, or new keys)`,
			false,
		);
	}
	if (code !== undefined && rejectedCredentialCodes.has(code)) {
		return problem(
			'credentials-missing',
			`AWS did not accept the credentials${forProfile(context.profile)} (${code}): check the access key, or use another --profile`,
			false,
		);
	}
	const throttlingCode = throttlingCodeOf(error);
	if (throttlingCode !== undefined) {
		return problem(
			'throttled',
			`AWS is throttling ${action} (${throttlingCode}): slowing down; other tools on this account share the limit`,
			true,
		);
	}
	if (facts.httpStatus === 429) {
		return problem('throttled', `AWS is throttling ${action} (HTTP 429): slowing down`, true);
	}
	if (code !== undefined && deniedCodes.has(code)) {
		const who = principalIn(facts.message);
		const subject =
			who ?? (context.profile === undefined ? 'these credentials' : `profile ${context.profile}`);
		return problem(
			'access-denied',
			`Access denied: ${action} is not allowed for ${subject}; add it to the IAM policy`,
			false,
		);
	}
	if (
		code !== undefined &&
		(notFoundCodes.has(code) || /\.NotFound$|NotFound(Exception)?$/.test(code))
	) {
		return problem('not-found', `Not found (${action}): ${detail || code}`, false);
	}
	// The transport's own limits (http-handler.ts): its message names the host and the limit.
	if (facts.name === deadlineErrorName) {
		return problem('network', `Cannot reach AWS: ${detail} (${action})`, true);
	}
	if (facts.name === tooLargeErrorName) {
		return problem('other', `${action}: ${detail}`, false);
	}
	if (facts.name === 'CaBundleError') {
		return problem('network', `Cannot reach AWS: ${detail}`, false);
	}
	if (facts.code !== undefined && untrustedCertificateCodes.has(facts.code)) {
		return problem(
			'network',
			`Cannot reach AWS: its TLS certificate is not trusted (${detail}); if a proxy inspects TLS, set AWS_CA_BUNDLE or the profile's ca_bundle to its CA`,
			false,
			facts.code,
		);
	}
	const network = networkCodeOf(error);
	if (network !== undefined) {
		const where =
			context.endpoint ??
			`the ${context.service} endpoint${context.region === undefined ? '' : ` in ${context.region}`}`;
		return problem(
			'network',
			`Cannot reach ${where}: ${network}${detail && detail !== network ? ` (${detail})` : ''}`,
			true,
			network,
		);
	}
	if (code !== undefined && invalidCodes.has(code)) {
		return problem('invalid', `AWS refused ${action} (${code}): ${detail}`, false);
	}
	const serverSide = facts.httpStatus !== undefined && facts.httpStatus >= 500;
	return problem(
		'other',
		`${action} failed${code === undefined ? '' : ` (${code})`}${detail ? `: ${detail}` : ''}`,
		serverSide,
	);
}

/**
 * Whether a failure was AWS rate-limiting us: an attempt's (counted apart in the request stats)
 * or a whole call's (the poller backs off harder). A classified AwsApiError answers by its kind;
 * an SDK error by its code, HTTP 429, or the SDK's own throttling mark.
 */
export function isThrottlingError(error: unknown): boolean {
	if (error instanceof PollThrottledError) return true;
	if (error instanceof AwsApiError) return error.problem.kind === 'throttled';
	return throttlingCodeOf(error) !== undefined || factsOf(error).httpStatus === 429;
}

/** The throttling code an SDK error carries (in its name or code), or the SDK's own mark. */
function throttlingCodeOf(error: unknown): string | undefined {
	const {name, code} = factsOf(error);
	if (throttlingCodes.has(name)) return name;
	if (code !== undefined && throttlingCodes.has(code)) return code;
	const marked = (error as {$retryable?: {throttling?: unknown}} | null)?.$retryable?.throttling;
	return marked === true ? (name !== 'Error' ? name : (code ?? 'throttled')) : undefined;
}

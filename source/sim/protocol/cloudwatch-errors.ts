/**
 * CloudWatch speaks JSON but keeps its old query error codes (awsQueryCompatible). The SDK picks
 * the typed exception from the code in `x-amzn-query-error`, matching each error shape's
 * `awsQueryError` trait; `__type` carries the shape name. Handlers may throw either name.
 * Pairs read off @aws-sdk/client-cloudwatch's error schemas, plus the common AWS errors.
 */
const queryCodeToType: Record<string, string> = {
	InvalidParameterValue: 'InvalidParameterValueException',
	InvalidParameterCombination: 'InvalidParameterCombinationException',
	MissingParameter: 'MissingRequiredParameterException',
	InvalidNextToken: 'InvalidNextToken',
	ResourceNotFound: 'ResourceNotFound',
	LimitExceeded: 'LimitExceededFault',
	InternalServiceError: 'InternalServiceFault',
	InvalidFormat: 'InvalidFormatFault',
	ValidationError: 'ValidationException',
	// Common errors: not modelled by the client, so the SDK names the exception by the query code.
	Throttling: 'ThrottlingException',
	AccessDenied: 'AccessDeniedException',
	ExpiredToken: 'ExpiredTokenException',
	ServiceUnavailable: 'ServiceUnavailableException',
	MissingAuthenticationToken: 'MissingAuthenticationTokenException',
	InvalidAction: 'UnknownOperationException',
};

const typeToQueryCode = Object.fromEntries(
	Object.entries(queryCodeToType).map(([code, type]) => [type, code]),
);

export function cloudWatchErrorCodes(code: string): {queryCode: string; type: string} {
	const type = queryCodeToType[code];
	if (type !== undefined) return {queryCode: code, type};
	const queryCode = typeToQueryCode[code];
	if (queryCode !== undefined) return {queryCode, type: code};
	return {queryCode: code, type: code};
}

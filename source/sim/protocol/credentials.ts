/**
 * Who signed a request and for which region, read from the SigV4 `Authorization` header
 * (`AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ecs/aws4_request, ...`). Signatures are
 * not checked: any key works, as the simulator serves one account.
 */
export interface SignedScope {
	accessKeyId?: string;
	region?: string;
}

export function parseAuthorization(header: string): SignedScope {
	const match = /Credential=([^,\s]+)/.exec(header);
	if (!match?.[1]) return {};
	const [accessKeyId, , region] = match[1].split('/');
	return {accessKeyId: accessKeyId || undefined, region: region || undefined};
}

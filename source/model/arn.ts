/**
 * ARNs are long and mostly repetitive; the screen shows their last path segment. Every ECS
 * resource ARN ends in `.../<id>` (new format, with the cluster in between) or `:<name>`
 * (task definitions, `family:revision`), so the rules below hold for both formats.
 */

/** The part after the resource type: `arn:...:task/cluster/abc` -> `abc`, `...:cluster/web` -> `web`. */
export function nameFromArn(arn: string): string {
	if (!arn.startsWith('arn:')) return arn;
	// The resource starts after the fifth colon. Found by searching rather than splitting: this
	// runs for every task of every answer, and the split's arrays cost ~5x the search.
	let colon = 3;
	for (let field = 1; field < 5; field++) {
		colon = arn.indexOf(':', colon + 1);
		if (colon === -1) return '';
	}
	return arn.slice(Math.max(colon, arn.lastIndexOf('/')) + 1);
}

/** `family:revision` of a task definition ARN (or the value itself when it is already short). */
export function taskDefinitionName(arnOrName: string): string {
	const marker = ':task-definition/';
	const at = arnOrName.indexOf(marker);
	return at === -1 ? arnOrName : arnOrName.slice(at + marker.length);
}

/** Task ids are 32 hex characters; a prefix is enough to tell tasks apart on screen. */
export function shortId(arnOrId: string, length = 8): string {
	const id = nameFromArn(arnOrId);
	return id.length > length ? id.slice(0, length) : id;
}

/** The account id field of an ARN, if it has one. */
export function accountFromArn(arn: string): string | undefined {
	const account = arn.split(':')[4];
	return account === undefined || account === '' ? undefined : account;
}

import {GetCallerIdentityCommand, type STSClient} from '@aws-sdk/client-sts';
import type {CallerIdentity} from '../model/identity.js';
import {text} from './answer-fields.js';
import {adapterContext, type AdapterOptions} from './call.js';

export type StsAdapter = ReturnType<typeof createStsAdapter>;

/** The header's account id, and the cheapest check that credentials work (needs no IAM grant). */
export function createStsAdapter(client: STSClient, options: AdapterOptions = {}) {
	const {call} = adapterContext('sts', options);
	return {
		async getCallerIdentity(): Promise<CallerIdentity> {
			const answer = await call('GetCallerIdentity', () =>
				client.send(new GetCallerIdentityCommand({})),
			);
			return {
				account: text(answer.Account) ?? '',
				arn: text(answer.Arn) ?? '',
				userId: text(answer.UserId) ?? '',
			};
		},
	};
}

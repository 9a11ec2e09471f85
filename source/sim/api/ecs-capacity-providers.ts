/** DescribeCapacityProviders: the account's providers plus the FARGATE ones every account has. */
import {invalidParameter} from '../errors.js';
import type {OperationTable} from '../handler.js';
import type {World} from '../world/world.js';
import type {CapacityProviderState} from '../world/types.js';
import {includeFlags, optionalInteger, optionalString, optionalStringList} from './ecs-input.js';
import {capacityProviderArnFor, describeEach, requireCluster} from './ecs-lookup.js';
import {serializeCapacityProvider} from './ecs-serialize.js';
import {paginate} from './pagination.js';

const MAX_NAMED_PROVIDERS = 100;

function builtInProvider(world: World, name: 'FARGATE' | 'FARGATE_SPOT'): CapacityProviderState {
	return {name, arn: capacityProviderArnFor(world, name), status: 'ACTIVE', tags: []};
}

/** Every provider the account can name, in ECS's order: the built-in Fargate ones first. */
function allProviders(world: World): CapacityProviderState[] {
	const providers = [...world.capacityProviders.values()];
	const builtIns = (['FARGATE', 'FARGATE_SPOT'] as const)
		.filter((name) => !world.capacityProviders.has(name))
		.map((name) => builtInProvider(world, name));
	return [...builtIns, ...providers];
}

export const capacityProviderHandlers: OperationTable = {
	DescribeCapacityProviders(input, {world}) {
		const includeTags = includeFlags(input, ['TAGS'] as const).has('TAGS');
		const names = optionalStringList(input, 'capacityProviders');
		const clusterRef = optionalString(input, 'cluster');
		let candidates = allProviders(world);
		if (clusterRef !== undefined) {
			const cluster = requireCluster(world, clusterRef);
			candidates = candidates.filter((provider) =>
				cluster.capacityProviders.includes(provider.name),
			);
		}

		if (names !== undefined && names.length > 0) {
			if (names.length > MAX_NAMED_PROVIDERS) {
				throw invalidParameter(`capacityProviders can have at most ${MAX_NAMED_PROVIDERS} items.`);
			}
			const {described, failures} = describeEach(
				names,
				(name) => candidates.find((p) => p.name === name || p.arn === name),
				(provider) => serializeCapacityProvider(provider, includeTags),
				(name) => capacityProviderArnFor(world, name),
			);
			return {capacityProviders: described, failures};
		}

		const page = paginate(candidates, {
			operation: 'DescribeCapacityProviders',
			maxResults: optionalInteger(input, 'maxResults'),
			nextToken: optionalString(input, 'nextToken'),
			defaultSize: 10,
			maxSize: 10,
		});
		return {
			capacityProviders: page.items.map((provider) =>
				serializeCapacityProvider(provider, includeTags),
			),
			failures: [],
			nextToken: page.nextToken,
		};
	},
};

/** ECS cluster operations: ListClusters, DescribeClusters, CreateCluster. */
import {invalidParameter} from '../errors.js';
import type {OperationTable} from '../handler.js';
import type {CapacityProviderStrategyItem, ClusterState, Tag} from '../world/types.js';
import {
	definedMembers,
	includeFlags,
	optionalInteger,
	optionalList,
	optionalString,
	optionalStringList,
} from './ecs-input.js';
import {clusterArnFor, describeEach} from './ecs-lookup.js';
import {serializeCluster, type ClusterField} from './ecs-serialize.js';
import {strategyItem} from './ecs-shared-inputs.js';
import {paginate} from './pagination.js';

const CLUSTER_FIELDS: readonly ClusterField[] = [
	'ATTACHMENTS',
	'CONFIGURATIONS',
	'SETTINGS',
	'STATISTICS',
	'TAGS',
];

const MAX_DESCRIBE_CLUSTERS = 100;

export const clusterHandlers: OperationTable = {
	ListClusters(input, {world}) {
		const live = [...world.clusters.values()].filter((cluster) => cluster.status !== 'INACTIVE');
		const page = paginate(
			live.map((cluster) => cluster.arn),
			{
				operation: 'ListClusters',
				maxResults: optionalInteger(input, 'maxResults'),
				nextToken: optionalString(input, 'nextToken'),
				defaultSize: 100,
				maxSize: 100,
			},
		);
		return {clusterArns: page.items, nextToken: page.nextToken};
	},

	DescribeClusters(input, {world}) {
		// Without names ECS describes the default cluster.
		const names = optionalStringList(input, 'clusters') ?? ['default'];
		if (names.length > MAX_DESCRIBE_CLUSTERS) {
			throw invalidParameter(`clusters can have at most ${MAX_DESCRIBE_CLUSTERS} items.`);
		}
		const include = includeFlags(input, CLUSTER_FIELDS);
		const {described, failures} = describeEach(
			names,
			(name) => world.resolveCluster(name),
			(cluster) => serializeCluster(cluster, include),
			(name) => clusterArnFor(world, name),
		);
		return {clusters: described, failures};
	},

	CreateCluster(input, {world}) {
		const clusterName = optionalString(input, 'clusterName') ?? 'default';
		if (!/^[a-zA-Z0-9_-]{1,255}$/.test(clusterName)) {
			throw invalidParameter(
				'Cluster name can only contain alphanumeric characters, hyphens and underscores, and be up to 255 characters long.',
			);
		}
		const cluster = world.createCluster(
			definedMembers({
				clusterName,
				capacityProviders: optionalStringList(input, 'capacityProviders'),
				defaultCapacityProviderStrategy: optionalList<CapacityProviderStrategyItem>(
					input,
					'defaultCapacityProviderStrategy',
				)?.map(strategyItem),
				settings: optionalList<ClusterState['settings'][number]>(input, 'settings'),
				tags: optionalList<Tag>(input, 'tags'),
			}),
		);
		return {cluster: serializeCluster(cluster, new Set(['SETTINGS', 'TAGS']))};
	},
};

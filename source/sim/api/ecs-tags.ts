/**
 * ECS tagging: ListTagsForResource, TagResource, UntagResource. Tags carry no simulation
 * semantics, so they are edited here on the resource's tag list rather than through the world.
 */
import {clusterNotFound, invalidParameter} from '../errors.js';
import type {OperationTable} from '../handler.js';
import type {World} from '../world/world.js';
import type {Tag} from '../world/types.js';
import {optionalList, optionalStringList, requiredString} from './ecs-input.js';

const MAX_TAGS = 50;

function resourceNotFound(): Error {
	return invalidParameter('The specified resource is not found.');
}

/** The tag list of whatever ECS resource the ARN names. */
function tagsOf(world: World, arn: string): Tag[] {
	const match = /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:([a-z-]+)\/(.+)$/.exec(arn);
	if (match === null) throw invalidParameter('The ARN provided is invalid.');
	const [, type, path] = match as unknown as [string, string, string];
	if (type === 'task-definition') {
		const definition = world.resolveTaskDefinition(arn);
		if (definition === undefined) throw resourceNotFound();
		return definition.tags;
	}
	if (type === 'capacity-provider') {
		const provider = world.capacityProviders.get(path);
		if (provider === undefined) throw resourceNotFound();
		return provider.tags;
	}
	if (type === 'cluster') {
		const cluster = world.resolveCluster(path);
		if (cluster === undefined) throw clusterNotFound();
		return cluster.tags;
	}
	const slash = path.indexOf('/');
	const cluster = slash === -1 ? undefined : world.resolveCluster(path.slice(0, slash));
	if (cluster === undefined) throw clusterNotFound();
	const resource =
		type === 'service'
			? world.resolveService(cluster, arn)
			: type === 'task'
				? world.resolveTask(cluster, arn)
				: type === 'container-instance'
					? world.resolveContainerInstance(cluster, arn)
					: undefined;
	if (resource === undefined) throw resourceNotFound();
	return resource.tags;
}

export const tagHandlers: OperationTable = {
	ListTagsForResource(input, {world}) {
		return {tags: tagsOf(world, requiredString(input, 'resourceArn')).map((tag) => ({...tag}))};
	},

	TagResource(input, {world}) {
		const tags = tagsOf(world, requiredString(input, 'resourceArn'));
		const merged = new Map(tags.map((tag) => [tag.key, tag.value]));
		for (const tag of optionalList<Tag>(input, 'tags') ?? []) {
			if (typeof tag?.key !== 'string' || tag.key === '') {
				throw invalidParameter('Tag key can not be blank.');
			}
			merged.set(tag.key, tag.value ?? '');
		}
		// Checked before anything changes: a refused call leaves the tags as they were.
		if (merged.size > MAX_TAGS) {
			throw invalidParameter(`A resource can have at most ${MAX_TAGS} tags.`);
		}
		tags.splice(0, tags.length, ...[...merged].map(([key, value]) => ({key, value})));
		return {};
	},

	UntagResource(input, {world}) {
		const tags = tagsOf(world, requiredString(input, 'resourceArn'));
		const keys = new Set(optionalStringList(input, 'tagKeys') ?? []);
		const kept = tags.filter((tag) => !keys.has(tag.key));
		tags.splice(0, tags.length, ...kept);
		return {};
	},
};

// Realistic model objects for the detail view tests: the shapes the adapters return, with
// values as AWS reports them, from the shared builders at a fixed clock. Each factory takes
// overrides for the one thing a test is about.
import {modelBuilders, minutes} from '../helpers/model-builders.js';

export const account = '123456789012';
export const region = 'us-east-1';
/** A fixed "now" so ages are exact: 2024-06-01T12:00:00Z. */
export const now = Date.UTC(2024, 5, 1, 12, 0, 0);
export {minutes};

const build = modelBuilders({now, account, region});

export const clusterArn = build.arn('cluster/web');

export function taskDefinitionArn(familyRevision: string): string {
	return build.arn(`task-definition/${familyRevision}`);
}

export const containerInstanceArn = build.containerInstance().arn;

export const {
	deployment,
	serviceEvent,
	service,
	container,
	task,
	containerInstance,
	ec2Instance,
	containerDefinition,
	taskDefinition,
	series,
} = build;

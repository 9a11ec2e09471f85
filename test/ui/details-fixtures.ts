// Realistic model objects for the detail view tests: the shapes the adapters return, with
// values as AWS reports them, from the shared builders at a fixed clock. Each factory takes
// overrides for the one thing a test is about.
import {fitLine, labelWidth, type DetailLine} from '../../source/ui/details/detail-lines.js';
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

/** The lines as a user reads them at `width` columns, without styling. */
export function plain(lines: readonly DetailLine[], width = 200): string[] {
	const labels = labelWidth(lines);
	return lines.map((line) =>
		fitLine(line, width, labels)
			.map((part) => part.text)
			.join('')
			.trimEnd(),
	);
}

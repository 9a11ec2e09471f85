/**
 * The fleet data the panes show, read from the fleet store, and each pane's list as the UI state
 * filters and sorts it. A refresh that keeps the entities keeps the lists.
 */
import {useMemo} from 'react';
import type {Cluster} from '../../model/cluster.js';
import type {ContainerInstance} from '../../model/container-instance.js';
import {launchingInstances} from '../../model/instance-lifecycle.js';
import {serviceTrouble} from '../../model/service-state.js';
import type {Service} from '../../model/service.js';
import type {Task} from '../../model/task.js';
import {
	metricSeriesKey,
	taskScopeKey,
	type ClusterView,
	type Focus,
} from '../../store/fleet-store.js';
import type {SortState} from '../components/table.js';
import {asciiMeter, unicodeMeter} from '../components/meter.js';
import {useFleet} from '../hooks/use-fleet.js';
import {useEc2InstanceIds, usePaneList} from '../hooks/use-pane-list.js';
import type {PaneId} from '../layout.js';
import type {PaneList} from '../panes/pane-list.js';
import {
	clustersPane,
	instancesPane,
	servicesPane,
	tasksPane,
	type PaneDefinition,
	type RowContext,
} from '../panes/pane-rows.js';
import {stoppedTasksPane} from '../panes/stopped-task-rows.js';
import {useTheme} from '../theme.js';
import {useUi} from '../ui-store.js';
import {sortOf} from '../ui-state.js';

export const paneDefinitions = {
	clusters: clustersPane,
	instances: instancesPane,
	services: servicesPane,
	tasks: tasksPane,
} as const;

export const defaultSorts: Record<PaneId, SortState> = {
	clusters: clustersPane.defaultSort,
	instances: instancesPane.defaultSort,
	services: servicesPane.defaultSort,
	tasks: tasksPane.defaultSort,
};

export type PaneLists = {
	readonly clusters: PaneList<Cluster>;
	readonly instances: PaneList<ContainerInstance>;
	readonly services: PaneList<Service>;
	readonly tasks: PaneList<Task>;
};

/** The definitions each pane's list was built with: the tasks pane's follows `t`. */
export type PaneDefinitions = {
	readonly clusters: PaneDefinition<Cluster>;
	readonly instances: PaneDefinition<ContainerInstance>;
	readonly services: PaneDefinition<Service>;
	readonly tasks: PaneDefinition<Task>;
};

export type PaneData = {
	readonly clusters: readonly Cluster[];
	readonly services: readonly Service[];
	readonly instances: readonly ContainerInstance[];
	readonly tasks: readonly Task[];
	readonly focus: Focus;
	readonly clusterView: ClusterView | undefined;
	/** The task scope key of the focus: its service's or its cluster's tasks. */
	readonly scope: string | undefined;
	readonly context: RowContext;
	readonly lists: PaneLists;
	readonly definitions: PaneDefinitions;
};

const noClusters: readonly Cluster[] = [];
const noServices: readonly Service[] = [];
const noInstances: readonly ContainerInstance[] = [];
const noTasks: readonly Task[] = [];

export function usePaneData(): PaneData {
	const theme = useTheme();
	const filters = useUi((state) => state.filters);
	const sorts = useUi((state) => state.sorts);
	// t: the scope's stopped tasks (ECS keeps them about an hour), fetched only while shown.
	const showStopped = useUi((state) => state.stoppedTasks);
	const tasksField = showStopped ? 'stoppedTasks' : 'tasks';
	const tasksSort = useUi((state) => sortOf(state, 'tasks'));
	const tasksDefinition = showStopped ? stoppedTasksPane : tasksPane;

	const clusters = useFleet((state) => state.clusters) ?? noClusters;
	const focus = useFleet((state) => state.focus);
	const clusterView = useFleet((state) =>
		focus.clusterArn === undefined ? undefined : state.clusterViews[focus.clusterArn],
	);
	const scope = taskScopeKey(focus);
	const tasks =
		useFleet((state) => (scope === undefined ? undefined : state[tasksField][scope])) ?? noTasks;
	const metrics = useFleet((state) => state.metrics);
	// Stopped tasks' ages count from their own fetch, which runs at its own pace.
	const tasksFetchedAt = useFleet(
		(state) => state.dataSets[showStopped ? 'stopped-tasks' : 'tasks']?.fetchedAt,
	);
	const problemTasks = useFleet((state) => state.problemTasks);
	const servicesFetchedAt = useFleet((state) => state.dataSets.cluster?.fetchedAt);
	const awsClockOffsetMs = useFleet((state) => state.awsClockOffsetMs);
	const services = clusterView?.services ?? noServices;
	const instances = clusterView?.containerInstances ?? noInstances;
	// The instances pane also lists what the cluster's groups launched and ECS does not know yet.
	const groups = clusterView?.autoScalingGroups;
	const instanceRows = useMemo(() => {
		const launching = launchingInstances(groups ?? [], instances);
		return launching.length === 0 ? instances : [...instances, ...launching];
	}, [groups, instances]);

	// Ages are measured from the last fetch, not a ticking clock: the screen changes only when data
	// does. The times aged are AWS's, so the fetch's time is read on AWS's clock.
	const ec2InstanceIds = useEc2InstanceIds(instances);
	// A task on EC2 names an instance: with none listed, they have not arrived yet.
	const instancesKnown = instances.length > 0;
	const context: RowContext = useMemo(
		() => ({
			now: (tasksFetchedAt ?? 0) + awsClockOffsetMs,
			instancesKnown,
			sparklineRamp: theme.glyphs.sparkline,
			meterGlyphs: theme.unicode ? unicodeMeter : asciiMeter,
			metric: (arn, name) => metrics[metricSeriesKey(arn, name)],
			ec2InstanceId: (arn) => ec2InstanceIds.get(arn),
			textKey: ec2InstanceIds,
			// Event and stop times are AWS's: measured on its clock, from the latest fetch.
			serviceTrouble: (service) =>
				serviceTrouble(service, {
					now: Math.max(tasksFetchedAt ?? 0, servicesFetchedAt ?? 0) + awsClockOffsetMs,
					stoppedTasks: problemTasks[service.arn],
				}),
		}),
		[
			ec2InstanceIds,
			instancesKnown,
			metrics,
			tasksFetchedAt,
			theme,
			problemTasks,
			servicesFetchedAt,
			awsClockOffsetMs,
		],
	);

	const lists: PaneLists = {
		clusters: usePaneList(clustersPane, clusters, filters.clusters, sorts.clusters, context),
		instances: usePaneList(
			instancesPane,
			instanceRows,
			filters.instances,
			sorts.instances,
			context,
		),
		services: usePaneList(servicesPane, services, filters.services, sorts.services, context),
		tasks: usePaneList(tasksDefinition, tasks, filters.tasks, tasksSort, context),
	};
	const definitions = useMemo(
		() => ({...paneDefinitions, tasks: tasksDefinition}),
		[tasksDefinition],
	);
	return {
		clusters,
		services,
		instances,
		tasks,
		focus,
		clusterView,
		scope,
		context,
		lists,
		definitions,
	};
}

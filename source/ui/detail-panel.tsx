/**
 * The Enter view: the selected service, task or container instance in full, with the task
 * definition it runs when that is cached. Finds the entity in the store by pane and ARN (it may
 * be gone by the next refresh: then it says so) and shows the lines the detail builders make.
 */
import {useEffect, useLayoutEffect, useMemo} from 'react';
import type {ContainerInstance} from '../model/container-instance.js';
import {groupMembership, isLaunchingRow, launchingInstances} from '../model/instance-lifecycle.js';
import {hasUnplacedTasks, placementReport} from '../model/placement-reasons.js';
import type {Service} from '../model/service.js';
import type {ActionRunner} from '../store/writes/types.js';
import {useRollout} from './revisions/use-rollout.js';
import type {Task} from '../model/task.js';
import {metricSeriesKey, taskScopeKey, type FleetState} from '../store/fleet-store.js';
import {Pane, paneContentSize} from './components/pane.js';
import {
	blank,
	clampDetailScroll,
	detailRowCount,
	detailViewport,
	heading,
	text,
	type DetailLine,
} from './details/detail-lines.js';
import {DetailView} from './details/detail-view.js';
import {clusterDetailLines} from './details/cluster-detail.js';
import {instanceDetailLines} from './details/instance-detail.js';
import {serviceDetailLines} from './details/service-detail.js';
import {taskDefinitionDetailLines} from './details/task-definition-detail.js';
import {taskDetailLines} from './details/task-detail.js';
import {useFleet, useFleetStore} from './hooks/use-fleet.js';
import type {PaneId} from './layout.js';
import {useTheme} from './theme.js';
import type {TextViewport} from './ui-state.js';

export type DetailPanelProps = {
	readonly pane: PaneId;
	readonly id: string;
	readonly scroll: number;
	readonly width: number;
	readonly height: number;
	/** Told, after each render, how far the text can scroll and how long a page is. */
	readonly onViewport: (viewport: TextViewport) => void;
	/** The action layer: a service's rollout it follows is shown. */
	readonly runner?: ActionRunner | undefined;
};

const noTasks: readonly Task[] = [];

function focusedView(state: FleetState) {
	return state.focus.clusterArn === undefined
		? undefined
		: state.clusterViews[state.focus.clusterArn];
}

function findTask(state: FleetState, arn: string): Task | undefined {
	const scope = taskScopeKey(state.focus);
	if (scope === undefined) return undefined;
	return (
		state.tasks[scope]?.find((task) => task.arn === arn) ??
		state.stoppedTasks[scope]?.find((task) => task.arn === arn)
	);
}

export function DetailPanel({
	pane,
	id,
	scroll,
	width,
	height,
	onViewport,
	runner,
}: DetailPanelProps) {
	const theme = useTheme();
	const rollout = useRollout(runner, pane === 'services' ? id : undefined);
	const service: Service | undefined = useFleet((state) =>
		pane === 'services' ? focusedView(state)?.services.find((s) => s.arn === id) : undefined,
	);
	const registered: ContainerInstance | undefined = useFleet((state) =>
		pane === 'instances'
			? focusedView(state)?.containerInstances.find((i) => i.arn === id)
			: undefined,
	);
	const view = useFleet(focusedView);
	const cluster = useFleet((state) =>
		pane === 'clusters' ? state.clusters.find((c) => c.arn === id) : undefined,
	);
	const clusterView = useFleet((state) =>
		pane === 'clusters' ? state.clusterViews[id] : undefined,
	);
	// An instance its group launched and ECS does not know yet is a row too (its id says so).
	const instance = useMemo(
		() =>
			registered ??
			(pane === 'instances' && isLaunchingRow({arn: id}) && view !== undefined
				? launchingInstances(view.autoScalingGroups, view.containerInstances).find(
						(i) => i.arn === id,
					)
				: undefined),
		[registered, pane, id, view],
	);
	const membership = useMemo(
		() =>
			instance === undefined
				? undefined
				: groupMembership(view?.autoScalingGroups ?? [], instance.ec2InstanceId),
		[instance, view],
	);
	const serviceScope = useFleet((state) =>
		state.focus.serviceArn === undefined
			? undefined
			: focusedView(state)?.services.find((s) => s.arn === state.focus.serviceArn)?.name,
	);
	const task: Task | undefined = useFleet((state) =>
		pane === 'tasks' ? findTask(state, id) : undefined,
	);
	const taskInstance: ContainerInstance | undefined = useFleet((state) =>
		task?.containerInstanceArn === undefined
			? undefined
			: focusedView(state)?.containerInstances.find((i) => i.arn === task.containerInstanceArn),
	);
	const scopeTasks =
		useFleet((state) => {
			const scope = taskScopeKey(state.focus);
			return scope === undefined ? undefined : state.tasks[scope];
		}) ?? noTasks;
	const clusterInstances = useFleet((state) =>
		service === undefined ? undefined : focusedView(state)?.containerInstances,
	);
	const taskDefinitionArn = service?.taskDefinition ?? task?.taskDefinitionArn;
	const taskDefinition = useFleet((state) =>
		taskDefinitionArn === undefined ? undefined : state.taskDefinitions[taskDefinitionArn],
	);
	const ec2 = useFleet((state) =>
		instance?.ec2InstanceId === undefined ? undefined : state.ec2Instances[instance.ec2InstanceId],
	);
	const cpu = useFleet((state) =>
		service ? state.metrics[metricSeriesKey(service.arn, 'CPUUtilization')] : undefined,
	);
	const memory = useFleet((state) =>
		service ? state.metrics[metricSeriesKey(service.arn, 'MemoryUtilization')] : undefined,
	);
	// Ages from the last fetch, not a ticking clock.
	const now = useFleet(
		(state) => state.dataSets.cluster?.fetchedAt ?? state.dataSets.clusters?.fetchedAt ?? 0,
	);

	// EC2's facts are fetched only while an instance's detail is on screen.
	const store = useFleetStore();
	useEffect(() => {
		if (pane !== 'instances') return;
		store.getState().wants.showEc2Details(true);
		return () => store.getState().wants.showEc2Details(false);
	}, [store, pane]);

	const inner = paneContentSize(width, height);
	const lines: DetailLine[] = useMemo(() => {
		const context = {width: inner.width, now, glyphs: theme.glyphs};
		let body: DetailLine[];
		if (cluster) body = clusterDetailLines({cluster, view: clusterView}, context);
		else if (service) {
			const waiting = Math.max(
				1,
				service.desiredCount - service.runningCount - service.pendingCount,
			);
			const placement =
				taskDefinition && clusterInstances && hasUnplacedTasks(service)
					? {
							report: placementReport({
								service,
								taskDefinition,
								instances: clusterInstances,
								tasks: scopeTasks,
							}),
							waiting,
						}
					: undefined;
			body = serviceDetailLines({service, cpu, memory, rollout, placement}, context);
		} else if (task) body = taskDetailLines({task, containerInstance: taskInstance}, context);
		else if (instance) {
			const placed = scopeTasks.filter((t) => t.containerInstanceArn === instance.arn);
			body = instanceDetailLines(
				{instance, tasks: placed, ec2, membership, tasksScope: serviceScope},
				context,
			);
		} else
			return [
				text({text: 'It is gone: it no longer exists, or left the selected scope. Esc goes back.'}),
			];
		if (taskDefinition && (service || task)) {
			body = [
				...body,
				blank,
				heading('Task definition'),
				...taskDefinitionDetailLines({taskDefinition}, context),
			];
		}
		return body;
	}, [
		cluster,
		clusterView,
		membership,
		serviceScope,
		service,
		rollout,
		task,
		instance,
		taskInstance,
		scopeTasks,
		clusterInstances,
		ec2,
		taskDefinition,
		cpu,
		memory,
		now,
		inner.width,
		theme.glyphs,
	]);

	// Scrolling moves through rows: a long line wraps into several.
	const rowCount = useMemo(() => detailRowCount(lines, inner.width), [lines, inner.width]);
	const clamped = clampDetailScroll(rowCount, inner.height, scroll);
	const {maxScroll, page} = detailViewport(rowCount, inner.height);
	useLayoutEffect(() => onViewport({maxScroll, page}), [maxScroll, page, onViewport]);

	const title =
		cluster?.name ??
		service?.name ??
		(task ? `task ${task.id.slice(0, 8)}` : undefined) ??
		instance?.ec2InstanceId ??
		'detail';
	return (
		<Pane title={`${title}  (Esc back, j/k scroll)`} focused width={width} height={height}>
			<DetailView lines={lines} width={inner.width} height={inner.height} scrollOffset={clamped} />
		</Pane>
	);
}
